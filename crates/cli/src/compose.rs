//! `whistlebox reply` and `whistlebox status` (offline machine): write an
//! answer to a case into the store's outbox (PROTOCOL.md §8.4, §8.7), for
//! `push` to send from the online machine.
//!
//! The answer is a container (§1) of kind `reply` or `status` whose
//! `reply_key` is the case's, streamed (attachments are never held whole in
//! memory) into an age file encrypted to the reporter's reply recipient and
//! to the case's investigators in the published keyset (`--team`): those the
//! report's `recipients` field names, never one the reporter excluded
//! (§1.5, §11) — X25519 or
//! post-quantum, whichever the keyset is, and never a mix of both (a reply
//! key of the other type is refused, [`answer_recipients`]). Every byte is
//! fed to the envelope [`Checker`] with `Rules::for_kind` (§8.3) as it is
//! written; an item that would break a rule is deleted, never left in the
//! outbox. The case is found and its keys loaded before anything is written,
//! so a bad id, key or case leaves the outbox untouched.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use whistlebox_core::envelope::{Checker, EnvelopeError, Rules, StanzaType};
use whistlebox_core::report::{Attachment, Kind, Manifest, ReportError, Writer};
use whistlebox_core::team::{recipient_type, Keyset};
use zeroize::Zeroizing;

use crate::due::Day;
use crate::error::Error;
use crate::outbox::{Outbox, OutboxMeta};
use crate::plan::{Answer, ComposePlan, MessageSource};
use crate::store::Store;
use crate::thread::{self, Thread};
use crate::{identity, pq, teamfile, term};

/// The longest `message` or `note` (PROTOCOL.md §8.4).
pub const TEXT_MAX: usize = 32_768;
/// The most bytes of attachments one reply may carry. The relay's default
/// body bound is 256 MiB (§2, E8); this leaves room for the container and
/// its padding (at most 3.2 % above 64 KiB).
pub const ATTACHMENTS_MAX: u64 = 200 << 20;
/// The body bound assumed offline (the relay's default `max_body_bytes`);
/// `push` re-checks with the relay's own.
pub const OFFLINE_MAX_BODY: u64 = 256 << 20;

/// The `state` values of a status (§8.4).
pub const STATES: &[&str] = &[
    "received",
    "acknowledged",
    "investigating",
    "need_more_information",
    "closed",
];
/// The `outcome` values of a closed status (§8.4).
pub const OUTCOMES: &[&str] = &[
    "substantiated",
    "not_substantiated",
    "inconclusive",
    "resolved",
    "withdrawn",
    "referred",
];

/// The envelope rules of an answer for this keyset, before the relay's own
/// bounds are known (§8.3: `2 … T + 1` stanzas, one grease stanza).
pub fn offline_rules(keyset: &Keyset, kind: Kind) -> Rules {
    Rules {
        stanza_type: keyset.stanza_type(),
        min_stanzas: 1,
        max_stanzas: keyset.investigators.len(),
        max_body_bytes: OFFLINE_MAX_BODY,
        grease: false,
    }
    .for_kind(kind)
}

/// A writer that feeds every byte to the envelope checker before writing it.
struct Checked<'a> {
    out: &'a mut File,
    checker: Checker,
    broken: Option<EnvelopeError>,
}

impl Write for Checked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Err(e) = self.checker.update(buf) {
            self.broken = Some(e);
            return Err(io::Error::other("envelope rule broken"));
        }
        self.out.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Reads `--file` (bounded, UTF-8).
pub fn read_message_file(path: &Path) -> Result<Zeroizing<String>, Error> {
    let mut raw = Zeroizing::new(Vec::new());
    File::open(path)
        .and_then(|f| f.take(TEXT_MAX as u64 + 1).read_to_end(&mut raw))
        .map_err(Error::io("cannot read the message file", path))?;
    if raw.len() > TEXT_MAX {
        return Err(Error::Usage {
            what: format!(
                "the message in {} is longer than {TEXT_MAX} bytes",
                path.display()
            ),
            hint: "shorten it, or send the rest as an attachment with --attach".into(),
        });
    }
    let text = std::str::from_utf8(&raw).map_err(|_| Error::Usage {
        what: format!("the message file {} is not UTF-8 text", path.display()),
        hint: "save the message as UTF-8 plain text".into(),
    })?;
    check_text("message", text)?;
    Ok(Zeroizing::new(text.to_string()))
}

