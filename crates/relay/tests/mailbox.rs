//! The follow-up mailbox (PROTOCOL.md §8) driven through `oneshot`, over
//! real sled: the header, every route's success and error paths, the rules
//! by kind (§8.3), the cap, a restart, and the absence of an oracle.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    assert_security_headers_terse, body, body_with, grease_stanza, x25519_stanza, Fixture, Reply,
    BUCKET_64K,
};
use whistlebox_relay::store::Usage;

const MAILBOX: &str = "whistlebox-mailbox";

/// A fresh mailbox secret, as the page sends it: 64 lowercase hex digits.
fn secret() -> String {
    hex::encode(common::random_bytes(32))
}

/// `n` X25519 stanza texts.
fn stanzas(n: usize) -> Vec<String> {
    (0..n).map(|_| x25519_stanza()).collect()
}

/// A reply body as the CLI writes it: `n` recipients and one grease stanza.
fn greased(n: usize) -> Vec<u8> {
    let mut s = stanzas(n);
    s.push(grease_stanza("q7", 40));
    body_with(s, BUCKET_64K)
}

/// A request with an optional mailbox header, an optional bearer token and a body.
async fn send(
    f: &Fixture,
    method: &str,
    uri: &str,
    mailbox: Option<&str>,
    token: bool,
    body: Vec<u8>,
) -> Reply {
    let reply = common::send(f, method, uri, mailbox, token, body).await;
    assert_security_headers_terse(&reply);
    if let Some(secret) = mailbox.filter(|s| !s.is_empty()) {
        assert!(
            !String::from_utf8_lossy(&reply.body).contains(secret),
            "the secret is echoed"
        );
        assert!(!reply.headers.contains_key(MAILBOX));
    }
    reply
}

async fn followup(f: &Fixture, mailbox: &str, body: Vec<u8>) -> Reply {
    send(f, "POST", "/api/mailbox", Some(mailbox), false, body).await
}

async fn list(f: &Fixture, mailbox: &str) -> Reply {
    send(f, "GET", "/api/mailbox", Some(mailbox), false, Vec::new()).await
}

async fn fetch(f: &Fixture, mailbox: &str, id: &str) -> Reply {
    let uri = format!("/api/mailbox/objects/{id}");
    send(f, "GET", &uri, Some(mailbox), false, Vec::new()).await
}

async fn answer(f: &Fixture, id: &str, kind: &str, body: Vec<u8>) -> Reply {
    let uri = format!("/api/objects/{id}/{kind}");
    send(f, "POST", &uri, None, true, body).await
}

async fn report(f: &Fixture, mailbox: Option<&str>, body: Vec<u8>) -> Reply {
    send(f, "POST", "/api/reports", mailbox, false, body).await
}

/// Opens an upload session with an optional header and `POST` body.
async fn open_upload(f: &Fixture, mailbox: Option<&str>, body: &[u8]) -> Reply {
    send(f, "POST", "/api/uploads", mailbox, false, body.to_vec()).await
}

/// Uploads `bytes` (under one part) to a new session and commits it.
async fn upload(f: &Fixture, mailbox: Option<&str>, create_body: &[u8], bytes: Vec<u8>) -> Reply {
    let created = open_upload(f, mailbox, create_body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json());
    let session = created.json()["upload"].as_str().unwrap().to_owned();
    let put = send(
        f,
        "PUT",
        &format!("/api/uploads/{session}/parts/0"),
        None,
        false,
        bytes,
    )
    .await;
    assert_eq!(put.status, StatusCode::OK, "{:?}", put.json());
    let commit = format!("/api/uploads/{session}/commit");
    send(f, "POST", &commit, None, false, Vec::new()).await
}

fn created_id(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
    let json = reply.json();
    // The receipt (PROTOCOL.md §10.5): id, day, leaf, checkpoint.
    assert_eq!(json.as_object().unwrap().len(), 4, "{json}");
    assert_eq!(json["day"].as_str().unwrap().len(), 10);
    assert!(
        json["leaf"].is_u64() && json["checkpoint"].is_string(),
        "{json}"
    );
    json["id"].as_str().unwrap().to_owned()
}

