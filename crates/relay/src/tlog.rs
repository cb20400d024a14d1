//! The transparency log's signing key, signed checkpoints and public routes
//! (`docs/PROTOCOL.md §10`).
//!
//! The leaves and stored hashes live in the store, written in each commit's
//! transaction ([`crate::store`]); this module signs checkpoints over them
//! and serves proofs. The Ed25519 key is made at first start in
//! `DATA/log/signing-key` (`0600`, signed-note `PRIVATE+KEY+…` text), held
//! in memory in a zeroizing type, and never logged or served.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use whistlebox_core::log::{self as core_log, Hash, VerifierKey};
use zeroize::Zeroizing;

use crate::api::blocking;
use crate::error::{AppError, RelayError};
use crate::state::AppState;
use crate::store::{Store, StoreError};

/// Folder of the log key inside the data directory.
const LOG_DIR: &str = "log";
/// The signing key's file inside [`LOG_DIR`].
const KEY_FILE: &str = "signing-key";
/// Most leaves `GET /api/log/leaves` returns at once (PROTOCOL.md §10.4).
pub const MAX_LEAVES: u64 = 1_000;
/// The algorithm byte of an Ed25519 signed-note key.
const ALG_ED25519: u8 = 1;

/// The log key file of a data directory.
pub fn key_path(data: &Path) -> PathBuf {
    data.join(LOG_DIR).join(KEY_FILE)
}

/// The verifier key of the log in `data` (`whistlebox-relay log-key`): read
/// from the key file, which must exist (the relay makes it at first start).
pub fn read_vkey(data: &Path) -> Result<VerifierKey, RelayError> {
    let path = key_path(data);
    let bytes = Zeroizing::new(std::fs::read(&path).map_err(|e| RelayError::LogKey {
        path: path.clone(),
        why: format!("{e}; start the relay once with this --data to make the key"),
    })?);
    let log = Log::parse(&bytes).map_err(|why| RelayError::LogKey {
        path,
        why: why.into(),
    })?;
    Ok(log.vkey.clone())
}

/// The log's signing key and the latest checkpoint signed with it.
pub struct Log {
    key: ed25519_dalek::SigningKey,
    vkey: VerifierKey,
    key_id: u32,
    /// The latest checkpoint made: its size and its signed note.
    latest: Mutex<Option<(u64, Arc<str>)>>,
}

impl std::fmt::Debug for Log {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Log")
            .field("vkey", &self.vkey)
            .finish_non_exhaustive()
    }
}

/// The default origin of a log whose key is `key` (§10.3).
fn default_origin(key: &ed25519_dalek::VerifyingKey) -> String {
    format!("whistlebox.invalid/{}", hex::encode(&key.as_bytes()[..4]))
}

