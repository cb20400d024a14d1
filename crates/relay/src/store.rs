//! Object storage: the [`Store`] trait, named for what the relay needs, and its
//! one implementation on sled, [`SledStore`] (`docs/PROTOCOL.md §4.3`).
//!
//! An object is written in three steps: [`Store::begin`] picks a fresh random
//! id, [`Store::put_chunk`] writes the ciphertext in chunks of at most
//! [`CHUNK_SIZE`] bytes as they arrive, and [`Store::commit`] assigns the next
//! sequence number and writes the metadata — atomically — then flushes the
//! database. Until the commit an upload is invisible; [`Store::abort`] (or, after
//! a crash, the garbage collection run when the store is opened) deletes its
//! chunks. A write is acknowledged only after [`SledStore::sync`] returned:
//! sled's `flush`, then `fsync` of sled's files and directory
//! (the private `durable` module), so that it survives a power loss as well as `kill -9`.
//!
//! Stored per object, and nothing else: id, kind, seq, leaf index, day, size,
//! chunk count, the mailbox it is filed under (if any, `PROTOCOL.md §8.5`),
//! ciphertext — and its leaf in the transparency log (§10), written in the
//! commit's transaction with the log's stored hashes.
//! Never an address, header, token, mailbox secret, or a time finer than the
//! day.
//!
//! # sled layout
//!
//! | tree | key | value |
//! |---|---|---|
//! | `objectid_meta` | id (16 bytes) | [`ObjectMeta`] as JSON `{"kind","seq","leaf","day","size","chunks","mailbox"}` (`mailbox` only when filed under one); for a deleted object its [`Tombstone`], `{"kind","seq","leaf","size","deleted"}` |
//! | `seq_objectid` | seq (u64 big-endian, 8 bytes) | id (16 bytes) |
//! | `mailbox_items` | mailbox id (32 bytes) ‖ seq (u64 big-endian, 8 bytes) | id (16 bytes): a `followup`, `reply` or `status` filed under the mailbox |
//! | `objectid_chunks` | id (16 bytes) ‖ chunk index (u32 big-endian, 4 bytes) | ciphertext chunk, ≤ 1 MiB |
//! | `objectid_pending` | id (16 bytes) | empty: an upload begun, not yet committed or aborted |
//! | `uploadid_session` | upload id (16 bytes) | [`Session`] as JSON `{"object","parts","bytes","part_size","first_short","kind","mailbox"}` (`mailbox` only when given) |
//! | `log_leaves` | leaf index (u64 big-endian, 8 bytes) | the leaf, [`whistlebox_core::log::LEAF_LEN`] bytes (PROTOCOL.md §10.1) |
//! | `log_hashes` | stored-hash index (u64 big-endian, 8 bytes) | SHA-256 tree hash, 32 bytes (PROTOCOL.md §10.2) |
//!
//! Big-endian keys make sled's byte order the numeric order, so a range scan of
//! `seq_objectid` lists objects in commit order, a range scan of
//! `mailbox_items` lists one mailbox's items in commit order, and a prefix scan of
//! `objectid_chunks` yields one object's chunks in order. `objectid_pending`
//! is written before an upload's first chunk and removed in the commit
//! transaction (or after an abort deleted the chunks), so after a crash the
//! store finds interrupted uploads without reading any ciphertext.
//!
//! # Upload sessions (PROTOCOL.md §4.7)
//!
//! A session is a pending upload that survives restarts: its record in
//! `uploadid_session` names the pending object, and the garbage collection
//! keeps the chunks of every pending object a session names. Part `n` of a
//! session with part size `p` is stored as chunks `n × p / CHUNK_SIZE + k`, so
//! when every part but the last is full the chunks are exactly those of an
//! object of the same bytes, and the commit copies nothing. A part is
//! acknowledged by [`Store::finish_part`], which updates the record and
//! flushes; chunks of a part never acknowledged are overwritten by the retry
//! or deleted at commit. The record holds no time of any kind: the idle timer
//! lives in memory (`crate::upload`).
//!
//! # Mailboxes (PROTOCOL.md §8)
//!
//! An object is committed with a [`Filing`]: its kind and, optionally, the
//! [`MailboxId`] it is filed under. A `followup`, `reply` or `status` filed
//! under a mailbox gets its `mailbox_items` entry in the commit transaction,
//! after a count of the mailbox's items under the commit lock, so that the
//! cap of [`MAILBOX_MAX_ITEMS`] cannot be passed by two commits at once. A
//! mailbox exists only as the prefix of those keys: listing an unknown
//! mailbox and listing one with no items are the same single range scan
//! that finds nothing.
//!
//! # Deletion (PROTOCOL.md §12.1)
//!
//! [`Store::delete`] removes an object's chunks and `mailbox_items` entry,
//! replaces its metadata by a [`Tombstone`] and appends the tombstone leaf
//! (§10.1) with its stored hashes — all in one transaction under the commit
//! lock — then flushes. The object keeps its seq: listings show it as deleted.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use whistlebox_core::log::{self as tlog, Hash, Leaf, LeafKind, LEAF_LEN};
use whistlebox_core::report::Kind;

use crate::durable::Durability;

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
/// Upload sessions (PROTOCOL.md §4.7), keyed by upload id.
const TREE_UPLOADID_SESSION: &str = "uploadid_session";
/// Items of mailboxes (PROTOCOL.md §8.5), keyed by mailbox id ‖ big-endian seq.
const TREE_MAILBOX_ITEMS: &str = "mailbox_items";

/// Leaves of the transparency log (PROTOCOL.md §10.1), keyed by big-endian leaf index.
const TREE_LOG_LEAVES: &str = "log_leaves";
/// Stored hashes of the log's tree (PROTOCOL.md §10.2), keyed by big-endian stored-hash index.
const TREE_LOG_HASHES: &str = "log_hashes";

/// Length of an object id in bytes (128 random bits).
const ID_LEN: usize = 16;
/// Length of a mailbox id in bytes (SHA-256).
const MAILBOX_ID_LEN: usize = 32;

/// Most items (`followup`, `reply`, `status`) one mailbox holds (PROTOCOL.md §8.2).
pub const MAILBOX_MAX_ITEMS: usize = 1_000;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// sled reported an I/O error or a corrupted database.
    #[error("database error: {0}")]
    Sled(#[from] sled::Error),
    /// A file of the database could not be opened or synced to disk.
    #[error("database file error: {0}")]
    Io(#[from] std::io::Error),
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
    /// No upload session has this id (never opened, committed, deleted or expired).
    #[error("no such upload session")]
    NoSession,
    /// A part was finished out of turn: the session holds `received` parts.
    #[error("part {part} finished while the session holds {received} parts")]
    PartOrder {
        /// The part offered.
        part: u32,
        /// Parts the session holds.
        received: u32,
    },
    /// A session's part size is not a positive multiple of [`CHUNK_SIZE`].
    #[error("part size {0} is not a positive multiple of the {CHUNK_SIZE}-byte chunk size")]
    PartSize(u64),
    /// The mailbox already holds the most items allowed; nothing was committed.
    #[error("the mailbox holds {max} items, the most allowed")]
    MailboxFull {
        /// The cap.
        max: usize,
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

/// A mailbox id (PROTOCOL.md §8.1): the SHA-256 of the mailbox secret, the
/// only value derived from a codename that the relay keeps. Stored as 64
/// lowercase hex digits; never logged (its `Debug` shows no bytes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MailboxId([u8; MAILBOX_ID_LEN]);

impl MailboxId {
    /// The id of a mailbox secret: `SHA-256(secret)`.
    pub fn of_secret(secret: &[u8; 32]) -> MailboxId {
        use sha2::{Digest, Sha256};
        MailboxId(Sha256::digest(secret).into())
    }

    /// The id's 32 bytes.
    pub fn as_bytes(&self) -> &[u8; MAILBOX_ID_LEN] {
        &self.0
    }
}

impl fmt::Debug for MailboxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MailboxId(…)")
    }
}

impl fmt::Display for MailboxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl FromStr for MailboxId {
    type Err = StoreError;

    /// Parses 64 lowercase hex digits (the stored form).
    fn from_str(text: &str) -> Result<MailboxId, StoreError> {
        let mut bytes = [0u8; MAILBOX_ID_LEN];
        let lower = !text.bytes().any(|b| b.is_ascii_uppercase());
        if !lower || hex::decode_to_slice(text, &mut bytes).is_err() {
            return Err(StoreError::Corrupt(
                "a mailbox id that is not 64 lowercase hex digits".into(),
            ));
        }
        Ok(MailboxId(bytes))
    }
}

/// How an object is filed when committed (PROTOCOL.md §8.2): its kind and the
/// mailbox it goes under, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filing {
    /// What the object is.
    pub kind: Kind,
    /// The mailbox it is filed under.
    pub mailbox: Option<MailboxId>,
}

