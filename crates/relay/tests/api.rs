//! The HTTP API (PROTOCOL.md §4) driven through `oneshot`, over real sled.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    assert_security_headers, body, bucket_at_least, header, header_with, x25519_stanza, Fixture,
    BUCKET_64K,
};
use whistlebox_relay::store::{Usage, CHUNK_SIZE};

#[tokio::test]
async fn healthz_and_team_describe_the_relay() {
    let f = Fixture::with(3, |c| {
        c.min_recipients = 2;
        c.max_body_bytes = 1_000_000;
    });
    let health = f.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json(), serde_json::json!({"status": "ok"}));

    let team = f.get("/api/team").await;
    assert_eq!(team.status, StatusCode::OK);
    assert_eq!(team.headers["content-type"], "application/json");
    let json = team.json();
    let keyset = f.config.load_team().unwrap();
    assert_eq!(json["name"], "Relay test team");
    assert_eq!(json["fingerprint"], keyset.fingerprint());
    assert_eq!(json["fingerprint"], f.state.fingerprint());
    assert_eq!(json["stanza_type"], "X25519");
    assert_eq!(json["min_recipients"], 2);
    assert_eq!(json["max_body_bytes"], 1_000_000);
    let investigators = json["investigators"].as_array().unwrap();
    assert_eq!(investigators.len(), 3);
    for (answer, inv) in investigators.iter().zip(&keyset.investigators) {
        assert_eq!(answer["id"], inv.id.as_str());
        assert_eq!(answer["name"], inv.name.as_str());
        assert_eq!(answer["role"], inv.role.as_str());
        assert_eq!(answer["recipient"], inv.recipient.as_str());
        assert_eq!(
            answer["fingerprint"],
            whistlebox_core::team::short_fingerprint(&inv.recipient)
        );
    }
}

#[tokio::test]
async fn accepted_reports_are_listed_in_order_and_served_unchanged() {
    let f = Fixture::new(3);
    let bodies = [body(3, BUCKET_64K), body(1, bucket_at_least(200_000))];
    let mut ids = Vec::new();
    for (i, b) in bodies.iter().enumerate() {
        let reply = f.post(b.clone()).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
        let json = reply.json();
        let id = json["id"].as_str().unwrap().to_owned();
        assert_eq!(id.len(), 32);
        assert!(id
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        let today = whistlebox_relay::store::Day::today().to_string();
        assert_eq!(json["day"], today.as_str());
        // The receipt (PROTOCOL.md §10.5): id, day, leaf and checkpoint only.
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 4, "only id, day, leaf and checkpoint: {json}");
        assert_eq!(json["leaf"], i);
        assert!(json["checkpoint"]
            .as_str()
            .unwrap()
            .contains(&format!("\n{}\n", i + 1)));
        assert_eq!(f.usage().objects, i as u64 + 1);
        ids.push(id);
    }

    let inbox = f.get_authed("/api/inbox").await;
    assert_eq!(inbox.status, StatusCode::OK);
    let json = inbox.json();
    assert_eq!(json["more"], false);
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for (n, item) in items.iter().enumerate() {
        assert_eq!(item["id"], ids[n].as_str());
        assert_eq!(item["seq"], n as u64 + 1);
        assert_eq!(item["kind"], "report");
        assert_eq!(item["size"], bodies[n].len() as u64);
        assert_eq!(item["mailbox"], false);
        // Its leaf in the transparency log (PROTOCOL.md §10.1).
        assert_eq!(item["leaf"], n as u64);
        assert_eq!(item.as_object().unwrap().len(), 7, "{item}");
    }

    let page = f.get_authed("/api/inbox?after=0&limit=1").await.json();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["seq"], 1);
    assert_eq!(page["more"], true);
    let page = f.get_authed("/api/inbox?after=1").await.json();
    assert_eq!(page["items"][0]["seq"], 2);
    assert_eq!(page["more"], false);
    let page = f.get_authed("/api/inbox?after=2").await.json();
    assert_eq!(page, serde_json::json!({"items": [], "more": false}));

    for (id, b) in ids.iter().zip(&bodies) {
        let object = f.get_authed(&format!("/api/objects/{id}")).await;
        assert_eq!(object.status, StatusCode::OK);
        assert_eq!(object.headers["content-type"], "application/octet-stream");
        assert_eq!(
            object.headers["content-length"],
            b.len().to_string().as_str()
        );
        assert_security_headers(&object);
        assert!(&object.body == b, "object {id} is served byte for byte");
    }
}

