//! Errors: [`RelayError`] for starting the relay and its commands, and the one
//! HTTP error type [`AppError`], which renders every failure as
//! `{"error": code, "message": text}` (`docs/PROTOCOL.md §4.4`).

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use whistlebox_core::envelope::EnvelopeError;
use whistlebox_core::team::TeamError;

use crate::store::StoreError;
use crate::tokens::TokenError;

/// Why the relay could not start, or a relay command failed. Each message
/// says what went wrong and what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RelayError {
    /// The config file could not be read.
    #[error("cannot read the config file {path}: {source}; check the --config path")]
    ConfigRead {
        /// The config file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The config file is not valid TOML with the documented keys.
    #[error("config file {path} is invalid: {message}; the keys are data, team, listen, max_body_bytes, min_recipients, upload_ttl_secs, max_uploads, max_writes_per_minute, max_store_bytes, min_free_bytes, pow_bits, pow_parts, pow_ttl_secs, log_origin and a [safety] table")]
    ConfigParse {
        /// The config file.
        path: PathBuf,
        /// What the TOML parser said.
        message: String,
    },
    /// A required setting was given neither as a flag nor in the config file.
    #[error("no {what} given: pass --{flag} or set `{key}` in the config file (or use --demo)")]
    MissingSetting {
        /// What the setting is.
        what: &'static str,
        /// The command-line flag.
        flag: &'static str,
        /// The config file key.
        key: &'static str,
    },
    /// A setting has a value out of range.
    #[error("{0}")]
    InvalidSetting(String),
    /// The team keyset file could not be read.
    #[error("cannot read the team keyset {path}: {source}; pass the keyset file with --team (format: docs/PROTOCOL.md §3)")]
    TeamRead {
        /// The keyset file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The team keyset file breaks a rule of PROTOCOL.md §3.
    #[error("team keyset {path} is invalid: {source}; fix the file and start again")]
    TeamInvalid {
        /// The keyset file.
        path: PathBuf,
        /// The broken rule.
        source: TeamError,
    },
    /// `min_recipients` is outside `1..=team size`.
    #[error("min_recipients = {min} is outside 1..={team_size} (the team in {path} has {team_size} investigators); choose a value in that range")]
    MinRecipients {
        /// The configured value.
        min: usize,
        /// The number of investigators.
        team_size: usize,
        /// The keyset file.
        path: PathBuf,
    },
    /// The data directory could not be created.
    #[error(
        "cannot create the data directory {path}: {source}; choose a writable --data directory"
    )]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The sled database could not be opened or checked.
    #[error("cannot open the database {path}: {source}; if another relay runs with this data directory, stop it first")]
    Store {
        /// The database directory.
        path: PathBuf,
        /// The storage error.
        source: StoreError,
    },
    /// A pull token could not be created.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}: {source}; choose another --listen address or stop the program using it")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        source: io::Error,
    },
    /// The demo files could not be written.
    #[error(
        "cannot write the demo file {path}: {source}; choose a writable, empty --data directory"
    )]
    Demo {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The embedded page bundle does not match its `SHA256SUMS` (PROTOCOL.md §4.8).
    #[error(
        "the embedded page bundle is inconsistent: {0}; rebuild the relay from a clean web/dist"
    )]
    Bundle(String),
    /// The server failed while running.
    #[error("the server stopped with an error: {0}")]
    Serve(io::Error),
    /// The transparency log's key could not be made or read (PROTOCOL.md §10.3).
    #[error("transparency log key {path}: {why}")]
    LogKey {
        /// The key file.
        path: PathBuf,
        /// What is wrong, and what to do.
        why: String,
    },
    /// A backup could not be made (docs/DEPLOYING.md).
    #[error("backup: {0}")]
    Backup(String),
}

/// `Retry-After` of `503 busy`, in seconds.
pub const BUSY_RETRY_SECS: u64 = 5;
/// `Retry-After` of `503 too_many_uploads`, in seconds.
pub const TOO_MANY_UPLOADS_RETRY_SECS: u64 = 60;

