//! `whistlebox purge` (PROTOCOL.md §12.2): deletes whole cases from the
//! store, offline, and leaves a purged record per deleted object so that
//! `push` can ask the relay to delete its copy and `pull` can still check the
//! log without the ciphertext (§10.7).
//!
//! ```text
//! STORE/purged/<seq, 16 digits>-<id>.json      a purged object
//! STORE/purged/outbox-<case id>-<n>.json       a pushed outbox item the store never pulled
//! ```
//!
//! The cases are named (`ID…`, unique prefixes as for `show`) or selected by a
//! retention policy ([`Policy`], [`select`]). Without `--yes` nothing is
//! changed: purge prints what would go. With it, every record is written
//! (temporary name, sync, rename) **before** any file of the case is removed,
//! and each object's `.json` goes before its `.age`, so a crash part-way
//! leaves at most an `.age` no command reads — which the next purge removes.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::casestate::{effective, StateDir};
use crate::due::Day;
use crate::error::Error;
use crate::identity;
use crate::outbox::{Outbox, OutboxItem};
use crate::store::{is_day, is_object_id, sync_dir, Store};
use crate::term;
use crate::thread::{assemble, Thread};

/// Largest policy file read (a handful of lines in practice).
const POLICY_MAX: u64 = 64 * 1024;
/// Largest purged record read.
const RECORD_MAX: u64 = 4 * 1024;
/// Most days a policy may keep a closed case (100 years).
const MAX_DAYS: u32 = 36_500;

/// A validated `purge`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgePlan {
    /// The store directory.
    pub store: PathBuf,
    /// The identity files.
    pub identities: Vec<PathBuf>,
    /// The cases named on the command line (lowercase hex prefixes); empty
    /// with a policy.
    pub ids: Vec<String>,
    /// The retention policy file, instead of `ids`.
    pub policy: Option<PathBuf>,
    /// Today (UTC unless `--today`), for the policy.
    pub today: Day,
    /// Delete for real; otherwise only say what would go.
    pub yes: bool,
    /// Print the cases as a JSON array instead of lines.
    pub json: bool,
}

/// One case of a purge, as `purge --json` prints it.
#[derive(Debug, serde::Serialize)]
struct PurgeJson<'a> {
    case: &'a str,
    objects: usize,
    outbox: usize,
    bytes: u64,
    relay_deletes: usize,
    purged: bool,
}

/// A retention policy (PROTOCOL.md §12.2): days a closed case is kept, by
/// category.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// Days for a category not listed; `None` keeps such cases for ever.
    pub default: Option<u32>,
    /// Days by category.
    pub categories: BTreeMap<String, u32>,
}

/// What the policy needs to know of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetentionCase {
    /// The case id.
    pub case: String,
    /// The report's `category` field, if any.
    pub category: Option<String>,
    /// The UTC day the case was closed, if it is closed.
    pub closed_on: Option<Day>,
}

fn is_category(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl Policy {
    /// Parses the TOML policy file's text; the error names the key.
    pub fn parse(text: &str) -> Result<Policy, String> {
        let value: toml::Table = text.parse().map_err(|e| format!("not TOML: {e}"))?;
        let mut policy = Policy::default();
        for (key, section) in &value {
            if key != "closed_after_days" {
                return Err(format!(
                    "unknown key `{}`: the only section is [closed_after_days]",
                    term::line(key)
                ));
            }
            let table = section
                .as_table()
                .ok_or("`closed_after_days` must be a table: [closed_after_days]")?;
            for (name, days) in table {
                let days = days
                    .as_integer()
                    .and_then(|d| u32::try_from(d).ok())
                    .filter(|d| *d <= MAX_DAYS)
                    .ok_or_else(|| {
                        format!(
                            "closed_after_days.{}: days must be a whole number from 0 to {MAX_DAYS}",
                            term::line(name)
                        )
                    })?;
                if name == "default" {
                    policy.default = Some(days);
                } else if is_category(name) {
                    policy.categories.insert(name.clone(), days);
                } else {
                    return Err(format!(
                        "closed_after_days.{}: a category is 1–64 of a-z, 0-9 and _",
                        term::line(name)
                    ));
                }
            }
        }
        Ok(policy)
    }

    /// The days a closed case of `category` is kept, if it is not kept for ever.
    pub fn days_for(&self, category: Option<&str>) -> Option<u32> {
        category
            .and_then(|c| self.categories.get(c).copied())
            .or(self.default)
    }
}

/// The cases the policy deletes on `today`: closed on day `C` with
/// `today − C > N` days, `N` their category's (else the default). Open cases,
/// and categories the policy does not list without a default, are kept.
pub fn select(policy: &Policy, cases: &[RetentionCase], today: Day) -> Vec<String> {
    cases
        .iter()
        .filter(|c| {
            let (Some(closed), Some(days)) = (c.closed_on, policy.days_for(c.category.as_deref()))
            else {
                return false;
            };
            closed.days_until(today) > i64::from(days)
        })
        .map(|c| c.case.clone())
        .collect()
}

/// The relay's confirmation of a deletion (PROTOCOL.md §12.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmed {
    /// The tombstone's leaf index.
    pub leaf: u64,
    /// The UTC day `push` received the answer.
    pub day: String,
}

