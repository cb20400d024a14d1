//! Test helpers: a relay over real sled in a temp dir, envelope-valid bodies
//! built by hand, and small HTTP helpers for `oneshot` and for a real socket.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::RngCore;
use tower::ServiceExt;
use whistlebox_core::pow;
use whistlebox_relay::headers::{FORBIDDEN_HEADERS, SECURITY_HEADERS};
use whistlebox_relay::store::{SledStore, Usage};
use whistlebox_relay::{tokens, AppState, Config};

/// The proof-of-work difficulty of the test relays (PROTOCOL.md §9).
pub const TEST_POW_BITS: u8 = 4;

/// The routes that need a proof of work (PROTOCOL.md §9.4).
pub const POW_ROUTES: [&str; 3] = ["/api/reports", "/api/uploads", "/api/mailbox"];

/// The smallest padding bucket (PROTOCOL.md §1.3).
pub const BUCKET_64K: u64 = 65_536;

/// A temp dir holding the `team.toml` of `team_size` X25519 investigators,
/// and the config of a relay on it with its data in `data/`.
fn team_config(team_size: usize) -> (tempfile::TempDir, Config) {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    write_team(&team, team_size);
    let mut config = Config::new(tmp.path().join("data"), team);
    // PoW on at a low difficulty, so every write takes the real path (§9).
    config.pow_bits = TEST_POW_BITS;
    (tmp, config)
}

/// A relay over a real sled database in a temp dir, with one pull token.
pub struct Fixture {
    pub tmp: tempfile::TempDir,
    pub config: Config,
    pub state: AppState,
    pub app: Router,
    pub token: String,
}

impl Fixture {
    /// A relay for a team of `team_size` X25519 investigators, with defaults.
    pub fn new(team_size: usize) -> Fixture {
        Fixture::with(team_size, |_| {})
    }

    /// Like [`Fixture::new`], after `adjust` changed the config.
    pub fn with(team_size: usize, adjust: impl FnOnce(&mut Config)) -> Fixture {
        let (tmp, mut config) = team_config(team_size);
        adjust(&mut config);
        let state = AppState::open(&config).unwrap();
        let token = tokens::create(&config.data).unwrap();
        Fixture::serving(tmp, config, state, token)
    }

    /// Like [`Fixture::new`], over a store whose mailboxes hold at most
    /// `cap` items instead of the production 1 000 (PROTOCOL.md §8.2).
    pub fn with_mailbox_cap(team_size: usize, cap: usize) -> Fixture {
        let (tmp, config) = team_config(team_size);
        let token = tokens::create(&config.data).unwrap();
        let store = SledStore::open(&whistlebox_relay::state::db_path(&config.data))
            .unwrap()
            .with_mailbox_cap(cap);
        let keyset = config.load_team().unwrap();
        let state = AppState::with_store(&config, &keyset, Arc::new(store)).unwrap();
        Fixture::serving(tmp, config, state, token)
    }

    /// The router over `state`, with the rest of a fixture.
    fn serving(tmp: tempfile::TempDir, config: Config, state: AppState, token: String) -> Fixture {
        let app = whistlebox_relay::app(state.clone());
        Fixture {
            tmp,
            config,
            state,
            app,
            token,
        }
    }

    /// Stops this relay and opens a new one on the same data directory (a
    /// restart): sled is reopened once every handle on it is gone.
    pub fn reopen(self) -> Fixture {
        let Fixture {
            tmp,
            config,
            state,
            app,
            token,
        } = self;
        drop(app);
        drop(state);
        let mut tries = 0;
        let state = loop {
            match AppState::open(&config) {
                Ok(state) => break state,
                // A background task may still hold the database for a moment.
                Err(_) if tries < 100 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => panic!("reopen: {e}"),
            }
        };
        Fixture::serving(tmp, config, state, token)
    }

    pub fn usage(&self) -> Usage {
        self.state.store().usage().unwrap()
    }

