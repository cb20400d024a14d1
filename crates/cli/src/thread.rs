//! Case threads (PROTOCOL.md §8.6): a case is a `report`; its thread is every
//! object whose *decrypted* manifest has the same `reply_key`, report first,
//! then the rest in ascending `seq`, then the outbox items (§8.7) the relay
//! has not handed back yet. The relay's filing is not trusted for threading:
//! only the encrypted `reply_key` is, which the relay never sees.
//!
//! - A `followup` (or anything else) whose `reply_key` matches no report
//!   becomes a case of its own, marked as an orphan ("follow-up without its
//!   report": a mistyped codename, or a report these keys cannot open).
//! - A report without `reply_key` has a thread of one and cannot be answered.
//! - An object pulled from the relay whose id is the `pushed.id` of an outbox
//!   item (and which decrypts to the same manifest) is that item: it is shown
//!   once, as pulled, with its outbox origin.
//!
//! How an entry is described — its sender, where it is, its JSON form — lives
//! here too, so that `show` and `export` say the same.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use whistlebox_core::report::{read_manifest, Kind, Manifest};

use crate::error::Error;
use crate::identity::Identities;
use crate::open::{container_error, decrypt_file};
use crate::outbox::{Outbox, OutboxItem, Pushed};
use crate::store::{Store, StoredObject};
use crate::term;

/// One item of a thread: a pulled object, an outbox item, or both (a pushed
/// item that came back through `pull`).
#[derive(Clone, Debug)]
pub struct Entry {
    /// The object as pulled from the relay, if it was.
    pub object: Option<StoredObject>,
    /// The outbox item it was written as, if it was written here.
    pub outbox: Option<OutboxItem>,
    /// Its decrypted manifest.
    pub manifest: Manifest,
}

impl Entry {
    /// The manifest kind.
    pub fn kind(&self) -> Kind {
        self.manifest.kind
    }

    /// An id for this entry: the relay's object id, else the id the relay
    /// gave when it was pushed, else the outbox file stem.
    pub fn id(&self) -> String {
        if let Some(o) = &self.object {
            return o.meta.id.clone();
        }
        match &self.outbox {
            Some(item) => match &item.meta.pushed {
                Some(p) => p.id.clone(),
                None => item.meta.stem(),
            },
            None => String::new(),
        }
    }

    /// The relay's day (pulled or pushed), else the day it was written.
    pub fn day(&self) -> &str {
        if let Some(o) = &self.object {
            return &o.meta.day;
        }
        match &self.outbox {
            Some(item) => item.meta.pushed.as_ref().map_or(&item.meta.day, |p| &p.day),
            None => "",
        }
    }

    /// Whether the relay has it: pulled, or pushed and answered `201`.
    pub fn relay_has(&self) -> bool {
        self.object.is_some()
            || self
                .outbox
                .as_ref()
                .is_some_and(|i| i.meta.pushed.is_some())
    }

    /// The kind the relay filed the object as, when it differs from the
    /// manifest's (a relabelled or misdirected object).
    pub fn kind_mismatch(&self) -> Option<&str> {
        let o = self.object.as_ref()?;
        (o.meta.kind != self.kind().as_str()).then_some(o.meta.kind.as_str())
    }

    /// Who sent it: `Some(true)` for the team (a reply or status that arrived
    /// by the team's route or from this outbox), `Some(false)` for the
    /// reporter, `None` when the relay's kind and the manifest's disagree.
    pub fn from_team(&self) -> Option<bool> {
        if self.kind_mismatch().is_some() {
            return None;
        }
        Some(matches!(self.kind(), Kind::Reply | Kind::Status))
    }

    /// The age file to read it from (the pulled copy when there is one) and
    /// the name errors give it.
    pub fn source(&self) -> (&Path, String) {
        match (&self.object, &self.outbox) {
            (Some(o), _) => (&o.body, o.meta.id.clone()),
            (None, Some(i)) => (&i.body, i.meta.stem()),
            (None, None) => unreachable!("an entry is pulled or written"),
        }
    }