/// A purged record, `STORE/purged/<stem>.json` (PROTOCOL.md §5, §12.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purged {
    /// The relay's object id.
    pub id: String,
    /// Its seq, if the store pulled it.
    pub seq: Option<u64>,
    /// Its kind.
    pub kind: String,
    /// Its ciphertext size.
    pub size: u64,
    /// Its leaf index, if the store pulled it with one.
    pub leaf: Option<u64>,
    /// SHA-256 of the ciphertext as held, 64 hex digits.
    pub sha256: String,
    /// `null` until the relay confirmed the deletion.
    pub deleted: Option<Confirmed>,
}

impl Purged {
    /// Checks every field that ends up in a path, a URL or on a terminal.
    pub fn validate(&self) -> Result<(), String> {
        if !is_object_id(&self.id) {
            return Err("the id is not 32 lowercase hex digits".into());
        }
        if !matches!(
            self.kind.as_str(),
            "report" | "followup" | "reply" | "status"
        ) {
            return Err("the kind is not report, followup, reply or status".into());
        }
        if self.sha256.len() != 64
            || !self
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err("sha256 is not 64 lowercase hex digits".into());
        }
        if self.seq == Some(0) {
            return Err("seq 0 is not a sequence number".into());
        }
        if let Some(d) = &self.deleted {
            if !is_day(&d.day) {
                return Err("deleted.day is not a YYYY-MM-DD date".into());
            }
        }
        Ok(())
    }

    /// Its SHA-256 as bytes.
    pub fn digest(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        hex::decode_to_slice(&self.sha256, &mut out).expect("validated");
        out
    }
}

/// The purged records of a store (`STORE/purged/`).
#[derive(Clone, Debug)]
pub struct PurgedDir {
    dir: PathBuf,
}

/// One record and its file stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgedFile {
    /// `<seq>-<id>` or `outbox-<case>-<n>`.
    pub stem: String,
    /// The record.
    pub record: Purged,
}

fn is_stem(stem: &str) -> bool {
    !stem.is_empty()
        && stem.len() <= 64
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl PurgedDir {
    /// The purged records of the store at `root`.
    pub fn of(root: &Path) -> PurgedDir {
        PurgedDir {
            dir: root.join("purged"),
        }
    }

    /// Every record, by stem.
    pub fn records(&self) -> Result<Vec<PurgedFile>, Error> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("cannot list", &self.dir)(e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(Error::io("cannot list", &self.dir))?;
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue; // Temporary files and anything else: not records.
            };
            if stem.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let corrupt = |reason: String| Error::StoreCorrupt {
                path: path.clone(),
                reason,
            };
            if !is_stem(stem) {
                return Err(corrupt("not a purged record's name".into()));
            }
            let mut text = Vec::new();
            File::open(&path)
                .and_then(|f| f.take(RECORD_MAX + 1).read_to_end(&mut text))
                .map_err(Error::io("cannot read", &path))?;
            let record: Purged =
                serde_json::from_slice(&text).map_err(|e| corrupt(format!("invalid JSON: {e}")))?;
            record.validate().map_err(corrupt)?;
            found.push(PurgedFile {
                stem: stem.to_owned(),
                record,
            });
        }
        found.sort_by(|a, b| a.stem.cmp(&b.stem));
        Ok(found)
    }

    /// Writes (or replaces) a record: temporary name, sync, rename, sync the folder.
    pub fn write(&self, stem: &str, record: &Purged) -> Result<(), Error> {
        fs::create_dir_all(&self.dir).map_err(Error::io("cannot create", &self.dir))?;
        let part = self.dir.join(format!(".{stem}.json.part"));
        let mut text = serde_json::to_vec(record).expect("Purged serialises");
        text.push(b'\n');
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&part)
            .map_err(Error::io("cannot create", &part))?;
        f.write_all(&text)
            .and_then(|()| f.sync_all())
            .map_err(Error::io("cannot write", &part))?;
        drop(f);
        let path = self.dir.join(format!("{stem}.json"));
        fs::rename(&part, &path).map_err(Error::io("cannot rename", &part))?;
        sync_dir(&self.dir)
    }
}