/// `(id, kind)` of each item of a `GET /api/mailbox` answer.
fn items(reply: &Reply) -> Vec<(String, String)> {
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json());
    let json = reply.json();
    assert_eq!(json.as_object().unwrap().len(), 1, "{json}");
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            assert_eq!(item.as_object().unwrap().len(), 5, "{item}");
            assert!(item["leaf"].is_u64(), "{item}");
            assert!(item["size"].as_u64().unwrap() > 0);
            assert_eq!(item["day"].as_str().unwrap().len(), 10);
            (
                item["id"].as_str().unwrap().to_owned(),
                item["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `(id, kind, mailbox)` of every inbox item.
async fn inbox(f: &Fixture) -> Vec<(String, String, bool)> {
    let reply = f.get_authed("/api/inbox").await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["id"].as_str().unwrap().to_owned(),
                item["kind"].as_str().unwrap().to_owned(),
                item["mailbox"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn refused(reply: &Reply, status: StatusCode, code: &str) {
    assert_eq!(reply.status, status, "{:?}", reply.json());
    assert_eq!(reply.code(), code);
}

#[tokio::test]
async fn a_followup_to_an_unknown_mailbox_is_accepted_listed_and_served() {
    let f = Fixture::new(2);
    let mailbox = secret();
    // Nothing was ever filed under this mailbox: the follow-up is kept anyway.
    let bytes = body(3, BUCKET_64K);
    let id = created_id(&followup(&f, &mailbox, bytes.clone()).await);
    assert_eq!(
        items(&list(&f, &mailbox).await),
        [(id.clone(), "followup".to_owned())]
    );
    let got = fetch(&f, &mailbox, &id).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.headers["content-type"], "application/octet-stream");
    assert_eq!(got.headers["content-length"], bytes.len().to_string());
    assert!(got.body == bytes, "the ciphertext comes back unchanged");
    // The investigators see it too, marked as answerable.
    assert_eq!(inbox(&f).await, [(id, "followup".to_owned(), true)]);
    // Another mailbox sees nothing.
    assert!(items(&list(&f, &secret()).await).is_empty());
}

#[tokio::test]
async fn mailbox_routes_need_one_well_formed_header_and_keep_nothing_otherwise() {
    let f = Fixture::new(2);
    let id = created_id(&followup(&f, &secret(), body(2, BUCKET_64K)).await);
    let before = f.usage();
    let good = secret();
    let object = format!("/api/mailbox/objects/{id}");
    let routes: [(&str, &str, Vec<u8>); 3] = [
        ("POST", "/api/mailbox", body(2, BUCKET_64K)),
        ("GET", "/api/mailbox", Vec::new()),
        ("GET", &object, Vec::new()),
    ];
    for (method, uri, bytes) in &routes {
        let reply = send(&f, method, uri, None, false, bytes.clone()).await;
        refused(&reply, StatusCode::BAD_REQUEST, "mailbox_required");
        assert!(reply.json()["message"]
            .as_str()
            .unwrap()
            .contains("Whistlebox-Mailbox"));
        for bad in [
            good.to_uppercase(),
            good[..63].to_owned(),
            format!("{good}0"),
            format!("{}zz", &good[..62]),
            String::new(),
        ] {
            let reply = send(&f, method, uri, Some(&bad), false, bytes.clone()).await;
            refused(&reply, StatusCode::BAD_REQUEST, "bad_mailbox");
        }
    }
    // Two headers are one too many, even if both are well formed.
    let twice = f
        .call(
            Request::get("/api/mailbox")
                .header(MAILBOX, &good)
                .header(MAILBOX, secret())
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    refused(&twice, StatusCode::BAD_REQUEST, "bad_mailbox");
    // The routes that take the header as an option refuse a bad one too.
    let bad = Some("not-a-secret");
    refused(
        &report(&f, bad, body(2, BUCKET_64K)).await,
        StatusCode::BAD_REQUEST,
        "bad_mailbox",
    );
    refused(
        &open_upload(&f, bad, b"").await,
        StatusCode::BAD_REQUEST,
        "bad_mailbox",
    );
    // E8 on a declared length, before any byte is read.
    let huge = f
        .call(
            Request::post("/api/mailbox")
                .header(MAILBOX, &good)
                .header("content-length", (256u64 << 20) + 1)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    refused(&huge, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    // A malformed object id.
    let reply = fetch(&f, &good, "xyz").await;
    refused(&reply, StatusCode::BAD_REQUEST, "bad_request");
    assert_eq!(f.usage(), before, "bad input changes nothing");
}

#[tokio::test]
async fn an_unknown_mailbox_and_an_empty_one_answer_byte_for_byte_alike() {
    let f = Fixture::new(2);
    let unknown = secret();
    // A mailbox that holds only a report (filed by an upload session).
    let reported = secret();
    let report_id = created_id(&upload(&f, Some(&reported), b"", body(2, BUCKET_64K)).await);
    assert_eq!(
        inbox(&f).await,
        [(report_id.clone(), "report".to_owned(), true)]
    );
    // A third mailbox with an item.
    let other = secret();
    let item = created_id(&followup(&f, &other, body(3, BUCKET_64K)).await);

    let a = list(&f, &unknown).await;
    let b = list(&f, &reported).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body, br#"{"items":[]}"#);
    assert_eq!(
        (a.status, &a.headers, &a.body),
        (b.status, &b.headers, &b.body)
    );

    // 404 alike: another mailbox's item (from an unknown mailbox and from
    // one with a report), the report itself, and an unknown object.
    let unknown_id = "0123456789abcdef0123456789abcdef";
    let answers = [
        fetch(&f, &unknown, &item).await,
        fetch(&f, &reported, &item).await,
        fetch(&f, &reported, &report_id).await,
        fetch(&f, &unknown, unknown_id).await,
        fetch(&f, &other, unknown_id).await,
        fetch(&f, &other, &report_id).await,
    ];
    for reply in &answers {
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(
            (reply.status, &reply.headers, &reply.body),
            (answers[0].status, &answers[0].headers, &answers[0].body)
        );
    }
    assert_eq!(answers[0].code(), "not_found");
    // The item's own mailbox gets it.
    assert_eq!(fetch(&f, &other, &item).await.status, StatusCode::OK);
}

#[tokio::test]
async fn reports_and_upload_sessions_are_filed_under_the_header() {
    let f = Fixture::new(2);
    let mailbox = secret();
    let direct = created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    let plain = created_id(&report(&f, None, body(2, BUCKET_64K)).await);
    let session_report = created_id(
        &upload(
            &f,
            Some(&mailbox),
            br#"{"kind":"report"}"#,
            body(1, BUCKET_64K),
        )
        .await,
    );
    let session_followup = created_id(
        &upload(
            &f,
            Some(&mailbox),
            br#"{"kind":"followup"}"#,
            body(3, BUCKET_64K),
        )
        .await,
    );
    let no_header = created_id(&upload(&f, None, b"", body(2, BUCKET_64K)).await);
    assert_eq!(
        inbox(&f).await,
        [
            (direct, "report".to_owned(), true),
            (plain, "report".to_owned(), false),
            (session_report, "report".to_owned(), true),
            (session_followup.clone(), "followup".to_owned(), true),
            (no_header, "report".to_owned(), false),
        ]
    );
    // Reports are never mailbox items: the reporter cannot decrypt them.
    assert_eq!(
        items(&list(&f, &mailbox).await),
        [(session_followup, "followup".to_owned())]
    );

    let before = f.usage();
    refused(
        &open_upload(&f, None, br#"{"kind":"followup"}"#).await,
        StatusCode::BAD_REQUEST,
        "mailbox_required",
    );
    let too_long = format!(r#"{{"kind":"report"{}}}"#, " ".repeat(50));
    assert_eq!(too_long.len(), 67);
    for bad in [
        br#"{"kind":"reply"}"#.as_slice(),
        br#"{"kind":"status"}"#,
        br#"{"kind":"report","x":1}"#,
        br#"{}"#,
        b"report",
        too_long.as_bytes(),
    ] {
        let reply = open_upload(&f, Some(&mailbox), bad).await;
        refused(&reply, StatusCode::BAD_REQUEST, "bad_request");
    }
    assert_eq!(f.usage(), before, "bad input opens no session");
}

#[tokio::test]
async fn replies_and_status_are_filed_beside_their_object() {
    let f = Fixture::new(2);
    let mailbox = secret();
    let case = created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    let orphan = created_id(&report(&f, None, body(2, BUCKET_64K)).await);
    let first = created_id(&followup(&f, &mailbox, body(3, BUCKET_64K)).await);
    // Team + reporter, and the grease stanza the age crate writes.
    let reply_bytes = greased(3);
    let reply = created_id(&answer(&f, &case, "reply", reply_bytes.clone()).await);
    let status = created_id(&answer(&f, &case, "status", greased(2)).await);
    // An answer to a follow-up goes to the same mailbox.
    let again = created_id(&answer(&f, &first, "reply", greased(3)).await);
    assert_eq!(
        items(&list(&f, &mailbox).await),
        [
            (first, "followup".to_owned()),
            (reply.clone(), "reply".to_owned()),
            (status, "status".to_owned()),
            (again, "reply".to_owned()),
        ]
    );
    assert!(fetch(&f, &mailbox, &reply).await.body == reply_bytes);

    let before = f.usage();
    for kind in ["reply", "status"] {
        let uri = format!("/api/objects/{case}/{kind}");
        let anonymous = send(&f, "POST", &uri, None, false, greased(3)).await;
        refused(&anonymous, StatusCode::UNAUTHORIZED, "unauthorized");
        let missing = answer(&f, "0123456789abcdef0123456789abcdef", kind, greased(3)).await;
        refused(&missing, StatusCode::NOT_FOUND, "not_found");
        let malformed = answer(&f, "nope", kind, greased(3)).await;
        refused(&malformed, StatusCode::BAD_REQUEST, "bad_request");
        let unanswerable = answer(&f, &orphan, kind, greased(3)).await;
        refused(&unanswerable, StatusCode::CONFLICT, "no_mailbox");
        // E4 for a reply: at least the reporter and one investigator.
        let lonely = answer(&f, &case, kind, greased(1)).await;
        refused(&lonely, StatusCode::BAD_REQUEST, "too_few_stanzas");
    }
    assert_eq!(f.usage(), before, "refused answers leave nothing");
}

#[tokio::test]
async fn each_route_applies_the_rules_of_its_kind() {
    // PROTOCOL.md §8.3 with a team of 2.
    let f = Fixture::new(2);
    let mailbox = secret();
    let case = created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    let before = f.usage();
    // A report: at most the team, no grease.
    refused(
        &report(&f, Some(&mailbox), body(3, BUCKET_64K)).await,
        StatusCode::BAD_REQUEST,
        "too_many_stanzas",
    );
    // A follow-up: one more than the team, no grease.
    refused(
        &followup(&f, &mailbox, body(4, BUCKET_64K)).await,
        StatusCode::BAD_REQUEST,
        "too_many_stanzas",
    );
    refused(
        &followup(&f, &mailbox, greased(2)).await,
        StatusCode::BAD_REQUEST,
        "stanza_type",
    );
    // A reply: team + 1 with grease, but no second grease and no surplus.
    refused(
        &answer(&f, &case, "reply", greased(4)).await,
        StatusCode::BAD_REQUEST,
        "too_many_stanzas",
    );
    let mut two = stanzas(3);
    two.push(grease_stanza("a", 10));
    two.push(grease_stanza("b", 10));
    refused(
        &answer(&f, &case, "reply", body_with(two, BUCKET_64K)).await,
        StatusCode::BAD_REQUEST,
        "stanza_type",
    );
    let mut fat = stanzas(3);
    fat.push(grease_stanza("c", 101));
    refused(
        &answer(&f, &case, "status", body_with(fat, BUCKET_64K)).await,
        StatusCode::BAD_REQUEST,
        "stanza_type",
    );
    // Upload sessions: a report session keeps report rules, a follow-up
    // session follow-up rules.
    refused(
        &upload(&f, Some(&mailbox), b"", body(3, BUCKET_64K)).await,
        StatusCode::BAD_REQUEST,
        "too_many_stanzas",
    );
    refused(
        &upload(
            &f,
            Some(&mailbox),
            br#"{"kind":"followup"}"#,
            body(4, BUCKET_64K),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "too_many_stanzas",
    );
    assert_eq!(f.usage(), before, "refused bodies leave nothing");
    // …and the bounds themselves are accepted.
    created_id(&followup(&f, &mailbox, body(3, BUCKET_64K)).await);
    created_id(&answer(&f, &case, "reply", greased(3)).await);
    created_id(&answer(&f, &case, "status", body(2, BUCKET_64K)).await);
    created_id(
        &upload(
            &f,
            Some(&mailbox),
            br#"{"kind":"followup"}"#,
            body(3, BUCKET_64K),
        )
        .await,
    );
    assert_eq!(items(&list(&f, &mailbox).await).len(), 4);
}

#[tokio::test]
async fn a_full_mailbox_refuses_one_item_more_and_keeps_nothing_of_it() {
    const CAP: usize = 3;
    let f = Fixture::with_mailbox_cap(2, CAP);
    let mailbox = secret();
    let case = created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    created_id(&followup(&f, &mailbox, body(2, BUCKET_64K)).await);
    created_id(&answer(&f, &case, "reply", greased(3)).await);
    // A session opened while there is room, committed after the mailbox filled.
    let created = open_upload(&f, Some(&mailbox), br#"{"kind":"followup"}"#).await;
    let session = created.json()["upload"].as_str().unwrap().to_owned();
    let put = send(
        &f,
        "PUT",
        &format!("/api/uploads/{session}/parts/0"),
        None,
        false,
        body(2, BUCKET_64K),
    )
    .await;
    assert_eq!(put.status, StatusCode::OK);
    created_id(&answer(&f, &case, "status", greased(2)).await);
    let full = items(&list(&f, &mailbox).await);
    assert_eq!(full.len(), CAP);

    let commit = format!("/api/uploads/{session}/commit");
    let late = send(&f, "POST", &commit, None, false, Vec::new()).await;
    refused(&late, StatusCode::CONFLICT, "mailbox_full");
    assert!(late.json()["message"]
        .as_str()
        .unwrap()
        .contains("3 messages"));
    let before = f.usage();
    assert_eq!((before.sessions, before.pending), (0, 0), "{before:?}");
    refused(
        &followup(&f, &mailbox, body(2, BUCKET_64K)).await,
        StatusCode::CONFLICT,
        "mailbox_full",
    );
    refused(
        &answer(&f, &case, "reply", greased(3)).await,
        StatusCode::CONFLICT,
        "mailbox_full",
    );
    refused(
        &open_upload(&f, Some(&mailbox), br#"{"kind":"followup"}"#).await,
        StatusCode::CONFLICT,
        "mailbox_full",
    );
    assert_eq!(f.usage(), before, "nothing of a refused item is kept");
    assert_eq!(items(&list(&f, &mailbox).await), full);
    // A report is not an item, and other mailboxes have their own room.
    created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    created_id(&followup(&f, &secret(), body(2, BUCKET_64K)).await);
}

#[tokio::test]
async fn two_writes_for_the_last_place_give_one_item() {
    let f = Fixture::with_mailbox_cap(1, 2);
    let mailbox = secret();
    created_id(&followup(&f, &mailbox, body(1, BUCKET_64K)).await);
    for _ in 0..3 {
        let other = secret();
        created_id(&followup(&f, &other, body(1, BUCKET_64K)).await);
        let (a, b) = tokio::join!(
            followup(&f, &other, body(1, BUCKET_64K)),
            followup(&f, &other, body(1, BUCKET_64K)),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
        assert_eq!(items(&list(&f, &other).await).len(), 2);
    }
    let usage = f.usage();
    assert_eq!(usage.mailbox_items, 7);
    assert_eq!((usage.objects, usage.pending), (7, 0));
}

#[tokio::test]
async fn mailbox_items_survive_a_restart() {
    let f = Fixture::new(2);
    let mailbox = secret();
    let case = created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    let bytes = body(3, BUCKET_64K);
    let first = created_id(&followup(&f, &mailbox, bytes.clone()).await);
    created_id(&answer(&f, &case, "reply", greased(3)).await);
    let listed = list(&f, &mailbox).await;
    let inbox_before = inbox(&f).await;

    let f = f.reopen();
    let again = list(&f, &mailbox).await;
    assert_eq!(again.body, listed.body);
    assert_eq!(items(&again).len(), 2);
    assert!(fetch(&f, &mailbox, &first).await.body == bytes);
    assert_eq!(inbox(&f).await, inbox_before);
    // Answers still find the mailbox of the report, and the seq goes on.
    let status = created_id(&answer(&f, &case, "status", greased(2)).await);
    assert_eq!(
        items(&list(&f, &mailbox).await)[2],
        (status, "status".to_owned())
    );
    assert_eq!(
        f.usage(),
        Usage {
            objects: 4,
            chunks: 4,
            pending: 0,
            sessions: 0,
            mailbox_items: 3,
        }
    );
}

#[tokio::test]
async fn the_secret_is_never_written_to_the_data_directory() {
    let f = Fixture::new(2);
    let mailbox_bytes = common::random_bytes(32);
    let mailbox = hex::encode(&mailbox_bytes);
    let case = created_id(&report(&f, Some(&mailbox), body(2, BUCKET_64K)).await);
    created_id(&followup(&f, &mailbox, body(3, BUCKET_64K)).await);
    created_id(
        &upload(
            &f,
            Some(&mailbox),
            br#"{"kind":"followup"}"#,
            body(3, BUCKET_64K),
        )
        .await,
    );
    // A session left open holds the mailbox too.
    let open = open_upload(&f, Some(&mailbox), br#"{"kind":"followup"}"#).await;
    assert_eq!(open.status, StatusCode::CREATED);
    created_id(&answer(&f, &case, "reply", greased(3)).await);
    // Every acknowledged write was flushed; a restart reads it all back.
    let f = f.reopen();
    assert_eq!(items(&list(&f, &mailbox).await).len(), 3);

    let raw: [u8; 32] = mailbox_bytes.clone().try_into().unwrap();
    let id_hex = whistlebox_core::codename::mailbox_id_of(&raw);
    let upper = mailbox.to_uppercase();
    let needles: [&[u8]; 3] = [mailbox.as_bytes(), upper.as_bytes(), &mailbox_bytes];
    let mut files = 0;
    let mut saw_id = false;
    let mut stack = vec![f.config.data.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let content = std::fs::read(&path).unwrap();
            files += 1;
            for needle in needles {
                assert!(
                    !content.windows(needle.len()).any(|w| w == needle),
                    "the mailbox secret is in {}",
                    path.display()
                );
            }
            saw_id |= content.windows(64).any(|w| w == id_hex.as_bytes());
        }
    }
    assert!(files > 0);
    // The scan would have found a stored value: the id (the hash) is there.
    assert!(saw_id, "the mailbox id is stored");
}
