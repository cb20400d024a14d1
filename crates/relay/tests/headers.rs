//! The header sweep (PROTOCOL.md §4.5): every route of the router × every
//! method × the statuses it produces carries the full security-header set and
//! none of the forbidden headers. The routes come from
//! [`whistlebox_relay::api::route_table`], the one list the router is built
//! from, so a new route is swept without touching this file. Then the
//! statuses the sweep cannot reach by itself (408, 413, 429, 500, 503 — each
//! 429 and 503 also with `Retry-After`), and
//! hyper's own answers to requests it cannot parse, over a real socket.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{
    assert_security_headers_on, body, bucket_at_least, write_team, Fixture, Reply, BUCKET_64K,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use whistlebox_core::log::{Hash, LEAF_LEN};
use whistlebox_relay::api::route_table;
use whistlebox_relay::headers::SECURITY_HEADERS;
use whistlebox_relay::store::{
    Chunks, Day, Entry, Filing, MailboxId, ObjectId, ObjectMeta, Page, Session, SledStore, Store,
    StoreError, Tombstone, Upload, UploadId, Usage,
};
use whistlebox_relay::{AppState, Config};

const METHODS: [Method; 7] = [
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
    Method::OPTIONS,
];

const MAILBOX_SECRET: &str = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

/// `201` and the `id` of the answer.
fn created(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
    reply.json()["id"].as_str().unwrap().to_owned()
}

/// A request with the given credentials and body.
fn request(
    method: &Method,
    uri: &str,
    token: Option<&str>,
    mailbox: bool,
    body: Vec<u8>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method.clone()).uri(uri);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    if mailbox {
        builder = builder.header("whistlebox-mailbox", MAILBOX_SECRET);
    }
    builder
        .header("content-length", body.len())
        .body(Body::from(body))
        .unwrap()
}

/// Records what was seen: status → how many responses, route × method pairs.
#[derive(Default)]
struct Tally {
    statuses: BTreeMap<u16, usize>,
    responses: usize,
}

impl Tally {
    fn check(&mut self, reply: &Reply, what: &str) {
        assert_security_headers_on(reply, what);
        *self.statuses.entry(reply.status.as_u16()).or_default() += 1;
        self.responses += 1;
    }
}

