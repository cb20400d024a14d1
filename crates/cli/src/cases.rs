//! `whistlebox cases`: one row per case — a report, or a follow-up without its
//! report — with its thread (PROTOCOL.md §8.6) summed up: how many items, the
//! latest status, how many answers wait in the outbox. Replies and follow-ups
//! are not rows of their own. Only manifests are read (`read_manifest` stops
//! after the manifest, so listing stays fast however large the attachments
//! are). An object the given identities cannot open is listed as `(not
//! addressed to you)`; a damaged one is listed, reported on stderr, and makes
//! the command fail at the end.
//!
//! `cases --due` lists the deadlines of §8.8 that are missed or near instead.

use std::io::{IsTerminal, Write};

use serde::Serialize;
use whistlebox_core::report::{read_manifest, Kind};

use crate::casestate::{effective, CaseState, StateDir};
use crate::due::{standing, Day, Deadline, Standing};
use crate::error::{Error, ExitCode};
use crate::identity::Identities;
use crate::open::{container_error, decrypt};
use crate::plan::DuePlan;
use crate::store::{Store, StoredObject};
use crate::term;
use crate::thread::{assemble, Thread};

/// What could be learnt about one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    /// The object id.
    pub id: String,
    /// The relay's sequence number.
    pub seq: u64,
    /// The day the relay received it.
    pub day: String,
    /// `ok`, `not_addressed` or `damaged`.
    pub status: &'static str,
    /// The manifest kind (the store's kind when the case cannot be opened).
    pub kind: String,
    /// The `category` field, if any.
    pub category: Option<String>,
    /// The number of attachments, when the case could be opened.
    pub attachments: Option<usize>,
    /// The ciphertext size in bytes.
    pub size: u64,
    /// Items in the case's thread, the case itself included (§8.6).
    pub items: usize,
    /// A follow-up (or answer) whose report is not in the store or cannot be read.
    pub orphan: bool,
    /// The state of the thread's latest status, if any.
    pub state: Option<String>,
    /// Answers in the outbox not pushed yet.
    pub unpushed: usize,
    /// The investigator responsible (case state, PROTOCOL.md §11).
    pub assignee: Option<String>,
    /// The case's labels (§11).
    pub labels: Vec<String>,
    /// The day the case was closed, when its status is `closed` (§11).
    pub closed_on: Option<String>,
    /// What went wrong, for damaged cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Reads the row of one case; a damaged case is returned with its error.
pub fn row(object: &StoredObject, identities: &Identities) -> (CaseRow, Option<Error>) {
    let meta = &object.meta;
    let mut row = CaseRow {
        id: meta.id.clone(),
        seq: meta.seq,
        day: meta.day.clone(),
        status: "ok",
        kind: meta.kind.clone(),
        category: None,
        attachments: None,
        size: meta.size,
        items: 1,
        orphan: false,
        state: None,
        unpushed: 0,
        assignee: None,
        labels: Vec::new(),
        closed_on: None,
        error: None,
    };
    let manifest = decrypt(object, identities)
        .and_then(|plain| read_manifest(plain).map_err(|e| container_error(&meta.id, e)));
    match manifest {
        Ok(m) => {
            row.kind = m.kind.as_str().to_string();
            row.category = m.fields.get("category").cloned();
            row.attachments = Some(m.attachments.len());
            (row, None)
        }
        Err(Error::NotAddressed { .. }) => {
            row.status = "not_addressed";
            (row, None)
        }
        Err(e) => {
            row.status = "damaged";
            row.error = Some(e.to_string());
            (row, Some(e))
        }
    }
}

/// The row of a readable case, its thread and its state (§11).
pub fn thread_row(thread: &Thread, state: &CaseState) -> CaseRow {
    let eff = effective(thread, state);
    let head = thread.head();
    let (seq, size) = head
        .object
        .as_ref()
        .map_or((0, 0), |o| (o.meta.seq, o.meta.size));
    CaseRow {
        id: thread.case.clone(),
        seq,
        day: head.day().to_string(),
        status: "ok",
        kind: head.kind().as_str().to_string(),
        category: head.manifest.fields.get("category").cloned(),
        attachments: Some(head.manifest.attachments.len()),
        size,
        items: thread.entries.len(),
        orphan: thread.orphan,
        state: Some(eff.status),
        unpushed: thread.unpushed(),
        assignee: state.assignee.clone(),
        labels: state.labels.iter().cloned().collect(),
        closed_on: eff.closed_on,
        error: None,
    }
}

