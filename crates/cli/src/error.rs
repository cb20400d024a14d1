//! Errors the CLI shows to people: each one says what went wrong
//! ([`Display`](std::fmt::Display)) and what to do about it ([`Error::hint`]),
//! and maps to one of the fixed, documented [`ExitCode`]s.

use std::io;
use std::path::{Path, PathBuf};

/// The documented exit codes (also listed in `whistlebox --help`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    /// Everything worked.
    Ok = 0,
    /// Any other error (I/O, missing files, unknown case).
    Other = 1,
    /// The command line is wrong (unknown flag, conflicting flags, bad value).
    Usage = 2,
    /// The relay could not be reached or answered with an error.
    Relay = 3,
    /// A key could not be read, or none of the given keys opens a case.
    Identity = 4,
    /// Integrity failure: a broken envelope rule, a damaged ciphertext or
    /// container, an attachment whose SHA-256 does not match; any finding
    /// of `audit`.
    Integrity = 5,
    /// The output already exists and `--force` was not given.
    OutputExists = 6,
}

impl ExitCode {
    /// The process exit status.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// The text of the exit-code table shown in `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  other error (I/O, missing store, unknown case)
  2  usage error (unknown or conflicting flags, bad values)
  3  relay or network error
  4  identity error (unreadable key, or no given key opens the case)
  5  integrity error (envelope rule, damaged ciphertext or container, hash mismatch;
     `audit`: any finding)
  6  output exists (pass --force to replace it)";

/// A user-facing error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The command line is valid clap but asks for something impossible.
    #[error("{what}")]
    Usage {
        /// What is wrong.
        what: String,
        /// What to do instead.
        hint: String,
    },
    /// The store directory does not exist or is not a store.
    #[error("no investigator store at {}", .path.display())]
    StoreMissing {
        /// The path given with `--store`.
        path: PathBuf,
    },
    /// A file in the store is malformed.
    #[error("the store file {} is damaged: {reason}", .path.display())]
    StoreCorrupt {
        /// The damaged file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// No case id starts with the given prefix.
    #[error("no case {id} in the store {}", .store.display())]
    UnknownCase {
        /// The id or prefix given.
        id: String,
        /// The store searched.
        store: PathBuf,
    },
    /// More than one case id starts with the given prefix.
    #[error("the case prefix {prefix} is ambiguous: it matches {}", .matches.join(", "))]
    AmbiguousCase {
        /// The prefix given.
        prefix: String,
        /// The ids it matches.
        matches: Vec<String>,
    },
    /// An identity (key) file could not be read.
    #[error("cannot read the key file {}: {reason}", .path.display())]
    IdentityFile {
        /// The key file.
        path: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// None of the given identities opens a case.
    #[error("none of the given identities can decrypt case {id}")]
    NotAddressed {
        /// The case id.
        id: String,
    },
    /// None of the given identities opens the file given to `decrypt`.
    #[error("none of the given identities can decrypt {name}")]
    FileNotAddressed {
        /// The file, or "standard input".
        name: String,
    },
    /// The file given to `decrypt` is damaged or not a valid age file.
    #[error("{name} cannot be decrypted: {reason}")]
    FileDamaged {
        /// The file, or "standard input".
        name: String,
        /// What failed.
        reason: String,
    },
    /// The recipients of an answer are of two key types, which age never mixes.
    #[error("cannot encrypt to both {team} recipients (the team keyset) and the reporter's {reply} reply key")]
    MixedKeyTypes {
        /// The team keyset's type label.
        team: &'static str,
        /// The reporter's reply key type label.
        reply: &'static str,
    },
    /// None of the given identities opens any case in the store.
    #[error("none of the given identities can decrypt any of the {count} cases in the store")]
    NoCaseForYou {
        /// How many cases there are.
        count: usize,
    },
    /// The ciphertext of a case is damaged (bad header, MAC or payload).
    #[error("case {id} cannot be decrypted: {reason}")]
    Damaged {
        /// The case id.
        id: String,
        /// What failed.
        reason: String,
    },
    /// The decrypted container breaks a rule of PROTOCOL.md §1.
    #[error("case {id} holds a damaged report container ({}): {source}", .source.code())]
    Container {
        /// The case id.
        id: String,
        /// The broken rule.
        source: whistlebox_core::report::ReportError,
    },
    /// Several cases failed; each was already reported on stderr.
    #[error("{failed} of {total} cases failed (see the errors above)")]
    SomeCasesFailed {
        /// How many failed.
        failed: usize,
        /// How many were tried.
        total: usize,
        /// The worst exit code among the failures.
        exit: ExitCode,
    },
    /// The relay's transparency log shows a gap, a rewrite or a rollback
    /// (PROTOCOL.md §10.7); the stored checkpoint was not advanced.
    #[error("LOG ALARM {code}: {found}")]
    LogAlarm {
        /// The alarm's code: `log_signature`, `log_rollback`, `log_inconsistent`, `log_gap` or `log_mismatch`.
        code: &'static str,
        /// What was found.
        found: String,
    },
    /// Objects pulled from the relay broke the envelope rules and were not stored.
    #[error("{count} object(s) from the relay broke the envelope rules and were not stored")]
    Rejected {
        /// How many objects were rejected.
        count: usize,
    },
    /// The relay answered with an HTTP error.
    #[error("the relay answered {status} to {what}: {message}")]
    RelayStatus {
        /// The request, e.g. `GET /api/inbox`.
        what: String,
        /// The HTTP status.
        status: u16,
        /// The relay's error code and message, cleaned for the terminal.
        message: String,
    },
    /// The relay rejected the bearer token.
    #[error("the relay refused the token from {} (401 unauthorized)", .token_file.display())]
    Unauthorized {
        /// The token file.
        token_file: PathBuf,
    },
    /// The relay could not be reached.
    #[error("cannot reach the relay at {url}: {reason}")]
    Network {
        /// The relay URL.
        url: String,
        /// Why not.
        reason: String,
    },
    /// The relay sent something that breaks PROTOCOL.md §4.
    #[error("the relay sent an invalid answer to {what}: {reason}")]
    RelayProtocol {
        /// The request.
        what: String,
        /// What is wrong with the answer.
        reason: String,
    },
    /// The relay's team keyset differs from the one the investigator pinned.
    #[error("the relay serves a different team keyset: {reason}")]
    TeamMismatch {
        /// What differs.
        reason: String,
    },
    /// The token file could not be used.
    #[error("cannot use the token file {}: {reason}", .path.display())]
    TokenFile {
        /// The token file.
        path: PathBuf,
        /// Why not (never contains the token).
        reason: String,
    },
    /// The team keyset file could not be used.
    #[error("cannot use the team keyset {}: {reason}", .path.display())]
    TeamFile {
        /// The keyset file.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// An output file or folder already exists.
    #[error("{} already exists", .path.display())]
    OutputExists {
        /// The existing path.
        path: PathBuf,
    },
    /// An output path is a symbolic link, which is never followed.
    #[error("{} is a symbolic link; refusing to write through it", .path.display())]
    Symlink {
        /// The path.
        path: PathBuf,
    },
    /// Any other I/O failure.
    #[error("{context} {}: {source}", .path.display())]
    Io {
        /// What was being done, e.g. "cannot write".
        context: &'static str,
        /// The file involved.
        path: PathBuf,
        /// The failure.
        source: io::Error,
    },
    /// Writing to standard output failed (a closed pipe is handled as success).
    #[error("cannot write to standard output: {0}")]
    Stdout(io::Error),
    /// The case has no reply key: its reporter cannot receive answers (PROTOCOL.md §8.6).
    #[error("case {case} cannot be answered: its report carries no reply key")]
    NoReplyKey {
        /// The case id.
        case: String,
    },
    /// The relay holds the case without a mailbox, and no follow-up of it has one (§8.2).
    #[error("case {case} cannot be answered: the relay did not file it under a mailbox")]
    NoMailbox {
        /// The case id.
        case: String,
    },
    /// An answer written (or about to be pushed) breaks the envelope rules of its kind (§8.3).
    #[error("the answer breaks the envelope rules, so it was not written or sent: {reason}")]
    OwnEnvelope {
        /// The broken rule.
        reason: String,
    },
    /// Encrypting an answer failed.
    #[error("cannot encrypt the answer: {reason}")]
    Encrypt {
        /// Why.
        reason: String,
    },
    /// None of the investigators a case names in `recipients` is in the keyset (PROTOCOL.md §11).
    #[error("none of the investigators case {case} is encrypted to is in the team keyset")]
    NoCaseRecipients {
        /// The case id.
        case: String,
    },
    /// The given identities belong to no investigator of the keyset (§11: every change names its author).
    #[error("none of the given keys belongs to an investigator of the team keyset")]
    NotInTeam,
    /// The investigator named cannot read the case (the reporter excluded them, §11).
    #[error("{investigator} cannot read case {case}: the report is not encrypted to them")]
    NotCaseRecipient {
        /// The keyset id.
        investigator: String,
        /// The case id.
        case: String,
    },
    /// An `--attach` file cannot be used.
    #[error("cannot attach {}: {reason}", .path.display())]
    Attachment {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// An audit cannot run (`whistlebox audit`): the input is not what it
    /// audits, or the relay still holds its database.
    #[error("{what}")]
    Audit {
        /// What is wrong.
        what: String,
        /// What to do.
        hint: String,
    },
    /// An audit ran and found something (each finding is in the report).
    #[error("the audit found {count} finding(s), listed in the report above")]
    AuditFindings {
        /// How many findings.
        count: usize,
    },
    /// The relay refused an outbox item; the push stopped there (§8.7).
    #[error("the relay refused outbox item {item} ({kind}) with {status}: {message}; {unsent} later item(s) were not sent")]
    PushRefused {
        /// The item's file stem, `<case>-<n>`.
        item: String,
        /// `reply` or `status`.
        kind: String,
        /// The HTTP status.
        status: u16,
        /// The relay's error code and message, cleaned for the terminal.
        message: String,
        /// How many items after it were left unsent.
        unsent: usize,
    },
}

/// What to do about a refused push, by the relay's error code (PROTOCOL.md §4.4, §8.2).
fn push_hint(message: &str) -> String {
    let code = message.split(':').next().unwrap_or("");
    match code {
        "no_mailbox" => "the relay holds this case without a mailbox: the reporter cannot read answers; delete the item's two files from the outbox, then push again".into(),
        "not_found" => "the relay no longer holds the case; check --relay, then delete the item's two files from the outbox and push again".into(),
        "mailbox_full" => "the reporter's mailbox holds 1 000 items: no more answers fit; delete the item's two files from the outbox, then push again".into(),
        "too_large" => "the relay accepts smaller bodies: write a smaller reply (fewer attachments), delete this item's two files, and push again".into(),
        _ => "fix the cause the relay names, then run `whistlebox push` again: it resumes with this item".into(),
    }
}

impl Error {
    /// Wraps an I/O error with what was being done and to which path.
    pub fn io<'a>(context: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
        move |source| Error::Io {
            context,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The exit code for this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage { .. } => ExitCode::Usage,
            Error::StoreMissing { .. }
            | Error::UnknownCase { .. }
            | Error::AmbiguousCase { .. }
            | Error::TokenFile { .. }
            | Error::TeamFile { .. }
            | Error::Io { .. }
            | Error::Stdout(_)
            | Error::NoReplyKey { .. }
            | Error::NoMailbox { .. }
            | Error::Encrypt { .. }
            | Error::MixedKeyTypes { .. }
            | Error::Attachment { .. }
            | Error::NoCaseRecipients { .. }
            | Error::NotCaseRecipient { .. }
            | Error::Audit { .. } => ExitCode::Other,
            Error::IdentityFile { .. }
            | Error::NotAddressed { .. }
            | Error::FileNotAddressed { .. }
            | Error::NotInTeam
            | Error::NoCaseForYou { .. } => ExitCode::Identity,
            Error::StoreCorrupt { .. }
            | Error::Damaged { .. }
            | Error::FileDamaged { .. }
            | Error::Container { .. }
            | Error::Rejected { .. }
            | Error::LogAlarm { .. }
            | Error::TeamMismatch { .. }
            | Error::OwnEnvelope { .. }
            | Error::AuditFindings { .. } => ExitCode::Integrity,
            Error::RelayStatus { .. }
            | Error::PushRefused { .. }
            | Error::Unauthorized { .. }
            | Error::Network { .. }
            | Error::RelayProtocol { .. } => ExitCode::Relay,
            Error::OutputExists { .. } | Error::Symlink { .. } => ExitCode::OutputExists,
            Error::SomeCasesFailed { exit, .. } => *exit,
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> String {
        match self {
            Error::Usage { hint, .. } => hint.clone(),
            Error::StoreMissing { .. } => {
                "pass the directory that `whistlebox pull --store DIR` filled (it contains `objects/`)"
                    .into()
            }
            Error::StoreCorrupt { .. } => {
                "delete the damaged file and run `whistlebox pull` again to fetch the object anew"
                    .into()
            }
            Error::UnknownCase { .. } => {
                "run `whistlebox cases` to list the case ids in this store".into()
            }
            Error::AmbiguousCase { .. } => "give more characters of the case id".into(),
            Error::NoCaseRecipients { .. } => {
                "pass the keyset the report was sent to (--team); an investigator removed from it can no longer be given the case".into()
            }
            Error::NotInTeam => {
                "pass your own key file with -i and the team keyset that lists your recipient with --team".into()
            }
            Error::NotCaseRecipient { .. } => {
                "the reporter chose who may read this report: assign it to one of them (`whistlebox show` lists them)".into()
            }
            Error::IdentityFile { .. } => {
                "pass an age identity file (AGE-SECRET-KEY-PQ-1… or AGE-SECRET-KEY-1…) as written by `whistlebox keygen`".into()
            }
            Error::FileNotAddressed { .. } => {
                "check you passed the right key file with -i (repeat -i for several keys); the file may be encrypted to other people only".into()
            }
            Error::FileDamaged { .. } => {
                "the file is damaged, truncated or not an age file: get a fresh copy; discard any output already written to standard output".into()
            }
            Error::MixedKeyTypes { .. } => {
                "a post-quantum team answers post-quantum reply keys, an X25519 team X25519 ones: pass the keyset the reporter's page used (--team)".into()
            }
            Error::NotAddressed { .. } => {
                "check you passed the key for this case; `whistlebox cases` marks cases not addressed to you"
                    .into()
            }
            Error::NoCaseForYou { .. } => {
                "check you passed your own key file with -i; `whistlebox cases` marks cases not addressed to you"
                    .into()
            }
            Error::Damaged { .. } | Error::Container { .. } => {
                "the object may be damaged in transit or storage: delete its two files from the store and pull it again; if it stays damaged, keep it for an audit".into()
            }
            Error::SomeCasesFailed { .. } => "see the hint after each error above".into(),
            Error::LogAlarm { .. } => {
                "do not trust this relay until it is explained: keep the store (STORE/log/checkpoint \
                 is the last checkpoint it proved, and was not advanced) as evidence, tell the team \
                 and an auditor, and do not answer reporters through this relay meanwhile"
                    .into()
            }
            Error::Rejected { .. } => {
                "the relay holds objects that break PROTOCOL.md §2; tell the relay operator and an auditor (`whistlebox audit`)"
                    .into()
            }
            Error::RelayStatus { .. } | Error::RelayProtocol { .. } => {
                "check the --relay URL; if it is right, ask the relay operator to check the relay's log"
                    .into()
            }
            Error::Unauthorized { .. } => {
                "check the token file; the relay operator issues tokens with `whistlebox-relay token create`"
                    .into()
            }
            Error::Network { .. } => {
                "check the URL and your connection; for an onion relay pass --proxy socks5h://127.0.0.1:9050 with Tor running"
                    .into()
            }
            Error::TeamMismatch { .. } => {
                "do not trust this relay's keys: compare the keyset fingerprint out of band and tell an auditor"
                    .into()
            }
            Error::TokenFile { .. } => {
                "put the token (wbt_…) from `whistlebox-relay token create` alone in the file".into()
            }
            Error::TeamFile { .. } => "pass the published team keyset (keys/team.toml)".into(),
            Error::OutputExists { .. } => {
                "choose another output path, or pass --force to replace it".into()
            }
            Error::Symlink { .. } => {
                "remove the link or choose another output path".into()
            }
            Error::Io { .. } => "check the path exists and that you may read and write it".into(),
            Error::Stdout(_) => "check where standard output goes".into(),
            Error::NoReplyKey { .. } => {
                "the reporter sent no codename reply key (an old or scripted report) and cannot read answers; use the contact details in the report, if any"
                    .into()
            }
            Error::NoMailbox { .. } => {
                "the report reached the relay without a mailbox, so the reporter cannot fetch answers; use the contact details in the report, if any"
                    .into()
            }
            Error::OwnEnvelope { .. } => {
                "check that --team is the published keyset the relay serves; otherwise this is a bug: keep the outbox item and report it"
                    .into()
            }
            Error::Encrypt { .. } => "check the keyset and the disk space of the store".into(),
            Error::Attachment { .. } => {
                "pass a readable regular file, and do not change it while the command runs".into()
            }
            Error::PushRefused { message, .. } => push_hint(message),
            Error::Audit { hint, .. } => hint.clone(),
            Error::AuditFindings { .. } => {
                "each finding names what is wrong and where; docs/AUDITING.md explains every code".into()
            }
        }
    }

    /// Whether this is a closed standard output (e.g. `whistlebox cases | head -1`),
    /// which is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_stable() {
        assert_eq!(ExitCode::Ok.code(), 0);
        assert_eq!(ExitCode::Other.code(), 1);
        assert_eq!(ExitCode::Usage.code(), 2);
        assert_eq!(ExitCode::Relay.code(), 3);
        assert_eq!(ExitCode::Identity.code(), 4);
        assert_eq!(ExitCode::Integrity.code(), 5);
        assert_eq!(ExitCode::OutputExists.code(), 6);
        for (code, line) in [(0, "success"), (4, "identity"), (6, "output exists")] {
            assert!(EXIT_CODES_HELP.contains(&format!("  {code}  {line}")));
        }
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Error::Stdout(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        let e = Error::Stdout(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!e.is_broken_pipe());
    }

    #[test]
    fn every_error_has_a_hint_and_code() {
        let e = Error::NotAddressed { id: "ab".into() };
        assert_eq!(e.exit_code(), ExitCode::Identity);
        assert!(e.hint().contains("whistlebox cases"));
        assert_eq!(
            e.to_string(),
            "none of the given identities can decrypt case ab"
        );
        let e = Error::OutputExists {
            path: PathBuf::from("x"),
        };
        assert_eq!(e.exit_code(), ExitCode::OutputExists);
    }
}
