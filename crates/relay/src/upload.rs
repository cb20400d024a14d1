//! Upload sessions: resumable uploads in parts (`docs/PROTOCOL.md §4.7`).
//!
//! The parts of a session are stored as they arrive (the store writes them as
//! the chunks of a pending object, [`crate::store`]) and a part is
//! acknowledged only after `flush`. At commit the parts are streamed, in
//! order, through the envelope [`Checker`] (§2) — never held whole in memory —
//! and the object is then made visible in one transaction; a broken rule
//! deletes every part.
//!
//! Requests that change a session (PUT, commit, DELETE) are serialised by a
//! per-session lock, held until the store calls they started have finished,
//! even if the client went away. The idle timer of each session lives here,
//! in memory only (a monotonic [`Instant`], never written to disk); a sweeper
//! task deletes sessions idle for longer than `upload_ttl_secs`, and after a
//! restart every stored session gets a fresh timer.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use tokio::sync::OwnedMutexGuard;
use tokio::time::Instant;
use whistlebox_core::envelope::{Checker, EnvelopeError, Rules};
use whistlebox_core::report::Kind;

use crate::api::{self, blocking, declared_length, drain};
use crate::error::AppError;
use crate::mailbox::MailboxHeader;
use crate::pow::PowTicket;
use crate::state::{AppState, WeakState};
use crate::store::{Day, Filing, ObjectMeta, Store, StoreError, UploadId, CHUNK_SIZE};

/// Size of every part but the last: 4 MiB (PROTOCOL.md §4.7).
pub const PART_SIZE: u64 = 4 * 1024 * 1024;

/// Bytes of part 0 checked at once for rule E1: the length of the longer of
/// the age version line and the armor marker (`-----BEGIN AGE ENCRYPTED FILE-----`).
const MAGIC_CHECK_LEN: usize = 34;

/// Longest body of `POST /api/uploads` (PROTOCOL.md §8.2).
const CREATE_BODY_MAX: usize = 64;

/// Longest wait for another request on the same session to finish.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// The session lock, shared with the store calls it protects.
type SessionGuard = Arc<OwnedMutexGuard<()>>;

/// One open session, in memory.
#[derive(Debug)]
struct Slot {
    /// Serialises PUT, commit and DELETE of the session.
    lock: Arc<tokio::sync::Mutex<()>>,
    /// Set, under the lock, once the session is committed, deleted or expired.
    gone: AtomicBool,
    /// Last time a request used the session (monotonic, memory only).
    touched: Mutex<Instant>,
}

impl Slot {
    fn new() -> Slot {
        Slot {
            lock: Arc::new(tokio::sync::Mutex::new(())),
            gone: AtomicBool::new(false),
            touched: Mutex::new(Instant::now()),
        }
    }

    fn touch(&self) {
        *self.touched.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    fn idle(&self) -> Duration {
        self.touched
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .elapsed()
    }

    fn is_gone(&self) -> bool {
        self.gone.load(Ordering::SeqCst)
    }

    /// Takes the session lock (waiting at most [`LOCK_WAIT`]).
    async fn acquire(&self) -> Result<SessionGuard, AppError> {
        let guard = tokio::time::timeout(LOCK_WAIT, Arc::clone(&self.lock).lock_owned())
            .await
            .map_err(|_| AppError::UploadBusy)?;
        if self.is_gone() {
            return Err(AppError::UnknownUpload);
        }
        self.touch();
        Ok(Arc::new(guard))
    }
}

#[derive(Debug, Default)]
struct Registry {
    slots: HashMap<UploadId, Arc<Slot>>,
    /// Sessions being opened: counted against `max_uploads` already.
    opening: usize,
}

/// The open upload sessions and their idle timers.
#[derive(Debug)]
pub struct Uploads {
    registry: Mutex<Registry>,
    ttl: Duration,
    max: usize,
    sweeper_started: AtomicBool,
}

impl Uploads {
    /// Sessions `existing` (from the store, after a restart) with fresh timers.
    pub fn new(ttl: Duration, max: usize, existing: impl IntoIterator<Item = UploadId>) -> Uploads {
        let slots = existing
            .into_iter()
            .map(|id| (id, Arc::new(Slot::new())))
            .collect();
        Uploads {
            registry: Mutex::new(Registry { slots, opening: 0 }),
            ttl,
            max,
            sweeper_started: AtomicBool::new(false),
        }
    }

    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Open sessions.
    pub fn len(&self) -> usize {
        self.registry().slots.len()
    }

