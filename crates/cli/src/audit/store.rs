//! `whistlebox audit store DATA` (`docs/AUDITING.md`): checks a stopped
//! relay's data directory — or a copy of it — against what
//! `docs/PROTOCOL.md` allows it to hold (§2 envelope rules, §4.3 stored fields
//! and sled trees, §4.6 tokens, §4.7 upload sessions, §8.5 mailboxes).
//!
//! The layout is read from PROTOCOL.md §4.3 independently of the relay's
//! code, so a relay whose store module went wrong cannot vouch for itself.
//!
//! **Nothing in DATA is changed.** sled admits one process per database and
//! writes to a database it opens (recovery, snapshots), so the audit takes a
//! *shared* lock on `DATA/db/db` — refused while a relay holds its exclusive
//! lock — copies `DATA/db` into a temporary directory, releases the lock and
//! opens the copy. Every other file of DATA is only read.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use whistlebox_core::envelope::{Checker, EnvelopeError, Rules, Summary};
use whistlebox_core::log::{encode_hash, root_of, Leaf, LeafKind, MemoryTree};
use whistlebox_core::report::Kind;

use super::scan::{self, Hit};
use super::{run_checks, Check, Findings, Report};
use crate::error::Error;
use crate::teamfile;

/// Ciphertext chunk size (PROTOCOL.md §4.3).
const CHUNK_SIZE: u64 = 1024 * 1024;
/// Most items of one mailbox (PROTOCOL.md §8.2).
const MAILBOX_MAX_ITEMS: usize = 1_000;
/// The magic line every age v1 file starts with (rule E1).
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// Bytes of a file outside the database read for the scan.
const SCAN_FILE_MAX: u64 = 1 << 20;

/// The sled trees PROTOCOL.md §4.3 lists.
const TREE_META: &str = "objectid_meta";
const TREE_SEQ: &str = "seq_objectid";
const TREE_ITEMS: &str = "mailbox_items";
const TREE_CHUNKS: &str = "objectid_chunks";
const TREE_PENDING: &str = "objectid_pending";
const TREE_SESSIONS: &str = "uploadid_session";
const TREE_LOG_LEAVES: &str = "log_leaves";
const TREE_LOG_HASHES: &str = "log_hashes";
/// The trees PROTOCOL.md §4.3 lists (the transparency log's two of §10.1,
/// §10.2 included); any other is `unknown_tree`.
pub const TREES: &[&str] = &[
    TREE_META,
    TREE_SEQ,
    TREE_ITEMS,
    TREE_CHUNKS,
    TREE_PENDING,
    TREE_SESSIONS,
    TREE_LOG_LEAVES,
    TREE_LOG_HASHES,
];
/// The log's folder and signing key under DATA (PROTOCOL.md §10.3).
const LOG_DIR: &str = "log";
const LOG_KEY_FILE: &str = "signing-key";
/// The relay's admin socket, `DATA/admin.sock` (left behind after a stop).
const ADMIN_SOCKET: &str = "admin.sock";
/// sled's own default tree: the relay never writes to it.
const TREE_DEFAULT: &[u8] = b"__sled__default";

/// Fields of an `objectid_meta` value (PROTOCOL.md §4.3, §8.5).
const META_FIELDS: &[&str] = &["kind", "seq", "leaf", "day", "size", "chunks", "mailbox"];
/// Fields of a deleted object's `objectid_meta` value (PROTOCOL.md §4.3, §12.1).
const TOMBSTONE_FIELDS: &[&str] = &["kind", "seq", "leaf", "size", "deleted"];
/// Fields of an `uploadid_session` value (PROTOCOL.md §4.7).
const SESSION_FIELDS: &[&str] = &[
    "object",
    "parts",
    "bytes",
    "part_size",
    "first_short",
    "kind",
    "mailbox",
];
/// Integer fields checked against stored bytes, so never read as a time.
const SIZE_FIELDS: &[&str] = &["size", "bytes"];

/// The checks of `audit store`, in the order they run. A check joins the
/// audit by being listed here (the transparency-log check will).
pub const CHECKS: &[Check<StoreView>] = &[
    ("layout", check_layout),
    ("records", check_records),
    ("sequence", check_sequence),
    ("chunks", check_chunks),
    ("envelope", check_envelope),
    ("mailboxes", check_mailboxes),
    ("log", check_log),
    ("plaintext", check_plaintext),
];

/// A validated `audit store`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorePlan {
    /// The relay's data directory (holding `db/` and `tokens/`).
    pub data: PathBuf,
    /// The published team keyset.
    pub team: PathBuf,
    /// The relay's `min_recipients` (rule E4).
    pub min_recipients: usize,
    /// The relay's `max_body_bytes` (rule E8).
    pub max_body_bytes: u64,
    /// Print JSON.
    pub json: bool,
}

/// An object's metadata as far as it parsed.
#[derive(Clone, Debug)]
pub struct Meta {
    kind: Kind,
    seq: u64,
    leaf: u64,
    day: String,
    size: u64,
    chunks: u64,
    mailbox: Option<[u8; 32]>,
}

/// A deleted object's record as far as it parsed (PROTOCOL.md §4.3, §12.1).
#[derive(Clone, Debug)]
pub struct Deleted {
    kind: Kind,
    seq: u64,
    leaf: u64,
    size: u64,
    /// Its tombstone's leaf index.
    deleted: u64,
}

/// An `objectid_meta` value: a committed object's metadata or a tombstone.
#[derive(Clone, Debug)]
enum Record {
    Object(Meta),
    Deleted(Deleted),
}

/// What one object's chunks looked like, read in key order.
#[derive(Debug, Default)]
pub struct ChunkRun {
    /// Chunk indexes in key (= numeric) order.
    indexes: Vec<u32>,
    /// Their lengths.
    lens: Vec<u64>,
    /// The first bytes of chunk 0.
    head: Vec<u8>,
    /// The envelope check's result, for a committed object whose chunks run
    /// 0, 1, 2, … without a gap.
    envelope: Option<Result<Summary, EnvelopeError>>,
    /// SHA-256 of the ciphertext, for the same objects.
    sha256: Option<[u8; 32]>,
}

/// One committed object as the audit read it, for checks that compare the
/// store with another record of it (the transparency log).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectSummary {
    /// The 16-byte id.
    pub id: Vec<u8>,
    /// Its kind.
    pub kind: Kind,
    /// Its seq.
    pub seq: u64,
    /// Its day of receipt, `YYYY-MM-DD`.
    pub day: String,
    /// Its size in bytes, per the metadata.
    pub size: u64,
    /// SHA-256 of its stored ciphertext, when its chunks run 0, 1, 2, …
    pub sha256: Option<[u8; 32]>,
}

/// A file of DATA outside the database that the relay does not write.
#[derive(Debug)]
struct StrayFile {
    path: PathBuf,
    why: String,
    content: Vec<u8>,
}

type Records = Vec<(Vec<u8>, Vec<u8>)>;

/// Everything `audit store` reads, loaded once; the checks only look.
#[derive(Debug)]
pub struct StoreView {
    data: PathBuf,
    /// Trees other than the six of PROTOCOL.md §4.3, with their records
    /// (sled's default tree included when it holds anything).
    /// (The first [`UNKNOWN_TREE_RECORDS_MAX`] records, and the count.)
    unknown_trees: Vec<(String, Records, usize)>,
    metas: Records,
    seqs: Records,
    items: Records,
    pending: Records,
    sessions: Records,
    /// Chunk keys that are not 20 bytes.
    bad_chunk_keys: Vec<Vec<u8>>,
    /// Chunks by object id.
    chunks: BTreeMap<Vec<u8>, ChunkRun>,
    /// Parsed metadata by object id (objects not deleted).
    parsed: BTreeMap<Vec<u8>, Meta>,
    /// Parsed tombstone records by object id (PROTOCOL.md §12.1).
    deleted: BTreeMap<Vec<u8>, Deleted>,
    stray: Vec<StrayFile>,
    tokens: usize,
    /// `log_leaves` and `log_hashes` (PROTOCOL.md §10.1, §10.2).
    log_leaves: Records,
    log_hashes: Records,
    /// What is wrong with `DATA/log/` and its signing key (mode, shape —
    /// never its content).
    log_files: Vec<(String, String)>,
    /// Read errors of sled met while loading (reported by `records`).
    read_errors: Vec<String>,
}

