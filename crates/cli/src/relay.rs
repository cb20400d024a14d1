//! The connection to the relay, shared by `pull` and `push` (online machine):
//! one `ureq` agent (no redirects, bounded timeouts, an optional proxy), the
//! bearer token read from a file and kept in a secret type, and the relay's
//! error answers (PROTOCOL.md §4.4) turned into [`Error`]s. Every answer read
//! is bounded; everything the relay says is cleaned before it reaches the
//! terminal.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use age::secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::term;

/// Bound on the JSON answers read from the relay.
const JSON_MAX: u64 = 8 << 20;
/// Bound on an error body read from the relay.
const ERROR_BODY_MAX: u64 = 4096;

/// The relay's error body (PROTOCOL.md §4).
#[derive(Debug, Deserialize)]
struct ApiError {
    error: String,
    message: String,
}

/// Reads and checks the token file: one `wbt_` token (PROTOCOL.md §4.6).
pub fn read_token(path: &Path) -> Result<SecretString, Error> {
    let bad = |reason: &str| Error::TokenFile {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    let mut raw = Zeroizing::new(Vec::new());
    fs::File::open(path)
        .and_then(|f| f.take(4097).read_to_end(&mut raw))
        .map_err(|e| Error::TokenFile {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if raw.len() > 4096 {
        return Err(bad("it is too large to hold a token"));
    }
    let text = std::str::from_utf8(&raw).map_err(|_| bad("it is not UTF-8 text"))?;
    let token = text.trim();
    let well_formed = token.strip_prefix("wbt_").is_some_and(|b| {
        b.len() == 43
            && b.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    });
    if token.is_empty() {
        return Err(bad("it is empty"));
    }
    if !well_formed {
        return Err(bad(
            "it does not hold a whistlebox token (wbt_ and 43 base64url characters)",
        ));
    }
    Ok(SecretString::from(token.to_string()))
}

/// A connection to the relay.
pub struct Relay {
    agent: ureq::Agent,
    base: String,
    token: SecretString,
    token_file: PathBuf,
}

impl std::fmt::Debug for Relay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Relay({}, token redacted)", self.base)
    }
}

/// The HTTP agent every relay client of the CLI uses: bounded timeouts, no
/// redirects, a fixed user agent, and `--proxy` (e.g. Tor's SOCKS port) if given.
pub(crate) fn agent(user_agent: &str, proxy: Option<&str>) -> Result<ureq::Agent, Error> {
    let mut builder = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(60))
        .timeout_read(Duration::from_secs(120))
        .redirects(0)
        .user_agent(user_agent);
    if let Some(proxy) = proxy {
        let proxy = ureq::Proxy::new(proxy).map_err(|e| Error::Usage {
            what: format!("invalid --proxy: {e}"),
            hint: "use --proxy socks5h://127.0.0.1:9050".into(),
        })?;
        builder = builder.proxy(proxy);
    }
    Ok(builder.build())
}

impl Relay {
    /// Reads the token file and sets up the agent; sends nothing yet. `base`
    /// and `proxy` are as [`crate::plan`] validated them.
    pub fn connect(base: &str, proxy: Option<&str>, token_file: &Path) -> Result<Relay, Error> {
        let token = read_token(token_file)?;
        warn_plain_http(base);
        Ok(Relay {
            agent: agent("whistlebox", proxy)?,
            base: base.to_string(),
            token,
            token_file: token_file.to_path_buf(),
        })
    }

    /// The relay's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// A request to `path` carrying the bearer token (the header value is
    /// built in a zeroized buffer; ureq keeps its own copy).
    fn authorized(&self, method: &str, path: &str) -> ureq::Request {
        let auth = Zeroizing::new(format!("Bearer {}", self.token.expose_secret()));
        self.agent
            .request(method, &format!("{}{path}", self.base))
            .set("Authorization", &auth)
    }

    /// The answer of a request: `expected` status, or the error it means.
    fn expect(
        &self,
        what: String,
        expected: u16,
        result: Result<ureq::Response, ureq::Error>,
    ) -> Result<ureq::Response, Error> {
        match result {
            Ok(resp) if resp.status() == expected => Ok(resp),
            Ok(resp) => Err(Error::RelayStatus {
                what,
                status: resp.status(),
                message: "unexpected status".into(),
            }),
            Err(e) => Err(self.failure(what, e)),
        }
    }

