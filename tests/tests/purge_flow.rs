//! Retention and purge end to end (PROTOCOL.md §12), with the real relay on
//! 127.0.0.1:0, the Node reporter client and the `whistlebox` CLI:
//!
//! three reports (one with a follow-up mailbox, a follow-up, a pushed reply
//! and a closing status) → `pull` → `purge` without `--yes` changes nothing
//! (the store hashes the same) → a policy with `--today` selects exactly the
//! case closed long enough → `purge --yes` → the store holds nothing of the
//! case but its purged records, `cases` no longer lists it → `push` deletes
//! the relay's copies (410, tombstone leaves in the public log, mailbox
//! empty) → a later `pull` verifies the log. A deletion the team did not ask
//! for is a loud `log_unrequested_delete` alarm that keeps the store's copy;
//! once the team purges too, the pull is clean. `audit store` of the
//! stopped relay finds nothing. And a relay killed (`kill -9`) in the middle
//! of a run of deletions leaves each object whole or deleted with its
//! tombstone (one sled transaction, §12.1), never lost or half-deleted.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use base64::Engine as _;
use serde_json::Value;
use whistlebox_core::log::{Leaf, LeafKind};
use whistlebox_tests::path_str as s;
use whistlebox_tests::{
    cli, cli_ok, create_token, example_team, files_under, fixture_key, json_str, node_mailbox_ok,
    node_submit_ok, node_submit_with_codename, read_mailbox, sha256_file, solve_pow, Relay,
    Scratch,
};

/// Every file under `dir` with its SHA-256, by relative path.
fn hash_dir(dir: &Path) -> BTreeMap<String, String> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                sha256_file(&p),
            )
        })
        .collect()
}

/// The file names (relative) under the store that mention `id`.
fn files_naming(store: &Path, id: &str) -> Vec<String> {
    hash_dir(store)
        .into_keys()
        .filter(|name| name.contains(id))
        .collect()
}

fn token(f: &Scratch) -> String {
    fs::read_to_string(&f.token).unwrap().trim().to_owned()
}

/// `METHOD /api/objects/{id}` with the investigator token: status and body.
fn object_call(f: &Scratch, relay: &Relay, method: &str, id: &str) -> (u16, Value) {
    let url = format!("{}/api/objects/{id}", relay.url);
    let auth = format!("Bearer {}", token(f));
    let answer = ureq::request(method, &url)
        .set("Authorization", &auth)
        .call();
    let resp = match answer {
        Ok(resp) => resp,
        Err(ureq::Error::Status(_, resp)) => resp,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    let status = resp.status();
    let body = resp.into_string().unwrap();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// The relay's whole public log, as leaves.
fn log_leaves(relay: &Relay) -> Vec<Leaf> {
    let checkpoint = ureq::get(&format!("{}/api/log/checkpoint", relay.url))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    let size: u64 = checkpoint.lines().nth(1).unwrap().parse().unwrap();
    let answer: Value = ureq::get(&format!("{}/api/log/leaves?start=0&end={size}", relay.url))
        .call()
        .unwrap()
        .into_json()
        .unwrap();
    answer["leaves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(l.as_str().unwrap())
                .unwrap();
            Leaf::parse(&bytes).unwrap()
        })
        .collect()
}

fn purged_records(store: &Path) -> Vec<Value> {
    let dir = store.join("purged");
    if !dir.exists() {
        return Vec::new();
    }
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_slice(&fs::read(p).unwrap()).unwrap())
        .collect()
}