    /// Whether no session is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, id: &UploadId) -> Result<Arc<Slot>, AppError> {
        let slot = self
            .registry()
            .slots
            .get(id)
            .cloned()
            .ok_or(AppError::UnknownUpload)?;
        if slot.is_gone() {
            return Err(AppError::UnknownUpload);
        }
        slot.touch();
        Ok(slot)
    }

    fn remove(&self, id: &UploadId) {
        self.registry().slots.remove(id);
    }

    /// Ends a session whose lock is held: no request will use it again.
    fn retire(&self, id: &UploadId, slot: &Slot) {
        slot.gone.store(true, Ordering::SeqCst);
        self.remove(id);
    }

    /// Counts a session about to be opened, or refuses it (`max_uploads`).
    /// The count is released when the [`Admission`] is dropped.
    fn admit(&self) -> Result<Admission<'_>, AppError> {
        let mut registry = self.registry();
        if registry.slots.len() + registry.opening >= self.max {
            return Err(AppError::TooManyUploads { max: self.max });
        }
        registry.opening += 1;
        Ok(Admission { uploads: self })
    }
}

/// A session being opened, counted against `max_uploads` — also if the
/// request is dropped before the session exists.
struct Admission<'a> {
    uploads: &'a Uploads,
}

impl Admission<'_> {
    /// Registers the opened session.
    fn opened(self, id: UploadId) {
        self.uploads
            .registry()
            .slots
            .insert(id, Arc::new(Slot::new()));
    }
}

impl Drop for Admission<'_> {
    fn drop(&mut self) {
        self.uploads.registry().opening -= 1;
    }
}

impl Uploads {
    /// How often the sweeper looks for idle sessions.
    fn sweep_interval(&self) -> Duration {
        (self.ttl / 4).clamp(Duration::from_millis(100), Duration::from_secs(60))
    }

    /// Retires the sessions idle for longer than the ttl whose lock is free;
    /// returns their ids (to be deleted from the store).
    fn expired(&self) -> Vec<UploadId> {
        let mut registry = self.registry();
        let mut expired = Vec::new();
        registry.slots.retain(|id, slot| {
            if slot.idle() <= self.ttl {
                return true;
            }
            // A session with a request running is not idle.
            let Ok(_guard) = slot.lock.try_lock() else {
                return true;
            };
            slot.gone.store(true, Ordering::SeqCst);
            expired.push(*id);
            false
        });
        expired
    }
}

/// Starts the sweeper of idle sessions once per state, if a Tokio runtime is
/// running (it stops when the state is dropped).
pub(crate) fn start_sweeper(state: &AppState) {
    if state.uploads().sweeper_started.swap(true, Ordering::SeqCst) {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        state
            .uploads()
            .sweeper_started
            .store(false, Ordering::SeqCst);
        return;
    };
    let interval = state.uploads().sweep_interval();
    let weak = state.downgrade();
    runtime.spawn(sweep_forever(weak, interval));
}

async fn sweep_forever(weak: WeakState, interval: Duration) {
    loop {
        tokio::time::sleep(interval).await;
        let Some(state) = weak.upgrade() else {
            return;
        };
        for id in state.uploads().expired() {
            let result = blocking(state.store(), move |s| s.delete_session(&id)).await;
            if let Err(AppError::Internal(cause)) = result {
                tracing::error!("could not delete an expired upload: {cause}");
            }
        }
    }
}

/// The largest number of parts an upload can have.
fn max_parts(rules: &Rules) -> u64 {
    rules.max_body_bytes.div_ceil(PART_SIZE).max(1)
}

/// `POST /api/uploads` answer.
#[derive(Serialize)]
struct Created {
    upload: String,
    part_size: u64,
    max_parts: u64,
    received: u32,
}

