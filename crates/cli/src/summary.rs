//! `whistlebox overview`: decrypts the store in memory, sums every case up
//! ([`overview::CaseSummary`]: day, category, effective status, assignee,
//! labels, deadlines) and writes the self-contained HTML report and,
//! optionally, the CSV ([`overview::html`], [`overview::csv`]).
//!
//! Both files hold plaintext about cases, so they are explicit exports:
//! written with mode 0600, never inside the store, never over an existing
//! file without `--force`, never through a symbolic link.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cases::meets;
use crate::casestate::{effective, StateDir};
use crate::due::{Day, Deadline};
use crate::error::Error;
use crate::export::write_new;
use crate::identity;
use crate::overview::{self, CaseSummary, Overview};
use crate::store::Store;
use crate::thread::{assemble, Thread};
use crate::{teamfile, term};

/// A validated `overview`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverviewPlan {
    /// The store directory.
    pub store: PathBuf,
    /// The identity files.
    pub identities: Vec<PathBuf>,
    /// The HTML file to write.
    pub out: PathBuf,
    /// The CSV file to write, if any.
    pub csv: Option<PathBuf>,
    /// The keyset, for the team's name.
    pub team: Option<PathBuf>,
    /// The day taken as today.
    pub today: Day,
    /// Replace existing files.
    pub force: bool,
}

/// How one deadline of §8.8 stands on `today`, given the day it was met.
fn standing(due: Day, met_on: Option<Day>, today: Day) -> overview::Deadline {
    match met_on {
        Some(day) if day <= due => overview::Deadline::Met,
        Some(_) => overview::Deadline::MetLate,
        None if today > due => overview::Deadline::Missed,
        None => overview::Deadline::Pending,
    }
}

/// The acknowledgement and feedback standings of a thread (§8.8): met by
/// the first answer (or feedback status) the relay has.
pub fn deadlines(
    thread: &Thread,
    received: Day,
    today: Day,
) -> (overview::Deadline, overview::Deadline) {
    let first = |deadline| {
        thread
            .entries
            .iter()
            .filter(|e| meets(deadline, e))
            .filter_map(|e| Day::parse(e.day()))
            .min()
    };
    let (ack, feedback) = (first(Deadline::Acknowledgement), first(Deadline::Feedback));
    (
        standing(Deadline::Acknowledgement.due(received), ack, today),
        standing(Deadline::Feedback.due(received), feedback, today),
    )
}

/// Whether `path` would be inside the store (plaintext must stay out of it):
/// its nearest existing ancestor, resolved, with the rest appended, is
/// compared with the resolved store, so folders not yet created count too.
fn inside(store: &Path, path: &Path) -> bool {
    let Ok(store) = fs::canonicalize(store) else {
        return false;
    };
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        match std::env::current_dir() {
            Ok(cwd) => cwd.join(path),
            Err(_) => return false,
        }
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            let full = rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c));
            return full.starts_with(&store);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return false,
        }
    }
}

/// Refuses an output inside the store: exports hold plaintext (§11).
pub fn refuse_inside_store(store: &Path, out: &Path) -> Result<(), Error> {
    if inside(store, out) {
        return Err(Error::Usage {
            what: format!(
                "{} is inside the store {}: the store keeps ciphertext only",
                out.display(),
                store.display()
            ),
            hint: "write exports and reports outside the store, on the offline machine's encrypted disk"
                .into(),
        });
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    if force {
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_file() => {
                fs::remove_file(path).map_err(Error::io("cannot replace", path))?
            }
            _ => {}
        }
    }
    write_new(path, bytes)
}