    pub async fn call(&self, request: Request<Body>) -> Reply {
        call(&self.app, request).await
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.call(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_authed(&self, uri: &str) -> Reply {
        self.call(
            Request::get(uri)
                .header("authorization", format!("Bearer {}", self.token))
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// `POST /api/reports` with a `Content-Length`, as a client with the whole body sends it.
    pub async fn post(&self, body: Vec<u8>) -> Reply {
        self.call(
            Request::post("/api/reports")
                .header("content-length", body.len())
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// `POST /api/reports` as a chunked stream of `piece`-byte frames, no `Content-Length`.
    pub async fn post_streamed(&self, body: Vec<u8>, piece: usize) -> Reply {
        let frames: Vec<Result<Vec<u8>, std::io::Error>> =
            body.chunks(piece).map(|c| Ok(c.to_vec())).collect();
        let stream = futures_util::stream::iter(frames);
        self.call(
            Request::post("/api/reports")
                .body(Body::from_stream(stream))
                .unwrap(),
        )
        .await
    }

    /// Asserts the store holds no object and no chunk, and the inbox is empty.
    pub async fn assert_empty(&self) {
        assert_eq!(self.usage(), Usage::default(), "the store holds nothing");
        let inbox = self.get_authed("/api/inbox").await;
        assert_eq!(inbox.status, StatusCode::OK);
        assert_eq!(inbox.json()["items"], serde_json::json!([]));
    }
}

/// Writes a valid keyset of `size` fresh X25519 recipients.
pub fn write_team(path: &Path, size: usize) {
    let mut text = String::from("name = \"Relay test team\"\n");
    for i in 0..size {
        let secret = x25519_dalek::StaticSecret::random_from_rng(rand::rngs::OsRng);
        let (_, recipient) = whistlebox_relay::demo::identity_file(&secret);
        text.push_str(&format!(
            "\n[[investigator]]\nid = \"inv{i}\"\nname = \"Investigator {i}\"\nrole = \"Tester\"\nrecipient = \"{recipient}\"\n"
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// Asserts the full security-header set and none of the forbidden headers
/// (PROTOCOL.md §4.5) on `reply`; `present` and `absent` word the failure
/// for a header's name.
pub fn assert_security_headers_worded(
    reply: &Reply,
    present: impl Fn(&str) -> String,
    absent: impl Fn(&str) -> String,
) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(
            reply.headers.get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{}",
            present(name)
        );
    }
    for name in FORBIDDEN_HEADERS {
        assert!(
            !reply.headers.contains_key(&name),
            "{}",
            absent(name.as_str())
        );
    }
}

/// [`assert_security_headers_worded`], a failure read as "`name` on a
/// `status` response".
pub fn assert_security_headers(reply: &Reply) {
    let on = |name: &str| format!("{name} on a {} response", reply.status);
    assert_security_headers_worded(reply, on, on);
}

/// [`assert_security_headers`], a forbidden header read as "`name` on a
/// `status`".
pub fn assert_security_headers_terse(reply: &Reply) {
    assert_security_headers_worded(
        reply,
        |name| format!("{name} on a {} response", reply.status),
        |name| format!("{name} on a {}", reply.status),
    );
}

/// [`assert_security_headers_worded`], a failure read as "`name` on `what`
/// (`status`)".
pub fn assert_security_headers_on(reply: &Reply, what: &str) {
    let on = |name: &str| format!("{name} on {what} ({})", reply.status);
    assert_security_headers_worded(reply, on, on);
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The `error` code of a JSON error body.
    pub fn code(&self) -> String {
        let json = self.json();
        assert!(
            json["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{json}"
        );
        json["error"].as_str().expect("error code").to_owned()
    }
}

/// Sends `request` to `app`, as a client of PROTOCOL.md §9 does: a `POST`
/// to an anonymous write route without a `Whistlebox-Pow` header gets one,
/// solved for a fresh challenge of the relay's. [`call_bare`] sends it as is.
pub async fn call(app: &Router, mut request: Request<Body>) -> Reply {
    if request.method() == Method::POST
        && POW_ROUTES.contains(&request.uri().path())
        && !request.headers().contains_key(pow::HEADER)
    {
        let header = solved_pow(app).await;
        request
            .headers_mut()
            .insert(pow::HEADER, header.parse().unwrap());
    }
    call_bare(app, request).await
}

/// A `Whistlebox-Pow` header value for a fresh challenge of `app`.
pub async fn solved_pow(app: &Router) -> String {
    pow::solve(&challenge(app).await).header_value()
}

/// A fresh challenge of `app` (`POST /api/pow`, PROTOCOL.md §9.1).
pub async fn challenge(app: &Router) -> pow::Challenge {
    let issued = call_bare(app, Request::post("/api/pow").body(Body::empty()).unwrap()).await;
    assert_eq!(issued.status, StatusCode::CREATED);
    let text = issued.json()["challenge"].as_str().unwrap().to_owned();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap();
    pow::Challenge::from_bytes(&bytes).unwrap()
}

/// Sends `request` to `app` as it is.
pub async fn call_bare(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut out);
    out
}

/// Canonical unpadded base64 of `len` random bytes.
pub fn b64(len: usize) -> String {
    STANDARD_NO_PAD.encode(random_bytes(len))
}

fn b64_32() -> String {
    b64(32)
}

/// An age header with `stanzas` X25519 stanzas and a MAC line.
pub fn header(stanzas: usize) -> Vec<u8> {
    header_with((0..stanzas).map(|_| x25519_stanza()).collect())
}

/// One X25519 stanza: a 32-byte share and a 32-byte wrapped key.
pub fn x25519_stanza() -> String {
    format!("-> X25519 {}\n{}\n", b64_32(), b64_32())
}

/// An age header with the given stanza texts and a MAC line.
pub fn header_with(stanzas: Vec<String>) -> Vec<u8> {
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for stanza in stanzas {
        out.extend_from_slice(stanza.as_bytes());
    }
    out.extend_from_slice(format!("--- {}\n", b64_32()).as_bytes());
    out
}

/// An envelope-valid body: `stanzas` X25519 stanzas and a payload (nonce +
/// STREAM chunks, random bytes) for a plaintext of `plaintext_len` bytes.
pub fn body(stanzas: usize, plaintext_len: u64) -> Vec<u8> {
    let mut out = header(stanzas);
    let payload = whistlebox_core::envelope::payload_len(plaintext_len);
    out.extend_from_slice(&random_bytes(payload as usize));
    out
}

/// An envelope-valid body with the given stanza texts (of the team's type,
/// or grease) and a payload for a plaintext of `plaintext_len` bytes.
pub fn body_with(stanzas: Vec<String>, plaintext_len: u64) -> Vec<u8> {
    let mut out = header_with(stanzas);
    let payload = whistlebox_core::envelope::payload_len(plaintext_len);
    out.extend_from_slice(&random_bytes(payload as usize));
    out
}

/// A grease stanza of the shape the `age` crate writes (PROTOCOL.md §8.3):
/// type `<tag>-grease`, two short arguments, a body of `body_len` bytes.
pub fn grease_stanza(tag: &str, body_len: usize) -> String {
    let encoded = b64(body_len);
    let mut out = format!("-> {tag}-grease a!b 12345678\n");
    let mut rest = encoded.as_str();
    while rest.len() >= 64 {
        out.push_str(&rest[..64]);
        out.push('\n');
        rest = &rest[64..];
    }
    out.push_str(rest);
    out.push('\n');
    out
}

/// The smallest padding bucket of at least `min` bytes.
pub fn bucket_at_least(min: u64) -> u64 {
    whistlebox_core::padding::padded_len(min)
}

/// A request with an optional `Whistlebox-Mailbox` header, an optional bearer
/// token (the fixture's) and a body with its `Content-Length`.
pub async fn send(
    f: &Fixture,
    method: &str,
    uri: &str,
    mailbox: Option<&str>,
    token: bool,
    body: Vec<u8>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-length", body.len());
    if let Some(secret) = mailbox {
        request = request.header("whistlebox-mailbox", secret);
    }
    if token {
        request = request.header("authorization", format!("Bearer {}", f.token));
    }
    f.call(request.body(Body::from(body)).unwrap()).await
}

/// The leaf the relay must have appended for `body` committed as `kind`
/// with `id` (PROTOCOL.md §10.1).
pub fn leaf_of(
    kind: whistlebox_core::log::LeafKind,
    id: &str,
    body: &[u8],
) -> whistlebox_core::log::Leaf {
    use sha2::{Digest, Sha256};
    whistlebox_core::log::Leaf {
        kind,
        id: hex::decode(id).unwrap().try_into().unwrap(),
        sha256: Sha256::digest(body).into(),
        size: body.len() as u64,
    }
}

/// Every committed leaf in `start..end`, from `GET /api/log/leaves`.
pub async fn leaves(f: &Fixture, start: u64, end: u64) -> Vec<whistlebox_core::log::Leaf> {
    let reply = f
        .get(&format!("/api/log/leaves?start={start}&end={end}"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json());
    reply.json()["leaves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(l.as_str().unwrap())
                .unwrap();
            whistlebox_core::log::Leaf::parse(&bytes).unwrap()
        })
        .collect()
}