/// A message or note: 1–32 768 bytes, not only white space.
pub fn check_text(what: &str, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() {
        return Err(Error::Usage {
            what: format!("the {what} is empty"),
            hint: if what.starts_with("internal") {
                format!("write the {what}: the team reads it, the reporter never does")
            } else {
                format!("write the {what} the reporter will read")
            },
        });
    }
    if text.len() > TEXT_MAX {
        return Err(Error::Usage {
            what: format!(
                "the {what} is {} bytes, at most {TEXT_MAX} are allowed",
                text.len()
            ),
            hint: "shorten it, or send the rest as an attachment of a reply (--attach)".into(),
        });
    }
    Ok(())
}

fn attachment_error(path: &Path, reason: String) -> Error {
    Error::Attachment {
        path: path.to_path_buf(),
        reason,
    }
}

/// A small table of common media types; anything else is sent without one.
fn media_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("odt") => "application/vnd.oasis.opendocument.text",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "",
    }
}

/// Describes the `--attach` files (name, type, size, SHA-256), reading each
/// once as a stream.
fn describe_attachments(paths: &[PathBuf]) -> Result<Vec<Attachment>, Error> {
    let mut total: u64 = 0;
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| attachment_error(path, "its name is not UTF-8".into()))?;
        let file = File::open(path).map_err(|e| attachment_error(path, e.to_string()))?;
        let meta = file
            .metadata()
            .map_err(|e| attachment_error(path, e.to_string()))?;
        if !meta.is_file() {
            return Err(attachment_error(path, "it is not a regular file".into()));
        }
        total = total.saturating_add(meta.len());
        if total > ATTACHMENTS_MAX {
            return Err(Error::Usage {
                what: format!(
                    "the attachments add up to more than {} MiB",
                    ATTACHMENTS_MAX >> 20
                ),
                hint: "send fewer or smaller files, over several replies".into(),
            });
        }
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut reader = BufReader::new(file);
        let mut buf = Zeroizing::new(vec![0u8; 64 * 1024]);
        loop {
            let n = reader
                .read(&mut buf)
                .map_err(|e| attachment_error(path, e.to_string()))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            size += n as u64;
        }
        if size != meta.len() {
            return Err(attachment_error(
                path,
                "it changed while it was read".into(),
            ));
        }
        out.push(Attachment {
            name: name.to_string(),
            media_type: media_type(name).to_string(),
            size,
            sha256: hex::encode(hasher.finalize()),
        });
    }
    Ok(out)
}

/// The relay object the answer is filed beside (PROTOCOL.md §8.2, §8.7):
/// the case's report, unless the relay says it holds it without a mailbox
/// and one of the reporter's follow-ups is filed under one.
fn relay_target(thread: &Thread) -> Result<String, Error> {
    let head = thread.head().object.as_ref();
    if head.is_some_and(|o| o.meta.mailbox != Some(false)) {
        return Ok(thread.case.clone());
    }
    thread
        .entries
        .iter()
        .filter(|e| e.kind() == Kind::Followup)
        .filter_map(|e| e.object.as_ref())
        .find(|o| o.meta.mailbox == Some(true) && o.meta.kind == "followup")
        .map(|o| o.meta.id.clone())
        .ok_or_else(|| Error::NoMailbox {
            case: thread.case.clone(),
        })
}

fn encrypt_into(
    file: &mut File,
    manifest: Manifest,
    attachments: &[PathBuf],
    recipients: &[Box<dyn age::Recipient + Send>],
    rules: Rules,
) -> Result<(), Error> {
    let mut sink = Checked {
        out: file,
        checker: Checker::new(rules),
        broken: None,
    };
    let own = |reason: String| Error::OwnEnvelope { reason };
    let result = (|| -> Result<(), Error> {
        let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
            .map_err(|e| Error::Encrypt {
                reason: e.to_string(),
            })?;
        let io_err = |e: io::Error| Error::Encrypt {
            reason: e.to_string(),
        };
        let mut stream = encryptor.wrap_output(&mut sink).map_err(io_err)?;
        let report_err = |e: ReportError| match e {
            ReportError::Io(e) => io_err(e),
            other => Error::Encrypt {
                reason: other.to_string(),
            },
        };
        let mut writer = Writer::new(&mut stream, manifest).map_err(report_err)?;
        for path in attachments {
            let f = File::open(path).map_err(|e| attachment_error(path, e.to_string()))?;
            writer
                .write_attachment(BufReader::new(f))
                .map_err(|e| match e {
                    ReportError::AttachmentSizeMismatch { .. }
                    | ReportError::AttachmentHashMismatch { .. } => {
                        attachment_error(path, "it changed while it was read".into())
                    }
                    other => report_err(other),
                })?;
        }
        writer.finish().map_err(report_err)?;
        stream.finish().map_err(io_err)?;
        Ok(())
    })();
    if let Some(broken) = sink.broken.take() {
        return Err(own(format!("{broken} [{}]", broken.code())));
    }
    result?;
    sink.checker
        .finish()
        .map_err(|e| own(format!("{e} [{}]", e.code())))?;
    Ok(())
}