impl Filing {
    /// A `report` under no mailbox (`POST /api/reports` without the header).
    pub fn report() -> Filing {
        Filing {
            kind: Kind::Report,
            mailbox: None,
        }
    }

    /// The mailbox whose `mailbox_items` list this object joins: only a
    /// `followup`, `reply` or `status` (never a `report`, which the reporter
    /// cannot decrypt).
    pub fn item_of(&self) -> Option<&MailboxId> {
        match self.kind {
            Kind::Report => None,
            _ => self.mailbox.as_ref(),
        }
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
    /// Index of the object's leaf in the transparency log (PROTOCOL.md §10.1).
    pub leaf: u64,
    /// UTC date of receipt.
    pub day: Day,
    /// Ciphertext size in bytes.
    pub size: u64,
    /// Number of chunks in `objectid_chunks`.
    pub chunks: u32,
    /// The mailbox the object is filed under, if any (PROTOCOL.md §8.5).
    pub mailbox: Option<MailboxId>,
}

/// The JSON value stored in `objectid_meta` (the id is the key).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredMeta {
    kind: Kind,
    seq: u64,
    leaf: u64,
    day: Day,
    size: u64,
    chunks: u32,
    /// 64 lowercase hex digits; absent when filed under no mailbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mailbox: Option<String>,
}

impl ObjectMeta {
    fn to_stored(&self) -> Vec<u8> {
        let stored = StoredMeta {
            kind: self.kind,
            seq: self.seq,
            leaf: self.leaf,
            day: self.day,
            size: self.size,
            chunks: self.chunks,
            mailbox: self.mailbox.map(|m| m.to_string()),
        };
        serde_json::to_vec(&stored).expect("metadata serialises")
    }

    /// How the object was filed.
    pub fn filing(&self) -> Filing {
        Filing {
            kind: self.kind,
            mailbox: self.mailbox,
        }
    }
}

/// What is left of a deleted object (PROTOCOL.md §4.3, §12.1): no ciphertext,
/// no day, no mailbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tombstone {
    /// The deleted object's id.
    pub id: ObjectId,
    /// What the object was.
    pub kind: Kind,
    /// Its sequence number, kept so that seqs stay without gaps.
    pub seq: u64,
    /// Index of the object's own leaf in the log.
    pub leaf: u64,
    /// Its ciphertext size in bytes.
    pub size: u64,
    /// Index of its tombstone leaf in the log (PROTOCOL.md §10.1).
    pub deleted: u64,
}

/// The JSON value stored in `objectid_meta` for a deleted object.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredTombstone {
    kind: Kind,
    seq: u64,
    leaf: u64,
    size: u64,
    deleted: u64,
}

/// Either record of `objectid_meta`; `deny_unknown_fields` on both keeps
/// them apart (a tombstone has `deleted` and no `day`).
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredEntry {
    Deleted(StoredTombstone),
    Object(StoredMeta),
}

impl Tombstone {
    fn to_stored(&self) -> Vec<u8> {
        let stored = StoredTombstone {
            kind: self.kind,
            seq: self.seq,
            leaf: self.leaf,
            size: self.size,
            deleted: self.deleted,
        };
        serde_json::to_vec(&stored).expect("tombstone serialises")
    }
}

/// A committed object as the store lists it: whole, or deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// An object whose ciphertext the store holds.
    Object(ObjectMeta),
    /// A deleted object (PROTOCOL.md §12.1).
    Deleted(Tombstone),
}

impl Entry {
    fn from_stored(id: ObjectId, bytes: &[u8]) -> Result<Entry, StoreError> {
        let stored: StoredEntry = serde_json::from_slice(bytes).map_err(|e| {
            StoreError::Corrupt(format!("metadata of an object is no known record: {e}"))
        })?;
        Ok(match stored {
            StoredEntry::Deleted(t) => Entry::Deleted(Tombstone {
                id,
                kind: t.kind,
                seq: t.seq,
                leaf: t.leaf,
                size: t.size,
                deleted: t.deleted,
            }),
            StoredEntry::Object(stored) => Entry::Object(ObjectMeta {
                id,
                kind: stored.kind,
                seq: stored.seq,
                leaf: stored.leaf,
                day: stored.day,
                size: stored.size,
                chunks: stored.chunks,
                mailbox: stored.mailbox.as_deref().map(str::parse).transpose()?,
            }),
        })
    }

    /// The object's id.
    pub fn id(&self) -> ObjectId {
        match self {
            Entry::Object(meta) => meta.id,
            Entry::Deleted(tombstone) => tombstone.id,
        }
    }

    /// The object's seq.
    pub fn seq(&self) -> u64 {
        match self {
            Entry::Object(meta) => meta.seq,
            Entry::Deleted(tombstone) => tombstone.seq,
        }
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

/// An upload session's id (PROTOCOL.md §4.7): 128 random bits, written as 32
/// lowercase hex digits. It is a capability, distinct from the id the object
/// gets at commit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct UploadId(ObjectId);

impl UploadId {
    /// A fresh id from the operating system's random number generator.
    pub fn random() -> UploadId {
        UploadId(ObjectId::random())
    }

    /// The id's 16 bytes.
    pub fn as_bytes(&self) -> &[u8; ID_LEN] {
        self.0.as_bytes()
    }
}

impl fmt::Display for UploadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for UploadId {
    type Err = InvalidObjectId;

    fn from_str(text: &str) -> Result<UploadId, InvalidObjectId> {
        text.parse().map(UploadId)
    }
}

/// A persisted upload session (PROTOCOL.md §4.7). No time of any kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The session's id.
    pub upload: UploadId,
    /// The pending object the parts are stored under.
    pub object: ObjectId,
    /// Parts durably stored: parts `0..parts`.
    pub parts: u32,
    /// Bytes in those parts.
    pub bytes: u64,
    /// Size of every part but the last.
    pub part_size: u64,
    /// The first stored part shorter than `part_size`, if any (only the last may be).
    pub first_short: Option<u32>,
    /// How the object will be filed at commit (PROTOCOL.md §8.2).
    pub filing: Filing,
}

/// The JSON value stored in `uploadid_session` (the upload id is the key).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredSession {
    object: String,
    parts: u32,
    bytes: u64,
    part_size: u64,
    first_short: Option<u32>,
    /// Absent in records written before mailboxes: a report.
    #[serde(default = "report_kind")]
    kind: Kind,
    /// 64 lowercase hex digits; absent when the session has no mailbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mailbox: Option<String>,
}

fn report_kind() -> Kind {
    Kind::Report
}

impl Session {
    fn to_stored(&self) -> Vec<u8> {
        let stored = StoredSession {
            object: self.object.to_string(),
            parts: self.parts,
            bytes: self.bytes,
            part_size: self.part_size,
            first_short: self.first_short,
            kind: self.filing.kind,
            mailbox: self.filing.mailbox.map(|m| m.to_string()),
        };
        serde_json::to_vec(&stored).expect("session serialises")
    }

    fn from_stored(key: &[u8], bytes: &[u8]) -> Result<Session, StoreError> {
        let stored: StoredSession = serde_json::from_slice(bytes)
            .map_err(|e| StoreError::Corrupt(format!("record of an upload session: {e}")))?;
        let object = stored
            .object
            .parse()
            .map_err(|_| StoreError::Corrupt("upload session names a malformed object".into()))?;
        Ok(Session {
            upload: UploadId(ObjectId::from_slice(key)?),
            object,
            parts: stored.parts,
            bytes: stored.bytes,
            part_size: stored.part_size,
            first_short: stored.first_short,
            filing: Filing {
                kind: stored.kind,
                mailbox: stored.mailbox.as_deref().map(str::parse).transpose()?,
            },
        })
    }

    /// Chunks per full part.
    fn chunks_per_part(&self) -> Result<u32, StoreError> {
        chunks_per_part(self.part_size)
    }

    /// Whether every part but the last is exactly `part_size` bytes.
    pub fn parts_are_full(&self) -> bool {
        self.first_short.is_none_or(|short| short + 1 == self.parts)
    }
}

fn chunks_per_part(part_size: u64) -> Result<u32, StoreError> {
    if part_size == 0 || part_size.rem_euclid(CHUNK_SIZE as u64) != 0 {
        return Err(StoreError::PartSize(part_size));
    }
    u32::try_from(part_size / CHUNK_SIZE as u64).map_err(|_| StoreError::PartSize(part_size))
}

