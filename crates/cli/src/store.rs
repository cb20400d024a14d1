//! The investigator store (PROTOCOL.md §5): a plain directory that `pull`
//! fills on the online machine and the other commands read offline.
//!
//! ```text
//! STORE/objects/<seq, 16 digits>-<id>.age    the ciphertext as served
//! STORE/objects/<seq, 16 digits>-<id>.json   {"id","seq","kind","day","size","mailbox"}
//! STORE/outbox/…                              replies and status to push (crate::outbox)
//! STORE/log/vkey                              the pinned log key (PROTOCOL.md §10.7)
//! STORE/log/checkpoint                        the last checkpoint verified
//! ```
//!
//! Each file is written to a temporary name, synced, then renamed, the `.json`
//! last: an object without its `.json` is incomplete and is fetched again.
//! Everything read from a `.json` (or from the relay) is validated before it is
//! used in a path: ids are 32 lowercase hex digits, days are `YYYY-MM-DD`.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The metadata stored beside each object (PROTOCOL.md §4.2, §5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectMeta {
    /// 128 random bits, 32 lowercase hex digits.
    pub id: String,
    /// The relay's sequence number, from 1, without gaps.
    pub seq: u64,
    /// The object kind (`report` for `POST /api/reports`).
    pub kind: String,
    /// The UTC day the relay received it, `YYYY-MM-DD`.
    pub day: String,
    /// The ciphertext size in bytes.
    pub size: u64,
    /// Whether the relay filed the object under a mailbox, i.e. whether the
    /// team can answer it (PROTOCOL.md §8.2); absent from relays before §8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox: Option<bool>,
    /// The object's leaf index in the relay's transparency log
    /// (PROTOCOL.md §10.1); absent from relays before §10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaf: Option<u64>,
}

/// Whether `id` is an object id: 32 lowercase hex digits (PROTOCOL.md §4.3).
pub fn is_object_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether `day` looks like `YYYY-MM-DD` with a plausible month and day.
pub fn is_day(day: &str) -> bool {
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let dom = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&dom)
}

impl ObjectMeta {
    /// Checks every field that ends up in a path or on a terminal.
    pub fn validate(&self) -> Result<(), String> {
        if !is_object_id(&self.id) {
            return Err("the id is not 32 lowercase hex digits".into());
        }
        if self.seq == 0 {
            return Err("seq 0 is not a sequence number (they start at 1)".into());
        }
        if self.kind.is_empty()
            || self.kind.len() > 32
            || !self.kind.bytes().all(|b| b.is_ascii_lowercase())
        {
            return Err("the kind is not a lowercase word".into());
        }
        if !is_day(&self.day) {
            return Err("the day is not a YYYY-MM-DD date".into());
        }
        Ok(())
    }

    /// The file stem `<seq, 16 digits>-<id>`.
    pub fn stem(&self) -> String {
        format!("{:016}-{}", self.seq, self.id)
    }
}

/// A complete object in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObject {
    /// Its metadata.
    pub meta: ObjectMeta,
    /// The ciphertext file.
    pub body: PathBuf,
}

/// An investigator store directory.
#[derive(Clone, Debug)]
pub struct Store {
    root: PathBuf,
    objects: PathBuf,
}

/// Upper bound on a `.json` meta file; real ones are about 120 bytes.
const META_MAX: u64 = 4096;

/// The `.json` beside an `.age` in the store: an object's (§5) or an outbox
/// item's (§8.7, [`crate::outbox::OutboxMeta`]).
pub(crate) trait MetaFile: DeserializeOwned {
    /// Checks every field that ends up in a path, a URL or on a terminal.
    fn check(&self) -> Result<(), String>;
    /// The file stem the metadata belongs under.
    fn file_stem(&self) -> String;
    /// What it describes, for the error when the stem is not its file's.
    fn described(&self) -> String;
}

impl MetaFile for ObjectMeta {
    fn check(&self) -> Result<(), String> {
        self.validate()
    }

    fn file_stem(&self) -> String {
        self.stem()
    }

    fn described(&self) -> String {
        format!("seq {} id {}", self.seq, self.id)
    }
}

/// The stems of the `.json` files in `dir`, leaving out the temporary files
/// of an interrupted write (`.<stem>.json.part`) and names that are not UTF-8.
pub(crate) fn meta_stems(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut stems = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
            continue;
        };
        if !stem.starts_with('.') {
            stems.push(stem.to_string());
        }
    }
    Ok(stems)
}