#[tokio::test]
async fn every_route_method_and_status_carries_the_security_headers() {
    let f = Fixture::with(1, |c| {
        c.max_body_bytes = 200_000;
        c.max_uploads = 1_000;
    });
    let token = f.token.clone();
    // Objects to point the `{id}` routes at: a report filed under the
    // mailbox, a follow-up in it, and a report filed without one.
    let filed = created(
        &f.call(request(
            &Method::POST,
            "/api/reports",
            None,
            true,
            body(1, BUCKET_64K),
        ))
        .await,
    );
    let item = created(
        &f.call(request(
            &Method::POST,
            "/api/mailbox",
            None,
            true,
            body(2, BUCKET_64K),
        ))
        .await,
    );
    let unfiled = created(&f.post(body(1, BUCKET_64K)).await);
    let mut tally = Tally::default();
    let table = route_table();
    assert!(table.len() >= 16, "the table lists every route");
    let mut served = BTreeSet::new();
    for (template, _) in &table {
        for method in &METHODS {
            for authed in [true, false] {
                // A fresh session per request, so that a DELETE or commit
                // earlier in the sweep does not turn later requests into 404s.
                let upload = if template.contains("{upload}") {
                    let reply = f.call(open_session()).await;
                    tally.check(&reply, "POST /api/uploads");
                    reply.json()["upload"].as_str().unwrap().to_owned()
                } else {
                    String::new()
                };
                let id = if template.starts_with("/api/mailbox/") {
                    &item
                } else {
                    &filed
                };
                let uri = template
                    .replace("{*path}", "app.js")
                    .replace("{upload}", &upload)
                    .replace("{n}", "0")
                    .replace("{id}", id);
                let reply = f
                    .call(request(
                        method,
                        &uri,
                        authed.then_some(token.as_str()),
                        authed,
                        Vec::new(),
                    ))
                    .await;
                let what = format!("{method} {uri} (authed: {authed})");
                tally.check(&reply, &what);
                if reply.status == StatusCode::METHOD_NOT_ALLOWED {
                    if method != Method::HEAD {
                        assert_eq!(reply.code(), "method_not_allowed", "{what}");
                    }
                } else {
                    served.insert(*template);
                }
                // Only the catch-all could answer a route missing from the router.
                if reply.status == StatusCode::NOT_FOUND
                    && !reply.body.is_empty()
                    && method != Method::HEAD
                {
                    assert_ne!(
                        (template.contains('{'), reply.code().as_str()),
                        (false, "not_found"),
                        "{what}: a listed route the router does not know"
                    );
                }
            }
        }
    }
    // Every route answers at least one method with something other than 405.
    let listed: BTreeSet<&str> = table.iter().map(|(path, _)| *path).collect();
    assert_eq!(served, listed, "every route serves some method");

    // Statuses the empty-bodied sweep does not produce by itself.
    let extra = [
        (
            "a report",
            request(
                &Method::POST,
                "/api/reports",
                None,
                false,
                body(1, BUCKET_64K),
            ),
        ),
        (
            "a reply to a report filed without a mailbox",
            request(
                &Method::POST,
                &format!("/api/objects/{unfiled}/reply"),
                Some(&token),
                false,
                body(2, BUCKET_64K),
            ),
        ),
        (
            "a body declared over the bound",
            request(
                &Method::POST,
                "/api/reports",
                None,
                false,
                body(1, bucket_at_least(250_000)),
            ),
        ),
        (
            "a page file that does not exist",
            request(&Method::GET, "/assets/missing.js", None, false, Vec::new()),
        ),
        (
            "a route that does not exist",
            request(&Method::PATCH, "/nowhere", None, false, Vec::new()),
        ),
    ];
    for (what, request) in extra {
        let reply = f.call(request).await;
        tally.check(&reply, what);
    }
    let upload = f.call(open_session()).await.json()["upload"]
        .as_str()
        .unwrap()
        .to_owned();
    let out_of_order = f
        .call(request(
            &Method::PUT,
            &format!("/api/uploads/{upload}/parts/3"),
            None,
            false,
            vec![0; 10],
        ))
        .await;
    assert_eq!(out_of_order.code(), "part_out_of_order");
    tally.check(&out_of_order, "a part out of order");

    let reached: BTreeSet<u16> = tally.statuses.keys().copied().collect();
    for status in [200, 201, 204, 400, 401, 404, 405, 409, 413] {
        assert!(
            reached.contains(&status),
            "{status} not reached: {reached:?}"
        );
    }
    println!(
        "header sweep: {} routes × {} methods × 2 credentials; {} responses checked; by status: {:?}",
        table.len(),
        METHODS.len(),
        tally.responses,
        tally.statuses
    );
}

#[tokio::test]
async fn too_many_uploads_gets_503_with_the_security_headers() {
    let f = Fixture::with(1, |c| c.max_uploads = 1);
    let first = f.call(open_session()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let refused = f.call(open_session()).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.code(), "too_many_uploads");
    assert_security_headers_on(&refused, "503 too_many_uploads");
    assert_retry_after(&refused);
}

/// `POST /api/uploads`, anonymous and without a mailbox: opens an upload
/// session.
fn open_session() -> Request<Body> {
    request(&Method::POST, "/api/uploads", None, false, Vec::new())
}

/// A `Retry-After` of whole seconds, at least 1 (PROTOCOL.md §4.4).
fn assert_retry_after(reply: &Reply) {
    let secs: u64 = reply
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("Retry-After on {}", reply.status));
    assert!(secs >= 1, "{secs}");
}