/// One page of [`Store::list_after`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Objects in ascending `seq`, deleted ones included.
    pub items: Vec<Entry>,
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
    /// Uploads begun and not yet committed or aborted (sessions included).
    pub pending: u64,
    /// Upload sessions open (PROTOCOL.md §4.7).
    pub sessions: u64,
    /// Entries of `mailbox_items`, over every mailbox (PROTOCOL.md §8.5).
    pub mailbox_items: u64,
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
    /// Makes an upload of `size` bytes visible, filed as `filing`: assigns
    /// the next `seq` and writes the metadata (and the `mailbox_items` entry
    /// of a follow-up, reply or status) atomically, then flushes. Returns once
    /// durable. [`StoreError::MailboxFull`] if the mailbox already holds its
    /// most items; the upload is then still pending (abort it).
    ///
    /// `sha256` is the digest of the whole ciphertext, computed as it
    /// streamed in: it goes into the object's log leaf (PROTOCOL.md §10.1),
    /// appended in the same transaction.
    fn commit(
        &self,
        upload: &Upload,
        filing: Filing,
        day: Day,
        size: u64,
        sha256: [u8; 32],
    ) -> Result<ObjectMeta, StoreError>;
    /// Deletes the chunks of an upload that will not be committed. The caller
    /// must first wait for any `put_chunk` of this upload still running.
    fn abort(&self, upload: &Upload) -> Result<(), StoreError>;
    /// At most `limit` objects with `seq > after`, in ascending `seq`,
    /// deleted ones included (as [`Entry::Deleted`]).
    fn list_after(&self, after: u64, limit: usize) -> Result<Page, StoreError>;
    /// The metadata of a committed object that is not deleted, if any.
    fn get_meta(&self, id: &ObjectId) -> Result<Option<ObjectMeta>, StoreError>;
    /// The record of a committed object, deleted or not, if any.
    fn get_entry(&self, id: &ObjectId) -> Result<Option<Entry>, StoreError>;
    /// Deletes a committed object (PROTOCOL.md §12.1): in one transaction,
    /// removes its chunks and `mailbox_items` entry, replaces its metadata by
    /// a [`Tombstone`] and appends the tombstone leaf; then flushes. Returns
    /// once durable. An object already deleted returns its tombstone and
    /// changes nothing; `None` if no object has this id.
    fn delete(&self, id: &ObjectId) -> Result<Option<Tombstone>, StoreError>;
    /// The ciphertext of a committed object as a chunk iterator, if the object exists.
    fn read_chunks(&self, id: &ObjectId) -> Result<Option<Chunks>, StoreError>;
    /// Counts what the store holds.
    fn usage(&self) -> Result<Usage, StoreError>;

    /// The items of a mailbox (PROTOCOL.md §8.2) — its `followup`, `reply`
    /// and `status` objects, durable ones only — in ascending `seq`; at most
    /// the mailbox cap. An unknown mailbox and one without items cost the
    /// same: one range scan that finds nothing.
    fn list_mailbox(&self, mailbox: &MailboxId) -> Result<Vec<ObjectMeta>, StoreError>;
    /// The ciphertext of object `id` if it is a durable item of `mailbox`;
    /// `None` alike for an unknown object, a `report`, and another mailbox's item.
    fn read_mailbox_object(
        &self,
        mailbox: &MailboxId,
        id: &ObjectId,
    ) -> Result<Option<(ObjectMeta, Chunks)>, StoreError>;
    /// [`StoreError::MailboxFull`] if the mailbox holds its most items
    /// already, so that a body for it need not be received. Advisory: the
    /// commit decides.
    fn check_mailbox_room(&self, mailbox: &MailboxId) -> Result<(), StoreError>;

    /// Opens an upload session (PROTOCOL.md §4.7) with parts of `part_size`
    /// bytes (a multiple of [`CHUNK_SIZE`]), to be filed as `filing` at
    /// commit (§8.2); durable when it returns.
    fn open_session(&self, part_size: u64, filing: Filing) -> Result<Session, StoreError>;
    /// Every persisted session (to give each a fresh idle timer at start).
    fn sessions(&self) -> Result<Vec<Session>, StoreError>;
    /// A session's record, if it exists.
    fn get_session(&self, upload: &UploadId) -> Result<Option<Session>, StoreError>;
    /// Stores chunk `index` (from 0, at most [`CHUNK_SIZE`] bytes) of part
    /// `part`. Not durable, not counted until [`Store::finish_part`].
    fn put_part_chunk(
        &self,
        session: &Session,
        part: u32,
        index: u32,
        bytes: &[u8],
    ) -> Result<(), StoreError>;
    /// Records part `part` of `len` bytes (its chunks written) as received —
    /// only if the session holds exactly `part` parts — and flushes. Chunks
    /// left in the part's range by an earlier, longer attempt are deleted.
    fn finish_part(&self, upload: &UploadId, part: u32, len: u64) -> Result<Session, StoreError>;
    /// The session's received bytes as chunks, in order. Every part but the
    /// last must be full ([`Session::parts_are_full`]), else a gap is reported.
    fn session_chunks(&self, session: &Session) -> Result<Chunks, StoreError>;
    /// Makes the session's received bytes an object with the next `seq`,
    /// filed as the session's record says, in one transaction with the
    /// removal of the session, then flushes. [`StoreError::MailboxFull`] as
    /// for [`Store::commit`]; the session is then left as it was. `sha256`
    /// as for [`Store::commit`] (computed from the stored parts at commit).
    fn commit_session(
        &self,
        upload: &UploadId,
        day: Day,
        sha256: [u8; 32],
    ) -> Result<ObjectMeta, StoreError>;
    /// Deletes a session and every chunk of it, then flushes; `false` if
    /// there was no such session.
    fn delete_session(&self, upload: &UploadId) -> Result<bool, StoreError>;

    /// The number of leaves of the transparency log known to be on disk
    /// (PROTOCOL.md §10.2): checkpoints are made at this size or below.
    fn log_size(&self) -> Result<u64, StoreError>;
    /// The log's stored hashes at these stored-hash indexes (§10.2).
    /// [`StoreError::Corrupt`] if one is missing.
    fn log_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, StoreError>;
    /// Leaves `start..end` of the log (§10.1); the caller bounds the range
    /// by [`Store::log_size`].
    fn log_leaves(&self, start: u64, end: u64) -> Result<Vec<[u8; LEAF_LEN]>, StoreError>;

    /// Writes a new database at `dest` holding every committed object — its
    /// metadata, chunks and index entries — and the whole log, copied under
    /// the commit lock so that no commit lands halfway (commits wait);
    /// uploads in progress and sessions are left out. Flushes it and returns
    /// the number of objects copied (docs/DEPLOYING.md, backups).
    fn backup(&self, dest: &Path) -> Result<u64, StoreError>;
}