/// Which cases `cases` lists (all of the given conditions hold).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The effective status is one of these (any, if empty).
    pub status: Vec<String>,
    /// The `category` field is one of these (any, if empty).
    pub category: Vec<String>,
    /// The case has every one of these labels.
    pub labels: Vec<String>,
    /// `Some(None)`: unassigned; `Some(Some(id))`: assigned to `id`.
    pub assignee: Option<Option<String>>,
    /// Text the case's decrypted fields, messages or notes contain.
    pub search: Option<String>,
}

impl Filter {
    /// Whether any condition is set (then unreadable cases are left out).
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    /// Whether the case passes every condition.
    pub fn accepts(&self, thread: &Thread, state: &CaseState, row: &CaseRow) -> bool {
        let status = row.state.as_deref().unwrap_or("received");
        (self.status.is_empty() || self.status.iter().any(|s| s == status))
            && (self.category.is_empty()
                || row
                    .category
                    .as_ref()
                    .is_some_and(|c| self.category.contains(c)))
            && self.labels.iter().all(|l| state.labels.contains(l))
            && self
                .assignee
                .as_ref()
                .is_none_or(|want| *want == state.assignee)
            && self
                .search
                .as_deref()
                .is_none_or(|text| contains_text(thread, state, text))
    }
}

/// Case-insensitive search over everything decrypted of a case: every field
/// of every item of its thread, attachment names, and the internal notes.
/// It runs in memory; nothing is indexed or written.
pub fn contains_text(thread: &Thread, state: &CaseState, text: &str) -> bool {
    let needle = fold(text);
    let fields = thread.entries.iter().flat_map(|e| {
        e.manifest
            .fields
            .values()
            .map(String::as_str)
            .chain(e.manifest.attachments.iter().map(|a| a.name.as_str()))
    });
    let notes = state.notes().map(|(_, t)| t);
    fields.chain(notes).any(|hay| fold(hay).contains(&needle))
}

/// Folds text for search: lowercase, white space collapsed to one space.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const HEADER: [&str; 10] = [
    "ID", "DAY", "KIND", "CATEGORY", "FILES", "SIZE", "ITEMS", "STATE", "ASSIGNEE", "LABELS",
];

fn columns(c: [&str; 10]) -> String {
    format!(
        "{:<32}  {:<10}  {:<8}  {:<32}  {:>5}  {:>9}  {:>5}  {:<21}  {:<8}  {}",
        c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]
    )
    .trim_end()
    .to_string()
}

fn table_line(row: &CaseRow) -> String {
    let (category, files) = match row.status {
        "ok" if row.orphan => (
            format!("(a {} without its report)", row.kind),
            row.attachments.unwrap_or(0).to_string(),
        ),
        "ok" => (
            term::shorten(&term::line(row.category.as_deref().unwrap_or("-")), 32),
            row.attachments.unwrap_or(0).to_string(),
        ),
        "not_addressed" => ("(not addressed to you)".to_string(), "-".to_string()),
        _ => ("(damaged)".to_string(), "-".to_string()),
    };
    let mut state = term::line(row.state.as_deref().unwrap_or("-"));
    if row.unpushed > 0 {
        state.push_str(&format!(" ({} not pushed)", row.unpushed));
    }
    columns([
        &row.id,
        &row.day,
        &row.kind,
        &category,
        &files,
        &term::size(row.size),
        &row.items.to_string(),
        &state,
        &term::line(row.assignee.as_deref().unwrap_or("-")),
        &term::line(&row.labels.join(",")),
    ])
}

/// Reads every case: the threads, then the objects that cannot be read
/// (left out when a filter is set: nothing can be said of them).
fn all_rows(
    store: &Store,
    identities: &Identities,
    filter: &Filter,
) -> Result<(Vec<CaseRow>, usize), Error> {
    let threads = assemble(store, identities)?;
    let states = StateDir::of(store);
    let mut rows: Vec<CaseRow> = Vec::new();
    for thread in &threads.threads {
        let state = states.load(&thread.case, identities)?;
        let row = thread_row(thread, &state);
        if filter.accepts(thread, &state, &row) {
            rows.push(row);
        }
    }
    let mut failed = 0;
    for u in threads.unreadable.iter().filter(|_| !filter.is_active()) {
        let (row, err) = row(&u.object, identities);
        if let Some(err) = err {
            failed += 1;
            term::error(&err);
        }
        rows.push(row);
    }
    rows.sort_by_key(|r| if r.seq == 0 { u64::MAX } else { r.seq });
    Ok((rows, failed))
}