/// Parses one recipient string of a known type.
pub fn parse_recipient(
    recipient: &str,
    kind: StanzaType,
) -> Result<Box<dyn age::Recipient + Send>, String> {
    match kind {
        StanzaType::X25519 => recipient
            .parse::<age::x25519::Recipient>()
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|e| e.to_string()),
        StanzaType::MlKem768X25519 => recipient
            .parse::<pq::Recipient>()
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|e| e.to_string()),
    }
}

/// The recipients of an answer: the reporter's reply key, then every
/// investigator of the keyset — all of one type (PROTOCOL.md §2 E3, §8.4).
/// A reply key of the other type than the team's is refused before anything
/// is encrypted (age never mixes post-quantum and classic recipients).
pub fn answer_recipients(
    keyset: &Keyset,
    team_path: &Path,
    reply_key: &str,
    case: &str,
) -> Result<Vec<Box<dyn age::Recipient + Send>>, Error> {
    let team_type = keyset.stanza_type();
    let reply_type = recipient_type(reply_key).map_err(|_| Error::NoReplyKey {
        case: case.to_string(),
    })?;
    if reply_type != team_type {
        return Err(Error::MixedKeyTypes {
            team: team_type.label(),
            reply: reply_type.label(),
        });
    }
    let mut recipients =
        vec![
            parse_recipient(reply_key, reply_type).map_err(|_| Error::NoReplyKey {
                case: case.to_string(),
            })?,
        ];
    for inv in &keyset.investigators {
        let r = parse_recipient(&inv.recipient, team_type).map_err(|e| Error::TeamFile {
            path: team_path.to_path_buf(),
            reason: format!("the recipient of {} is not usable: {e}", inv.id),
        })?;
        recipients.push(r);
    }
    Ok(recipients)
}