/// The sled implementation of [`Store`].
pub struct SledStore {
    db: sled::Db,
    objectid_meta: sled::Tree,
    seq_objectid: sled::Tree,
    objectid_chunks: sled::Tree,
    objectid_pending: sled::Tree,
    uploadid_session: sled::Tree,
    mailbox_items: sled::Tree,
    log_leaves: sled::Tree,
    log_hashes: sled::Tree,
    /// Most items per mailbox ([`MAILBOX_MAX_ITEMS`] unless a test lowered it).
    mailbox_cap: usize,
    /// Serialises commits, so that "last seq + 1" and the count of a
    /// mailbox's items are computed by one writer at a time (sled admits one
    /// process per database, so a process-wide lock suffices).
    commit_lock: Mutex<()>,
    /// The highest seq known to be on disk. Listings stop there, so that an
    /// object is never served before it is durable: if the process died
    /// between a commit and its flush, that seq would be handed out again,
    /// and an investigator who had already seen it would skip the new object.
    /// A flush that returned for seq N made every seq ≤ N durable, because
    /// commits are serialised and each flush covers all earlier writes.
    durable_seq: AtomicU64,
    /// The number of log leaves known to be on disk, for the same reason.
    durable_leaves: AtomicU64,
    /// `fsync` of sled's files after each flush (sled's own flush is not
    /// enough to survive a power loss; see the `durable` module).
    durability: Durability,
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
        // No background flush: every acknowledgement flushes explicitly, and
        // a timer would only hide a missing flush from the crash tests.
        let db = sled::Config::new().path(path).flush_every_ms(None).open()?;
        let durability = Durability::open(path)?;
        let store = SledStore {
            objectid_meta: db.open_tree(TREE_OBJECTID_META)?,
            seq_objectid: db.open_tree(TREE_SEQ_OBJECTID)?,
            objectid_chunks: db.open_tree(TREE_OBJECTID_CHUNKS)?,
            objectid_pending: db.open_tree(TREE_OBJECTID_PENDING)?,
            uploadid_session: db.open_tree(TREE_UPLOADID_SESSION)?,
            mailbox_items: db.open_tree(TREE_MAILBOX_ITEMS)?,
            log_leaves: db.open_tree(TREE_LOG_LEAVES)?,
            log_hashes: db.open_tree(TREE_LOG_HASHES)?,
            mailbox_cap: MAILBOX_MAX_ITEMS,
            db,
            commit_lock: Mutex::new(()),
            durable_seq: AtomicU64::new(0),
            durable_leaves: AtomicU64::new(0),
            durability,
        };
        // Everything found on disk at open is durable.
        store.durable_seq.store(store.last_seq()?, Ordering::SeqCst);
        let leaves = store.next_leaf()?;
        if store.last_seq()? > 0 && leaves == 0 {
            return Err(StoreError::Corrupt(
                "the database holds objects from before the transparency log (PROTOCOL.md §10); \
                 it cannot be opened by this relay"
                    .into(),
            ));
        }
        store.durable_leaves.store(leaves, Ordering::SeqCst);
        let removed = store.collect_garbage()?;
        if removed > 0 {
            tracing::info!(
                chunks = removed,
                "removed chunks of uploads interrupted before commit"
            );
        }
        Ok(store)
    }

    /// Makes every write that finished before this call durable — sled's
    /// flush, then `fsync` of its files and directories (the `durable` module).
    /// Every acknowledgement waits for it.
    pub fn sync(&self) -> Result<(), StoreError> {
        self.durability.sync(&self.db)
    }

    /// The store with another cap on the items of a mailbox than
    /// [`MAILBOX_MAX_ITEMS`] — for tests, which cannot afford a thousand
    /// commits per case. The relay always runs with the default.
    pub fn with_mailbox_cap(mut self, cap: usize) -> SledStore {
        self.mailbox_cap = cap;
        self
    }

    /// [`StoreError::MailboxFull`] if `mailbox` holds `mailbox_cap` items
    /// (counting at most that many).
    fn mailbox_room(&self, mailbox: &MailboxId) -> Result<(), StoreError> {
        let mut held = 0;
        for entry in self
            .mailbox_items
            .scan_prefix(mailbox.as_bytes())
            .keys()
            .take(self.mailbox_cap)
        {
            entry?;
            held += 1;
        }
        if held >= self.mailbox_cap {
            return Err(StoreError::MailboxFull {
                max: self.mailbox_cap,
            });
        }
        Ok(())
    }

    /// Deletes the chunks of every upload still marked pending (the process
    /// stopped before its commit or abort) that no upload session names;
    /// returns how many chunks. A session whose object is not pending (a
    /// crash cut its deletion short) is deleted too.
    ///
    /// Only safe while no upload is in progress: [`SledStore::open`] runs it.
    fn collect_garbage(&self) -> Result<usize, StoreError> {
        let mut removed = 0;
        let mut kept = std::collections::HashSet::new();
        let mut orphans = Vec::new();
        for entry in self.uploadid_session.iter() {
            let (key, value) = entry?;
            let session = Session::from_stored(&key, &value)?;
            if self
                .objectid_pending
                .contains_key(session.object.as_bytes())?
            {
                kept.insert(session.object);
            } else {
                orphans.push(session);
            }
        }
        for session in &orphans {
            self.uploadid_session.remove(session.upload.as_bytes())?;
            if !self.objectid_meta.contains_key(session.object.as_bytes())? {
                removed += self.delete_chunks(&session.object)?;
            }
        }
        let mut pending = Vec::new();
        for entry in self.objectid_pending.iter().keys() {
            let id = ObjectId::from_slice(&entry?)?;
            if !kept.contains(&id) {
                pending.push(id);
            }
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
        if !pending.is_empty() || !orphans.is_empty() {
            self.sync()?;
        }
        Ok(removed)
    }

    /// Deletes the chunks of `id` from index `from` on; returns how many.
    fn delete_chunks_from(&self, id: &ObjectId, from: u32) -> Result<usize, StoreError> {
        let mut removed = 0;
        let end = id_successor(id);
        let range = match &end {
            Some(end) => self
                .objectid_chunks
                .range(chunk_key(id, from).to_vec()..end.clone()),
            None => self.objectid_chunks.range(chunk_key(id, from).to_vec()..),
        };
        for key in range.keys() {
            self.objectid_chunks.remove(key?)?;
            removed += 1;
        }
        Ok(removed)
    }

    fn session_record(&self, upload: &UploadId) -> Result<Option<Session>, StoreError> {
        match self.uploadid_session.get(upload.as_bytes())? {
            None => Ok(None),
            Some(value) => Session::from_stored(upload.as_bytes(), &value).map(Some),
        }
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

    /// Makes a pending object visible: assigns the next seq and, in one
    /// transaction, unmarks it (and deletes its upload session, if any) and
    /// writes its metadata, seq index and, for a mailbox item, its
    /// `mailbox_items` entry; then flushes (PROTOCOL §4.1: an object is
    /// acknowledged only once durable). `None` if the object was no longer
    /// pending (never begun, already committed, or aborted), or the session
    /// no longer existed. [`StoreError::MailboxFull`] (nothing written) if
    /// the mailbox holds its most items: counted under the commit lock, so
    /// that two commits cannot both take the last place.
    #[allow(clippy::too_many_arguments)]
    fn commit_object(
        &self,
        id: ObjectId,
        filing: Filing,
        day: Day,
        size: u64,
        sha256: [u8; 32],
        chunks: u32,
        session: Option<&UploadId>,
    ) -> Result<Option<ObjectMeta>, StoreError> {
        let guard = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        let item = filing.item_of().copied();
        if let Some(mailbox) = &item {
            self.mailbox_room(mailbox)?;
        }
        // PROTOCOL §10: the object's leaf and the tree hashes it completes,
        // computed under the commit lock from hashes no one else writes.
        let leaf_index = self.next_leaf()?;
        let leaf = Leaf {
            kind: LeafKind::of(filing.kind),
            id: *id.as_bytes(),
            sha256,
            size,
        };
        let hashes = tlog::stored_hashes(leaf_index, leaf.hash(), &HashesOf(self))
            .map_err(|e| StoreError::Corrupt(format!("log tree: {e}")))?;
        let first_hash = tlog::leaf_storage_index(leaf_index);
        let meta = ObjectMeta {
            id,
            kind: filing.kind,
            seq: self.next_seq()?,
            leaf: leaf_index,
            day,
            size,
            chunks,
            mailbox: filing.mailbox,
        };
        let value = meta.to_stored();
        let leaf_bytes = leaf.encode();
        let committed = (
            &self.objectid_meta,
            &self.seq_objectid,
            &self.objectid_pending,
            &self.uploadid_session,
            &self.mailbox_items,
            &self.log_leaves,
            &self.log_hashes,
        )
            .transaction(
                |(
                    objectid_meta,
                    seq_objectid,
                    objectid_pending,
                    uploadid_session,
                    mailbox_items,
                    log_leaves,
                    log_hashes,
                )| {
                    let session_gone = match session {
                        Some(upload) => uploadid_session.remove(upload.as_bytes())?.is_none(),
                        None => false,
                    };
                    if session_gone || objectid_pending.remove(meta.id.as_bytes())?.is_none() {
                        return Err(ConflictableTransactionError::Abort(()));
                    }
                    objectid_meta.insert(meta.id.as_bytes(), value.as_slice())?;
                    seq_objectid.insert(&meta.seq.to_be_bytes(), meta.id.as_bytes())?;
                    if let Some(mailbox) = &item {
                        mailbox_items
                            .insert(item_key(mailbox, meta.seq).as_slice(), meta.id.as_bytes())?;
                    }
                    log_leaves.insert(&leaf_index.to_be_bytes(), leaf_bytes.as_slice())?;
                    for (i, hash) in (first_hash..).zip(&hashes) {
                        log_hashes.insert(&i.to_be_bytes(), hash.0.as_slice())?;
                    }
                    Ok(())
                },
            );
        drop(guard);
        match committed {
            Ok(()) => {}
            Err(TransactionError::Abort(())) => return Ok(None),
            Err(TransactionError::Storage(e)) => return Err(StoreError::Sled(e)),
        }
        self.sync()?;
        self.durable_seq.fetch_max(meta.seq, Ordering::SeqCst);
        self.durable_leaves
            .fetch_max(leaf_index + 1, Ordering::SeqCst);
        Ok(Some(meta))
    }

    /// [`Store::delete`]: see there and PROTOCOL.md §12.1.
    fn delete_object(&self, id: &ObjectId) -> Result<Option<Tombstone>, StoreError> {
        let guard = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        let meta = match self.get_entry(id)? {
            None => return Ok(None),
            Some(Entry::Deleted(tombstone)) => {
                drop(guard);
                // Idempotent; the sync makes sure an earlier answer's
                // tombstone is durable before it is confirmed again.
                self.sync()?;
                return Ok(Some(tombstone));
            }
            Some(Entry::Object(meta)) => meta,
        };
        // The tombstone is the object's own leaf, as the log holds it, with
        // kind 5 (§10.1): read it back rather than recompute the digest.
        let stored = self
            .log_leaves
            .get(meta.leaf.to_be_bytes())?
            .ok_or_else(|| StoreError::Corrupt(format!("log leaf {} is missing", meta.leaf)))?;
        let leaf = Leaf::parse(&stored)
            .map_err(|e| StoreError::Corrupt(format!("log leaf {}: {e}", meta.leaf)))?;
        if leaf.id != *id.as_bytes()
            || leaf.size != meta.size
            || leaf.kind != LeafKind::of(meta.kind)
        {
            return Err(StoreError::Corrupt(format!(
                "log leaf {} does not name the object that claims it",
                meta.leaf
            )));
        }
        let tombstone_leaf = leaf.tombstone();
        let index = self.next_leaf()?;
        let hashes = tlog::stored_hashes(index, tombstone_leaf.hash(), &HashesOf(self))
            .map_err(|e| StoreError::Corrupt(format!("log tree: {e}")))?;
        let first_hash = tlog::leaf_storage_index(index);
        let tombstone = Tombstone {
            id: *id,
            kind: meta.kind,
            seq: meta.seq,
            leaf: meta.leaf,
            size: meta.size,
            deleted: index,
        };
        let value = tombstone.to_stored();
        let leaf_bytes = tombstone_leaf.encode();
        let done = (
            &self.objectid_meta,
            &self.objectid_chunks,
            &self.mailbox_items,
            &self.log_leaves,
            &self.log_hashes,
        )
            .transaction(
                |(objectid_meta, objectid_chunks, mailbox_items, log_leaves, log_hashes)| {
                    for chunk in 0..meta.chunks {
                        objectid_chunks.remove(chunk_key(id, chunk).as_slice())?;
                    }
                    if let Some(mailbox) = &meta.mailbox {
                        mailbox_items.remove(item_key(mailbox, meta.seq).as_slice())?;
                    }
                    objectid_meta.insert(id.as_bytes(), value.as_slice())?;
                    log_leaves.insert(&index.to_be_bytes(), leaf_bytes.as_slice())?;
                    for (i, hash) in (first_hash..).zip(&hashes) {
                        log_hashes.insert(&i.to_be_bytes(), hash.0.as_slice())?;
                    }
                    Ok::<(), ConflictableTransactionError<()>>(())
                },
            );
        drop(guard);
        match done {
            Ok(()) => {}
            Err(TransactionError::Abort(())) => {
                return Err(StoreError::Corrupt("deletion aborted".into()))
            }
            Err(TransactionError::Storage(e)) => return Err(StoreError::Sled(e)),
        }
        self.sync()?;
        self.durable_leaves.fetch_max(index + 1, Ordering::SeqCst);
        Ok(Some(tombstone))
    }

    /// The index the next leaf gets: the number of leaves written.
    fn next_leaf(&self) -> Result<u64, StoreError> {
        match self.log_leaves.last()? {
            None => Ok(0),
            Some((key, _)) => Ok(u64_key(&key, "leaf index")? + 1),
        }
    }

    fn next_seq(&self) -> Result<u64, StoreError> {
        self.last_seq()?
            .checked_add(1)
            .ok_or_else(|| StoreError::Corrupt("sequence numbers exhausted".into()))
    }

    /// The highest seq committed so far (0 when there is none).
    fn last_seq(&self) -> Result<u64, StoreError> {
        match self.seq_objectid.last()? {
            None => Ok(0),
            Some((key, _)) => Ok(u64::from_be_bytes(key.as_ref().try_into().map_err(
                |_| StoreError::Corrupt(format!("seq key of {} bytes", key.len())),
            )?)),
        }
    }
}

/// A big-endian u64 key.
fn u64_key(key: &[u8], what: &str) -> Result<u64, StoreError> {
    Ok(u64::from_be_bytes(key.try_into().map_err(|_| {
        StoreError::Corrupt(format!("{what} key of {} bytes", key.len()))
    })?))
}

/// The store's `log_hashes` tree as the tree arithmetic reads it.
struct HashesOf<'a>(&'a SledStore);