/// Every way a request can fail, as the client sees it (`PROTOCOL.md §4.4`).
#[derive(Debug)]
#[non_exhaustive]
pub enum AppError {
    /// The body breaks an envelope rule E1–E8 (400, or 413 for E8).
    Envelope(EnvelopeError),
    /// A malformed query, path or request header (400 `bad_request`).
    BadRequest(String),
    /// No valid bearer token (401 `unauthorized`, same body whatever the cause).
    Unauthorized,
    /// Unknown route or object (404 `not_found`).
    NotFound,
    /// Known route, wrong method (405 `method_not_allowed`).
    MethodNotAllowed,
    /// The object was deleted (410 `deleted`, PROTOCOL.md §12.1).
    Deleted,
    /// No such upload session (404 `unknown_upload`, PROTOCOL.md §4.7).
    UnknownUpload,
    /// A part after the next one expected (409 `part_out_of_order`).
    PartOutOfOrder {
        /// The part sent.
        part: u32,
        /// The part expected next (= parts received).
        expected: u32,
    },
    /// A part already received (409 `part_duplicate`).
    PartDuplicate {
        /// The part sent.
        part: u32,
        /// The part expected next (= parts received).
        expected: u32,
    },
    /// A part over the part size (413 `part_too_large`).
    PartTooLarge {
        /// The part size.
        part_size: u64,
    },
    /// A part before the last is shorter than the part size (400 `part_size`).
    PartSize {
        /// The short part.
        part: u32,
        /// The part size.
        part_size: u64,
    },
    /// Another request for this upload session is still running (409 `upload_busy`).
    UploadBusy,
    /// Too many upload sessions are open (503 `too_many_uploads`).
    TooManyUploads {
        /// The limit, `max_uploads`.
        max: usize,
    },
    /// No body bytes arrived for [`BODY_IDLE`](crate::api::BODY_IDLE) (408 `body_timeout`).
    BodyTimeout,
    /// Too many bodies are being received at once (503 `busy`).
    Busy,
    /// The global rate of anonymous writes is spent (429 `rate_limited`).
    RateLimited {
        /// Whole seconds until the next write is accepted (`Retry-After`).
        retry_after: u64,
    },
    /// The data directory holds `max_store_bytes` (503 `storage_full`).
    StorageFull,
    /// The file system has less than `min_free_bytes` free (503 `disk_full`).
    DiskFull,
    /// A mailbox route without the `Whistlebox-Mailbox` header (400
    /// `mailbox_required`, PROTOCOL.md §8.1).
    MailboxRequired,
    /// A `Whistlebox-Mailbox` header that is not one value of 64 lowercase
    /// hex digits (400 `bad_mailbox`, §8.1).
    BadMailbox,
    /// A reply or status for an object filed without a mailbox (409 `no_mailbox`, §8.2).
    NoMailbox,
    /// The mailbox holds its most items (409 `mailbox_full`, §8.2).
    MailboxFull {
        /// The cap.
        max: usize,
    },
    /// An anonymous write without a `Whistlebox-Pow` header (428
    /// `pow_required`, PROTOCOL.md §9.4).
    PowRequired,
    /// A `Whistlebox-Pow` header that breaks the syntax of §9.3 (400 `bad_pow`).
    BadPow(String),
    /// A proof of work this relay does not accept: forged, from another
    /// relay or an earlier run, for another difficulty, or a wrong solution
    /// (403 `pow_invalid`, §9.4).
    PowInvalid(&'static str),
    /// The challenge has expired (403 `pow_expired`, §9.4).
    PowExpired,
    /// The challenge was already spent on an admitted write (409 `pow_spent`, §9.4).
    PowSpent,
    /// The spent set is full (503 `busy`, §9.4).
    PowFull {
        /// Whole seconds until its oldest challenge expires.
        retry_after: u64,
    },
    /// A log range that is not inside the tree (400 `log_range`, PROTOCOL.md §10.4).
    LogRange(String),
    /// A storage or runtime failure (500 `internal`); the cause is logged, never sent.
    Internal(String),
}

impl AppError {
    /// An internal failure; `cause` must not contain request details.
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        AppError::Internal(cause.to_string())
    }

