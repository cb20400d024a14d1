//! Object storage: the [`Store`] trait, named for what the relay needs, and its
//! one implementation on sled, [`SledStore`] (`docs/PROTOCOL.md §4.3`).
//!
//! An object is written in three steps: [`Store::begin`] picks a fresh random
//! id, [`Store::put_chunk`] writes the ciphertext in chunks of at most
//! [`CHUNK_SIZE`] bytes as they arrive, and [`Store::commit`] assigns the next
//! sequence number and writes the metadata — atomically — then flushes the
//! database. Until the commit an upload is invisible; [`Store::abort`] (or, after
//! a crash, the garbage collection run when the store is opened) deletes its
//! chunks. A write is acknowledged only after `flush` returned.
//!
//! Stored per object, and nothing else: id, kind, seq, day, size, chunk count,
//! ciphertext. Never an address, header, token, or a time finer than the day.
//!
//! # sled layout
//!
//! | tree | key | value |
//! |---|---|---|
//! | `objectid_meta` | id (16 bytes) | [`ObjectMeta`] as JSON `{"kind","seq","day","size","chunks"}` |
//! | `seq_objectid` | seq (u64 big-endian, 8 bytes) | id (16 bytes) |
//! | `objectid_chunks` | id (16 bytes) ‖ chunk index (u32 big-endian, 4 bytes) | ciphertext chunk, ≤ 1 MiB |
//! | `objectid_pending` | id (16 bytes) | empty: an upload begun, not yet committed or aborted |
//!
//! Big-endian keys make sled's byte order the numeric order, so a range scan of
//! `seq_objectid` lists objects in commit order and a prefix scan of
//! `objectid_chunks` yields one object's chunks in order. `objectid_pending`
//! is written before an upload's first chunk and removed in the commit
//! transaction (or after an abort deleted the chunks), so after a crash the
//! store finds interrupted uploads without reading any ciphertext.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use whistlebox_core::report::Kind;

/// Largest ciphertext chunk stored under one key: 1 MiB (`PROTOCOL.md §4.3`).
pub const CHUNK_SIZE: usize = 1024 * 1024;

/// Tree of object metadata, keyed by object id.
const TREE_OBJECTID_META: &str = "objectid_meta";
/// Tree of object ids, keyed by big-endian sequence number.
const TREE_SEQ_OBJECTID: &str = "seq_objectid";
/// Tree of ciphertext chunks, keyed by object id ‖ big-endian chunk index.
const TREE_OBJECTID_CHUNKS: &str = "objectid_chunks";
/// Set of uploads in progress (empty values), keyed by object id.
const TREE_OBJECTID_PENDING: &str = "objectid_pending";

/// Length of an object id in bytes (128 random bits).
const ID_LEN: usize = 16;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// sled reported an I/O error or a corrupted database.
    #[error("database error: {0}")]
    Sled(#[from] sled::Error),
    /// The database holds a record that breaks the layout of this module.
    #[error("database is inconsistent: {0}")]
    Corrupt(String),
    /// The upload is not in progress: never begun, already committed, or aborted.
    #[error("the upload is not in progress (already committed or aborted)")]
    NotPending,
    /// A chunk larger than [`CHUNK_SIZE`] was offered to [`Store::put_chunk`].
    #[error("chunk of {len} bytes is over the {CHUNK_SIZE}-byte chunk size")]
    ChunkTooLarge {
        /// The offered chunk's length.
        len: usize,
    },
}

/// An object id: 128 random bits, written as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ObjectId([u8; ID_LEN]);

impl ObjectId {
    /// A fresh id from the operating system's random number generator.
    pub fn random() -> ObjectId {
        use rand::RngCore;
        let mut bytes = [0u8; ID_LEN];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        ObjectId(bytes)
    }

    /// The id's 16 bytes.
    pub fn as_bytes(&self) -> &[u8; ID_LEN] {
        &self.0
    }

