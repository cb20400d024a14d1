//! Deletion with tombstones (PROTOCOL.md §12.1, §10.1) over a real relay and
//! real sled: `DELETE /api/objects/{id}` removes the ciphertext and appends
//! the tombstone leaf, the log stays consistent, every route sees the
//! deletion, repeats change nothing, and a restart keeps it all.

mod common;

use axum::http::StatusCode;
use common::{
    assert_security_headers_terse, body, leaf_of, leaves, send, Fixture, Reply, BUCKET_64K,
};
use whistlebox_core::log::{
    decode_proof, root_of, verify_consistency, Checkpoint, LeafKind, VerifierKey,
    MAX_CONSISTENCY_PROOF,
};

/// A fresh mailbox secret, as the page sends it.
fn secret() -> String {
    hex::encode(common::random_bytes(32))
}

async fn call(f: &Fixture, method: &str, uri: &str, mailbox: Option<&str>, token: bool) -> Reply {
    call_with(f, method, uri, mailbox, token, Vec::new()).await
}

async fn call_with(
    f: &Fixture,
    method: &str,
    uri: &str,
    mailbox: Option<&str>,
    token: bool,
    bytes: Vec<u8>,
) -> Reply {
    let reply = send(f, method, uri, mailbox, token, bytes).await;
    assert_security_headers_terse(&reply);
    reply
}

fn created_id(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json());
    reply.json()["id"].as_str().unwrap().to_owned()
}

fn refused(reply: &Reply, status: StatusCode, code: &str) {
    assert_eq!(reply.status, status, "{:?}", reply.json());
    assert_eq!(reply.code(), code);
}

async fn vkey(f: &Fixture) -> VerifierKey {
    let reply = f.get("/api/log/key").await;
    VerifierKey::parse(std::str::from_utf8(&reply.body).unwrap()).unwrap()
}

async fn checkpoint(f: &Fixture) -> Checkpoint {
    let reply = f.get("/api/log/checkpoint").await;
    assert_eq!(reply.status, StatusCode::OK);
    Checkpoint::verify(&reply.body, &vkey(f).await).unwrap()
}

/// The inbox item of `id`.
async fn inbox_item(f: &Fixture, id: &str) -> serde_json::Value {
    let reply = f.get_authed("/api/inbox").await;
    assert_eq!(reply.status, StatusCode::OK);
    let json = reply.json();
    let items = json["items"].as_array().unwrap();
    // Seqs stay without gaps whatever was deleted (PROTOCOL.md §4.2).
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item["seq"].as_u64(), Some(i as u64 + 1), "{json}");
    }
    items
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in the inbox: {json}"))
        .clone()
}

async fn mailbox_ids(f: &Fixture, mailbox: &str) -> Vec<String> {
    let reply = call(f, "GET", "/api/mailbox", Some(mailbox), false).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Checks a deletion's `200 {"id","leaf","checkpoint"}`; returns the leaf.
async fn deleted(f: &Fixture, reply: &Reply, id: &str) -> u64 {
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json());
    let json = reply.json();
    assert_eq!(json.as_object().unwrap().len(), 3, "{json}");
    assert_eq!(json["id"], id);
    let leaf = json["leaf"].as_u64().unwrap();
    let cp = Checkpoint::verify(
        json["checkpoint"].as_str().unwrap().as_bytes(),
        &vkey(f).await,
    )
    .unwrap();
    assert!(
        cp.size > leaf,
        "the answer's checkpoint holds the tombstone"
    );
    leaf
}

