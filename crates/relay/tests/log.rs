//! The transparency log (PROTOCOL.md §10) over a real relay and real sled:
//! a leaf per commit on every committing route, receipts, inclusion and
//! consistency proofs, signatures, rejected writes, restarts and bounds.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    assert_security_headers_terse, body, leaf_of, leaves, send, Fixture, Reply, BUCKET_64K,
};
use whistlebox_core::log::{
    decode_proof, root_of, verify_consistency, verify_inclusion, Checkpoint, Leaf, LeafKind,
    VerifierKey, MAX_CONSISTENCY_PROOF, MAX_INCLUSION_PROOF,
};

async fn vkey(f: &Fixture) -> VerifierKey {
    let reply = f.get("/api/log/key").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_security_headers_terse(&reply);
    assert_eq!(reply.headers["content-type"], "text/plain; charset=utf-8");
    VerifierKey::parse(std::str::from_utf8(&reply.body).unwrap()).unwrap()
}

async fn checkpoint(f: &Fixture) -> Checkpoint {
    let reply = f.get("/api/log/checkpoint").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_security_headers_terse(&reply);
    assert_eq!(reply.headers["cache-control"], "no-store");
    Checkpoint::verify(&reply.body, &vkey(f).await).unwrap()
}

/// Checks a `201` receipt: its checkpoint verifies and includes the leaf,
/// whose inclusion proof at that size holds. Returns the leaf index.
async fn check_receipt(f: &Fixture, reply: &Reply, kind: LeafKind, body: &[u8]) -> (u64, Leaf) {
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
    let json = reply.json();
    let leaf = leaf_of(kind, json["id"].as_str().unwrap(), body);
    let index = json["leaf"].as_u64().expect("receipt has a leaf");
    let cp = Checkpoint::verify(
        json["checkpoint"].as_str().unwrap().as_bytes(),
        &vkey(f).await,
    )
    .unwrap();
    assert!(
        cp.size > index,
        "the receipt's checkpoint includes the leaf"
    );
    let proof = f
        .get(&format!(
            "/api/log/inclusion?index={index}&size={}",
            cp.size
        ))
        .await;
    assert_eq!(proof.status, StatusCode::OK);
    let proof = proof.json();
    assert_eq!(
        (proof["index"].as_u64(), proof["size"].as_u64()),
        (Some(index), Some(cp.size))
    );
    let hashes = proof_of(&proof, MAX_INCLUSION_PROOF);
    verify_inclusion(&hashes, cp.size, &cp.root, index, &leaf.hash()).unwrap();
    (index, leaf)
}