fn listed_cases(f: &Scratch, key: &Path) -> Vec<String> {
    let out = cli_ok(&f.store_args(key, &["cases"], &["--json"]));
    let rows: Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

fn plus_days(day: &str, n: i64) -> String {
    whistlebox::due::Day::parse(day)
        .unwrap()
        .add_days(n)
        .to_string()
}

#[test]
fn a_purged_case_leaves_the_store_the_relay_and_shows_in_the_log() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let team = example_team();

    let answer = node_submit_with_codename(
        &relay,
        &[
            "--field",
            "category=bullying",
            "--field",
            "what=Mocked daily.",
        ],
    );
    let case = json_str(&answer, "id");
    let codename = json_str(&answer, "codename");
    let other = json_str(
        &node_submit_ok(&["--relay", &relay.url, "--field", "category=other"]),
        "id",
    );
    let third = json_str(
        &node_submit_ok(&["--relay", &relay.url, "--field", "category=sexual_assault"]),
        "id",
    );
    f.pull(&relay);
    node_mailbox_ok(&[
        "--relay",
        &relay.url,
        "--codename",
        &codename,
        "--followup-message",
        "One more thing.",
    ]);
    cli_ok(&f.store_args(
        &alice,
        &["reply", &case],
        &["--team", s(&team), "--message", "Thank you."],
    ));
    cli_ok(&f.store_args(
        &alice,
        &["status", &case, "closed"],
        &[
            "--team",
            s(&team),
            "--note",
            "Resolved with the team lead.",
            "--outcome",
            "resolved",
        ],
    ));
    f.push(&relay);
    let pulled = f.pull(&relay);
    assert!(pulled.contains("log verified"), "{pulled}");
    let closed_day = fs::read_dir(f.store.join("outbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let v: Value = serde_json::from_slice(&fs::read(p).unwrap()).unwrap();
            v["day"].as_str().unwrap().to_owned()
        })
        .max()
        .unwrap();
    let listed = listed_cases(&f, &alice);
    assert_eq!(listed.len(), 3, "{listed:?}");

    // Without --yes: what would go, and nothing changes.
    let before = hash_dir(&f.store);
    let dry = cli_ok(&f.store_args(&alice, &["purge", &case[..10]], &[]));
    assert!(
        dry.contains(&format!("would purge case {case}: 4 object(s)")),
        "{dry}"
    );
    assert!(dry.contains("nothing was changed"), "{dry}");
    // A policy selects exactly the case closed for long enough.
    let policy = f.work.join("retention.toml");
    fs::write(
        &policy,
        "[closed_after_days]\ndefault = 30\nsexual_assault = 1825\n",
    )
    .unwrap();
    let on = |today: &str| {
        cli_ok(&f.store_args(
            &alice,
            &["purge"],
            &["--policy", s(&policy), "--today", today],
        ))
    };
    let early = on(&plus_days(&closed_day, 30));
    assert!(early.contains("no case to purge"), "{early}");
    let late = on(&plus_days(&closed_day, 31));
    assert!(late.contains(&format!("would purge case {case}")), "{late}");
    assert!(!late.contains(&other) && !late.contains(&third), "{late}");
    assert_eq!(
        hash_dir(&f.store),
        before,
        "a purge without --yes changed the store"
    );

    // With --yes: records first, then every file of the case goes.
    let done = cli_ok(&f.store_args(&alice, &["purge", &case[..10]], &["--yes"]));
    assert!(done.contains(&format!("purged case {case}")), "{done}");
    let records = purged_records(&f.store);
    assert_eq!(records.len(), 4, "{records:?}");
    assert!(records.iter().all(|r| r["deleted"].is_null()));
    let ids: Vec<String> = records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    for id in &ids {
        let left = files_naming(&f.store, id);
        assert!(
            left.iter().all(|name| name.starts_with("purged/")),
            "{id}: {left:?}"
        );
    }
    assert!(fs::read_dir(f.store.join("outbox"))
        .unwrap()
        .next()
        .is_none());
    let listed = listed_cases(&f, &alice);
    assert!(!listed.contains(&case), "{listed:?}");
    assert_eq!(listed.len(), 2);

    // push deletes the relay's copies and records the tombstones.
    let pushed = f.push(&relay);
    assert_eq!(
        pushed.matches("on the relay (tombstone leaf").count(),
        4,
        "{pushed}"
    );
    let leaves = log_leaves(&relay);
    for record in purged_records(&f.store) {
        let id = record["id"].as_str().unwrap();
        let tomb = record["deleted"]["leaf"].as_u64().unwrap() as usize;
        let own = record["leaf"].as_u64().unwrap() as usize;
        assert_eq!(leaves[tomb].kind, LeafKind::Tombstone);
        assert_eq!(leaves[tomb], leaves[own].tombstone());
        assert_eq!(hex::encode(leaves[own].id), id);
        assert_eq!(
            hex::encode(leaves[own].sha256),
            record["sha256"].as_str().unwrap()
        );
        let (status, body) = object_call(&f, &relay, "GET", id);
        assert_eq!((status, body["error"].as_str()), (410, Some("deleted")));
    }
    assert_eq!(
        read_mailbox(&relay, &codename)["items"],
        Value::Array(vec![])
    );
    let again = f.push(&relay);
    assert!(again.contains("nothing to push"), "{again}");
    // A colleague's fresh store sees the deletions in the inbox: it fetches
    // nothing of them, records them, and checks both their leaves.
    let fresh = f.work.join("fresh-store");
    let out = cli(&[
        "pull",
        "--relay",
        &relay.url,
        "--token-file",
        s(&f.token),
        "--store",
        s(&fresh),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("log verified"), "{stdout}");
    for id in &ids {
        let left = files_naming(&fresh, id);
        assert_eq!(left.len(), 1, "{id}: {left:?}");
        assert!(left[0].starts_with("log/deleted/"), "{left:?}");
    }
    assert_eq!(files_naming(&fresh, &other).len(), 2);
    let pulled = f.pull(&relay);
    assert!(pulled.contains("log verified"), "{pulled}");
    assert_eq!(object_call(&f, &relay, "GET", &other).0, 200);

    // A reply pushed but never pulled back: purge records it under its relay
    // id, push deletes it, and the next pull fills in its seq and leaf from
    // the inbox instead of fetching it, and checks both its leaves.
    let late = node_submit_with_codename(&relay, &["--field", "category=other"]);
    let late_case = json_str(&late, "id");
    f.pull(&relay);
    cli_ok(&f.store_args(
        &alice,
        &["reply", &late_case],
        &["--team", s(&team), "--message", "Received."],
    ));
    f.push(&relay);
    let done = cli_ok(&f.store_args(&alice, &["purge", &late_case], &["--yes"]));
    assert!(
        done.contains("1 object(s) and 1 outbox item(s)") && done.contains("2 relay object(s)"),
        "{done}"
    );
    let pending: Vec<Value> = purged_records(&f.store)
        .into_iter()
        .filter(|r| r["deleted"].is_null())
        .collect();
    assert_eq!(pending.len(), 2);
    assert!(pending
        .iter()
        .any(|r| r["seq"].is_null() && r["kind"] == "reply"));
    let pushed = f.push(&relay);
    assert_eq!(
        pushed.matches("on the relay (tombstone leaf").count(),
        2,
        "{pushed}"
    );
    let pulled = f.pull(&relay);
    assert!(pulled.contains("log verified"), "{pulled}");
    assert!(purged_records(&f.store)
        .iter()
        .all(|r| r["seq"].is_u64() && r["leaf"].is_u64() && r["deleted"]["leaf"].is_u64()));

    // The relay deletes an object no one on the team purged: a loud alarm,
    // the store keeps its copy.
    let (status, _) = object_call(&f, &relay, "DELETE", &other);
    assert_eq!(status, 200);
    let out = cli(&[
        "pull",
        "--relay",
        &relay.url,
        "--token-file",
        s(&f.token),
        "--store",
        s(&f.store),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains("LOG ALARM log_unrequested_delete:") && stderr.contains(&other),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("WARNING: the relay deleted object {other}")));
    assert_eq!(
        files_naming(&f.store, &other).len(),
        2,
        "the store keeps its copy"
    );
    // Once the team purges it too, push confirms (the relay answers the same
    // tombstone) and pull is clean.
    cli_ok(&f.store_args(&alice, &["purge", &other], &["--yes"]));
    let pushed = f.push(&relay);
    assert!(
        pushed.contains(&format!("deleted report {other}")),
        "{pushed}"
    );
    let pulled = f.pull(&relay);
    assert!(pulled.contains("log verified"), "{pulled}");

    // The stopped relay's data holds nothing the protocol forbids.
    relay.stop();
    let out = cli(&["audit", "store", s(&f.data), "--team", s(&team), "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["summary"]["deleted"], 7, "{report:#}");
    assert_eq!(out.status.code(), Some(0));
}

/// An envelope-valid age body (PROTOCOL.md §2) of one X25519 stanza and a
/// 64 KiB padding bucket; not decryptable, which the relay cannot tell.
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

#[test]
fn a_relay_killed_during_deletions_keeps_each_object_whole_or_deleted_with_its_tombstone() {
    let f = Scratch::new();
    let team = example_team();
    let relay = Relay::start(&f.data, &team);
    create_token(&f.data, &f.token);
    let mut bodies = BTreeMap::new();
    for seed in 0..12u8 {
        let issued: Value = ureq::post(&format!("{}/api/pow", relay.url))
            .call()
            .unwrap()
            .into_json()
            .unwrap();
        let body = envelope(seed);
        let answer: Value = ureq::post(&format!("{}/api/reports", relay.url))
            .set("Whistlebox-Pow", &solve_pow(&issued))
            .send_bytes(&body)
            .unwrap()
            .into_json()
            .unwrap();
        bodies.insert(json_str(&answer, "id"), body);
    }
    // Delete them one after another from a thread; kill -9 the relay after
    // the fourth answer, wherever the fifth deletion then is.
    let ids: Vec<String> = bodies.keys().cloned().collect();
    let (url, auth) = (relay.url.clone(), format!("Bearer {}", token(&f)));
    let (tx, rx) = std::sync::mpsc::channel();
    let sender = std::thread::spawn(move || {
        for id in ids {
            let answer = ureq::delete(&format!("{url}/api/objects/{id}"))
                .set("Authorization", &auth)
                .call();
            if tx.send((id, answer.is_ok())).is_err() {
                break;
            }
        }
    });
    let mut confirmed = Vec::new();
    while let Ok((id, ok)) = rx.recv() {
        if !ok {
            break;
        }
        confirmed.push(id);
        if confirmed.len() == 4 {
            break;
        }
    }
    relay.kill9();
    drop(rx);
    sender.join().unwrap();
    assert_eq!(confirmed.len(), 4);

    // After a restart: every object is either whole (same bytes, no
    // tombstone) or deleted with exactly its tombstone; every confirmed
    // deletion is among the deleted.
    let relay = Relay::start(&f.data, &team);
    let leaves = log_leaves(&relay);
    let mut deleted = 0;
    for (id, body) in &bodies {
        let tombstones: Vec<&Leaf> = leaves
            .iter()
            .filter(|l| l.kind == LeafKind::Tombstone && hex::encode(l.id) == *id)
            .collect();
        let own: Vec<&Leaf> = leaves
            .iter()
            .filter(|l| l.kind == LeafKind::Report && hex::encode(l.id) == *id)
            .collect();
        assert_eq!(own.len(), 1, "{id}");
        let url = format!("{}/api/objects/{id}", relay.url);
        let got = ureq::get(&url)
            .set("Authorization", &format!("Bearer {}", token(&f)))
            .call();
        match got {
            Ok(resp) => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut resp.into_reader(), &mut bytes).unwrap();
                assert_eq!(&bytes, body, "{id} is whole");
                assert!(tombstones.is_empty(), "{id} is served but has a tombstone");
                assert!(
                    !confirmed.contains(id),
                    "a confirmed deletion was lost: {id}"
                );
            }
            Err(ureq::Error::Status(410, _)) => {
                assert_eq!(tombstones.len(), 1, "{id}");
                assert_eq!(*tombstones[0], own[0].tombstone());
                deleted += 1;
            }
            Err(e) => panic!("GET {url}: {e}"),
        }
    }
    assert!(deleted >= 4, "{deleted}");
    relay.stop();
    let out = cli(&["audit", "store", s(&f.data), "--team", s(&team), "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
}
