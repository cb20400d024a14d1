//! The investigators' workflow end to end (issue 8, PROTOCOL.md §11), with the
//! real relay on 127.0.0.1:0, the Node reporter client
//! (`web/scripts/submit.mjs`) and the real `whistlebox` binary on a real store:
//!
//! - the store at rest: after a whole working session (notes, assignment,
//!   labels, internal and reporter-facing status, a reply, `show`, `cases
//!   --search`, `history`, `overview`, `export`) no file under the store holds
//!   any of the plaintext; `overview` and `export` refuse to write inside it;
//! - two investigators share one store and see each other's changes, while an
//!   investigator the reporter excluded can read neither the report nor its
//!   state nor the replies to it;
//! - the `cases` filters return exactly the expected cases;
//! - `patterns` groups the reports naming one person however it is spelt;
//! - bad input is refused with a specific error and changes no byte.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use whistlebox_tests::path_str as s;
use whistlebox_tests::{
    cli, cli_ok, example_team, files_under, fixture_key, json_str, node_submit_ok,
    node_submit_with_codename, sha256_file, Relay, Scratch,
};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `whistlebox HEAD --store STORE -i KEY TAIL` (output not checked).
fn run(f: &Scratch, key: &Path, head: &[&str], tail: &[&str]) -> Output {
    cli(&f.store_args(key, head, tail))
}

/// Runs `whistlebox HEAD --store STORE -i KEY TAIL`, asserts success, returns stdout.
fn ok(f: &Scratch, key: &Path, head: &[&str], tail: &[&str]) -> String {
    cli_ok(&f.store_args(key, head, tail))
}

/// Runs a state-changing command (`note`, `assign`, `label`, `status`,
/// `reply`) with `--team` and asserts success.
fn change(f: &Scratch, key: &Path, head: &[&str], tail: &[&str]) -> String {
    let team = example_team();
    let mut args = vec!["--team", s(&team)];
    args.extend_from_slice(tail);
    ok(f, key, head, &args)
}

/// Like [`change`], without checking the outcome.
fn try_change(f: &Scratch, key: &Path, head: &[&str], tail: &[&str]) -> Output {
    let team = example_team();
    let mut args = vec!["--team", s(&team)];
    args.extend_from_slice(tail);
    run(f, key, head, &args)
}

/// The `cases --json` listing as `key` sees it, with `filters`.
fn cases_json(f: &Scratch, key: &Path, filters: &[&str]) -> Vec<Value> {
    let mut tail = vec!["--json"];
    tail.extend_from_slice(filters);
    json(&ok(f, key, &["cases"], &tail))
        .as_array()
        .expect("cases --json prints an array")
        .clone()
}

/// The sorted case ids of `cases --json FILTERS`.
fn ids(f: &Scratch, key: &Path, filters: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = cases_json(f, key, filters)
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect();
    out.sort();
    out
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    out.sort();
    out
}

/// The row of case `id` in a `cases --json` listing.
fn row(listed: &[Value], id: &str) -> Value {
    listed
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("case {id} not listed: {listed:?}"))
        .clone()
}

/// `history ID --json` as `key` sees it.
fn history(f: &Scratch, key: &Path, id: &str) -> Value {
    json(&ok(f, key, &["history", id], &["--json"]))
}

/// Every entry of the tree under `dir` (folders too), with each file's
/// SHA-256: equal maps mean not one byte, file or folder changed.
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("read_dir {}: {e}", d.display())) {
            let entry = entry.expect("dir entry");
            let path = entry.path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if entry.file_type().unwrap().is_dir() {
                out.insert(rel, "dir".to_owned());
                stack.push(path);
            } else {
                out.insert(rel, sha256_file(&path));
            }
        }
    }
    out
}

/// The event files `STORE/state/<case>/*.age` of one case.
fn state_files(store: &Path, case: &str) -> Vec<PathBuf> {
    let dir = store.join("state").join(case);
    if !dir.exists() {
        return Vec::new();
    }
    files_under(&dir)
}

/// The outbox `.age` files of one case.
fn outbox_ages(store: &Path, case: &str) -> Vec<PathBuf> {
    let dir = store.join("outbox");
    if !dir.exists() {
        return Vec::new();
    }
    files_under(&dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(case) && name.ends_with(".age")
        })
        .collect()
}

/// `whistlebox decrypt -i KEY FILE`.
fn decrypt(key: &Path, file: &Path) -> Output {
    cli(&["decrypt", "-i", s(key), s(file)])
}

/// Whether `needle` occurs in `hay`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Every (file, needle) pair where a needle occurs in a file under `dir`.
fn find_plaintext(dir: &Path, needles: &[(&str, Vec<u8>)]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files_under(dir) {
        let bytes = fs::read(&file).unwrap();
        for (what, needle) in needles {
            if contains(&bytes, needle) {
                found.push(format!("{what} in {}", file.display()));
            }
        }
    }
    found
}

/// `len` bytes of a pattern no other test or fixture produces: a counter
/// mixed with `seed`, so every 64-byte window is distinctive.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[i % 4] ^ seed)
        .collect()
}