/// SHA-256 of a file, as hex.
fn sha256_file(path: &Path) -> Result<String, Error> {
    let mut file = File::open(path).map_err(Error::io("cannot read", path))?;
    let mut digest = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(Error::io("cannot read", path))?;
        if n == 0 {
            break;
        }
        digest.update(&buf[..n]);
    }
    Ok(hex::encode(digest.finalize()))
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("cannot delete", path)(e)),
    }
}

/// What purging one case removes.
#[derive(Debug)]
struct CasePurge {
    case: String,
    /// `(stem, record)` per object the relay holds or held.
    records: Vec<(String, Purged)>,
    /// Pulled objects' `.age` files (their `.json` beside them).
    objects: Vec<PathBuf>,
    /// Outbox items of the case.
    outbox: Vec<OutboxItem>,
    /// Bytes of ciphertext removed from the store.
    bytes: u64,
}

/// Gathers what purging `thread` removes, plus `outbox` items of its case
/// that no thread entry holds (written for another keyset).
fn gather(thread: &Thread, all_outbox: &[OutboxItem]) -> Result<CasePurge, Error> {
    let mut purge = CasePurge {
        case: thread.case.clone(),
        records: Vec::new(),
        objects: Vec::new(),
        outbox: Vec::new(),
        bytes: 0,
    };
    let mut relay_ids = BTreeSet::new();
    for entry in &thread.entries {
        if let Some(object) = &entry.object {
            let meta = &object.meta;
            relay_ids.insert(meta.id.clone());
            purge.records.push((
                meta.stem(),
                Purged {
                    id: meta.id.clone(),
                    seq: Some(meta.seq),
                    kind: meta.kind.clone(),
                    size: meta.size,
                    leaf: meta.leaf,
                    sha256: sha256_file(&object.body)?,
                    deleted: None,
                },
            ));
            purge.bytes += meta.size;
            purge.objects.push(object.body.clone());
        }
    }
    let mut items: Vec<&OutboxItem> = thread
        .entries
        .iter()
        .filter_map(|e| e.outbox.as_ref())
        .collect();
    for item in all_outbox.iter().filter(|i| i.meta.case == thread.case) {
        if !items.iter().any(|i| i.meta.stem() == item.meta.stem()) {
            items.push(item);
        }
    }
    for item in items {
        if let Some(pushed) = &item.meta.pushed {
            if relay_ids.insert(pushed.id.clone()) {
                purge.records.push((
                    format!("outbox-{}", item.meta.stem()),
                    Purged {
                        id: pushed.id.clone(),
                        seq: None,
                        kind: item.meta.kind.clone(),
                        size: item.size,
                        leaf: None,
                        sha256: sha256_file(&item.body)?,
                        deleted: None,
                    },
                ));
            }
        }
        purge.bytes += item.size;
        purge.outbox.push(item.clone());
    }
    Ok(purge)
}

/// Removes an object's or an outbox item's `.json`, then its `.age`.
fn remove_pair(age: &Path) -> Result<(), Error> {
    remove_if_present(&age.with_extension("json"))?;
    remove_if_present(age)
}

/// Carries a purge out: records first, then the files (PROTOCOL.md §12.2).
fn apply(store: &Store, purged: &PurgedDir, purge: &CasePurge) -> Result<(), Error> {
    for (stem, record) in &purge.records {
        purged.write(stem, record)?;
    }
    for body in &purge.objects {
        remove_pair(body)?;
    }
    for item in &purge.outbox {
        remove_pair(&item.body)?;
    }
    let objects = store.root().join("objects");
    sync_dir(&objects)?;
    let outbox = Outbox::of(store.root());
    if outbox.dir().is_dir() {
        sync_dir(outbox.dir())?;
    }
    StateDir::of(store).remove_case(&purge.case)
}

