//! Upload sessions (PROTOCOL.md §4.7) and the page (§4.8), driven through
//! `oneshot` over real sled.

mod common;

use base64::Engine as _;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    assert_security_headers_terse, body, bucket_at_least, header, Fixture, Reply, BUCKET_64K,
};
use sha2::{Digest, Sha256};
use whistlebox_relay::store::Usage;
use whistlebox_relay::upload::PART_SIZE;

const PART: usize = PART_SIZE as usize;

async fn create(f: &Fixture) -> String {
    let reply = f
        .call(Request::post("/api/uploads").body(Body::empty()).unwrap())
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
    assert_security_headers_terse(&reply);
    let json = reply.json();
    assert_eq!(json["part_size"], PART_SIZE);
    assert_eq!(json["received"], 0);
    assert!(json["max_parts"].as_u64().unwrap() >= 1);
    let id = json["upload"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    id
}

async fn put(f: &Fixture, id: &str, n: u32, bytes: &[u8]) -> Reply {
    f.call(
        Request::put(format!("/api/uploads/{id}/parts/{n}"))
            .header("content-length", bytes.len())
            .body(Body::from(bytes.to_vec()))
            .unwrap(),
    )
    .await
}

/// A PUT without `Content-Length`, in 100 000-byte frames.
async fn put_streamed(f: &Fixture, id: &str, n: u32, bytes: &[u8]) -> Reply {
    let frames: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(100_000).map(|c| Ok(c.to_vec())).collect();
    f.call(
        Request::put(format!("/api/uploads/{id}/parts/{n}"))
            .body(Body::from_stream(futures_util::stream::iter(frames)))
            .unwrap(),
    )
    .await
}

async fn commit(f: &Fixture, id: &str) -> Reply {
    f.call(
        Request::post(format!("/api/uploads/{id}/commit"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn delete(f: &Fixture, id: &str) -> Reply {
    f.call(
        Request::delete(format!("/api/uploads/{id}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn received(f: &Fixture, id: &str) -> u64 {
    let reply = f.get(&format!("/api/uploads/{id}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json());
    assert_security_headers_terse(&reply);
    assert_eq!(reply.json()["upload"], id);
    reply.json()["received"].as_u64().unwrap()
}

async fn assert_gone(f: &Fixture, id: &str) {
    let reply = f.get(&format!("/api/uploads/{id}")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.code(), "unknown_upload");
    assert_security_headers_terse(&reply);
}

async fn upload_all(f: &Fixture, id: &str, bytes: &[u8]) {
    for (n, part) in bytes.chunks(PART).enumerate() {
        let reply = put(f, id, n as u32, part).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json());
        assert_eq!(reply.json()["received"], n as u64 + 1);
        assert_security_headers_terse(&reply);
    }
}

async fn assert_commits_and_reads_back(f: &Fixture, id: &str, bytes: &[u8]) {
    let reply = commit(f, id).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
    assert_security_headers_terse(&reply);
    let json = reply.json();
    // The receipt (PROTOCOL.md §10.5): id, day, leaf and checkpoint.
    assert_eq!(json.as_object().unwrap().len(), 4, "{json}");
    // The leaf commits to the SHA-256 of every part, hashed at commit (§10.1).
    let leaf = json["leaf"].as_u64().unwrap();
    let served = f
        .get(&format!("/api/log/leaves?start={leaf}&end={}", leaf + 1))
        .await
        .json();
    let served = base64::engine::general_purpose::STANDARD
        .decode(served["leaves"][0].as_str().unwrap())
        .unwrap();
    let served = whistlebox_core::log::Leaf::parse(&served).unwrap();
    assert_eq!(served.size, bytes.len() as u64);
    assert_eq!(served.sha256.as_slice(), Sha256::digest(bytes).as_slice());
    assert_eq!(hex::encode(served.id), json["id"].as_str().unwrap());
    assert_eq!(
        json["day"],
        whistlebox_relay::store::Day::today().to_string().as_str()
    );
    let object = f
        .get_authed(&format!("/api/objects/{}", json["id"].as_str().unwrap()))
        .await;
    assert_eq!(object.status, StatusCode::OK);
    assert!(object.body == bytes, "the object reads back identical");
    assert_gone(f, id).await;
}

#[tokio::test]
async fn three_parts_commit_and_read_back_identical() {
    let f = Fixture::new(2);
    let b = body(2, bucket_at_least(9 * 1024 * 1024));
    assert!(b.len() > 2 * PART && b.len() < 3 * PART);
    let id = create(&f).await;
    upload_all(&f, &id, &b).await;
    assert_eq!(received(&f, &id).await, 3);
    let status = f.get(&format!("/api/uploads/{id}")).await.json();
    assert_eq!(status["bytes"], b.len() as u64);
    let usage = f.usage();
    assert_eq!((usage.objects, usage.sessions, usage.pending), (0, 1, 1));
    assert_eq!(
        f.get_authed("/api/inbox").await.json()["items"],
        serde_json::json!([]),
        "invisible before the commit"
    );
    assert_commits_and_reads_back(&f, &id, &b).await;
    let usage = f.usage();
    assert_eq!((usage.objects, usage.sessions, usage.pending), (1, 0, 0));
    let inbox = f.get_authed("/api/inbox").await.json();
    assert_eq!(inbox["items"][0]["seq"], 1);
    assert_eq!(inbox["items"][0]["size"], b.len() as u64);
}

#[tokio::test]
async fn an_interrupted_part_is_resumed_and_a_restart_keeps_acknowledged_parts() {
    let f = Fixture::new(1);
    let b = body(1, bucket_at_least(9 * 1024 * 1024));
    let id = create(&f).await;
    upload_all(&f, &id, &b[..PART]).await;
    // Part 1 breaks off after 1.5 MiB: the client's connection dropped.
    let frames: Vec<Result<Vec<u8>, std::io::Error>> = vec![
        Ok(b[PART..PART + 1_500_000].to_vec()),
        Err(std::io::Error::other("connection reset")),
    ];
    let cut = f
        .call(
            Request::put(format!("/api/uploads/{id}/parts/1"))
                .body(Body::from_stream(futures_util::stream::iter(frames)))
                .unwrap(),
        )
        .await;
    assert_eq!(cut.status, StatusCode::BAD_REQUEST);
    assert_security_headers_terse(&cut);
    assert_eq!(received(&f, &id).await, 1, "resume from part 1");

    // A restart: a new state on the same data directory.
    let f = f.reopen();
    assert_eq!(received(&f, &id).await, 1, "acknowledged parts survive");
    for (n, part) in b.chunks(PART).enumerate().skip(1) {
        assert_eq!(put(&f, &id, n as u32, part).await.status, StatusCode::OK);
    }
    assert_commits_and_reads_back(&f, &id, &b).await;
    assert_eq!(f.usage().chunks, b.len().div_ceil(1 << 20) as u64);
}

/// Uploads `bytes` in parts, commits, and asserts the code and that nothing is left.
async fn assert_refused_at_commit(f: &Fixture, bytes: &[u8], parts: &[usize], code: &str) {
    let id = create(f).await;
    let mut offset = 0;
    for (n, len) in parts.iter().enumerate() {
        let reply = put(f, &id, n as u32, &bytes[offset..offset + len]).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json());
        offset += len;
    }
    let reply = commit(f, &id).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{:?}", reply.json());
    assert_eq!(reply.code(), code);
    assert_security_headers_terse(&reply);
    assert_gone(f, &id).await;
    f.assert_empty().await;
}

#[tokio::test]
async fn parts_that_are_no_valid_age_file_are_refused_at_commit_and_deleted() {
    let f = Fixture::new(2);
    // A valid start, but one byte short of a STREAM framing.
    let mut framing = body(2, bucket_at_least(5 * 1024 * 1024));
    framing.extend_from_slice(b"12345");
    assert_refused_at_commit(
        &f,
        &framing,
        &[PART, framing.len() - PART],
        "payload_framing",
    )
    .await;
    // Three stanzas for a team of two.
    let mut stanzas = header(3);
    stanzas.extend_from_slice(&common::random_bytes(
        whistlebox_core::envelope::payload_len(BUCKET_64K) as usize,
    ));
    assert_refused_at_commit(&f, &stanzas, &[stanzas.len()], "too_many_stanzas").await;
    // Not a padding bucket.
    let odd = body(1, BUCKET_64K + 1);
    assert_refused_at_commit(&f, &odd, &[odd.len()], "not_padding_bucket").await;
    // A short part before the last.
    let good = body(1, bucket_at_least(5 * 1024 * 1024));
    assert_refused_at_commit(&f, &good, &[PART - 1, good.len() - PART + 1], "part_size").await;
    // Nothing at all.
    assert_refused_at_commit(&f, &good, &[], "not_age").await;
}

#[tokio::test]
async fn part_zero_must_start_like_an_age_file() {
    let f = Fixture::new(1);
    for (bytes, code) in [
        (b"hello, plaintext".to_vec(), "not_age"),
        (
            b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n".to_vec(),
            "armored",
        ),
    ] {
        let id = create(&f).await;
        let reply = put_streamed(&f, &id, 0, &bytes).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.code(), code);
        assert_security_headers_terse(&reply);
        assert_gone(&f, &id).await;
    }
    f.assert_empty().await;
}

#[tokio::test]
async fn out_of_order_duplicate_and_oversized_parts_get_their_codes() {
    let f = Fixture::with(1, |c| c.max_body_bytes = 6 * 1024 * 1024);
    let b = body(1, bucket_at_least(5 * 1024 * 1024));
    let id = create(&f).await;
    let reply = put(&f, &id, 1, &b[PART..]).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.code(), "part_out_of_order");
    assert!(reply.json()["message"]
        .as_str()
        .unwrap()
        .contains("part 0 is expected next"));
    assert_security_headers_terse(&reply);
    upload_all(&f, &id, &b[..PART]).await;
    let reply = put(&f, &id, 0, &b[..PART]).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.code(), "part_duplicate");
    assert!(reply.json()["message"]
        .as_str()
        .unwrap()
        .contains("part 1 is expected next"));

    let big = vec![0u8; PART + 1];
    let reply = put(&f, &id, 1, &big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.code(), "part_too_large");
    assert_security_headers_terse(&reply);
    assert_eq!(received(&f, &id).await, 1, "the session is kept");
    // Without Content-Length, the bound applies while streaming.
    let other = create(&f).await;
    let mut big = b[..PART].to_vec();
    big.push(0);
    let reply = put_streamed(&f, &other, 0, &big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.code(), "part_too_large");
    assert_eq!(received(&f, &other).await, 0, "the session is kept");
    assert_eq!(delete(&f, &other).await.status, StatusCode::NO_CONTENT);

    // 4 MiB + 3 MiB is over max_body_bytes (6 MiB): E8, and the upload is deleted.
    let reply = put_streamed(&f, &id, 1, &vec![0u8; 3 * 1024 * 1024]).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.code(), "too_large");
    assert_gone(&f, &id).await;
    f.assert_empty().await;

    let reply = put(&f, "not-an-id", 0, b"x").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = put(&f, &"0".repeat(32), 0, b"x").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.code(), "unknown_upload");
}

#[tokio::test]
async fn delete_removes_every_part() {
    let f = Fixture::new(1);
    let b = body(1, bucket_at_least(5 * 1024 * 1024));
    let id = create(&f).await;
    upload_all(&f, &id, &b).await;
    assert!(f.usage().chunks >= 5);
    let reply = delete(&f, &id).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_security_headers_terse(&reply);
    f.assert_empty().await;
    assert_eq!(delete(&f, &id).await.code(), "unknown_upload");
    assert_eq!(commit(&f, &id).await.code(), "unknown_upload");
}

#[tokio::test]
async fn max_uploads_is_enforced() {
    let f = Fixture::with(1, |c| c.max_uploads = 2);
    let first = create(&f).await;
    let _second = create(&f).await;
    let reply = f
        .call(Request::post("/api/uploads").body(Body::empty()).unwrap())
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.code(), "too_many_uploads");
    assert_security_headers_terse(&reply);
    assert_eq!(delete(&f, &first).await.status, StatusCode::NO_CONTENT);
    create(&f).await;
    assert_eq!(f.usage().sessions, 2);
}

#[tokio::test]
async fn an_idle_session_expires_and_leaves_nothing() {
    let f = Fixture::with(1, |c| c.upload_ttl_secs = 1);
    let b = body(1, bucket_at_least(5 * 1024 * 1024));
    let id = create(&f).await;
    upload_all(&f, &id, &b[..PART]).await;
    assert_eq!(f.usage().sessions, 1);
    // Not a timing assertion: just waiting past the bound (ttl + sweep interval).
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_gone(&f, &id).await;
    f.assert_empty().await;
    assert!(f.state.uploads().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_requests_on_one_session_are_serialised() {
    let f = Fixture::new(1);
    let b = body(1, bucket_at_least(5 * 1024 * 1024));
    let id = create(&f).await;
    // Two PUTs of part 0 at once: one is stored, the other is a duplicate.
    let (one, two) = tokio::join!(put(&f, &id, 0, &b[..PART]), put(&f, &id, 0, &b[..PART]));
    let mut statuses = [one.status, two.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    assert_eq!(received(&f, &id).await, 1);
    assert_eq!(put(&f, &id, 1, &b[PART..]).await.status, StatusCode::OK);
    // A commit and a DELETE at once: exactly one wins, nothing is half done.
    let (committed, deleted) = tokio::join!(commit(&f, &id), delete(&f, &id));
    let usage = f.usage();
    match (committed.status, deleted.status) {
        (StatusCode::CREATED, StatusCode::NOT_FOUND) => {
            assert_eq!(
                usage,
                Usage {
                    objects: 1,
                    chunks: b.len().div_ceil(1 << 20) as u64,
                    pending: 0,
                    sessions: 0,
                    mailbox_items: 0,
                }
            );
        }
        (StatusCode::NOT_FOUND, StatusCode::NO_CONTENT) => f.assert_empty().await,
        other => panic!("unexpected outcome {other:?}"),
    }
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_their_types_and_headers() {
    let f = Fixture::new(1);
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/dist");
    let index = f.get("/").await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(index.headers["content-type"], "text/html; charset=utf-8");
    assert!(index.body == std::fs::read(dist.join("index.html")).unwrap());
    assert!(index.headers.contains_key("content-security-policy"));
    assert_security_headers_terse(&index);
    for (path, mime) in [
        ("assets/app.js", "text/javascript; charset=utf-8"),
        ("assets/worker.js", "text/javascript; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("assets/locales/zh-CN.json", "application/json"),
    ] {
        let reply = f.get(&format!("/{path}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.headers["content-type"], mime, "{path}");
        assert!(
            reply.body == std::fs::read(dist.join(path)).unwrap(),
            "{path}"
        );
        assert_security_headers_terse(&reply);
    }
    for missing in [
        "/assets/nope.js",
        "/assets/../SHA256SUMS",
        "/index.html",
        "/SHA256SUMS",
    ] {
        let reply = f.get(missing).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(reply.code(), "not_found");
        assert_security_headers_terse(&reply);
    }
}

#[tokio::test]
async fn site_gives_the_bundle_digest_the_file_digests_and_the_safety_text() {
    let f = Fixture::new(2);
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/dist");
    let sums = std::fs::read(dist.join("SHA256SUMS")).unwrap();
    let reply = f.get("/api/site").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/json");
    assert_security_headers_terse(&reply);
    let json = reply.json();
    assert_eq!(
        json["bundle_sha256"],
        hex::encode(Sha256::digest(&sums)).as_str()
    );
    assert_eq!(json["bundle_sha256"], f.state.bundle_sha256());
    assert_eq!(json["keyset_fingerprint"], f.state.fingerprint());
    let files = json["files"].as_object().unwrap();
    let text = String::from_utf8(sums).unwrap();
    assert_eq!(files.len(), text.lines().count());
    for line in text.lines() {
        let (digest, path) = line.split_once("  ").unwrap();
        assert_eq!(files[path], digest, "{path}");
        let bytes = std::fs::read(dist.join(path)).unwrap();
        assert_eq!(
            hex::encode(Sha256::digest(&bytes)),
            digest,
            "{path} on disk"
        );
    }
    assert!(json["safety"]["en"].as_str().unwrap().contains("emergency"));
    assert!(!json["safety"]["zh-CN"].as_str().unwrap().is_empty());

    let f = Fixture::with(1, |c| {
        c.safety = [("en".to_owned(), "Hotline: see the intranet.".to_owned())].into();
    });
    let json = f.get("/api/site").await.json();
    assert_eq!(
        json["safety"],
        serde_json::json!({"en": "Hotline: see the intranet."})
    );
}
