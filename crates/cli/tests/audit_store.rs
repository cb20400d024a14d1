//! `whistlebox audit store` on a real relay data directory (docs/AUDITING.md):
//! the real relay binary creates it, real age files from the page's Node
//! client (typage) are committed through the relay's own sled store, and
//! each tamper fixture — made with sled directly, as an operator could —
//! is detected with its named finding and exit code 5. The clean store
//! passes with exit 0, and no audit changes a byte of the directory.

use std::path::{Path, PathBuf};

use serde_json::Value;
use whistlebox_relay::store::{Day, Filing, MailboxId, SledStore, Store, CHUNK_SIZE};
use whistlebox_tests::{
    assert_success, cli, example_team, files_under, node_submit, path_str, sha256_file, Relay,
    Scratch,
};

/// A relay data directory holding, in seq order: 1 a report, 2 a report
/// filed under a mailbox, 3 a two-chunk follow-up under it, 4 a reply under
/// it; plus an open upload session with one part and a token.
struct Fixture {
    scratch: Scratch,
    /// Object ids in seq order, as 16 bytes.
    ids: Vec<[u8; 16]>,
}

impl Fixture {
    fn data(&self) -> &Path {
        &self.scratch.data
    }
}

/// A real age file from `submit.mjs --no-post` (the page's own encryption).
fn ciphertext(relay: &Relay, work: &Path, name: &str, extra: &[&str]) -> Vec<u8> {
    let out = work.join(name);
    let mut args = vec![
        "--relay",
        relay.url.as_str(),
        "--no-post",
        "--out",
        path_str(&out),
    ];
    args.extend_from_slice(extra);
    assert_success(&node_submit(&args), "submit.mjs --no-post");
    std::fs::read(&out).unwrap()
}

fn commit(store: &SledStore, body: &[u8], filing: Filing) -> [u8; 16] {
    let upload = store.begin().unwrap();
    for (i, chunk) in body.chunks(CHUNK_SIZE).enumerate() {
        store.put_chunk(&upload, i as u32, chunk).unwrap();
    }
    let meta = store
        .commit(
            &upload,
            filing,
            Day::today(),
            body.len() as u64,
            <sha2::Sha256 as sha2::Digest>::digest(body).into(),
        )
        .unwrap();
    *meta.id.as_bytes()
}

fn fixture() -> Fixture {
    let scratch = Scratch::new();
    let relay = scratch.start_relay(&example_team());
    let attachment = scratch.work.join("evidence.bin");
    let noise: Vec<u8> = (0..3 * CHUNK_SIZE / 2)
        .map(|i| (i * 7919 % 251) as u8)
        .collect();
    std::fs::write(&attachment, noise).unwrap();
    let small = ciphertext(&relay, &scratch.work, "a.age", &[]);
    let other = ciphertext(
        &relay,
        &scratch.work,
        "b.age",
        &["--field", "category=other"],
    );
    let large = ciphertext(
        &relay,
        &scratch.work,
        "c.age",
        &["--attach", path_str(&attachment)],
    );
    relay.stop();
    let store = SledStore::open(&scratch.data.join("db")).unwrap();
    let mailbox = Some(MailboxId::of_secret(&[7u8; 32]));
    let filed = |kind| Filing { kind, mailbox };
    use whistlebox_core::report::Kind;
    let ids = vec![
        commit(&store, &small, Filing::report()),
        commit(&store, &other, filed(Kind::Report)),
        commit(&store, &large, filed(Kind::Followup)),
        commit(&store, &small, filed(Kind::Reply)),
    ];
    let session = store
        .open_session(4 * CHUNK_SIZE as u64, Filing::report())
        .unwrap();
    store.put_part_chunk(&session, 0, 0, &small).unwrap();
    store
        .finish_part(&session.upload, 0, small.len() as u64)
        .unwrap();
    drop(store);
    Fixture { scratch, ids }
}

/// Runs `audit store DATA --json`; returns the exit code and the report.
fn audit(data: &Path) -> (i32, Value) {
    let out = cli(&[
        "audit",
        "store",
        path_str(data),
        "--team",
        path_str(&example_team()),
        "--json",
    ]);
    let code = out.status.code().expect("exit code");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}); exit {code}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, report)
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// Audits `data`, asserts exit 5 and that `code` is among the findings;
/// returns the findings' codes.
fn assert_finding(data: &Path, code: &str) -> Vec<String> {
    let (exit, report) = audit(data);
    let found = codes(&report);
    assert!(
        found.iter().any(|c| c == code),
        "expected {code}, found {found:?}\n{report:#}"
    );
    assert_eq!(exit, 5, "{report:#}");
    assert_eq!(report["ok"], false);
    found
}

