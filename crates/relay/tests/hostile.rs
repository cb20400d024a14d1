//! Hostile inputs to the relay that the other suites do not already pin
//! (docs/HOSTILE_INPUTS.md): bytes that are not ASCII in an age header,
//! grease in a report, a mailbox header that is not text, and hostile
//! `POST /api/uploads` bodies. Each is refused with its code and leaves
//! nothing in the store.

mod common;

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use common::{body_with, grease_stanza, header_with, x25519_stanza, Fixture, Reply, BUCKET_64K};

const MAILBOX: &str = "whistlebox-mailbox";

/// Appends a payload for a 64 KiB plaintext to `header`.
fn with_payload(mut header: Vec<u8>) -> Vec<u8> {
    header.extend_from_slice(&common::random_bytes(
        whistlebox_core::envelope::payload_len(BUCKET_64K) as usize,
    ));
    header
}

async fn post(f: &Fixture, uri: &str, mailbox: Option<HeaderValue>, body: Vec<u8>) -> Reply {
    let mut request = Request::post(uri);
    if let Some(value) = mailbox {
        request = request.header(MAILBOX, value);
    }
    f.call(request.body(Body::from(body)).unwrap()).await
}

fn refused(reply: &Reply, status: StatusCode, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.json());
    assert_eq!(reply.code(), code, "{}", reply.json());
}

#[tokio::test]
async fn invalid_utf8_and_non_ascii_in_the_header_are_header_syntax() {
    let f = Fixture::new(2);
    let before = f.usage();
    let good = x25519_stanza();
    // A stanza argument with a byte that is not UTF-8.
    let mut bad_arg = b"-> X25519 ".to_vec();
    bad_arg.extend_from_slice(&[0xff, 0xfe]);
    bad_arg.extend_from_slice(format!("\n{}\n", common::b64(32)).as_bytes());
    // A stanza type in UTF-8 but not ASCII, and a body line with a NUL.
    let cases: Vec<Vec<u8>> = vec![
        [
            b"age-encryption.org/v1\n".to_vec(),
            good.clone().into_bytes(),
            bad_arg,
            format!("--- {}\n", common::b64(32)).into_bytes(),
        ]
        .concat(),
        header_with(vec![
            good.clone(),
            format!("-> X25519é {}\n{}\n", common::b64(32), common::b64(32)),
        ]),
        header_with(vec![
            good.clone(),
            format!("-> X25519 {}\n\0{}\n", common::b64(32), common::b64(31)),
        ]),
    ];
    for header in cases {
        let reply = post(&f, "/api/reports", None, with_payload(header)).await;
        refused(&reply, StatusCode::BAD_REQUEST, "header_syntax");
    }
    // A version line with a byte that is not UTF-8 is no age file at all.
    let reply = post(
        &f,
        "/api/reports",
        None,
        with_payload(b"age-encryption.org/v1\xff\n".to_vec()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(f.usage(), before, "refused bodies leave nothing");
}

#[tokio::test]
async fn a_greased_report_is_refused_as_a_wrong_stanza_type() {
    // PROTOCOL.md §8.3: only replies and status updates may carry grease.
    // (A grease stanza that also pushes the header past E5 gets
    // `header_too_large` instead: the first rule broken is the one named.)
    let f = Fixture::new(2);
    let before = f.usage();
    for stanzas in [
        vec![x25519_stanza(), grease_stanza("q7", 40)],
        vec![grease_stanza("q7", 1), x25519_stanza()],
    ] {
        let reply = post(&f, "/api/reports", None, body_with(stanzas, BUCKET_64K)).await;
        refused(&reply, StatusCode::BAD_REQUEST, "stanza_type");
    }
    assert_eq!(f.usage(), before);
}

#[tokio::test]
async fn a_mailbox_header_that_is_not_text_is_bad_mailbox() {
    let f = Fixture::new(2);
    let before = f.usage();
    let mut bytes = b"0".repeat(63);
    bytes.push(0xff);
    let value = HeaderValue::from_bytes(&bytes).unwrap();
    let reply = post(
        &f,
        "/api/mailbox",
        Some(value.clone()),
        body_with(vec![x25519_stanza()], BUCKET_64K),
    )
    .await;
    refused(&reply, StatusCode::BAD_REQUEST, "bad_mailbox");
    let reply = f
        .call(
            Request::get("/api/mailbox")
                .header(MAILBOX, value)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    refused(&reply, StatusCode::BAD_REQUEST, "bad_mailbox");
    assert_eq!(f.usage(), before);
}

#[tokio::test]
async fn hostile_upload_session_bodies_are_refused_before_a_session_exists() {
    let f = Fixture::new(2);
    for body in [
        b"{\"kind\":\"reply\"}".to_vec(),
        b"{\"kind\":\"report\",\"extra\":1}".to_vec(),
        b"not json".to_vec(),
        b"\xff\xfe".to_vec(),
        format!("{{\"kind\":\"report\"{}}}", " ".repeat(10_000)).into_bytes(),
    ] {
        let reply = post(&f, "/api/uploads", None, body).await;
        refused(&reply, StatusCode::BAD_REQUEST, "bad_request");
    }
    // A follow-up session needs a mailbox to be filed under.
    let reply = post(
        &f,
        "/api/uploads",
        None,
        b"{\"kind\":\"followup\"}".to_vec(),
    )
    .await;
    refused(&reply, StatusCode::BAD_REQUEST, "mailbox_required");
    assert_eq!(f.usage().sessions, 0, "no session was opened");
}

/// Found by the `relay_requests` fuzz target (tests/fuzz): an asset path
/// whose percent-escape is not UTF-8 got axum's plain-text `400`; it names no
/// file, so it is the JSON `404 not_found` of §4.4 like any unknown asset.
#[tokio::test]
async fn an_asset_path_that_is_not_utf8_is_not_found_in_json() {
    let f = Fixture::new(2);
    for uri in [
        "/assets/locaapi/objects/50%f01",
        "/assets/%ff",
        "/assets/a%c3",
    ] {
        let reply = f.get(uri).await;
        refused(&reply, StatusCode::NOT_FOUND, "not_found");
    }
    let reply = f.get("/assets/%2e%2e/%2e%2e/Cargo.toml").await;
    refused(&reply, StatusCode::NOT_FOUND, "not_found");
}