fn proof_of(json: &serde_json::Value, max: usize) -> Vec<whistlebox_core::log::Hash> {
    let texts: Vec<String> = json["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_owned())
        .collect();
    decode_proof(&texts, max).unwrap()
}

#[tokio::test]
async fn every_committing_route_appends_one_leaf_with_a_receipt() {
    let f = Fixture::new(2);
    let empty = checkpoint(&f).await;
    assert_eq!(empty.size, 0);
    assert_eq!(empty.root, whistlebox_core::log::empty_root());
    assert!(!empty.text.contains("time"), "no timestamp line");
    let secret = hex::encode(common::random_bytes(32));
    let mut expected = Vec::new();

    // A report filed under a mailbox.
    let report = body(2, BUCKET_64K);
    let reply = send(
        &f,
        "POST",
        "/api/reports",
        Some(&secret),
        false,
        report.clone(),
    )
    .await;
    let (index, leaf) = check_receipt(&f, &reply, LeafKind::Report, &report).await;
    let report_id = reply.json()["id"].as_str().unwrap().to_owned();
    expected.push((index, leaf));

    // An upload session of one part.
    let session = f
        .call(Request::post("/api/uploads").body(Body::empty()).unwrap())
        .await;
    let upload = session.json()["upload"].as_str().unwrap().to_owned();
    let part = body(2, 2 * BUCKET_64K);
    let put = send(
        &f,
        "PUT",
        &format!("/api/uploads/{upload}/parts/0"),
        None,
        false,
        part.clone(),
    )
    .await;
    assert_eq!(put.status, StatusCode::OK);
    let reply = send(
        &f,
        "POST",
        &format!("/api/uploads/{upload}/commit"),
        None,
        false,
        Vec::new(),
    )
    .await;
    expected.push(check_receipt(&f, &reply, LeafKind::Report, &part).await);

    // A follow-up, a reply and a status.
    let followup = body(3, BUCKET_64K);
    let reply = send(
        &f,
        "POST",
        "/api/mailbox",
        Some(&secret),
        false,
        followup.clone(),
    )
    .await;
    expected.push(check_receipt(&f, &reply, LeafKind::Followup, &followup).await);
    let answer = body(3, BUCKET_64K);
    let uri = format!("/api/objects/{report_id}/reply");
    let reply = send(&f, "POST", &uri, None, true, answer.clone()).await;
    expected.push(check_receipt(&f, &reply, LeafKind::Reply, &answer).await);
    let status = body(2, BUCKET_64K);
    let uri = format!("/api/objects/{report_id}/status");
    let reply = send(&f, "POST", &uri, None, true, status.clone()).await;
    expected.push(check_receipt(&f, &reply, LeafKind::Status, &status).await);

    // One leaf per commit, in commit order, and the served leaves are them.
    let indexes: Vec<u64> = expected.iter().map(|(i, _)| *i).collect();
    assert_eq!(indexes, [0, 1, 2, 3, 4]);
    let served = leaves(&f, 0, 5).await;
    let mine: Vec<Leaf> = expected.iter().map(|(_, l)| *l).collect();
    assert_eq!(served, mine);
    let cp = checkpoint(&f).await;
    assert_eq!((cp.size, cp.root), (5, root_of(&mine)));

    // The inbox and the mailbox agree with the log.
    let inbox = f.get_authed("/api/inbox").await.json();
    assert_eq!(inbox["items"].as_array().unwrap().len(), 5);
    let listing = send(&f, "GET", "/api/mailbox", Some(&secret), false, Vec::new()).await;
    let listing = listing.json();
    let items: Vec<u64> = listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["leaf"].as_u64().unwrap())
        .collect();
    assert_eq!(items, [2, 3, 4]);
    // The report stays out of the listing and out of reach of the mailbox
    // (deniability, §10.6): its receipt is the reporter's proof.
    assert!(listing.get("reports").is_none());
    let own = send(
        &f,
        "GET",
        &format!("/api/mailbox/objects/{report_id}"),
        Some(&secret),
        false,
        Vec::new(),
    )
    .await;
    assert_eq!(own.code(), "not_found");
}

#[tokio::test]
async fn an_unknown_mailbox_and_an_empty_one_answer_alike() {
    let f = Fixture::new(1);
    // A mailbox whose only object is a report answers like one never used,
    // although the report's leaf is public.
    let secret = hex::encode(common::random_bytes(32));
    let unknown = hex::encode(common::random_bytes(32));
    let reply = send(
        &f,
        "POST",
        "/api/reports",
        Some(&secret),
        false,
        body(1, BUCKET_64K),
    )
    .await;
    assert_eq!(reply.json()["leaf"], 0);
    let a = send(&f, "GET", "/api/mailbox", Some(&secret), false, Vec::new()).await;
    let b = send(&f, "GET", "/api/mailbox", Some(&unknown), false, Vec::new()).await;
    assert_eq!(
        (a.status, &a.headers, &a.body),
        (b.status, &b.headers, &b.body)
    );
    assert_eq!(a.body, br#"{"items":[]}"#);
}

#[tokio::test]
async fn consistency_proofs_hold_between_every_pair_of_sizes() {
    let f = Fixture::new(1);
    let mut checkpoints = vec![checkpoint(&f).await];
    for _ in 0..7 {
        assert_eq!(
            f.post(body(1, BUCKET_64K)).await.status,
            StatusCode::CREATED
        );
        checkpoints.push(checkpoint(&f).await);
    }
    for (m, old) in checkpoints.iter().enumerate() {
        assert_eq!(old.size, m as u64);
        for new in &checkpoints[m..] {
            let reply = f
                .get(&format!(
                    "/api/log/consistency?from={}&to={}",
                    old.size, new.size
                ))
                .await;
            assert_eq!(reply.status, StatusCode::OK);
            let proof = proof_of(&reply.json(), MAX_CONSISTENCY_PROOF);
            verify_consistency(&proof, old.size, &old.root, new.size, &new.root).unwrap();
            if old.size > 0 && old.size < new.size {
                // A proof does not hold for another old root.
                let wrong = checkpoints[m - 1].root;
                assert!(verify_consistency(&proof, old.size, &wrong, new.size, &new.root).is_err());
            }
        }
    }
}

#[tokio::test]
async fn the_checkpoint_verifies_only_with_the_published_key() {
    let f = Fixture::new(1);
    f.post(body(1, BUCKET_64K)).await;
    let note = f.get("/api/log/checkpoint").await.body;
    let key = vkey(&f).await;
    assert!(key.name().starts_with("whistlebox.invalid/"));
    Checkpoint::verify(&note, &key).unwrap();
    let other = Fixture::new(1);
    let other_key = vkey(&other).await;
    assert_ne!(other_key, key);
    assert!(Checkpoint::verify(&note, &other_key).is_err());
    // The key file is private.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = whistlebox_relay::tlog::key_path(&f.config.data);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&format!("PRIVATE+KEY+{}+", key.name())));
        // Neither the key file's secret nor its text is ever served.
        // PRIVATE+KEY+<name>+<hash>+<seed>; the base64 seed may itself hold
        // `+`, so take everything after the fourth one.
        let secret = text.trim().splitn(5, '+').nth(4).unwrap();
        assert!(secret.len() > 40, "{secret}");
        assert!(!String::from_utf8_lossy(&note).contains(secret));
    }
}

