//! The reporting page and its digest (`docs/PROTOCOL.md §4.8`).
//!
//! `build.rs` embeds `web/dist/` — `SHA256SUMS` and every file it lists — in
//! the binary. [`Bundle::load`] checks again, at start, that each embedded
//! file has the SHA-256 its `SHA256SUMS` line gives and that the list is in
//! the `sha256sum` format, sorted by path; the relay refuses to start
//! otherwise. `GET /` serves `index.html`, `GET /assets/{*path}` the other
//! files, and `GET /api/site` the digests and the safety-panel text.

use std::collections::BTreeMap;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{AppError, RelayError};
use crate::state::AppState;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/bundle.rs"));
}

/// The page served at `GET /`.
pub const INDEX: &str = "index.html";

/// The embedded page bundle, checked against its `SHA256SUMS`.
#[derive(Debug)]
pub struct Bundle {
    /// SHA-256 of `SHA256SUMS`, hex: the bundle digest.
    sha256: String,
    /// Path → (bytes, SHA-256 hex).
    files: BTreeMap<&'static str, (&'static [u8], String)>,
}

impl Bundle {
    /// The embedded bundle, after checking every file against `SHA256SUMS`.
    pub fn load() -> Result<Bundle, RelayError> {
        Bundle::from_parts(embedded::SUMS, embedded::FILES)
    }

    /// Checks `files` against `sums` (the `sha256sum` format, sorted by path,
    /// one line per file and nothing else).
    pub fn from_parts(
        sums: &'static [u8],
        files: &'static [(&'static str, &'static [u8])],
    ) -> Result<Bundle, RelayError> {
        let text = std::str::from_utf8(sums)
            .map_err(|_| RelayError::Bundle("SHA256SUMS is not UTF-8".into()))?;
        let mut listed = BTreeMap::new();
        let mut previous: Option<&str> = None;
        for (n, line) in text.split_terminator('\n').enumerate() {
            let bad = || RelayError::Bundle(format!("SHA256SUMS line {} is malformed", n + 1));
            let (digest, path) = line.split_once("  ").ok_or_else(bad)?;
            let is_hex = digest.len() == 64
                && digest
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !is_hex || path.is_empty() {
                return Err(bad());
            }
            if previous.is_some_and(|p| p >= path) {
                return Err(RelayError::Bundle(format!(
                    "SHA256SUMS is not sorted by path at {path:?}"
                )));
            }
            previous = Some(path);
            listed.insert(path, digest);
        }
        if !text.ends_with('\n') {
            return Err(RelayError::Bundle(
                "SHA256SUMS does not end with a newline".into(),
            ));
        }
        let mut checked = BTreeMap::new();
        for (path, bytes) in files {
            let actual = hex::encode(Sha256::digest(bytes));
            match listed.get(path) {
                Some(expected) if *expected == actual => {}
                Some(expected) => {
                    return Err(RelayError::Bundle(format!(
                        "{path} has SHA-256 {actual}, SHA256SUMS says {expected}"
                    )))
                }
                None => {
                    return Err(RelayError::Bundle(format!(
                        "{path} is embedded but not listed in SHA256SUMS"
                    )))
                }
            }
            checked.insert(*path, (*bytes, actual));
        }
        if let Some(missing) = listed.keys().find(|p| !checked.contains_key(*p)) {
            return Err(RelayError::Bundle(format!(
                "{missing} is listed in SHA256SUMS but not embedded"
            )));
        }
        if !checked.contains_key(INDEX) {
            return Err(RelayError::Bundle(format!("the bundle has no {INDEX}")));
        }
        Ok(Bundle {
            sha256: hex::encode(Sha256::digest(sums)),
            files: checked,
        })
    }

    /// The bundle digest: SHA-256 of `SHA256SUMS`, 64 hex digits.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// A file's bytes by its path in `web/dist/` (e.g. `assets/app.js`).
    pub fn file(&self, path: &str) -> Option<&'static [u8]> {
        self.files.get(path).map(|(bytes, _)| *bytes)
    }

    /// Every file's SHA-256 by path.
    pub fn digests(&self) -> BTreeMap<&'static str, &str> {
        self.files
            .iter()
            .map(|(path, (_, digest))| (*path, digest.as_str()))
            .collect()
    }
}

/// The `Content-Type` of a bundled file, from its extension. JavaScript gets
/// a JavaScript MIME type: module workers refuse any other.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `GET /api/site` (PROTOCOL.md §4.8), fields in the documented order.
#[derive(Serialize)]
struct SiteAnswer<'a> {
    bundle_sha256: &'a str,
    keyset_fingerprint: &'a str,
    files: BTreeMap<&'static str, &'a str>,
    safety: &'a BTreeMap<String, String>,
}

/// The pre-rendered `GET /api/site` answer.
pub fn site_json(
    bundle: &Bundle,
    keyset_fingerprint: &str,
    safety: &BTreeMap<String, String>,
) -> Vec<u8> {
    serde_json::to_vec(&SiteAnswer {
        bundle_sha256: bundle.sha256(),
        keyset_fingerprint,
        files: bundle.digests(),
        safety,
    })
    .expect("site answer serialises")
}

fn serve_file(state: &AppState, path: &str) -> Result<Response, AppError> {
    let bytes = state.bundle().file(path).ok_or(AppError::NotFound)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(path)),
        )],
        bytes,
    )
        .into_response())
}

/// `GET /`: the reporting page.
pub(crate) async fn index(State(state): State<AppState>) -> Result<Response, AppError> {
    serve_file(&state, INDEX)
}

/// `GET /assets/{*path}`: a bundled file. A path that does not decode
/// (a percent-escape of bytes that are not UTF-8) names no file: `404
/// not_found` like any other, never axum's plain-text rejection (§4.4).
pub(crate) async fn asset(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let Ok(Path(path)) = path else {
        return Err(AppError::NotFound);
    };
    serve_file(&state, &format!("assets/{path}"))
}

/// `GET /api/site`.
pub(crate) async fn site(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        state.site_json().to_vec(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_bundle_matches_its_sums() {
        let bundle = Bundle::load().unwrap();
        assert_eq!(bundle.sha256(), hex::encode(Sha256::digest(embedded::SUMS)));
        assert!(bundle.file(INDEX).is_some());
        assert!(bundle.file("assets/app.js").is_some());
        assert!(bundle.file("SHA256SUMS").is_none());
    }

    #[test]
    fn a_tampered_file_or_list_is_refused() {
        static SUMS: &[u8] =
            b"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  index.html\n";
        static GOOD: &[(&str, &[u8])] = &[("index.html", b"hello")];
        static BAD: &[(&str, &[u8])] = &[("index.html", b"hellO")];
        static EXTRA: &[(&str, &[u8])] = &[("index.html", b"hello"), ("x.js", b"")];
        Bundle::from_parts(SUMS, GOOD).unwrap();
        let err = Bundle::from_parts(SUMS, BAD).unwrap_err().to_string();
        assert!(
            err.contains("index.html") && err.contains("SHA256SUMS says"),
            "{err}"
        );
        let err = Bundle::from_parts(SUMS, EXTRA).unwrap_err().to_string();
        assert!(err.contains("x.js"), "{err}");
        let err = Bundle::from_parts(b"", GOOD).unwrap_err().to_string();
        assert!(
            err.contains("not listed") || err.contains("newline"),
            "{err}"
        );
    }

    #[test]
    fn scripts_get_a_javascript_type() {
        assert_eq!(
            content_type("assets/worker.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/locales/en.json"), "application/json");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
