//! The HTTP API: router and handlers (`docs/PROTOCOL.md §4`).
//!
//! Report bodies are streamed: each frame goes through the envelope
//! [`Checker`] (§2) and into 1 MiB chunks written to the store as they fill, so
//! no body is ever held whole in memory. A body that breaks a rule has its
//! chunks deleted before the `400`; one that passes is committed and flushed
//! before the `201`. Every route that takes an age file as its body
//! (`POST /api/reports`, and the mailbox routes of §8.2) goes through the one
//! `receive_object`, under the rules of its kind (§8.3). Upload sessions
//! are in [`crate::upload`], the follow-up mailbox in [`crate::mailbox`], the
//! page and its digest in [`crate::site`].

use std::sync::Arc;

use axum::body::{Body, BodyDataStream, Bytes};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put, MethodRouter};
use axum::{middleware, Json, Router};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::task::JoinHandle;
use whistlebox_core::envelope::{Checker, EnvelopeError};
use whistlebox_core::report::Kind;

use crate::error::AppError;
use crate::logging;
use crate::mailbox::MailboxHeader;
use crate::pow::{PowTicket, Ticket};
use crate::state::AppState;
use crate::store::{
    Chunks, Day, Entry, Filing, ObjectId, ObjectMeta, Store, StoreError, Upload, CHUNK_SIZE,
};
use crate::{mailbox, pow, site, tlog, upload};

/// Default and largest `limit` of `GET /api/inbox` (PROTOCOL.md §4.2).
pub const INBOX_MAX_LIMIT: usize = 1_000;

/// Longest time spent discarding the rest of a rejected body.
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Chunks buffered between the store reader and the response body.
const DOWNLOAD_QUEUE: usize = 2;

/// Every route of the relay with its methods and handlers (PROTOCOL.md
/// §4.1–4.2, §4.7, §4.8, §8.2, §10.4). [`router`] is built from this table and from
/// nothing else, so a test that walks it reaches every route the relay has
/// (the header sweep of `crates/relay/tests/headers.rs` does).
pub fn route_table() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/", get(site::index)),
        ("/assets/{*path}", get(site::asset)),
        ("/api/site", get(site::site)),
        ("/healthz", get(healthz)),
        ("/api/team", get(team)),
        ("/api/pow", post(pow::issue)),
        // Our own bound (E8) applies, streaming; axum's 2 MB default must not.
        (
            "/api/reports",
            post(submit_report).layer(DefaultBodyLimit::disable()),
        ),
        ("/api/uploads", post(upload::create)),
        (
            "/api/uploads/{upload}",
            get(upload::status).delete(upload::cancel),
        ),
        (
            "/api/uploads/{upload}/parts/{n}",
            put(upload::put_part).layer(DefaultBodyLimit::disable()),
        ),
        ("/api/uploads/{upload}/commit", post(upload::commit)),
        ("/api/inbox", get(inbox)),
        ("/api/objects/{id}", get(object).delete(delete_object)),
        (
            "/api/objects/{id}/reply",
            post(mailbox::reply).layer(DefaultBodyLimit::disable()),
        ),
        (
            "/api/objects/{id}/status",
            post(mailbox::status).layer(DefaultBodyLimit::disable()),
        ),
        (
            "/api/mailbox",
            get(mailbox::list)
                .post(mailbox::followup)
                .layer(DefaultBodyLimit::disable()),
        ),
        ("/api/mailbox/objects/{id}", get(mailbox::object)),
        ("/api/log/checkpoint", get(tlog::checkpoint)),
        ("/api/log/key", get(tlog::key)),
        ("/api/log/inclusion", get(tlog::inclusion)),
        ("/api/log/consistency", get(tlog::consistency)),
        ("/api/log/leaves", get(tlog::leaves)),
    ]
}

/// The relay's routes ([`route_table`]) with logging and security headers
/// (PROTOCOL.md §4.5). Starts the sweeper of idle upload sessions if a Tokio
/// runtime is running.
pub fn router(state: AppState) -> Router {
    upload::start_sweeper(&state);
    let mut routes = Router::new();
    for (path, methods) in route_table() {
        routes = routes.route(path, methods);
    }
    let routes = routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(crate::drain::drain_refused))
        .layer(middleware::from_fn(logging::log_request))
        .with_state(state);
    crate::headers::apply(routes)
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// `GET /healthz`.
async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// `GET /api/team`: the keyset as rendered at start-up.
async fn team(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        state.team_json().to_vec(),
    )
        .into_response()
}

