//! The follow-up mailbox (`docs/PROTOCOL.md §8`): the `Whistlebox-Mailbox`
//! header, the reporter's routes (`POST`/`GET /api/mailbox`,
//! `GET /api/mailbox/objects/{id}`) and the investigators' answers
//! (`POST /api/objects/{id}/reply`, `…/status`).
//!
//! The header carries the mailbox secret. [`MailboxHeader`] takes it out of
//! the request before any other extractor copies the headers, hashes it at
//! once into a [`MailboxId`] and zeroizes the decoded secret; it is never
//! logged, stored or echoed. A mailbox exists for the relay only as the id of
//! the objects filed under it (§8.2 "No oracle"): an unknown mailbox and one
//! without items answer alike, after the same work.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName};
use axum::response::Response;
use axum::Json;
use serde::Serialize;
use whistlebox_core::report::Kind;
use zeroize::Zeroizing;

use crate::api::{blocking, receive_object, stream_object, Investigator};
use crate::error::AppError;
use crate::pow::PowTicket;
use crate::state::AppState;
use crate::store::{Entry, Filing, MailboxId, ObjectId};

/// The header that carries the mailbox secret (PROTOCOL.md §8.1).
pub const MAILBOX_HEADER: HeaderName = HeaderName::from_static("whistlebox-mailbox");

/// Bytes of the mailbox secret (64 hex digits on the wire).
const SECRET_LEN: usize = 32;

/// The `Whistlebox-Mailbox` header, if the request has one, as the mailbox
/// id it names (PROTOCOL.md §8.1). Extracting it removes the header from the
/// request. A header that is not exactly one value of 64 lowercase hex
/// digits is `400 bad_mailbox`, whatever the store holds.
#[derive(Debug)]
pub struct MailboxHeader(pub Option<MailboxId>);

impl<S: Send + Sync> FromRequestParts<S> for MailboxHeader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<MailboxHeader, AppError> {
        let values = parts.headers.get_all(&MAILBOX_HEADER).iter().count();
        // Removed first, so that no later extractor (nor a bad answer) sees it.
        let Some(value) = parts.headers.remove(&MAILBOX_HEADER) else {
            return Ok(MailboxHeader(None));
        };
        if values != 1 {
            return Err(AppError::BadMailbox);
        }
        let text = value.as_bytes();
        let lower_hex = text.len() == 2 * SECRET_LEN
            && text
                .iter()
                .all(|&b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !lower_hex {
            return Err(AppError::BadMailbox);
        }
        let mut secret = Zeroizing::new([0u8; SECRET_LEN]);
        hex::decode_to_slice(text, secret.as_mut_slice()).map_err(|_| AppError::BadMailbox)?;
        Ok(MailboxHeader(Some(MailboxId::of_secret(&secret))))
    }
}

/// A request that must carry the `Whistlebox-Mailbox` header: `400
/// mailbox_required` without it (PROTOCOL.md §8.1).
#[derive(Debug)]
pub struct Mailbox(pub MailboxId);

impl<S: Send + Sync> FromRequestParts<S> for Mailbox {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Mailbox, AppError> {
        match MailboxHeader::from_request_parts(parts, state).await? {
            MailboxHeader(Some(id)) => Ok(Mailbox(id)),
            MailboxHeader(None) => Err(AppError::MailboxRequired),
        }
    }
}

/// One item of `GET /api/mailbox`.
#[derive(Serialize)]
pub(crate) struct MailboxItem {
    id: String,
    kind: &'static str,
    day: String,
    size: u64,
    /// Its leaf index in the transparency log (PROTOCOL.md §10.6).
    leaf: u64,
}

/// `{"items"}` answer of `GET /api/mailbox`.
#[derive(Serialize)]
pub(crate) struct MailboxAnswer {
    items: Vec<MailboxItem>,
}

/// `GET /api/mailbox` (PROTOCOL.md §8.2): the mailbox's follow-ups, replies
/// and status updates in ascending `seq` — `{"items":[]}` alike for an
/// unknown mailbox and one without items.
pub(crate) async fn list(
    State(state): State<AppState>,
    Mailbox(mailbox): Mailbox,
) -> Result<Json<MailboxAnswer>, AppError> {
    let items = blocking(state.store(), move |s| s.list_mailbox(&mailbox)).await?;
    Ok(Json(MailboxAnswer {
        items: items
            .into_iter()
            .map(|meta| MailboxItem {
                id: meta.id.to_string(),
                kind: meta.kind.as_str(),
                day: meta.day.to_string(),
                size: meta.size,
                leaf: meta.leaf,
            })
            .collect(),
    }))
}

