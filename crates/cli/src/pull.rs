//! `whistlebox pull` (online machine): copies new ciphertext from the relay
//! into the store (PROTOCOL.md §4.2, §5). It needs no key.
//!
//! The relay is not trusted: every body is streamed through the envelope
//! [`Checker`] (PROTOCOL.md §2, rules E1–E8, built from `GET /api/team`) while
//! it is written to a temporary file, and must have exactly the size the inbox
//! announced. A body that breaks a rule is not stored; it is reported with its
//! id and the rule, the other objects are still fetched, and the command exits
//! non-zero at the end. Each object is checked against the rules of the kind
//! the inbox names (PROTOCOL.md §8.3, `Rules::for_kind`): a reply may carry a
//! grease stanza, a report may not. Everything the relay sends that ends up in a path (ids,
//! days) is validated first. The bearer token is read from a file, kept in a
//! secret type and never printed.
//!
//! Deletions (PROTOCOL.md §12): an object this store purged is never
//! downloaded (its purged record gains the inbox's seq and leaf, so that the
//! log check can place its leaf), and an item the inbox lists as `deleted` is
//! recorded in `STORE/log/deleted/` instead of fetched. Pull resumes after
//! the highest seq held by an object, a purged record or a deleted item.

use std::fs;
use std::io::{IsTerminal, Read, Write};

use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use whistlebox_core::envelope::{Checker, Rules, StanzaType};
use whistlebox_core::report::Kind;
use whistlebox_core::team::{Keyset, MAX_INVESTIGATORS};

use crate::error::Error;
use crate::plan::PullPlan;
use crate::purge::PurgedDir;
use crate::relay::Relay;
use crate::store::{ObjectMeta, Store};
use crate::{logcheck, teamfile, term};

/// `limit` asked of `GET /api/inbox` (the relay's maximum).
const PAGE: u32 = 1000;

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

/// One item of `GET /api/inbox` (PROTOCOL.md §4.2): an object, or a
/// deleted one (`deleted` set, no `day`, no `mailbox`).
#[derive(Debug, Deserialize)]
struct InboxItem {
    id: String,
    seq: u64,
    kind: String,
    #[serde(default)]
    day: Option<String>,
    size: u64,
    #[serde(default)]
    mailbox: Option<bool>,
    #[serde(default)]
    leaf: Option<u64>,
    #[serde(default)]
    deleted: Option<u64>,
}

impl InboxItem {
    /// The object's metadata as the store keeps it; an error for a deleted
    /// object or a malformed item.
    fn meta(&self) -> Result<ObjectMeta, String> {
        let meta = ObjectMeta {
            id: self.id.clone(),
            seq: self.seq,
            kind: self.kind.clone(),
            day: self
                .day
                .clone()
                .ok_or("an object that is not deleted has no day")?,
            size: self.size,
            mailbox: self.mailbox,
            leaf: self.leaf,
        };
        meta.validate()?;
        Ok(meta)
    }

    /// A deleted item as `STORE/log/deleted/` records it (§10.7).
    fn deleted(&self, tombstone: u64) -> Result<logcheck::DeletedItem, String> {
        let item = logcheck::DeletedItem {
            id: self.id.clone(),
            seq: self.seq,
            kind: self.kind.clone(),
            size: self.size,
            leaf: self.leaf.ok_or("a deleted item has no leaf")?,
            deleted: tombstone,
        };
        item.validate()?;
        Ok(item)
    }
}

/// The answer of `GET /api/inbox`.
#[derive(Debug, Deserialize)]
struct Inbox {
    items: Vec<InboxItem>,
    more: bool,
}

/// The container kind an inbox item names (PROTOCOL.md §1.4), if known.
pub fn object_kind(kind: &str) -> Option<Kind> {
    match kind {
        "report" => Some(Kind::Report),
        "followup" => Some(Kind::Followup),
        "reply" => Some(Kind::Reply),
        "status" => Some(Kind::Status),
        _ => None,
    }
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

/// Downloads one object into the store, checking it on the way.
fn fetch(
    relay: &Relay,
    store: &Store,
    item: &ObjectMeta,
    rules: &Rules,
    progress: &ProgressBar,
) -> Result<(), Fetch> {
    let resp = relay.get(&format!("/api/objects/{}", item.id))?;
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
                    url: relay.base().to_string(),
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

/// Runs `pull`; writes the summary to `out`.
pub fn run(plan: &PullPlan, out: &mut dyn Write) -> Result<(), Error> {
    // Read everything local first, so a bad file fails before any request.
    let relay = Relay::connect(&plan.relay, plan.proxy.as_deref(), &plan.token_file)?;
    let pinned = plan.team.as_deref().map(teamfile::read).transpose()?;
    let store = Store::create(&plan.store)?;
    let purged = PurgedDir::of(store.root());
    let mut purged_ids: std::collections::HashMap<String, crate::purge::PurgedFile> = purged
        .records()?
        .into_iter()
        .map(|f| (f.record.id.clone(), f))
        .collect();
    let mut after = store
        .highest_seq()?
        .max(
            purged_ids
                .values()
                .filter_map(|f| f.record.seq)
                .max()
                .unwrap_or(0),
        )
        .max(
            logcheck::deleted_items(&store)?
                .iter()
                .map(|d| d.seq)
                .max()
                .unwrap_or(0),
        );

    // PROTOCOL.md §10.7: the checkpoint first, before anything else is read.
    let verified = logcheck::before_pull(&relay, &store, plan.log_key.as_deref())?;

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
            match item.deleted {
                None => item.meta().map(|_| ()),
                Some(tombstone) => item.deleted(tombstone).map(|_| ()),
            }
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
            // PROTOCOL.md §12.2: what this store purged is never fetched
            // again; its record learns the seq and leaf for the log check.
            if let Some(file) = purged_ids.get_mut(&item.id) {
                if file.record.seq.is_none() || file.record.leaf.is_none() {
                    file.record.seq = Some(item.seq);
                    file.record.leaf = item.leaf;
                    purged.write(&file.stem, &file.record)?;
                }
                continue;
            }
            if let Some(tombstone) = item.deleted {
                let deleted = item.deleted(tombstone).expect("validated above");
                logcheck::record_deleted(&store, &deleted)?;
                progress.suspend(|| {
                    eprintln!(
                        "note: object {} (seq {}) was deleted on the relay before this store \
                         held it (tombstone leaf {tombstone})",
                        item.id, item.seq
                    )
                });
                continue;
            }
            let item = &item.meta().expect("validated above");
            // PROTOCOL.md §8.3: the rules of the kind the inbox names.
            let result = match object_kind(&item.kind) {
                Some(kind) => fetch(&relay, &store, item, &rules.for_kind(kind), &progress),
                None => Err(Fetch::Rejected(format!(
                    "the inbox names the unknown kind {:?} (report, followup, reply or status)",
                    item.kind
                ))),
            };
            match result {
                Ok(()) => pulled.push(item.seq),
                Err(Fetch::Rejected(rule)) => {
                    rejected += 1;
                    store.record_rejected(item)?;
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
    // PROTOCOL.md §10.7: every leaf held, the root recomputed.
    logcheck::after_pull(&relay, &store, &verified, out)?;
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
}