impl tlog_tiles::HashReader for HashesOf<'_> {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        self.0
            .read_log_hashes(indexes)
            .map_err(|_| tlog_tiles::Error::IndexesNotInTree)
    }
}

impl SledStore {
    fn read_log_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, StoreError> {
        indexes
            .iter()
            .map(|i| {
                let value = self
                    .log_hashes
                    .get(i.to_be_bytes())?
                    .ok_or_else(|| StoreError::Corrupt(format!("log hash {i} is missing")))?;
                let array: [u8; 32] = value.as_ref().try_into().map_err(|_| {
                    StoreError::Corrupt(format!("log hash {i} of {} bytes", value.len()))
                })?;
                Ok(Hash(array))
            })
            .collect()
    }
}

/// `objectid_chunks` key: id (16 bytes) ‖ chunk index (u32 big-endian).
fn chunk_key(id: &ObjectId, index: u32) -> [u8; ID_LEN + 4] {
    let mut key = [0u8; ID_LEN + 4];
    key[..ID_LEN].copy_from_slice(id.as_bytes());
    key[ID_LEN..].copy_from_slice(&index.to_be_bytes());
    key
}

/// `mailbox_items` key: mailbox id (32 bytes) ‖ seq (u64 big-endian).
fn item_key(mailbox: &MailboxId, seq: u64) -> [u8; MAILBOX_ID_LEN + 8] {
    let mut key = [0u8; MAILBOX_ID_LEN + 8];
    key[..MAILBOX_ID_LEN].copy_from_slice(mailbox.as_bytes());
    key[MAILBOX_ID_LEN..].copy_from_slice(&seq.to_be_bytes());
    key
}

