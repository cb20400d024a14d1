//! Case state (PROTOCOL.md §11): the team's own record of a case — status,
//! assignee, labels, internal notes and the history of every change — kept
//! in the store **encrypted to the case's recipients**, so a store carried
//! on a USB stick or shared between investigators reveals nothing, and an
//! investigator the reporter excluded cannot read it.
//!
//! ```text
//! STORE/state/<case id>/<event id>.age    one event: JSON, padded, age-encrypted
//! ```
//!
//! Every change is a new file with a random name, so two investigators
//! working on copies of one store never write the same file: merging the
//! copies is copying the files. The state is the fold of the events in
//! (`at`, event id) order. Nothing here is sent to the reporter.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use whistlebox_core::report::Manifest;
use whistlebox_core::team::{Investigator, Keyset};
use zeroize::Zeroizing;

use crate::compose::parse_recipient;
use crate::due::Day;
use crate::error::Error;
use crate::identity::Identities;
use crate::open::{open_reader, OpenError};
use crate::store::{is_object_id, sync_dir, Store};
use crate::thread::Thread;

/// The states a case can be in: the reporter-facing states of §8.4.
pub use crate::compose::STATES;

/// The most labels a case keeps; a label is `[a-z0-9][a-z0-9_-]{0,31}`.
pub const MAX_LABELS: usize = 32;
/// The longest internal note, in bytes.
pub const MAX_NOTE: usize = 32 * 1024;
/// Upper bound on one event file (its plaintext is at most 40 KiB).
const EVENT_FILE_MAX: u64 = 64 * 1024;
/// Upper bound on the events of one case that are read.
const MAX_EVENTS: usize = 10_000;
/// Event plaintexts are padded with spaces to a multiple of this, so the
/// file size tells little about a note's length.
const PAD: usize = 1024;

/// What one event changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// The case's status; `to_reporter` when `whistlebox status` also wrote
    /// an update for the reporter (§8.4), `note` an internal remark.
    Status {
        /// One of [`STATES`].
        state: String,
        /// Whether the reporter was sent this status too.
        to_reporter: bool,
        /// For `closed`: the outcome (§8.4's list), if one was given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<String>,
    },
    /// The investigator responsible, or `None` to unassign.
    Assign {
        /// A keyset id that can read the case.
        to: Option<String>,
    },
    /// An internal note; never sent to the reporter.
    Note {
        /// The text (1–32 768 bytes).
        text: String,
    },
    /// Labels added and removed.
    Label {
        /// Labels added.
        add: Vec<String>,
        /// Labels removed.
        remove: Vec<String>,
    },
}

/// One change, as stored (encrypted) in `STORE/state/<case>/<event>.age`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Format version, 1.
    pub v: u8,
    /// The case id (the directory the event must be in).
    pub case: String,
    /// UTC time of the change, `YYYY-MM-DDThh:mm:ss.ffffffZ` (inside the
    /// encryption; the changes of one command are a microsecond apart, in order).
    pub at: String,
    /// The keyset id of the investigator who made it.
    pub by: String,
    /// What changed.
    #[serde(flatten)]
    pub action: Action,
    /// The event id (its file name); not stored inside.
    #[serde(skip)]
    pub id: String,
}

/// Whether `label` is a label: `[a-z0-9][a-z0-9_-]{0,31}`.
pub fn is_label(label: &str) -> bool {
    let b = label.as_bytes();
    !b.is_empty()
        && b.len() <= 32
        && b[0].is_ascii_alphanumeric()
        && !b[0].is_ascii_uppercase()
        && b.iter()
            .all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
}

