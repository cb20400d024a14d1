//! The transparency-log checks of `whistlebox pull` (PROTOCOL.md §10.7).
//!
//! Before the inbox is read, the relay's checkpoint is verified with the log
//! key pinned in the store and shown consistent with the last checkpoint the
//! store saw; after the objects are pulled, the leaves are recomputed from
//! the objects held and their root compared with the checkpoint's. A gap,
//! a rewrite or a rollback is an alarm ([`Error::LogAlarm`]): the pull stops
//! and the stored checkpoint is not advanced.
//!
//! Deletions (PROTOCOL.md §10.1, §12): a purged object's leaf comes from its
//! purged record, an object deleted before the store held it has both leaves
//! from the relay (named by `STORE/log/deleted/`), and every other index the
//! store cannot place must be a tombstone of an object it holds or purged.
//! A tombstone of an object the store holds and did not purge is the alarm
//! `log_unrequested_delete`, raised after the root was verified and the
//! checkpoint stored.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use whistlebox_core::log::{
    self, Checkpoint, Leaf, LeafKind, VerifierKey, MAX_CHECKPOINT_LEN, MAX_CONSISTENCY_PROOF,
    MAX_VKEY_LEN,
};

use crate::error::Error;
use crate::purge::PurgedDir;
use crate::relay::Relay;
use crate::store::{is_object_id, meta_stems, Store, StoredObject};
use crate::term;

/// An inbox item the relay listed as deleted before this store held it:
/// `STORE/log/deleted/<seq, 16 digits>-<id>.json` (PROTOCOL.md §5, §10.7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeletedItem {
    /// The object's id.
    pub id: String,
    /// Its seq.
    pub seq: u64,
    /// Its kind.
    pub kind: String,
    /// Its size.
    pub size: u64,
    /// Its own leaf index.
    pub leaf: u64,
    /// Its tombstone's leaf index.
    pub deleted: u64,
}

impl DeletedItem {
    /// Checks every field that ends up in a path or on a terminal.
    pub fn validate(&self) -> Result<(), String> {
        if !is_object_id(&self.id) {
            return Err("the id is not 32 lowercase hex digits".into());
        }
        if self.seq == 0 {
            return Err("seq 0 is not a sequence number".into());
        }
        if leaf_kind(&self.kind).is_none() {
            return Err("the kind is not report, followup, reply or status".into());
        }
        if self.deleted <= self.leaf {
            return Err("the tombstone's leaf is not after the object's".into());
        }
        Ok(())
    }

    fn stem(&self) -> String {
        format!("{:016}-{}", self.seq, self.id)
    }
}

/// Records a deleted inbox item (PROTOCOL.md §10.7).
pub fn record_deleted(store: &Store, item: &DeletedItem) -> Result<(), Error> {
    let dir = store.log_dir().join("deleted");
    fs::create_dir_all(&dir).map_err(Error::io("cannot create", &dir))?;
    let path = dir.join(format!("{}.json", item.stem()));
    let text = serde_json::to_vec(item).expect("DeletedItem serialises");
    fs::write(&path, text).map_err(Error::io("cannot write", &path))
}

/// The deleted inbox items recorded by earlier pulls.
pub fn deleted_items(store: &Store) -> Result<Vec<DeletedItem>, Error> {
    let dir = store.log_dir().join("deleted");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for stem in meta_stems(&dir).map_err(Error::io("cannot list", &dir))? {
        let path = dir.join(format!("{stem}.json"));
        let text = read_small(&path, 4096).map_err(|_| Error::StoreCorrupt {
            path: path.clone(),
            reason: "unreadable or too large".into(),
        })?;
        let item: DeletedItem = serde_json::from_str(&text).map_err(|e| Error::StoreCorrupt {
            path: path.clone(),
            reason: format!("invalid JSON: {e}"),
        })?;
        item.validate()
            .map_err(|reason| Error::StoreCorrupt { path, reason })?;
        found.push(item);
    }
    Ok(found)
}

/// The leaf kind of an object kind.
fn leaf_kind(kind: &str) -> Option<LeafKind> {
    Some(match kind {
        "report" => LeafKind::Report,
        "followup" => LeafKind::Followup,
        "reply" => LeafKind::Reply,
        "status" => LeafKind::Status,
        _ => return None,
    })
}

