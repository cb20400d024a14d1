//! The bounds on anonymous writes (PROTOCOL.md §4.4), over real sled with
//! tiny limits: the write rate (`429 rate_limited`), the storage quota (`503
//! storage_full`) and the free-disk floor (`503 disk_full`). Every refusal
//! carries `Retry-After`, and leaves the store exactly as it was.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{body, Fixture, Reply, BUCKET_64K};

const MAILBOX_SECRET: &str = "7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b";

/// The `Retry-After` seconds of a reply, checked against its JSON body.
fn retry_after(reply: &Reply) -> u64 {
    let secs: u64 = reply
        .headers
        .get(header::RETRY_AFTER)
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in whole seconds");
    assert_eq!(reply.json()["retry_after"], secs, "body and header agree");
    secs
}

async fn create_upload(f: &Fixture) -> Reply {
    f.call(Request::post("/api/uploads").body(Body::empty()).unwrap())
        .await
}

async fn followup(f: &Fixture, bytes: Vec<u8>) -> Reply {
    f.call(
        Request::post("/api/mailbox")
            .header("whistlebox-mailbox", MAILBOX_SECRET)
            .header("content-length", bytes.len())
            .body(Body::from(bytes))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn writes_beyond_the_rate_get_429_with_retry_after_and_store_nothing() {
    let f = Fixture::with(1, |c| c.max_writes_per_minute = 3);
    let report = body(1, BUCKET_64K);
    assert_eq!(f.post(report.clone()).await.status, StatusCode::CREATED);
    assert_eq!(create_upload(&f).await.status, StatusCode::CREATED);
    assert_eq!(
        followup(&f, report.clone()).await.status,
        StatusCode::CREATED
    );
    let before = f.usage();
    assert_eq!((before.objects, before.sessions), (2, 1), "{before:?}");

    // The bucket is empty: each kind of anonymous write is refused.
    let refused = [
        f.post(report.clone()).await,
        create_upload(&f).await,
        followup(&f, report.clone()).await,
    ];
    for reply in &refused {
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(reply.code(), "rate_limited");
        let secs = retry_after(reply);
        // 3 a minute: a token every 20 s.
        assert!((1..=20).contains(&secs), "Retry-After {secs}");
    }
    assert_eq!(f.usage(), before, "the store is unchanged");
    let inbox = f.get_authed("/api/inbox").await.json();
    assert_eq!(inbox["items"].as_array().unwrap().len(), 2);

    // Reads are not writes: they are never rate-limited.
    assert_eq!(f.get("/api/team").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_full_quota_gets_503_storage_full_and_stores_nothing() {
    // One byte: the empty database already holds more.
    let f = Fixture::with(1, |c| c.max_store_bytes = 1);
    let report = body(1, BUCKET_64K);
    let refused = [
        f.post(report.clone()).await,
        f.post_streamed(report.clone(), 4_096).await,
        create_upload(&f).await,
        followup(&f, report.clone()).await,
    ];
    for reply in &refused {
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.code(), "storage_full");
        assert_eq!(
            retry_after(reply),
            whistlebox_relay::limits::STORAGE_FULL_RETRY_SECS
        );
    }
    f.assert_empty().await;
}

#[tokio::test]
async fn a_report_that_would_cross_the_quota_is_refused_before_its_bytes() {
    let probe = Fixture::new(1);
    let empty = whistlebox_relay::limits::Space::new(&probe.config.data, u64::MAX, 0).used();
    drop(probe);
    // Room for the empty database and a little more, not for a 64 KiB report.
    let f = Fixture::with(1, |c| c.max_store_bytes = empty + 4 * 1024 * 1024);
    let base = whistlebox_relay::limits::Space::new(&f.config.data, u64::MAX, 0).used();
    let room = (empty + 4 * 1024 * 1024).saturating_sub(base);
    let report = body(1, bucket_over(room));
    let refused = f.post(report).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.code(), "storage_full");
    f.assert_empty().await;
}

/// A padding bucket larger than `bytes`.
fn bucket_over(bytes: u64) -> u64 {
    common::bucket_at_least(bytes + 1)
}

#[tokio::test]
async fn below_the_free_disk_floor_writes_get_503_disk_full_and_store_nothing() {
    // A floor above any real free space.
    let f = Fixture::with(1, |c| c.min_free_bytes = u64::MAX);
    let report = body(1, BUCKET_64K);
    let refused = [
        f.post(report.clone()).await,
        create_upload(&f).await,
        followup(&f, report).await,
    ];
    for reply in &refused {
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(reply.code(), "disk_full");
        assert_eq!(
            retry_after(reply),
            whistlebox_relay::limits::DISK_FULL_RETRY_SECS
        );
    }
    f.assert_empty().await;
}

#[tokio::test]
async fn a_part_without_room_is_refused_and_the_session_keeps_its_parts() {
    let f = Fixture::with(1, |c| c.min_free_bytes = 0);
    let created = create_upload(&f).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let upload = created.json()["upload"].as_str().unwrap().to_owned();
    // The quota is now spent: a relay restarted with a tiny quota.
    let mut f = f;
    f.config.max_store_bytes = 1;
    let f = f.reopen();
    let part = body(1, BUCKET_64K);
    let reply = f
        .call(
            Request::put(format!("/api/uploads/{upload}/parts/0"))
                .header("content-length", part.len())
                .body(Body::from(part))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.code(), "storage_full");
    retry_after(&reply);
    let usage = f.usage();
    assert_eq!((usage.chunks, usage.sessions), (0, 1), "{usage:?}");
}