/// Whether `at` is `YYYY-MM-DDThh:mm:ss.ffffffZ` (UTC, microseconds).
fn is_time(at: &str) -> bool {
    let b = at.as_bytes();
    b.len() == 27
        && at.is_char_boundary(10)
        && Day::parse(&at[..10]).is_some()
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'.'
        && b[26] == b'Z'
        && [11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

fn is_investigator_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

impl Event {
    /// Checks every field against §11 (events are read from a shared store).
    pub fn validate(&self) -> Result<(), String> {
        if self.v != 1 {
            return Err(format!("unknown event version {}", self.v));
        }
        if !is_object_id(&self.case) {
            return Err("the case is not an object id".into());
        }
        if !is_time(&self.at) {
            return Err("the time is not YYYY-MM-DDThh:mm:ss.ffffffZ".into());
        }
        if !is_investigator_id(&self.by) {
            return Err("the author is not an investigator id".into());
        }
        match &self.action {
            Action::Status { state, .. } if !STATES.contains(&state.as_str()) => {
                Err(format!("unknown state {state:?}"))
            }
            Action::Status {
                state,
                outcome: Some(o),
                ..
            } if state != "closed" || !crate::compose::OUTCOMES.contains(&o.as_str()) => {
                Err(format!("outcome {o:?} with state {state:?}"))
            }
            Action::Assign { to: Some(to) } if !is_investigator_id(to) => {
                Err("the assignee is not an investigator id".into())
            }
            Action::Note { text } if text.is_empty() || text.len() > MAX_NOTE => {
                Err("the note is empty or longer than 32 768 bytes".into())
            }
            Action::Label { add, remove }
                if add.len() + remove.len() > MAX_LABELS
                    || !add.iter().chain(remove).all(|l| is_label(l)) =>
            {
                Err("a label is malformed, or there are too many".into())
            }
            _ => Ok(()),
        }
    }
}

impl Action {
    /// One line saying what changed, for `history` (untrusted text is
    /// escaped by the caller).
    pub fn summary(&self) -> String {
        match self {
            Action::Status {
                state,
                to_reporter,
                outcome,
            } => format!(
                "status → {state}{}{}",
                outcome
                    .as_ref()
                    .map_or(String::new(), |o| format!(" ({o})")),
                if *to_reporter {
                    " (also sent to the reporter)"
                } else {
                    " (internal)"
                }
            ),
            Action::Assign { to: Some(to) } => format!("assigned to {to}"),
            Action::Assign { to: None } => "unassigned".into(),
            Action::Note { text } => format!("note: {text}"),
            Action::Label { add, remove } => {
                let mut parts = Vec::new();
                if !add.is_empty() {
                    parts.push(format!("+{}", add.join(" +")));
                }
                if !remove.is_empty() {
                    parts.push(format!("-{}", remove.join(" -")));
                }
                format!("labels {}", parts.join(" "))
            }
        }
    }
}

/// The current UTC time in microseconds since 1970.
pub fn now_micros() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

/// `micros` (since 1970, UTC) as `YYYY-MM-DDThh:mm:ss.ffffffZ`.
pub fn format_time(micros: u64) -> String {
    let secs = micros / 1_000_000;
    let day = Day::new(1970, 1, 1)
        .expect("epoch")
        .add_days((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!(
        "{day}T{:02}:{:02}:{:02}.{:06}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60,
        micros % 1_000_000
    )
}

/// The investigators a case is encrypted to (PROTOCOL.md §1.5 `recipients`,
/// §11): those of the report's `recipients` field that are in the keyset,
/// or the whole keyset for a report without the field.
pub fn case_recipients<'k>(
    keyset: &'k Keyset,
    head: &Manifest,
    case: &str,
) -> Result<Vec<&'k Investigator>, Error> {
    let Some(listed) = head.fields.get("recipients") else {
        return Ok(keyset.investigators.iter().collect());
    };
    let ids: BTreeSet<&str> = listed.split(',').map(str::trim).collect();
    let chosen: Vec<&Investigator> = keyset
        .investigators
        .iter()
        .filter(|inv| ids.contains(inv.id.as_str()))
        .collect();
    if chosen.is_empty() {
        return Err(Error::NoCaseRecipients {
            case: case.to_string(),
        });
    }
    Ok(chosen)
}

/// The keyset id of the investigator holding `identities`.
pub fn who_am_i<'k>(keyset: &'k Keyset, identities: &Identities) -> Result<&'k str, Error> {
    keyset
        .investigators
        .iter()
        .find(|inv| identities.recipients().contains(&inv.recipient))
        .map(|inv| inv.id.as_str())
        .ok_or(Error::NotInTeam)
}

/// The state of one case: the fold of its readable events.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CaseState {
    /// The latest status event's state and time, if any.
    pub status: Option<(String, String)>,
    /// The investigator responsible.
    pub assignee: Option<String>,
    /// The labels.
    pub labels: BTreeSet<String>,
    /// Every readable event, in order.
    pub history: Vec<Event>,
    /// Events these identities cannot read (encrypted to others).
    pub hidden: usize,
    /// Events that are damaged (reported on stderr, left out).
    pub damaged: usize,
}