    /// The HTTP status and the stable error code.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Envelope(e @ EnvelopeError::TooLarge { .. }) => {
                (StatusCode::PAYLOAD_TOO_LARGE, e.code())
            }
            AppError::Envelope(e) => (StatusCode::BAD_REQUEST, e.code()),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            AppError::Deleted => (StatusCode::GONE, "deleted"),
            AppError::UnknownUpload => (StatusCode::NOT_FOUND, "unknown_upload"),
            AppError::PartOutOfOrder { .. } => (StatusCode::CONFLICT, "part_out_of_order"),
            AppError::PartDuplicate { .. } => (StatusCode::CONFLICT, "part_duplicate"),
            AppError::PartTooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "part_too_large"),
            AppError::PartSize { .. } => (StatusCode::BAD_REQUEST, "part_size"),
            AppError::UploadBusy => (StatusCode::CONFLICT, "upload_busy"),
            AppError::TooManyUploads { .. } => {
                (StatusCode::SERVICE_UNAVAILABLE, "too_many_uploads")
            }
            AppError::BodyTimeout => (StatusCode::REQUEST_TIMEOUT, "body_timeout"),
            AppError::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            AppError::StorageFull => (StatusCode::SERVICE_UNAVAILABLE, "storage_full"),
            AppError::DiskFull => (StatusCode::SERVICE_UNAVAILABLE, "disk_full"),
            AppError::MailboxRequired => (StatusCode::BAD_REQUEST, "mailbox_required"),
            AppError::BadMailbox => (StatusCode::BAD_REQUEST, "bad_mailbox"),
            AppError::NoMailbox => (StatusCode::CONFLICT, "no_mailbox"),
            AppError::MailboxFull { .. } => (StatusCode::CONFLICT, "mailbox_full"),
            AppError::PowRequired => (StatusCode::PRECONDITION_REQUIRED, "pow_required"),
            AppError::BadPow(_) => (StatusCode::BAD_REQUEST, "bad_pow"),
            AppError::PowInvalid(_) => (StatusCode::FORBIDDEN, "pow_invalid"),
            AppError::PowExpired => (StatusCode::FORBIDDEN, "pow_expired"),
            AppError::PowSpent => (StatusCode::CONFLICT, "pow_spent"),
            AppError::PowFull { .. } => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            AppError::LogRange(_) => (StatusCode::BAD_REQUEST, "log_range"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// The `Retry-After` seconds of a refusal that passes with time
    /// (PROTOCOL.md §4.4): 429 and every 503.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after } => Some(*retry_after),
            AppError::Busy => Some(BUSY_RETRY_SECS),
            AppError::TooManyUploads { .. } => Some(TOO_MANY_UPLOADS_RETRY_SECS),
            AppError::StorageFull => Some(crate::limits::STORAGE_FULL_RETRY_SECS),
            AppError::DiskFull => Some(crate::limits::DISK_FULL_RETRY_SECS),
            AppError::PowFull { retry_after } => Some(*retry_after),
            _ => None,
        }
    }

    fn message(&self) -> String {
        match self {
            AppError::Envelope(e) => e.to_string(),
            AppError::BadRequest(message) => message.clone(),
            AppError::Unauthorized => {
                "a valid investigator token is required: send `Authorization: Bearer wbt_…` \
                 with a token from `whistlebox-relay token create`"
                    .to_owned()
            }
            AppError::NotFound => "no such route or object".to_owned(),
            AppError::MethodNotAllowed => "this route does not accept that method".to_owned(),
            AppError::Deleted => "this object was deleted (PROTOCOL.md §12.1): its ciphertext \
                 is gone, and its tombstone is in the transparency log"
                .to_owned(),
            AppError::UnknownUpload => "no such upload session: it was committed, deleted, \
                 or expired after being idle; start a new upload with POST /api/uploads"
                .to_owned(),
            AppError::PartOutOfOrder { part, expected } => format!(
                "part {part} is out of order: the relay holds {expected} parts, so part \
                 {expected} is expected next"
            ),
            AppError::PartDuplicate { part, expected } => format!(
                "part {part} was already received: the relay holds {expected} parts, so part \
                 {expected} is expected next"
            ),
            AppError::PartTooLarge { part_size } => {
                format!("a part holds at most {part_size} bytes (the session's part_size)")
            }
            AppError::PartSize { part, part_size } => format!(
                "part {part} is shorter than {part_size} bytes; every part but the last must \
                 be exactly part_size bytes. The upload was deleted"
            ),
            AppError::UploadBusy => "another request for this upload is still running; \
                 ask GET /api/uploads/{upload} how many parts are stored, then retry"
                .to_owned(),
            AppError::TooManyUploads { max } => {
                format!("the relay has {max} uploads open, its limit; try again later")
            }
            AppError::BodyTimeout => format!(
                "no body bytes arrived for {} s, so the relay gave up and kept nothing of this \
                 request; send it again (an upload session resumes after its last stored part)",
                crate::api::BODY_IDLE.as_secs()
            ),
            AppError::Busy => format!(
                "the relay is receiving {} bodies at once, its limit; try again in a minute",
                crate::api::MAX_CONCURRENT_BODIES
            ),
            AppError::RateLimited { retry_after } => format!(
                "the relay accepts a limited number of anonymous writes a minute and has \
                 reached it; nothing was stored: try again in {retry_after} s"
            ),
            AppError::StorageFull => "the relay's storage quota is used up; nothing was \
                 stored: try again later (the operator must make room)"
                .to_owned(),
            AppError::DiskFull => "the relay's disk is nearly full; nothing was stored: try \
                 again later (the operator must make room)"
                .to_owned(),
            AppError::MailboxRequired => "this route needs the Whistlebox-Mailbox header: the \
                 mailbox secret derived from the codename, as 64 lowercase hexadecimal digits \
                 (PROTOCOL.md §8.1)"
                .to_owned(),
            AppError::BadMailbox => "the Whistlebox-Mailbox header must be one value of exactly \
                 64 lowercase hexadecimal digits, the mailbox secret (PROTOCOL.md §8.1)"
                .to_owned(),
            AppError::NoMailbox => "this object was filed without a mailbox, so the relay has \
                 nowhere to put an answer: its reporter cannot be reached this way"
                .to_owned(),
            AppError::MailboxFull { max } => {
                format!("this mailbox holds {max} messages, the most allowed; nothing was stored")
            }
            AppError::PowRequired => "anonymous writes need a proof of work: ask POST /api/pow \
                 for a challenge, solve it and send the solution in the Whistlebox-Pow header \
                 (PROTOCOL.md §9)"
                .to_owned(),
            AppError::BadPow(message) => format!(
                "{message}; it must be <challenge>.<nonce>… as PROTOCOL.md §9.3 says: ask \
                 POST /api/pow for a new challenge"
            ),
            AppError::PowInvalid(why) => format!(
                "the proof of work is not valid: {why}; nothing was stored: ask POST /api/pow \
                 for a new challenge and solve it"
            ),
            AppError::PowExpired => "the proof-of-work challenge has expired; nothing was \
                 stored: ask POST /api/pow for a new challenge and solve it"
                .to_owned(),
            AppError::PowSpent => "this proof of work was already used for another write; \
                 nothing was stored: ask POST /api/pow for a new challenge and solve it"
                .to_owned(),
            AppError::PowFull { retry_after } => format!(
                "the relay has admitted as many writes as it can remember proofs of work for; \
                 nothing was stored: try again in {retry_after} s"
            ),
            AppError::LogRange(message) => message.clone(),
            AppError::Internal(_) => {
                "internal error; the operator can find it in the relay log".to_owned()
            }
        }
    }
}

