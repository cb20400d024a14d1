//! Case management (PROTOCOL.md §11): `note`, `assign`, `label`,
//! `status --internal` record a change in the case's encrypted state
//! ([`crate::casestate`]); `history` lists every change. All run offline.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;
use whistlebox_core::team::Keyset;
use zeroize::Zeroizing;

use crate::casestate::{
    case_recipients, effective, format_time, now_micros, who_am_i, Action, CaseState, Event,
    StateDir, MAX_LABELS,
};
use crate::compose::read_message_file;
use crate::error::Error;
use crate::identity::{self, Identities};
use crate::plan::MessageSource;
use crate::store::Store;
use crate::thread::{self, Thread, Threads};
use crate::{teamfile, term};

/// A change to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// `note`: an internal note.
    Note(MessageSource),
    /// `assign`: an investigator id, or `None` (`--none`).
    Assign(Option<String>),
    /// `label`: labels to add and to remove.
    Label {
        /// Added.
        add: Vec<String>,
        /// Removed.
        remove: Vec<String>,
    },
    /// `status --internal`: a status for the team only, with an optional note.
    Status {
        /// The state.
        state: String,
        /// For `closed`, the outcome, if given.
        outcome: Option<String>,
        /// An internal note recorded with it.
        note: Option<String>,
    },
}

/// A validated `note`, `assign`, `label` or `status --internal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackPlan {
    /// The store directory.
    pub store: PathBuf,
    /// The identity files.
    pub identities: Vec<PathBuf>,
    /// The published keyset file.
    pub team: PathBuf,
    /// The case id or prefix.
    pub id: String,
    /// What changes.
    pub change: Change,
}

/// Finds the readable thread of case `id` (a unique prefix of any of its objects).
pub fn find_thread<'t>(store: &Store, threads: &'t Threads, id: &str) -> Result<&'t Thread, Error> {
    let object = store.find(id)?;
    match threads.of_object(&object.meta.id) {
        Some(t) => Ok(t),
        None => Err(threads
            .unreadable
            .iter()
            .find(|u| u.object.meta.id == object.meta.id)
            .map_or(
                Error::NotAddressed {
                    id: object.meta.id.clone(),
                },
                |u| match &u.error {
                    Error::NotAddressed { id } => Error::NotAddressed { id: id.clone() },
                    other => Error::Damaged {
                        id: object.meta.id.clone(),
                        reason: other.to_string(),
                    },
                },
            )),
    }
}

/// Records `actions` for `thread` by the holder of `identities`: every event
/// is encrypted to the case's recipients only (§11).
pub fn record(
    store: &Store,
    keyset: &Keyset,
    identities: &Identities,
    thread: &Thread,
    actions: Vec<Action>,
) -> Result<Vec<PathBuf>, Error> {
    let recipients = case_recipients(keyset, &thread.head().manifest, &thread.case)?;
    if !thread.head().manifest.fields.contains_key("recipients") {
        eprintln!(
            "warning: case {} does not record whom the reporter chose (a report from before the \
             `recipients` field, or a script): its state is encrypted to the whole keyset",
            thread.case
        );
    }
    let me = who_am_i(keyset, identities)?;
    if !recipients.iter().any(|inv| inv.id == me) {
        return Err(Error::NotCaseRecipient {
            investigator: me.to_string(),
            case: thread.case.clone(),
        });
    }
    let assignee = match actions.first() {
        Some(Action::Assign { to: Some(to) }) => Some(to),
        _ => None,
    };
    if let Some(to) = assignee.filter(|to| !recipients.iter().any(|inv| &inv.id == *to)) {
        return Err(if keyset.investigators.iter().any(|inv| &inv.id == to) {
            Error::NotCaseRecipient {
                investigator: to.clone(),
                case: thread.case.clone(),
            }
        } else {
            Error::Usage {
                what: format!("`{}` is not an investigator of the team keyset", term::line(to)),
                hint: "use an investigator id from the keyset (--team), e.g. the `id` of an [[investigator]]"
                    .into(),
            }
        });
    }
    let dir = StateDir::of(store);
    let start = now_micros();
    let mut written = Vec::new();
    for (i, action) in actions.into_iter().enumerate() {
        let mut event = Event {
            v: 1,
            case: thread.case.clone(),
            at: format_time(start + i as u64),
            by: me.to_string(),
            action,
            id: String::new(),
        };
        written.push(dir.append(&mut event, &recipients, keyset)?);
    }
    Ok(written)
}

