//! `whistlebox pull` (online machine): copies new ciphertext from the relay
//! into the store (PROTOCOL.md §4.2, §5). It needs no key.
//!
//! The relay is not trusted: every body is streamed through the envelope
//! [`Checker`] (PROTOCOL.md §2, rules E1–E8, built from `GET /api/team`) while
//! it is written to a temporary file, and must have exactly the size the inbox
//! announced. A body that breaks a rule is not stored; it is reported with its
//! id and the rule, the other objects are still fetched, and the command exits
//! non-zero at the end. Everything the relay sends that ends up in a path (ids,
//! days) is validated first. The bearer token is read from a file, kept in a
//! secret type and never printed.

use std::fs;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Duration;

use age::secrecy::{ExposeSecret, SecretString};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use whistlebox_core::envelope::{Checker, Rules, StanzaType};
use whistlebox_core::team::{Keyset, MAX_INVESTIGATORS};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::plan::PullPlan;
use crate::store::{ObjectMeta, Store};
use crate::term;

/// `limit` asked of `GET /api/inbox` (the relay's maximum).
const PAGE: u32 = 1000;
/// Bound on the JSON answers read from the relay.
const JSON_MAX: u64 = 8 << 20;
/// Bound on an error body read from the relay.
const ERROR_BODY_MAX: u64 = 4096;

/// One investigator in `GET /api/team`.
#[derive(Debug, Deserialize)]
pub struct TeamMember {
    /// Investigator id.
    pub id: String,
    /// The age recipient.
    pub recipient: String,
}

/// The answer of `GET /api/team` (PROTOCOL.md §4.1); only what pull needs.
#[derive(Debug, Deserialize)]
pub struct TeamInfo {
    /// The keyset fingerprint (64 hex).
    pub fingerprint: String,
    /// `X25519` or `mlkem768x25519`.
    pub stanza_type: String,
    /// The fewest recipient stanzas a body may have (E4).
    pub min_recipients: usize,
    /// The largest body the relay accepts (E8).
    pub max_body_bytes: u64,
    /// The investigators, in file order.
    pub investigators: Vec<TeamMember>,
}

/// The answer of `GET /api/inbox`.
#[derive(Debug, Deserialize)]
struct Inbox {
    items: Vec<ObjectMeta>,
    more: bool,
}

/// The relay's error body (PROTOCOL.md §4).
#[derive(Debug, Deserialize)]
struct ApiError {
    error: String,
    message: String,
}

/// Builds the envelope rules from the relay's team answer, checking it
/// (and, if the investigator pinned one, comparing it with the published keyset).
pub fn rules(team: &TeamInfo, pinned: Option<&Keyset>) -> Result<Rules, Error> {
    let bad = |reason: String| Error::RelayProtocol {
        what: "GET /api/team".into(),
        reason,
    };
    let stanza_type = match team.stanza_type.as_str() {
        "X25519" => StanzaType::X25519,
        "mlkem768x25519" => StanzaType::MlKem768X25519,
        other => return Err(bad(format!("unknown stanza type {:?}", term::line(other)))),
    };
    let n = team.investigators.len();
    if n == 0 || n > MAX_INVESTIGATORS {
        return Err(bad(format!(
            "the team has {n} investigators (1–{MAX_INVESTIGATORS} allowed)"
        )));
    }
    if team.min_recipients == 0 || team.min_recipients > n {
        return Err(bad(format!(
            "min_recipients {} is not between 1 and the team size {n}",
            team.min_recipients
        )));
    }
    if team.max_body_bytes == 0 {
        return Err(bad("max_body_bytes is 0".into()));
    }
    if let Some(keyset) = pinned {
        let mismatch = |reason: String| Error::TeamMismatch { reason };
        if keyset.fingerprint() != team.fingerprint {
            return Err(mismatch(format!(
                "its fingerprint is {}, the published keyset's is {}",
                term::line(&team.fingerprint),
                keyset.fingerprint()
            )));
        }
        if keyset.stanza_type() != stanza_type {
            return Err(mismatch(format!(
                "it announces {} stanzas, the published keyset has {} recipients",
                stanza_type.label(),
                keyset.stanza_type().label()
            )));
        }
        let served: Vec<(&str, &str)> = team
            .investigators
            .iter()
            .map(|i| (i.id.as_str(), i.recipient.as_str()))
            .collect();
        let published: Vec<(&str, &str)> = keyset
            .investigators
            .iter()
            .map(|i| (i.id.as_str(), i.recipient.as_str()))
            .collect();
        if served != published {
            return Err(mismatch(
                "it lists other investigators or recipients than the published keyset".into(),
            ));
        }
    }
    Ok(Rules {
        stanza_type,
        min_stanzas: team.min_recipients,
        max_stanzas: n,
        max_body_bytes: team.max_body_bytes,
        grease: false,
    })
}