/// Opens the (stopped) relay's database with sled, as a tampering operator would.
fn tamper(data: &Path, f: impl FnOnce(&sled::Db)) {
    // sled's background threads of the fixture's store may hold the lock a
    // moment after it was dropped (seen under load): retry, as the relay
    // tests' reopen does.
    let mut tries = 0;
    let db = loop {
        match sled::Config::new().path(data.join("db")).open() {
            Ok(db) => break db,
            Err(_) if tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => panic!("open the stopped relay's database: {e}"),
        }
    };
    f(&db);
    db.flush().unwrap();
}

fn meta_of(db: &sled::Db, id: &[u8; 16]) -> Value {
    serde_json::from_slice(
        &db.open_tree("objectid_meta")
            .unwrap()
            .get(id)
            .unwrap()
            .unwrap(),
    )
    .unwrap()
}

fn set_meta(db: &sled::Db, id: &[u8; 16], meta: &Value) {
    db.open_tree("objectid_meta")
        .unwrap()
        .insert(id, serde_json::to_vec(meta).unwrap())
        .unwrap();
}

fn chunk_key(id: &[u8; 16], index: u32) -> Vec<u8> {
    let mut key = id.to_vec();
    key.extend_from_slice(&index.to_be_bytes());
    key
}

/// Every file under `dir` with its SHA-256.
fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    files_under(dir)
        .into_iter()
        .map(|p| (p.clone(), sha256_file(&p)))
        .collect()
}

#[test]
fn clean_store_passes_and_is_left_unchanged() {
    let fx = fixture();
    let before = snapshot(fx.data());
    let (exit, report) = audit(fx.data());
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(exit, 0);
    assert_eq!(report["audit"], "store");
    assert_eq!(report["schema"], 1);
    assert_eq!(report["ok"], true);
    let summary = &report["summary"];
    assert_eq!(summary["objects"], 4);
    assert_eq!(
        summary["kinds"],
        serde_json::json!({"report": 2, "followup": 1, "reply": 1})
    );
    assert_eq!(summary["days"].as_object().unwrap().len(), 1);
    assert_eq!(summary["mailboxes"], 1);
    assert_eq!(summary["sessions"], 1);
    assert_eq!(summary["tokens"], 1);
    assert!(summary["bytes"].as_u64().unwrap() > CHUNK_SIZE as u64);
    let names: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "layout",
            "records",
            "sequence",
            "chunks",
            "envelope",
            "mailboxes",
            "log",
            "plaintext"
        ]
    );
    assert_eq!(
        snapshot(fx.data()),
        before,
        "the audit changed the data directory"
    );

    // The human report says the same.
    let out = cli(&[
        "audit",
        "store",
        path_str(fx.data()),
        "--team",
        path_str(&example_team()),
    ]);
    assert_success(&out, "audit store");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("objects: 4 ("), "{text}");
    assert!(
        text.contains("kinds: followup 1, reply 1, report 2"),
        "{text}"
    );
    assert!(text.contains("result: pass (no finding)"), "{text}");
    assert!(!text.contains('\x1b'), "colour on a pipe: {text}");
    assert_eq!(snapshot(fx.data()), before);
}