/// The summary of `audit store` (`docs/AUDITING.md`).
#[derive(Debug, Serialize)]
pub struct StoreSummary {
    /// Committed objects.
    pub objects: usize,
    /// Their ciphertext bytes, as stored.
    pub bytes: u64,
    /// Objects per kind.
    pub kinds: BTreeMap<String, usize>,
    /// Objects per day of receipt.
    pub days: BTreeMap<String, usize>,
    /// Distinct mailboxes objects are filed under.
    pub mailboxes: usize,
    /// Upload sessions open.
    pub sessions: usize,
    /// Uploads begun and not committed.
    pub pending: usize,
    /// Investigator token files.
    pub tokens: usize,
    /// Leaves of the transparency log (PROTOCOL.md §10.1).
    pub log_leaves: usize,
    /// Deleted objects, kept as tombstone records (PROTOCOL.md §12.1).
    pub deleted: usize,
}

/// Runs `audit store`.
pub fn run(plan: &StorePlan, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let keyset = teamfile::read(&plan.team)?;
    let rules = Rules {
        stanza_type: keyset.stanza_type(),
        min_stanzas: plan.min_recipients,
        max_stanzas: keyset.investigators.len(),
        max_body_bytes: plan.max_body_bytes,
        grease: false,
    };
    let db_dir = database_dir(&plan.data)?;
    let copy = tempfile::Builder::new()
        .prefix("whistlebox-audit-")
        .tempdir()
        .map_err(Error::io(
            "cannot create a temporary directory in",
            &std::env::temp_dir(),
        ))?;
    let copied = copy.path().join("db");
    {
        let _lock = lock_shared(&db_dir)?;
        copy_dir(&db_dir, &copied)?;
    }
    let db = sled::Config::new()
        .path(&copied)
        .flush_every_ms(None)
        .open()
        .map_err(|e| Error::Audit {
            what: format!(
                "cannot open the sled database copied from {}: {e}",
                db_dir.display()
            ),
            hint: "audit a copy taken while the relay was stopped".into(),
        })?;
    let view = StoreView::load(&db, &plan.data, &rules)?;
    drop(db);
    let summary = view.summary();
    let lines = vec![
        format!("objects: {} ({} bytes)", summary.objects, summary.bytes),
        format!(
            "kinds: {}",
            join_counts(&summary.kinds).unwrap_or_else(|| "none".into())
        ),
        format!(
            "days: {}",
            match (summary.days.keys().next(), summary.days.keys().last()) {
                (Some(first), Some(last)) => format!("{} ({first} … {last})", summary.days.len()),
                _ => "none".into(),
            }
        ),
        format!(
            "mailboxes: {}, upload sessions: {}, pending uploads: {}, tokens: {}",
            summary.mailboxes, summary.sessions, summary.pending, summary.tokens
        ),
        format!("log: {} leaves", summary.log_leaves),
        format!(
            "rules: {} stanzas, {}…{} recipients per report, bodies up to {} bytes",
            rules.stanza_type.label(),
            rules.min_stanzas,
            rules.max_stanzas,
            rules.max_body_bytes
        ),
    ];
    let report = Report::new(
        "store",
        plan.data.display().to_string(),
        summary,
        run_checks(&view, CHECKS),
    );
    report.finish(plan.json, &lines, out)
}