/// Runs a store call on the blocking thread pool (sled does blocking I/O).
pub(crate) async fn blocking<T, F>(store: &Arc<dyn Store>, call: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
{
    let store = Arc::clone(store);
    Ok(tokio::task::spawn_blocking(move || call(store.as_ref())).await??)
}

/// `{"id","day"}` answer of every route that commits an object.
#[derive(Serialize)]
struct Accepted {
    id: String,
    day: String,
    leaf: u64,
    checkpoint: String,
}

/// How long a request body may stall between two frames before the relay
/// gives up on it (a slow sender must not hold an upload open for ever).
pub const BODY_IDLE: std::time::Duration = std::time::Duration::from_secs(60);

/// How many request bodies (reports and parts) are received at once; more get
/// `503 busy`, so that a flood cannot pin unbounded memory and open uploads.
pub const MAX_CONCURRENT_BODIES: usize = 64;

/// The next frame of a body, or [`AppError::BodyTimeout`] after [`BODY_IDLE`]
/// without one.
pub(crate) async fn next_frame(stream: &mut BodyDataStream) -> Option<Result<Bytes, AppError>> {
    match tokio::time::timeout(BODY_IDLE, stream.next()).await {
        Err(_) => Some(Err(AppError::BodyTimeout)),
        Ok(None) => None,
        Ok(Some(frame)) => Some(frame.map_err(|_| {
            AppError::BadRequest("the request body could not be read to its end".into())
        })),
    }
}

/// `POST /api/reports` (PROTOCOL.md §4.1): check the envelope while storing;
/// filed under the mailbox of the `Whistlebox-Mailbox` header, if given (§8.2).
async fn submit_report(
    State(state): State<AppState>,
    PowTicket(ticket): PowTicket,
    MailboxHeader(mailbox): MailboxHeader,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let filing = Filing {
        kind: Kind::Report,
        mailbox,
    };
    receive_object(&state, &headers, body, filing, Some(ticket)).await
}

/// Receives an age file, the whole body of a request, and commits it filed
/// as `filing` (PROTOCOL.md §4.1, §8.2): a declared length over E8 is refused
/// before any byte is read, and so is a follow-up, reply or status for a full
/// mailbox; the body streams through the envelope rules of its kind (§2,
/// §8.3) into the store's chunks; a broken rule deletes them. Answers `201
/// {"id","day"}` once the object is durable. An anonymous write (a report or
/// follow-up) comes with the `ticket` of its checked proof of work (§9.4).
pub(crate) async fn receive_object(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    filing: Filing,
    ticket: Option<Ticket>,
) -> Result<Response, AppError> {
    let rules = state.rules().for_kind(filing.kind);
    let max = rules.max_body_bytes;
    // E8: a declared length over the bound is refused before any byte is read.
    if let Some(len) = declared_length(headers)? {
        if len > max {
            return Err(EnvelopeError::TooLarge { max }.into());
        }
    }
    let declared = declared_length(headers)?;
    let _permit = state.body_permit()?;
    let store = Arc::clone(state.store());
    if let Some(mailbox) = filing.item_of().copied() {
        blocking(&store, move |s| s.check_mailbox_room(&mailbox)).await?;
    }
    // §4.4: room and the write rate, before any byte is stored, and the
    // proof of work spent (§9.4); replies and statuses come from
    // investigators and are neither rate-limited nor asked for work.
    match (filing.kind, ticket) {
        (Kind::Report | Kind::Followup, None) => return Err(AppError::PowRequired),
        (Kind::Report | Kind::Followup, Some(ticket)) => {
            state.admit_write(declared.unwrap_or(0), ticket).await?
        }
        _ => state.check_space(declared.unwrap_or(0)).await?,
    }
    let upload = blocking(&store, |s| s.begin()).await?;
    let mut writer = ChunkWriter::new(state.clone(), upload);
    let mut stream = body.into_data_stream();
    let checker = Checker::new(rules);
    let (size, sha256) = match receive(&mut writer, checker, &mut stream).await {
        Ok(received) => received,
        Err(e) => {
            writer.abort().await;
            if matches!(&e, AppError::Envelope(rule) if !matches!(rule, EnvelopeError::TooLarge { .. }))
            {
                drain(&mut stream, max).await;
            }
            return Err(e);
        }
    };
    // From here the object may become visible: never delete its chunks (a
    // failed commit leaves them to the garbage collection of the next start)
    // — unless the store refused the commit for a full mailbox before
    // writing anything.
    let upload = writer.finish();
    let day = Day::today();
    let pending = upload.clone();
    let committed = blocking(&store, move |s| {
        s.commit(&pending, filing, day, size, sha256)
    });
    let meta = match committed.await {
        Ok(meta) => meta,
        Err(full @ AppError::MailboxFull { .. }) => {
            if let Err(AppError::Internal(cause)) =
                blocking(&store, move |s| s.abort(&upload)).await
            {
                tracing::error!("could not delete an upload for a full mailbox: {cause}");
            }
            return Err(full);
        }
        Err(e) => return Err(e),
    };
    created(state, &meta).await
}

/// `201 {"id","day","leaf","checkpoint"}` for a committed object — its
/// receipt (PROTOCOL.md §10.5): the leaf index and a signed checkpoint of a
/// tree that holds it — with its size bucket for the request log
/// (§4.1, §4.7, §8.2).
pub(crate) async fn created(state: &AppState, meta: &ObjectMeta) -> Result<Response, AppError> {
    let checkpoint = state.log().checkpoint(state.store()).await?;
    let mut response = (
        StatusCode::CREATED,
        Json(Accepted {
            id: meta.id.to_string(),
            day: meta.day.to_string(),
            leaf: meta.leaf,
            checkpoint: checkpoint.to_string(),
        }),
    )
        .into_response();
    response
        .extensions_mut()
        .insert(logging::size_bucket(meta.size));
    Ok(response)
}

/// The `Content-Length` a request declares, if any.
pub(crate) fn declared_length(headers: &HeaderMap) -> Result<Option<u64>, AppError> {
    let Some(value) = headers.get(header::CONTENT_LENGTH) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(|text| text.parse().ok())
        .map(Some)
        .ok_or_else(|| AppError::BadRequest("Content-Length is not a number".into()))
}

/// Reads and discards what is left of a rejected body (at most `limit` bytes,
/// for at most [`DRAIN_TIME`]), so that the client, still sending, receives
/// the error instead of a reset connection. Nothing read here is kept.
pub(crate) async fn drain(stream: &mut BodyDataStream, limit: u64) {
    let discard = async {
        let mut drained: u64 = 0;
        while let Some(Ok(frame)) = stream.next().await {
            drained += frame.len() as u64;
            if drained > limit {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, discard).await;
}

/// Streams the body through the checker into the upload's chunks; returns
/// its size and SHA-256 (for its log leaf, PROTOCOL.md §10.1), both computed
/// as the bytes arrive.
async fn receive(
    writer: &mut ChunkWriter,
    mut checker: Checker,
    stream: &mut BodyDataStream,
) -> Result<(u64, [u8; 32]), AppError> {
    use sha2::Digest as _;
    let mut chunk = Vec::with_capacity(CHUNK_SIZE);
    let mut digest = sha2::Sha256::new();
    while let Some(frame) = next_frame(stream).await {
        let bytes = frame?;
        // Rules E1–E5 and E8 fail here, as early as the bytes allow.
        checker.update(&bytes)?;
        digest.update(&bytes);
        let mut rest: &[u8] = &bytes;
        while !rest.is_empty() {
            let take = (CHUNK_SIZE - chunk.len()).min(rest.len());
            chunk.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if chunk.len() == CHUNK_SIZE {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_SIZE));
                writer.put(full).await?;
            }
        }
    }
    // Rules E6 and E7 need the whole length.
    let summary = checker.finish()?;
    if !chunk.is_empty() {
        writer.put(chunk).await?;
    }
    Ok((summary.total_len, digest.finalize().into()))
}

/// Writes an upload's chunks in order and deletes them unless finished — also
/// when the request is dropped mid-body (client gone): the deletion then waits
/// for the chunk write in flight, so no chunk outlives the upload. Each chunk
/// must fit the storage quota and free-disk floor (§4.4) before it is written.
struct ChunkWriter {
    state: AppState,
    store: Arc<dyn Store>,
    /// `None` once finished or aborted.
    upload: Option<Upload>,
    next_index: u32,
    in_flight: Option<JoinHandle<Result<(), StoreError>>>,
}

impl ChunkWriter {
    fn new(state: AppState, upload: Upload) -> ChunkWriter {
        ChunkWriter {
            store: Arc::clone(state.store()),
            state,
            upload: Some(upload),
            next_index: 0,
            in_flight: None,
        }
    }

    /// Stores the next chunk (on the blocking pool).
    async fn put(&mut self, bytes: Vec<u8>) -> Result<(), AppError> {
        let upload = self
            .upload
            .clone()
            .expect("chunk written after finish or abort");
        let index = self.next_index;
        self.next_index = index
            .checked_add(1)
            .ok_or_else(|| AppError::internal("chunk index overflow"))?;
        let len = bytes.len() as u64;
        self.state.check_space(len).await?;
        let store = Arc::clone(&self.store);
        let write = self.in_flight.insert(tokio::task::spawn_blocking(move || {
            store.put_chunk(&upload, index, &bytes)
        }));
        let result = write.await;
        self.in_flight = None;
        result??;
        self.state.wrote(len);
        Ok(())
    }

    /// Deletes the chunks written so far.
    async fn abort(&mut self) {
        if let Some(upload) = self.upload.take() {
            let result = blocking(&self.store, move |s| s.abort(&upload)).await;
            if let Err(AppError::Internal(cause)) = result {
                tracing::error!("could not delete a rejected upload: {cause}");
            }
        }
    }

    /// Every chunk is written: hands the upload over for its commit.
    fn finish(mut self) -> Upload {
        self.upload.take().expect("finish after abort")
    }
}

impl Drop for ChunkWriter {
    fn drop(&mut self) {
        let Some(upload) = self.upload.take() else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return; // No runtime: the next start's garbage collection deletes the chunks.
        };
        let store = Arc::clone(&self.store);
        let in_flight = self.in_flight.take();
        runtime.spawn(async move {
            if let Some(write) = in_flight {
                let _ = write.await;
            }
            let result = tokio::task::spawn_blocking(move || store.abort(&upload)).await;
            if !matches!(result, Ok(Ok(()))) {
                tracing::error!("could not delete an interrupted upload");
            }
        });
    }
}

