//! The investigators' pull against a real relay whose sled data is tampered
//! with between pulls (PROTOCOL.md §10.7): a deleted object, a replaced
//! ciphertext, a rolled-back data directory and another relay's key each
//! stop the pull with their named alarm, exit 5, and leave the stored
//! checkpoint where it was.

use std::path::Path;

use base64::Engine as _;
use whistlebox_tests::path_str as s;
use whistlebox_tests::{bin, cli, example_team, solve_pow, Relay, Scratch};

/// An envelope-valid age body (PROTOCOL.md §2): one X25519 stanza, an
/// implied plaintext of 64 KiB. Not decryptable, which the relay cannot tell.
fn envelope(seed: u8) -> Vec<u8> {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes);
    let mut body = format!(
        "age-encryption.org/v1\n-> X25519 {}\n{}\n--- {}\n",
        b64(&[seed; 32]),
        b64(&[seed ^ 0x55; 32]),
        b64(&[seed ^ 0xaa; 32])
    )
    .into_bytes();
    let payload = whistlebox_core::envelope::payload_len(65_536);
    body.extend((0..payload).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    body
}

/// Posts reports with seeds `seeds`; returns their ids.
fn submit(relay: &Relay, seeds: std::ops::Range<u8>) -> Vec<String> {
    seeds
        .map(|seed| {
            let issued: serde_json::Value = ureq::post(&format!("{}/api/pow", relay.url))
                .call()
                .expect("a proof-of-work challenge")
                .into_json()
                .unwrap();
            let answer: serde_json::Value = ureq::post(&format!("{}/api/reports", relay.url))
                .set("Whistlebox-Pow", &solve_pow(&issued))
                .send_bytes(&envelope(seed))
                .expect("report accepted")
                .into_json()
                .unwrap();
            answer["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

fn pull(f: &Scratch, relay: &Relay, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "pull",
        "--relay",
        &relay.url,
        "--token-file",
        s(&f.token),
        "--store",
        s(&f.store),
    ];
    args.extend_from_slice(extra);
    cli(&args)
}

/// Asserts a pull stopped with `code`'s alarm and kept the checkpoint `kept`.
fn assert_alarm(f: &Scratch, out: &std::process::Output, code: &str, kept: &[u8]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains(&format!("LOG ALARM {code}:")), "{stderr}");
    assert!(stderr.contains("hint: do not trust this relay"), "{stderr}");
    assert_eq!(
        std::fs::read(f.store.join("log/checkpoint")).unwrap(),
        kept,
        "the stored checkpoint was not advanced"
    );
}

fn checkpoint_of(f: &Scratch) -> Vec<u8> {
    std::fs::read(f.store.join("log/checkpoint")).expect("a verified checkpoint is stored")
}

/// The relay's published log key, as `whistlebox-relay log-key` prints it.
fn log_key(f: &Scratch) -> std::path::PathBuf {
    let out = std::process::Command::new(bin("whistlebox-relay"))
        .args(["log-key", "--data", s(&f.data)])
        .output()
        .unwrap();
    assert!(out.status.success());
    let path = f.work.join("log.vkey");
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

/// Opens the stopped relay's sled database for tampering.
fn open_db(data: &Path) -> sled::Db {
    sled::open(data.join("db")).unwrap()
}

#[test]
fn a_deleted_object_is_a_gap() {
    let f = Scratch::new();
    let team = example_team();
    let relay = f.start_relay(&team);
    submit(&relay, 1..3);
    let key = log_key(&f);
    let out = pull(&f, &relay, &["--log-key", s(&key)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("log verified: 2 leaves"), "{stdout}");
    let kept = checkpoint_of(&f);
    let ids = submit(&relay, 3..5);
    drop(relay.stop());

    // The operator removes object seq 3 from the store (not from the log).
    let db = open_db(&f.data);
    let id = hex::decode(&ids[0]).unwrap();
    db.open_tree("seq_objectid")
        .unwrap()
        .remove(3u64.to_be_bytes())
        .unwrap();
    db.open_tree("objectid_meta").unwrap().remove(&id).unwrap();
    db.flush().unwrap();
    drop(db);

    let relay = Relay::start(&f.data, &team);
    let out = pull(&f, &relay, &[]);
    assert_alarm(&f, &out, "log_gap", &kept);
    assert!(String::from_utf8_lossy(&out.stderr).contains("leaf 2"));
}

#[test]
fn a_replaced_ciphertext_is_a_mismatch() {
    let f = Scratch::new();
    let team = example_team();
    let relay = f.start_relay(&team);
    let ids = submit(&relay, 1..4);
    let out = pull(&f, &relay, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("pinned the relay's log key"));
    let kept = checkpoint_of(&f);
    submit(&relay, 4..5);
    drop(relay.stop());

    // The operator swaps the ciphertext of the newest object for other bytes
    // of the same size and shape (still envelope-valid).
    let db = open_db(&f.data);
    let meta = db
        .open_tree("seq_objectid")
        .unwrap()
        .get(4u64.to_be_bytes())
        .unwrap()
        .unwrap();
    let mut key = meta.to_vec();
    key.extend_from_slice(&0u32.to_be_bytes());
    db.open_tree("objectid_chunks")
        .unwrap()
        .insert(key, envelope(9))
        .unwrap();
    db.flush().unwrap();
    drop(db);
    assert_eq!(ids.len(), 3);

    let relay = Relay::start(&f.data, &team);
    let out = pull(&f, &relay, &[]);
    assert_alarm(&f, &out, "log_mismatch", &kept);
}

#[test]
fn a_restored_older_copy_is_a_rollback_and_another_key_a_bad_signature() {
    let f = Scratch::new();
    let team = example_team();
    let relay = f.start_relay(&team);
    submit(&relay, 1..3);
    drop(relay.stop());
    // An older copy of the data directory, taken while the relay is stopped.
    let old = f.work.join("old-data");
    let copied = std::process::Command::new(bin("whistlebox-relay"))
        .args(["backup", "--data", s(&f.data), "--out", s(&old)])
        .output()
        .unwrap();
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    let relay = Relay::start(&f.data, &team);
    submit(&relay, 3..5);
    let out = pull(&f, &relay, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = checkpoint_of(&f);
    assert!(String::from_utf8_lossy(&kept).contains("\n4\n"));
    drop(relay.stop());

    // The old copy, same key, fewer leaves.
    let relay = Relay::start(&old, &team);
    let out = pull(&f, &relay, &[]);
    assert_alarm(&f, &out, "log_rollback", &kept);
    drop(relay.stop());

    // A relay with another key is not this log.
    let other = f.work.join("other-data");
    let relay = Relay::start(&other, &team);
    let out = pull(&f, &relay, &[]);
    assert_alarm(&f, &out, "log_signature", &kept);
}