    /// Who sent it, in one word: `team`, `reporter` or `unknown`.
    pub fn from_word(&self) -> &'static str {
        match self.from_team() {
            Some(true) => "team",
            Some(false) => "reporter",
            None => "unknown",
        }
    }

    /// Who sent it, in words (safe for a terminal).
    pub fn sender(&self) -> String {
        match (self.from_team(), self.kind_mismatch()) {
            (Some(true), _) => "the team".into(),
            (Some(false), _) => "the reporter".into(),
            (None, Some(relay)) => format!(
                "unknown: the relay filed it as {}, the container says {}",
                term::line(relay),
                self.kind().as_str()
            ),
            (None, None) => "unknown".into(),
        }
    }

    /// Where it is: on the relay (pulled), pushed, or only in the outbox.
    pub fn origin(&self) -> String {
        let pulled = self
            .object
            .as_ref()
            .map(|o| format!("object {} (seq {})", o.meta.id, o.meta.seq));
        let written = self.outbox.as_ref().map(|i| match &i.meta.pushed {
            Some(p) => format!("outbox {}, pushed as {} on {}", i.meta.stem(), p.id, p.day),
            None => format!("outbox {}, not yet pushed", i.meta.stem()),
        });
        match (pulled, written) {
            (Some(p), Some(w)) => format!("{p}; {w}"),
            (Some(p), None) => p,
            (None, Some(w)) => w,
            (None, None) => String::new(),
        }
    }

    /// Its JSON form (`show --json`, `report.json` of an export), with
    /// `manifest` the verified copy of its manifest.
    pub fn json<'a>(&'a self, manifest: &'a Manifest) -> EntryJson<'a> {
        EntryJson {
            kind: manifest.kind.as_str(),
            day: self.day(),
            from: self.from_word(),
            object: self.object.as_ref().map(|o| ObjectJson {
                id: &o.meta.id,
                seq: o.meta.seq,
            }),
            outbox: self.outbox.as_ref().map(|i| OutboxJson {
                file: format!("outbox/{}.age", i.meta.stem()),
                pushed: i.meta.pushed.as_ref(),
            }),
            relay_kind: self.kind_mismatch(),
            manifest,
        }
    }

    /// A status's `state` field.
    pub fn state(&self) -> Option<&str> {
        (self.kind() == Kind::Status)
            .then(|| self.manifest.fields.get("state").map(String::as_str))
            .flatten()
    }
}

/// One thread item as JSON.
#[derive(Debug, Serialize)]
pub struct EntryJson<'a> {
    kind: &'static str,
    day: &'a str,
    /// `team`, `reporter` or `unknown`.
    from: &'static str,
    /// The relay object id and seq, when pulled.
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<ObjectJson<'a>>,
    /// The outbox item, when written here.
    #[serde(skip_serializing_if = "Option::is_none")]
    outbox: Option<OutboxJson<'a>>,
    /// The kind the relay filed it as, when it differs from the container's.
    #[serde(skip_serializing_if = "Option::is_none")]
    relay_kind: Option<&'a str>,
    manifest: &'a Manifest,
}

#[derive(Debug, Serialize)]
struct ObjectJson<'a> {
    id: &'a str,
    seq: u64,
}

#[derive(Debug, Serialize)]
struct OutboxJson<'a> {
    file: String,
    pushed: Option<&'a Pushed>,
}

/// One case and its thread.
#[derive(Clone, Debug)]
pub struct Thread {
    /// The case id: the report's object id (or, for an orphan, its first item's).
    pub case: String,
    /// No report in the store has this thread's `reply_key`.
    pub orphan: bool,
    /// The thread key, if any.
    pub reply_key: Option<String>,
    /// The items: the case's head first, then in order.
    pub entries: Vec<Entry>,
}

impl Thread {
    /// The case's first item (the report, or an orphan's first item).
    pub fn head(&self) -> &Entry {
        &self.entries[0]
    }

    /// Whether `id` is one of the thread's pulled objects.
    pub fn holds_object(&self, id: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.object.as_ref().is_some_and(|o| o.meta.id == id))
    }

    /// The latest status (state, and whether the relay has it).
    pub fn latest_status(&self) -> Option<(&str, bool)> {
        self.entries
            .iter()
            .rev()
            .find_map(|e| e.state().map(|s| (s, e.relay_has())))
    }

    /// How many outbox items are not pushed yet.
    pub fn unpushed(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.outbox.as_ref().is_some_and(|i| i.meta.pushed.is_none()))
            .count()
    }

    /// The seq of the case's head (for ordering), `u64::MAX` if not pulled.
    fn seq(&self) -> u64 {
        self.head().object.as_ref().map_or(u64::MAX, |o| o.meta.seq)
    }
}