/// A request with a valid investigator bearer token (PROTOCOL.md §4.2, §4.6).
#[derive(Debug)]
pub struct Investigator;

impl FromRequestParts<AppState> for Investigator {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Investigator, AppError> {
        // Missing, malformed and unknown tokens all get the same answer.
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or(AppError::Unauthorized)?;
        if state.tokens().accepts(token).await {
            Ok(Investigator)
        } else {
            Err(AppError::Unauthorized)
        }
    }
}

/// Query of `GET /api/inbox`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InboxQuery {
    after: Option<u64>,
    limit: Option<usize>,
}

/// One item of `GET /api/inbox`.
#[derive(Serialize)]
struct InboxItem {
    id: String,
    seq: u64,
    kind: &'static str,
    /// Absent for a deleted object (PROTOCOL.md §4.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    size: u64,
    /// Whether the object was filed under a mailbox (PROTOCOL.md §8.2);
    /// absent for a deleted object.
    #[serde(skip_serializing_if = "Option::is_none")]
    mailbox: Option<bool>,
    /// Its leaf index in the transparency log (PROTOCOL.md §10.1).
    leaf: u64,
    /// Its tombstone's leaf index, for a deleted object only (§12.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<u64>,
}

impl From<Entry> for InboxItem {
    fn from(entry: Entry) -> InboxItem {
        match entry {
            Entry::Object(meta) => InboxItem {
                id: meta.id.to_string(),
                seq: meta.seq,
                kind: meta.kind.as_str(),
                day: Some(meta.day.to_string()),
                size: meta.size,
                mailbox: Some(meta.mailbox.is_some()),
                leaf: meta.leaf,
                deleted: None,
            },
            Entry::Deleted(tombstone) => InboxItem {
                id: tombstone.id.to_string(),
                seq: tombstone.seq,
                kind: tombstone.kind.as_str(),
                day: None,
                size: tombstone.size,
                mailbox: None,
                leaf: tombstone.leaf,
                deleted: Some(tombstone.deleted),
            },
        }
    }
}