/// `GET /api/mailbox/objects/{id}` (PROTOCOL.md §8.2): the ciphertext of one
/// of the mailbox's items; `404 not_found` alike for an unknown mailbox, an
/// unknown object, a report and another mailbox's item (§10.6).
pub(crate) async fn object(
    State(state): State<AppState>,
    Mailbox(mailbox): Mailbox,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let id = object_id(path)?;
    let found = blocking(state.store(), move |s| s.read_mailbox_object(&mailbox, &id)).await?;
    let (meta, chunks) = found.ok_or(AppError::NotFound)?;
    Ok(stream_object(&meta, chunks))
}

/// `POST /api/mailbox` (PROTOCOL.md §8.2): a reporter's follow-up, filed
/// under the mailbox even if it holds nothing yet (a mistyped codename makes
/// an orphan follow-up, never an error the reporter could learn from).
pub(crate) async fn followup(
    State(state): State<AppState>,
    PowTicket(ticket): PowTicket,
    Mailbox(mailbox): Mailbox,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let filing = Filing {
        kind: Kind::Followup,
        mailbox: Some(mailbox),
    };
    receive_object(&state, &headers, body, filing, Some(ticket)).await
}

/// `POST /api/objects/{id}/reply` (PROTOCOL.md §8.2): an investigator's
/// reply, filed under the mailbox of object `id`.
pub(crate) async fn reply(
    investigator: Investigator,
    state: State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    answer(investigator, state, path, headers, body, Kind::Reply).await
}

/// `POST /api/objects/{id}/status` (PROTOCOL.md §8.2): the same for a
/// status update.
pub(crate) async fn status(
    investigator: Investigator,
    state: State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    answer(investigator, state, path, headers, body, Kind::Status).await
}

/// Files a `reply` or `status` beside object `id`: `404 not_found` if there
/// is no such object, `410 deleted` if it was deleted (§12.1), `409
/// no_mailbox` if it was filed without a mailbox — all before any byte of
/// the body is read.
async fn answer(
    _investigator: Investigator,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Body,
    kind: Kind,
) -> Result<Response, AppError> {
    let id = object_id(path)?;
    let meta = match blocking(state.store(), move |s| s.get_entry(&id)).await? {
        None => return Err(AppError::NotFound),
        Some(Entry::Deleted(_)) => return Err(AppError::Deleted),
        Some(Entry::Object(meta)) => meta,
    };
    let mailbox = meta.mailbox.ok_or(AppError::NoMailbox)?;
    let filing = Filing {
        kind,
        mailbox: Some(mailbox),
    };
    receive_object(&state, &headers, body, filing, None).await
}

/// The `{id}` of a path: 32 lowercase hex digits, else `400 bad_request`.
fn object_id(path: Result<Path<String>, PathRejection>) -> Result<ObjectId, AppError> {
    let Path(id) =
        path.map_err(|e| AppError::BadRequest(format!("malformed path: {}", e.body_text())))?;
    id.parse()
        .map_err(|e| AppError::BadRequest(format!("malformed object id: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, Request};

    async fn extract(values: &[&[u8]]) -> (Result<MailboxHeader, AppError>, Parts) {
        let mut request = Request::get("/api/mailbox");
        for v in values {
            request = request.header(MAILBOX_HEADER, HeaderValue::from_bytes(v).unwrap());
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        let result = MailboxHeader::from_request_parts(&mut parts, &()).await;
        (result, parts)
    }

    #[tokio::test]
    async fn the_header_is_hashed_and_removed() {
        let secret = [7u8; 32];
        let text = hex::encode(secret);
        let (result, parts) = extract(&[text.as_bytes()]).await;
        let MailboxHeader(Some(id)) = result.unwrap() else {
            panic!("no mailbox");
        };
        // The id is the one the page derives (PROTOCOL.md §7.3).
        assert_eq!(
            id.to_string(),
            whistlebox_core::codename::mailbox_id_of(&secret)
        );
        assert!(parts.headers.get(&MAILBOX_HEADER).is_none());
        assert!(!format!("{id:?}").contains(&id.to_string()[..8]));
        let (result, _) = extract(&[]).await;
        assert!(matches!(result, Ok(MailboxHeader(None))));
    }

    #[tokio::test]
    async fn a_malformed_header_is_bad_mailbox() {
        let upper = hex::encode_upper([0xabu8; 32]);
        let good = hex::encode([7u8; 32]);
        let short = &good[..63];
        let long = format!("{good}0");
        let spaced = format!(" {}", &good[1..]);
        let bad: [&[&[u8]]; 6] = [
            &[upper.as_bytes()],
            &[short.as_bytes()],
            &[long.as_bytes()],
            &[spaced.as_bytes()],
            &[b""],
            &[good.as_bytes(), good.as_bytes()],
        ];
        for values in bad {
            let (result, parts) = extract(values).await;
            assert!(matches!(result, Err(AppError::BadMailbox)), "{values:?}");
            assert!(parts.headers.get(&MAILBOX_HEADER).is_none());
        }
    }
}