/// Groups entries (pulled objects in seq order, then unpulled outbox items)
/// into threads by `reply_key` (§8.6).
pub fn group(entries: Vec<Entry>) -> Vec<Thread> {
    let mut threads: Vec<Thread> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for entry in entries {
        let key = entry.manifest.reply_key.clone();
        match key.as_ref().and_then(|k| by_key.get(k)) {
            Some(&i) => threads[i].entries.push(entry),
            None => {
                if let Some(k) = &key {
                    by_key.insert(k.clone(), threads.len());
                }
                threads.push(Thread {
                    case: String::new(),
                    orphan: true,
                    reply_key: key,
                    entries: vec![entry],
                });
            }
        }
    }
    for t in &mut threads {
        if let Some(i) = t.entries.iter().position(|e| e.kind() == Kind::Report) {
            let report = t.entries.remove(i);
            t.entries.insert(0, report);
            t.orphan = false;
        }
        let head = t.head();
        t.case = match (&head.object, &head.outbox) {
            (Some(o), _) => o.meta.id.clone(),
            (None, Some(item)) => item.meta.case.clone(),
            (None, None) => String::new(),
        };
    }
    threads.sort_by_key(Thread::seq);
    threads
}

/// A stored object these identities cannot read: not addressed to them, or damaged.
#[derive(Debug)]
pub struct Unreadable {
    /// The object.
    pub object: StoredObject,
    /// Why ([`Error::NotAddressed`] or a damage error).
    pub error: Error,
}

/// Every case of a store, as far as these identities can read it.
#[derive(Debug)]
pub struct Threads {
    /// The cases.
    pub threads: Vec<Thread>,
    /// Pulled objects that could not be read (in seq order).
    pub unreadable: Vec<Unreadable>,
}

impl Threads {
    /// The thread holding the pulled object `id`.
    pub fn of_object(&self, id: &str) -> Option<&Thread> {
        self.threads.iter().find(|t| t.holds_object(id))
    }
}

fn manifest_of(path: &Path, id: &str, ids: &Identities) -> Result<Manifest, Error> {
    decrypt_file(path, id, ids)
        .and_then(|plain| read_manifest(plain).map_err(|e| container_error(id, e)))
}

/// From how many objects [`assemble`] shows a progress bar (on a terminal).
const PROGRESS_FROM: usize = 200;