/// Lists the cases of `store` on `out`.
pub fn run(
    store: &Store,
    identities: &Identities,
    filter: &Filter,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let (rows, failed) = all_rows(store, identities, filter)?;
    if json {
        let text = serde_json::to_string_pretty(&rows).expect("rows serialise");
        writeln!(out, "{}", term::json(&text)).map_err(Error::Stdout)?;
    } else if rows.is_empty() && filter.is_active() {
        eprintln!("no case matches the filters");
    } else if rows.is_empty() {
        eprintln!("no cases in the store {}", store.root().display());
    } else {
        writeln!(out, "{}", columns(HEADER)).map_err(Error::Stdout)?;
        for row in &rows {
            writeln!(out, "{}", table_line(row)).map_err(Error::Stdout)?;
        }
    }
    if failed > 0 {
        return Err(Error::SomeCasesFailed {
            failed,
            total: rows.len(),
            exit: ExitCode::Integrity,
        });
    }
    Ok(())
}

/// One deadline that is missed or near (PROTOCOL.md §8.8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DueRow {
    /// The case id.
    pub case: String,
    /// The day the relay received the case.
    pub received: String,
    /// Which deadline.
    pub deadline: Deadline,
    /// Its due day.
    pub due: String,
    /// `missed` or `near`.
    pub standing: Standing,
    /// Days from today to the due day (negative when missed).
    pub days: i64,
    /// The case is a follow-up without its report.
    pub orphan: bool,
    /// The case has a reply key (it can be answered with `reply`/`status`).
    pub answerable: bool,
}

/// Whether `entry` meets `deadline` (PROTOCOL.md §8.8): an answer of the
/// team that the relay has — any reply or status for the acknowledgement, a
/// status past it for the feedback.
pub fn meets(deadline: Deadline, entry: &crate::thread::Entry) -> bool {
    entry.relay_has()
        && entry.from_team() == Some(true)
        && match deadline {
            Deadline::Acknowledgement => matches!(entry.kind(), Kind::Reply | Kind::Status),
            Deadline::Feedback => matches!(
                entry.state(),
                Some("investigating" | "need_more_information" | "closed")
            ),
        }
}

/// The deadlines of one case that are missed or near on `today`; none for a
/// closed case (a `closed` status the relay has) or one not pulled.
pub fn due_rows(thread: &Thread, today: Day, within: u32) -> Vec<DueRow> {
    let Some(received) = thread
        .head()
        .object
        .as_ref()
        .and_then(|o| Day::parse(&o.meta.day))
    else {
        return Vec::new();
    };
    let closed = thread
        .entries
        .iter()
        .rev()
        .filter(|e| e.relay_has() && e.from_team() == Some(true))
        .find_map(|e| e.state())
        .is_some_and(|s| s == "closed");
    if closed {
        return Vec::new();
    }
    [Deadline::Acknowledgement, Deadline::Feedback]
        .map(|d| (d, thread.entries.iter().any(|e| meets(d, e))))
        .into_iter()
        .filter_map(|(deadline, met)| {
            let due = deadline.due(received);
            let standing = standing(due, met, today, within);
            matches!(standing, Standing::Missed | Standing::Near).then(|| DueRow {
                case: thread.case.clone(),
                received: received.to_string(),
                deadline,
                due: due.to_string(),
                standing,
                days: today.days_until(due),
                orphan: thread.orphan,
                answerable: thread.reply_key.is_some(),
            })
        })
        .collect()
}

fn due_line(row: &DueRow, colour: bool) -> String {
    let when = match row.days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "1 day ago".to_string(),
        d if d < 0 => format!("{} days ago", -d),
        d => format!("in {d} days"),
    };
    let standing = match row.standing {
        Standing::Missed => term::paint("MISSED", term::Paint::Bad, colour),
        _ => term::paint("near  ", term::Paint::Warn, colour),
    };
    let note = match (row.orphan, row.answerable) {
        (_, false) => "  (no reply key: cannot be answered here)",
        (true, _) => "  (follow-up without its report)",
        _ => "",
    };
    format!(
        "{:<32}  {:<10}  {:<15}  {:<10}  {:<6}  {when}{note}",
        row.case,
        row.received,
        row.deadline.as_str(),
        row.due,
        standing
    )
}