/// `{"items","more"}` answer of `GET /api/inbox`.
#[derive(Serialize)]
struct InboxAnswer {
    items: Vec<InboxItem>,
    more: bool,
}

/// `GET /api/inbox?after=SEQ&limit=N` (PROTOCOL.md §4.2).
async fn inbox(
    _investigator: Investigator,
    State(state): State<AppState>,
    query: Result<Query<InboxQuery>, QueryRejection>,
) -> Result<Json<InboxAnswer>, AppError> {
    let Query(query) =
        query.map_err(|e| AppError::BadRequest(format!("malformed query: {}", e.body_text())))?;
    let after = query.after.unwrap_or(0);
    let limit = query.limit.unwrap_or(INBOX_MAX_LIMIT);
    if !(1..=INBOX_MAX_LIMIT).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit must be between 1 and {INBOX_MAX_LIMIT}"
        )));
    }
    let page = blocking(state.store(), move |s| s.list_after(after, limit)).await?;
    Ok(Json(InboxAnswer {
        items: page.items.into_iter().map(InboxItem::from).collect(),
        more: page.more,
    }))
}

/// `GET /api/objects/{id}` (PROTOCOL.md §4.2): the ciphertext, streamed from
/// the store chunk by chunk.
async fn object(
    _investigator: Investigator,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let Path(id) =
        path.map_err(|e| AppError::BadRequest(format!("malformed path: {}", e.body_text())))?;
    let id: ObjectId = id
        .parse()
        .map_err(|e| AppError::BadRequest(format!("malformed object id: {e}")))?;
    let found = blocking(state.store(), move |s| match s.get_entry(&id)? {
        None => Ok(Err(AppError::NotFound)),
        Some(Entry::Deleted(_)) => Ok(Err(AppError::Deleted)),
        Some(Entry::Object(meta)) => Ok(s
            .read_chunks(&id)?
            .map(|chunks| (meta, chunks))
            .ok_or(AppError::NotFound)),
    })
    .await??;
    let (meta, chunks) = found;
    Ok(stream_object(&meta, chunks))
}