/// Submits a plain report with `fields` (`key=value`) and `extra` flags; returns its id.
fn submit(relay: &Relay, fields: &[&str], extra: &[&str]) -> String {
    let mut args = vec!["--relay", relay.url.as_str()];
    for field in fields {
        args.extend(["--field", field]);
    }
    args.extend_from_slice(extra);
    json_str(&node_submit_ok(&args), "id")
}

/// Submits a report under a fresh codename (so it carries a reply key).
fn submit_answerable(relay: &Relay, fields: &[&str], extra: &[&str]) -> String {
    let mut args = Vec::new();
    for field in fields {
        args.extend(["--field", *field]);
    }
    args.extend_from_slice(extra);
    json_str(&node_submit_with_codename(relay, &args), "id")
}

#[test]
fn the_store_at_rest_holds_no_plaintext_after_a_working_session() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");

    // Three reports with distinctive plaintext, one with an attachment.
    let evidence = f.work.join("evidence-wbfile-k4m9.bin");
    let evidence_bytes = pattern(40_000, 0x5a);
    fs::write(&evidence, &evidence_bytes).unwrap();
    let one = submit_answerable(
        &relay,
        &[
            "category=sexual_harassment",
            "what=WBMARK-ALPHA-7Q3 he cornered me in the archive room",
            "people_reported=Zhang Wei, head of procurement",
            "where=WBPLACE-ANNEX-Y61",
        ],
        &["--attach", s(&evidence)],
    );
    let two = submit(
        &relay,
        &[
            "category=retaliation",
            "what=WBMARK-BRAVO-8R4 my shifts were cut after I complained",
            "people_reported=Marisol Okonkwo-Lindqvist (night manager)",
        ],
        &[],
    );
    let three = submit(
        &relay,
        &[
            "category=discrimination",
            "what=WBMARK-CHARLIE-9S5 passed over for promotion",
        ],
        &[],
    );
    let pulled = f.pull(&relay);
    assert!(pulled.contains("pulled 3 new objects"), "{pulled}");

    // A working session on the offline machine.
    let note = "WBNOTE-Kx81 interviewed the archivist, consistent account";
    change(&f, &alice, &["note", &one], &["--message", note]);
    change(&f, &alice, &["assign", &one, "bob"], &[]);
    change(
        &f,
        &alice,
        &["label", &one],
        &["--add", "wblabel-escalated-q7", "--add", "wblabel-legal-z2"],
    );
    let internal = "WBINTERNAL-Pq52 waiting for the rota records";
    change(
        &f,
        &alice,
        &["status", &two, "investigating"],
        &["--internal", "--note", internal],
    );
    let to_reporter = "WBSTATUS-Rv63 we have opened an investigation";
    change(
        &f,
        &alice,
        &["status", &one, "acknowledged"],
        &["--note", to_reporter],
    );
    let reply = "WBREPLY-Ts74 could you tell us the date?";
    let reply_file = f.work.join("wbreplyfile-h3.pdf");
    let reply_bytes = pattern(9_000, 0xa7);
    fs::write(&reply_file, &reply_bytes).unwrap();
    change(
        &f,
        &alice,
        &["reply", &one],
        &["--message", reply, "--attach", s(&reply_file)],
    );

    // Everything reads back, decrypted in memory.
    let shown = ok(&f, &alice, &["show", &one], &[]);
    for text in [
        "WBMARK-ALPHA-7Q3",
        "Zhang Wei",
        note,
        "wblabel-escalated-q7",
        "wblabel-legal-z2",
        "bob",
        "acknowledged",
    ] {
        assert!(shown.contains(text), "show lacks {text:?}:\n{shown}");
    }
    assert_eq!(
        ids(&f, &alice, &["--search", "wbmark-BRAVO-8r4"]),
        sorted(&[&two])
    );
    assert_eq!(
        ids(&f, &alice, &["--search", "wbnote-kx81"]),
        sorted(&[&one])
    );
    assert_eq!(
        ids(&f, &alice, &["--search", "waiting for the rota"]),
        sorted(&[&two])
    );
    // Every item of the thread (the unpushed reply and status too, §8.6) and
    // the attachment names are searched.
    for text in [
        "wbreply-ts74",
        "WBSTATUS-rv63",
        "evidence-wbfile-k4m9",
        "wbreplyfile-h3",
    ] {
        assert_eq!(
            ids(&f, &alice, &["--search", text]),
            sorted(&[&one]),
            "--search {text}"
        );
    }
    let h = history(&f, &alice, &one);
    assert_eq!(h["assignee"], "bob");
    assert_eq!(h["status"], "acknowledged");
    let notes: Vec<&Value> = h["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "note")
        .collect();
    assert_eq!(notes.len(), 1, "{h}");
    assert_eq!(notes[0]["text"], note);
    assert_eq!(notes[0]["by"], "alice");
    let h2 = history(&f, &alice, &two);
    assert_eq!(h2["status"], "investigating");
    assert!(h2.to_string().contains(internal), "{h2}");

    // Overview and export go outside the store.
    let overview = f.work.join("overview.html");
    let csv = f.work.join("cases.csv");
    ok(
        &f,
        &alice,
        &["overview"],
        &["--out", s(&overview), "--csv", s(&csv)],
    );
    assert!(overview.is_file() && csv.is_file());
    let csv_text = fs::read_to_string(&csv).unwrap();
    for id in [&one, &two, &three] {
        assert!(csv_text.contains(id.as_str()), "{csv_text}");
    }
    let exported = f.work.join("export");
    ok(
        &f,
        &alice,
        &["export"],
        &["--all", "--format", "html", "--out", s(&exported)],
    );

    // Each of these is plaintext the session handled.
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("marker one", b"WBMARK-ALPHA-7Q3".to_vec()),
        ("marker two", b"WBMARK-BRAVO-8R4".to_vec()),
        ("marker three", b"WBMARK-CHARLIE-9S5".to_vec()),
        ("place", b"WBPLACE-ANNEX-Y61".to_vec()),
        ("name Zhang Wei", b"Zhang Wei".to_vec()),
        ("name Okonkwo", b"Okonkwo".to_vec()),
        ("internal note", b"WBNOTE-Kx81".to_vec()),
        ("internal status note", b"WBINTERNAL-Pq52".to_vec()),
        ("reporter status note", b"WBSTATUS-Rv63".to_vec()),
        ("reply", b"WBREPLY-Ts74".to_vec()),
        ("label one", b"wblabel-escalated-q7".to_vec()),
        ("label two", b"wblabel-legal-z2".to_vec()),
        ("attachment name", b"evidence-wbfile-k4m9".to_vec()),
        ("reply attachment name", b"wbreplyfile-h3".to_vec()),
        ("attachment bytes", evidence_bytes[20_000..20_064].to_vec()),
        ("reply attachment bytes", reply_bytes[4_000..4_064].to_vec()),
        ("category one", b"sexual_harassment".to_vec()),
        ("category two", b"retaliation".to_vec()),
        ("category three", b"discrimination".to_vec()),
        ("assignee", b"\"to\"".to_vec()),
        ("event JSON", b"\"action\"".to_vec()),
    ];
    // The scan finds what is there: the export holds the report's plaintext
    // and the attachment, byte for byte.
    let in_export = find_plaintext(&exported, &needles);
    for what in [
        "marker one",
        "marker two",
        "name Zhang Wei",
        "attachment bytes",
        "category one",
    ] {
        assert!(
            in_export.iter().any(|x| x.starts_with(what)),
            "the scan misses {what} in the export: {in_export:?}"
        );
    }
    // The store: every file, every byte, none of it.
    let files = files_under(&f.store);
    assert!(
        files.len() >= 6 + 7 + 4,
        "3 objects (+meta), events, outbox items expected: {files:?}"
    );
    assert_eq!(
        state_files(&f.store, &one).len(),
        4,
        "note, assign, label, status"
    );
    assert_eq!(state_files(&f.store, &two).len(), 2, "status, note");
    assert!(state_files(&f.store, &three).is_empty());
    let leaked = find_plaintext(&f.store, &needles);
    assert!(
        leaked.is_empty(),
        "plaintext at rest in the store: {leaked:?}"
    );

    // Nothing in an event's size tells what changed: padded to 1 KiB steps.
    for file in state_files(&f.store, &one) {
        let out = decrypt(&alice, &file);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(out.stdout.len() % 1024, 0, "{}", file.display());
        let event = json(String::from_utf8_lossy(&out.stdout).trim_end());
        assert_eq!(event["case"], one.as_str());
        assert_eq!(event["v"], 1);
    }

    // Plaintext outputs pointed inside the store are refused and write nothing.
    let before = tree(&f.store);
    let refusals: [(&str, Vec<String>); 4] = [
        (
            "overview --out STORE/x.html",
            vec!["--out".into(), s(&f.store.join("overview.html")).into()],
        ),
        (
            "overview --out STORE/state/x.html",
            vec![
                "--out".into(),
                s(&f.store.join("state/overview.html")).into(),
            ],
        ),
        (
            "overview --csv STORE/x.csv",
            vec![
                "--out".into(),
                s(&f.work.join("second.html")).into(),
                "--csv".into(),
                s(&f.store.join("cases.csv")).into(),
            ],
        ),
        (
            "export --out STORE",
            vec![
                "--all".into(),
                "--format".into(),
                "md".into(),
                "--out".into(),
                s(&f.store).into(),
            ],
        ),
    ];
    for (what, tail) in &refusals {
        let cmd = if what.starts_with("overview") {
            "overview"
        } else {
            "export"
        };
        let tail: Vec<&str> = tail.iter().map(String::as_str).collect();
        let out = run(&f, &alice, &[cmd], &tail);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is inside the store"),
            "{what}: {}",
            stderr(&out)
        );
        assert_eq!(tree(&f.store), before, "{what} changed the store");
    }
    assert!(
        !f.work.join("second.html").exists(),
        "a refused overview wrote its HTML"
    );
    // An export into a new folder inside the store: see
    // `an_export_into_a_new_folder_inside_the_store_is_refused`.
    drop(relay);
}