/// Reads `dir/<stem>.json` — at most [`META_MAX`] bytes, parsed and checked,
/// naming that very stem — and finds its ciphertext `dir/<stem>.age`; returns
/// the metadata, the ciphertext's path and its size. Anything wrong is
/// [`Error::StoreCorrupt`] naming the `.json`.
pub(crate) fn load_meta<M: MetaFile>(dir: &Path, stem: &str) -> Result<(M, PathBuf, u64), Error> {
    let path = dir.join(format!("{stem}.json"));
    let corrupt = |reason: String| Error::StoreCorrupt {
        path: path.clone(),
        reason,
    };
    let mut text = Vec::new();
    File::open(&path)
        .and_then(|f| f.take(META_MAX + 1).read_to_end(&mut text))
        .map_err(Error::io("cannot read", &path))?;
    if text.len() as u64 > META_MAX {
        return Err(corrupt("the file is too large".into()));
    }
    let meta: M =
        serde_json::from_slice(&text).map_err(|e| corrupt(format!("invalid JSON: {e}")))?;
    meta.check().map_err(corrupt)?;
    if meta.file_stem() != stem {
        return Err(corrupt(format!(
            "it describes {}, which does not match its file name",
            meta.described()
        )));
    }
    let body = dir.join(format!("{stem}.age"));
    let size = fs::metadata(&body)
        .map_err(|e| corrupt(format!("its ciphertext {stem}.age is missing: {e}")))?
        .len();
    Ok((meta, body, size))
}

impl Store {
    /// Opens an existing store (for the offline commands).
    pub fn open(root: &Path) -> Result<Store, Error> {
        let objects = root.join("objects");
        if !objects.is_dir() {
            return Err(Error::StoreMissing {
                path: root.to_path_buf(),
            });
        }
        Ok(Store {
            root: root.to_path_buf(),
            objects,
        })
    }

    /// Opens a store, creating its directories if needed (for `pull`).
    pub fn create(root: &Path) -> Result<Store, Error> {
        let objects = root.join("objects");
        fs::create_dir_all(&objects).map_err(Error::io("cannot create the store", &objects))?;
        Ok(Store {
            root: root.to_path_buf(),
            objects,
        })
    }

    /// The store's root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the log's pinned key and last checkpoint (PROTOCOL.md §10.7).
    pub fn log_dir(&self) -> PathBuf {
        self.root.join("log")
    }