/// Reads the manifest of every pulled object and outbox item and groups them.
/// An outbox item these identities cannot open (written for another keyset)
/// is reported on stderr and left out.
pub fn assemble(store: &Store, identities: &Identities) -> Result<Threads, Error> {
    let objects = store.objects()?;
    let outbox = Outbox::of(store.root()).items()?;
    let mut pushed: HashMap<String, OutboxItem> = outbox
        .iter()
        .filter_map(|i| i.meta.pushed.as_ref().map(|p| (p.id.clone(), i.clone())))
        .collect();
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    // Every bulk command starts here: show progress on a large store.
    let bar = if objects.len() >= PROGRESS_FROM {
        term::progress(objects.len() as u64, "decrypting manifests")
    } else {
        indicatif::ProgressBar::hidden()
    };
    for object in objects {
        bar.inc(1);
        match manifest_of(&object.body, &object.meta.id, identities) {
            Ok(manifest) => {
                // The item pushed as this id, if it is the same message.
                let origin = pushed.remove(&object.meta.id).and_then(|item| {
                    let same = item.size == object.meta.size
                        && manifest_of(&item.body, &item.meta.stem(), identities).ok()
                            == Some(manifest.clone());
                    same.then_some(item)
                });
                entries.push(Entry {
                    object: Some(object),
                    outbox: origin,
                    manifest,
                });
            }
            Err(error) => unreadable.push(Unreadable { object, error }),
        }
    }
    bar.finish_and_clear();
    let shown: Vec<String> = entries
        .iter()
        .filter_map(|e: &Entry| e.outbox.as_ref().map(|i| i.meta.stem()))
        .collect();
    for item in outbox {
        if shown.contains(&item.meta.stem()) {
            continue;
        }
        match manifest_of(&item.body, &item.meta.stem(), identities) {
            Ok(manifest) => entries.push(Entry {
                object: None,
                outbox: Some(item),
                manifest,
            }),
            Err(e) => eprintln!(
                "warning: outbox item {} cannot be read with these keys and is left out: {e}",
                item.meta.stem()
            ),
        }
    }
    Ok(Threads {
        threads: group(entries),
        unreadable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox::OutboxMeta;
    use crate::store::ObjectMeta;
    use std::collections::BTreeMap;

    const KEY_A: &str = "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c";
    const KEY_B: &str = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

    fn manifest(kind: Kind, key: Option<&str>, fields: &[(&str, &str)]) -> Manifest {
        Manifest {
            kind,
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            attachments: vec![],
            reply_key: key.map(str::to_string),
            client_time: "2025-03-14".into(),
            locale: "en".into(),
        }
    }

    fn pulled(seq: u64, kind: Kind, key: Option<&str>, fields: &[(&str, &str)]) -> Entry {
        Entry {
            object: Some(StoredObject {
                meta: ObjectMeta {
                    id: format!("{seq:032x}"),
                    seq,
                    kind: kind.as_str().into(),
                    day: format!("2025-03-{:02}", seq),
                    size: 65_700,
                    mailbox: Some(key.is_some()),
                    leaf: None,
                },
                body: "unused".into(),
            }),
            outbox: None,
            manifest: manifest(kind, key, fields),
        }
    }

    fn written(case: u64, n: u32, kind: Kind, key: &str, pushed: bool) -> Entry {
        Entry {
            object: None,
            outbox: Some(OutboxItem {
                meta: OutboxMeta {
                    case: format!("{case:032x}"),
                    n,
                    kind: kind.as_str().into(),
                    day: "2025-03-20".into(),
                    pushed: pushed.then(|| Pushed {
                        id: "f".repeat(32),
                        day: "2025-03-21".into(),
                    }),
                },
                body: "unused".into(),
                size: 65_900,
            }),
            manifest: manifest(kind, Some(key), &[("state", "investigating")]),
        }
    }

    #[test]
    fn threads_follow_the_reply_key_with_the_report_first() {
        let threads = group(vec![
            pulled(1, Kind::Followup, Some(KEY_A), &[("message", "early")]),
            pulled(2, Kind::Report, Some(KEY_A), &[]),
            pulled(3, Kind::Report, None, &[]),
            pulled(4, Kind::Reply, Some(KEY_A), &[("message", "hi")]),
            pulled(5, Kind::Followup, Some(KEY_B), &[("message", "lost")]),
            pulled(6, Kind::Followup, Some(KEY_B), &[("message", "again")]),
            written(2, 1, Kind::Status, KEY_A, false),
        ]);
        assert_eq!(threads.len(), 3);
        // The report's thread: report first, then seq order, then the outbox.
        let a = &threads[0];
        assert_eq!(a.case, format!("{:032x}", 2));
        assert!(!a.orphan);
        let kinds: Vec<&str> = a.entries.iter().map(|e| e.kind().as_str()).collect();
        assert_eq!(kinds, ["report", "followup", "reply", "status"]);
        assert_eq!(a.latest_status(), Some(("investigating", false)));
        assert_eq!(a.unpushed(), 1);
        assert!(a.holds_object(&format!("{:032x}", 1)));
        // A report without reply_key: a thread of one.
        let none = &threads[1];
        assert_eq!(none.entries.len(), 1);
        assert!(!none.orphan);
        assert_eq!(none.reply_key, None);
        // Follow-ups without their report: one orphan case, its first item's id.
        let orphan = &threads[2];
        assert!(orphan.orphan);
        assert_eq!(orphan.case, format!("{:032x}", 5));
        assert_eq!(orphan.entries.len(), 2);
        assert_eq!(orphan.latest_status(), None);
    }

    #[test]
    fn senders_and_relay_possession() {
        let reply = pulled(4, Kind::Reply, Some(KEY_A), &[]);
        assert_eq!(reply.from_team(), Some(true));
        assert!(reply.relay_has());
        let followup = pulled(5, Kind::Followup, Some(KEY_A), &[]);
        assert_eq!(followup.from_team(), Some(false));
        // The relay filed a reply-looking container as a follow-up: unknown sender.
        let mut disguised = pulled(6, Kind::Followup, Some(KEY_A), &[]);
        disguised.manifest.kind = Kind::Reply;
        assert_eq!(disguised.kind_mismatch(), Some("followup"));
        assert_eq!(disguised.from_team(), None);
        let unsent = written(2, 1, Kind::Reply, KEY_A, false);
        assert!(!unsent.relay_has());
        assert_eq!(unsent.day(), "2025-03-20");
        assert_eq!(unsent.id(), format!("{:032x}-0001", 2));
        let sent = written(2, 1, Kind::Reply, KEY_A, true);
        assert!(sent.relay_has());
        assert_eq!(sent.day(), "2025-03-21");
        assert_eq!(sent.id(), "f".repeat(32));
    }
}