#[test]
fn an_export_into_a_new_folder_inside_the_store_is_refused() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    submit(
        &relay,
        &["category=bullying", "what=WBMARK-DELTA-2J8 shouting"],
        &[],
    );
    f.pull(&relay);
    let before = tree(&f.store);
    let inside = f.store.join("exports");
    let out = run(
        &f,
        &alice,
        &["export"],
        &["--all", "--format", "md", "--out", s(&inside)],
    );
    let leaked = find_plaintext(&f.store, &[("marker", b"WBMARK-DELTA-2J8".to_vec())]);
    assert!(
        leaked.is_empty(),
        "plaintext written into the store: {leaked:?}"
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is inside the store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&f.store), before);
}

#[test]
fn two_investigators_share_a_store_and_an_excluded_one_reads_nothing() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let (alice, bob, carol) = (
        fixture_key("alice"),
        fixture_key("bob"),
        fixture_key("carol"),
    );

    let secret = submit_answerable(
        &relay,
        &[
            "category=sexual_assault",
            "what=WBMARK-ECHO-3K1 at the offsite",
        ],
        &["--exclude", "carol"],
    );
    let open = submit(
        &relay,
        &["category=bullying", "what=WBMARK-FOXTROT-6L2 insults"],
        &[],
    );
    f.pull(&relay);

    // The reporter's choice travels in the report.
    let shown = ok(&f, &alice, &["show", &secret], &[]);
    assert!(shown.contains("alice,bob"), "{shown}");

    // alice works on the case.
    change(
        &f,
        &alice,
        &["note", &secret],
        &["--message", "alice: WBNOTE-A1 spoke to HR"],
    );
    change(&f, &alice, &["assign", &secret, "bob"], &[]);
    change(&f, &alice, &["label", &secret], &["--add", "urgent"]);
    change(
        &f,
        &alice,
        &["status", &secret, "investigating"],
        &["--internal"],
    );

    // bob, on the same store, sees all of it.
    let shown = ok(&f, &bob, &["show", &secret], &[]);
    assert!(shown.contains("WBNOTE-A1 spoke to HR"), "{shown}");
    let h = history(&f, &bob, &secret);
    let events = h["history"].as_array().unwrap();
    assert_eq!(events.len(), 4, "{h}");
    assert_eq!(events[0]["action"], "note");
    assert_eq!(events[0]["by"], "alice");
    assert_eq!(events[0]["text"], "alice: WBNOTE-A1 spoke to HR");
    assert_eq!(h["hidden"], 0);
    assert_eq!(h["damaged"], 0);
    let listed = cases_json(&f, &bob, &[]);
    let r = row(&listed, &secret);
    assert_eq!(r["assignee"], "bob");
    assert_eq!(r["labels"], serde_json::json!(["urgent"]));
    assert_eq!(r["state"], "investigating");

    // bob's own changes are seen by alice.
    change(
        &f,
        &bob,
        &["note", &secret],
        &["--message", "bob: WBNOTE-B2 witness found"],
    );
    change(
        &f,
        &bob,
        &["label", &secret],
        &["--add", "witness", "--remove", "urgent"],
    );
    change(&f, &bob, &["assign", &secret, "alice"], &[]);
    let h = history(&f, &alice, &secret);
    let events = h["history"].as_array().unwrap();
    assert_eq!(events.len(), 7, "{h}");
    let bobs: Vec<&Value> = events.iter().filter(|e| e["by"] == "bob").collect();
    assert_eq!(bobs.len(), 3, "{h}");
    assert_eq!(bobs[0]["text"], "bob: WBNOTE-B2 witness found");
    assert_eq!(h["assignee"], "alice");
    assert_eq!(h["labels"], serde_json::json!(["witness"]));
    let r = row(&cases_json(&f, &alice, &[]), &secret);
    assert_eq!(r["assignee"], "alice");
    assert_eq!(r["labels"], serde_json::json!(["witness"]));

    // carol was excluded by the reporter: nothing of the case opens for her.
    for cmd in ["show", "history"] {
        let out = run(&f, &carol, &[cmd, &secret], &[]);
        assert_eq!(out.status.code(), Some(4), "{cmd}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("none of the given identities can decrypt"),
            "{cmd}: {}",
            stderr(&out)
        );
        assert!(!stdout(&out).contains("WBNOTE"), "{cmd}: {}", stdout(&out));
    }
    let r = row(&cases_json(&f, &carol, &[]), &secret);
    assert_eq!(r["status"], "not_addressed");
    assert_eq!(r["assignee"], Value::Null);
    assert_eq!(r["labels"], serde_json::json!([]));
    assert_eq!(r["category"], Value::Null);
    let events = state_files(&f.store, &secret);
    assert_eq!(events.len(), 7);
    for file in &events {
        let out = decrypt(&carol, file);
        assert_eq!(
            out.status.code(),
            Some(4),
            "carol opened {}",
            file.display()
        );
        assert!(out.stdout.is_empty());
        // The control: the same file opens for a case investigator.
        let out = decrypt(&bob, file);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            json(String::from_utf8_lossy(&out.stdout).trim_end())["case"],
            secret.as_str()
        );
    }

    // Nor can she change its state: every change is refused, nothing written.
    let before = tree(&f.store);
    for (head, tail) in [
        (
            vec!["note", secret.as_str()],
            vec!["--message", "carol was here"],
        ),
        (vec!["label", secret.as_str()], vec!["--add", "carol"]),
        (vec!["assign", secret.as_str(), "alice"], vec![]),
        (
            vec!["status", secret.as_str(), "closed"],
            vec!["--internal"],
        ),
    ] {
        let out = try_change(&f, &carol, &head, &tail);
        assert_eq!(out.status.code(), Some(4), "{head:?}: {}", stderr(&out));
        assert_eq!(
            tree(&f.store),
            before,
            "{head:?} by carol changed the store"
        );
    }

    // A report that does not exclude her: carol reads it and its state.
    change(
        &f,
        &alice,
        &["note", &open],
        &["--message", "WBNOTE-C3 for all three"],
    );
    change(&f, &alice, &["assign", &open, "carol"], &[]);
    let shown = ok(&f, &carol, &["show", &open], &[]);
    assert!(shown.contains("WBMARK-FOXTROT-6L2"), "{shown}");
    assert!(shown.contains("WBNOTE-C3 for all three"), "{shown}");
    let h = history(&f, &carol, &open);
    assert_eq!(h["assignee"], "carol");
    assert_eq!(h["history"].as_array().unwrap().len(), 2);
    for file in state_files(&f.store, &open) {
        assert!(decrypt(&carol, &file).status.success());
    }

    // The excluded case cannot be assigned to carol: refused by name, nothing written.
    let before = tree(&f.store);
    let out = try_change(&f, &alice, &["assign", &secret, "carol"], &[]);
    assert!(!out.status.success());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("carol cannot read case"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&f.store), before);

    // A reply and a status update to the excluded case: encrypted to the
    // reporter, alice and bob — not carol.
    let wrote = change(
        &f,
        &alice,
        &["reply", &secret],
        &["--message", "WBREPLY-D4 thank you"],
    );
    assert!(
        wrote.contains("the reporter and 2 investigators"),
        "{wrote}"
    );
    change(
        &f,
        &alice,
        &["status", &secret, "need_more_information"],
        &["--note", "WBSTATUS-E5 can you say when?"],
    );
    let sent = outbox_ages(&f.store, &secret);
    assert_eq!(sent.len(), 2, "{sent:?}");
    for file in &sent {
        let out = decrypt(&carol, file);
        assert_eq!(
            out.status.code(),
            Some(4),
            "carol opened {}",
            file.display()
        );
        assert!(decrypt(&bob, file).status.success());
        assert!(decrypt(&alice, file).status.success());
    }
    // The reporter-facing status event is in the state too, still closed to carol.
    let events = state_files(&f.store, &secret);
    assert_eq!(events.len(), 8);
    for file in &events {
        assert_eq!(decrypt(&carol, file).status.code(), Some(4));
    }
    assert_eq!(
        history(&f, &bob, &secret)["status"],
        "need_more_information"
    );
    drop(relay);
}