/// `GET /api/uploads/{upload}` answer.
#[derive(Serialize)]
struct Status {
    upload: String,
    part_size: u64,
    max_parts: u64,
    received: u32,
    bytes: u64,
}

/// `PUT …/parts/{n}` answer.
#[derive(Serialize)]
struct Received {
    received: u32,
}

fn parse_upload(text: &str) -> Result<UploadId, AppError> {
    text.parse()
        .map_err(|_| AppError::BadRequest("an upload id is 32 lowercase hexadecimal digits".into()))
}

/// The optional body of `POST /api/uploads` (PROTOCOL.md §8.2).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    kind: UploadKind,
}

/// The kinds an upload session may carry: the reporter's.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum UploadKind {
    Report,
    Followup,
}

/// The kind a `POST /api/uploads` body asks for: none (or an empty body) is
/// a report; otherwise `{"kind":"report"}` or `{"kind":"followup"}`, at most
/// [`CREATE_BODY_MAX`] bytes; anything else is `400 bad_request`.
async fn create_kind(headers: &HeaderMap, body: Body) -> Result<Kind, AppError> {
    let bad = || {
        AppError::BadRequest(format!(
            "the body of POST /api/uploads is empty or one of {{\"kind\":\"report\"}} and \
             {{\"kind\":\"followup\"}}, at most {CREATE_BODY_MAX} bytes"
        ))
    };
    if declared_length(headers)?.is_some_and(|len| len > CREATE_BODY_MAX as u64) {
        return Err(bad());
    }
    let read = axum::body::to_bytes(body, CREATE_BODY_MAX);
    let bytes = tokio::time::timeout(api::BODY_IDLE, read)
        .await
        .map_err(|_| AppError::BodyTimeout)?
        .map_err(|_| bad())?;
    if bytes.is_empty() {
        return Ok(Kind::Report);
    }
    let parsed: CreateBody = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    Ok(match parsed.kind {
        UploadKind::Report => Kind::Report,
        UploadKind::Followup => Kind::Followup,
    })
}