/// Reads and checks the token file: one `wbt_` token (PROTOCOL.md §4.6).
pub fn read_token(path: &Path) -> Result<SecretString, Error> {
    let bad = |reason: &str| Error::TokenFile {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    let mut raw = Zeroizing::new(Vec::new());
    fs::File::open(path)
        .and_then(|f| f.take(4097).read_to_end(&mut raw))
        .map_err(|e| Error::TokenFile {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if raw.len() > 4096 {
        return Err(bad("it is too large to hold a token"));
    }
    let text = std::str::from_utf8(&raw).map_err(|_| bad("it is not UTF-8 text"))?;
    let token = text.trim();
    let well_formed = token.strip_prefix("wbt_").is_some_and(|b| {
        b.len() == 43
            && b.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    });
    if token.is_empty() {
        return Err(bad("it is empty"));
    }
    if !well_formed {
        return Err(bad(
            "it does not hold a whistlebox token (wbt_ and 43 base64url characters)",
        ));
    }
    Ok(SecretString::from(token.to_string()))
}

/// A connection to the relay.
struct Relay {
    agent: ureq::Agent,
    base: String,
    token: SecretString,
    token_file: std::path::PathBuf,
}

/// Why an object was not stored.
enum Fetch {
    /// The body broke a rule; the message names it.
    Rejected(String),
    /// The pull cannot go on.
    Fatal(Error),
}

impl From<Error> for Fetch {
    fn from(e: Error) -> Self {
        Fetch::Fatal(e)
    }
}

impl Relay {
    fn get(&self, path: &str) -> Result<ureq::Response, Error> {
        let what = format!("GET {}", path.split('?').next().unwrap_or(path));
        let auth = Zeroizing::new(format!("Bearer {}", self.token.expose_secret()));
        match self
            .agent
            .get(&format!("{}{path}", self.base))
            .set("Authorization", &auth)
            .call()
        {
            Ok(resp) if resp.status() == 200 => Ok(resp),
            Ok(resp) => Err(Error::RelayStatus {
                what,
                status: resp.status(),
                message: "unexpected status".into(),
            }),
            Err(ureq::Error::Status(401, _)) => Err(Error::Unauthorized {
                token_file: self.token_file.clone(),
            }),
            Err(ureq::Error::Status(status, resp)) => {
                let mut body = Vec::new();
                let _ = resp
                    .into_reader()
                    .take(ERROR_BODY_MAX)
                    .read_to_end(&mut body);
                let message = match serde_json::from_slice::<ApiError>(&body) {
                    Ok(e) => format!("{}: {}", e.error, e.message),
                    Err(_) => String::from_utf8_lossy(&body).into_owned(),
                };
                Err(Error::RelayStatus {
                    what,
                    status,
                    message: term::shorten(&term::line(message.trim()), 300),
                })
            }
            Err(ureq::Error::Transport(t)) => Err(Error::Network {
                url: self.base.clone(),
                reason: term::line(&t.to_string()),
            }),
        }
    }

    fn get_json<T: for<'de> Deserialize<'de>>(&self, path: &str) -> Result<T, Error> {
        let resp = self.get(path)?;
        let mut body = Vec::new();
        let what = format!("GET {}", path.split('?').next().unwrap_or(path));
        resp.into_reader()
            .take(JSON_MAX + 1)
            .read_to_end(&mut body)
            .map_err(|e| Error::Network {
                url: self.base.clone(),
                reason: e.to_string(),
            })?;
        if body.len() as u64 > JSON_MAX {
            return Err(Error::RelayProtocol {
                what,
                reason: "the answer is too large".into(),
            });
        }
        serde_json::from_slice(&body).map_err(|e| Error::RelayProtocol {
            what,
            reason: format!("invalid JSON: {e}"),
        })
    }

    /// Downloads one object into the store, checking it on the way.
    fn fetch(
        &self,
        store: &Store,
        item: &ObjectMeta,
        rules: &Rules,
        progress: &ProgressBar,
    ) -> Result<(), Fetch> {
        let resp = self.get(&format!("/api/objects/{}", item.id))?;
        if let Some(len) = resp
            .header("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
        {
            if len > rules.max_body_bytes {
                return Err(Fetch::Rejected(format!(
                    "rule E8: the body is larger than {} bytes [too_large]",
                    rules.max_body_bytes
                )));
            }
        }
        let (mut file, part) = store.begin(item)?;
        let result = (|| {
            let mut checker = Checker::new(rules.clone());
            let mut reader = resp.into_reader();
            let mut buf = vec![0u8; 64 * 1024];
            let mut total: u64 = 0;
            loop {
                let n = reader.read(&mut buf).map_err(|e| {
                    Fetch::Fatal(Error::Network {
                        url: self.base.clone(),
                        reason: format!("download of {} broke off: {e}", item.id),
                    })
                })?;
                if n == 0 {
                    break;
                }
                checker
                    .update(&buf[..n])
                    .map_err(|e| Fetch::Rejected(format!("{e} [{}]", e.code())))?;
                file.write_all(&buf[..n])
                    .map_err(|e| Fetch::Fatal(Error::io("cannot write", &part)(e)))?;
                total += n as u64;
                progress.inc(n as u64);
            }
            checker
                .finish()
                .map_err(|e| Fetch::Rejected(format!("{e} [{}]", e.code())))?;
            if total != item.size {
                return Err(Fetch::Rejected(format!(
                    "the relay announced {} bytes and sent {total}",
                    item.size
                )));
            }
            Ok(())
        })();
        match result {
            Ok(()) => Ok(store.commit(item, file, &part)?),
            Err(e) => {
                drop(file);
                let _ = fs::remove_file(&part);
                Err(e)
            }
        }
    }
}

fn warn_plain_http(url: &str) {
    let Some(rest) = url.strip_prefix("http://") else {
        return;
    };
    let host = rest.split(['/', ':']).next().unwrap_or("");
    let local = host == "localhost" || host.starts_with("127.") || rest.starts_with("[::1]");
    if !host.ends_with(".onion") && !local {
        eprintln!(
            "warning: {url} uses plain http: the token travels unencrypted; use https or an onion address"
        );
    }
}

/// Runs `pull`; writes the summary to `out`.
pub fn run(plan: &PullPlan, out: &mut dyn Write) -> Result<(), Error> {
    // Read everything local first, so a bad file fails before any request.
    let token = read_token(&plan.token_file)?;
    let pinned = match &plan.team {
        Some(path) => {
            let text = fs::read_to_string(path).map_err(|e| Error::TeamFile {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            Some(Keyset::from_toml(&text).map_err(|e| Error::TeamFile {
                path: path.clone(),
                reason: e.to_string(),
            })?)
        }
        None => None,
    };
    let store = Store::create(&plan.store)?;
    let mut after = store.highest_seq()?;
    warn_plain_http(&plan.relay);

    let mut builder = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(60))
        .timeout_read(Duration::from_secs(120))
        .redirects(0)
        .user_agent("whistlebox");
    if let Some(proxy) = &plan.proxy {
        let proxy = ureq::Proxy::new(proxy).map_err(|e| Error::Usage {
            what: format!("invalid --proxy: {e}"),
            hint: "use --proxy socks5h://127.0.0.1:9050".into(),
        })?;
        builder = builder.proxy(proxy);
    }
    let relay = Relay {
        agent: builder.build(),
        base: plan.relay.clone(),
        token,
        token_file: plan.token_file.clone(),
    };

    let team: TeamInfo = relay.get_json("/api/team")?;
    let rules = rules(&team, pinned.as_ref())?;

    let mut pulled: Vec<u64> = Vec::new();
    let mut rejected = 0usize;
    let mut prev = after;
    loop {
        let inbox: Inbox = relay.get_json(&format!("/api/inbox?after={after}&limit={PAGE}"))?;
        let bad = |reason: String| Error::RelayProtocol {
            what: "GET /api/inbox".into(),
            reason,
        };
        let mut last = after;
        for item in &inbox.items {
            item.validate()
                .map_err(|r| bad(format!("item seq {}: {r}", item.seq)))?;
            if item.seq <= last {
                return Err(bad(format!(
                    "seq {} is not above {last}; items must be in ascending seq",
                    item.seq
                )));
            }
            last = item.seq;
        }
        if inbox.items.is_empty() {
            if inbox.more {
                return Err(bad("it says there is more but lists nothing".into()));
            }
            break;
        }
        let progress = if std::io::stderr().is_terminal() {
            let total = inbox
                .items
                .iter()
                .fold(0u64, |sum, i| sum.saturating_add(i.size));
            let bar = ProgressBar::new(total);
            if let Ok(style) =
                ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(format!("pulling {} objects", inbox.items.len()));
            bar
        } else {
            ProgressBar::hidden()
        };
        for item in &inbox.items {
            if item.seq != prev + 1 {
                progress.suspend(|| {
                    eprintln!(
                        "warning: the relay's inbox skips from seq {prev} to {}: objects are numbered without gaps (PROTOCOL.md §4.3), so some may have been dropped",
                        item.seq
                    )
                });
            }
            prev = item.seq;
            match relay.fetch(&store, item, &rules, &progress) {
                Ok(()) => pulled.push(item.seq),
                Err(Fetch::Rejected(rule)) => {
                    rejected += 1;
                    progress.suspend(|| {
                        eprintln!(
                            "error: object {} (seq {}) was not stored: {}",
                            item.id,
                            item.seq,
                            term::line(&rule)
                        )
                    });
                }
                Err(Fetch::Fatal(e)) => {
                    progress.finish_and_clear();
                    return Err(e);
                }
            }
        }
        progress.finish_and_clear();
        after = last;
        if !inbox.more {
            break;
        }
    }

    let held = store.objects()?.len();
    let line = match (pulled.first(), pulled.last()) {
        (Some(first), Some(last)) if first == last => {
            format!("pulled 1 new object (seq {first}), store holds {held}")
        }
        (Some(first), Some(last)) => format!(
            "pulled {} new objects (seq {first}–{last}), store holds {held}",
            pulled.len()
        ),
        _ => format!("no new objects, store holds {held}"),
    };
    writeln!(out, "{line}").map_err(Error::Stdout)?;
    if rejected > 0 {
        return Err(Error::Rejected { count: rejected });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(stanza: &str, min: usize, n: usize) -> TeamInfo {
        TeamInfo {
            fingerprint: "0".repeat(64),
            stanza_type: stanza.into(),
            min_recipients: min,
            max_body_bytes: 1 << 20,
            investigators: (0..n)
                .map(|i| TeamMember {
                    id: format!("i{i}"),
                    recipient: format!("age1{i}"),
                })
                .collect(),
        }
    }

    #[test]
    fn rules_come_from_the_team() {
        let r = rules(&team("X25519", 2, 3), None).unwrap();
        assert_eq!(r.stanza_type, StanzaType::X25519);
        assert_eq!((r.min_stanzas, r.max_stanzas), (2, 3));
        assert!(rules(&team("scrypt", 1, 3), None).is_err());
        assert!(rules(&team("X25519", 4, 3), None).is_err());
        assert!(rules(&team("X25519", 0, 3), None).is_err());
        assert!(rules(&team("X25519", 1, 0), None).is_err());
        assert_eq!(
            rules(&team("mlkem768x25519", 1, 1), None)
                .unwrap()
                .stanza_type,
            StanzaType::MlKem768X25519
        );
    }

    #[test]
    fn a_pinned_keyset_must_match() {
        let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../keys/team.toml"))
            .unwrap();
        let keyset = Keyset::from_toml(&text).unwrap();
        let mut served = TeamInfo {
            fingerprint: keyset.fingerprint(),
            stanza_type: "X25519".into(),
            min_recipients: 1,
            max_body_bytes: 1 << 20,
            investigators: keyset
                .investigators
                .iter()
                .map(|i| TeamMember {
                    id: i.id.clone(),
                    recipient: i.recipient.clone(),
                })
                .collect(),
        };
        assert!(rules(&served, Some(&keyset)).is_ok());
        served.investigators[1].recipient = served.investigators[0].recipient.clone();
        assert!(matches!(
            rules(&served, Some(&keyset)),
            Err(Error::TeamMismatch { .. })
        ));
        served.fingerprint = "f".repeat(64);
        let err = rules(&served, Some(&keyset)).unwrap_err();
        assert!(err.to_string().contains("fingerprint"), "{err}");
    }

    #[test]
    fn token_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        let token = format!("wbt_{}", "A".repeat(43));
        fs::write(&path, format!("  {token}\n")).unwrap();
        assert_eq!(read_token(&path).unwrap().expose_secret(), token);
        fs::write(&path, "hunter2\n").unwrap();
        let err = read_token(&path).unwrap_err().to_string();
        assert!(err.contains("does not hold"), "{err}");
        assert!(!err.contains("hunter2"));
        fs::write(&path, "\n").unwrap();
        assert!(read_token(&path).unwrap_err().to_string().contains("empty"));
    }
}