#[test]
fn cases_filters_return_exactly_the_expected_cases() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let (alice, carol) = (fixture_key("alice"), fixture_key("carol"));

    let a = submit(
        &relay,
        &[
            "category=bullying",
            "what=He reviews the Quarterly\n  Budget by shouting",
        ],
        &[],
    );
    let b = submit(&relay, &["category=retaliation", "what=demoted"], &[]);
    let c = submit(&relay, &["category=bullying", "what=name calling"], &[]);
    let d = submit(&relay, &["category=discrimination", "what=pay gap"], &[]);
    let e = submit(
        &relay,
        &["category=bullying", "what=excluded from meetings"],
        &["--exclude", "carol"],
    );
    f.pull(&relay);

    change(
        &f,
        &alice,
        &["status", &a, "investigating"],
        &["--internal"],
    );
    change(
        &f,
        &alice,
        &["label", &a],
        &["--add", "urgent", "--add", "hr"],
    );
    change(&f, &alice, &["assign", &a, "bob"], &[]);
    change(&f, &alice, &["status", &b, "closed"], &["--internal"]);
    change(&f, &alice, &["label", &b], &["--add", "urgent"]);
    change(&f, &alice, &["label", &c], &["--add", "hr"]);
    change(
        &f,
        &alice,
        &["note", &c],
        &["--message", "Met the witness from WAREHOUSE Seven"],
    );
    change(&f, &alice, &["assign", &e, "alice"], &[]);

    // Closed on the UTC day of the event that closed it.
    let closing = history(&f, &alice, &b)["history"][0].clone();
    assert_eq!(closing["state"], "closed");
    let day = &closing["at"].as_str().unwrap()[..10];
    assert_eq!(row(&cases_json(&f, &alice, &[]), &b)["closed_on"], day);
    assert_eq!(
        row(&cases_json(&f, &alice, &[]), &a)["closed_on"],
        Value::Null
    );

    let all = sorted(&[&a, &b, &c, &d, &e]);
    assert_eq!(ids(&f, &alice, &[]), all);
    let checks: Vec<(Vec<&str>, Vec<&String>)> = vec![
        (vec!["--status", "received"], vec![&c, &d, &e]),
        (vec!["--status", "investigating"], vec![&a]),
        (
            vec!["--status", "investigating", "--status", "closed"],
            vec![&a, &b],
        ),
        (vec!["--category", "bullying"], vec![&a, &c, &e]),
        (
            vec!["--category", "retaliation", "--category", "discrimination"],
            vec![&b, &d],
        ),
        (vec!["--label", "urgent"], vec![&a, &b]),
        (vec!["--label", "hr"], vec![&a, &c]),
        (vec!["--label", "urgent", "--label", "hr"], vec![&a]),
        (vec!["--label", "nonexistent"], vec![]),
        (vec!["--assignee", "bob"], vec![&a]),
        (vec!["--assignee", "alice"], vec![&e]),
        (vec!["--assignee", "none"], vec![&b, &c, &d]),
        // A field, case-insensitive, white space collapsed.
        (vec!["--search", "quarterly budget"], vec![&a]),
        (vec!["--search", "QUARTERLY   BUDGET BY"], vec![&a]),
        // An internal note.
        (vec!["--search", "warehouse seven"], vec![&c]),
        (vec!["--search", "no such words anywhere"], vec![]),
        // Filters combine: every one must pass.
        (
            vec!["--category", "bullying", "--label", "hr"],
            vec![&a, &c],
        ),
        (
            vec!["--status", "received", "--category", "bullying"],
            vec![&c, &e],
        ),
        (vec!["--assignee", "none", "--search", "witness"], vec![&c]),
    ];
    for (filters, expected) in &checks {
        let want: Vec<&str> = expected.iter().map(|s| s.as_str()).collect();
        assert_eq!(ids(&f, &alice, filters), sorted(&want), "cases {filters:?}");
    }

    // carol cannot read e: without a filter it is listed as not addressed,
    // with one it is left out.
    assert_eq!(ids(&f, &carol, &[]), all);
    assert_eq!(
        row(&cases_json(&f, &carol, &[]), &e)["status"],
        "not_addressed"
    );
    assert_eq!(
        ids(&f, &carol, &["--category", "bullying"]),
        sorted(&[&a, &c])
    );
    assert_eq!(
        ids(&f, &carol, &["--search", "excluded from meetings"]),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&f, &carol, &["--assignee", "none"]),
        sorted(&[&b, &c, &d])
    );

    // Unassigning moves a case back to `none`.
    change(&f, &alice, &["assign", &a], &["--none"]);
    assert_eq!(
        ids(&f, &alice, &["--assignee", "none"]),
        sorted(&[&a, &b, &c, &d])
    );
    assert!(ids(&f, &alice, &["--assignee", "bob"]).is_empty());
    drop(relay);
}