#[test]
fn a_running_relay_is_refused_and_nothing_changes() {
    let fx = fixture();
    let relay = Relay::start(fx.data(), &example_team());
    let before = snapshot(&fx.data().join("tokens"));
    let out = cli(&[
        "audit",
        "store",
        path_str(fx.data()),
        "--team",
        path_str(&example_team()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a running relay holds the database lock"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: stop the relay first"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(snapshot(&fx.data().join("tokens")), before);
    relay.stop();
    // Not a data directory at all: refused with what to pass instead.
    let out = cli(&[
        "audit",
        "store",
        path_str(&fx.data().join("db")),
        "--team",
        path_str(&example_team()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not a relay data directory") && stderr.contains("its parent"),
        "{stderr}"
    );
}

#[test]
fn plaintext_slipped_into_the_store_is_found() {
    // An address inside a metadata value the protocol lists.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let mut meta = meta_of(db, &fx.ids[0]);
        meta["kind"] = Value::from("report 203.0.113.7");
        set_meta(db, &fx.ids[0], &meta);
    });
    let found = assert_finding(fx.data(), "plaintext_in_store");
    assert!(found.contains(&"malformed_record".to_string()), "{found:?}");

    // A user agent and a time in a tree of the operator's own.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let log = db.open_tree("access_log").unwrap();
        log.insert(
            b"2026-11-25T19:34:02Z",
            &b"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"[..],
        )
        .unwrap();
    });
    let found = assert_finding(fx.data(), "plaintext_in_store");
    assert!(found.contains(&"unknown_tree".to_string()), "{found:?}");

    // A log file beside the database.
    let fx = fixture();
    std::fs::write(
        fx.data().join("access.log"),
        "198.51.100.4 - - GET /api/team\n",
    )
    .unwrap();
    let found = assert_finding(fx.data(), "plaintext_in_store");
    assert!(found.contains(&"unknown_file".to_string()), "{found:?}");
}

#[test]
fn an_extra_field_is_found() {
    let fx = fixture();
    tamper(fx.data(), |db| {
        let mut meta = meta_of(db, &fx.ids[1]);
        meta["received_at"] = Value::from(1_764_099_242u64);
        set_meta(db, &fx.ids[1], &meta);
    });
    let found = assert_finding(fx.data(), "unknown_field");
    // The value reads as a Unix time, too.
    assert!(
        found.contains(&"plaintext_in_store".to_string()),
        "{found:?}"
    );
}

#[test]
fn a_deleted_object_is_found() {
    // Deleted whole — metadata, seq index and ciphertext: a gap in seq.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let id = fx.ids[1];
        db.open_tree("objectid_meta").unwrap().remove(id).unwrap();
        db.open_tree("seq_objectid")
            .unwrap()
            .remove(2u64.to_be_bytes())
            .unwrap();
        let chunks = db.open_tree("objectid_chunks").unwrap();
        for key in chunks.scan_prefix(id).keys() {
            chunks.remove(key.unwrap()).unwrap();
        }
    });
    // Its leaf stays in the log (PROTOCOL.md §10.1): the log names it.
    assert_eq!(assert_finding(fx.data(), "seq_gap"), ["seq_gap", "log_gap"]);

    // Only its ciphertext deleted.
    let fx = fixture();
    tamper(fx.data(), |db| {
        db.open_tree("objectid_chunks")
            .unwrap()
            .remove(chunk_key(&fx.ids[0], 0))
            .unwrap();
    });
    assert_finding(fx.data(), "missing_object");

    // Only its metadata deleted: the index points at nothing.
    let fx = fixture();
    tamper(fx.data(), |db| {
        db.open_tree("objectid_meta")
            .unwrap()
            .remove(fx.ids[0])
            .unwrap();
    });
    let found = assert_finding(fx.data(), "missing_object");
    assert!(found.contains(&"orphan_chunk".to_string()), "{found:?}");
}

#[test]
fn a_replaced_ciphertext_is_found() {
    // Replaced by bytes of the same length that are not an age file.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let chunks = db.open_tree("objectid_chunks").unwrap();
        let old = chunks.get(chunk_key(&fx.ids[0], 0)).unwrap().unwrap();
        chunks
            .insert(chunk_key(&fx.ids[0], 0), vec![b'A'; old.len()])
            .unwrap();
    });
    // Its leaf no longer matches (PROTOCOL.md §10.1).
    assert_eq!(
        assert_finding(fx.data(), "envelope_violation"),
        ["envelope_violation", "log_mismatch"]
    );

    // Replaced by another real age file of another length.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let chunks = db.open_tree("objectid_chunks").unwrap();
        let other = chunks.get(chunk_key(&fx.ids[2], 0)).unwrap().unwrap();
        chunks.insert(chunk_key(&fx.ids[0], 0), other).unwrap();
    });
    assert_finding(fx.data(), "size_mismatch");
}

#[test]
fn swapped_objects_are_found() {
    // Two entries of the seq index swapped: commit order rewritten.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let seq = db.open_tree("seq_objectid").unwrap();
        seq.insert(1u64.to_be_bytes(), &fx.ids[1]).unwrap();
        seq.insert(2u64.to_be_bytes(), &fx.ids[0]).unwrap();
    });
    assert_finding(fx.data(), "index_mismatch");

    // The ciphertexts of two objects of different sizes swapped.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let chunks = db.open_tree("objectid_chunks").unwrap();
        let a = chunks.get(chunk_key(&fx.ids[0], 0)).unwrap().unwrap();
        let b = chunks.get(chunk_key(&fx.ids[2], 0)).unwrap().unwrap();
        assert_ne!(a.len(), b.len());
        chunks.insert(chunk_key(&fx.ids[0], 0), b).unwrap();
        chunks.insert(chunk_key(&fx.ids[2], 0), a).unwrap();
    });
    assert_finding(fx.data(), "size_mismatch");

    // Two reports of one padding bucket swapped (same kind, size and day)
    // leave every rule of the store intact but the transparency log: each
    // object's recomputed leaf differs from its stored leaf (§10.1).
    let fx = fixture();
    tamper(fx.data(), |db| {
        let chunks = db.open_tree("objectid_chunks").unwrap();
        let a = chunks.get(chunk_key(&fx.ids[0], 0)).unwrap().unwrap();
        let b = chunks.get(chunk_key(&fx.ids[1], 0)).unwrap().unwrap();
        assert_eq!(a.len(), b.len(), "both reports pad to the 64 KiB bucket");
        chunks.insert(chunk_key(&fx.ids[0], 0), b).unwrap();
        chunks.insert(chunk_key(&fx.ids[1], 0), a).unwrap();
    });
    assert_eq!(
        assert_finding(fx.data(), "log_mismatch"),
        ["log_mismatch", "log_mismatch"]
    );

    // The two chunks of one object swapped.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let chunks = db.open_tree("objectid_chunks").unwrap();
        let first = chunks.get(chunk_key(&fx.ids[2], 0)).unwrap().unwrap();
        let second = chunks.get(chunk_key(&fx.ids[2], 1)).unwrap().unwrap();
        chunks.insert(chunk_key(&fx.ids[2], 0), second).unwrap();
        chunks.insert(chunk_key(&fx.ids[2], 1), first).unwrap();
    });
    let found = assert_finding(fx.data(), "size_mismatch");
    assert!(
        found.contains(&"envelope_violation".to_string()),
        "{found:?}"
    );
}