#[tokio::test]
async fn a_5_mib_body_is_stored_in_chunks_and_reads_back_identical() {
    let f = Fixture::new(2);
    let b = body(2, bucket_at_least(5 * 1024 * 1024));
    assert!(b.len() > 5 * CHUNK_SIZE);
    // Streamed in odd-sized frames, so chunk boundaries and frames never align.
    let reply = f.post_streamed(b.clone(), 100_003).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
    let usage = f.usage();
    assert_eq!(usage.objects, 1);
    assert_eq!(usage.chunks, b.len().div_ceil(CHUNK_SIZE) as u64);
    let id = reply.json()["id"].as_str().unwrap().to_owned();
    let object = f.get_authed(&format!("/api/objects/{id}")).await;
    assert_eq!(object.status, StatusCode::OK);
    assert_eq!(object.body.len(), b.len());
    assert!(object.body == b, "5 MiB body reads back identical");
}

/// Posts `body` (with a Content-Length, then streamed in small frames) and
/// expects `status` with `code` both times, leaving the store empty.
async fn assert_rejected(f: &Fixture, body: Vec<u8>, status: StatusCode, code: &str) {
    for streamed in [false, true] {
        let reply = if streamed {
            f.post_streamed(body.clone(), 7).await
        } else {
            f.post(body.clone()).await
        };
        assert_eq!(
            reply.status,
            status,
            "{code} (streamed: {streamed}): {:?}",
            reply.json()
        );
        assert_eq!(reply.code(), code, "streamed: {streamed}: {}", reply.json());
        assert_security_headers(&reply);
        f.assert_empty().await;
    }
}

#[tokio::test]
async fn every_envelope_rule_is_enforced_and_nothing_is_kept() {
    let f = Fixture::with(3, |c| c.max_body_bytes = 300_000);
    let bad = StatusCode::BAD_REQUEST;

    // E1
    assert_rejected(
        &f,
        b"Dear HR, this is a plaintext report.".to_vec(),
        bad,
        "not_age",
    )
    .await;
    let armored = b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n";
    assert_rejected(&f, armored.to_vec(), bad, "armored").await;
    assert_rejected(&f, Vec::new(), bad, "not_age").await;
    // E2: truncated in the header, and a stanza with a bad body line.
    let whole = body(1, BUCKET_64K);
    assert_rejected(&f, whole[..60].to_vec(), bad, "header_syntax").await;
    let broken = header_with(vec!["-> X25519 AAAA\nnot base64!\n".into()]);
    assert_rejected(&f, broken, bad, "header_syntax").await;
    // E3
    let scrypt = format!("-> scrypt {} 18\n{}\n", common::b64(16), common::b64(32));
    assert_rejected(
        &f,
        with_payload(header_with(vec![scrypt])),
        bad,
        "stanza_type",
    )
    .await;
    let ssh = format!(
        "-> ssh-ed25519 {} {}\n{}\n",
        common::b64(4),
        common::b64(32),
        common::b64(32)
    );
    assert_rejected(
        &f,
        with_payload(header_with(vec![x25519_stanza(), ssh])),
        bad,
        "stanza_type",
    )
    .await;
    // E4: more stanzas than the team (refused as soon as the 4th stanza is read).
    assert_rejected(&f, body(4, BUCKET_64K), bad, "too_many_stanzas").await;
    // E5: a header that never ends within the bound.
    let mut long = b"age-encryption.org/v1\n-> X25519 ".to_vec();
    long.extend_from_slice("A".repeat(1000).as_bytes());
    assert_rejected(&f, with_payload(long), bad, "header_too_large").await;
    // E6: truncated payload (header only; and a payload cut inside a tag).
    assert_rejected(&f, header(1), bad, "payload_framing").await;
    let mut cut = header(1);
    cut.extend_from_slice(&common::random_bytes(16 + 65_552 + 10));
    assert_rejected(&f, cut, bad, "payload_framing").await;
    // E7: a STREAM-valid payload whose plaintext is not a padding bucket.
    assert_rejected(&f, body(1, BUCKET_64K + 1), bad, "not_padding_bucket").await;
    assert_rejected(&f, body(1, 1000), bad, "not_padding_bucket").await;
    // E8: over max_body_bytes, declared or streamed.
    let too_big = body(1, bucket_at_least(300_000));
    assert!(too_big.len() > 300_000);
    assert_rejected(&f, too_big, StatusCode::PAYLOAD_TOO_LARGE, "too_large").await;

    // And a valid body still goes through afterwards.
    let reply = f.post(body(3, BUCKET_64K)).await;
    assert_eq!(reply.status, StatusCode::CREATED);
}