fn join_counts(map: &BTreeMap<String, usize>) -> Option<String> {
    if map.is_empty() {
        return None;
    }
    Some(
        map.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// `DATA/db`, once it is known to be a sled database.
fn database_dir(data: &Path) -> Result<PathBuf, Error> {
    let db = data.join("db");
    if db.join("conf").is_file() && db.join("db").is_file() {
        return Ok(db);
    }
    let hint = if data.join("conf").is_file() && data.join("db").is_file() {
        format!(
            "{} is the database itself: pass the relay's data directory, its parent",
            data.display()
        )
    } else {
        "pass the relay's data directory (`serve --data DIR`), which holds db/ and tokens/".into()
    };
    Err(Error::Audit {
        what: format!(
            "{} is not a relay data directory (no sled database in db/)",
            data.display()
        ),
        hint,
    })
}

/// A shared lock on sled's `db` file, refused while a relay holds its
/// exclusive one. The file is opened read-only; nothing is written.
fn lock_shared(db_dir: &Path) -> Result<fs::File, Error> {
    let path = db_dir.join("db");
    let file = fs::File::open(&path).map_err(Error::io("cannot open", &path))?;
    // fs2's flock, not std's `File::try_lock_shared` (Rust 1.89, past the MSRV).
    fs2::FileExt::try_lock_shared(&file).map_err(|_| Error::Audit {
        what: format!(
            "a running relay holds the database lock of {} (sled admits one process)",
            db_dir.display()
        ),
        hint:
            "stop the relay first, or audit a copy of the data directory taken while it was stopped"
                .into(),
    })?;
    Ok(file)
}

/// Copies the database directory (regular files and folders; nothing else
/// is expected there, and a link is not followed).
fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    fs::create_dir(to).map_err(Error::io("cannot create", to))?;
    for entry in fs::read_dir(from).map_err(Error::io("cannot read", from))? {
        let entry = entry.map_err(Error::io("cannot read", from))?;
        let path = entry.path();
        let ty = entry.file_type().map_err(Error::io("cannot read", &path))?;
        let target = to.join(entry.file_name());
        if ty.is_dir() {
            copy_dir(&path, &target)?;
        } else if ty.is_file() {
            fs::copy(&path, &target).map_err(Error::io("cannot copy", &path))?;
        }
    }
    Ok(())
}

fn sled_error(e: sled::Error) -> Error {
    Error::Audit {
        what: format!("cannot read the copied sled database: {e}"),
        hint: "the database may be damaged; audit a copy taken while the relay was stopped".into(),
    }
}

/// Records of an unknown tree kept for the scan; the rest are only counted,
/// so that a huge foreign tree cannot exhaust the auditor's memory.
const UNKNOWN_TREE_RECORDS_MAX: usize = 10_000;

fn records(tree: &sled::Tree, errors: &mut Vec<String>) -> Records {
    records_upto(tree, usize::MAX, errors).0
}

/// At most `max` records of `tree`, and how many it holds.
fn records_upto(tree: &sled::Tree, max: usize, errors: &mut Vec<String>) -> (Records, usize) {
    let mut out = Vec::new();
    let mut total = 0;
    for entry in tree.iter() {
        match entry {
            Ok(_) if out.len() >= max => total += 1,
            Ok((k, v)) => {
                total += 1;
                out.push((k.to_vec(), v.to_vec()));
            }
            Err(e) => {
                errors.push(format!(
                    "tree {}: {e}",
                    String::from_utf8_lossy(&tree.name())
                ));
                break;
            }
        }
    }
    (out, total)
}

impl StoreView {
    /// Reads every tree of `db` (the copy), streams each committed object's
    /// ciphertext through the envelope checker, and lists the files of
    /// `data` the relay does not write.
    pub fn load(db: &sled::Db, data: &Path, rules: &Rules) -> Result<StoreView, Error> {
        let mut read_errors = Vec::new();
        let mut unknown_trees = Vec::new();
        for name in db.tree_names() {
            if TREES.iter().any(|k| k.as_bytes() == name.as_ref()) {
                continue;
            }
            let tree = db.open_tree(&name).map_err(sled_error)?;
            let (recs, total) = records_upto(&tree, UNKNOWN_TREE_RECORDS_MAX, &mut read_errors);
            if name.as_ref() != TREE_DEFAULT || total > 0 {
                unknown_trees.push((String::from_utf8_lossy(&name).into_owned(), recs, total));
            }
        }
        let tree = |name: &str| db.open_tree(name).map_err(sled_error);
        let metas = records(&tree(TREE_META)?, &mut read_errors);
        let mut parsed: BTreeMap<Vec<u8>, Meta> = BTreeMap::new();
        let mut deleted: BTreeMap<Vec<u8>, Deleted> = BTreeMap::new();
        for (k, v) in metas.iter().filter(|(k, _)| k.len() == 16) {
            match parse_meta(v) {
                Ok(Record::Object(meta)) => {
                    parsed.insert(k.clone(), meta);
                }
                Ok(Record::Deleted(record)) => {
                    deleted.insert(k.clone(), record);
                }
                Err(_) => {}
            }
        }
        let mut chunks: BTreeMap<Vec<u8>, ChunkRun> = BTreeMap::new();
        let mut bad_chunk_keys = Vec::new();
        type Reading = (Vec<u8>, Checker, Sha256);
        let mut current: Option<Reading> = None;
        let finish = |current: &mut Option<Reading>, chunks: &mut BTreeMap<Vec<u8>, ChunkRun>| {
            if let Some((id, checker, hasher)) = current.take() {
                if let Some(run) = chunks.get_mut(&id) {
                    run.envelope = Some(checker.finish());
                    run.sha256 = Some(hasher.finalize().into());
                }
            }
        };
        for entry in tree(TREE_CHUNKS)?.iter() {
            let (key, value) = match entry {
                Ok(kv) => kv,
                Err(e) => {
                    read_errors.push(format!("tree {TREE_CHUNKS}: {e}"));
                    break;
                }
            };
            if key.len() != 20 {
                bad_chunk_keys.push(key.to_vec());
                continue;
            }
            let (id, index) = (
                key[..16].to_vec(),
                u32::from_be_bytes(key[16..].try_into().expect("4 bytes")),
            );
            if current.as_ref().is_some_and(|(c, _, _)| *c != id) {
                finish(&mut current, &mut chunks);
            }
            let run = chunks.entry(id.clone()).or_default();
            let contiguous = run.indexes.len() as u64 == u64::from(index);
            run.indexes.push(index);
            run.lens.push(value.len() as u64);
            if index == 0 {
                run.head = value[..value.len().min(64)].to_vec();
                if let Some(meta) = parsed.get(&id) {
                    let checker = Checker::new(rules.for_kind(meta.kind));
                    current = Some((id.clone(), checker, Sha256::new()));
                }
            }
            match &mut current {
                Some((c, checker, hasher)) if *c == id && contiguous => {
                    // A failure is kept by the checker and returned by finish.
                    let _ = checker.update(&value);
                    hasher.update(&value);
                }
                Some((c, _, _)) if *c == id => current = None,
                _ => {}
            }
        }
        finish(&mut current, &mut chunks);
        let view = StoreView {
            data: data.to_path_buf(),
            unknown_trees,
            seqs: records(&tree(TREE_SEQ)?, &mut read_errors),
            items: records(&tree(TREE_ITEMS)?, &mut read_errors),
            pending: records(&tree(TREE_PENDING)?, &mut read_errors),
            sessions: records(&tree(TREE_SESSIONS)?, &mut read_errors),
            log_leaves: records(&tree(TREE_LOG_LEAVES)?, &mut read_errors),
            log_hashes: records(&tree(TREE_LOG_HASHES)?, &mut read_errors),
            log_files: Vec::new(),
            metas,
            parsed,
            deleted,
            bad_chunk_keys,
            chunks,
            stray: Vec::new(),
            tokens: 0,
            read_errors,
        };
        view.with_files()
    }

    /// Lists the files of DATA: sled's own under `db/`, token files under
    /// `tokens/`, and anything else (read for the scan, up to 1 MiB each).
    fn with_files(mut self) -> Result<StoreView, Error> {
        let data = self.data.clone();
        let mut stray = Vec::new();
        let mut tokens = 0;
        let mut log_files = Vec::new();
        for entry in read_dir(&data)? {
            let (path, ty) = entry;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match name.as_str() {
                "db" if ty.is_dir() => {
                    for (path, ty) in read_dir(&path)? {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let sleds_own = match name.as_str() {
                            "conf" | "db" => ty.is_file(),
                            "blobs" => ty.is_dir() && blobs_are_sleds(&path)?,
                            _ => ty.is_file() && is_snapshot_name(&name),
                        };
                        if !sleds_own {
                            stray_file(
                                &path,
                                ty,
                                "not a file sled writes in the database directory",
                                &mut stray,
                            )?;
                        }
                    }
                }
                "tokens" if ty.is_dir() => {
                    for (path, ty) in read_dir(&path)? {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let hex_name = name.len() == 64
                            && name
                                .bytes()
                                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                        let len = fs::symlink_metadata(&path).map(|m| m.len()).unwrap_or(0);
                        if hex_name && ty.is_file() && len == 0 {
                            tokens += 1;
                        } else if hex_name && ty.is_file() {
                            stray_file(&path, ty, "a token file holds bytes (PROTOCOL.md §4.6: it is empty, named by the token's hash)", &mut stray)?;
                        } else {
                            stray_file(
                                &path,
                                ty,
                                "not a token file (64 lowercase hex digits, empty)",
                                &mut stray,
                            )?;
                        }
                    }
                }
                LOG_DIR if ty.is_dir() => {
                    check_private_mode(&path, 0o700, &mut log_files);
                    for (path, ty) in read_dir(&path)? {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        if name == LOG_KEY_FILE && ty.is_file() {
                            check_private_mode(&path, 0o600, &mut log_files);
                            if let Some(why) = key_file_shape(&path) {
                                log_files.push((format!("{LOG_DIR}/{LOG_KEY_FILE}"), why));
                            }
                        } else {
                            stray_file(
                                &path,
                                ty,
                                "the relay writes only its signing key in log/ (PROTOCOL.md §10.3)",
                                &mut stray,
                            )?;
                        }
                    }
                }
                ADMIN_SOCKET if is_socket(ty) => {}
                _ => stray_file(
                    &path,
                    ty,
                    "the relay writes only db/, tokens/, log/ and admin.sock in its data directory",
                    &mut stray,
                )?,
            }
        }
        self.stray = stray;
        self.tokens = tokens;
        self.log_files = log_files;
        Ok(self)
    }

    /// Every committed object whose metadata parsed, in seq order.
    pub fn objects(&self) -> Vec<ObjectSummary> {
        let mut out: Vec<ObjectSummary> = self
            .parsed
            .iter()
            .map(|(id, meta)| ObjectSummary {
                id: id.clone(),
                kind: meta.kind,
                seq: meta.seq,
                day: meta.day.clone(),
                size: meta.size,
                sha256: self.chunks.get(id).and_then(|run| run.sha256),
            })
            .collect();
        out.sort_by_key(|o| o.seq);
        out
    }

    /// The data directory audited.
    pub fn data(&self) -> &Path {
        &self.data
    }

    fn summary(&self) -> StoreSummary {
        let mut kinds = BTreeMap::new();
        let mut days = BTreeMap::new();
        let mut mailboxes = BTreeSet::new();
        let mut bytes = 0;
        for (id, meta) in &self.parsed {
            *kinds.entry(meta.kind.as_str().to_string()).or_insert(0) += 1;
            *days.entry(meta.day.clone()).or_insert(0) += 1;
            if let Some(m) = meta.mailbox {
                mailboxes.insert(m);
            }
            bytes += self.chunks.get(id).map_or(0, |r| r.lens.iter().sum());
        }
        StoreSummary {
            objects: self.metas.len(),
            bytes,
            kinds,
            days,
            mailboxes: mailboxes.len(),
            sessions: self.sessions.len(),
            pending: self.pending.len(),
            tokens: self.tokens,
            log_leaves: self.log_leaves.len(),
            deleted: self.deleted.len(),
        }
    }
}

fn is_socket(ty: fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    ty.is_socket()
}

/// Notes a mode other than `want` (`0700` for `log/`, `0600` for the key).
fn check_private_mode(path: &Path, want: u32, out: &mut Vec<(String, String)>) {
    use std::os::unix::fs::PermissionsExt as _;
    let shown = match path.file_name().map(|n| n.to_string_lossy().into_owned()) {
        Some(n) if n == LOG_DIR => LOG_DIR.to_string(),
        Some(n) => format!("{LOG_DIR}/{n}"),
        None => LOG_DIR.to_string(),
    };
    match fs::symlink_metadata(path) {
        Ok(m) if m.permissions().mode() & 0o777 == want => {}
        Ok(m) => out.push((
            shown,
            format!(
                "mode {:04o}, PROTOCOL.md §10.3 says {want:04o}",
                m.permissions().mode() & 0o777
            ),
        )),
        Err(e) => out.push((shown, format!("cannot read its mode: {e}"))),
    }
}

/// Whether the signing key file has the shape of §10.3,
/// `PRIVATE+KEY+<origin>+<8 hex>+<base64(0x01 ‖ 32-byte seed)>` and a
/// newline. The content is a secret: the answer never quotes it.
fn key_file_shape(path: &Path) -> Option<String> {
    use base64::Engine as _;
    let mut text = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut text));
    let verdict = match read {
        Err(e) => Some(format!("cannot read it: {e}")),
        Ok(_) => {
            let ok = std::str::from_utf8(&text).ok().and_then(|t| {
                let t = t.strip_suffix('\n').unwrap_or(t);
                let mut parts = t.splitn(5, '+');
                let (Some("PRIVATE"), Some("KEY"), Some(origin), Some(id), Some(b64)) = (
                    parts.next(),
                    parts.next(),
                    parts.next(),
                    parts.next(),
                    parts.next(),
                ) else {
                    return None;
                };
                let seed = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
                let seed = zeroize::Zeroizing::new(seed);
                let shaped = whistlebox_core::log::origin_is_valid(origin)
                    && id.len() == 8
                    && id.bytes().all(|b| b.is_ascii_hexdigit())
                    && seed.len() == 33
                    && seed[0] == 1;
                shaped.then_some(())
            });
            ok.is_none().then(|| {
                "not a signed-note private key (PRIVATE+KEY+<origin>+<8 hex>+<base64 of 0x01 and a 32-byte seed>); its content is not shown".to_string()
            })
        }
    };
    zeroize::Zeroize::zeroize(&mut text);
    verdict
}