impl CaseState {
    /// The internal notes, in order.
    pub fn notes(&self) -> impl Iterator<Item = (&Event, &str)> {
        self.history.iter().filter_map(|e| match &e.action {
            Action::Note { text } => Some((e, text.as_str())),
            _ => None,
        })
    }
}

/// A case's status as the team sees it, and the day it was closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Effective {
    /// One of [`STATES`].
    pub status: String,
    /// When the status is `closed`: the day it was closed.
    pub closed_on: Option<String>,
}

/// The effective status (§11): the latest status event, else the thread's
/// latest status update, else `received`.
pub fn effective(thread: &Thread, state: &CaseState) -> Effective {
    if let Some((s, at)) = &state.status {
        return Effective {
            status: s.clone(),
            closed_on: (s == "closed").then(|| at[..10].to_string()),
        };
    }
    let latest = thread
        .entries
        .iter()
        .rev()
        .find_map(|e| e.state().map(|s| (s.to_string(), e.day().to_string())));
    match latest {
        Some((s, day)) => Effective {
            closed_on: (s == "closed").then_some(day),
            status: s,
        },
        None => Effective {
            status: "received".into(),
            closed_on: None,
        },
    }
}

/// The case-state folder of a store.
#[derive(Clone, Debug)]
pub struct StateDir {
    root: PathBuf,
}

impl StateDir {
    /// The `state/` folder of `store`.
    pub fn of(store: &Store) -> StateDir {
        StateDir {
            root: store.root().join("state"),
        }
    }

    /// The folder of one case's events.
    pub fn case_dir(&self, case: &str) -> PathBuf {
        self.root.join(case)
    }

    /// Reads and folds one case's events. Events the identities cannot open
    /// are counted as hidden; damaged ones are reported on stderr.
    pub fn load(&self, case: &str, identities: &Identities) -> Result<CaseState, Error> {
        let dir = self.case_dir(case);
        let mut state = CaseState::default();
        let entries = match fs::read_dir(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(state),
            r => r.map_err(Error::io("cannot list", &dir))?,
        };
        let mut events = Vec::new();
        for entry in entries {
            let name = entry.map_err(Error::io("cannot list", &dir))?.file_name();
            let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".age")) else {
                continue;
            };
            if !is_object_id(id) {
                continue; // temporary files (`.<id>.age.part`) and strangers
            }
            if events.len() + state.hidden + state.damaged >= MAX_EVENTS {
                eprintln!(
                    "warning: case {case} has more than {MAX_EVENTS} events; the rest are not read"
                );
                break;
            }
            let path = dir.join(&name);
            match read_event(&path, case, id, identities) {
                Ok(Some(event)) => events.push(event),
                Ok(None) => state.hidden += 1,
                Err(reason) => {
                    state.damaged += 1;
                    eprintln!(
                        "warning: the case-state file {} is damaged and left out: {reason}",
                        path.display()
                    );
                }
            }
        }
        events.sort_by(|a, b| (&a.at, &a.id).cmp(&(&b.at, &b.id)));
        for event in &events {
            match &event.action {
                Action::Status { state: s, .. } => {
                    state.status = Some((s.clone(), event.at.clone()))
                }
                Action::Assign { to } => state.assignee.clone_from(to),
                Action::Label { add, remove } => {
                    for l in remove {
                        state.labels.remove(l);
                    }
                    for l in add {
                        if state.labels.len() < MAX_LABELS {
                            state.labels.insert(l.clone());
                        }
                    }
                }
                Action::Note { .. } => {}
            }
        }
        state.history = events;
        Ok(state)
    }

    /// Encrypts `event` to `recipients` and writes it as a new file
    /// (temporary name, sync, rename, sync the folder). Returns its path.
    pub fn append(
        &self,
        event: &mut Event,
        recipients: &[&Investigator],
        keyset: &Keyset,
    ) -> Result<PathBuf, Error> {
        event.validate().map_err(|reason| Error::Usage {
            what: format!("cannot record this change: {reason}"),
            hint: "see `whistlebox --help`".into(),
        })?;
        let team_type = keyset.stanza_type();
        let mut boxed: Vec<Box<dyn age::Recipient + Send>> = Vec::new();
        for inv in recipients {
            boxed.push(
                parse_recipient(&inv.recipient, team_type).map_err(|e| Error::Encrypt {
                    reason: format!("the recipient of {} is not usable: {e}", inv.id),
                })?,
            );
        }
        let mut plain = Zeroizing::new(serde_json::to_vec(&event).expect("events serialise"));
        let padded = plain.len().div_ceil(PAD).max(1) * PAD;
        plain.resize(padded, b' ');

        let dir = self.case_dir(&event.case);
        fs::create_dir_all(&dir).map_err(Error::io("cannot create", &dir))?;
        event.id = hex::encode(rand::random::<[u8; 16]>());
        let part = dir.join(format!(".{}.age.part", event.id));
        let target = dir.join(format!("{}.age", event.id));
        let encryptor = age::Encryptor::with_recipients(boxed.iter().map(|r| r.as_ref() as _))
            .map_err(|e| Error::Encrypt {
                reason: e.to_string(),
            })?;
        let file = File::create(&part).map_err(Error::io("cannot create", &part))?;
        let mut writer = encryptor
            .wrap_output(file)
            .map_err(Error::io("cannot write", &part))?;
        writer
            .write_all(&plain)
            .map_err(Error::io("cannot write", &part))?;
        let file = writer.finish().map_err(Error::io("cannot write", &part))?;
        file.sync_all().map_err(Error::io("cannot sync", &part))?;
        drop(file);
        fs::rename(&part, &target).map_err(Error::io("cannot rename", &part))?;
        sync_dir(&dir)?;
        Ok(target)
    }

    /// Removes a case's whole state folder (purge, §12).
    pub fn remove_case(&self, case: &str) -> Result<(), Error> {
        let dir = self.case_dir(case);
        match fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io("cannot remove", &dir)(e))
            }
            _ => Ok(()),
        }
    }
}