/// Runs `note`, `assign`, `label` or `status --internal`.
pub fn run(plan: &TrackPlan, out: &mut dyn Write) -> Result<(), Error> {
    let keyset = teamfile::read(&plan.team)?;
    let note_text = match &plan.change {
        Change::Note(MessageSource::Text(t)) => Some(Zeroizing::new(t.clone())),
        Change::Note(MessageSource::File(p)) => Some(read_message_file(p)?),
        _ => None,
    };
    let store = Store::open(&plan.store)?;
    let identities = identity::load(&plan.identities)?;
    let threads = thread::assemble(&store, &identities)?;
    let thread = find_thread(&store, &threads, &plan.id)?;
    let before = StateDir::of(&store).load(&thread.case, &identities)?;

    let actions = match &plan.change {
        Change::Note(_) => vec![Action::Note {
            text: note_text.as_ref().expect("read above").to_string(),
        }],
        Change::Assign(to) => vec![Action::Assign { to: to.clone() }],
        Change::Label { add, remove } => {
            let add: Vec<String> = add
                .iter()
                .filter(|l| !before.labels.contains(*l))
                .cloned()
                .collect();
            let remove: Vec<String> = remove
                .iter()
                .filter(|l| before.labels.contains(*l))
                .cloned()
                .collect();
            if add.is_empty() && remove.is_empty() {
                writeln!(out, "case {}: labels unchanged", thread.case).map_err(Error::Stdout)?;
                return Ok(());
            }
            let after = before.labels.len() + add.len() - remove.len();
            if after > MAX_LABELS {
                return Err(Error::Usage {
                    what: format!(
                        "case {} would have {after} labels, at most {MAX_LABELS} are kept",
                        thread.case
                    ),
                    hint: "remove labels no longer needed with --remove".into(),
                });
            }
            vec![Action::Label { add, remove }]
        }
        Change::Status {
            state,
            outcome,
            note,
        } => {
            let mut actions = vec![Action::Status {
                state: state.clone(),
                to_reporter: false,
                outcome: outcome.clone(),
            }];
            if let Some(text) = note {
                actions.push(Action::Note { text: text.clone() });
            }
            actions
        }
    };
    // What was done, without echoing a note's text to the terminal.
    let lines: Vec<String> = actions
        .iter()
        .map(|a| match a {
            Action::Note { .. } => "internal note added (never sent to the reporter)".into(),
            other => term::line(&other.summary()),
        })
        .collect();
    record(&store, &keyset, &identities, thread, actions)?;
    for line in lines {
        writeln!(out, "case {}: {line}", thread.case).map_err(Error::Stdout)?;
    }
    Ok(())
}

/// One history line as JSON.
#[derive(Debug, Serialize)]
struct HistoryJson<'a> {
    at: &'a str,
    by: &'a str,
    #[serde(flatten)]
    action: &'a Action,
}

/// The state of a case as JSON (`show --json`, `history --json`).
#[derive(Debug, Serialize)]
pub struct StateJson<'a> {
    status: String,
    closed_on: Option<String>,
    assignee: Option<&'a str>,
    labels: Vec<&'a str>,
    history: Vec<HistoryJson<'a>>,
    hidden: usize,
    damaged: usize,
}

/// The JSON view of a case's state.
pub fn state_json<'a>(thread: &Thread, state: &'a CaseState) -> StateJson<'a> {
    let eff = effective(thread, state);
    StateJson {
        status: eff.status,
        closed_on: eff.closed_on,
        assignee: state.assignee.as_deref(),
        labels: state.labels.iter().map(String::as_str).collect(),
        history: state
            .history
            .iter()
            .map(|e| HistoryJson {
                at: &e.at,
                by: &e.by,
                action: &e.action,
            })
            .collect(),
        hidden: state.hidden,
        damaged: state.damaged,
    }
}

/// Writes the history lines of a case (text; untrusted text escaped).
pub fn write_history(state: &CaseState, out: &mut dyn Write) -> Result<(), Error> {
    for e in &state.history {
        writeln!(
            out,
            "{}  {:<12}  {}",
            e.at,
            term::line(&e.by),
            term::line(&e.action.summary())
        )
        .map_err(Error::Stdout)?;
    }
    if state.hidden > 0 {
        writeln!(
            out,
            "({} change(s) encrypted to other investigators are not shown)",
            state.hidden
        )
        .map_err(Error::Stdout)?;
    }
    Ok(())
}

/// Runs `history`.
pub fn history(
    store_dir: &std::path::Path,
    identities: &[PathBuf],
    id: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let store = Store::open(store_dir)?;
    let identities = identity::load(identities)?;
    let threads = thread::assemble(&store, &identities)?;
    let thread = find_thread(&store, &threads, id)?;
    let state = StateDir::of(&store).load(&thread.case, &identities)?;
    if json {
        let text = serde_json::to_string_pretty(&state_json(thread, &state)).expect("serialises");
        writeln!(out, "{}", term::json(&text)).map_err(Error::Stdout)
    } else if state.history.is_empty() && state.hidden == 0 {
        writeln!(out, "case {}: no changes recorded", thread.case).map_err(Error::Stdout)
    } else {
        write_history(&state, out)
    }
}