/// `POST /api/uploads`: opens a session (PROTOCOL.md §4.7), filed at commit
/// as its body and `Whistlebox-Mailbox` header say (§8.2).
pub(crate) async fn create(
    State(state): State<AppState>,
    PowTicket(ticket): PowTicket,
    MailboxHeader(mailbox): MailboxHeader,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let kind = create_kind(&headers, body).await?;
    if kind == Kind::Followup && mailbox.is_none() {
        return Err(AppError::MailboxRequired);
    }
    let filing = Filing { kind, mailbox };
    if let Some(mailbox) = filing.item_of().copied() {
        blocking(state.store(), move |s| s.check_mailbox_room(&mailbox)).await?;
    }
    let admission = state.uploads().admit()?;
    // §4.4: room and the write rate, before the session is stored; the
    // proof of work is spent only then (§9.4).
    state.admit_write(0, ticket).await?;
    let session = blocking(state.store(), move |s| s.open_session(PART_SIZE, filing)).await?;
    admission.opened(session.upload);
    let answer = Created {
        upload: session.upload.to_string(),
        part_size: session.part_size,
        max_parts: max_parts(state.rules()),
        received: 0,
    };
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

/// `GET /api/uploads/{upload}`: how many parts are durably stored.
pub(crate) async fn status(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<serde_json::Value>, AppError> {
    let Path(text) = path.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let id = parse_upload(&text)?;
    state.uploads().get(&id)?;
    let session = blocking(state.store(), move |s| s.get_session(&id))
        .await?
        .ok_or(AppError::UnknownUpload)?;
    let answer = Status {
        upload: session.upload.to_string(),
        part_size: session.part_size,
        max_parts: max_parts(state.rules()),
        received: session.parts,
        bytes: session.bytes,
    };
    Ok(Json(
        serde_json::to_value(answer).expect("status serialises"),
    ))
}

/// Deletes a session whose lock `guard` is held, and retires it.
async fn delete(state: &AppState, id: UploadId, slot: &Slot, guard: SessionGuard) {
    state.uploads().retire(&id, slot);
    let result = blocking(state.store(), move |s| {
        let deleted = s.delete_session(&id);
        drop(guard);
        deleted
    })
    .await;
    if let Err(AppError::Internal(cause)) = result {
        tracing::error!("could not delete an upload: {cause}");
    }
}

/// `PUT /api/uploads/{upload}/parts/{n}`: stores part `n` and flushes.
pub(crate) async fn put_part(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let Path((text, n)) = path.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let id = parse_upload(&text)?;
    let part: u32 = n
        .parse()
        .map_err(|_| AppError::BadRequest(format!("part number {n:?} is not a number")))?;
    let _permit = state.body_permit()?;
    let slot = state.uploads().get(&id)?;
    let guard = slot.acquire().await?;
    let session = blocking(state.store(), move |s| s.get_session(&id))
        .await?
        .ok_or(AppError::UnknownUpload)?;
    if part > session.parts {
        return Err(AppError::PartOutOfOrder {
            part,
            expected: session.parts,
        });
    }
    if part < session.parts {
        return Err(AppError::PartDuplicate {
            part,
            expected: session.parts,
        });
    }
    let rules = state.rules().for_kind(session.filing.kind);
    let max = rules.max_body_bytes;
    let part_size = session.part_size;
    let too_large = AppError::Envelope(EnvelopeError::TooLarge { max });
    if u64::from(part) >= max_parts(&rules) {
        delete(&state, id, &slot, guard).await;
        return Err(too_large);
    }
    // Bounds on the declared length, before any byte is read.
    if let Some(len) = declared_length(&headers)? {
        if len > part_size {
            return Err(AppError::PartTooLarge { part_size });
        }
        if session.bytes.saturating_add(len) > max {
            delete(&state, id, &slot, guard).await;
            return Err(too_large);
        }
    }
    // §4.4: room for the part, before any of its bytes is stored.
    state
        .check_space(declared_length(&headers)?.unwrap_or(0))
        .await?;
    let mut stream = body.into_data_stream();
    // Rule E1 on the first bytes of part 0, at once.
    let mut magic = (part == 0).then(|| (Checker::new(rules), 0usize));
    let mut chunk = Vec::with_capacity(CHUNK_SIZE);
    let mut index = 0u32;
    let mut len: u64 = 0;
    while let Some(frame) = api::next_frame(&mut stream).await {
        let bytes: Bytes = frame?;
        len += bytes.len() as u64;
        if len > part_size {
            return Err(AppError::PartTooLarge { part_size });
        }
        if session.bytes + len > max {
            delete(&state, id, &slot, guard).await;
            return Err(too_large);
        }
        if let Some((checker, fed)) = magic.as_mut() {
            let take = (MAGIC_CHECK_LEN - *fed).min(bytes.len());
            *fed += take;
            if let Err(e) = checker.update(&bytes[..take]) {
                delete(&state, id, &slot, guard).await;
                drain(&mut stream, part_size).await;
                return Err(e.into());
            }
            if *fed == MAGIC_CHECK_LEN {
                magic = None;
            }
        }
        let mut rest: &[u8] = &bytes;
        while !rest.is_empty() {
            let take = (CHUNK_SIZE - chunk.len()).min(rest.len());
            chunk.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if chunk.len() == CHUNK_SIZE {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_SIZE));
                write_chunk(&state, &session, &guard, part, index, full).await?;
                index += 1;
            }
        }
    }
    if !chunk.is_empty() {
        write_chunk(&state, &session, &guard, part, index, chunk).await?;
    }
    let held = Arc::clone(&guard);
    let finished = blocking(state.store(), move |s| {
        let result = s.finish_part(&id, part, len);
        drop(held);
        result
    })
    .await;
    drop(guard);
    let session = finished?;
    slot.touch();
    Ok(Json(Received {
        received: session.parts,
    })
    .into_response())
}

/// Writes one chunk of a part; the store call holds the session lock until it
/// ends, even if this request is dropped meanwhile.
async fn write_chunk(
    state: &AppState,
    session: &crate::store::Session,
    guard: &SessionGuard,
    part: u32,
    index: u32,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let len = bytes.len() as u64;
    state.check_space(len).await?;
    let held = Arc::clone(guard);
    let session = session.clone();
    blocking(state.store(), move |s| {
        let result = s.put_part_chunk(&session, part, index, &bytes);
        drop(held);
        result
    })
    .await?;
    state.wrote(len);
    Ok(())
}