/// Reads one event: `Ok(None)` if it is not addressed to these identities.
fn read_event(
    path: &Path,
    case: &str,
    id: &str,
    identities: &Identities,
) -> Result<Option<Event>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    if size > EVENT_FILE_MAX {
        return Err(format!("it has {size} bytes, more than an event can"));
    }
    let mut plain = Zeroizing::new(Vec::new());
    match open_reader(file, identities) {
        Err(OpenError::NotAddressed) => return Ok(None),
        Err(OpenError::Damaged(reason)) => return Err(reason),
        Ok(stream) => stream
            .take(EVENT_FILE_MAX)
            .read_to_end(&mut plain)
            .map_err(|e| format!("the payload is damaged ({e})"))?,
    };
    let mut event: Event =
        serde_json::from_slice(&plain).map_err(|e| format!("invalid event JSON: {e}"))?;
    event.validate()?;
    if event.case != case {
        return Err(format!(
            "it belongs to case {}, not to the folder it is in",
            event.case
        ));
    }
    event.id = id.to_string();
    Ok(Some(event))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: Action) -> Event {
        Event {
            v: 1,
            case: "a".repeat(32),
            at: "2026-03-01T10:00:00.000000Z".into(),
            by: "alice".into(),
            action,
            id: String::new(),
        }
    }

    #[test]
    fn labels_and_times_are_checked() {
        assert!(is_label("harassment"));
        assert!(is_label("q3-2026_sales"));
        for bad in ["", "Sales", "-x", "a b", "é", &"x".repeat(33)] {
            assert!(!is_label(bad), "{bad}");
        }
        assert!(is_time("2026-11-25T23:59:59.000001Z"));
        assert!(!is_time("2026-11-25T23:59:59Z"));
        assert!(!is_time("2026-11-25 23:59:59.000001Z"));
        assert!(!is_time("2026-13-25T23:59:59.000001Z"));
        assert!(!is_time("2026-11-25T23:59:59.0000é1Z"));
        let now = format_time(now_micros());
        assert!(is_time(&now), "{now}");
        assert_eq!(
            format_time(1_764_028_799_000_001),
            "2025-11-24T23:59:59.000001Z"
        );
    }

    #[test]
    fn events_validate_and_serialise_flat() {
        let e = event(Action::Label {
            add: vec!["sales".into()],
            remove: vec![],
        });
        assert!(e.validate().is_ok());
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""action":"label""#), "{json}");
        assert!(!json.contains(r#""id""#), "{json}");
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back.action, e.action);
        for bad in [
            Action::Status {
                state: "done".into(),
                to_reporter: false,
                outcome: None,
            },
            Action::Status {
                state: "investigating".into(),
                to_reporter: false,
                outcome: Some("resolved".into()),
            },
            Action::Note {
                text: String::new(),
            },
            Action::Assign {
                to: Some("../x".into()),
            },
            Action::Label {
                add: vec!["Bad Label".into()],
                remove: vec![],
            },
        ] {
            assert!(event(bad).validate().is_err());
        }
        let unknown = json.replace(r#""action":"label""#, r#""action":"explode""#);
        assert!(serde_json::from_str::<Event>(&unknown).is_err());
    }

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    }

    /// Post-quantum and X25519 teams: the author is found from the key, the
    /// event round-trips, and an investigator left out cannot read it.
    #[test]
    fn events_reach_only_the_case_recipients() {
        for (team, prefix) in [("keys/team-pq.toml", "pq-"), ("keys/team.toml", "")] {
            let keyset = crate::teamfile::read(&repo(team)).unwrap();
            let key = |id: &str| {
                crate::identity::load(&[repo(&format!("tests/fixtures/keys/{prefix}{id}.key"))])
                    .unwrap()
            };
            let (alice, bob, carol) = (key("alice"), key("bob"), key("carol"));
            assert_eq!(who_am_i(&keyset, &alice).unwrap(), "alice");
            assert_eq!(who_am_i(&keyset, &carol).unwrap(), "carol");

            let mut manifest = Manifest {
                kind: whistlebox_core::report::Kind::Report,
                fields: [("recipients".to_string(), "alice,bob".to_string())].into(),
                attachments: vec![],
                reply_key: None,
                client_time: "2026-01-01".into(),
                locale: "en".into(),
            };
            let case = "b".repeat(32);
            let readers = case_recipients(&keyset, &manifest, &case).unwrap();
            let ids: Vec<&str> = readers.iter().map(|i| i.id.as_str()).collect();
            assert_eq!(ids, ["alice", "bob"]);

            let dir = tempfile::tempdir().unwrap();
            let store = Store::create(dir.path()).unwrap();
            let states = StateDir::of(&store);
            let mut e = Event {
                case: case.clone(),
                ..event(Action::Note {
                    text: "the secret note".into(),
                })
            };
            let path = states.append(&mut e, &readers, &keyset).unwrap();
            assert!(!fs::read(&path).unwrap().windows(6).any(|w| w == b"secret"));
            let seen = states.load(&case, &bob).unwrap();
            assert_eq!(
                seen.notes().map(|(_, t)| t).collect::<Vec<_>>(),
                ["the secret note"]
            );
            let hidden = states.load(&case, &carol).unwrap();
            assert!(hidden.history.is_empty());
            assert_eq!(hidden.hidden, 1);

            // Without the field, the whole keyset; a field naming nobody known is refused.
            manifest.fields.clear();
            assert_eq!(case_recipients(&keyset, &manifest, &case).unwrap().len(), 3);
            manifest
                .fields
                .insert("recipients".into(), "mallory".into());
            assert!(matches!(
                case_recipients(&keyset, &manifest, &case),
                Err(Error::NoCaseRecipients { .. })
            ));
        }
    }

    #[test]
    fn an_event_moved_to_another_case_is_damaged() {
        let keyset = crate::teamfile::read(&repo("keys/team.toml")).unwrap();
        let alice = crate::identity::load(&[repo("tests/fixtures/keys/alice.key")]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let states = StateDir::of(&store);
        let readers: Vec<&Investigator> = keyset.investigators.iter().collect();
        let mut e = event(Action::Assign {
            to: Some("bob".into()),
        });
        let path = states.append(&mut e, &readers, &keyset).unwrap();
        let other = "c".repeat(32);
        fs::create_dir_all(states.case_dir(&other)).unwrap();
        fs::rename(
            &path,
            states.case_dir(&other).join(path.file_name().unwrap()),
        )
        .unwrap();
        let state = states.load(&other, &alice).unwrap();
        assert_eq!(
            (state.damaged, state.history.len(), state.assignee),
            (1, 0, None)
        );
    }
}