#[test]
fn patterns_group_the_reports_naming_one_person_however_spelt() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");

    let report = |name: &str| {
        submit(
            &relay,
            &[
                "category=bullying",
                "what=shouting in meetings",
                &format!("people_reported={name}"),
            ],
            &[],
        )
    };
    let same: Vec<String> = [
        "张伟",
        "Zhang Wei",
        "ZHANG  WEI",
        "Ｚｈａｎｇ Ｗｅｉ",
        "Wei Zhang (warehouse)",
    ]
    .iter()
    .map(|n| report(n))
    .collect();
    let zhang_wen = report("Zhang Wen");
    let li_wei: Vec<String> = ["Li Wei", "li wei, driver"]
        .iter()
        .map(|n| report(n))
        .collect();
    let nobody = submit(&relay, &["category=other", "what=no names"], &[]);
    f.pull(&relay);

    let found = json(&ok(&f, &alice, &["patterns"], &["--json"]));
    let groups = found.as_array().unwrap();
    let people: Vec<&Value> = groups.iter().filter(|g| g["kind"] == "person").collect();
    let cases_of = |g: &Value| -> Vec<String> {
        let mut c: Vec<String> = g["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        c.sort();
        c
    };
    let zhang = people
        .iter()
        .find(|g| cases_of(g).contains(&same[0]))
        .unwrap_or_else(|| panic!("no group for 张伟: {found}"));
    let same_refs: Vec<&str> = same.iter().map(String::as_str).collect();
    assert_eq!(cases_of(zhang), sorted(&same_refs), "{found}");
    let li = people
        .iter()
        .find(|g| cases_of(g).contains(&li_wei[0]))
        .unwrap_or_else(|| panic!("no group for Li Wei: {found}"));
    assert_eq!(cases_of(li), sorted(&[&li_wei[0], &li_wei[1]]), "{found}");
    assert_eq!(people.len(), 2, "{found}");
    for g in groups {
        let c = cases_of(g);
        assert!(!c.contains(&zhang_wen), "Zhang Wen grouped: {found}");
        assert!(!c.contains(&nobody), "{found}");
    }

    let text = ok(&f, &alice, &["patterns"], &[]);
    assert!(
        text.contains("5 independent reports name the person"),
        "{text}"
    );
    assert!(
        text.contains("2 independent reports name the person"),
        "{text}"
    );
    assert!(!text.contains(&zhang_wen), "{text}");
    // With --min 3 only the five-report group is left.
    let at_least_3 = json(&ok(&f, &alice, &["patterns"], &["--json", "--min", "3"]));
    let at_least_3 = at_least_3.as_array().unwrap();
    assert_eq!(at_least_3.len(), 1, "{at_least_3:?}");
    assert_eq!(cases_of(&at_least_3[0]), sorted(&same_refs));
    drop(relay);
}