#[tokio::test]
async fn rejected_writes_add_no_leaf() {
    let f = Fixture::with(1, |c| {
        // A body refused for its envelope has spent its write (§4.4): one for
        // the first report, one for `not_age`, one for the second report.
        c.max_writes_per_minute = 3;
        c.max_body_bytes = 4 * BUCKET_64K;
    });
    assert_eq!(
        f.post(body(1, BUCKET_64K)).await.status,
        StatusCode::CREATED
    );
    let before = checkpoint(&f).await;
    // 400: a broken envelope; 413: too large; then 429 once the budget is spent.
    assert_eq!(f.post(b"not age at all".to_vec()).await.code(), "not_age");
    assert_eq!(f.post(body(1, 8 * BUCKET_64K)).await.code(), "too_large");
    // 400 on a mailbox route, 409 for an object without a mailbox.
    let id = f.get_authed("/api/inbox").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = send(
        &f,
        "POST",
        &format!("/api/objects/{id}/reply"),
        None,
        true,
        body(2, BUCKET_64K),
    )
    .await;
    assert_eq!(reply.code(), "no_mailbox");
    assert_eq!(
        f.post(body(1, BUCKET_64K)).await.status,
        StatusCode::CREATED
    );
    assert_eq!(f.post(body(1, BUCKET_64K)).await.code(), "rate_limited");
    let after = checkpoint(&f).await;
    assert_eq!(
        after.size,
        before.size + 1,
        "only the accepted write was logged"
    );
    assert_eq!(f.usage().objects, 2);
}

#[tokio::test]
async fn a_restart_keeps_the_key_and_the_tree() {
    let f = Fixture::new(1);
    for _ in 0..3 {
        f.post(body(1, BUCKET_64K)).await;
    }
    let key = vkey(&f).await;
    let before = checkpoint(&f).await;
    let f = f.reopen();
    assert_eq!(vkey(&f).await, key);
    let after = checkpoint(&f).await;
    assert_eq!((after.size, after.root), (before.size, before.root));
    // Ed25519 signatures are deterministic: the same checkpoint, byte for byte.
    assert_eq!(after.text, before.text);
    let reply = f.post(body(1, BUCKET_64K)).await;
    assert_eq!(reply.json()["leaf"], 3);
    let next = checkpoint(&f).await;
    let proof = f.get("/api/log/consistency?from=3&to=4").await.json();
    let proof = proof_of(&proof, MAX_CONSISTENCY_PROOF);
    verify_consistency(&proof, 3, &before.root, 4, &next.root).unwrap();
}