/// Leaves `start..end` of the relay's log, fetched in pages of at most 1 000.
fn fetch_leaves(relay: &Relay, start: u64, end: u64) -> Result<Vec<Leaf>, Error> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let to = end.min(at + 1000);
        let answer: LeavesAnswer =
            relay.get_json(&format!("/api/log/leaves?start={at}&end={to}"))?;
        if answer.leaves.len() as u64 != to - at {
            return Err(Error::RelayProtocol {
                what: "GET /api/log/leaves".into(),
                reason: format!("asked for {} leaves, got {}", to - at, answer.leaves.len()),
            });
        }
        for text in &answer.leaves {
            let leaf = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()
                .and_then(|bytes| Leaf::parse(&bytes).ok())
                .ok_or_else(|| Error::RelayProtocol {
                    what: "GET /api/log/leaves".into(),
                    reason: "a leaf is not 58 bytes of §10.1".into(),
                })?;
            out.push(leaf);
        }
        at = to;
    }
    Ok(out)
}

/// An alarm: the code of PROTOCOL.md §10.7 and what was found.
fn alarm(code: &'static str, found: String) -> Error {
    Error::LogAlarm { code, found }
}

/// `GET path` as bounded text.
fn get_text(relay: &Relay, path: &str, max: usize) -> Result<Vec<u8>, Error> {
    let mut body = Vec::new();
    relay
        .get(path)?
        .into_reader()
        .take(max as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Error::Network {
            url: relay.base().to_string(),
            reason: e.to_string(),
        })?;
    if body.len() > max {
        return Err(Error::RelayProtocol {
            what: format!("GET {path}"),
            reason: format!("the answer is over {max} bytes"),
        });
    }
    Ok(body)
}

/// The answer of `GET /api/log/consistency`.
#[derive(Deserialize)]
struct ConsistencyAnswer {
    from: u64,
    to: u64,
    proof: Vec<String>,
}

/// The answer of `GET /api/log/leaves`.
#[derive(Deserialize)]
struct LeavesAnswer {
    leaves: Vec<String>,
}

/// The checkpoint a pull has verified, to be compared with the objects.
#[derive(Debug)]
pub struct Verified {
    /// The relay's checkpoint, signature and consistency checked.
    pub checkpoint: Checkpoint,
}

/// The pinned log key: the store's, else `--log-key`'s, else the relay's
/// (trust on first use, with a warning on stderr). A `--log-key` other than
/// the pinned one is refused.
fn pinned_key(relay: &Relay, store: &Store, given: Option<&Path>) -> Result<VerifierKey, Error> {
    let given = given
        .map(|path| {
            let text = read_small(path, MAX_VKEY_LEN + 2)?;
            VerifierKey::parse(&text).map_err(|e| Error::Usage {
                what: format!("{} is not a log verifier key: {e}", path.display()),
                hint: "pass the key file the team published (e.g. keys/log.vkey), one line \
                       `<origin>+<8 hex>+<base64>` as `whistlebox-relay log-key` prints it"
                    .into(),
            })
        })
        .transpose()?;
    if let Some(pinned) = store.log_key()? {
        let pinned = VerifierKey::parse(&pinned).map_err(|e| Error::StoreCorrupt {
            path: store.log_dir().join("vkey"),
            reason: e.to_string(),
        })?;
        if let Some(given) = given {
            if given != pinned {
                return Err(Error::Usage {
                    what: format!(
                        "--log-key names {}, but this store pinned {}",
                        given.as_str(),
                        pinned.as_str()
                    ),
                    hint: "a store keeps the log key of its first pull: if the team really \
                           changed the relay's log, start a new store"
                        .into(),
                });
            }
        }
        return Ok(pinned);
    }
    let key = match given {
        Some(key) => key,
        None => {
            let text = get_text(relay, "/api/log/key", MAX_VKEY_LEN + 2)?;
            let text = String::from_utf8(text).map_err(|_| Error::RelayProtocol {
                what: "GET /api/log/key".into(),
                reason: "the key is not text".into(),
            })?;
            let key = VerifierKey::parse(&text).map_err(|e| Error::RelayProtocol {
                what: "GET /api/log/key".into(),
                reason: e.to_string(),
            })?;
            eprintln!(
                "warning: first pull: pinned the relay's log key {} as served, without \
                 --log-key; compare it with the key the team published (keys/log.vkey)",
                term::line(key.as_str())
            );
            key
        }
    };
    store.pin_log_key(key.as_str())?;
    Ok(key)
}