/// One bad command: what it is, its command line (before and after
/// `--store … -i …`), the exit code and a part of the error it must print.
type BadInput<'a> = (&'a str, Vec<&'a str>, Vec<&'a str>, i32, &'a str);

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let case = submit(&relay, &["category=bullying", "what=mocking"], &[]);
    f.pull(&relay);
    // One good change first, so the state folder exists.
    change(&f, &alice, &["label", &case], &["--add", "ok-label"]);
    let before = tree(&f.store);
    assert!(before.keys().any(|p| p.starts_with("state")));

    let empty = f.work.join("empty.txt");
    fs::write(&empty, "").unwrap();
    let cases: Vec<BadInput> = vec![
        (
            "a label with a space and capitals",
            vec!["label", &case],
            vec!["--add", "Bad Label"],
            2,
            "`Bad Label` is not a label",
        ),
        (
            "an investigator not in the keyset",
            vec!["assign", &case, "nobody"],
            vec![],
            2,
            "`nobody` is not an investigator",
        ),
        (
            "an empty note",
            vec!["note", &case],
            vec!["--message", ""],
            2,
            "the internal note is empty",
        ),
        (
            "an empty note file",
            vec!["note", &case],
            vec!["--file", s(&empty)],
            2,
            "empty",
        ),
        (
            "an unknown case",
            vec!["note", "ffffffffffff"],
            vec!["--message", "hello"],
            1,
            "no case ffffffffffff in the store",
        ),
        (
            "an unknown case (assign)",
            vec!["assign", "ffffffffffff", "bob"],
            vec![],
            1,
            "no case ffffffffffff in the store",
        ),
        (
            "an unknown case (label)",
            vec!["label", "ffffffffffff"],
            vec!["--add", "fine"],
            1,
            "no case ffffffffffff in the store",
        ),
    ];
    for (what, head, tail, code, message) in &cases {
        let out = try_change(&f, &alice, head, tail);
        assert_eq!(out.status.code(), Some(*code), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{what}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{what}: {}", stdout(&out));
        assert_eq!(tree(&f.store), before, "{what} changed the store");
    }
    for (what, cmd) in [("show", "show"), ("history", "history")] {
        let out = run(&f, &alice, &[cmd, "ffffffffffff"], &[]);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no case ffffffffffff"),
            "{}",
            stderr(&out)
        );
    }
    // The state is what the one good change made.
    let h = history(&f, &alice, &case);
    assert_eq!(h["labels"], serde_json::json!(["ok-label"]));
    assert_eq!(h["history"].as_array().unwrap().len(), 1);
    assert_eq!(tree(&f.store), before);
    drop(relay);
}