/// Runs `reply` or `status`.
pub fn run(plan: &ComposePlan, out: &mut dyn Write) -> Result<(), Error> {
    // Local inputs first: the keyset, the message, the attachments.
    let keyset = teamfile::read(&plan.team)?;
    let (kind, mut fields, attach): (Kind, BTreeMap<String, String>, &[PathBuf]) =
        match &plan.answer {
            Answer::Reply { message, attach } => {
                let text = match message {
                    MessageSource::Text(t) => Zeroizing::new(t.clone()),
                    MessageSource::File(p) => read_message_file(p)?,
                };
                let fields = BTreeMap::from([("message".to_string(), text.to_string())]);
                (Kind::Reply, fields, attach.as_slice())
            }
            Answer::Status {
                state,
                note,
                outcome,
            } => {
                let mut fields = BTreeMap::from([
                    ("state".to_string(), state.clone()),
                    ("note".to_string(), note.clone()),
                ]);
                if let Some(o) = outcome {
                    fields.insert("outcome".into(), o.clone());
                }
                (Kind::Status, fields, &[][..])
            }
        };
    let attachments = describe_attachments(attach)?;

    // The case, then the keys, then its thread.
    let store = Store::open(&plan.store)?;
    let object = store.find(&plan.id)?;
    let identities = identity::load(&plan.identities)?;
    let threads = thread::assemble(&store, &identities)?;
    let Some(thread) = threads.of_object(&object.meta.id) else {
        let unreadable = threads
            .unreadable
            .into_iter()
            .find(|u| u.object.meta.id == object.meta.id);
        return Err(unreadable.map_or(
            Error::NotAddressed {
                id: object.meta.id.clone(),
            },
            |u| u.error,
        ));
    };
    let Some(reply_key) = thread.reply_key.clone() else {
        return Err(Error::NoReplyKey {
            case: thread.case.clone(),
        });
    };
    let target = relay_target(thread)?;
    // Only the investigators the report is encrypted to (§1.5 `recipients`,
    // §11): an investigator the reporter excluded must not read the answers.
    let mut case_team = keyset.clone();
    let allowed: Vec<String> =
        crate::casestate::case_recipients(&keyset, &thread.head().manifest, &thread.case)?
            .iter()
            .map(|inv| inv.id.clone())
            .collect();
    case_team
        .investigators
        .retain(|inv| allowed.contains(&inv.id));
    if kind == Kind::Status {
        // The status is also recorded in the case state (§11): check the
        // author can be named before anything is written.
        crate::casestate::who_am_i(&keyset, &identities)?;
    }
    let recipients = answer_recipients(&case_team, &plan.team, &reply_key, &thread.case)?;

    let day = Day::today_utc().to_string();
    let manifest = Manifest {
        kind,
        fields: std::mem::take(&mut fields),
        attachments,
        reply_key: Some(reply_key),
        client_time: day.clone(),
        locale: plan.locale.clone(),
    };
    let outbox = Outbox::of(store.root());
    let meta = OutboxMeta {
        case: target.clone(),
        n: outbox.next_n(&target)?,
        kind: kind.as_str().to_string(),
        day,
        pushed: None,
    };
    let rules = offline_rules(&keyset, kind);
    let item = outbox.write(&meta, |file| {
        encrypt_into(file, manifest, attach, &recipients, rules)
    })?;
    if let Answer::Status { state, outcome, .. } = &plan.answer {
        crate::track::record(
            &store,
            &keyset,
            &identities,
            thread,
            vec![crate::casestate::Action::Status {
                state: state.clone(),
                to_reporter: true,
                outcome: outcome.clone(),
            }],
        )?;
    }

    writeln!(
        out,
        "team keyset  {} ({} investigators), fingerprint {}",
        term::line(&keyset.name),
        keyset.investigators.len(),
        keyset.fingerprint()
    )
    .map_err(Error::Stdout)?;
    if target != thread.case {
        writeln!(
            out,
            "filed beside the reporter's follow-up {target} (the relay holds the report without a mailbox)"
        )
        .map_err(Error::Stdout)?;
    }
    writeln!(
        out,
        "wrote {} {} of case {} to {} ({}), encrypted to the reporter and {} investigators",
        kind.as_str(),
        meta.n,
        thread.case,
        item.body.display(),
        term::size(item.size),
        case_team.investigators.len()
    )
    .map_err(Error::Stdout)?;
    eprintln!(
        "not sent yet: carry the store to the online machine and run `whistlebox push --relay URL --token-file FILE --store DIR`"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_bounded() {
        assert!(check_text("note", "ok").is_ok());
        assert!(check_text("note", " \n ").is_err());
        assert!(check_text("note", &"x".repeat(TEXT_MAX)).is_ok());
        let err = check_text("note", &"x".repeat(TEXT_MAX + 1)).unwrap_err();
        assert!(err.to_string().contains("at most 32768"), "{err}");
    }

    #[test]
    fn media_types_and_attachment_descriptions() {
        assert_eq!(media_type("a.PDF"), "application/pdf");
        assert_eq!(media_type("noext"), "");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.txt");
        std::fs::write(&path, b"hello").unwrap();
        let a = describe_attachments(std::slice::from_ref(&path)).unwrap();
        assert_eq!(
            a,
            [Attachment::describe("note.txt", "text/plain", b"hello")]
        );
        let err = describe_attachments(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let err = describe_attachments(&[dir.path().join("missing")]).unwrap_err();
        assert!(matches!(err, Error::Attachment { .. }));
    }

    #[test]
    fn offline_rules_allow_one_grease_stanza_and_the_reporter() {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../keys/team.toml"),
        )
        .unwrap();
        let keyset = Keyset::from_toml(&text).unwrap();
        let rules = offline_rules(&keyset, Kind::Reply);
        assert!(rules.grease);
        assert_eq!(rules.min_stanzas, 2);
        assert_eq!(rules.max_stanzas, keyset.investigators.len() + 1);
        // A real age file to the team and one more recipient passes them.
        let mut recipients: Vec<Box<dyn age::Recipient + Send>> =
            vec![Box::new(age::x25519::Identity::generate().to_public())];
        for inv in &keyset.investigators {
            let r: age::x25519::Recipient = inv.recipient.parse().unwrap();
            recipients.push(Box::new(r));
        }
        let manifest = Manifest {
            kind: Kind::Reply,
            fields: BTreeMap::from([("message".into(), "hello".into())]),
            attachments: vec![],
            reply_key: None,
            client_time: "2025-03-14".into(),
            locale: "und".into(),
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.age");
        let mut file = File::create(&path).unwrap();
        encrypt_into(&mut file, manifest.clone(), &[], &recipients, rules).unwrap();
        // The same file breaks the rules of a report (grease, one too many).
        let report = offline_rules(&keyset, Kind::Report);
        let mut file = File::create(&path).unwrap();
        let err = encrypt_into(&mut file, manifest, &[], &recipients, report).unwrap_err();
        assert!(matches!(err, Error::OwnEnvelope { .. }), "{err}");
    }

    fn keyset(name: &str) -> (Keyset, PathBuf) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../keys/{name}"));
        (teamfile::read(&path).unwrap(), path)
    }

    fn reply_manifest() -> Manifest {
        Manifest {
            kind: Kind::Reply,
            fields: BTreeMap::from([("message".into(), "hello".into())]),
            attachments: vec![],
            reply_key: None,
            client_time: "2025-03-14".into(),
            locale: "und".into(),
        }
    }

    #[test]
    fn a_post_quantum_team_answers_a_post_quantum_reply_key() {
        let (keyset, path) = keyset("team-pq.toml");
        assert_eq!(keyset.stanza_type(), StanzaType::MlKem768X25519);
        let reporter = pq::Identity::generate();
        let reply_key = reporter.to_public().to_string();
        let recipients = answer_recipients(&keyset, &path, &reply_key, "ab").unwrap();
        assert_eq!(recipients.len(), keyset.investigators.len() + 1);
        let dir = tempfile::tempdir().unwrap();
        let file_path = dir.path().join("x.age");
        let mut file = File::create(&file_path).unwrap();
        let rules = offline_rules(&keyset, Kind::Reply);
        encrypt_into(&mut file, reply_manifest(), &[], &recipients, rules).unwrap();
        let bytes = std::fs::read(&file_path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            text.matches("\n-> mlkem768x25519 ").count(),
            keyset.investigators.len() + 1
        );
        assert!(!text.contains("-> X25519 "));
        // The reporter and each investigator decrypt it.
        let ids = identity::load(&[
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/keys/pq-bob.key")
        ])
        .unwrap();
        let d = age::Decryptor::new(&bytes[..]).unwrap();
        assert!(d.decrypt(ids.iter()).is_ok());
        let d = age::Decryptor::new(&bytes[..]).unwrap();
        assert!(d
            .decrypt(std::iter::once(&reporter as &dyn age::Identity))
            .is_ok());
    }

    #[test]
    fn a_reply_key_of_the_other_type_is_refused_naming_both_types() {
        let (pq_team, pq_path) = keyset("team-pq.toml");
        let (x_team, x_path) = keyset("team.toml");
        let x_key = age::x25519::Identity::generate().to_public().to_string();
        let pq_key = pq::Identity::generate().to_public().to_string();
        let err = answer_recipients(&pq_team, &pq_path, &x_key, "ab")
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "cannot encrypt to both mlkem768x25519 recipients (the team keyset) and the reporter's X25519 reply key"
        );
        assert!(err.hint().contains("--team"), "{}", err.hint());
        let err = answer_recipients(&x_team, &x_path, &pq_key, "ab")
            .err()
            .unwrap();
        assert!(matches!(
            err,
            Error::MixedKeyTypes {
                team: "X25519",
                reply: "mlkem768x25519"
            }
        ));
    }

    #[test]
    fn a_mixed_keyset_is_refused_with_a_clear_message() {
        let x = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../keys/team.toml"),
        )
        .unwrap();
        let pq_recipient = pq::Identity::generate().to_public().to_string();
        // Give carol a post-quantum key in the X25519 team: with its
        // `key_type = "X25519"` line the file names carol; without it, it mixes.
        let mut stated = String::new();
        let mut carol = false;
        for line in x.lines() {
            if line.starts_with("id = \"carol\"") {
                carol = true;
            }
            if carol && line.starts_with("recipient = ") {
                stated.push_str(&format!("recipient = \"{pq_recipient}\"\n"));
                carol = false;
            } else {
                stated.push_str(line);
                stated.push('\n');
            }
        }
        assert!(stated.contains(&pq_recipient));
        let mixed = stated.replace("key_type = \"X25519\"\n", "");
        assert_ne!(mixed, stated);
        let dir = tempfile::tempdir().unwrap();
        for (name, text, message) in [
            (
                "mixed.toml",
                mixed,
                "mixes X25519 (age1…) and mlkem768x25519 (age1pq1…) recipients",
            ),
            (
                "stated.toml",
                stated,
                "the recipient of investigator \"carol\" is mlkem768x25519 (age1pq1…), \
                 but the keyset states key_type = \"X25519\"",
            ),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let err = teamfile::read(&path).unwrap_err();
            assert!(matches!(err, Error::TeamFile { .. }));
            assert!(err.to_string().contains(message), "{err}");
        }
    }
}