#[tokio::test]
async fn the_origin_is_set_at_first_start_and_kept() {
    let f = Fixture::with(1, |c| c.log_origin = Some("reports.example.org/log".into()));
    let key = vkey(&f).await;
    assert_eq!(key.name(), "reports.example.org/log");
    assert!(checkpoint(&f)
        .await
        .text
        .starts_with("reports.example.org/log\n0\n"));
    let mut config = f.config.clone();
    drop(f.app);
    drop(f.state);
    config.log_origin = Some("another.example.org/log".into());
    let err = loop {
        match whistlebox_relay::AppState::open(&config) {
            Err(whistlebox_relay::RelayError::Store { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => break e,
            Ok(_) => panic!("a relay started with another origin"),
        }
    };
    assert!(err.to_string().contains("for life"), "{err}");
    // A malformed origin is refused before a key is made.
    let mut fresh = config.clone();
    fresh.data = config.data.with_file_name("fresh");
    fresh.log_origin = Some("has space".into());
    let err = whistlebox_relay::AppState::open(&fresh).unwrap_err();
    assert!(err.to_string().contains("not a log origin"), "{err}");
    assert!(!whistlebox_relay::tlog::key_path(&fresh.data).exists());
}

#[tokio::test]
async fn log_queries_are_bounded_with_specific_codes() {
    let f = Fixture::new(1);
    for _ in 0..2 {
        f.post(body(1, BUCKET_64K)).await;
    }
    let cases = [
        ("/api/log/inclusion?index=2&size=2", "log_range"),
        ("/api/log/inclusion?index=0&size=3", "log_range"),
        ("/api/log/inclusion?index=0&size=0", "log_range"),
        (
            "/api/log/inclusion?index=0&size=18446744073709551615",
            "log_range",
        ),
        (
            "/api/log/inclusion?index=0&size=18446744073709551616",
            "bad_request",
        ),
        ("/api/log/inclusion?index=-1&size=2", "bad_request"),
        ("/api/log/inclusion?index=0", "bad_request"),
        ("/api/log/inclusion?index=0&size=2&x=1", "bad_request"),
        ("/api/log/inclusion?index=a&size=2", "bad_request"),
        ("/api/log/consistency?from=2&to=1", "log_range"),
        ("/api/log/consistency?from=1&to=3", "log_range"),
        ("/api/log/consistency?from=1", "bad_request"),
        ("/api/log/leaves?start=0&end=3", "log_range"),
        ("/api/log/leaves?start=1&end=1", "log_range"),
        ("/api/log/leaves?start=2&end=1", "log_range"),
        (
            "/api/log/leaves?start=0&end=99999999999999999999",
            "bad_request",
        ),
        ("/api/log/leaves", "bad_request"),
    ];
    for (uri, code) in cases {
        let reply = f.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.code(), code, "{uri}");
        assert_security_headers_terse(&reply);
    }
    assert_eq!(
        f.get("/api/log/leaves?start=0&end=2").await.status,
        StatusCode::OK
    );
    assert_eq!(
        f.get("/api/log/inclusion?index=1&size=2").await.status,
        StatusCode::OK
    );
    assert_eq!(
        f.get("/api/log/consistency?from=0&to=0").await.status,
        StatusCode::OK
    );
    let reply = f
        .call(
            Request::post("/api/log/checkpoint")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.code(), "method_not_allowed");
}

#[tokio::test]
async fn leaves_are_served_a_thousand_at_most() {
    let f = Fixture::with(1, |c| c.max_writes_per_minute = u32::MAX);
    // The bound is checked before the range is read: 1 001 past the tree is log_range too.
    let reply = f.get("/api/log/leaves?start=0&end=1001").await;
    assert_eq!(reply.code(), "log_range");
    for _ in 0..3 {
        f.post(body(1, BUCKET_64K)).await;
    }
    assert_eq!(leaves(&f, 1, 3).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_running_relay_opens_with_the_same_log() {
    let f = Fixture::new(1);
    for _ in 0..3 {
        f.post(body(1, BUCKET_64K)).await;
    }
    let before = checkpoint(&f).await;
    whistlebox_relay::admin::listen(&f.config.data, f.state.store().clone()).unwrap();
    let out = f.tmp.path().join("backup");
    let (data, target) = (f.config.data.clone(), out.clone());
    // The relay holds sled's lock: the copy is made by the relay, over the socket.
    tokio::task::spawn_blocking(move || whistlebox_relay::admin::backup(&data, &target))
        .await
        .unwrap()
        .unwrap();
    // The relay goes on; the copy is a data directory of its own.
    f.post(body(1, BUCKET_64K)).await;
    let mut config = f.config.clone();
    config.data = out.clone();
    let copy = whistlebox_relay::AppState::open(&config).unwrap();
    let store = copy.store();
    assert_eq!(store.log_size().unwrap(), 3);
    assert_eq!(store.usage().unwrap().objects, 3);
    assert_eq!(copy.log().vkey(), &vkey(&f).await);
    let note = copy.log().checkpoint_now(store.as_ref()).unwrap();
    assert_eq!(note.as_ref(), before.text);
    // An existing target is refused, and a stopped relay is backed up directly.
    drop(copy);
    let err = whistlebox_relay::admin::backup(&f.config.data, &out).unwrap_err();
    assert!(err.to_string().contains("must not exist"), "{err}");
    let offline = f.tmp.path().join("offline");
    whistlebox_relay::admin::backup(&out, &offline).unwrap();
    config.data = offline;
    let again = whistlebox_relay::AppState::open(&config).unwrap();
    assert_eq!(again.store().log_size().unwrap(), 3);
}