/// A write limit: its code, its status, and a config that reaches it.
type Limited = (&'static str, StatusCode, fn(&mut Config));

/// `429 rate_limited`, `503 storage_full` and `503 disk_full` on every
/// anonymous write route (PROTOCOL.md §4.4): the security headers and
/// `Retry-After`.
#[tokio::test]
async fn write_limits_get_429_and_503_with_the_security_headers_and_retry_after() {
    let limited: [Limited; 3] = [
        ("rate_limited", StatusCode::TOO_MANY_REQUESTS, |c| {
            c.max_writes_per_minute = 1
        }),
        ("storage_full", StatusCode::SERVICE_UNAVAILABLE, |c| {
            c.max_store_bytes = 1
        }),
        ("disk_full", StatusCode::SERVICE_UNAVAILABLE, |c| {
            c.min_free_bytes = u64::MAX
        }),
    ];
    for (code, status, adjust) in limited {
        let f = Fixture::with(1, adjust);
        if code == "rate_limited" {
            // Spend the one token.
            let first = f.call(open_session()).await;
            assert_eq!(first.status, StatusCode::CREATED);
        }
        let report = body(1, BUCKET_64K);
        for (uri, mailbox, bytes) in [
            ("/api/reports", false, report.clone()),
            ("/api/reports", true, report.clone()),
            ("/api/uploads", false, Vec::new()),
            ("/api/mailbox", true, report.clone()),
        ] {
            let reply = f
                .call(request(&Method::POST, uri, None, mailbox, bytes))
                .await;
            let what = format!("{} {code} on POST {uri}", status.as_u16());
            assert_eq!(reply.status, status, "{what}");
            assert_eq!(reply.code(), code, "{what}");
            assert_security_headers_on(&reply, &what);
            assert_retry_after(&reply);
        }
    }
}

/// `408 body_timeout`: a body that stalls for `BODY_IDLE` (60 s, passed on
/// Tokio's paused clock, not waited for).
#[tokio::test(start_paused = true)]
async fn a_stalled_body_gets_408_with_the_security_headers() {
    let f = Fixture::new(1);
    let stalled = futures_util::stream::pending::<Result<Vec<u8>, std::io::Error>>();
    let reply = f
        .call(
            Request::post("/api/reports")
                .body(Body::from_stream(stalled))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(reply.code(), "body_timeout");
    assert_security_headers_on(&reply, "408 body_timeout");
    f.assert_empty().await;
}

/// A real [`SledStore`] whose disk "breaks" when told to: every call fails
/// from then on, as a store whose fsync failed does (PROTOCOL.md §4.4: 500).
struct BreakingStore {
    inner: SledStore,
    broken: Arc<AtomicBool>,
}

impl BreakingStore {
    fn check(&self) -> Result<(), StoreError> {
        if self.broken.load(Ordering::SeqCst) {
            Err(StoreError::Io(std::io::Error::other("disk gone")))
        } else {
            Ok(())
        }
    }
}

impl Store for BreakingStore {
    fn begin(&self) -> Result<Upload, StoreError> {
        self.check()?;
        self.inner.begin()
    }
    fn put_chunk(&self, upload: &Upload, index: u32, bytes: &[u8]) -> Result<(), StoreError> {
        self.check()?;
        self.inner.put_chunk(upload, index, bytes)
    }
    fn commit(
        &self,
        upload: &Upload,
        filing: Filing,
        day: Day,
        size: u64,
        sha256: [u8; 32],
    ) -> Result<ObjectMeta, StoreError> {
        self.check()?;
        self.inner.commit(upload, filing, day, size, sha256)
    }
    fn abort(&self, upload: &Upload) -> Result<(), StoreError> {
        self.inner.abort(upload)
    }
    fn list_after(&self, after: u64, limit: usize) -> Result<Page, StoreError> {
        self.check()?;
        self.inner.list_after(after, limit)
    }
    fn get_meta(&self, id: &ObjectId) -> Result<Option<ObjectMeta>, StoreError> {
        self.check()?;
        self.inner.get_meta(id)
    }
    fn get_entry(&self, id: &ObjectId) -> Result<Option<Entry>, StoreError> {
        self.check()?;
        self.inner.get_entry(id)
    }
    fn delete(&self, id: &ObjectId) -> Result<Option<Tombstone>, StoreError> {
        self.check()?;
        self.inner.delete(id)
    }
    fn read_chunks(&self, id: &ObjectId) -> Result<Option<Chunks>, StoreError> {
        self.check()?;
        self.inner.read_chunks(id)
    }
    fn usage(&self) -> Result<Usage, StoreError> {
        self.inner.usage()
    }
    fn list_mailbox(&self, mailbox: &MailboxId) -> Result<Vec<ObjectMeta>, StoreError> {
        self.check()?;
        self.inner.list_mailbox(mailbox)
    }
    fn read_mailbox_object(
        &self,
        mailbox: &MailboxId,
        id: &ObjectId,
    ) -> Result<Option<(ObjectMeta, Chunks)>, StoreError> {
        self.check()?;
        self.inner.read_mailbox_object(mailbox, id)
    }
    fn check_mailbox_room(&self, mailbox: &MailboxId) -> Result<(), StoreError> {
        self.check()?;
        self.inner.check_mailbox_room(mailbox)
    }
    fn open_session(&self, part_size: u64, filing: Filing) -> Result<Session, StoreError> {
        self.check()?;
        self.inner.open_session(part_size, filing)
    }
    fn sessions(&self) -> Result<Vec<Session>, StoreError> {
        self.inner.sessions()
    }
    fn get_session(&self, upload: &UploadId) -> Result<Option<Session>, StoreError> {
        self.check()?;
        self.inner.get_session(upload)
    }
    fn put_part_chunk(
        &self,
        session: &Session,
        part: u32,
        index: u32,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        self.check()?;
        self.inner.put_part_chunk(session, part, index, bytes)
    }
    fn finish_part(&self, upload: &UploadId, part: u32, len: u64) -> Result<Session, StoreError> {
        self.check()?;
        self.inner.finish_part(upload, part, len)
    }
    fn session_chunks(&self, session: &Session) -> Result<Chunks, StoreError> {
        self.check()?;
        self.inner.session_chunks(session)
    }
    fn commit_session(
        &self,
        upload: &UploadId,
        day: Day,
        sha256: [u8; 32],
    ) -> Result<ObjectMeta, StoreError> {
        self.check()?;
        self.inner.commit_session(upload, day, sha256)
    }
    fn delete_session(&self, upload: &UploadId) -> Result<bool, StoreError> {
        self.check()?;
        self.inner.delete_session(upload)
    }
    fn log_size(&self) -> Result<u64, StoreError> {
        self.check()?;
        self.inner.log_size()
    }
    fn log_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, StoreError> {
        self.check()?;
        self.inner.log_hashes(indexes)
    }
    fn log_leaves(&self, start: u64, end: u64) -> Result<Vec<[u8; LEAF_LEN]>, StoreError> {
        self.check()?;
        self.inner.log_leaves(start, end)
    }
    fn backup(&self, dest: &std::path::Path) -> Result<u64, StoreError> {
        self.check()?;
        self.inner.backup(dest)
    }
}

#[tokio::test]
async fn a_storage_failure_gets_500_with_the_security_headers_on_every_store_route() {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    write_team(&team, 1);
    let config = Config::new(tmp.path().join("data"), team);
    let token = whistlebox_relay::tokens::create(&config.data).unwrap();
    let broken = Arc::new(AtomicBool::new(false));
    let store = BreakingStore {
        inner: SledStore::open(&whistlebox_relay::state::db_path(&config.data)).unwrap(),
        broken: broken.clone(),
    };
    let state =
        AppState::with_store(&config, &config.load_team().unwrap(), Arc::new(store)).unwrap();
    let app = whistlebox_relay::app(state);
    let session = common::call(&app, open_session()).await.json()["upload"]
        .as_str()
        .unwrap()
        .to_owned();
    let object = created(
        &common::call(
            &app,
            request(
                &Method::POST,
                "/api/reports",
                None,
                true,
                body(1, BUCKET_64K),
            ),
        )
        .await,
    );
    broken.store(true, Ordering::SeqCst);
    let requests = [
        request(
            &Method::POST,
            "/api/reports",
            None,
            false,
            body(1, BUCKET_64K),
        ),
        request(&Method::GET, "/api/inbox", Some(&token), false, Vec::new()),
        request(
            &Method::GET,
            &format!("/api/objects/{object}"),
            Some(&token),
            false,
            Vec::new(),
        ),
        request(
            &Method::POST,
            &format!("/api/objects/{object}/reply"),
            Some(&token),
            false,
            body(2, BUCKET_64K),
        ),
        request(&Method::GET, "/api/mailbox", None, true, Vec::new()),
        request(
            &Method::POST,
            "/api/mailbox",
            None,
            true,
            body(2, BUCKET_64K),
        ),
        open_session(),
        request(
            &Method::GET,
            &format!("/api/uploads/{session}"),
            None,
            false,
            Vec::new(),
        ),
        request(
            &Method::PUT,
            &format!("/api/uploads/{session}/parts/0"),
            None,
            false,
            body(1, BUCKET_64K),
        ),
        request(
            &Method::POST,
            &format!("/api/uploads/{session}/commit"),
            None,
            false,
            Vec::new(),
        ),
        request(
            &Method::DELETE,
            &format!("/api/uploads/{session}"),
            None,
            false,
            Vec::new(),
        ),
        request(&Method::GET, "/api/log/checkpoint", None, false, Vec::new()),
        request(
            &Method::GET,
            "/api/log/inclusion?index=0&size=1",
            None,
            false,
            Vec::new(),
        ),
        request(
            &Method::GET,
            "/api/log/consistency?from=1&to=1",
            None,
            false,
            Vec::new(),
        ),
        request(
            &Method::GET,
            "/api/log/leaves?start=0&end=1",
            None,
            false,
            Vec::new(),
        ),
    ];
    let mut failed = 0;
    for request in requests {
        let what = format!("{} {}", request.method(), request.uri());
        let reply = common::call(&app, request).await;
        assert_security_headers_on(&reply, &what);
        if reply.status == StatusCode::INTERNAL_SERVER_ERROR {
            assert_eq!(reply.code(), "internal", "{what}");
            failed += 1;
        }
    }
    // Routes whose session lives in memory may refuse before the store is asked;
    // every route that reaches the store answers 500.
    assert!(failed >= 11, "{failed} of 15 requests got 500");
}

/// One raw exchange over a real socket; the response read to its end.
async fn raw_exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    String::from_utf8_lossy(&response).into_owned()
}

/// The header names of a raw response, lowercased.
fn header_names(response: &str) -> Vec<String> {
    let head = response.split("\r\n\r\n").next().unwrap();
    head.lines()
        .skip(1)
        .map(|line| line.split(':').next().unwrap().trim().to_ascii_lowercase())
        .collect()
}

/// hyper answers a request it cannot parse itself (400, 431) before any of
/// the relay's code runs, so those answers cannot carry the §4.5 headers
/// (PROTOCOL.md §4.5 says so). This pins what they do carry: no body, and
/// no `Date`, `Server` or cookie — nothing but the length and `Connection`.
#[tokio::test]
async fn hyper_answers_an_unparsable_request_with_no_body_and_no_forbidden_header() {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    write_team(&team, 1);
    let mut config = Config::new(tmp.path().join("data"), team);
    config.listen = "127.0.0.1:0".parse().unwrap();
    let state = AppState::open(&config).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(whistlebox_relay::serve(listener, state, async move {
        let _ = stopped.await;
    }));

    // The relay's own answer on the same socket carries every header.
    let ok = raw_exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    let names = header_names(&ok);
    for (name, _) in SECURITY_HEADERS {
        assert!(names.iter().any(|n| n == name), "{name} missing: {ok}");
    }

    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Long: {}\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    let cases: [(&str, &[u8], &str); 4] = [
        ("a malformed request line", b"GARBAGE\r\n\r\n", "400"),
        (
            "a bad header line",
            b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
            "400",
        ),
        ("a bad version", b"GET / HTTP/7.1\r\nHost: x\r\n\r\n", "400"),
        (
            "a request head over hyper's buffer",
            long_header.as_bytes(),
            "431",
        ),
    ];
    for (what, bytes, status) in cases {
        let response = raw_exchange(addr, bytes).await;
        assert!(
            response.starts_with(&format!("HTTP/1.1 {status}")),
            "{what}: {response:?}"
        );
        let (_, rest) = response.split_once("\r\n\r\n").expect("a complete head");
        assert!(rest.is_empty(), "{what}: a body {rest:?}");
        for name in header_names(&response) {
            assert!(
                ["content-length", "connection"].contains(&name.as_str()),
                "{what}: hyper's answer carries {name}: {response:?}"
            );
        }
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