#[tokio::test]
async fn too_few_stanzas_is_refused_when_min_recipients_is_raised() {
    let f = Fixture::with(3, |c| c.min_recipients = 2);
    assert_rejected(
        &f,
        body(1, BUCKET_64K),
        StatusCode::BAD_REQUEST,
        "too_few_stanzas",
    )
    .await;
    assert_eq!(
        f.post(body(2, BUCKET_64K)).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn more_stanzas_than_the_team_is_refused() {
    let f = Fixture::new(4);
    assert_rejected(
        &f,
        body(5, BUCKET_64K),
        StatusCode::BAD_REQUEST,
        "too_many_stanzas",
    )
    .await;
    assert_eq!(
        f.post(body(4, BUCKET_64K)).await.status,
        StatusCode::CREATED
    );
}

fn with_payload(mut header: Vec<u8>) -> Vec<u8> {
    header.extend_from_slice(&common::random_bytes(
        whistlebox_core::envelope::payload_len(BUCKET_64K) as usize,
    ));
    header
}

#[tokio::test]
async fn a_declared_length_over_the_bound_is_refused_before_reading() {
    let f = Fixture::with(1, |c| c.max_body_bytes = 100_000);
    // The body stream would fail the test if it were ever polled.
    let stream = futures_util::stream::poll_fn(
        |_| -> std::task::Poll<Option<Result<Vec<u8>, std::io::Error>>> {
            panic!("the body was read although Content-Length is over the bound")
        },
    );
    let reply = f
        .call(
            Request::post("/api/reports")
                .header("content-length", "100001")
                .body(Body::from_stream(stream))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.code(), "too_large");
    assert_security_headers(&reply);
    f.assert_empty().await;

    let reply = f
        .call(
            Request::post("/api/reports")
                .header("content-length", "lots")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.code(), "bad_request");
}

#[tokio::test]
async fn a_body_that_fails_mid_stream_leaves_nothing() {
    let f = Fixture::new(1);
    let b = body(1, bucket_at_least(3 * 1024 * 1024));
    let first = b[..2 * CHUNK_SIZE + 5].to_vec();
    let frames: Vec<Result<Vec<u8>, std::io::Error>> = vec![
        Ok(first),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "client went away",
        )),
    ];
    let reply = f
        .call(
            Request::post("/api/reports")
                .body(Body::from_stream(futures_util::stream::iter(frames)))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.code(), "bad_request");
    f.assert_empty().await;
}

#[tokio::test]
async fn an_upload_dropped_mid_body_is_deleted() {
    let f = Fixture::new(1);
    let b = body(1, bucket_at_least(3 * 1024 * 1024));
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    let stream = futures_util::stream::unfold(receiver, |mut r| async move {
        r.recv().await.map(|item| (item, r))
    });
    let app = f.app.clone();
    let request = Request::post("/api/reports")
        .body(Body::from_stream(stream))
        .unwrap();
    let task = tokio::spawn(async move { common::call(&app, request).await });
    sender
        .send(Ok(b[..2 * CHUNK_SIZE + 5].to_vec()))
        .await
        .unwrap();
    // Wait until the two full chunks are in the store, then drop the request.
    wait_for(|| f.usage().chunks == 2).await;
    task.abort();
    let _ = task.await;
    wait_for(|| f.usage() == Usage::default()).await;
    drop(sender);
}