    /// `GET path` with the bearer token; a non-200 answer is an error.
    pub fn get(&self, path: &str) -> Result<ureq::Response, Error> {
        let what = format!("GET {}", path.split('?').next().unwrap_or(path));
        self.expect(what, 200, self.authorized("GET", path).call())
    }

    /// Maps a failed request: 401, an error status with the relay's
    /// `{"error","message"}` body (PROTOCOL.md §4), or a transport failure.
    fn failure(&self, what: String, err: ureq::Error) -> Error {
        match err {
            ureq::Error::Status(401, _) => Error::Unauthorized {
                token_file: self.token_file.clone(),
            },
            ureq::Error::Status(status, resp) => {
                let mut body = Vec::new();
                let _ = resp
                    .into_reader()
                    .take(ERROR_BODY_MAX)
                    .read_to_end(&mut body);
                let message = match serde_json::from_slice::<ApiError>(&body) {
                    Ok(e) => format!("{}: {}", e.error, e.message),
                    Err(_) => String::from_utf8_lossy(&body).into_owned(),
                };
                Error::RelayStatus {
                    what,
                    status,
                    message: term::shorten(&term::line(message.trim()), 300),
                }
            }
            ureq::Error::Transport(t) => Error::Network {
                url: self.base.clone(),
                reason: term::line(&t.to_string()),
            },
        }
    }

    /// `POST path` with the bearer token and `len` bytes from `body` as an
    /// `application/octet-stream` body; an answer other than `201` is an error.
    pub fn post(&self, path: &str, body: impl Read, len: u64) -> Result<ureq::Response, Error> {
        let result = self
            .authorized("POST", path)
            .set("Content-Type", "application/octet-stream")
            .set("Content-Length", &len.to_string())
            .send(body);
        self.expect(format!("POST {path}"), 201, result)
    }

    /// `DELETE path` with the bearer token (PROTOCOL.md §12.1); an answer
    /// other than `200` is an error.
    pub fn delete(&self, path: &str) -> Result<ureq::Response, Error> {
        self.expect(
            format!("DELETE {path}"),
            200,
            self.authorized("DELETE", path).call(),
        )
    }

    /// Reads a (bounded) JSON answer.
    pub fn json<T: for<'de> Deserialize<'de>>(
        &self,
        what: &str,
        resp: ureq::Response,
    ) -> Result<T, Error> {
        let mut body = Vec::new();
        resp.into_reader()
            .take(JSON_MAX + 1)
            .read_to_end(&mut body)
            .map_err(|e| Error::Network {
                url: self.base.clone(),
                reason: e.to_string(),
            })?;
        if body.len() as u64 > JSON_MAX {
            return Err(Error::RelayProtocol {
                what: what.to_string(),
                reason: "the answer is too large".into(),
            });
        }
        serde_json::from_slice(&body).map_err(|e| Error::RelayProtocol {
            what: what.to_string(),
            reason: format!("invalid JSON: {e}"),
        })
    }

    /// `GET path`, read (bounded) and parsed as JSON.
    pub fn get_json<T: for<'de> Deserialize<'de>>(&self, path: &str) -> Result<T, Error> {
        let resp = self.get(path)?;
        let what = format!("GET {}", path.split('?').next().unwrap_or(path));
        self.json(&what, resp)
    }
}

/// Warns when the token would travel over plain http to a non-local, non-onion host.
pub fn warn_plain_http(url: &str) {
    let Some(rest) = url.strip_prefix("http://") else {
        return;
    };
    let host = rest.split(['/', ':']).next().unwrap_or("");
    let local = host == "localhost" || host.starts_with("127.") || rest.starts_with("[::1]");
    if !host.ends_with(".onion") && !local {
        eprintln!(
            "warning: {url} uses plain http: the token travels unencrypted; use https or an onion address"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        let token = format!("wbt_{}", "A".repeat(43));
        fs::write(&path, format!("  {token}\n")).unwrap();
        assert_eq!(read_token(&path).unwrap().expose_secret(), token);
        fs::write(&path, "hunter2\n").unwrap();
        let err = read_token(&path).unwrap_err().to_string();
        assert!(err.contains("does not hold"), "{err}");
        assert!(!err.contains("hunter2"));
        fs::write(&path, "\n").unwrap();
        assert!(read_token(&path).unwrap_err().to_string().contains("empty"));
    }
}