/// `cases --due`: the deadlines that are missed or near.
pub fn run_due(
    store: &Store,
    identities: &Identities,
    plan: DuePlan,
    filter: &Filter,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let threads = assemble(store, identities)?;
    let states = StateDir::of(store);
    let mut rows: Vec<DueRow> = Vec::new();
    for thread in &threads.threads {
        let state = states.load(&thread.case, identities)?;
        if filter.accepts(thread, &state, &thread_row(thread, &state)) {
            rows.extend(due_rows(thread, plan.today, plan.within));
        }
    }
    rows.sort_by(|a, b| (&a.due, &a.case).cmp(&(&b.due, &b.case)));
    let not_addressed = threads
        .unreadable
        .iter()
        .filter(|u| matches!(u.error, Error::NotAddressed { .. }))
        .count();
    if not_addressed > 0 {
        eprintln!("note: {not_addressed} object(s) not addressed to you were not checked");
    }
    let colour = term::colour_on(std::io::stdout().is_terminal());
    if json {
        let text = serde_json::to_string_pretty(&rows).expect("rows serialise");
        writeln!(out, "{}", term::json(&text)).map_err(Error::Stdout)?;
    } else if rows.is_empty() {
        eprintln!(
            "no deadline missed or due within {} days of {}",
            plan.within, plan.today
        );
    } else {
        writeln!(
            out,
            "{:<32}  {:<10}  {:<15}  {:<10}  {:<6}  WHEN",
            "CASE", "RECEIVED", "DEADLINE", "DUE", "STATE"
        )
        .map_err(Error::Stdout)?;
        for row in &rows {
            writeln!(out, "{}", due_line(row, colour)).map_err(Error::Stdout)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(status: &'static str) -> CaseRow {
        CaseRow {
            id: "0".repeat(32),
            seq: 1,
            day: "2025-03-14".into(),
            status,
            kind: "report".into(),
            category: Some("harass\x1b[31mment".into()),
            attachments: Some(2),
            size: 65_600,
            items: 3,
            orphan: false,
            state: Some("investigating".into()),
            unpushed: 1,
            assignee: Some("bob".into()),
            labels: vec!["sales".into()],
            closed_on: None,
            error: None,
        }
    }

    mod due {
        use super::super::*;
        use crate::outbox::{OutboxItem, OutboxMeta, Pushed};
        use crate::store::ObjectMeta;
        use crate::thread::{group, Entry};
        use std::collections::BTreeMap;
        use whistlebox_core::report::Manifest;

        const KEY: &str = "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c";

        fn manifest(kind: Kind, key: Option<&str>, state: Option<&str>) -> Manifest {
            let mut fields = BTreeMap::new();
            if let Some(s) = state {
                fields.insert("state".to_string(), s.to_string());
            }
            Manifest {
                kind,
                fields,
                attachments: vec![],
                reply_key: key.map(str::to_string),
                client_time: "2025-03-03".into(),
                locale: "en".into(),
            }
        }

        fn pulled(
            seq: u64,
            day: &str,
            kind: Kind,
            key: Option<&str>,
            state: Option<&str>,
        ) -> Entry {
            Entry {
                object: Some(StoredObject {
                    meta: ObjectMeta {
                        id: format!("{seq:032x}"),
                        seq,
                        kind: kind.as_str().into(),
                        day: day.into(),
                        size: 65_700,
                        mailbox: Some(true),
                        leaf: None,
                    },
                    body: "unused".into(),
                }),
                outbox: None,
                manifest: manifest(kind, key, state),
            }
        }

        fn written(kind: Kind, state: Option<&str>, pushed: bool) -> Entry {
            Entry {
                object: None,
                outbox: Some(OutboxItem {
                    meta: OutboxMeta {
                        case: format!("{:032x}", 1),
                        n: 1,
                        kind: kind.as_str().into(),
                        day: "2025-03-05".into(),
                        pushed: pushed.then(|| Pushed {
                            id: "e".repeat(32),
                            day: "2025-03-05".into(),
                        }),
                    },
                    body: "unused".into(),
                    size: 65_900,
                }),
                manifest: manifest(kind, Some(KEY), state),
            }
        }

        fn rows(entries: Vec<Entry>, today: &str, within: u32) -> Vec<(Deadline, Standing, i64)> {
            let threads = group(entries);
            assert_eq!(threads.len(), 1);
            due_rows(&threads[0], Day::parse(today).unwrap(), within)
                .into_iter()
                .map(|r| (r.deadline, r.standing, r.days))
                .collect()
        }

        fn report() -> Entry {
            pulled(1, "2025-03-03", Kind::Report, Some(KEY), None)
        }

        #[test]
        fn unanswered_case_day_7_is_near_day_8_is_missed() {
            use Deadline::*;
            assert_eq!(
                rows(vec![report()], "2025-03-09", 3),
                [(Acknowledgement, Standing::Near, 1)]
            );
            assert_eq!(
                rows(vec![report()], "2025-03-10", 0),
                [(Acknowledgement, Standing::Near, 0)]
            );
            assert_eq!(
                rows(vec![report()], "2025-03-11", 3),
                [(Acknowledgement, Standing::Missed, -1)]
            );
            // Feedback: 3 June; near from 31 May with the default window.
            assert_eq!(
                rows(vec![report()], "2025-05-31", 3),
                [
                    (Acknowledgement, Standing::Missed, -82),
                    (Feedback, Standing::Near, 3)
                ]
            );
            assert_eq!(rows(vec![report()], "2025-05-30", 3).len(), 1);
        }

        #[test]
        fn answers_count_only_once_the_relay_has_them() {
            use Deadline::*;
            // An unpushed reply meets nothing; a pushed one meets the acknowledgement.
            let unsent = vec![report(), written(Kind::Reply, None, false)];
            assert_eq!(
                rows(unsent, "2025-03-11", 3),
                [(Acknowledgement, Standing::Missed, -1)]
            );
            let sent = vec![report(), written(Kind::Reply, None, true)];
            assert!(rows(sent, "2025-03-11", 3).is_empty());
            // "acknowledged" meets the acknowledgement but is not feedback.
            let ack = vec![
                report(),
                pulled(
                    2,
                    "2025-03-04",
                    Kind::Status,
                    Some(KEY),
                    Some("acknowledged"),
                ),
            ];
            assert_eq!(
                rows(ack, "2025-06-04", 3),
                [(Feedback, Standing::Missed, -1)]
            );
            let inv = vec![
                report(),
                pulled(
                    2,
                    "2025-03-04",
                    Kind::Status,
                    Some(KEY),
                    Some("investigating"),
                ),
            ];
            assert!(rows(inv, "2025-06-04", 3).is_empty());
            // A follow-up from the reporter meets nothing.
            let followup = vec![
                report(),
                pulled(2, "2025-03-04", Kind::Followup, Some(KEY), None),
            ];
            assert_eq!(rows(followup, "2025-03-11", 3).len(), 1);
        }

        #[test]
        fn closed_cases_are_not_listed_and_others_are() {
            let closed = vec![report(), written(Kind::Status, Some("closed"), true)];
            assert!(rows(closed, "2026-01-01", 3).is_empty());
            // Closed but not pushed: still listed.
            let unsent = vec![report(), written(Kind::Status, Some("closed"), false)];
            assert_eq!(rows(unsent, "2026-01-01", 3).len(), 2);
            // A report without a reply key is listed, marked unanswerable.
            let threads = group(vec![pulled(1, "2025-03-03", Kind::Report, None, None)]);
            let r = due_rows(&threads[0], Day::parse("2025-03-11").unwrap(), 3);
            assert_eq!(r.len(), 1);
            assert!(!r[0].answerable);
            assert!(due_line(&r[0], false).contains("no reply key"));
            // An orphan follow-up is counted from its own day.
            let threads = group(vec![pulled(
                4,
                "2025-03-05",
                Kind::Followup,
                Some(KEY),
                None,
            )]);
            let r = due_rows(&threads[0], Day::parse("2025-03-13").unwrap(), 3);
            assert_eq!(r[0].due, "2025-03-12");
            assert!(r[0].orphan);
            assert!(due_line(&r[0], false).contains("MISSED"));
        }
    }

    #[test]
    fn table_lines_are_safe_and_aligned() {
        let line = table_line(&sample("ok"));
        assert!(!line.contains('\x1b'));
        assert!(line.contains("harass\\x1b[31mment"));
        assert!(
            line.ends_with(
                "    2   64.1 KiB      3  investigating (1 not pushed)  bob       sales"
            ),
            "{line:?}"
        );
        let line = table_line(&sample("not_addressed"));
        assert!(line.contains("(not addressed to you)"));
        assert!(!line.contains("harass"));
    }
}