    fn from_slice(bytes: &[u8]) -> Result<ObjectId, StoreError> {
        let array: [u8; ID_LEN] = bytes
            .try_into()
            .map_err(|_| StoreError::Corrupt(format!("object id of {} bytes", bytes.len())))?;
        Ok(ObjectId(array))
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// The text is not an object id (32 lowercase hex digits).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an object id is 32 lowercase hexadecimal digits")]
pub struct InvalidObjectId;

impl FromStr for ObjectId {
    type Err = InvalidObjectId;

    fn from_str(text: &str) -> Result<ObjectId, InvalidObjectId> {
        let lower_hex = text.len() == 2 * ID_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !lower_hex {
            return Err(InvalidObjectId);
        }
        let mut bytes = [0u8; ID_LEN];
        hex::decode_to_slice(text, &mut bytes).map_err(|_| InvalidObjectId)?;
        Ok(ObjectId(bytes))
    }
}

/// A UTC calendar date, the finest time the relay records (`PROTOCOL.md` conventions).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Day(time::Date);

impl Day {
    /// Today's date in UTC.
    pub fn today() -> Day {
        Day(time::OffsetDateTime::now_utc().date())
    }

    /// The date.
    pub fn date(&self) -> time::Date {
        self.0
    }
}

impl From<time::Date> for Day {
    fn from(date: time::Date) -> Day {
        Day(date)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

/// The text is not a `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a YYYY-MM-DD date")]
pub struct InvalidDay(String);

impl FromStr for Day {
    type Err = InvalidDay;

    fn from_str(text: &str) -> Result<Day, InvalidDay> {
        let invalid = || InvalidDay(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, InvalidDay> {
            let part = &text[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            part.parse().map_err(|_| invalid())
        };
        let year = i32::from(number(0..4)?);
        let month = u8::try_from(number(5..7)?).map_err(|_| invalid())?;
        let day = u8::try_from(number(8..10)?).map_err(|_| invalid())?;
        let month = time::Month::try_from(month).map_err(|_| invalid())?;
        time::Date::from_calendar_date(year, month, day)
            .map(Day)
            .map_err(|_| invalid())
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What the store knows about a committed object (`PROTOCOL.md §4.3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectMeta {
    /// The object's random id.
    pub id: ObjectId,
    /// What the object is (`report` for `POST /api/reports`).
    pub kind: Kind,
    /// Sequence number, assigned in commit order from 1, without gaps.
    pub seq: u64,
    /// UTC date of receipt.
    pub day: Day,
    /// Ciphertext size in bytes.
    pub size: u64,
    /// Number of chunks in `objectid_chunks`.
    pub chunks: u32,
}

/// The JSON value stored in `objectid_meta` (the id is the key).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredMeta {
    kind: Kind,
    seq: u64,
    day: Day,
    size: u64,
    chunks: u32,
}

impl ObjectMeta {
    fn to_stored(&self) -> Vec<u8> {
        let stored = StoredMeta {
            kind: self.kind,
            seq: self.seq,
            day: self.day,
            size: self.size,
            chunks: self.chunks,
        };
        serde_json::to_vec(&stored).expect("metadata serialises")
    }

    fn from_stored(id: ObjectId, bytes: &[u8]) -> Result<ObjectMeta, StoreError> {
        let stored: StoredMeta = serde_json::from_slice(bytes)
            .map_err(|e| StoreError::Corrupt(format!("metadata of an object: {e}")))?;
        Ok(ObjectMeta {
            id,
            kind: stored.kind,
            seq: stored.seq,
            day: stored.day,
            size: stored.size,
            chunks: stored.chunks,
        })
    }
}

/// An upload in progress: its chunks are stored but not yet visible.
#[derive(Clone, Debug)]
pub struct Upload {
    id: ObjectId,
}

impl Upload {
    /// The id the object will have once committed.
    pub fn id(&self) -> ObjectId {
        self.id
    }
}

/// One page of [`Store::list_after`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Objects in ascending `seq`.
    pub items: Vec<ObjectMeta>,
    /// Whether objects after the last item exist.
    pub more: bool,
}

/// What the store holds, for tests and operators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Committed objects.
    pub objects: u64,
    /// Stored chunks, including those of uploads in progress.
    pub chunks: u64,
    /// Uploads begun and not yet committed or aborted.
    pub pending: u64,
}

/// The chunks of one object, in order; the iterator checks them against the metadata.
pub type Chunks = Box<dyn Iterator<Item = Result<Vec<u8>, StoreError>> + Send>;

/// What the relay needs from storage (`PROTOCOL.md §4.3`).
///
/// Every method may block on disk I/O: call them from
/// `tokio::task::spawn_blocking` in async code.
pub trait Store: Send + Sync + 'static {
    /// Starts an upload under a fresh random id.
    fn begin(&self) -> Result<Upload, StoreError>;
    /// Stores chunk number `index` (from 0) of an upload; every chunk but the
    /// last must be exactly [`CHUNK_SIZE`] bytes.
    fn put_chunk(&self, upload: &Upload, index: u32, bytes: &[u8]) -> Result<(), StoreError>;
    /// Makes an upload of `size` bytes visible: assigns the next `seq` and
    /// writes the metadata atomically, then flushes. Returns once durable.
    fn commit(
        &self,
        upload: &Upload,
        kind: Kind,
        day: Day,
        size: u64,
    ) -> Result<ObjectMeta, StoreError>;
    /// Deletes the chunks of an upload that will not be committed. The caller
    /// must first wait for any `put_chunk` of this upload still running.
    fn abort(&self, upload: &Upload) -> Result<(), StoreError>;
    /// At most `limit` objects with `seq > after`, in ascending `seq`.
    fn list_after(&self, after: u64, limit: usize) -> Result<Page, StoreError>;
    /// The metadata of a committed object, if any.
    fn get_meta(&self, id: &ObjectId) -> Result<Option<ObjectMeta>, StoreError>;
    /// The ciphertext of a committed object as a chunk iterator, if the object exists.
    fn read_chunks(&self, id: &ObjectId) -> Result<Option<Chunks>, StoreError>;
    /// Counts what the store holds.
    fn usage(&self) -> Result<Usage, StoreError>;
}

/// The sled implementation of [`Store`].
pub struct SledStore {
    db: sled::Db,
    objectid_meta: sled::Tree,
    seq_objectid: sled::Tree,
    objectid_chunks: sled::Tree,
    objectid_pending: sled::Tree,
    /// Serialises commits, so that "last seq + 1" is computed by one writer at a time
    /// (sled admits one process per database, so a process-wide lock suffices).
    commit_lock: Mutex<()>,
}

impl fmt::Debug for SledStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SledStore").finish_non_exhaustive()
    }
}

impl SledStore {
    /// Opens (or creates) the database at `path` and deletes the chunks of
    /// uploads that were never committed (a crash mid-upload).
    pub fn open(path: &Path) -> Result<SledStore, StoreError> {
        let db = sled::Config::new().path(path).open()?;
        let store = SledStore {
            objectid_meta: db.open_tree(TREE_OBJECTID_META)?,
            seq_objectid: db.open_tree(TREE_SEQ_OBJECTID)?,
            objectid_chunks: db.open_tree(TREE_OBJECTID_CHUNKS)?,
            objectid_pending: db.open_tree(TREE_OBJECTID_PENDING)?,
            db,
            commit_lock: Mutex::new(()),
        };
        let removed = store.collect_garbage()?;
        if removed > 0 {
            tracing::info!(
                chunks = removed,
                "removed chunks of uploads interrupted before commit"
            );
        }
        Ok(store)
    }

    /// Deletes the chunks of every upload still marked pending (the process
    /// stopped before its commit or abort); returns how many chunks.
    ///
    /// Only safe while no upload is in progress: [`SledStore::open`] runs it.
    fn collect_garbage(&self) -> Result<usize, StoreError> {
        let mut removed = 0;
        let mut pending = Vec::new();
        for entry in self.objectid_pending.iter().keys() {
            pending.push(ObjectId::from_slice(&entry?)?);
        }
        for id in &pending {
            if self.objectid_meta.contains_key(id.as_bytes())? {
                return Err(StoreError::Corrupt(
                    "a committed object is still marked pending".into(),
                ));
            }
            removed += self.delete_chunks(id)?;
            self.objectid_pending.remove(id.as_bytes())?;
        }
        if !pending.is_empty() {
            self.db.flush()?;
        }
        Ok(removed)
    }

    /// Deletes every chunk of `id`; returns how many.
    fn delete_chunks(&self, id: &ObjectId) -> Result<usize, StoreError> {
        let mut removed = 0;
        for key in self.objectid_chunks.scan_prefix(id.as_bytes()).keys() {
            self.objectid_chunks.remove(key?)?;
            removed += 1;
        }
        Ok(removed)
    }

    fn next_seq(&self) -> Result<u64, StoreError> {
        match self.seq_objectid.last()? {
            None => Ok(1),
            Some((key, _)) => {
                let last =
                    u64::from_be_bytes(key.as_ref().try_into().map_err(|_| {
                        StoreError::Corrupt(format!("seq key of {} bytes", key.len()))
                    })?);
                last.checked_add(1)
                    .ok_or_else(|| StoreError::Corrupt("sequence numbers exhausted".into()))
            }
        }
    }
}

/// `objectid_chunks` key: id (16 bytes) ‖ chunk index (u32 big-endian).
fn chunk_key(id: &ObjectId, index: u32) -> [u8; ID_LEN + 4] {
    let mut key = [0u8; ID_LEN + 4];
    key[..ID_LEN].copy_from_slice(id.as_bytes());
    key[ID_LEN..].copy_from_slice(&index.to_be_bytes());
    key
}

fn split_chunk_key(key: &[u8]) -> Result<(ObjectId, u32), StoreError> {
    if key.len() != ID_LEN + 4 {
        return Err(StoreError::Corrupt(format!(
            "chunk key of {} bytes",
            key.len()
        )));
    }
    let id = ObjectId::from_slice(&key[..ID_LEN])?;
    let index = u32::from_be_bytes(key[ID_LEN..].try_into().expect("4 bytes"));
    Ok((id, index))
}

fn chunk_count(size: u64) -> Result<u32, StoreError> {
    u32::try_from(size.div_ceil(CHUNK_SIZE as u64))
        .map_err(|_| StoreError::Corrupt(format!("object of {size} bytes has too many chunks")))
}

impl Store for SledStore {
    fn begin(&self) -> Result<Upload, StoreError> {
        loop {
            let id = ObjectId::random();
            // 128 random bits do not collide in practice; checking costs two lookups.
            if self.objectid_meta.contains_key(id.as_bytes())? {
                continue;
            }
            // Marked before any chunk is written (sled's log keeps this order).
            let marked = self.objectid_pending.compare_and_swap(
                id.as_bytes(),
                None as Option<&[u8]>,
                Some(&[] as &[u8]),
            )?;
            if marked.is_ok() {
                return Ok(Upload { id });
            }
        }
    }

    fn put_chunk(&self, upload: &Upload, index: u32, bytes: &[u8]) -> Result<(), StoreError> {
        if bytes.len() > CHUNK_SIZE {
            return Err(StoreError::ChunkTooLarge { len: bytes.len() });
        }
        self.objectid_chunks
            .insert(chunk_key(&upload.id, index), bytes)?;
        Ok(())
    }

    fn commit(
        &self,
        upload: &Upload,
        kind: Kind,
        day: Day,
        size: u64,
    ) -> Result<ObjectMeta, StoreError> {
        let chunks = chunk_count(size)?;
        let guard = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        let meta = ObjectMeta {
            id: upload.id,
            kind,
            seq: self.next_seq()?,
            day,
            size,
            chunks,
        };
        let value = meta.to_stored();
        (
            &self.objectid_meta,
            &self.seq_objectid,
            &self.objectid_pending,
        )
            .transaction(|(objectid_meta, seq_objectid, objectid_pending)| {
                if objectid_pending.remove(meta.id.as_bytes())?.is_none() {
                    // Never begun, already committed, or aborted.
                    return Err(ConflictableTransactionError::Abort(()));
                }
                objectid_meta.insert(meta.id.as_bytes(), value.as_slice())?;
                seq_objectid.insert(&meta.seq.to_be_bytes(), meta.id.as_bytes())?;
                Ok(())
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => StoreError::Sled(e),
                TransactionError::Abort(()) => StoreError::NotPending,
            })?;
        drop(guard);
        // PROTOCOL §4.1: the object is acknowledged only once durable.
        self.db.flush()?;
        Ok(meta)
    }

    fn abort(&self, upload: &Upload) -> Result<(), StoreError> {
        if self.objectid_meta.contains_key(upload.id.as_bytes())? {
            return Err(StoreError::NotPending);
        }
        self.delete_chunks(&upload.id)?;
        // Unmarked last: a crash in between leaves the rest to the garbage collection.
        self.objectid_pending.remove(upload.id.as_bytes())?;
        Ok(())
    }

    fn list_after(&self, after: u64, limit: usize) -> Result<Page, StoreError> {
        let Some(first) = after.checked_add(1) else {
            return Ok(Page {
                items: Vec::new(),
                more: false,
            });
        };
        let mut items = Vec::new();
        let mut more = false;
        for entry in self.seq_objectid.range(first.to_be_bytes()..) {
            let (_, id) = entry?;
            if items.len() == limit {
                more = true;
                break;
            }
            let id = ObjectId::from_slice(&id)?;
            let meta = self.get_meta(&id)?.ok_or_else(|| {
                StoreError::Corrupt("seq_objectid names an object without metadata".into())
            })?;
            items.push(meta);
        }
        Ok(Page { items, more })
    }

    fn get_meta(&self, id: &ObjectId) -> Result<Option<ObjectMeta>, StoreError> {
        match self.objectid_meta.get(id.as_bytes())? {
            None => Ok(None),
            Some(bytes) => ObjectMeta::from_stored(*id, &bytes).map(Some),
        }
    }

    fn read_chunks(&self, id: &ObjectId) -> Result<Option<Chunks>, StoreError> {
        let Some(meta) = self.get_meta(id)? else {
            return Ok(None);
        };
        Ok(Some(Box::new(ChunkReader {
            inner: self.objectid_chunks.scan_prefix(id.as_bytes()),
            meta,
            next_index: 0,
            bytes: 0,
            done: false,
        })))
    }

    fn usage(&self) -> Result<Usage, StoreError> {
        let mut usage = Usage::default();
        for entry in self.objectid_meta.iter().keys() {
            entry?;
            usage.objects += 1;
        }
        for entry in self.objectid_chunks.iter().keys() {
            entry?;
            usage.chunks += 1;
        }
        for entry in self.objectid_pending.iter().keys() {
            entry?;
            usage.pending += 1;
        }
        Ok(usage)
    }
}

/// Iterates one object's chunks and checks them against its metadata: indices
/// 0, 1, 2… without gaps, every chunk but the last full, sizes adding up.
struct ChunkReader {
    inner: sled::Iter,
    meta: ObjectMeta,
    next_index: u32,
    bytes: u64,
    done: bool,
}

impl ChunkReader {
    fn step(&mut self) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(entry) = self.inner.next() else {
            if self.next_index != self.meta.chunks || self.bytes != self.meta.size {
                return Err(StoreError::Corrupt(format!(
                    "object has {} chunks and {} bytes, its metadata says {} and {}",
                    self.next_index, self.bytes, self.meta.chunks, self.meta.size
                )));
            }
            return Ok(None);
        };
        let (key, value) = entry?;
        let (_, index) = split_chunk_key(&key)?;
        if index != self.next_index || index >= self.meta.chunks {
            return Err(StoreError::Corrupt(format!(
                "chunk {index} found where chunk {} of {} was expected",
                self.next_index, self.meta.chunks
            )));
        }
        let is_last = index + 1 == self.meta.chunks;
        if !is_last && value.len() != CHUNK_SIZE {
            return Err(StoreError::Corrupt(format!(
                "chunk {index} holds {} bytes",
                value.len()
            )));
        }
        self.next_index += 1;
        self.bytes += value.len() as u64;
        Ok(Some(value.to_vec()))
    }
}

impl Iterator for ChunkReader {
    type Item = Result<Vec<u8>, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.step();
        if !matches!(item, Ok(Some(_))) {
            self.done = true;
        }
        item.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Day {
        "2026-03-04".parse().unwrap()
    }

    fn write(store: &SledStore, chunks: &[&[u8]]) -> Upload {
        let upload = store.begin().unwrap();
        for (i, chunk) in chunks.iter().enumerate() {
            store.put_chunk(&upload, i as u32, chunk).unwrap();
        }
        upload
    }

    fn read_all(store: &SledStore, id: &ObjectId) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in store.read_chunks(id).unwrap().expect("object exists") {
            out.extend_from_slice(&chunk.unwrap());
        }
        out
    }

    #[test]
    fn object_id_round_trips_and_rejects_bad_text() {
        let id = ObjectId::random();
        assert_eq!(id.to_string().parse::<ObjectId>().unwrap(), id);
        assert_eq!(id.to_string().len(), 32);
        for bad in [
            "",
            "00",
            "0123456789ABCDEF0123456789abcdef",
            "0123456789abcdef0123456789abcdeg",
            "0123456789abcdef0123456789abcdef0",
        ] {
            assert_eq!(bad.parse::<ObjectId>(), Err(InvalidObjectId), "{bad:?}");
        }
    }

    #[test]
    fn day_round_trips_and_rejects_bad_text() {
        assert_eq!(day().to_string(), "2026-03-04");
        for bad in [
            "2026-3-04",
            "2026-02-30",
            "2026-13-01",
            "+026-01-01",
            "20260304xx",
        ] {
            assert!(bad.parse::<Day>().is_err(), "{bad:?}");
        }
        assert_eq!(Day::today().to_string().len(), 10);
    }

    #[test]
    fn commit_assigns_sequential_seq_and_lists_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let mut ids = Vec::new();
        for n in 0..5u8 {
            let upload = write(&store, &[&[n; 10]]);
            let meta = store.commit(&upload, Kind::Report, day(), 10).unwrap();
            assert_eq!(meta.seq, u64::from(n) + 1);
            assert_eq!(meta.chunks, 1);
            ids.push(meta.id);
        }
        let page = store.list_after(0, 3).unwrap();
        assert_eq!(
            page.items.iter().map(|m| m.seq).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert!(page.more);
        let page = store.list_after(3, 3).unwrap();
        assert_eq!(
            page.items.iter().map(|m| m.id).collect::<Vec<_>>(),
            ids[3..]
        );
        assert!(!page.more);
        assert!(store.list_after(5, 3).unwrap().items.is_empty());
        assert!(store.list_after(u64::MAX, 3).unwrap().items.is_empty());
        assert_eq!(read_all(&store, &ids[2]), vec![2u8; 10]);
        let meta = store.get_meta(&ids[4]).unwrap().unwrap();
        assert_eq!((meta.kind, meta.day, meta.size), (Kind::Report, day(), 10));
        assert_eq!(store.get_meta(&ObjectId::random()).unwrap(), None);
        assert!(store.read_chunks(&ObjectId::random()).unwrap().is_none());
    }

    #[test]
    fn multi_chunk_object_reads_back_identical() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let body: Vec<u8> = (0..(2 * CHUNK_SIZE + 123))
            .map(|i| (i % 251) as u8)
            .collect();
        let parts: Vec<&[u8]> = body.chunks(CHUNK_SIZE).collect();
        let upload = write(&store, &parts);
        let meta = store
            .commit(&upload, Kind::Report, day(), body.len() as u64)
            .unwrap();
        assert_eq!(meta.chunks, 3);
        assert_eq!(read_all(&store, &meta.id), body);
        assert!(matches!(
            store.put_chunk(&upload, 9, &vec![0; CHUNK_SIZE + 1]),
            Err(StoreError::ChunkTooLarge { .. })
        ));
    }

    fn usage(objects: u64, chunks: u64, pending: u64) -> Usage {
        Usage {
            objects,
            chunks,
            pending,
        }
    }

    #[test]
    fn abort_deletes_the_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let kept = write(&store, &[b"kept"]);
        store.commit(&kept, Kind::Report, day(), 4).unwrap();
        let upload = write(&store, &[&[1; CHUNK_SIZE], b"x"]);
        assert_eq!(store.usage().unwrap(), usage(1, 3, 1));
        store.abort(&upload).unwrap();
        assert_eq!(store.usage().unwrap(), usage(1, 1, 0));
    }

    #[test]
    fn an_upload_commits_or_aborts_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let upload = write(&store, &[b"once"]);
        store.commit(&upload, Kind::Report, day(), 4).unwrap();
        assert!(matches!(
            store.commit(&upload, Kind::Report, day(), 4),
            Err(StoreError::NotPending)
        ));
        assert!(matches!(store.abort(&upload), Err(StoreError::NotPending)));
        assert_eq!(read_all(&store, &upload.id()), b"once");
        let aborted = write(&store, &[b"never"]);
        store.abort(&aborted).unwrap();
        assert!(matches!(
            store.commit(&aborted, Kind::Report, day(), 5),
            Err(StoreError::NotPending)
        ));
        assert_eq!(store.usage().unwrap(), usage(1, 1, 0));
        assert_eq!(store.list_after(0, 10).unwrap().items.len(), 1);
    }

    #[test]
    fn reopening_collects_chunks_of_uncommitted_uploads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let committed;
        {
            let store = SledStore::open(&path).unwrap();
            let upload = write(&store, &[b"abc"]);
            committed = store.commit(&upload, Kind::Report, day(), 3).unwrap();
            // A crash mid-upload: chunks written (and flushed), never committed.
            let _interrupted = write(&store, &[&[7; CHUNK_SIZE], &[8; CHUNK_SIZE], b"z"]);
            store.db.flush().unwrap();
            assert_eq!(store.usage().unwrap(), usage(1, 4, 1));
        }
        let store = SledStore::open(&path).unwrap();
        assert_eq!(store.usage().unwrap(), usage(1, 1, 0));
        assert_eq!(read_all(&store, &committed.id), b"abc");
        // Sequence numbers continue after a reopen.
        let upload = write(&store, &[b"d"]);
        assert_eq!(
            store.commit(&upload, Kind::Report, day(), 1).unwrap().seq,
            2
        );
    }

    #[test]
    fn a_missing_chunk_is_reported_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let upload = write(&store, &[&[1; CHUNK_SIZE], b"tail"]);
        let meta = store
            .commit(&upload, Kind::Report, day(), CHUNK_SIZE as u64 + 4)
            .unwrap();
        store
            .objectid_chunks
            .remove(chunk_key(&meta.id, 0))
            .unwrap();
        let results: Vec<_> = store.read_chunks(&meta.id).unwrap().unwrap().collect();
        assert_eq!(results.len(), 1);
        assert!(matches!(results[0], Err(StoreError::Corrupt(_))));
        store
            .objectid_chunks
            .remove(chunk_key(&meta.id, 1))
            .unwrap();
        let results: Vec<_> = store.read_chunks(&meta.id).unwrap().unwrap().collect();
        assert!(matches!(results[..], [Err(StoreError::Corrupt(_))]));
    }
}