    fn read_log_file(&self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let path = self.log_dir().join(name);
        let mut text = Vec::new();
        match File::open(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("cannot read", &path)(e)),
            Ok(f) => f
                .take(META_MAX + 1)
                .read_to_end(&mut text)
                .map_err(Error::io("cannot read", &path))?,
        };
        if text.len() as u64 > META_MAX {
            return Err(Error::StoreCorrupt {
                path,
                reason: "the file is too large".into(),
            });
        }
        Ok(Some(text))
    }

    /// Writes `STORE/log/<name>` atomically: temporary name, sync, rename, sync.
    fn write_log_file(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let dir = self.log_dir();
        fs::create_dir_all(&dir).map_err(Error::io("cannot create", &dir))?;
        let part = dir.join(format!(".{name}.part"));
        let target = dir.join(name);
        let mut f = File::create(&part).map_err(Error::io("cannot create", &part))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(Error::io("cannot write", &part))?;
        drop(f);
        fs::rename(&part, &target).map_err(Error::io("cannot rename", &part))?;
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(Error::io("cannot sync", &dir))
    }

    /// The pinned log verifier key, if a pull pinned one.
    pub fn log_key(&self) -> Result<Option<String>, Error> {
        let path = self.log_dir().join("vkey");
        self.read_log_file("vkey")?
            .map(|bytes| {
                String::from_utf8(bytes).map_err(|_| Error::StoreCorrupt {
                    path,
                    reason: "the key is not text".into(),
                })
            })
            .transpose()
    }

    /// Records an object the pull refused (PROTOCOL.md §10.7): its
    /// metadata in `STORE/log/rejected/<stem>.json`, so that its leaf can be
    /// taken from the relay's log — and only its leaf.
    pub fn record_rejected(&self, meta: &ObjectMeta) -> Result<(), Error> {
        let dir = self.log_dir().join("rejected");
        fs::create_dir_all(&dir).map_err(Error::io("cannot create", &dir))?;
        let path = dir.join(format!("{}.json", meta.stem()));
        let text = serde_json::to_vec(meta).expect("ObjectMeta serialises");
        fs::write(&path, text).map_err(Error::io("cannot write", &path))
    }

    /// The objects the pulls refused, by leaf index.
    pub fn rejected(&self) -> Result<Vec<ObjectMeta>, Error> {
        let dir = self.log_dir().join("rejected");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        for stem in meta_stems(&dir).map_err(Error::io("cannot list", &dir))? {
            let path = dir.join(format!("{stem}.json"));
            let mut text = Vec::new();
            File::open(&path)
                .and_then(|f| f.take(META_MAX + 1).read_to_end(&mut text))
                .map_err(Error::io("cannot read", &path))?;
            let meta: ObjectMeta =
                serde_json::from_slice(&text).map_err(|e| Error::StoreCorrupt {
                    path: path.clone(),
                    reason: format!("invalid JSON: {e}"),
                })?;
            meta.validate()
                .map_err(|reason| Error::StoreCorrupt { path, reason })?;
            found.push(meta);
        }
        Ok(found)
    }

    /// Pins the log verifier key (first pull).
    pub fn pin_log_key(&self, vkey: &str) -> Result<(), Error> {
        self.write_log_file("vkey", format!("{vkey}\n").as_bytes())
    }

    /// The last checkpoint a pull verified, as received.
    pub fn last_checkpoint(&self) -> Result<Option<Vec<u8>>, Error> {
        self.read_log_file("checkpoint")
    }

    /// Replaces the last verified checkpoint.
    pub fn save_checkpoint(&self, note: &[u8]) -> Result<(), Error> {
        self.write_log_file("checkpoint", note)
    }

    /// Every complete object (a valid `.json` and its `.age`), by ascending seq.
    pub fn objects(&self) -> Result<Vec<StoredObject>, Error> {
        let mut found = meta_stems(&self.objects)
            .map_err(Error::io("cannot list", &self.objects))?
            .iter()
            .map(|stem| self.load(stem))
            .collect::<Result<Vec<_>, _>>()?;
        found.sort_by_key(|o| o.meta.seq);
        for pair in found.windows(2) {
            if pair[0].meta.seq == pair[1].meta.seq {
                return Err(Error::StoreCorrupt {
                    path: pair[1].body.with_extension("json"),
                    reason: format!("seq {} appears twice", pair[1].meta.seq),
                });
            }
        }
        Ok(found)
    }

    fn load(&self, stem: &str) -> Result<StoredObject, Error> {
        let (meta, body, actual) = load_meta::<ObjectMeta>(&self.objects, stem)?;
        if actual != meta.size {
            return Err(Error::StoreCorrupt {
                path: self.objects.join(format!("{stem}.json")),
                reason: format!(
                    "its ciphertext has {actual} bytes, the relay announced {}",
                    meta.size
                ),
            });
        }
        Ok(StoredObject { meta, body })
    }

    /// The highest seq with a complete object, or 0 for an empty store.
    pub fn highest_seq(&self) -> Result<u64, Error> {
        Ok(self.objects()?.last().map_or(0, |o| o.meta.seq))
    }

    /// Finds the one object whose id starts with `prefix` (lowercase hex).
    pub fn find(&self, prefix: &str) -> Result<StoredObject, Error> {
        let mut matches: Vec<StoredObject> = self
            .objects()?
            .into_iter()
            .filter(|o| o.meta.id.starts_with(prefix))
            .collect();
        match matches.len() {
            0 => Err(Error::UnknownCase {
                id: prefix.to_string(),
                store: self.root.clone(),
            }),
            1 => Ok(matches.remove(0)),
            _ => Err(Error::AmbiguousCase {
                prefix: prefix.to_string(),
                matches: matches.into_iter().map(|o| o.meta.id).collect(),
            }),
        }
    }

    /// Opens the temporary file for a body being downloaded (truncating any
    /// left over from an interrupted pull).
    pub fn begin(&self, meta: &ObjectMeta) -> Result<(File, PathBuf), Error> {
        let path = self.objects.join(format!(".{}.age.part", meta.stem()));
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(Error::io("cannot create", &path))?;
        Ok((file, path))
    }

    /// Makes a downloaded body durable: sync, rename to `.age`, then write the
    /// `.json` the same way, then sync the directory (PROTOCOL.md §5).
    pub fn commit(&self, meta: &ObjectMeta, file: File, part: &Path) -> Result<(), Error> {
        let stem = meta.stem();
        file.sync_all().map_err(Error::io("cannot sync", part))?;
        drop(file);
        let body = self.objects.join(format!("{stem}.age"));
        fs::rename(part, &body).map_err(Error::io("cannot rename", part))?;

        let json_part = self.objects.join(format!(".{stem}.json.part"));
        let mut text = serde_json::to_vec(meta).expect("ObjectMeta serialises");
        text.push(b'\n');
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&json_part)
            .map_err(Error::io("cannot create", &json_part))?;
        f.write_all(&text)
            .and_then(|()| f.sync_all())
            .map_err(Error::io("cannot write", &json_part))?;
        drop(f);
        let json = self.objects.join(format!("{stem}.json"));
        fs::rename(&json_part, &json).map_err(Error::io("cannot rename", &json_part))?;
        sync_dir(&self.objects)
    }
}