fn read_small(path: &Path, max: usize) -> Result<String, Error> {
    let mut text = Vec::new();
    File::open(path)
        .and_then(|f| f.take(max as u64 + 1).read_to_end(&mut text))
        .map_err(Error::io("cannot read", path))?;
    if text.len() > max {
        return Err(Error::Usage {
            what: format!("{} is over {max} bytes", path.display()),
            hint: "pass the one-line key file".into(),
        });
    }
    String::from_utf8(text).map_err(|_| Error::Usage {
        what: format!("{} is not text", path.display()),
        hint: "pass the one-line key file".into(),
    })
}

/// Steps 1–2 of PROTOCOL.md §10.7: the checkpoint first, its signature, and
/// its consistency with the last one the store saw.
pub fn before_pull(
    relay: &Relay,
    store: &Store,
    log_key: Option<&Path>,
) -> Result<Verified, Error> {
    let key = pinned_key(relay, store, log_key)?;
    let note = get_text(relay, "/api/log/checkpoint", MAX_CHECKPOINT_LEN)?;
    let checkpoint = Checkpoint::verify(&note, &key).map_err(|e| {
        alarm(
            "log_signature",
            format!("the relay's checkpoint does not verify with the pinned log key: {e}"),
        )
    })?;
    if let Some(last) = store.last_checkpoint()? {
        let last = Checkpoint::verify(&last, &key).map_err(|e| Error::StoreCorrupt {
            path: store.log_dir().join("checkpoint"),
            reason: e.to_string(),
        })?;
        if checkpoint.size < last.size {
            return Err(alarm(
                "log_rollback",
                format!(
                    "the relay's log has {} leaves, but it showed {} before: it was rolled back \
                     (an older copy restored?) or objects were removed",
                    checkpoint.size, last.size
                ),
            ));
        }
        let proof: Vec<String> = if last.size == checkpoint.size || last.size == 0 {
            Vec::new()
        } else {
            let answer: ConsistencyAnswer = relay.get_json(&format!(
                "/api/log/consistency?from={}&to={}",
                last.size, checkpoint.size
            ))?;
            if (answer.from, answer.to) != (last.size, checkpoint.size) {
                return Err(Error::RelayProtocol {
                    what: "GET /api/log/consistency".into(),
                    reason: "the proof is for other sizes".into(),
                });
            }
            answer.proof
        };
        let inconsistent = |detail: String| {
            alarm(
                "log_inconsistent",
                format!(
                    "the relay's log of {} leaves does not extend the log of {} leaves it \
                     showed before: its history was rewritten ({detail})",
                    checkpoint.size, last.size
                ),
            )
        };
        let proof = log::decode_proof(&proof, MAX_CONSISTENCY_PROOF)
            .map_err(|e| inconsistent(e.to_string()))?;
        log::verify_consistency(
            &proof,
            last.size,
            &last.root,
            checkpoint.size,
            &checkpoint.root,
        )
        .map_err(|e| inconsistent(e.to_string()))?;
    }
    Ok(Verified { checkpoint })
}

/// The leaf of a stored object, its SHA-256 read from the `.age` file.
fn leaf_of(object: &StoredObject) -> Result<Leaf, Error> {
    let Some(kind) = leaf_kind(&object.meta.kind) else {
        return Err(alarm(
            "log_mismatch",
            format!(
                "object {} has the unknown kind {:?}",
                object.meta.id, object.meta.kind
            ),
        ));
    };
    let mut digest = Sha256::new();
    let mut file = File::open(&object.body).map_err(Error::io("cannot read", &object.body))?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(Error::io("cannot read", &object.body))?;
        if n == 0 {
            break;
        }
        digest.update(&buf[..n]);
    }
    let mut id = [0u8; 16];
    hex::decode_to_slice(&object.meta.id, &mut id).map_err(|_| Error::StoreCorrupt {
        path: object.body.clone(),
        reason: "the id is not hex".into(),
    })?;
    Ok(Leaf {
        kind,
        id,
        sha256: digest.finalize().into(),
        size: object.meta.size,
    })
}