/// Entries of a directory with their types (links not followed), sorted.
fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, fs::FileType)>, Error> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(Error::io("cannot read", dir))? {
        let entry = entry.map_err(Error::io("cannot read", dir))?;
        let ty = entry
            .file_type()
            .map_err(Error::io("cannot read", &entry.path()))?;
        out.push((entry.path(), ty));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// `snap.<hex LSN>`, or the temporary names sled writes a snapshot under
/// (`.generating`) or moves it through (`.in___motion`).
fn is_snapshot_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("snap.") else {
        return false;
    };
    let lsn = rest
        .strip_suffix(".generating")
        .or_else(|| rest.strip_suffix(".in___motion"))
        .unwrap_or(rest);
    !lsn.is_empty() && lsn.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether every entry of `blobs/` is a file named by a number (sled's LSNs).
fn blobs_are_sleds(dir: &Path) -> Result<bool, Error> {
    Ok(read_dir(dir)?.iter().all(|(path, ty)| {
        ty.is_file()
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }))
}

/// Records a file the relay does not write (a folder with everything under it).
fn stray_file(
    path: &Path,
    ty: fs::FileType,
    why: &str,
    stray: &mut Vec<StrayFile>,
) -> Result<(), Error> {
    if ty.is_dir() {
        stray.push(StrayFile {
            path: path.to_path_buf(),
            why: why.into(),
            content: Vec::new(),
        });
        for (p, t) in read_dir(path)? {
            stray_file(&p, t, why, stray)?;
        }
        return Ok(());
    }
    let mut content = Vec::new();
    if ty.is_file() {
        fs::File::open(path)
            .and_then(|f| f.take(SCAN_FILE_MAX).read_to_end(&mut content))
            .map_err(Error::io("cannot read", path))?;
    }
    stray.push(StrayFile {
        path: path.to_path_buf(),
        why: why.into(),
        content,
    });
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// Parses an `objectid_meta` value: a tombstone record if it has
/// `"deleted"`, else an object's metadata; the error says what is wrong.
fn parse_meta(value: &[u8]) -> Result<Record, String> {
    let v: Value = serde_json::from_slice(value).map_err(|_| "not JSON".to_string())?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let int = |k: &str| {
        obj.get(k)
            .and_then(Value::as_u64)
            .ok_or(format!("\"{k}\" is missing or not an integer"))
    };
    let kind = match obj.get("kind").and_then(Value::as_str) {
        Some("report") => Kind::Report,
        Some("followup") => Kind::Followup,
        Some("reply") => Kind::Reply,
        Some("status") => Kind::Status,
        _ => return Err("\"kind\" is not report, followup, reply or status".into()),
    };
    if obj.contains_key("deleted") {
        let seq = int("seq")?;
        if seq == 0 {
            return Err("\"seq\" is 0 (sequence numbers start at 1)".into());
        }
        return Ok(Record::Deleted(Deleted {
            kind,
            seq,
            leaf: int("leaf")?,
            size: int("size")?,
            deleted: int("deleted")?,
        }));
    }
    let day = obj
        .get("day")
        .and_then(Value::as_str)
        .filter(|d| crate::due::Day::parse(d).is_some_and(|p| p.to_string() == *d));
    let day = day.ok_or("\"day\" is not a YYYY-MM-DD date")?.to_string();
    let mailbox = match obj.get("mailbox") {
        None => None,
        Some(m) => Some(
            parse_hex32(m.as_str().unwrap_or(""))
                .ok_or("\"mailbox\" is not 64 lowercase hex digits")?,
        ),
    };
    let seq = int("seq")?;
    if seq == 0 {
        return Err("\"seq\" is 0 (sequence numbers start at 1)".into());
    }
    Ok(Record::Object(Meta {
        kind,
        seq,
        leaf: int("leaf")?,
        day,
        size: int("size")?,
        chunks: int("chunks")?,
        mailbox,
    }))
}

fn parse_hex32(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    let lower = text
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (lower && hex::decode_to_slice(text, &mut out).is_ok()).then_some(out)
}

/// Checks an `uploadid_session` value; the error says what is wrong.
fn check_session(value: &[u8]) -> Result<Vec<u8>, String> {
    let v: Value = serde_json::from_slice(value).map_err(|_| "not JSON".to_string())?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    for k in ["parts", "bytes", "part_size"] {
        obj.get(k)
            .and_then(Value::as_u64)
            .ok_or(format!("\"{k}\" is missing or not an integer"))?;
    }
    let object = obj.get("object").and_then(Value::as_str).unwrap_or("");
    let lower = object.len() == 32
        && object
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !lower {
        return Err("\"object\" is not 32 lowercase hex digits".into());
    }
    if let Some(m) = obj.get("mailbox") {
        parse_hex32(m.as_str().unwrap_or(""))
            .ok_or("\"mailbox\" is not 64 lowercase hex digits")?;
    }
    if let Some(k) = obj.get("kind") {
        if !matches!(k.as_str(), Some("report" | "followup")) {
            return Err("\"kind\" is not report or followup".into());
        }
    }
    Ok(hex::decode(object).expect("checked hex"))
}

/// Fields of a JSON object value outside `allowed`.
fn unknown_fields(value: &[u8], allowed: &[&str]) -> Vec<String> {
    match serde_json::from_slice::<Value>(value) {
        Ok(Value::Object(obj)) => obj
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .cloned()
            .collect(),
        _ => Vec::new(),
    }
}

// ---- the checks ----------------------------------------------------------

/// The transparency log as the store holds it (PROTOCOL.md §10.1, §10.2,
/// §10.3): every object's leaf recomputed from its metadata and reassembled
/// ciphertext equals the stored leaf at its `leaf` index; every index below
/// the tree size is held by exactly one object (or is a tombstone); the
/// stored hashes are those of the stored leaves, and the root over the
/// recomputed leaves is the root of the stored hashes. `DATA/log/` and its
/// signing key have the modes and shape of §10.3 (the key is never shown).
fn check_log(view: &StoreView, f: &mut Findings) {
    for (at, why) in &view.log_files {
        f.add("log_key", at, why.clone());
    }
    // The stored leaves, by index.
    let mut leaves: BTreeMap<u64, Leaf> = BTreeMap::new();
    for (k, v) in &view.log_leaves {
        let at = format!("{TREE_LOG_LEAVES}/{}", hex(k));
        let Ok(key) = <[u8; 8]>::try_from(k.as_slice()) else {
            f.add(
                "malformed_record",
                &at,
                format!("key of {} bytes (a leaf index is 8)", k.len()),
            );
            continue;
        };
        match Leaf::parse(v) {
            Ok(leaf) => {
                leaves.insert(u64::from_be_bytes(key), leaf);
            }
            Err(e) => f.add("malformed_record", &at, format!("not a leaf of §10.1: {e}")),
        }
    }
    let size = leaves.keys().next_back().map_or(0, |last| last + 1);
    let missing = size - leaves.len() as u64;
    if missing > 0 {
        let first = (0..size).find(|i| !leaves.contains_key(i)).unwrap_or(0);
        f.add(
            "log_gap",
            format!("leaf {first}"),
            format!("{missing} leaf index(es) below the tree size {size} hold no leaf, the first {first}: the log was cut"),
        );
    }
    // Every object's leaf, recomputed.
    let mut held: BTreeMap<u64, Leaf> = BTreeMap::new();
    let mut complete = missing == 0;
    for (id, meta) in &view.parsed {
        let at = format!("object {}", hex(id));
        let Ok(id16) = <[u8; 16]>::try_from(id.as_slice()) else {
            continue;
        };
        let Some(stored) = leaves.get(&meta.leaf) else {
            f.add(
                "log_gap",
                &at,
                format!(
                    "its metadata names leaf {}, which the log (size {size}) does not hold",
                    meta.leaf
                ),
            );
            complete = false;
            continue;
        };
        let Some(sha256) = view.chunks.get(id).and_then(|run| run.sha256) else {
            // Its chunks do not form one ciphertext: chunk findings say so.
            complete = false;
            continue;
        };
        let leaf = Leaf {
            kind: LeafKind::of(meta.kind),
            id: id16,
            sha256,
            size: view.chunks.get(id).map_or(0, |r| r.lens.iter().sum()),
        };
        if held.insert(meta.leaf, leaf).is_some() {
            f.add(
                "log_mismatch",
                &at,
                format!(
                    "leaf {} is claimed by a second object: each leaf records one object",
                    meta.leaf
                ),
            );
            complete = false;
        }
        if leaf != *stored {
            let mut differ = Vec::new();
            if leaf.kind != stored.kind {
                differ.push("kind");
            }
            if leaf.id != stored.id {
                differ.push("id");
            }
            if leaf.sha256 != stored.sha256 {
                differ.push("SHA-256 of the ciphertext");
            }
            if leaf.size != stored.size {
                differ.push("size");
            }
            f.add(
                "log_mismatch",
                &at,
                format!(
                    "its recomputed leaf differs from the stored leaf {} in {}: the object was replaced, swapped or altered after it was logged",
                    meta.leaf,
                    differ.join(", ")
                ),
            );
            complete = false;
        }
    }
    // A deleted object: its own leaf stays, with the kind, id and size of its
    // record (its digest can no longer be recomputed: the stored one is
    // taken), and its tombstone is that leaf with kind 5 (§10.1, §12.1).
    for (id, record) in &view.deleted {
        let at = format!("object {}", hex(id));
        let (Some(own), Some(tombstone)) = (leaves.get(&record.leaf), leaves.get(&record.deleted))
        else {
            f.add(
                "tombstone_mismatch",
                &at,
                format!(
                    "its record names leaf {} and tombstone leaf {}, which the log (size {size}) does not both hold",
                    record.leaf, record.deleted
                ),
            );
            complete = false;
            continue;
        };
        let names_it = own.id.as_slice() == id.as_slice()
            && own.size == record.size
            && own.kind == LeafKind::of(record.kind);
        if !names_it {
            f.add(
                "tombstone_mismatch",
                &at,
                format!(
                    "leaf {} does not record this {} of {} bytes",
                    record.leaf,
                    record.kind.as_str(),
                    record.size
                ),
            );
            complete = false;
        } else if *tombstone != own.tombstone() || record.deleted <= record.leaf {
            f.add(
                "tombstone_mismatch",
                &at,
                format!(
                    "its tombstone leaf {} is not its leaf {} with kind 5 appended after it",
                    record.deleted, record.leaf
                ),
            );
            complete = false;
        }
        for (index, leaf) in [(record.leaf, *own), (record.deleted, own.tombstone())] {
            if held.insert(index, leaf).is_some() {
                f.add(
                    "log_mismatch",
                    &at,
                    format!(
                        "leaf {index} is claimed by a second object: each leaf records one object"
                    ),
                );
                complete = false;
            }
        }
    }
    for (index, leaf) in &leaves {
        if !held.contains_key(index) && leaf.kind == LeafKind::Tombstone {
            f.add(
                "tombstone_mismatch",
                format!("leaf {index}"),
                format!(
                    "the log records the deletion of {} at leaf {index}, but no deleted object of the store names it",
                    hex(&leaf.id)
                ),
            );
            complete = false;
        }
    }
    for (index, leaf) in &leaves {
        if !held.contains_key(index) && leaf.kind != LeafKind::Tombstone {
            let claimed = view.parsed.values().any(|m| m.leaf == *index)
                || view.deleted.values().any(|d| d.leaf == *index);
            if !claimed {
                f.add(
                    "log_gap",
                    format!("leaf {index}"),
                    format!(
                        "the log records {} {} at leaf {index}, but no object of the store holds it: the object was deleted",
                        format!("{:?}", leaf.kind).to_lowercase(),
                        hex(&leaf.id)
                    ),
                );
            }
            complete = false;
        }
    }
    // The stored hashes against the stored leaves.
    let mut stored_hashes: BTreeMap<u64, &[u8]> = BTreeMap::new();
    for (k, v) in &view.log_hashes {
        let at = format!("{TREE_LOG_HASHES}/{}", hex(k));
        match <[u8; 8]>::try_from(k.as_slice()) {
            Ok(key) if v.len() == 32 => {
                stored_hashes.insert(u64::from_be_bytes(key), v);
            }
            Ok(_) => f.add(
                "malformed_record",
                &at,
                format!("value of {} bytes (a hash is 32)", v.len()),
            ),
            Err(_) => f.add(
                "malformed_record",
                &at,
                format!("key of {} bytes (a stored-hash index is 8)", k.len()),
            ),
        }
    }
    if missing > 0 {
        return;
    }
    let mut from_leaves = MemoryTree::new();
    for leaf in leaves.values() {
        from_leaves.push(leaf);
    }
    let expected = from_leaves.stored();
    let wrong: Vec<u64> = (0..expected.len().max(stored_hashes.len()) as u64)
        .filter(|i| {
            let want = usize::try_from(*i).ok().and_then(|i| expected.get(i));
            stored_hashes.get(i).copied() != want.map(|h| h.0.as_slice())
        })
        .collect();
    if let Some(first) = wrong.first() {
        f.add(
            "log_mismatch",
            format!("{TREE_LOG_HASHES}/{first:016x}"),
            format!(
                "{} stored hash(es) differ from those of the stored leaves (the tree of {size} leaves has {}, the store {}): the tree was rewritten",
                wrong.len(),
                expected.len(),
                stored_hashes.len()
            ),
        );
    }
    // The root over the objects' recomputed leaves against the stored root.
    if complete && held.len() as u64 == size {
        let recomputed = root_of(held.values());
        if recomputed != from_leaves.root() || !wrong.is_empty() {
            f.add(
                "log_mismatch",
                "log root",
                format!(
                    "the root over the objects' recomputed leaves, {}, is not the stored tree's",
                    encode_hash(&recomputed)
                ),
            );
        }
    }
}

/// Trees and files: only what PROTOCOL.md §4.3 and §4.6 list.
fn check_layout(view: &StoreView, f: &mut Findings) {
    for (name, _, count) in &view.unknown_trees {
        if name.as_bytes() == TREE_DEFAULT {
            f.add(
                "unknown_tree",
                format!("tree {name}"),
                format!(
                    "sled's default tree holds {count} record(s); the relay never writes to it"
                ),
            );
        } else {
            f.add(
                "unknown_tree",
                format!("tree {name}"),
                format!("a tree PROTOCOL.md §4.3 does not list, holding {count} record(s)"),
            );
        }
    }
    for file in &view.stray {
        let shown = file.path.strip_prefix(&view.data).unwrap_or(&file.path);
        f.add(
            "unknown_file",
            shown.display().to_string(),
            file.why.clone(),
        );
    }
}

/// Key and value shapes of every tree; JSON values hold only the listed fields.
fn check_records(view: &StoreView, f: &mut Findings) {
    for e in &view.read_errors {
        f.add(
            "malformed_record",
            "database",
            format!("sled could not read a record: {e}"),
        );
    }
    for (k, v) in &view.metas {
        let at = format!("{TREE_META}/{}", hex(k));
        if k.len() != 16 {
            f.add(
                "malformed_record",
                &at,
                format!("key of {} bytes (an object id is 16)", k.len()),
            );
        }
        let allowed = match parse_meta(v) {
            Ok(Record::Deleted(_)) => TOMBSTONE_FIELDS,
            _ => META_FIELDS,
        };
        for field in unknown_fields(v, allowed) {
            f.add(
                "unknown_field",
                &at,
                format!("field \"{field}\" is not one PROTOCOL.md §4.3 lists"),
            );
        }
        if let Err(why) = parse_meta(v) {
            f.add("malformed_record", &at, why);
        }
    }
    let shapes: [(&str, &Records, usize, Option<usize>); 4] = [
        (TREE_SEQ, &view.seqs, 8, Some(16)),
        (TREE_ITEMS, &view.items, 40, Some(16)),
        (TREE_PENDING, &view.pending, 16, Some(0)),
        (TREE_SESSIONS, &view.sessions, 16, None),
    ];
    for (tree, recs, key_len, value_len) in shapes {
        for (k, v) in recs {
            let at = format!("{tree}/{}", hex(k));
            if k.len() != key_len {
                f.add(
                    "malformed_record",
                    &at,
                    format!("key of {} bytes (expected {key_len})", k.len()),
                );
            }
            if let Some(len) = value_len.filter(|&len| v.len() != len) {
                f.add(
                    "malformed_record",
                    &at,
                    format!("value of {} bytes (expected {len})", v.len()),
                );
            }
        }
    }
    for (k, v) in &view.sessions {
        let at = format!("{TREE_SESSIONS}/{}", hex(k));
        for field in unknown_fields(v, SESSION_FIELDS) {
            f.add(
                "unknown_field",
                &at,
                format!("field \"{field}\" is not one PROTOCOL.md §4.7 lists"),
            );
        }
        if let Err(why) = check_session(v) {
            f.add("malformed_record", &at, why);
        }
    }
    for k in &view.bad_chunk_keys {
        f.add(
            "malformed_record",
            format!("{TREE_CHUNKS}/{}", hex(k)),
            format!("key of {} bytes (id and chunk index are 20)", k.len()),
        );
    }
}

/// `seq` runs 1…N without a gap, `seq_objectid` and the metadata agree, and
/// days never go backwards in commit order.
fn check_sequence(view: &StoreView, f: &mut Findings) {
    let mut by_seq: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
    for (k, v) in &view.seqs {
        let Ok(key) = <[u8; 8]>::try_from(k.as_slice()) else {
            continue;
        };
        let seq = u64::from_be_bytes(key);
        by_seq.insert(seq, v.clone());
        let recorded = view
            .parsed
            .get(v)
            .map(|m| m.seq)
            .or_else(|| view.deleted.get(v).map(|d| d.seq));
        match recorded {
            None => f.add(
                "missing_object",
                format!("{TREE_SEQ}/{seq}"),
                format!("seq {seq} names object {}, which has no metadata", hex(v)),
            ),
            Some(recorded) if recorded != seq => f.add(
                "index_mismatch",
                format!("{TREE_SEQ}/{seq}"),
                format!(
                    "seq {seq} names object {}, whose metadata says seq {recorded}",
                    hex(v),
                ),
            ),
            Some(_) => {}
        }
    }
    let all_seqs = view
        .parsed
        .iter()
        .map(|(id, m)| (id, m.seq))
        .chain(view.deleted.iter().map(|(id, d)| (id, d.seq)));
    for (id, seq) in all_seqs {
        if by_seq.get(&seq) != Some(id) {
            f.add(
                "index_mismatch",
                format!("object {}", hex(id)),
                format!("its metadata says seq {seq}, which seq_objectid does not map to it"),
            );
        }
    }
    let seqs: BTreeSet<u64> = by_seq
        .keys()
        .chain(view.parsed.values().map(|m| &m.seq))
        .chain(view.deleted.values().map(|d| &d.seq))
        .copied()
        .collect();
    let last = seqs.last().copied().unwrap_or(0);
    let mut missing = Vec::new();
    let mut expected = 1;
    for &seq in &seqs {
        if seq > expected {
            missing.push(if seq - 1 == expected {
                expected.to_string()
            } else {
                format!("{expected}…{}", seq - 1)
            });
        }
        expected = seq.saturating_add(1);
    }
    for gap in missing {
        f.add("seq_gap", format!("seq {gap}"), format!("no object has seq {gap}, but seqs run to {last} (an object was deleted, or seqs were rewritten)"));
    }
    let mut previous: Option<(&str, u64)> = None;
    let mut ordered: Vec<&Meta> = view.parsed.values().collect();
    ordered.sort_by_key(|m| m.seq);
    for meta in ordered {
        if let Some((day, seq)) = previous {
            if meta.day.as_str() < day {
                f.add("day_order", format!("seq {}", meta.seq), format!("received {} but seq {seq} before it was received {day}: objects were reordered", meta.day));
            }
        }
        previous = Some((&meta.day, meta.seq));
    }
    // A day after tomorrow (UTC, by the auditor's clock) was never a day of receipt.
    let tomorrow = crate::due::Day::today_utc().add_days(1).to_string();
    for meta in view.parsed.values() {
        if meta.day > tomorrow {
            f.add(
                "day_future",
                format!("seq {}", meta.seq),
                format!("received {}, after today", meta.day),
            );
        }
    }
}

/// Every committed object's chunks run 0…n-1, full but the last, summing to
/// its size; no chunk belongs to nothing.
fn check_chunks(view: &StoreView, f: &mut Findings) {
    let pending: BTreeSet<&Vec<u8>> = view.pending.iter().map(|(k, _)| k).collect();
    for (id, meta) in &view.parsed {
        let at = format!("object {}", hex(id));
        if meta.chunks != meta.size.div_ceil(CHUNK_SIZE) {
            f.add(
                "size_mismatch",
                &at,
                format!(
                    "size {} needs {} chunks of 1 MiB, the metadata says {}",
                    meta.size,
                    meta.size.div_ceil(CHUNK_SIZE),
                    meta.chunks
                ),
            );
        }
        let Some(run) = view.chunks.get(id) else {
            f.add(
                "missing_object",
                &at,
                format!("metadata for {} bytes, but no ciphertext", meta.size),
            );
            continue;
        };
        let in_order = run
            .indexes
            .iter()
            .enumerate()
            .all(|(i, &x)| i as u64 == u64::from(x));
        if !in_order || run.indexes.len() as u64 != meta.chunks {
            f.add(
                "chunk_gap",
                &at,
                format!(
                    "chunks {:?} stored, the metadata says {} (0…{})",
                    run.indexes,
                    meta.chunks,
                    meta.chunks.saturating_sub(1)
                ),
            );
        }
        let stored: u64 = run.lens.iter().sum();
        if stored != meta.size {
            f.add(
                "size_mismatch",
                &at,
                format!(
                    "the metadata says {} bytes, the chunks hold {stored}",
                    meta.size
                ),
            );
        }
        if let Some((i, len)) = run
            .lens
            .iter()
            .enumerate()
            .rev()
            .skip(1)
            .find(|(_, &len)| len != CHUNK_SIZE)
        {
            f.add(
                "size_mismatch",
                &at,
                format!("chunk {i} holds {len} bytes; every chunk but the last holds 1 MiB"),
            );
        }
    }
    // A deleted object keeps no ciphertext (PROTOCOL.md §12.1).
    for (id, record) in &view.deleted {
        if let Some(run) = view.chunks.get(id) {
            f.add(
                "deleted_ciphertext",
                format!("object {}", hex(id)),
                format!(
                    "the {} is deleted (tombstone leaf {}), but {} chunk(s) of its ciphertext remain",
                    record.kind.as_str(),
                    record.deleted,
                    run.indexes.len()
                ),
            );
        }
    }
    // Ids with metadata, parsed or not (a malformed record is its own finding).
    let described: BTreeSet<&Vec<u8>> = view.metas.iter().map(|(k, _)| k).collect();
    for id in view.chunks.keys() {
        if !pending.contains(id) && !described.contains(id) {
            f.add(
                "orphan_chunk",
                format!("{TREE_CHUNKS}/{}", hex(id)),
                "chunks of an object that is neither committed nor pending",
            );
        }
    }
    for (k, _) in &view.pending {
        if view.parsed.contains_key(k) || view.deleted.contains_key(k) {
            f.add(
                "index_mismatch",
                format!("{TREE_PENDING}/{}", hex(k)),
                "a committed object is still marked pending",
            );
        }
    }
}

/// Every committed object meets the envelope rules of its kind (PROTOCOL.md
/// §2, §8.3); every open session's first part starts like an age file.
fn check_envelope(view: &StoreView, f: &mut Findings) {
    for (id, meta) in &view.parsed {
        let Some(run) = view.chunks.get(id) else {
            continue;
        };
        match &run.envelope {
            Some(Ok(summary)) if summary.total_len != meta.size => {} // size_mismatch says it
            Some(Ok(_)) => {}
            Some(Err(e)) => f.add("envelope_violation", format!("object {}", hex(id)), format!("{} ({}): {e}", meta.kind.as_str(), e.code())),
            None => f.add("envelope_violation", format!("object {}", hex(id)), "its chunks do not form one ciphertext (see chunk_gap), so no envelope rule can hold"),
        }
    }
    for (k, v) in &view.sessions {
        let Ok(object) = check_session(v) else {
            continue;
        };
        let parts = serde_json::from_slice::<Value>(v)
            .ok()
            .and_then(|v| v.get("parts").and_then(Value::as_u64))
            .unwrap_or(0);
        if parts == 0 {
            continue;
        }
        let head = view
            .chunks
            .get(&object)
            .map(|r| r.head.as_slice())
            .unwrap_or(&[]);
        if !head.starts_with(AGE_MAGIC) {
            f.add(
                "envelope_violation",
                format!("{TREE_SESSIONS}/{}", hex(k)),
                "the session's first part does not start like an age v1 file (rule E1)",
            );
        }
    }
}

/// `mailbox_items` and the metadata agree (PROTOCOL.md §8.5); no mailbox
/// passes its cap.
fn check_mailboxes(view: &StoreView, f: &mut Findings) {
    let listed: BTreeMap<&Vec<u8>, &Vec<u8>> = view.items.iter().map(|(k, v)| (k, v)).collect();
    let mut counts: BTreeMap<&[u8], usize> = BTreeMap::new();
    for (k, v) in &view.items {
        if k.len() != 40 {
            continue;
        }
        let (mailbox, seq) = (
            &k[..32],
            u64::from_be_bytes(k[32..].try_into().expect("8 bytes")),
        );
        *counts.entry(mailbox).or_insert(0) += 1;
        let at = format!("{TREE_ITEMS}/{}…/{seq}", hex(&mailbox[..4]));
        match view.parsed.get(v) {
            None if view.deleted.contains_key(v) => f.add(
                "mailbox_mismatch",
                &at,
                format!("the item names object {}, which is deleted (§12.1)", hex(v)),
            ),
            None => f.add(
                "missing_object",
                &at,
                format!("the item names object {}, which has no metadata", hex(v)),
            ),
            Some(meta) if meta.kind == Kind::Report => f.add(
                "mailbox_mismatch",
                &at,
                "a report is listed as a mailbox item",
            ),
            Some(meta) if meta.mailbox.as_ref().map(|m| m.as_slice()) != Some(mailbox) => f.add(
                "mailbox_mismatch",
                &at,
                format!("object {} is filed under another mailbox or none", hex(v)),
            ),
            Some(meta) if meta.seq != seq => f.add(
                "mailbox_mismatch",
                &at,
                format!(
                    "the key says seq {seq}, object {} has seq {}",
                    hex(v),
                    meta.seq
                ),
            ),
            Some(_) => {}
        }
    }
    for (id, meta) in &view.parsed {
        let at = format!("object {}", hex(id));
        match (meta.kind, meta.mailbox) {
            (Kind::Report, _) => {}
            (_, None) => f.add(
                "mailbox_mismatch",
                &at,
                format!("a {} filed under no mailbox", meta.kind.as_str()),
            ),
            (_, Some(m)) => {
                let mut key = m.to_vec();
                key.extend_from_slice(&meta.seq.to_be_bytes());
                if listed.get(&key).copied() != Some(id) {
                    f.add(
                        "mailbox_mismatch",
                        &at,
                        format!("a {} missing from mailbox_items", meta.kind.as_str()),
                    );
                }
            }
        }
    }
    for (mailbox, n) in counts {
        if n > MAILBOX_MAX_ITEMS {
            f.add(
                "mailbox_over_cap",
                format!("mailbox {}…", hex(&mailbox[..4])),
                format!("{n} items; at most {MAILBOX_MAX_ITEMS}"),
            );
        }
    }
}

/// No stored byte outside the ciphertext looks like an address, a user
/// agent or a time finer than the day (`scan`).
fn check_plaintext(view: &StoreView, f: &mut Findings) {
    let mut report = |at: String, hits: Vec<Hit>| {
        for hit in hits {
            f.add(
                "plaintext_in_store",
                at.clone(),
                format!("{} outside the ciphertext", hit.describe()),
            );
        }
    };
    for (tree, recs) in [(TREE_META, &view.metas), (TREE_SESSIONS, &view.sessions)] {
        for (k, v) in recs {
            report(format!("{tree}/{}", hex(k)), scan_json(v));
            if k.len() != 16 {
                report(format!("{tree} key"), scan::scan(k));
            }
        }
    }
    for (tree, recs, key_len) in [
        (TREE_SEQ, &view.seqs, 8),
        (TREE_ITEMS, &view.items, 40),
        (TREE_PENDING, &view.pending, 16),
    ] {
        for (k, v) in recs {
            if k.len() != key_len {
                report(format!("{tree} key"), scan::scan(k));
            }
            if v.len() != 16 || tree == TREE_PENDING {
                report(format!("{tree}/{}", hex(k)), scan::scan(v));
            }
        }
    }
    for k in &view.bad_chunk_keys {
        report(format!("{TREE_CHUNKS} key"), scan::scan(k));
    }
    for (tree, recs, _) in &view.unknown_trees {
        for (k, v) in recs {
            report(
                format!("{tree}/{}", hex(k)),
                scan::scan(k).into_iter().chain(scan::scan(v)).collect(),
            );
        }
    }
    for file in &view.stray {
        let shown = file
            .path
            .strip_prefix(&view.data)
            .unwrap_or(&file.path)
            .display()
            .to_string();
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        report(
            shown,
            scan::scan(name.as_bytes())
                .into_iter()
                .chain(scan::scan(&file.content))
                .collect(),
        );
    }
}

/// Scans a stored JSON value: every key and string, and every integer but
/// the sizes (checked against the stored bytes) for a Unix time. Not JSON:
/// the raw bytes.
fn scan_json(bytes: &[u8]) -> Vec<Hit> {
    fn walk(key: Option<&str>, v: &Value, hits: &mut Vec<Hit>) {
        match v {
            Value::String(s) => hits.extend(scan::scan(s.as_bytes())),
            Value::Number(n) => {
                let size = key.is_some_and(|k| SIZE_FIELDS.contains(&k));
                if let Some(n) = n.as_u64().filter(|&n| !size && scan::epoch_like(n)) {
                    hits.push(Hit::Epoch(n));
                }
                if n.as_u64().is_none() {
                    hits.extend(scan::scan(n.to_string().as_bytes()));
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(None, i, hits)),
            Value::Object(obj) => {
                for (k, v) in obj {
                    hits.extend(scan::scan(k.as_bytes()));
                    walk(Some(k), v, hits);
                }
            }
            Value::Bool(_) | Value::Null => {}
        }
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => {
            let mut hits = Vec::new();
            walk(None, &v, &mut hits);
            hits
        }
        Err(_) => scan::scan(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_carry_their_ciphertext_digest() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new()
            .path(dir.path().join("db"))
            .open()
            .unwrap();
        let id = [9u8; 16];
        let meta = br#"{"kind":"report","seq":1,"leaf":0,"day":"2026-11-25","size":5,"chunks":1}"#;
        db.open_tree(TREE_META)
            .unwrap()
            .insert(id, &meta[..])
            .unwrap();
        db.open_tree(TREE_SEQ)
            .unwrap()
            .insert(1u64.to_be_bytes(), &id)
            .unwrap();
        let mut key = id.to_vec();
        key.extend_from_slice(&0u32.to_be_bytes());
        db.open_tree(TREE_CHUNKS)
            .unwrap()
            .insert(key, &b"hello"[..])
            .unwrap();
        // Its leaf and the stored hashes of a one-leaf tree (§10.1, §10.2).
        let leaf = Leaf {
            kind: LeafKind::Report,
            id,
            sha256: Sha256::digest(b"hello").into(),
            size: 5,
        };
        db.open_tree(TREE_LOG_LEAVES)
            .unwrap()
            .insert(0u64.to_be_bytes(), &leaf.encode()[..])
            .unwrap();
        let mut tree = MemoryTree::new();
        tree.push(&leaf);
        for (i, hash) in tree.stored().iter().enumerate() {
            db.open_tree(TREE_LOG_HASHES)
                .unwrap()
                .insert((i as u64).to_be_bytes(), &hash.0[..])
                .unwrap();
        }
        let rules = Rules {
            stanza_type: whistlebox_core::envelope::StanzaType::X25519,
            min_stanzas: 1,
            max_stanzas: 3,
            max_body_bytes: 1 << 20,
            grease: false,
        };
        let view = StoreView::load(&db, dir.path(), &rules).unwrap();
        let objects = view.objects();
        assert_eq!(objects.len(), 1);
        assert_eq!(objects[0].seq, 1);
        assert_eq!(objects[0].sha256, Some(Sha256::digest(b"hello").into()));
        // Five bytes are no age file: the envelope check says so.
        let (_, findings) = run_checks(&view, CHECKS);
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["envelope_violation"]);
    }

    /// The findings of a store holding one deleted report (PROTOCOL.md
    /// §12.1): `chunk` left behind if given, and `tombstone` as its
    /// tombstone leaf (`None`: the right one).
    fn deleted_store_findings(chunk: Option<&[u8]>, tombstone: Option<Leaf>) -> Vec<&'static str> {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new()
            .path(dir.path().join("db"))
            .open()
            .unwrap();
        let id = [7u8; 16];
        let meta = br#"{"kind":"report","seq":1,"leaf":0,"size":5,"deleted":1}"#;
        db.open_tree(TREE_META)
            .unwrap()
            .insert(id, &meta[..])
            .unwrap();
        db.open_tree(TREE_SEQ)
            .unwrap()
            .insert(1u64.to_be_bytes(), &id)
            .unwrap();
        if let Some(chunk) = chunk {
            let mut key = id.to_vec();
            key.extend_from_slice(&0u32.to_be_bytes());
            db.open_tree(TREE_CHUNKS)
                .unwrap()
                .insert(key, chunk)
                .unwrap();
        }
        let leaf = Leaf {
            kind: LeafKind::Report,
            id,
            sha256: Sha256::digest(b"hello").into(),
            size: 5,
        };
        let mut tree = MemoryTree::new();
        for (i, leaf) in [leaf, tombstone.unwrap_or(leaf.tombstone())]
            .iter()
            .enumerate()
        {
            db.open_tree(TREE_LOG_LEAVES)
                .unwrap()
                .insert((i as u64).to_be_bytes(), &leaf.encode()[..])
                .unwrap();
            tree.push(leaf);
        }
        for (i, hash) in tree.stored().iter().enumerate() {
            db.open_tree(TREE_LOG_HASHES)
                .unwrap()
                .insert((i as u64).to_be_bytes(), &hash.0[..])
                .unwrap();
        }
        let rules = Rules {
            stanza_type: whistlebox_core::envelope::StanzaType::X25519,
            min_stanzas: 1,
            max_stanzas: 3,
            max_body_bytes: 1 << 20,
            grease: false,
        };
        let view = StoreView::load(&db, dir.path(), &rules).unwrap();
        assert!(view.objects().is_empty(), "a deleted object is no object");
        assert_eq!(view.summary().deleted, 1);
        let (_, findings) = run_checks(&view, CHECKS);
        findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_deleted_object_is_fine_only_with_its_tombstone_and_no_ciphertext() {
        assert_eq!(deleted_store_findings(None, None), Vec::<&str>::new());
        assert_eq!(
            deleted_store_findings(Some(b"hello"), None),
            ["deleted_ciphertext"]
        );
        let other = Leaf {
            kind: LeafKind::Tombstone,
            id: [7u8; 16],
            sha256: [0u8; 32],
            size: 5,
        };
        let codes = deleted_store_findings(None, Some(other));
        assert!(codes.contains(&"tombstone_mismatch"), "{codes:?}");
        // A leaf of another kind where the tombstone should be.
        let report = Leaf {
            kind: LeafKind::Report,
            id: [8u8; 16],
            sha256: [1u8; 32],
            size: 9,
        };
        let codes = deleted_store_findings(None, Some(report));
        assert!(codes.contains(&"tombstone_mismatch"), "{codes:?}");
    }

    #[test]
    fn sled_file_names() {
        assert!(is_snapshot_name("snap.00000000000A1B2C"));
        assert!(is_snapshot_name("snap.00000000000A1B2C.generating"));
        assert!(is_snapshot_name("snap.00000000000A1B2C.in___motion"));
        assert!(!is_snapshot_name("snap."));
        assert!(!is_snapshot_name("snap.access.log"));
        assert!(!is_snapshot_name("access.log"));
    }

    #[test]
    fn metadata_is_parsed_strictly() {
        let ok =
            br#"{"kind":"report","seq":1,"leaf":0,"day":"2026-11-25","size":66000,"chunks":1}"#;
        assert!(matches!(
            parse_meta(ok).unwrap(),
            Record::Object(Meta { seq: 1, .. })
        ));
        let tombstone = br#"{"kind":"followup","seq":2,"leaf":1,"size":66000,"deleted":3}"#;
        assert!(matches!(
            parse_meta(tombstone).unwrap(),
            Record::Deleted(Deleted {
                seq: 2,
                deleted: 3,
                ..
            })
        ));
        let no_size = br#"{"kind":"followup","seq":2,"leaf":1,"deleted":3}"#;
        assert!(parse_meta(no_size).unwrap_err().contains("size"));
        assert_eq!(
            unknown_fields(tombstone, TOMBSTONE_FIELDS),
            Vec::<String>::new()
        );
        let no_leaf = br#"{"kind":"report","seq":1,"day":"2026-11-25","size":1,"chunks":1}"#;
        assert!(parse_meta(no_leaf).unwrap_err().contains("leaf"));
        let bad_day =
            br#"{"kind":"report","seq":1,"leaf":0,"day":"2026-11-25T10:00","size":1,"chunks":1}"#;
        assert!(parse_meta(bad_day).unwrap_err().contains("day"));
        let seq0 = br#"{"kind":"report","seq":0,"leaf":0,"day":"2026-11-25","size":1,"chunks":1}"#;
        assert!(parse_meta(seq0).unwrap_err().contains("seq"));
        assert_eq!(
            unknown_fields(br#"{"kind":"report","ip":"x"}"#, META_FIELDS),
            ["ip"]
        );
        // Sizes are exempt from the Unix-time reading, other integers are not.
        assert!(scan_json(br#"{"size":1764099242}"#).is_empty());
        assert_eq!(
            scan_json(br#"{"seq":1764099242}"#),
            [Hit::Epoch(1_764_099_242)]
        );
    }
}