/// Why a commit failed, as decided on the blocking pool.
enum Refusal {
    /// A rule was broken: the session was deleted.
    Rule(AppError),
    /// A storage failure: the session is left as it was.
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        Refusal::Store(e)
    }
}

/// Checks a session's parts against §2 under the rules of its kind (§8.3,
/// from the team's base `rules`) and commits them, or deletes them — also
/// when the mailbox of a follow-up is full (§8.2).
fn check_and_commit(store: &dyn Store, rules: Rules, id: &UploadId) -> Result<ObjectMeta, Refusal> {
    let session = store.get_session(id)?.ok_or(StoreError::NoSession)?;
    let rules = rules.for_kind(session.filing.kind);
    let refuse = |error: AppError| -> Result<ObjectMeta, Refusal> {
        store.delete_session(id)?;
        Err(Refusal::Rule(error))
    };
    if !session.parts_are_full() {
        let part = session.first_short.unwrap_or(0);
        return refuse(AppError::PartSize {
            part,
            part_size: session.part_size,
        });
    }
    // The parts are read back once: through the envelope rules and, for
    // the object's log leaf (PROTOCOL.md §10.1), into its SHA-256.
    let mut checker = Checker::new(rules);
    let mut digest = sha2::Sha256::new();
    let mut broken = None;
    for chunk in store.session_chunks(&session)? {
        let chunk = chunk?;
        if let Err(e) = checker.update(&chunk) {
            broken = Some(e);
            break;
        }
        digest.update(&chunk);
    }
    let summary = match broken {
        Some(e) => return refuse(e.into()),
        None => match checker.finish() {
            Ok(summary) => summary,
            Err(e) => return refuse(e.into()),
        },
    };
    if summary.total_len != session.bytes {
        return Err(Refusal::Store(StoreError::Corrupt(format!(
            "a session of {} bytes read back as {}",
            session.bytes, summary.total_len
        ))));
    }
    match store.commit_session(id, Day::today(), digest.finalize().into()) {
        Ok(meta) => Ok(meta),
        Err(StoreError::MailboxFull { max }) => refuse(AppError::MailboxFull { max }),
        Err(e) => Err(Refusal::Store(e)),
    }
}

/// `POST /api/uploads/{upload}/commit`: checks the whole and commits it.
pub(crate) async fn commit(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let Path(text) = path.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let id = parse_upload(&text)?;
    let slot = state.uploads().get(&id)?;
    let guard = slot.acquire().await?;
    let rules = state.rules().clone();
    let worker = state.clone();
    let slot_in = Arc::clone(&slot);
    // One blocking task does the check and the commit or deletion, and retires
    // the session, holding the lock throughout — even if the client goes away.
    let outcome = tokio::task::spawn_blocking(move || {
        let outcome = check_and_commit(worker.store().as_ref(), rules, &id);
        if !matches!(outcome, Err(Refusal::Store(_))) {
            worker.uploads().retire(&id, &slot_in);
        }
        drop(guard);
        outcome
    })
    .await?;
    let meta = match outcome {
        Ok(meta) => meta,
        Err(Refusal::Rule(e)) => return Err(e),
        Err(Refusal::Store(StoreError::NoSession)) => return Err(AppError::UnknownUpload),
        Err(Refusal::Store(e)) => return Err(e.into()),
    };
    api::created(&state, &meta).await
}

/// `DELETE /api/uploads/{upload}`: the reporter cancelled.
pub(crate) async fn cancel(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, AppError> {
    let Path(text) = path.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let id = parse_upload(&text)?;
    let slot = state.uploads().get(&id)?;
    let guard = slot.acquire().await?;
    state.uploads().retire(&id, &slot);
    let deleted = blocking(state.store(), move |s| {
        let deleted = s.delete_session(&id);
        drop(guard);
        deleted
    })
    .await?;
    if deleted {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::UnknownUpload)
    }
}