#[test]
fn a_moved_event_is_damaged_for_its_readers_and_hidden_from_the_others() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let (alice, carol) = (fixture_key("alice"), fixture_key("carol"));
    let secret = submit(
        &relay,
        &["category=bullying", "what=not for carol"],
        &["--exclude", "carol"],
    );
    let open = submit(&relay, &["category=bullying", "what=for everyone"], &[]);
    f.pull(&relay);
    change(&f, &alice, &["assign", &secret, "bob"], &[]);
    change(&f, &alice, &["label", &open], &["--add", "kept"]);

    // Someone copies the excluded case's event into the open case's folder.
    let moved = state_files(&f.store, &secret).remove(0);
    let name = moved.file_name().unwrap().to_owned();
    fs::copy(&moved, f.store.join("state").join(&open).join(&name)).unwrap();

    // alice can open it, but it names another case: damaged, named, left out.
    let out = run(&f, &alice, &["history", &open], &["--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let h = json(&stdout(&out));
    assert_eq!(h["damaged"], 1, "{h}");
    assert_eq!(h["hidden"], 0, "{h}");
    assert_eq!(
        h["assignee"],
        Value::Null,
        "the moved assignment counted: {h}"
    );
    assert_eq!(h["labels"], serde_json::json!(["kept"]));
    assert_eq!(h["history"].as_array().unwrap().len(), 1);
    assert!(
        stderr(&out).contains(name.to_str().unwrap()) && stderr(&out).contains("damaged"),
        "{}",
        stderr(&out)
    );
    // carol cannot open it at all: hidden, counted, the rest still shows.
    let h = history(&f, &carol, &open);
    assert_eq!(h["hidden"], 1, "{h}");
    assert_eq!(h["damaged"], 0, "{h}");
    assert_eq!(h["labels"], serde_json::json!(["kept"]));
    // The original case is untouched.
    assert_eq!(history(&f, &alice, &secret)["assignee"], "bob");
    drop(relay);
}

#[test]
fn reading_commands_write_nothing_and_sizes_are_bounded() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let case = submit(
        &relay,
        &[
            "category=bullying",
            "what=loud",
            "people_reported=Zhang Wei",
        ],
        &[],
    );
    let other = submit(
        &relay,
        &["category=bullying", "what=loud", "people_reported=张伟"],
        &[],
    );
    f.pull(&relay);
    change(
        &f,
        &alice,
        &["note", &case],
        &["--message", "searchable note"],
    );
    let before = tree(&f.store);

    // Reading, searching, summarising: not a byte of the store changes
    // (no index, no cache, no plaintext).
    ok(&f, &alice, &["show", &case], &[]);
    ok(&f, &alice, &["show", &case], &["--json"]);
    ok(&f, &alice, &["history", &case], &[]);
    assert_eq!(
        ids(&f, &alice, &["--search", "SEARCHABLE note"]),
        sorted(&[&case])
    );
    ok(
        &f,
        &alice,
        &["cases"],
        &["--label", "x", "--assignee", "none"],
    );
    let found = ok(&f, &alice, &["patterns"], &[]);
    assert!(found.contains("2 independent reports"), "{found}");
    assert!(found.contains(&other), "{found}");
    ok(
        &f,
        &alice,
        &["overview"],
        &["--out", s(&f.work.join("o.html"))],
    );
    assert_eq!(tree(&f.store), before);

    // Bounds: a note of 32 768 bytes is fine, one byte more is refused; at
    // most 32 labels.
    let big = f.work.join("big.txt");
    fs::write(&big, "n".repeat(32_769)).unwrap();
    let out = try_change(&f, &alice, &["note", &case], &["--file", s(&big)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(tree(&f.store), before);
    let labels: Vec<String> = (0..33).map(|i| format!("l{i}")).collect();
    let mut tail = Vec::new();
    for l in &labels {
        tail.extend(["--add", l.as_str()]);
    }
    let out = try_change(&f, &alice, &["label", &case], &tail);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(tree(&f.store), before);
    fs::write(&big, "n".repeat(32_768)).unwrap();
    change(&f, &alice, &["note", &case], &["--file", s(&big)]);
    change(&f, &alice, &["label", &case], &tail[..64]);
    let h = history(&f, &alice, &case);
    assert_eq!(h["labels"].as_array().unwrap().len(), 32, "{h}");
    let notes = h["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "note")
        .count();
    assert_eq!(notes, 2);
    // A 33rd label on top of 32: see `a_33rd_label_on_a_full_case_is_refused`.
    drop(relay);
}

#[test]
fn a_33rd_label_on_a_full_case_is_refused() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let case = submit(&relay, &["category=bullying", "what=loud"], &[]);
    f.pull(&relay);
    let labels: Vec<String> = (0..32).map(|i| format!("l{i}")).collect();
    let mut tail = Vec::new();
    for l in &labels {
        tail.extend(["--add", l.as_str()]);
    }
    change(&f, &alice, &["label", &case], &tail);
    assert_eq!(
        history(&f, &alice, &case)["labels"]
            .as_array()
            .unwrap()
            .len(),
        32
    );
    let before = tree(&f.store);
    let out = try_change(&f, &alice, &["label", &case], &["--add", "one-more"]);
    let h = history(&f, &alice, &case);
    assert!(
        !stdout(&out).contains("+one-more") || h["labels"].to_string().contains("one-more"),
        "claimed a label that does not show: {} / {h}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("32"), "{}", stderr(&out));
    assert_eq!(tree(&f.store), before);
    drop(relay);
}

/// A retention policy reads the closing day from the case state (§11, §12.2):
/// a case closed with `status --internal` is selected once it has been closed
/// longer than its category keeps, an open one never; `--yes` removes its
/// objects and its encrypted state, and `cases` no longer lists it.
#[test]
fn a_policy_purges_a_case_closed_in_the_case_state() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let closed = submit(&relay, &["category=bullying", "what=closed one"], &[]);
    let open = submit(&relay, &["category=bullying", "what=still open"], &[]);
    f.pull(&relay);
    change(
        &f,
        &alice,
        &["status", &closed, "closed"],
        &["--internal", "--outcome", "resolved"],
    );
    change(
        &f,
        &alice,
        &["note", &open],
        &["--message", "keep this one"],
    );
    let closed_on = history(&f, &alice, &closed)["closed_on"]
        .as_str()
        .expect("closed_on")
        .to_string();
    assert_eq!(state_files(&f.store, &closed).len(), 1);

    let policy = f.work.join("retention.toml");
    fs::write(&policy, "[closed_after_days]\nbullying = 30\n").unwrap();
    let day = |offset: i64| {
        whistlebox::due::Day::parse(&closed_on)
            .unwrap()
            .add_days(offset)
            .to_string()
    };
    let select = |today: &str, yes: bool| {
        let mut tail = vec!["--policy", s(&policy), "--today", today, "--json"];
        if yes {
            tail.push("--yes");
        }
        let listed = json(&ok(&f, &alice, &["purge"], &tail));
        listed
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["case"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let before = tree(&f.store);
    assert!(
        select(&day(30), false).is_empty(),
        "30 days is not more than 30"
    );
    assert_eq!(select(&day(31), false), vec![closed.as_str()]);
    assert_eq!(tree(&f.store), before, "a dry run changed the store");

    assert_eq!(select(&day(31), true), vec![closed.as_str()]);
    assert!(state_files(&f.store, &closed).is_empty());
    assert!(!f.store.join("state").join(&closed).exists());
    let listed = ids(&f, &alice, &[]);
    assert_eq!(listed, vec![open.as_str()]);
    assert_eq!(state_files(&f.store, &open).len(), 1);
    drop(relay);
}