/// Removes what an interrupted purge left: the files of objects that have a
/// purged record.
fn finish_interrupted(store: &Store, purged: &PurgedDir) -> Result<(), Error> {
    let objects = store.root().join("objects");
    for file in purged.records()? {
        if file.stem.starts_with("outbox-") {
            continue;
        }
        remove_pair(&objects.join(format!("{}.age", file.stem)))?;
    }
    Ok(())
}

/// The day the case was closed, if its effective status (PROTOCOL.md §11:
/// the case state's latest status, else the thread's latest status update)
/// is `closed`.
fn closed_on(
    thread: &Thread,
    states: &StateDir,
    identities: &identity::Identities,
) -> Result<Option<Day>, Error> {
    let state = states.load(&thread.case, identities)?;
    Ok(effective(thread, &state)
        .closed_on
        .as_deref()
        .and_then(Day::parse))
}

/// Runs `purge`; writes what it did (or would do) to `out`.
pub fn run(plan: &PurgePlan, out: &mut dyn Write) -> Result<(), Error> {
    let policy = plan
        .policy
        .as_deref()
        .map(|path| {
            let mut text = String::new();
            File::open(path)
                .and_then(|f| f.take(POLICY_MAX + 1).read_to_string(&mut text))
                .map_err(Error::io("cannot read", path))?;
            if text.len() as u64 > POLICY_MAX {
                return Err(Error::Usage {
                    what: format!("{} is over {POLICY_MAX} bytes", path.display()),
                    hint: "a retention policy is a short TOML file (docs/INVESTIGATORS.md)".into(),
                });
            }
            Policy::parse(&text).map_err(|why| Error::Usage {
                what: format!("{} is not a retention policy: {why}", path.display()),
                hint: "write [closed_after_days] with `default = DAYS` and/or `<category> = DAYS` \
                       lines (PROTOCOL.md §12.2)"
                    .into(),
            })
        })
        .transpose()?;
    let store = Store::open(&plan.store)?;
    let identities = identity::load(&plan.identities)?;
    let purged = PurgedDir::of(store.root());
    if plan.yes {
        finish_interrupted(&store, &purged)?;
    }
    let threads = assemble(&store, &identities)?;
    let mut chosen: Vec<&Thread> = Vec::new();
    match &policy {
        Some(policy) => {
            let states = StateDir::of(&store);
            let cases: Vec<RetentionCase> = threads
                .threads
                .iter()
                .map(|t| {
                    Ok(RetentionCase {
                        case: t.case.clone(),
                        category: t.head().manifest.fields.get("category").cloned(),
                        closed_on: closed_on(t, &states, &identities)?,
                    })
                })
                .collect::<Result<_, Error>>()?;
            let selected = select(policy, &cases, plan.today);
            chosen.extend(
                threads
                    .threads
                    .iter()
                    .filter(|t| selected.contains(&t.case)),
            );
            if !threads.unreadable.is_empty() {
                eprintln!(
                    "note: {} object(s) these identities cannot read were not considered: \
                     a policy never selects a case whose category and status it cannot see",
                    threads.unreadable.len()
                );
            }
        }
        None => {
            for id in &plan.ids {
                let object = store.find(id)?;
                let found = threads
                    .threads
                    .iter()
                    .find(|t| t.holds_object(&object.meta.id));
                let Some(thread) = found else {
                    // Not readable with these keys (or damaged): its thread
                    // cannot be known, so nothing of it is purged.
                    let error = threads
                        .unreadable
                        .into_iter()
                        .find(|u| u.object.meta.id == object.meta.id)
                        .map(|u| u.error);
                    return Err(error.unwrap_or(Error::NotAddressed {
                        id: object.meta.id.clone(),
                    }));
                };
                if !chosen.iter().any(|t| t.case == thread.case) {
                    chosen.push(thread);
                }
            }
        }
    }
    let all_outbox = Outbox::of(store.root()).items()?;
    let purges = chosen
        .iter()
        .map(|t| gather(t, &all_outbox))
        .collect::<Result<Vec<_>, _>>()?;
    let w = |e| Error::Stdout(e);
    if plan.json {
        let mut listed = Vec::new();
        for purge in &purges {
            if plan.yes {
                apply(&store, &purged, purge)?;
            }
            listed.push(PurgeJson {
                case: &purge.case,
                objects: purge.objects.len(),
                outbox: purge.outbox.len(),
                bytes: purge.bytes,
                relay_deletes: purge.records.len(),
                purged: plan.yes,
            });
        }
        let text = serde_json::to_string_pretty(&listed).expect("serialises");
        return writeln!(out, "{text}").map_err(w);
    }
    if purges.is_empty() {
        writeln!(out, "no case to purge").map_err(w)?;
        return Ok(());
    }
    for purge in &purges {
        let verb = if plan.yes { "purged" } else { "would purge" };
        writeln!(
            out,
            "{verb} case {}: {} object(s) and {} outbox item(s), {} bytes; {} relay object(s) to delete",
            purge.case,
            purge.objects.len(),
            purge.outbox.len(),
            purge.bytes,
            purge.records.len()
        )
        .map_err(w)?;
        if plan.yes {
            apply(&store, &purged, purge)?;
        }
    }
    if plan.yes {
        writeln!(
            out,
            "run `whistlebox push` on the online machine to delete the relay's copies"
        )
        .map_err(w)?;
    } else {
        writeln!(out, "nothing was changed: run again with --yes to delete").map_err(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn case(id: &str, category: Option<&str>, closed: Option<&str>) -> RetentionCase {
        RetentionCase {
            case: id.into(),
            category: category.map(Into::into),
            closed_on: closed.map(day),
        }
    }

    #[test]
    fn policies_parse_strictly() {
        let p =
            Policy::parse("[closed_after_days]  # comment\ndefault = 365\nsexual_assault = 1825\n")
                .unwrap();
        assert_eq!(p.default, Some(365));
        assert_eq!(p.categories["sexual_assault"], 1825);
        assert_eq!(Policy::parse("").unwrap(), Policy::default());
        for (bad, named) in [
            ("[closed_after_dayz]\ndefault = 1", "closed_after_dayz"),
            ("[closed_after_days]\ndefault = -1", "default"),
            ("[closed_after_days]\ndefault = \"1\"", "default"),
            ("[closed_after_days]\nx = 36501", "x"),
            ("[closed_after_days]\n\"Bad Name\" = 3", "Bad Name"),
            ("closed_after_days = 3", "table"),
            ("[closed_after_days", "TOML"),
        ] {
            let err = Policy::parse(bad).unwrap_err();
            assert!(err.contains(named), "{bad}: {err}");
        }
    }

    #[test]
    fn selection_deletes_cases_closed_longer_than_their_category_keeps() {
        let policy =
            Policy::parse("[closed_after_days]\ndefault = 365\nsexual_assault = 1825\n").unwrap();
        let today = day("2026-11-25");
        let cases = [
            case("old", Some("bullying"), Some("2025-11-24")), // 366 days: goes
            case("edge", Some("bullying"), Some("2025-11-25")), // 365 days: stays
            case("open", Some("bullying"), None),
            case("long", Some("sexual_assault"), Some("2022-01-01")), // < 1825 days
            case("older", Some("sexual_assault"), Some("2020-01-01")),
            case("none", None, Some("2020-01-01")), // default applies
            case("future", Some("other"), Some("2027-01-01")),
        ];
        assert_eq!(
            select(&policy, &cases, today),
            ["old", "older", "none"].map(String::from)
        );
        // Without a default, unlisted categories are kept for ever.
        let only = Policy::parse("[closed_after_days]\nbullying = 0\n").unwrap();
        assert_eq!(
            select(&only, &cases, today),
            ["old", "edge"].map(String::from)
        );
        assert!(select(&Policy::default(), &cases, today).is_empty());
    }

    #[test]
    fn records_round_trip_and_are_validated() {
        let dir = tempfile::tempdir().unwrap();
        let purged = PurgedDir::of(dir.path());
        assert!(purged.records().unwrap().is_empty());
        let record = Purged {
            id: "ab".repeat(16),
            seq: Some(3),
            kind: "report".into(),
            size: 66_000,
            leaf: Some(2),
            sha256: "cd".repeat(32),
            deleted: None,
        };
        purged.write("0000000000000003-x", &record).unwrap();
        let text = fs::read_to_string(dir.path().join("purged/0000000000000003-x.json")).unwrap();
        assert!(text.contains("\"deleted\":null"), "{text}");
        assert_eq!(purged.records().unwrap()[0].record, record);
        let bad = Purged {
            id: "../x".into(),
            ..record
        };
        purged.write("bad", &bad).unwrap();
        assert!(matches!(purged.records(), Err(Error::StoreCorrupt { .. })));
    }
}