impl Log {
    /// Opens the key in `DATA/log/`, or makes one (first start) named
    /// `origin`, or the default origin if none is given. An existing key
    /// keeps its name: another `origin` is an error, not a silent rename.
    pub fn open_or_create(data: &Path, origin: Option<&str>) -> Result<Log, RelayError> {
        let path = key_path(data);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = Zeroizing::new(bytes);
                let log = Log::parse(&text).map_err(|why| RelayError::LogKey {
                    path: path.clone(),
                    why: why.into(),
                })?;
                if let Some(origin) = origin {
                    if origin != log.vkey.name() {
                        return Err(RelayError::LogKey {
                            path,
                            why: format!(
                                "the log's origin is {:?}, not {origin:?}: a log keeps its origin \
                                 for life (remove --log-origin / log_origin, or start a new data \
                                 directory)",
                                log.vkey.name()
                            ),
                        });
                    }
                }
                Ok(log)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Log::create(&path, origin),
            Err(source) => Err(RelayError::LogKey {
                path,
                why: source.to_string(),
            }),
        }
    }

    fn create(path: &Path, origin: Option<&str>) -> Result<Log, RelayError> {
        let failed = |why: String| RelayError::LogKey {
            path: path.to_owned(),
            why,
        };
        let key = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
        let name = match origin {
            Some(origin) => origin.to_owned(),
            None => default_origin(&key.verifying_key()),
        };
        if !core_log::origin_is_valid(&name) {
            return Err(failed(format!(
                "{name:?} is not a log origin: 1–128 printable ASCII characters, no space, no '+'"
            )));
        }
        let log = Log::from_key(key, &name);
        let mut secret = Zeroizing::new(vec![ALG_ED25519]);
        secret.extend_from_slice(log.key.as_bytes());
        let text = Zeroizing::new(format!(
            "PRIVATE+KEY+{name}+{:08x}+{}\n",
            log.key_id,
            base64::engine::general_purpose::STANDARD.encode(&secret)
        ));
        let dir = path.parent().expect("DATA/log");
        crate::tokens::create_private_dir(dir).map_err(|e| failed(e.to_string()))?;
        crate::tokens::write_new_private(path, text.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| failed(e.to_string()))?;
        tracing::info!(vkey = log.vkey.as_str(), "made the transparency log key");
        Ok(log)
    }

    /// Parses the key file: `PRIVATE+KEY+<name>+<8 hex id>+<base64 of 0x01 ‖ seed>`.
    fn parse(bytes: &[u8]) -> Result<Log, &'static str> {
        let text = std::str::from_utf8(bytes).map_err(|_| "the key file is not text")?;
        let mut parts = text.trim_end_matches('\n').splitn(5, '+');
        let (Some("PRIVATE"), Some("KEY"), Some(name), Some(id), Some(b64)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err("the key file is not a PRIVATE+KEY+… signed-note key");
        };
        let raw = Zeroizing::new(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|_| "the key is not base64")?,
        );
        let Some((&ALG_ED25519, seed)) = raw.split_first() else {
            return Err("the key is not an Ed25519 key");
        };
        let seed: &[u8; 32] = seed.try_into().map_err(|_| "the key is not 32 bytes")?;
        let log = Log::from_key(ed25519_dalek::SigningKey::from_bytes(seed), name);
        if !core_log::origin_is_valid(name) || format!("{:08x}", log.key_id) != id {
            return Err("the key's name or id does not match the key");
        }
        Ok(log)
    }

    fn from_key(key: ed25519_dalek::SigningKey, name: &str) -> Log {
        let vkey = VerifierKey::from_public_key(name, &key.verifying_key());
        let mut public = vec![ALG_ED25519];
        public.extend_from_slice(key.verifying_key().as_bytes());
        Log {
            key_id: signed_note::key_id(name, &public),
            key,
            vkey,
            latest: Mutex::new(None),
        }
    }

    /// The verifier key (§10.3), as published.
    pub fn vkey(&self) -> &VerifierKey {
        &self.vkey
    }

    /// The log's origin: the key's name.
    pub fn origin(&self) -> &str {
        self.vkey.name()
    }

    /// Signs a checkpoint of `size` leaves with root `root` (§10.3).
    pub fn sign(&self, size: u64, root: &Hash) -> String {
        use ed25519_dalek::Signer as _;
        let body = core_log::checkpoint_body(self.origin(), size, root);
        let signature = self.key.sign(body.as_bytes());
        let mut blob = self.key_id.to_be_bytes().to_vec();
        blob.extend_from_slice(&signature.to_bytes());
        format!(
            "{body}\n\u{2014} {} {}\n",
            self.origin(),
            base64::engine::general_purpose::STANDARD.encode(blob)
        )
    }

    /// A checkpoint of the whole durable log (§10.3): the cached one if the
    /// log has not grown since, else a new one.
    pub fn checkpoint_now(&self, store: &dyn Store) -> Result<Arc<str>, StoreError> {
        let size = store.log_size()?;
        if let Some((cached, note)) = &*self.latest.lock().unwrap_or_else(|e| e.into_inner()) {
            if *cached == size {
                return Ok(Arc::clone(note));
            }
        }
        let root = root_of(store, size)?;
        let note: Arc<str> = self.sign(size, &root).into();
        let mut latest = self.latest.lock().unwrap_or_else(|e| e.into_inner());
        // Keep the largest: two requests may race.
        if latest.as_ref().is_none_or(|(cached, _)| *cached < size) {
            *latest = Some((size, Arc::clone(&note)));
        }
        Ok(note)
    }

    /// [`Log::checkpoint_now`] on the blocking pool.
    pub async fn checkpoint(self: &Arc<Log>, store: &Arc<dyn Store>) -> Result<Arc<str>, AppError> {
        let log = Arc::clone(self);
        blocking(store, move |s| log.checkpoint_now(s)).await
    }
}

/// The store's stored hashes as the tree arithmetic reads them.
struct StoreHashes<'a>(&'a dyn Store);

impl tlog_tiles::HashReader for StoreHashes<'_> {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        self.0
            .log_hashes(indexes)
            .map_err(|_| tlog_tiles::Error::IndexesNotInTree)
    }
}

/// The root of the first `size` leaves, from the stored hashes.
pub fn root_of(store: &dyn Store, size: u64) -> Result<Hash, StoreError> {
    core_log::tree_hash(size, &StoreHashes(store))
        .map_err(|e| StoreError::Corrupt(format!("log tree of {size} leaves: {e}")))
}