impl From<EnvelopeError> for AppError {
    fn from(e: EnvelopeError) -> AppError {
        AppError::Envelope(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::MailboxFull { max } => AppError::MailboxFull { max },
            e => AppError::internal(e),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> AppError {
        AppError::internal(format!("storage task failed: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            // Logged without the request: no route, address, header or id.
            tracing::error!("internal error: {cause}");
        }
        let (status, code) = self.status_and_code();
        let retry_after = self.retry_after();
        let mut body = serde_json::json!({ "error": code, "message": self.message() });
        if let Some(secs) = retry_after {
            body["retry_after"] = secs.into();
        }
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"whistlebox\""),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_errors_map_to_400_except_too_large() {
        let e = AppError::Envelope(EnvelopeError::NotAge);
        assert_eq!(e.status_and_code(), (StatusCode::BAD_REQUEST, "not_age"));
        let e = AppError::Envelope(EnvelopeError::TooLarge { max: 10 });
        assert_eq!(
            e.status_and_code(),
            (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
        );
    }

    #[test]
    fn mailbox_errors_have_their_codes() {
        let cases = [
            (
                AppError::MailboxRequired,
                StatusCode::BAD_REQUEST,
                "mailbox_required",
            ),
            (AppError::BadMailbox, StatusCode::BAD_REQUEST, "bad_mailbox"),
            (AppError::NoMailbox, StatusCode::CONFLICT, "no_mailbox"),
            (
                AppError::from(StoreError::MailboxFull { max: 7 }),
                StatusCode::CONFLICT,
                "mailbox_full",
            ),
        ];
        for (e, status, code) in cases {
            assert_eq!(e.status_and_code(), (status, code));
            assert!(!e.message().is_empty());
        }
        assert!(AppError::MailboxFull { max: 7 }
            .message()
            .contains("7 messages"));
    }

    #[test]
    fn refusals_that_pass_with_time_name_their_wait() {
        let cases = [
            (AppError::RateLimited { retry_after: 7 }, 429, Some(7)),
            (AppError::Busy, 503, Some(BUSY_RETRY_SECS)),
            (
                AppError::TooManyUploads { max: 1 },
                503,
                Some(TOO_MANY_UPLOADS_RETRY_SECS),
            ),
            (
                AppError::StorageFull,
                503,
                Some(crate::limits::STORAGE_FULL_RETRY_SECS),
            ),
            (
                AppError::DiskFull,
                503,
                Some(crate::limits::DISK_FULL_RETRY_SECS),
            ),
            (AppError::PowFull { retry_after: 9 }, 503, Some(9)),
            (AppError::PowSpent, 409, None),
            (AppError::NotFound, 404, None),
            (AppError::Deleted, 410, None),
            (AppError::internal("x"), 500, None),
        ];
        for (e, status, secs) in cases {
            assert_eq!(e.retry_after(), secs);
            let response = e.into_response();
            assert_eq!(response.status().as_u16(), status);
            let header = response
                .headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
            assert_eq!(header, secs);
        }
    }

    #[tokio::test]
    async fn internal_errors_hide_their_cause() {
        let response = AppError::internal("disk on fire at /secret/path").into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(text.contains("\"error\":\"internal\""), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }
}