#[tokio::test]
async fn a_deletion_removes_the_ciphertext_and_appends_its_tombstone() {
    let f = Fixture::new(3);
    let mailbox = secret();
    let report_bytes = body(3, BUCKET_64K);
    let report = created_id(
        &call_with(
            &f,
            "POST",
            "/api/reports",
            Some(&mailbox),
            false,
            report_bytes.clone(),
        )
        .await,
    );
    let followup_bytes = body(4, BUCKET_64K);
    let followup = created_id(
        &call_with(
            &f,
            "POST",
            "/api/mailbox",
            Some(&mailbox),
            false,
            followup_bytes.clone(),
        )
        .await,
    );
    let other_bytes = body(3, BUCKET_64K);
    let other =
        created_id(&call_with(&f, "POST", "/api/reports", None, false, other_bytes.clone()).await);
    assert_eq!(mailbox_ids(&f, &mailbox).await, vec![followup.clone()]);
    let before = checkpoint(&f).await;
    assert_eq!(before.size, 3);
    let chunks_before = f.usage().chunks;

    // No token, a malformed id, an unknown id: refused, nothing changes.
    let uri = format!("/api/objects/{followup}");
    refused(
        &call(&f, "DELETE", &uri, None, false).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    refused(
        &call(&f, "DELETE", "/api/objects/xyz", None, true).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    refused(
        &call(
            &f,
            "DELETE",
            &format!("/api/objects/{}", "ab".repeat(16)),
            None,
            true,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_eq!(checkpoint(&f).await.size, 3);
    assert_eq!(f.usage().chunks, chunks_before);

    // The follow-up goes: its tombstone is leaf 3.
    let leaf = deleted(&f, &call(&f, "DELETE", &uri, None, true).await, &followup).await;
    assert_eq!(leaf, 3);
    let after = checkpoint(&f).await;
    assert_eq!(after.size, 4);
    let served = leaves(&f, 0, 4).await;
    let followup_leaf = leaf_of(LeafKind::Followup, &followup, &followup_bytes);
    assert_eq!(served[1], followup_leaf, "the object's own leaf stays");
    assert_eq!(served[3], followup_leaf.tombstone());
    assert_eq!(served[3].kind, LeafKind::Tombstone);
    assert_eq!(
        root_of(&served),
        after.root,
        "the served leaves make the root"
    );
    assert_eq!(
        served[..3],
        [
            leaf_of(LeafKind::Report, &report, &report_bytes),
            followup_leaf,
            leaf_of(LeafKind::Report, &other, &other_bytes),
        ]
    );
    let proof = f
        .get(&format!("/api/log/consistency?from=3&to={}", after.size))
        .await;
    assert_eq!(proof.status, StatusCode::OK);
    let hashes: Vec<String> = proof.json()["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_owned())
        .collect();
    let hashes = decode_proof(&hashes, MAX_CONSISTENCY_PROOF).unwrap();
    verify_consistency(&hashes, before.size, &before.root, after.size, &after.root).unwrap();

    // Every route sees it.
    refused(
        &call(&f, "GET", &uri, None, true).await,
        StatusCode::GONE,
        "deleted",
    );
    let item = inbox_item(&f, &followup).await;
    assert_eq!(
        item,
        serde_json::json!({"id": followup, "seq": 2, "kind": "followup",
            "size": followup_bytes.len(), "leaf": 1, "deleted": 3}),
        "no day, no mailbox"
    );
    assert!(mailbox_ids(&f, &mailbox).await.is_empty());
    refused(
        &call(
            &f,
            "GET",
            &format!("/api/mailbox/objects/{followup}"),
            Some(&mailbox),
            false,
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    refused(
        &call_with(
            &f,
            "POST",
            &format!("/api/objects/{followup}/reply"),
            None,
            true,
            body(3, BUCKET_64K),
        )
        .await,
        StatusCode::GONE,
        "deleted",
    );
    let usage = f.usage();
    assert_eq!(usage.chunks, chunks_before - 1, "its one chunk is gone");
    assert_eq!(usage.mailbox_items, 0);
    assert_eq!(usage.objects, 3, "the tombstone record stays");

    // A repeat answers the same and appends nothing.
    let again = deleted(&f, &call(&f, "DELETE", &uri, None, true).await, &followup).await;
    assert_eq!(again, 3);
    assert_eq!(checkpoint(&f).await.size, 4);

    // The report under the mailbox goes too; the other report stays whole.
    let report_uri = format!("/api/objects/{report}");
    let leaf = deleted(
        &f,
        &call(&f, "DELETE", &report_uri, None, true).await,
        &report,
    )
    .await;
    assert_eq!(leaf, 4);
    refused(
        &call_with(
            &f,
            "POST",
            &format!("/api/objects/{report}/status"),
            None,
            true,
            body(3, BUCKET_64K),
        )
        .await,
        StatusCode::GONE,
        "deleted",
    );
    let got = call(&f, "GET", &format!("/api/objects/{other}"), None, true).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, other_bytes);
    let other_item = inbox_item(&f, &other).await;
    assert!(other_item.get("deleted").is_none(), "{other_item}");
    assert_eq!(other_item["day"].as_str().unwrap().len(), 10);

    // A new commit after tombstones: leaf 5, seq 4.
    let later = call_with(&f, "POST", "/api/reports", None, false, body(3, BUCKET_64K)).await;
    let later_id = created_id(&later);
    assert_eq!(later.json()["leaf"], 5);
    assert_eq!(inbox_item(&f, &later_id).await["seq"], 4);

    // A restart keeps every deletion; nothing of the ciphertext is left in
    // the chunks tree.
    let f = f.reopen();
    refused(
        &call(&f, "GET", &uri, None, true).await,
        StatusCode::GONE,
        "deleted",
    );
    assert_eq!(inbox_item(&f, &report).await["deleted"], 4);
    assert_eq!(checkpoint(&f).await.size, 6);
    assert_eq!(leaves(&f, 4, 5).await[0].kind, LeafKind::Tombstone);
    let Fixture {
        tmp,
        config,
        state,
        app,
        ..
    } = f;
    drop(app);
    drop(state);
    // A background task may still hold the database for a moment.
    let path = whistlebox_relay::state::db_path(&config.data);
    let mut tries = 0;
    let db = loop {
        match sled::open(&path) {
            Ok(db) => break db,
            Err(_) if tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => panic!("open the stopped relay's database: {e}"),
        }
    };
    let chunks = db.open_tree("objectid_chunks").unwrap();
    for id in [&followup, &report] {
        let prefix = hex::decode(id).unwrap();
        assert_eq!(chunks.scan_prefix(&prefix).count(), 0, "chunks of {id}");
    }
    assert_eq!(chunks.scan_prefix(hex::decode(&other).unwrap()).count(), 1);
    // No value in any tree holds a piece of the deleted ciphertexts.
    let markers = [&followup_bytes[200..264], &report_bytes[200..264]];
    for name in db.tree_names() {
        let tree = db.open_tree(&name).unwrap();
        for entry in tree.iter() {
            let (_, value) = entry.unwrap();
            for marker in markers {
                assert!(
                    !value.windows(marker.len()).any(|w| w == marker),
                    "tree {:?} still holds deleted ciphertext",
                    String::from_utf8_lossy(&name)
                );
            }
        }
    }
    drop(tmp);
}

#[tokio::test]
async fn deletions_of_uploaded_objects_remove_every_chunk() {
    // An object of several chunks (PROTOCOL.md §4.3): all go in the one
    // transaction.
    let f = Fixture::new(3);
    let bytes = body(3, common::bucket_at_least(3 * 1024 * 1024));
    let id = created_id(&call_with(&f, "POST", "/api/reports", None, false, bytes.clone()).await);
    let before = f.usage().chunks;
    assert!(before >= 4, "{before}");
    let uri = format!("/api/objects/{id}");
    let leaf = deleted(&f, &call(&f, "DELETE", &uri, None, true).await, &id).await;
    assert_eq!(leaf, 1);
    assert_eq!(f.usage().chunks, 0);
    let served = leaves(&f, 0, 2).await;
    assert_eq!(
        served[1],
        leaf_of(LeafKind::Report, &id, &bytes).tombstone()
    );
    let f = f.reopen();
    assert_eq!(f.usage().chunks, 0);
}