/// A `text/plain` answer.
fn text(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

fn query<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, AppError> {
    query
        .map(|Query(q)| q)
        .map_err(|e| AppError::BadRequest(format!("malformed query: {}", e.body_text())))
}

/// `GET /api/log/checkpoint` (PROTOCOL.md §10.4): the latest signed checkpoint.
pub(crate) async fn checkpoint(State(state): State<AppState>) -> Result<Response, AppError> {
    let note = state.log().checkpoint(state.store()).await?;
    Ok(text(note.to_string()))
}

/// `GET /api/log/key` (PROTOCOL.md §10.4): the verifier key, one line.
pub(crate) async fn key(State(state): State<AppState>) -> Response {
    text(format!("{}\n", state.log().vkey().as_str()))
}

/// Query of `GET /api/log/inclusion`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InclusionQuery {
    index: u64,
    size: u64,
}

/// Answer of `GET /api/log/inclusion`.
#[derive(Serialize)]
struct InclusionAnswer {
    index: u64,
    size: u64,
    proof: Vec<String>,
}

fn encode(proof: &[Hash]) -> Vec<String> {
    proof.iter().map(core_log::encode_hash).collect()
}

/// `GET /api/log/inclusion?index=I&size=N` (PROTOCOL.md §10.4).
pub(crate) async fn inclusion(
    State(state): State<AppState>,
    q: Result<Query<InclusionQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let InclusionQuery { index, size } = query(q)?;
    let proof = blocking(state.store(), move |s| {
        let tree = s.log_size()?;
        if size > tree {
            return Ok(Err(format!("size {size} is past the log's {tree} leaves")));
        }
        if index >= size {
            return Ok(Err(format!("index {index} is not below size {size}")));
        }
        tlog_tiles::prove_record(size, index, &StoreHashes(s))
            .map(Ok)
            .map_err(|e| StoreError::Corrupt(format!("inclusion proof: {e}")))
    })
    .await?
    .map_err(AppError::LogRange)?;
    Ok(Json(InclusionAnswer {
        index,
        size,
        proof: encode(&proof),
    })
    .into_response())
}

/// Query of `GET /api/log/consistency`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConsistencyQuery {
    from: u64,
    to: u64,
}

/// Answer of `GET /api/log/consistency`.
#[derive(Serialize)]
struct ConsistencyAnswer {
    from: u64,
    to: u64,
    proof: Vec<String>,
}

/// `GET /api/log/consistency?from=M&to=N` (PROTOCOL.md §10.4).
pub(crate) async fn consistency(
    State(state): State<AppState>,
    q: Result<Query<ConsistencyQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let ConsistencyQuery { from, to } = query(q)?;
    let proof = blocking(state.store(), move |s| {
        let tree = s.log_size()?;
        if to > tree {
            return Ok(Err(format!("to {to} is past the log's {tree} leaves")));
        }
        if from > to {
            return Ok(Err(format!("from {from} is past to {to}")));
        }
        if from == 0 || from == to {
            return Ok(Ok(Vec::new()));
        }
        tlog_tiles::prove_tree(to, from, &StoreHashes(s))
            .map(Ok)
            .map_err(|e| StoreError::Corrupt(format!("consistency proof: {e}")))
    })
    .await?
    .map_err(AppError::LogRange)?;
    Ok(Json(ConsistencyAnswer {
        from,
        to,
        proof: encode(&proof),
    })
    .into_response())
}

/// Query of `GET /api/log/leaves`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeavesQuery {
    start: u64,
    end: u64,
}

/// Answer of `GET /api/log/leaves`.
#[derive(Serialize)]
struct LeavesAnswer {
    start: u64,
    end: u64,
    leaves: Vec<String>,
}

/// `GET /api/log/leaves?start=S&end=E` (PROTOCOL.md §10.4): public, at most
/// [`MAX_LEAVES`] leaves, base64.
pub(crate) async fn leaves(
    State(state): State<AppState>,
    q: Result<Query<LeavesQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let LeavesQuery { start, end } = query(q)?;
    let leaves = blocking(state.store(), move |s| {
        let tree = s.log_size()?;
        if end > tree {
            return Ok(Err(format!("end {end} is past the log's {tree} leaves")));
        }
        if start >= end || end - start > MAX_LEAVES {
            return Ok(Err(format!(
                "start must be below end, by at most {MAX_LEAVES} leaves"
            )));
        }
        s.log_leaves(start, end).map(Ok)
    })
    .await?
    .map_err(AppError::LogRange)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(Json(LeavesAnswer {
        start,
        end,
        leaves: leaves.iter().map(|leaf| b64.encode(leaf)).collect(),
    })
    .into_response())
}
