//! The ciphertext path end to end: Node (typage + `web/src/container.js`)
//! encrypts a report to the example team and posts it to the real relay; the
//! CLI pulls, lists, shows and exports it; every team member can decrypt it.

use std::path::{Path, PathBuf};

use whistlebox_tests::path_str as s;
use whistlebox_tests::{
    cli, cli_ok, example_team, files_under, fixture_key, node_submit_ok, sha256_file, Relay,
    Scratch,
};

/// Deterministic, incompressible-looking test bytes.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut state: u32 = 0x9e37_79b9 ^ u32::from(seed);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn case_dir(out: &Path, id: &str) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("export folder exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().ends_with(id))
        .collect();
    assert_eq!(
        dirs.len(),
        1,
        "exactly one case folder for {id} in {out:?}: {dirs:?}"
    );
    dirs.into_iter().next().unwrap()
}

#[test]
fn node_report_reaches_every_investigator_and_exports_byte_identical() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());

    let evidence = f.work.join("evidence-photo.jpg");
    let chat = f.work.join("chat export.txt");
    std::fs::write(&evidence, pattern(300 * 1024 + 7, 1)).unwrap();
    std::fs::write(&chat, "10:02 him: come to my office\n10:05 me: no\n").unwrap();

    let answer = node_submit_ok(&[
        "--relay",
        &relay.url,
        "--field",
        "category=sexual_harassment",
        "--field",
        "what=He cornered me after the team meeting.",
        "--attach",
        s(&evidence),
        "--attach",
        s(&chat),
    ]);
    let id = answer["id"].as_str().expect("id").to_owned();
    let day = answer["day"].as_str().expect("day").to_owned();
    assert_eq!(id.len(), 32, "128-bit id in hex: {id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(day.len(), 10, "a day, not a time: {day}");
    assert_eq!(
        answer.as_object().unwrap().len(),
        2,
        "only id and day: {answer}"
    );

    f.pull(&relay);
    let again = f.pull(&relay);
    assert!(
        again.contains("no new objects"),
        "second pull fetches nothing new: {again}"
    );
    let stored: Vec<_> = files_under(&f.store.join("objects"));
    assert_eq!(stored.len(), 2, "one .age and one .json: {stored:?}");

    let alice = fixture_key("alice");
    let listing = cli_ok(&f.store_args(&alice, &["cases"], &["--json"]));
    let cases: serde_json::Value = serde_json::from_str(&listing).expect("cases --json");
    let cases = cases.as_array().expect("array");
    assert_eq!(cases.len(), 1, "{listing}");
    assert_eq!(cases[0]["id"], id.as_str());
    assert_eq!(cases[0]["day"], day.as_str());
    assert_eq!(cases[0]["category"], "sexual_harassment");
    assert_eq!(cases[0]["attachments"], 2);

    for who in ["alice", "bob", "carol"] {
        let shown = cli_ok(&f.store_args(&fixture_key(who), &["show", &id], &[]));
        assert!(
            shown.contains("He cornered me"),
            "{who} reads the report: {shown}"
        );
        assert!(
            shown.contains("evidence-photo.jpg"),
            "{who} sees attachments"
        );
    }

    for format in ["json", "md", "html"] {
        let out = f.work.join(format!("export-{format}"));
        cli_ok(&f.store_args(
            &alice,
            &["export", &id],
            &["--format", format, "--out", s(&out)],
        ));
        let case = case_dir(&out, &id);
        assert!(case.join("report.json").is_file());
        assert_eq!(
            sha256_file(&case.join("attachments/evidence-photo.jpg")),
            sha256_file(&evidence)
        );
        assert_eq!(
            sha256_file(&case.join("attachments/chat export.txt")),
            sha256_file(&chat)
        );
    }
    relay.stop();
}

#[test]
fn an_excluded_investigator_cannot_decrypt() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let answer = node_submit_ok(&["--relay", &relay.url, "--exclude", "carol"]);
    let id = answer["id"].as_str().unwrap().to_owned();
    f.pull(&relay);
    for who in ["alice", "bob"] {
        cli_ok(&f.store_args(&fixture_key(who), &["show", &id], &[]));
    }
    let carol = cli(&f.store_args(&fixture_key("carol"), &["show", &id], &[]));
    assert_eq!(carol.status.code(), Some(4), "exit code 4: cannot decrypt");
    let stderr = String::from_utf8_lossy(&carol.stderr);
    assert!(
        stderr.contains("error:") && stderr.contains("hint:"),
        "{stderr}"
    );
}

#[test]
fn a_report_acknowledged_before_kill_9_survives_restart() {
    let f = Scratch::new();
    let relay = Relay::start(&f.data, &example_team());
    let attachment = f.work.join("recording.m4a");
    std::fs::write(&attachment, pattern(2 * 1024 * 1024 + 3, 2)).unwrap();
    let answer = node_submit_ok(&["--relay", &relay.url, "--attach", s(&attachment)]);
    // SIGKILL immediately after the 201: no shutdown hook, no final flush.
    relay.kill9();

    let relay = f.start_relay(&example_team());
    f.pull(&relay);
    let id = answer["id"].as_str().unwrap();
    let out = f.work.join("export");
    cli_ok(&f.store_args(
        &fixture_key("bob"),
        &["export", id],
        &["--format", "json", "--out", s(&out)],
    ));
    assert_eq!(
        sha256_file(&case_dir(&out, id).join("attachments/recording.m4a")),
        sha256_file(&attachment),
        "the acknowledged report is intact after kill -9"
    );
    relay.stop();
}