/// Runs `overview`.
pub fn run(plan: &OverviewPlan, out: &mut dyn Write) -> Result<(), Error> {
    for path in std::iter::once(&plan.out).chain(&plan.csv) {
        refuse_inside_store(&plan.store, path)?;
        if !plan.force && fs::symlink_metadata(path).is_ok() {
            return Err(Error::OutputExists { path: path.clone() });
        }
    }
    let team = match &plan.team {
        Some(path) => teamfile::read(path)?.name,
        None => "Whistlebox".to_string(),
    };
    let store = Store::open(&plan.store)?;
    let identities = identity::load(&plan.identities)?;
    let threads = assemble(&store, &identities)?;
    let states = StateDir::of(&store);
    let mut cases = Vec::new();
    for thread in &threads.threads {
        let Some(received) = thread.head().object.as_ref().map(|o| o.meta.day.clone()) else {
            continue; // only outbox items: not a case the relay holds
        };
        let state = states.load(&thread.case, &identities)?;
        let eff = effective(thread, &state);
        let (ack, feedback) = match Day::parse(&received) {
            Some(day) => deadlines(thread, day, plan.today),
            None => (overview::Deadline::Pending, overview::Deadline::Pending),
        };
        cases.push(CaseSummary {
            id: thread.case.clone(),
            received,
            category: thread.head().manifest.fields.get("category").cloned(),
            status: eff.status,
            assignee: state.assignee.clone(),
            labels: state.labels.iter().cloned().collect(),
            items: thread.entries.len(),
            ack,
            feedback,
            readable: true,
        });
    }
    for u in &threads.unreadable {
        if u.object.meta.kind != "report" {
            continue; // a follow-up or answer nobody here can read: not a case
        }
        if !matches!(u.error, Error::NotAddressed { .. }) {
            term::error(&u.error);
        }
        cases.push(CaseSummary {
            id: u.object.meta.id.clone(),
            received: u.object.meta.day.clone(),
            category: None,
            status: "received".into(),
            assignee: None,
            labels: Vec::new(),
            items: 1,
            ack: overview::Deadline::Pending,
            feedback: overview::Deadline::Pending,
            readable: false,
        });
    }
    cases.sort_by(|a, b| (&a.received, &a.id).cmp(&(&b.received, &b.id)));
    let view = Overview {
        team,
        today: plan.today.to_string(),
        cases,
    };
    write_file(&plan.out, overview::html(&view).as_bytes(), plan.force)?;
    writeln!(
        out,
        "wrote {} ({} cases; mode 0600: it holds case details, keep it on the offline machine)",
        plan.out.display(),
        view.cases.len()
    )
    .map_err(Error::Stdout)?;
    if let Some(csv) = &plan.csv {
        write_file(csv, overview::csv(&view).as_bytes(), plan.force)?;
        writeln!(out, "wrote {}", csv.display()).map_err(Error::Stdout)?;
    }
    Ok(())
}

/// Runs `patterns`: the report fields of every readable case (PROTOCOL.md
/// §13), decrypted in memory, grouped by normalised name.
pub fn patterns(
    store: &Path,
    identities: &[PathBuf],
    min: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let store = Store::open(store)?;
    let identities = identity::load(identities)?;
    let threads = assemble(&store, &identities)?;
    let cases: Vec<crate::patterns::CaseText> = threads
        .threads
        .iter()
        .filter(|t| !t.orphan)
        .map(|t| crate::patterns::CaseText {
            id: t.case.clone(),
            fields: t.head().manifest.fields.clone(),
        })
        .collect();
    let not_read = threads
        .unreadable
        .iter()
        .filter(|u| u.object.meta.kind == "report")
        .count();
    if not_read > 0 {
        eprintln!("note: {not_read} report(s) these keys cannot read were not searched");
    }
    let found = crate::patterns::find(&cases, min);
    if json {
        let text = serde_json::to_string_pretty(&found).expect("patterns serialise");
        return writeln!(out, "{}", term::json(&text)).map_err(Error::Stdout);
    }
    if found.is_empty() {
        eprintln!(
            "no person, team or place is named by {min} or more of the {} readable reports",
            cases.len()
        );
        return Ok(());
    }
    for p in &found {
        let kind = match p.kind {
            crate::patterns::EntityKind::Person => "person",
            crate::patterns::EntityKind::Team => "team",
            crate::patterns::EntityKind::Place => "place",
        };
        writeln!(
            out,
            "{} independent reports name the {kind} {}",
            p.cases.len(),
            term::line(&p.name)
        )
        .map_err(Error::Stdout)?;
        if p.spellings.len() > 1 {
            let spellings: Vec<String> = p.spellings.iter().map(|s| term::line(s)).collect();
            writeln!(out, "    spelt   {}", spellings.join(" · ")).map_err(Error::Stdout)?;
        }
        writeln!(out, "    cases   {}", p.cases.join(" ")).map_err(Error::Stdout)?;
    }
    Ok(())
}