#[test]
fn mailbox_filing_and_unknown_files_are_checked() {
    // A reply taken out of its mailbox's list.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let items = db.open_tree("mailbox_items").unwrap();
        let key = items.iter().keys().last().unwrap().unwrap();
        items.remove(key).unwrap();
    });
    assert_eq!(
        assert_finding(fx.data(), "mailbox_mismatch"),
        ["mailbox_mismatch"]
    );

    // A token file that holds bytes, and a stray file in the database folder.
    let fx = fixture();
    let token = files_under(&fx.data().join("tokens")).remove(0);
    std::fs::write(&token, "note").unwrap();
    std::fs::write(fx.data().join("db/extra"), "").unwrap();
    let found = assert_finding(fx.data(), "unknown_file");
    assert_eq!(found, ["unknown_file", "unknown_file"]);
}

#[test]
fn a_day_out_of_order_or_in_the_future_is_found() {
    let fx = fixture();
    tamper(fx.data(), |db| {
        let mut meta = meta_of(db, &fx.ids[0]);
        meta["day"] = Value::from("2999-01-01");
        set_meta(db, &fx.ids[0], &meta);
    });
    let found = assert_finding(fx.data(), "day_future");
    assert_eq!(found, ["day_order", "day_future"]);
}

#[test]
fn a_tampered_log_is_found() {
    // A stored leaf rewritten (its SHA-256 changed): the object's recomputed
    // leaf differs, and the stored hashes are no longer those of the leaves.
    let fx = fixture();
    tamper(fx.data(), |db| {
        let leaves = db.open_tree("log_leaves").unwrap();
        let mut leaf = leaves.get(0u64.to_be_bytes()).unwrap().unwrap().to_vec();
        assert_eq!(leaf.len(), 58);
        leaf[20] ^= 1;
        leaves.insert(0u64.to_be_bytes(), leaf).unwrap();
    });
    assert_eq!(
        assert_finding(fx.data(), "log_mismatch"),
        ["log_mismatch", "log_mismatch"]
    );

    // Only a stored hash rewritten (leaf 1's): the tree no longer matches
    // its leaves, nor the root the objects give.
    let fx = fixture();
    tamper(fx.data(), |db| {
        db.open_tree("log_hashes")
            .unwrap()
            .insert(1u64.to_be_bytes(), vec![7u8; 32])
            .unwrap();
    });
    let (_, report) = audit(fx.data());
    assert_eq!(
        assert_finding(fx.data(), "log_mismatch"),
        ["log_mismatch", "log_mismatch"]
    );
    let wheres: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["where"].as_str().unwrap())
        .collect();
    assert_eq!(wheres, ["log_hashes/0000000000000001", "log root"]);

    // A leaf cut from the middle of the log: a gap below the tree size.
    let fx = fixture();
    tamper(fx.data(), |db| {
        db.open_tree("log_leaves")
            .unwrap()
            .remove(1u64.to_be_bytes())
            .unwrap();
    });
    let found = assert_finding(fx.data(), "log_gap");
    assert_eq!(found, ["log_gap", "log_gap"]);

    // The signing key readable by others: its mode is named, never its content.
    let fx = fixture();
    let key = fx.data().join("log/signing-key");
    let secret = std::fs::read_to_string(&key).unwrap();
    let mut perms = std::fs::metadata(&key).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o644);
    std::fs::set_permissions(&key, perms).unwrap();
    let (exit, report) = audit(fx.data());
    assert_eq!((exit, codes(&report)), (5, vec!["log_key".to_string()]));
    // `PRIVATE+KEY+<origin>+<key id>+<base64>`: the base64 may itself hold
    // `+`, so split off the first four fields rather than take the last
    // (a short tail after a `+` in the base64 made this check flaky).
    let seed = secret.trim_end().splitn(5, '+').nth(4).unwrap();
    assert!(seed.len() > 40, "{}", seed.len());
    assert!(!report.to_string().contains(seed), "{report:#}");
}