/// Steps 4–5 of PROTOCOL.md §10.7: every leaf below the checkpoint's size is
/// held exactly once, and the root over them is the checkpoint's; then the
/// checkpoint is stored.
pub fn after_pull(
    relay: &Relay,
    store: &Store,
    verified: &Verified,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let size = verified.checkpoint.size;
    let mut leaves: BTreeMap<u64, (Leaf, String)> = BTreeMap::new();
    let mut without = 0usize;
    // Every object's own leaf by id, held or purged, for its tombstone.
    let mut held_leaves: HashMap<String, Leaf> = HashMap::new();
    for object in store.objects()? {
        let Some(index) = object.meta.leaf else {
            without += 1;
            continue;
        };
        let leaf = leaf_of(&object)?;
        held_leaves.insert(object.meta.id.clone(), leaf);
        if index >= size {
            continue; // Committed after the checkpoint: checked by the next pull.
        }
        if let Some((_, other)) = leaves.insert(index, (leaf, object.meta.id.clone())) {
            return Err(alarm(
                "log_gap",
                format!(
                    "objects {other} and {} both claim leaf {index}",
                    object.meta.id
                ),
            ));
        }
    }
    // An object the pull refused (it broke the envelope rules, §2) has no
    // body to hash: its leaf is taken from the relay, if it names that very
    // object. Only such objects: a leaf of an object the inbox hid is a gap.
    for meta in store.rejected()? {
        let Some(index) = meta.leaf.filter(|i| *i < size && !leaves.contains_key(i)) else {
            continue;
        };
        let answer: LeavesAnswer =
            relay.get_json(&format!("/api/log/leaves?start={index}&end={}", index + 1))?;
        let served = match answer.leaves.as_slice() {
            [one] => base64::engine::general_purpose::STANDARD
                .decode(one)
                .ok()
                .and_then(|bytes| Leaf::parse(&bytes).ok()),
            _ => None,
        };
        let named = served.filter(|leaf| hex::encode(leaf.id) == meta.id && leaf.size == meta.size);
        let Some(leaf) = named else {
            return Err(alarm(
                "log_mismatch",
                format!(
                    "leaf {index} of the relay's log does not name the object {} it listed there",
                    meta.id
                ),
            ));
        };
        leaves.insert(index, (leaf, meta.id.clone()));
    }
    // PROTOCOL.md §12.2: purged objects' leaves come from their records.
    let purged = PurgedDir::of(store.root()).records()?;
    let mut purged_leaves: HashMap<String, (Leaf, bool)> = HashMap::new();
    for file in &purged {
        let record = &file.record;
        let Some(kind) = leaf_kind(&record.kind) else {
            continue; // validated: cannot happen
        };
        let mut id = [0u8; 16];
        hex::decode_to_slice(&record.id, &mut id).expect("validated");
        let leaf = Leaf {
            kind,
            id,
            sha256: record.digest(),
            size: record.size,
        };
        purged_leaves.insert(record.id.clone(), (leaf, record.deleted.is_some()));
        let mut own = |index: u64, leaf: Leaf, what: &str| -> Result<(), Error> {
            if index >= size {
                return Ok(());
            }
            if let Some((_, other)) = leaves.insert(index, (leaf, record.id.clone())) {
                return Err(alarm(
                    "log_gap",
                    format!(
                        "objects {other} and {} ({what}) both claim leaf {index}",
                        record.id
                    ),
                ));
            }
            Ok(())
        };
        if let Some(index) = record.leaf {
            own(index, leaf, "purged")?;
        }
        if let Some(confirmed) = &record.deleted {
            own(confirmed.leaf, leaf.tombstone(), "its tombstone")?;
        }
    }
    // Objects deleted before this store held them: both leaves from the
    // relay, which must name the object, the tombstone being its leaf with
    // kind 5 (§10.1).
    for item in deleted_items(store)? {
        if item.deleted >= size {
            continue; // checked by the next pull
        }
        let own = fetch_leaves(relay, item.leaf, item.leaf + 1)?;
        let tomb = fetch_leaves(relay, item.deleted, item.deleted + 1)?;
        let (own, tomb) = (own[0], tomb[0]);
        let names = hex::encode(own.id) == item.id
            && own.size == item.size
            && Some(own.kind) == leaf_kind(&item.kind);
        if !names || tomb != own.tombstone() {
            return Err(alarm(
                "log_mismatch",
                format!(
                    "leaves {} and {} of the relay's log are not object {} and its tombstone,                      as the inbox said",
                    item.leaf, item.deleted, item.id
                ),
            ));
        }
        for (index, leaf) in [(item.leaf, own), (item.deleted, tomb)] {
            if let Some((_, other)) = leaves.insert(index, (leaf, item.id.clone())) {
                return Err(alarm(
                    "log_gap",
                    format!("objects {other} and {} both claim leaf {index}", item.id),
                ));
            }
        }
    }
    // Every index still unplaced must be a tombstone of an object this store
    // holds (a deletion it did not ask for) or purged (not yet confirmed).
    let mut unrequested: Vec<String> = Vec::new();
    let unplaced: Vec<u64> = (0..size).filter(|i| !leaves.contains_key(i)).collect();
    let mut runs: Vec<(u64, u64)> = Vec::new();
    for &i in &unplaced {
        match runs.last_mut() {
            Some((_, end)) if *end == i => *end = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    for (start, end) in runs {
        for (index, leaf) in (start..end).zip(fetch_leaves(relay, start, end)?) {
            if leaf.kind != LeafKind::Tombstone {
                continue; // left unplaced: a gap, said below
            }
            let id = hex::encode(leaf.id);
            let expected = match (held_leaves.get(&id), purged_leaves.get(&id)) {
                (Some(own), _) => {
                    unrequested.push(id.clone());
                    own.tombstone()
                }
                (None, Some((own, false))) => own.tombstone(),
                _ => continue, // an object this store never knew: a gap
            };
            if leaf != expected {
                return Err(alarm(
                    "log_mismatch",
                    format!(
                        "leaf {index} is a tombstone of object {id}, but not its leaf with kind 5"
                    ),
                ));
            }
            leaves.insert(index, (leaf, id));
        }
    }
    let missing: Vec<u64> = (0..size).filter(|i| !leaves.contains_key(i)).collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(10).map(u64::to_string).collect();
        return Err(alarm(
            "log_gap",
            format!(
                "the log has {size} leaves, but the store holds no object for {} of them \
                 (leaf {}{}){}: the relay dropped or hid objects it had acknowledged",
                missing.len(),
                shown.join(", "),
                if missing.len() > 10 { ", …" } else { "" },
                if without > 0 {
                    format!("; {without} stored objects carry no leaf index")
                } else {
                    String::new()
                }
            ),
        ));
    }
    let root = log::root_of(leaves.values().map(|(leaf, _)| leaf));
    if root != verified.checkpoint.root {
        return Err(alarm(
            "log_mismatch",
            format!(
                "the root over the {size} objects the store holds is {}, the relay's \
                 checkpoint says {}: an object was replaced or misnamed",
                log::encode_hash(&root),
                log::encode_hash(&verified.checkpoint.root)
            ),
        ));
    }
    store.save_checkpoint(verified.checkpoint.text.as_bytes())?;
    writeln!(
        out,
        "log verified: {size} leaves, root {}, consistent with the last checkpoint",
        log::encode_hash(&root)
    )
    .map_err(Error::Stdout)?;
    if !unrequested.is_empty() {
        unrequested.sort();
        for id in &unrequested {
            eprintln!(
                "WARNING: the relay deleted object {id}, which this store holds and did not \
                 purge; the store keeps its copy"
            );
        }
        return Err(alarm(
            "log_unrequested_delete",
            format!(
                "the relay's log records the deletion of {} object(s) this store holds and did \
                 not purge: {}. If a colleague purged the case, purge it here too \
                 (`whistlebox purge`); if no one on the team did, the relay's operator deleted \
                 reports without the team",
                unrequested.len(),
                unrequested.join(", ")
            ),
        ));
    }
    Ok(())
}