/// `{"id","leaf","checkpoint"}` answer of `DELETE /api/objects/{id}`.
#[derive(Serialize)]
struct DeletedAnswer {
    id: String,
    /// The tombstone's leaf index (PROTOCOL.md §10.1).
    leaf: u64,
    checkpoint: String,
}

/// `DELETE /api/objects/{id}` (PROTOCOL.md §4.2, §12.1): the ciphertext
/// goes, a tombstone leaf is appended, in one transaction; idempotent.
async fn delete_object(
    _investigator: Investigator,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<DeletedAnswer>, AppError> {
    let Path(id) =
        path.map_err(|e| AppError::BadRequest(format!("malformed path: {}", e.body_text())))?;
    let id: ObjectId = id
        .parse()
        .map_err(|e| AppError::BadRequest(format!("malformed object id: {e}")))?;
    let tombstone = blocking(state.store(), move |s| s.delete(&id))
        .await?
        .ok_or(AppError::NotFound)?;
    let checkpoint = state.log().checkpoint(state.store()).await?;
    Ok(Json(DeletedAnswer {
        id: tombstone.id.to_string(),
        leaf: tombstone.deleted,
        checkpoint: checkpoint.to_string(),
    }))
}

/// A `200 application/octet-stream` response streaming an object's chunks
/// from the store (read on the blocking pool, a few chunks ahead).
pub(crate) fn stream_object(meta: &ObjectMeta, chunks: Chunks) -> Response {
    let (sender, receiver) =
        tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(DOWNLOAD_QUEUE);
    tokio::task::spawn_blocking(move || {
        for chunk in chunks {
            let item = chunk.map(Bytes::from).map_err(|e| {
                tracing::error!("internal error while sending an object: {e}");
                std::io::Error::other("storage error")
            });
            let failed = item.is_err();
            // A closed channel means the client went away: stop reading.
            if sender.blocking_send(item).is_err() || failed {
                break;
            }
        }
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    });
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (header::CONTENT_LENGTH, HeaderValue::from(meta.size)),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