async fn wait_for(mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("condition not met within 5 s");
}

#[tokio::test]
async fn concurrent_reports_get_gapless_sequence_numbers() {
    let f = Fixture::new(1);
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let app = f.app.clone();
        let b = body(1, BUCKET_64K);
        tasks.push(tokio::spawn(async move {
            common::call(
                &app,
                Request::post("/api/reports").body(Body::from(b)).unwrap(),
            )
            .await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().status, StatusCode::CREATED);
    }
    let items = f.get_authed("/api/inbox").await.json()["items"].clone();
    let seqs: Vec<u64> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, (1..=12).collect::<Vec<u64>>());
}

#[tokio::test]
async fn investigator_routes_need_a_valid_token() {
    let f = Fixture::new(1);
    let id = f.post(body(1, BUCKET_64K)).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = whistlebox_relay::tokens::create(&f.tmp.path().join("elsewhere")).unwrap();
    let mut bodies = Vec::new();
    for uri in ["/api/inbox", &format!("/api/objects/{id}")] {
        for auth in [
            None,
            Some(format!("Bearer {other}")),
            Some("Bearer wbt_short".to_owned()),
            Some(format!("Basic {}", f.token)),
            Some(f.token.clone()),
            Some(format!("Bearer {}x", f.token)),
        ] {
            let mut request = Request::get(uri);
            if let Some(auth) = &auth {
                request = request.header("authorization", auth);
            }
            let reply = f.call(request.body(Body::empty()).unwrap()).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{uri} with {auth:?}"
            );
            assert_eq!(reply.code(), "unauthorized");
            assert_eq!(
                reply.headers["www-authenticate"],
                "Bearer realm=\"whistlebox\""
            );
            assert_security_headers(&reply);
            bodies.push(reply.body);
        }
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "one 401 body for every cause"
    );
    // The scheme is case-insensitive; the right token works.
    let reply = f
        .call(
            Request::get("/api/inbox")
                .header("authorization", format!("bearer {}", f.token))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_paths_queries_and_methods_get_json_errors() {
    let f = Fixture::new(1);
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            Request::get("/nope").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            Request::get("/api").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            Request::get("/api/reports").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            Request::delete("/healthz").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            Request::post("/api/inbox").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ];
    for (request, status, code) in cases {
        let uri = request.uri().clone();
        let reply = f.call(request).await;
        assert_eq!(reply.status, status, "{uri}");
        assert_eq!(reply.code(), code, "{uri}");
        assert_security_headers(&reply);
    }
    let authed_cases = [
        (
            "/api/objects/00112233445566778899aabbccddeeff",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "/api/objects/00112233445566778899AABBCCDDEEFF",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("/api/objects/xyz", StatusCode::BAD_REQUEST, "bad_request"),
        (
            "/api/inbox?after=abc",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/inbox?after=-1",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("/api/inbox?limit=0", StatusCode::BAD_REQUEST, "bad_request"),
        (
            "/api/inbox?limit=1001",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/inbox?sort=desc",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("/api/inbox?limit=1000", StatusCode::OK, ""),
    ];
    for (uri, status, code) in authed_cases {
        let reply = f.get_authed(uri).await;
        assert_eq!(
            reply.status,
            status,
            "{uri}: {:?}",
            String::from_utf8_lossy(&reply.body)
        );
        if !code.is_empty() {
            assert_eq!(reply.code(), code, "{uri}");
        }
        assert_security_headers(&reply);
    }
}

#[tokio::test]
async fn security_headers_are_on_every_kind_of_response() {
    let f = Fixture::with(1, |c| c.max_body_bytes = 70_000);
    let replies = [
        f.get("/healthz").await,
        f.get("/api/team").await,
        f.post(b"plain".to_vec()).await,
        f.get("/api/inbox").await,
        f.get("/missing").await,
        f.call(Request::put("/api/team").body(Body::empty()).unwrap())
            .await,
        f.post(body(1, bucket_at_least(80_000))).await,
        f.post(body(1, BUCKET_64K)).await,
    ];
    let statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(statuses, [200, 200, 400, 401, 404, 405, 413, 201]);
    for reply in &replies {
        assert_security_headers(reply);
    }
}