/// Syncs a directory, so that the renames in it are durable.
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> Result<(), Error> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io("cannot sync", dir))
}

/// Syncs a directory (nothing to do here).
#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> Result<(), Error> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(seq: u64, id: &str, size: u64) -> ObjectMeta {
        ObjectMeta {
            id: id.into(),
            seq,
            kind: "report".into(),
            day: "2025-03-14".into(),
            size,
            mailbox: None,
            leaf: None,
        }
    }

    fn put(store: &Store, m: &ObjectMeta, body: &[u8]) {
        let (mut f, part) = store.begin(m).unwrap();
        f.write_all(body).unwrap();
        store.commit(m, f, &part).unwrap();
    }

    #[test]
    fn meta_validation_guards_paths() {
        let good = meta(1, &"a".repeat(32), 1);
        assert!(good.validate().is_ok());
        assert_eq!(good.stem(), format!("0000000000000001-{}", "a".repeat(32)));
        for bad_id in ["../../etc/passwd", &"A".repeat(32), &"a".repeat(31), ""] {
            assert!(meta(1, bad_id, 1).validate().is_err(), "{bad_id}");
        }
        let mut m = good.clone();
        m.day = "2025-13-01".into();
        assert!(m.validate().is_err());
        m.day = "2025-01-01/..".into();
        assert!(m.validate().is_err());
        let mut m = good.clone();
        m.kind = "Report\x1b".into();
        assert!(m.validate().is_err());
        assert!(meta(0, &"a".repeat(32), 1).validate().is_err());
    }

    #[test]
    fn commit_list_find() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Store::open(dir.path()),
            Err(Error::StoreMissing { .. })
        ));
        let store = Store::create(dir.path()).unwrap();
        assert_eq!(store.highest_seq().unwrap(), 0);
        let a = format!("ab{}", "0".repeat(30));
        let b = format!("ac{}", "1".repeat(30));
        put(&store, &meta(2, &b, 3), b"xyz");
        put(&store, &meta(1, &a, 2), b"hi");
        let objects = store.objects().unwrap();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0].meta.seq, 1);
        assert_eq!(fs::read(&objects[1].body).unwrap(), b"xyz");
        assert_eq!(store.highest_seq().unwrap(), 2);
        assert_eq!(store.find("ab").unwrap().meta.id, a);
        assert!(matches!(store.find("a"), Err(Error::AmbiguousCase { .. })));
        assert!(matches!(store.find("ff"), Err(Error::UnknownCase { .. })));
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("objects"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }

    #[test]
    fn incomplete_objects_are_ignored_and_damage_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let m = meta(1, &"c".repeat(32), 4);
        // A body without its .json (interrupted pull) does not count.
        fs::write(
            dir.path().join(format!("objects/{}.age", m.stem())),
            b"abcd",
        )
        .unwrap();
        assert_eq!(store.highest_seq().unwrap(), 0);
        // A .json whose body has the wrong size is damage.
        let mut wrong = m.clone();
        wrong.size = 5;
        fs::write(
            dir.path().join(format!("objects/{}.json", m.stem())),
            serde_json::to_vec(&wrong).unwrap(),
        )
        .unwrap();
        assert!(matches!(store.objects(), Err(Error::StoreCorrupt { .. })));
        // A .json that names another object is damage.
        let other = meta(7, &"c".repeat(32), 4);
        fs::write(
            dir.path().join(format!("objects/{}.json", m.stem())),
            serde_json::to_vec(&other).unwrap(),
        )
        .unwrap();
        let err = store.objects().unwrap_err();
        assert!(err.to_string().contains("does not match"), "{err}");
    }
}
