//! `whistlebox audit log` against the real relay binary (docs/AUDITING.md,
//! PROTOCOL.md §10): a clean log passes twice; a rolled-back log, a forked
//! history and a checkpoint signed by another key are named findings, and the
//! remembered checkpoint is then left as it was.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use whistlebox_tests::{cli, example_team, node_submit_ok, path_str, Relay, Scratch};

fn submit(relay: &Relay, n: usize) {
    for _ in 0..n {
        node_submit_ok(&["--relay", &relay.url, "--field", "category=other"]);
    }
}

fn audit_log(relay: &Relay, state: &Path, extra: &[&str]) -> (Output, Value) {
    let mut args = vec![
        "audit",
        "log",
        &relay.url,
        "--state",
        path_str(state),
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = cli(&args);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, report)
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn copy_dir(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success());
}

fn replace_dir(with: &Path, dir: &Path) {
    std::fs::remove_dir_all(dir).unwrap();
    copy_dir(with, dir);
}

#[test]
fn a_clean_log_passes_and_a_rollback_a_fork_and_another_key_are_found() {
    let f = Scratch::new();
    let team = example_team();
    let state = f.work.join("monitor");
    let relay = Relay::start(&f.data, &team);
    submit(&relay, 2);

    // First run: the key is pinned from the relay, with a warning.
    let (out, report) = audit_log(&relay, &state, &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(report["audit"], "log");
    assert_eq!(report["summary"]["size"], 2);
    assert_eq!(report["summary"]["key_from"], "relay");
    assert_eq!(report["summary"]["leaves"], 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("trusting the log key"));
    assert!(state.join("vkey").is_file() && state.join("checkpoint").is_file());

    // The data directory as it was at 2 leaves, for the rollback and the fork.
    let relay_stopped = relay.stop();
    drop(relay_stopped);
    let old = f.work.join("data-at-2");
    copy_dir(&f.data, &old);
    let relay = Relay::start(&f.data, &team);
    submit(&relay, 2);

    // Second run: consistent with the remembered checkpoint.
    let (out, report) = audit_log(&relay, &state, &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(report["summary"]["previous_size"], 2);
    assert_eq!(report["summary"]["size"], 4);
    assert_eq!(report["summary"]["key_from"], "state");
    assert_eq!(report["checks"].as_array().unwrap().len(), 4);
    let remembered = std::fs::read(state.join("checkpoint")).unwrap();

    // Rolled back: the relay restarted on the copy of 2 leaves.
    relay.stop();
    replace_dir(&old, &f.data);
    let relay = Relay::start(&f.data, &team);
    let (out, report) = audit_log(&relay, &state, &[]);
    assert_eq!(codes(&report), ["log_rollback"], "{report:#}");
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(std::fs::read(state.join("checkpoint")).unwrap(), remembered);

    // Forked: other reports on the old copy, until the log is longer than
    // the remembered one; its first 4 leaves are not the ones seen.
    submit(&relay, 3);
    let (out, report) = audit_log(&relay, &state, &[]);
    assert_eq!(codes(&report), ["log_inconsistent"], "{report:#}");
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(report["summary"]["size"], 5);
    assert_eq!(std::fs::read(state.join("checkpoint")).unwrap(), remembered);
    relay.stop();

    // Another key: a relay on a fresh data directory signs with its own.
    let other = Scratch::new();
    let relay = Relay::start(&other.data, &team);
    let (out, report) = audit_log(&relay, &state, &[]);
    assert_eq!(codes(&report), ["log_signature"], "{report:#}");
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(std::fs::read(state.join("checkpoint")).unwrap(), remembered);

    // Its key given as --log-key against the pinned one: refused (exit 1).
    let key = Command::new(whistlebox_tests::bin("whistlebox-relay"))
        .args(["log-key", "--data", path_str(&other.data)])
        .output()
        .unwrap();
    assert!(key.status.success());
    let key_file = f.work.join("other.vkey");
    std::fs::write(&key_file, &key.stdout).unwrap();
    let (out, _) = audit_log(&relay, &state, &["--log-key", path_str(&key_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("differs from the key pinned"));

    // The same key pins a new monitor from the file, without a warning.
    let fresh = f.work.join("monitor-2");
    let (out, report) = audit_log(&relay, &fresh, &["--log-key", path_str(&key_file)]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(report["summary"]["key_from"], "file");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("trusting"));
    relay.stop();
}