/// The smallest key after every key that starts with `id`, if any.
fn id_successor(id: &ObjectId) -> Option<Vec<u8>> {
    let mut key = id.as_bytes().to_vec();
    while let Some(last) = key.pop() {
        if last < u8::MAX {
            key.push(last + 1);
            return Some(key);
        }
    }
    None
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
        filing: Filing,
        day: Day,
        size: u64,
        sha256: [u8; 32],
    ) -> Result<ObjectMeta, StoreError> {
        let chunks = chunk_count(size)?;
        self.commit_object(upload.id, filing, day, size, sha256, chunks, None)?
            .ok_or(StoreError::NotPending)
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
        let durable = self.durable_seq.load(Ordering::SeqCst);
        if first > durable {
            return Ok(Page { items, more });
        }
        for entry in self
            .seq_objectid
            .range(first.to_be_bytes()..=durable.to_be_bytes())
        {
            let (_, id) = entry?;
            if items.len() == limit {
                more = true;
                break;
            }
            let id = ObjectId::from_slice(&id)?;
            let entry = self.get_entry(&id)?.ok_or_else(|| {
                StoreError::Corrupt("seq_objectid names an object without metadata".into())
            })?;
            items.push(entry);
        }
        Ok(Page { items, more })
    }

    fn get_meta(&self, id: &ObjectId) -> Result<Option<ObjectMeta>, StoreError> {
        match self.get_entry(id)? {
            Some(Entry::Object(meta)) => Ok(Some(meta)),
            Some(Entry::Deleted(_)) | None => Ok(None),
        }
    }

    fn get_entry(&self, id: &ObjectId) -> Result<Option<Entry>, StoreError> {
        match self.objectid_meta.get(id.as_bytes())? {
            None => Ok(None),
            Some(bytes) => Entry::from_stored(*id, &bytes).map(Some),
        }
    }

    fn delete(&self, id: &ObjectId) -> Result<Option<Tombstone>, StoreError> {
        self.delete_object(id)
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
        let count = |tree: &sled::Tree| -> Result<u64, StoreError> {
            let mut n = 0;
            for entry in tree.iter().keys() {
                entry?;
                n += 1;
            }
            Ok(n)
        };
        Ok(Usage {
            objects: count(&self.objectid_meta)?,
            chunks: count(&self.objectid_chunks)?,
            pending: count(&self.objectid_pending)?,
            sessions: count(&self.uploadid_session)?,
            mailbox_items: count(&self.mailbox_items)?,
        })
    }

    fn list_mailbox(&self, mailbox: &MailboxId) -> Result<Vec<ObjectMeta>, StoreError> {
        // Seq 0 is never assigned, so the range is valid (and empty) even
        // before the first commit.
        let durable = self.durable_seq.load(Ordering::SeqCst);
        let range = item_key(mailbox, 0)..=item_key(mailbox, durable);
        let mut items = Vec::new();
        for entry in self.mailbox_items.range(range).take(self.mailbox_cap) {
            let (_, id) = entry?;
            let id = ObjectId::from_slice(&id)?;
            let meta = self.get_meta(&id)?.ok_or_else(|| {
                StoreError::Corrupt("mailbox_items names an object without metadata".into())
            })?;
            items.push(meta);
        }
        Ok(items)
    }

    fn read_mailbox_object(
        &self,
        mailbox: &MailboxId,
        id: &ObjectId,
    ) -> Result<Option<(ObjectMeta, Chunks)>, StoreError> {
        let Some(meta) = self.get_meta(id)? else {
            return Ok(None);
        };
        // One of the mailbox's items: its entry names this object (a report,
        // or another mailbox's item, has no entry under this key).
        let durable = meta.seq <= self.durable_seq.load(Ordering::SeqCst);
        let listed = self.mailbox_items.get(item_key(mailbox, meta.seq))?;
        if !durable || listed.as_deref() != Some(id.as_bytes().as_slice()) {
            return Ok(None);
        }
        Ok(self.read_chunks(id)?.map(|chunks| (meta, chunks)))
    }

    fn check_mailbox_room(&self, mailbox: &MailboxId) -> Result<(), StoreError> {
        self.mailbox_room(mailbox)
    }

    fn open_session(&self, part_size: u64, filing: Filing) -> Result<Session, StoreError> {
        chunks_per_part(part_size)?;
        let pending = self.begin()?;
        loop {
            let session = Session {
                upload: UploadId::random(),
                object: pending.id,
                parts: 0,
                bytes: 0,
                part_size,
                first_short: None,
                filing,
            };
            // The object is marked pending first: a crash in between leaves a
            // pending mark without a session, which the garbage collection clears.
            let inserted = self.uploadid_session.compare_and_swap(
                session.upload.as_bytes(),
                None as Option<&[u8]>,
                Some(session.to_stored()),
            )?;
            if inserted.is_ok() {
                self.sync()?;
                return Ok(session);
            }
        }
    }

    fn sessions(&self) -> Result<Vec<Session>, StoreError> {
        let mut sessions = Vec::new();
        for entry in self.uploadid_session.iter() {
            let (key, value) = entry?;
            sessions.push(Session::from_stored(&key, &value)?);
        }
        Ok(sessions)
    }

    fn get_session(&self, upload: &UploadId) -> Result<Option<Session>, StoreError> {
        self.session_record(upload)
    }

    fn put_part_chunk(
        &self,
        session: &Session,
        part: u32,
        index: u32,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let per_part = session.chunks_per_part()?;
        if index >= per_part {
            return Err(StoreError::ChunkTooLarge {
                len: (u64::from(index) * CHUNK_SIZE as u64)
                    .try_into()
                    .unwrap_or(usize::MAX),
            });
        }
        let first = part.checked_mul(per_part).ok_or_else(|| {
            StoreError::Corrupt(format!("part {part} is past the chunk index space"))
        })?;
        self.put_chunk(&Upload { id: session.object }, first + index, bytes)
    }

    fn finish_part(&self, upload: &UploadId, part: u32, len: u64) -> Result<Session, StoreError> {
        let mut session = self.session_record(upload)?.ok_or(StoreError::NoSession)?;
        if session.parts != part {
            return Err(StoreError::PartOrder {
                part,
                received: session.parts,
            });
        }
        let per_part = session.chunks_per_part()?;
        if len > session.part_size {
            return Err(StoreError::Corrupt(format!(
                "part of {len} bytes is over the part size {}",
                session.part_size
            )));
        }
        let first = part.checked_mul(per_part).ok_or_else(|| {
            StoreError::Corrupt(format!("part {part} is past the chunk index space"))
        })?;
        let written = u32::try_from(len.div_ceil(CHUNK_SIZE as u64)).expect("at most per_part");
        // Chunks of an earlier, longer attempt at this part that was never acknowledged.
        for index in first + written..first + per_part {
            self.objectid_chunks
                .remove(chunk_key(&session.object, index))?;
        }
        let previous = session.to_stored();
        session.parts = part + 1;
        session.bytes += len;
        if len < session.part_size && session.first_short.is_none() {
            session.first_short = Some(part);
        }
        // Only one writer per session at a time (crate::upload), so the swap
        // fails only if the session was deleted meanwhile.
        self.uploadid_session
            .compare_and_swap(
                upload.as_bytes(),
                Some(previous.as_slice()),
                Some(session.to_stored()),
            )?
            .map_err(|_| StoreError::NoSession)?;
        // PROTOCOL §4.7: a part is acknowledged only once durable.
        self.sync()?;
        Ok(session)
    }

    fn session_chunks(&self, session: &Session) -> Result<Chunks, StoreError> {
        let meta = ObjectMeta {
            id: session.object,
            kind: session.filing.kind,
            seq: 0,
            leaf: 0,
            day: Day::today(),
            size: session.bytes,
            chunks: chunk_count(session.bytes)?,
            mailbox: session.filing.mailbox,
        };
        let start = chunk_key(&session.object, 0).to_vec();
        let end = chunk_key(&session.object, meta.chunks).to_vec();
        Ok(Box::new(ChunkReader {
            inner: self.objectid_chunks.range(start..end),
            meta,
            next_index: 0,
            bytes: 0,
            done: false,
        }))
    }

    fn commit_session(
        &self,
        upload: &UploadId,
        day: Day,
        sha256: [u8; 32],
    ) -> Result<ObjectMeta, StoreError> {
        let session = self.session_record(upload)?.ok_or(StoreError::NoSession)?;
        let chunks = chunk_count(session.bytes)?;
        // Chunks of a part that was being received and never acknowledged.
        self.delete_chunks_from(&session.object, chunks)?;
        self.commit_object(
            session.object,
            session.filing,
            day,
            session.bytes,
            sha256,
            chunks,
            Some(upload),
        )?
        .ok_or(StoreError::NoSession)
    }

    fn log_size(&self) -> Result<u64, StoreError> {
        Ok(self.durable_leaves.load(Ordering::SeqCst))
    }

    fn log_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, StoreError> {
        self.read_log_hashes(indexes)
    }

    fn log_leaves(&self, start: u64, end: u64) -> Result<Vec<[u8; LEAF_LEN]>, StoreError> {
        let mut leaves = Vec::new();
        if start >= end {
            return Ok(leaves);
        }
        let mut expected = start;
        for entry in self
            .log_leaves
            .range(start.to_be_bytes()..end.to_be_bytes())
        {
            let (key, value) = entry?;
            let index = u64_key(&key, "leaf index")?;
            if index != expected {
                return Err(StoreError::Corrupt(format!(
                    "log leaf {expected} is missing"
                )));
            }
            leaves.push(value.as_ref().try_into().map_err(|_| {
                StoreError::Corrupt(format!("log leaf {index} of {} bytes", value.len()))
            })?);
            expected += 1;
        }
        if expected != end {
            return Err(StoreError::Corrupt(format!(
                "log leaf {expected} is missing"
            )));
        }
        Ok(leaves)
    }

    fn backup(&self, dest: &Path) -> Result<u64, StoreError> {
        let _guard = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        let copy = sled::Config::new()
            .path(dest)
            .create_new(true)
            .flush_every_ms(None)
            .open()?;
        let durable = self.durable_seq.load(Ordering::SeqCst);
        let leaves = self.durable_leaves.load(Ordering::SeqCst);
        // Everything committed is durable here (the lock is held), but a
        // commit whose flush failed would not be: copy the durable part only.
        let chunks = copy.open_tree(TREE_OBJECTID_CHUNKS)?;
        let meta = copy.open_tree(TREE_OBJECTID_META)?;
        let seqs = copy.open_tree(TREE_SEQ_OBJECTID)?;
        let mut objects = 0;
        for entry in self.seq_objectid.range(..=durable.to_be_bytes()) {
            let (seq, id) = entry?;
            let value = self.objectid_meta.get(&id)?.ok_or_else(|| {
                StoreError::Corrupt("seq_objectid names an object without metadata".into())
            })?;
            for chunk in self.objectid_chunks.scan_prefix(&id) {
                let (key, bytes) = chunk?;
                chunks.insert(key, bytes)?;
            }
            meta.insert(&id, value)?;
            seqs.insert(seq, id)?;
            objects += 1;
        }
        let target = copy.open_tree(TREE_MAILBOX_ITEMS)?;
        for entry in self.mailbox_items.iter() {
            let (key, id) = entry?;
            if u64_key(&key[MAILBOX_ID_LEN..], "mailbox seq")? <= durable {
                target.insert(key, id)?;
            }
        }
        let target = copy.open_tree(TREE_LOG_LEAVES)?;
        for entry in self.log_leaves.range(..leaves.to_be_bytes()) {
            let (key, leaf) = entry?;
            target.insert(key, leaf)?;
        }
        let hashes = tlog::leaf_storage_index(leaves);
        let target = copy.open_tree(TREE_LOG_HASHES)?;
        for entry in self.log_hashes.range(..hashes.to_be_bytes()) {
            let (key, hash) = entry?;
            target.insert(key, hash)?;
        }
        // sled's flush is not an fsync (§4.3): sync the copy's files too.
        Durability::open(dest)?.sync(&copy)?;
        Ok(objects)
    }

    fn delete_session(&self, upload: &UploadId) -> Result<bool, StoreError> {
        // The record goes first: a crash afterwards leaves a pending object
        // no session names, which the next start's garbage collection deletes.
        let Some(value) = self.uploadid_session.remove(upload.as_bytes())? else {
            return Ok(false);
        };
        let session = Session::from_stored(upload.as_bytes(), &value)?;
        self.abort(&Upload { id: session.object })?;
        self.sync()?;
        Ok(true)
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

    /// A ciphertext digest for commits whose leaf the test does not check.
    const DIGEST: [u8; 32] = [0x5a; 32];

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

    /// The names in the database's `blobs/` folder.
    fn blob_files(dir: &Path) -> std::collections::HashSet<std::ffi::OsString> {
        std::fs::read_dir(dir.join("blobs"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect()
    }

    #[test]
    fn a_commit_syncs_every_blob_file_sled_wrote() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("db");
        let store = SledStore::open(&path).unwrap();
        let chunk = vec![7u8; CHUNK_SIZE];
        for _ in 0..3 {
            let upload = write(&store, &[&chunk, &chunk[..1000]]);
            store
                .commit(
                    &upload,
                    Filing::report(),
                    day(),
                    CHUNK_SIZE as u64 + 1000,
                    DIGEST,
                )
                .unwrap();
        }
        // sled writes each full 1 MiB chunk to a file of its own, outside its
        // log and never synced by sled: these are what a power loss would take.
        let on_disk = blob_files(&path);
        assert!(on_disk.len() >= 3, "blob files: {on_disk:?}");
        let synced = store.durability.synced_blobs();
        assert_eq!(synced, on_disk, "every blob file on disk was synced");
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
            let meta = store
                .commit(&upload, Filing::report(), day(), 10, DIGEST)
                .unwrap();
            assert_eq!(meta.seq, u64::from(n) + 1);
            assert_eq!(meta.chunks, 1);
            ids.push(meta.id);
        }
        let page = store.list_after(0, 3).unwrap();
        assert_eq!(
            page.items.iter().map(|m| m.seq()).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert!(page.more);
        let page = store.list_after(3, 3).unwrap();
        assert_eq!(
            page.items.iter().map(|m| m.id()).collect::<Vec<_>>(),
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
            .commit(&upload, Filing::report(), day(), body.len() as u64, DIGEST)
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
            sessions: 0,
            mailbox_items: 0,
        }
    }

    #[test]
    fn abort_deletes_the_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let kept = write(&store, &[b"kept"]);
        store
            .commit(&kept, Filing::report(), day(), 4, DIGEST)
            .unwrap();
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
        store
            .commit(&upload, Filing::report(), day(), 4, DIGEST)
            .unwrap();
        assert!(matches!(
            store.commit(&upload, Filing::report(), day(), 4, DIGEST),
            Err(StoreError::NotPending)
        ));
        assert!(matches!(store.abort(&upload), Err(StoreError::NotPending)));
        assert_eq!(read_all(&store, &upload.id()), b"once");
        let aborted = write(&store, &[b"never"]);
        store.abort(&aborted).unwrap();
        assert!(matches!(
            store.commit(&aborted, Filing::report(), day(), 5, DIGEST),
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
            committed = store
                .commit(&upload, Filing::report(), day(), 3, DIGEST)
                .unwrap();
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
            store
                .commit(&upload, Filing::report(), day(), 1, DIGEST)
                .unwrap()
                .seq,
            2
        );
    }

    #[test]
    fn a_missing_chunk_is_reported_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let upload = write(&store, &[&[1; CHUNK_SIZE], b"tail"]);
        let meta = store
            .commit(
                &upload,
                Filing::report(),
                day(),
                CHUNK_SIZE as u64 + 4,
                DIGEST,
            )
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

    const PART: u64 = 2 * CHUNK_SIZE as u64;

    fn put_part(store: &SledStore, session: &Session, part: u32, bytes: &[u8]) -> Session {
        for (k, chunk) in bytes.chunks(CHUNK_SIZE).enumerate() {
            store
                .put_part_chunk(session, part, k as u32, chunk)
                .unwrap();
        }
        store
            .finish_part(&session.upload, part, bytes.len() as u64)
            .unwrap()
    }

    #[test]
    fn a_session_survives_a_reopen_and_commits_without_copying() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let body: Vec<u8> = (0..(2 * PART as usize + 5))
            .map(|i| (i % 253) as u8)
            .collect();
        let upload;
        {
            let store = SledStore::open(&path).unwrap();
            let session = store.open_session(PART, Filing::report()).unwrap();
            upload = session.upload;
            let session = put_part(&store, &session, 0, &body[..PART as usize]);
            assert_eq!((session.parts, session.bytes), (1, PART));
            // Part 1 cut short by a crash: chunks written, never finished.
            store
                .put_part_chunk(&session, 1, 0, &body[PART as usize..][..CHUNK_SIZE])
                .unwrap();
            store.db.flush().unwrap();
        }
        let store = SledStore::open(&path).unwrap();
        let session = store.get_session(&upload).unwrap().expect("kept");
        assert_eq!((session.parts, session.bytes), (1, PART));
        assert_eq!(store.sessions().unwrap(), vec![session.clone()]);
        assert!(matches!(
            store.finish_part(&upload, 2, 1),
            Err(StoreError::PartOrder {
                part: 2,
                received: 1
            })
        ));
        let session = put_part(&store, &session, 1, &body[PART as usize..2 * PART as usize]);
        let session = put_part(&store, &session, 2, &body[2 * PART as usize..]);
        assert!(session.parts_are_full());
        let mut read = Vec::new();
        for chunk in store.session_chunks(&session).unwrap() {
            read.extend_from_slice(&chunk.unwrap());
        }
        assert!(read == body);
        let meta = store.commit_session(&upload, day(), DIGEST).unwrap();
        assert_eq!((meta.seq, meta.size), (1, body.len() as u64));
        assert!(read_all(&store, &meta.id) == body);
        assert_eq!(store.usage().unwrap(), usage(1, 5, 0));
        assert!(store.get_session(&upload).unwrap().is_none());
        assert!(matches!(
            store.commit_session(&upload, day(), DIGEST),
            Err(StoreError::NoSession)
        ));
    }

    #[test]
    fn deleting_a_session_leaves_nothing_and_a_short_middle_part_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let session = store.open_session(PART, Filing::report()).unwrap();
        let session = put_part(&store, &session, 0, &[1; 10]);
        let session = put_part(&store, &session, 1, &[2; 10]);
        assert_eq!(session.first_short, Some(0));
        assert!(!session.parts_are_full());
        let gap: Vec<_> = store.session_chunks(&session).unwrap().collect();
        assert!(gap.iter().any(|c| matches!(c, Err(StoreError::Corrupt(_)))));
        assert_eq!(
            store.usage().unwrap(),
            Usage {
                sessions: 1,
                ..usage(0, 2, 1)
            }
        );
        assert!(store.delete_session(&session.upload).unwrap());
        assert!(!store.delete_session(&session.upload).unwrap());
        assert_eq!(store.usage().unwrap(), Usage::default());
        assert!(matches!(
            store.open_session(CHUNK_SIZE as u64 + 1, Filing::report()),
            Err(StoreError::PartSize(_))
        ));
    }

    fn mailbox(n: u8) -> MailboxId {
        MailboxId::of_secret(&[n; 32])
    }

    fn filed(kind: Kind, n: u8) -> Filing {
        Filing {
            kind,
            mailbox: Some(mailbox(n)),
        }
    }

    #[test]
    fn a_deletion_leaves_a_tombstone_its_leaf_and_nothing_of_the_ciphertext() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        let digest = [0x11; 32];
        let upload = write(&store, &[&[1u8; CHUNK_SIZE], &[2u8; 10]]);
        let item = store
            .commit(
                &upload,
                filed(Kind::Followup, 1),
                day(),
                CHUNK_SIZE as u64 + 10,
                digest,
            )
            .unwrap();
        let kept = write(&store, &[b"kept"]);
        let kept = store
            .commit(&kept, Filing::report(), day(), 4, DIGEST)
            .unwrap();
        assert_eq!(store.delete(&ObjectId::random()).unwrap(), None);
        let tombstone = store.delete(&item.id).unwrap().unwrap();
        let expected = Tombstone {
            id: item.id,
            kind: Kind::Followup,
            seq: 1,
            leaf: 0,
            size: item.size,
            deleted: 2,
        };
        assert_eq!(tombstone, expected);
        // A repeat changes nothing and answers the same.
        assert_eq!(store.delete(&item.id).unwrap().unwrap(), expected);
        assert_eq!(store.log_size().unwrap(), 3);
        let leaves = store.log_leaves(0, 3).unwrap();
        let own = Leaf::parse(&leaves[0]).unwrap();
        assert_eq!(own.sha256, digest);
        assert_eq!(Leaf::parse(&leaves[2]).unwrap(), own.tombstone());
        assert_eq!(store.get_meta(&item.id).unwrap(), None);
        assert!(store.read_chunks(&item.id).unwrap().is_none());
        assert!(store.list_mailbox(&mailbox(1)).unwrap().is_empty());
        assert_eq!(
            store.list_after(0, 10).unwrap().items,
            vec![
                Entry::Deleted(expected.clone()),
                Entry::Object(kept.clone())
            ]
        );
        assert_eq!(store.usage().unwrap(), usage(2, 1, 0));
        assert_eq!(
            store
                .objectid_chunks
                .scan_prefix(item.id.as_bytes())
                .count(),
            0
        );
        // The next commit gets the next seq and the next leaf.
        let next = write(&store, &[b"next"]);
        let next = store
            .commit(&next, Filing::report(), day(), 4, DIGEST)
            .unwrap();
        assert_eq!((next.seq, next.leaf), (3, 3));
        // A backup keeps the tombstone; a reopened store too.
        let copy = dir.path().join("copy");
        assert_eq!(store.backup(&copy).unwrap(), 3);
        drop(store);
        for path in [dir.path().join("db"), copy] {
            let store = SledStore::open(&path).unwrap();
            assert_eq!(
                store.get_entry(&item.id).unwrap(),
                Some(Entry::Deleted(expected.clone()))
            );
            assert_eq!(store.log_size().unwrap(), 4);
            assert_eq!(store.log_leaves(0, 4).unwrap()[2], leaves[2]);
        }
    }

    #[test]
    fn mailbox_items_are_listed_per_mailbox_and_reports_are_not_items() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        // Before any commit: a valid, empty range.
        assert!(store.list_mailbox(&mailbox(1)).unwrap().is_empty());
        let commit = |filing: Filing| {
            let upload = write(&store, &[b"x"]);
            store.commit(&upload, filing, day(), 1, DIGEST).unwrap()
        };
        let report = commit(filed(Kind::Report, 1));
        let followup = commit(filed(Kind::Followup, 1));
        let other = commit(filed(Kind::Followup, 2));
        let reply = commit(filed(Kind::Reply, 1));
        let plain = commit(Filing::report());
        assert_eq!(report.mailbox, Some(mailbox(1)));
        assert_eq!(plain.mailbox, None);
        let ids = |items: Vec<ObjectMeta>| items.iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(
            ids(store.list_mailbox(&mailbox(1)).unwrap()),
            [followup.id, reply.id]
        );
        assert_eq!(ids(store.list_mailbox(&mailbox(2)).unwrap()), [other.id]);
        assert!(store.list_mailbox(&mailbox(3)).unwrap().is_empty());
        // Served only to its own mailbox, and never a report.
        assert!(store
            .read_mailbox_object(&mailbox(1), &followup.id)
            .unwrap()
            .is_some());
        for (m, id) in [
            (1, other.id),
            (2, followup.id),
            (1, report.id),
            (1, plain.id),
            (1, ObjectId::random()),
        ] {
            assert!(store
                .read_mailbox_object(&mailbox(m), &id)
                .unwrap()
                .is_none());
        }
        assert_eq!(store.usage().unwrap().mailbox_items, 3);
        // The stored metadata: the mailbox id in hex, omitted when there is none.
        let stored = store
            .objectid_meta
            .get(reply.id.as_bytes())
            .unwrap()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&stored).unwrap();
        assert_eq!(json["mailbox"], mailbox(1).to_string());
        assert_eq!(json["kind"], "reply");
        let stored = store
            .objectid_meta
            .get(plain.id.as_bytes())
            .unwrap()
            .unwrap();
        assert!(!String::from_utf8_lossy(&stored).contains("mailbox"));
        assert_eq!(store.get_meta(&reply.id).unwrap().unwrap(), reply);
    }

    #[test]
    fn stored_records_parse_strictly_and_old_ones_still_parse() {
        let id = ObjectId::random();
        let old = br#"{"kind":"report","seq":1,"leaf":0,"day":"2026-03-04","size":3,"chunks":1}"#;
        let Entry::Object(meta) = Entry::from_stored(id, old).unwrap() else {
            panic!("an object's record read as a tombstone");
        };
        assert_eq!(meta.mailbox, None);
        let unknown =
            br#"{"kind":"report","seq":1,"leaf":0,"day":"2026-03-04","size":3,"chunks":1,"ip":"x"}"#;
        assert!(Entry::from_stored(id, unknown).is_err());
        // Every record names its log leaf (PROTOCOL.md §10.1).
        let leafless = br#"{"kind":"report","seq":1,"day":"2026-03-04","size":3,"chunks":1}"#;
        assert!(Entry::from_stored(id, leafless).is_err());
        let upper = format!(
            r#"{{"kind":"report","seq":1,"leaf":0,"day":"2026-03-04","size":3,"chunks":1,"mailbox":"{}"}}"#,
            mailbox(1).to_string().to_uppercase()
        );
        assert!(Entry::from_stored(id, upper.as_bytes()).is_err());
        // A tombstone (PROTOCOL.md §12.1): exactly its five fields.
        let tombstone = br#"{"kind":"followup","seq":2,"leaf":1,"size":3,"deleted":4}"#;
        assert_eq!(
            Entry::from_stored(id, tombstone).unwrap(),
            Entry::Deleted(Tombstone {
                id,
                kind: Kind::Followup,
                seq: 2,
                leaf: 1,
                size: 3,
                deleted: 4
            })
        );
        let with_day =
            br#"{"kind":"followup","seq":2,"leaf":1,"size":3,"deleted":4,"day":"2026-03-04"}"#;
        assert!(Entry::from_stored(id, with_day).is_err());
        let session = br#"{"object":"0123456789abcdef0123456789abcdef","parts":0,"bytes":0,"part_size":4194304,"first_short":null}"#;
        let parsed = Session::from_stored(id.as_bytes(), session).unwrap();
        assert_eq!(parsed.filing, Filing::report());
        let filed = Session {
            filing: filed(Kind::Followup, 4),
            ..parsed
        };
        assert_eq!(
            Session::from_stored(id.as_bytes(), &filed.to_stored()).unwrap(),
            filed
        );
    }

    #[test]
    fn a_mailbox_holds_at_most_a_thousand_items() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(&dir.path().join("db")).unwrap();
        assert_eq!(store.mailbox_cap, MAILBOX_MAX_ITEMS);
        let kinds = [Kind::Followup, Kind::Reply, Kind::Status];
        for n in 0..MAILBOX_MAX_ITEMS {
            let upload = write(&store, &[b"x"]);
            store
                .commit(&upload, filed(kinds[n % 3], 1), day(), 1, DIGEST)
                .unwrap();
        }
        assert!(matches!(
            store.check_mailbox_room(&mailbox(1)),
            Err(StoreError::MailboxFull { max: 1_000 })
        ));
        let upload = write(&store, &[b"y"]);
        assert!(matches!(
            store.commit(&upload, filed(Kind::Followup, 1), day(), 1, DIGEST),
            Err(StoreError::MailboxFull { max: 1_000 })
        ));
        // Refused before anything was written: the upload is still pending.
        store.abort(&upload).unwrap();
        assert_eq!(
            store.list_mailbox(&mailbox(1)).unwrap().len(),
            MAILBOX_MAX_ITEMS
        );
        let usage = store.usage().unwrap();
        assert_eq!(
            (usage.objects, usage.mailbox_items, usage.pending),
            (1_000, 1_000, 0)
        );
        // A report under the same mailbox, and another mailbox, still fit.
        store.check_mailbox_room(&mailbox(2)).unwrap();
        let upload = write(&store, &[b"z"]);
        store
            .commit(&upload, filed(Kind::Report, 1), day(), 1, DIGEST)
            .unwrap();
    }

    #[test]
    fn a_mailbox_session_survives_a_reopen_and_commits_filed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let upload;
        {
            let store = SledStore::open(&path).unwrap();
            let session = store.open_session(PART, filed(Kind::Followup, 5)).unwrap();
            upload = session.upload;
            put_part(&store, &session, 0, b"abc");
        }
        let store = SledStore::open(&path).unwrap();
        let session = store.get_session(&upload).unwrap().expect("kept");
        assert_eq!(session.filing, filed(Kind::Followup, 5));
        let meta = store.commit_session(&upload, day(), DIGEST).unwrap();
        assert_eq!(
            (meta.kind, meta.mailbox),
            (Kind::Followup, Some(mailbox(5)))
        );
        assert_eq!(store.list_mailbox(&mailbox(5)).unwrap(), vec![meta.clone()]);
        drop(store);
        let store = SledStore::open(&path).unwrap();
        assert_eq!(store.list_mailbox(&mailbox(5)).unwrap(), vec![meta]);
    }
}
