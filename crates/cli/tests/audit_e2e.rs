//! A clean relay after a whole end-to-end exchange passes all three audits
//! (docs/AUDITING.md): reports (one of two chunks), a follow-up, a reply and
//! a status, through the real relay binary, the page's Node client and the
//! investigator CLI — the false-positive guard of the metadata scan.

use whistlebox_tests::{
    cli, cli_ok, example_team, fixture_key, json_str, node_mailbox_ok, node_submit_ok,
    node_submit_with_codename, path_str, Scratch,
};

#[test]
fn a_relay_after_a_full_exchange_passes_all_three_audits() {
    let f = Scratch::new();
    let team = example_team();
    let relay = f.start_relay(&team);
    let reported = node_submit_with_codename(&relay, &["--field", "category=other"]);
    let codename = json_str(&reported, "codename");
    let case = json_str(&reported, "id");
    let evidence = f.work.join("evidence.bin");
    let bytes: Vec<u8> = (0..1_500_000u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&evidence, bytes).unwrap();
    node_submit_ok(&["--relay", &relay.url, "--attach", path_str(&evidence)]);
    node_mailbox_ok(&[
        "--relay",
        &relay.url,
        "--codename",
        &codename,
        "--followup-message",
        "One more thing, at 10:30 on Tuesday.",
    ]);
    f.pull(&relay);
    let alice = fixture_key("alice");
    cli_ok(&f.store_args(
        &alice,
        &["reply", &case],
        &["--team", path_str(&team), "--message", "Thank you."],
    ));
    cli_ok(&f.store_args(
        &alice,
        &["status", &case, "acknowledged", "--note", "Received."],
        &["--team", path_str(&team)],
    ));
    f.push(&relay);

    let site = cli(&["audit", "site", &relay.url, "--team", path_str(&team)]);
    let text = String::from_utf8_lossy(&site.stdout);
    assert_eq!(
        site.status.code(),
        Some(0),
        "{text}\n{}",
        String::from_utf8_lossy(&site.stderr)
    );

    // The log monitor, pinned from the relay's published key: 5 leaves.
    let key = std::process::Command::new(whistlebox_tests::bin("whistlebox-relay"))
        .args(["log-key", "--data", path_str(&f.data)])
        .output()
        .unwrap();
    assert!(key.status.success());
    let key_file = f.work.join("log.vkey");
    std::fs::write(&key_file, &key.stdout).unwrap();
    let monitor = f.work.join("monitor");
    let log = cli(&[
        "audit",
        "log",
        &relay.url,
        "--state",
        path_str(&monitor),
        "--log-key",
        path_str(&key_file),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&log.stdout).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(log.status.code(), Some(0));
    assert_eq!(report["summary"]["size"], 5);
    relay.stop();

    let out = cli(&[
        "audit",
        "store",
        path_str(&f.data),
        "--team",
        path_str(&team),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(out.status.code(), Some(0));
    let summary = &report["summary"];
    assert_eq!(summary["objects"], 5);
    assert_eq!(
        summary["kinds"],
        serde_json::json!({"report": 2, "followup": 1, "reply": 1, "status": 1})
    );
    assert_eq!(summary["mailboxes"], 1);
    assert_eq!(summary["tokens"], 1);
}
