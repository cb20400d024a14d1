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
    #[error("config file {path} is invalid: {message}; the keys are data, team, listen, max_body_bytes, min_recipients")]
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
    /// The server failed while running.
    #[error("the server stopped with an error: {0}")]
    Serve(io::Error),
}

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
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
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
        AppError::internal(e)
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
        let body = serde_json::json!({ "error": code, "message": self.message() });
        let mut response = (status, Json(body)).into_response();
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
