//! The follow-up mailbox end to end (PROTOCOL.md §8), with the real relay on
//! 127.0.0.1:0, the Node reporter client (`web/scripts/submit.mjs`,
//! `web/scripts/mailbox.mjs`, typage) and the `whistlebox` CLI:
//!
//! a report with a codename → `pull` → `reply` + `status` written offline into
//! the outbox → `push` → the reporter reads both with the codename alone and
//! sends a follow-up with an attachment → `pull` again → `show` prints the
//! thread once, in order, and the attachment comes out byte-identical; `cases
//! --due` follows the answers. Also: a refused item stops `push` and leaves the
//! later ones unsent; `push` resumes and never sends an item twice.

use std::fs;
use std::path::Path;

use serde_json::Value;
use whistlebox_core::team::Keyset;
use whistlebox_tests::path_str as s;
use whistlebox_tests::{
    cli, cli_ok, example_team, fixture_key, json_str, node_mailbox_ok, node_submit_ok,
    node_submit_with_codename, read_mailbox, sha256_file, Scratch,
};

fn fingerprint() -> String {
    Keyset::from_toml(&fs::read_to_string(example_team()).unwrap())
        .unwrap()
        .fingerprint()
}

/// The outbox files, sorted by name.
fn outbox_files(store: &Path) -> Vec<String> {
    let dir = store.join("outbox");
    if !dir.exists() {
        return Vec::new();
    }
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn outbox_meta(store: &Path, stem: &str) -> Value {
    serde_json::from_slice(&fs::read(store.join(format!("outbox/{stem}.json"))).unwrap()).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The `cases --due --json` rows for `today`.
fn due(f: &Scratch, key: &Path, today: &str) -> Vec<Value> {
    let out = cli_ok(&f.store_args(key, &["cases"], &["--due", "--today", today, "--json"]));
    json(&out).as_array().unwrap().clone()
}

/// The `cases --json` rows as `key` sees them.
fn cases_json(f: &Scratch, key: &Path) -> Value {
    json(&cli_ok(&f.store_args(key, &["cases"], &["--json"])))
}

/// The row of case `id` in a `cases --json` listing.
fn case_row(listed: &Value, id: &str) -> Value {
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
        .clone()
}

/// A UTC day `n` days after `day` (`YYYY-MM-DD`), by the CLI's own rules.
fn plus_days(day: &str, n: i64) -> String {
    whistlebox::due::Day::parse(day)
        .unwrap()
        .add_days(n)
        .to_string()
}

#[test]
fn reporter_and_team_talk_through_the_mailbox() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let team = example_team();

    // The reporter files a report under a fresh codename; someone else files
    // a scripted report without one.
    let answer = node_submit_with_codename(
        &relay,
        &[
            "--field",
            "category=bullying",
            "--field",
            "what=My team lead mocks me in every meeting.",
        ],
    );
    let case = json_str(&answer, "id");
    let received = json_str(&answer, "day");
    let codename = json_str(&answer, "codename");
    let plain = node_submit_ok(&["--relay", &relay.url, "--field", "category=other"]);
    let plain_id = json_str(&plain, "id");

    let pulled = f.pull(&relay);
    assert!(pulled.contains("pulled 2 new objects"), "{pulled}");
    // The inbox's "mailbox" flag is kept beside the object.
    let meta = |id: &str| -> Value {
        let dir = f.store.join("objects");
        let path = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(&format!("{id}.json")))
            .unwrap();
        serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
    };
    assert_eq!(meta(&case)["mailbox"], Value::Bool(true));
    assert_eq!(meta(&plain_id)["mailbox"], Value::Bool(false));

    // Nothing answered yet: on day 8 the acknowledgement is missed.
    let day8 = plus_days(&received, 8);
    let rows = due(&f, &alice, &day8);
    let ack: Vec<&Value> = rows
        .iter()
        .filter(|r| r["case"] == case.as_str() && r["deadline"] == "acknowledgement")
        .collect();
    assert_eq!(ack.len(), 1, "{rows:?}");
    assert_eq!(ack[0]["standing"], "missed");
    assert_eq!(ack[0]["due"], plus_days(&received, 7));

    // A report without a reply key cannot be answered, and nothing is written.
    let out = cli(&f.store_args(
        &alice,
        &["reply", &plain_id],
        &["--team", s(&team), "--message", "Hello?"],
    ));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("carries no reply key"), "{stderr}");
    assert!(outbox_files(&f.store).is_empty());
    // Neither does a case that does not exist.
    let out = cli(&f.store_args(
        &alice,
        &["status", "ffff", "received", "--note", "x"],
        &["--team", s(&team)],
    ));
    assert_eq!(out.status.code(), Some(1));
    assert!(outbox_files(&f.store).is_empty());

    // The team answers offline: a reply with an attachment, then a status.
    let letter = f.work.join("next steps.txt");
    fs::write(&letter, "1. Interview\n2. Decision\n").unwrap();
    let reply_text = "Thank you. We have started; you can add anything here.";
    let wrote = cli_ok(&f.store_args(
        &alice,
        &["reply", &case[..8]],
        &[
            "--team",
            s(&team),
            "--message",
            reply_text,
            "--attach",
            s(&letter),
            "--locale",
            "en",
        ],
    ));
    assert!(wrote.contains(&fingerprint()), "{wrote}");
    assert!(
        wrote.contains(&format!("wrote reply 1 of case {case}")),
        "{wrote}"
    );
    assert!(!wrote.contains(&codename));
    cli_ok(&f.store_args(
        &alice,
        &[
            "status",
            &case,
            "acknowledged",
            "--note",
            "Your report is with the investigation team.",
        ],
        &["--team", s(&team)],
    ));
    let first = format!("{case}-0001");
    let second = format!("{case}-0002");
    assert_eq!(
        outbox_files(&f.store),
        [
            format!("{first}.age"),
            format!("{first}.json"),
            format!("{second}.age"),
            format!("{second}.json"),
        ]
    );
    let m = outbox_meta(&f.store, &first);
    assert_eq!(m["case"], case.as_str());
    assert_eq!(m["n"], 1);
    assert_eq!(m["kind"], "reply");
    assert_eq!(m["pushed"], Value::Null);
    assert_eq!(outbox_meta(&f.store, &second)["kind"], "status");

    // Before the push, the thread shows both as not yet pushed, and the
    // deadline is still missed (the relay does not have them).
    let shown = cli_ok(&f.store_args(&alice, &["show", &case], &[]));
    assert_eq!(shown.matches("not yet pushed").count(), 2, "{shown}");
    assert!(shown.contains(reply_text));
    let rows = due(&f, &alice, &day8);
    assert!(
        rows.iter()
            .any(|r| r["case"] == case.as_str() && r["standing"] == "missed"),
        "{rows:?}"
    );
    let listed = cases_json(&f, &alice);
    let row = case_row(&listed, &case);
    assert_eq!(row["items"], 3);
    assert_eq!(row["unpushed"], 2);
    assert_eq!(row["state"], "acknowledged");

    // Push sends both, in order, and records the relay's answers.
    let pushed = f.push(&relay);
    assert!(pushed.contains("pushed reply 1"), "{pushed}");
    assert!(pushed.contains("pushed status 2"), "{pushed}");
    let reply_id = outbox_meta(&f.store, &first)["pushed"]["id"]
        .as_str()
        .expect("pushed.id recorded")
        .to_string();
    assert_eq!(reply_id.len(), 32);
    assert!(outbox_meta(&f.store, &second)["pushed"]["day"].is_string());
    // A second push has nothing to send.
    let again = f.push(&relay);
    assert!(again.contains("nothing to push"), "{again}");

    // The reporter reads both with the codename alone.
    let mailbox = read_mailbox(&relay, &codename);
    let items = mailbox["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{mailbox}");
    assert_eq!(items[0]["kind"], "reply");
    assert_eq!(items[0]["id"], reply_id.as_str());
    assert_eq!(items[0]["fields"]["message"], reply_text);
    assert_eq!(items[0]["attachments"][0]["name"], "next steps.txt");
    assert_eq!(items[0]["attachments"][0]["sha256"], sha256_file(&letter));
    assert_eq!(items[1]["kind"], "status");
    assert_eq!(items[1]["fields"]["state"], "acknowledged");
    assert_eq!(
        items[1]["fields"]["note"],
        "Your report is with the investigation team."
    );

    // ...and answers with a follow-up and a photo.
    let photo = f.work.join("screenshot.png");
    let photo_bytes: Vec<u8> = (0..150_000u32).map(|i| (i * 7 % 251) as u8).collect();
    fs::write(&photo, &photo_bytes).unwrap();
    let sent = node_mailbox_ok(&[
        "--relay",
        &relay.url,
        "--codename",
        &codename,
        "--followup-message",
        "Here is the chat where he mocks me.",
        "--attach",
        s(&photo),
    ]);
    let followup_id = json_str(&sent, "id");

    let pulled = f.pull(&relay);
    assert!(pulled.contains("pulled 3 new objects"), "{pulled}");

    // Still two cases: the answers and the follow-up are in the thread.
    let listed = cases_json(&f, &alice);
    let rows = listed.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{listed}");
    let row = rows.iter().find(|r| r["id"] == case.as_str()).unwrap();
    assert_eq!(row["items"], 4);
    assert_eq!(row["unpushed"], 0);
    assert_eq!(row["state"], "acknowledged");
    assert_eq!(row["orphan"], false);

    // The thread, in order, each answer once (pulled and pushed are one).
    let shown = cli_ok(&f.store_args(&alice, &["show", &followup_id], &[]));
    let at = |needle: &str| {
        shown
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in:\n{shown}"))
    };
    assert!(at(&format!("case        {case}")) < at("My team lead mocks me"));
    assert!(at("My team lead mocks me") < at("2. reply · "));
    assert!(at("2. reply · ") < at("3. status · "));
    assert!(at("3. status · ") < at("4. followup · "));
    assert!(shown.contains("4. followup · ") && shown.contains("from the reporter"));
    assert_eq!(shown.matches(reply_text).count(), 1, "{shown}");
    assert!(shown.contains(&format!("pushed as {reply_id}")), "{shown}");
    assert!(!shown.contains("not yet pushed"));
    assert!(shown.contains("Here is the chat where he mocks me."));
    assert!(!shown.contains(&codename));

    let thread = json(&cli_ok(&f.store_args(
        &alice,
        &["show", &case],
        &["--json"],
    )));
    let kinds: Vec<&str> = thread["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["report", "reply", "status", "followup"]);
    assert_eq!(thread["items"][1]["from"], "team");
    assert_eq!(thread["items"][3]["from"], "reporter");
    assert_eq!(
        thread["items"][3]["manifest"]["attachments"][0]["sha256"],
        sha256_file(&photo)
    );

    // Any id of the thread exports the whole case into the report's folder:
    // the answers and the follow-up after the report, in order, every
    // attachment byte-identical in the one attachments/ folder.
    for format in ["json", "md", "html"] {
        let out_dir = f.work.join(format!("export-{format}"));
        let said = cli_ok(&f.store_args(
            &alice,
            &["export", &followup_id],
            &["--format", format, "--out", s(&out_dir)],
        ));
        assert!(
            said.starts_with(&format!(
                "exported case {case} and 3 later items (2 attachments)"
            )),
            "{said}"
        );
        let folder = out_dir.join(format!("{received}-{case}"));
        assert_eq!(
            whistlebox_tests::files_under(&out_dir).len(),
            if format == "json" { 3 } else { 4 },
            "report.json, [report.{format},] two attachments"
        );
        assert_eq!(
            fs::read(folder.join("attachments/screenshot.png")).unwrap(),
            photo_bytes
        );
        assert_eq!(
            sha256_file(&folder.join("attachments/next steps.txt")),
            sha256_file(&letter)
        );
        let report = json(&fs::read_to_string(folder.join("report.json")).unwrap());
        assert_eq!(report["case"]["id"], case.as_str());
        assert_eq!(report["attachments"], Value::Array(vec![]));
        let thread = report["thread"].as_array().unwrap();
        let kinds: Vec<(&str, &str)> = thread
            .iter()
            .map(|i| (i["kind"].as_str().unwrap(), i["from"].as_str().unwrap()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("reply", "team"),
                ("status", "team"),
                ("followup", "reporter")
            ]
        );
        assert_eq!(thread[0]["object"]["id"], reply_id.as_str());
        assert_eq!(thread[0]["outbox"]["file"], format!("outbox/{first}.age"));
        assert_eq!(thread[0]["outbox"]["pushed"]["id"], reply_id.as_str());
        assert_eq!(thread[0]["manifest"]["fields"]["message"], reply_text);
        assert_eq!(
            thread[0]["attachments"][0]["path"],
            "attachments/next steps.txt"
        );
        assert_eq!(thread[1]["manifest"]["fields"]["state"], "acknowledged");
        assert_eq!(thread[2]["object"]["id"], followup_id.as_str());
        assert_eq!(
            thread[2]["attachments"][0]["path"],
            "attachments/screenshot.png"
        );
        assert_eq!(thread[2]["attachments"][0]["sha256"], sha256_file(&photo));
        let rendered = match format {
            "md" => fs::read_to_string(folder.join("report.md")).unwrap(),
            "html" => fs::read_to_string(folder.join("report.html")).unwrap(),
            _ => continue,
        };
        let at = |needle: &str| {
            rendered
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} not in:\n{rendered}"))
        };
        assert!(at("My team lead mocks me") < at("2. reply · "));
        assert!(at("2. reply · ") < at("3. status · "));
        assert!(at("3. status · ") < at("4. followup · "));
        assert!(at("4. followup · ") < at("screenshot.png"));
        assert!(rendered.contains(&format!("pushed as {reply_id}")));
        assert!(!rendered.contains(&codename));
    }

    // Deadlines: the acknowledgement is met; feedback ("acknowledged" is not
    // feedback) comes near three months on, and an "investigating" status
    // meets it once pushed.
    assert!(due(&f, &alice, &day8)
        .iter()
        .all(|r| r["case"] != case.as_str()));
    let feedback_due = whistlebox::due::Deadline::Feedback
        .due(whistlebox::due::Day::parse(&received).unwrap())
        .to_string();
    let near = due(&f, &alice, &plus_days(&feedback_due, -2));
    let ours: Vec<&Value> = near.iter().filter(|r| r["case"] == case.as_str()).collect();
    assert_eq!(ours.len(), 1, "{near:?}");
    assert_eq!(ours[0]["deadline"], "feedback");
    assert_eq!(ours[0]["standing"], "near");
    assert_eq!(ours[0]["days"], 2);
    cli_ok(&f.store_args(
        &alice,
        &[
            "status",
            &case,
            "investigating",
            "--note",
            "Interviews are planned.",
        ],
        &["--team", s(&team)],
    ));
    // Written but not pushed: not met yet.
    assert!(due(&f, &alice, &plus_days(&feedback_due, -2))
        .iter()
        .any(|r| r["case"] == case.as_str()));
    f.push(&relay);
    assert!(due(&f, &alice, &plus_days(&feedback_due, 30))
        .iter()
        .all(|r| r["case"] != case.as_str()));

    relay.stop();
}

#[test]
fn push_stops_at_a_refused_item_and_resumes() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let alice = fixture_key("alice");
    let team = example_team();
    let answer = node_submit_with_codename(&relay, &[]);
    let case = json_str(&answer, "id");
    let codename = json_str(&answer, "codename");
    let push = || f.push_output(&relay);
    f.pull(&relay);
    // The first answer is large, so a relay that refuses it before reading
    // the body closes the connection mid-upload: push must still name the
    // refusal (see push::diagnose).
    let big = f.work.join("records.bin");
    fs::write(&big, vec![0x5a; 3 << 20]).unwrap();
    for (text, attach) in [("First answer.", Some(&big)), ("Second answer.", None)] {
        let mut args = vec![
            "reply",
            &case,
            "--store",
            s(&f.store),
            "-i",
            s(&alice),
            "--team",
            s(&team),
            "--message",
            text,
        ];
        if let Some(path) = attach {
            args.extend(["--attach", s(path)]);
        }
        cli_ok(&args);
    }
    // An item for a case the relay does not hold, sorted before the others.
    let ghost = "0".repeat(32);
    let outbox = f.store.join("outbox");
    fs::copy(
        outbox.join(format!("{case}-0001.age")),
        outbox.join(format!("{ghost}-0001.age")),
    )
    .unwrap();
    let mut m = outbox_meta(&f.store, &format!("{case}-0001"));
    m["case"] = Value::String(ghost.clone());
    fs::write(
        outbox.join(format!("{ghost}-0001.json")),
        serde_json::to_vec(&m).unwrap(),
    )
    .unwrap();

    let out = push();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "refused outbox item {ghost}-0001 (reply) with 404"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("not_found"), "{stderr}");
    assert!(stderr.contains("2 later item(s) were not sent"), "{stderr}");
    for n in ["0001", "0002"] {
        assert_eq!(
            outbox_meta(&f.store, &format!("{case}-{n}"))["pushed"],
            Value::Null
        );
    }
    // Nothing reached the reporter.
    let mailbox = read_mailbox(&relay, &codename);
    assert_eq!(mailbox["items"], Value::Array(vec![]));

    // The investigator removes the bad item; push resumes with the rest.
    fs::remove_file(outbox.join(format!("{ghost}-0001.age"))).unwrap();
    fs::remove_file(outbox.join(format!("{ghost}-0001.json"))).unwrap();
    let out = push();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("pushed 2 outbox items"), "{stdout}");
    let ids: Vec<String> = ["0001", "0002"]
        .iter()
        .map(|n| {
            outbox_meta(&f.store, &format!("{case}-{n}"))["pushed"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    // A third push sends nothing: the reporter sees each answer once, in order.
    let out = push();
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing to push"));
    let mailbox = read_mailbox(&relay, &codename);
    let items = mailbox["items"].as_array().unwrap();
    let got: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap(),
                i["fields"]["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (ids[0].as_str(), "First answer."),
            (ids[1].as_str(), "Second answer.")
        ]
    );
    relay.stop();
}

/// A valid codename that no report was filed under: seven random words of the
/// list (PROTOCOL.md §7.1).
fn unused_codename() -> String {
    use rand::Rng;
    let words = whistlebox_core::codename::wordlist();
    let mut rng = rand::thread_rng();
    (0..7)
        .map(|_| words[rng.gen_range(0..words.len())])
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn orphan_followup_is_a_case_of_its_own_and_can_be_answered() {
    let f = Scratch::new();
    let relay = f.start_relay(&example_team());
    let bob = fixture_key("bob");
    let team = example_team();
    node_submit_with_codename(&relay, &[]);
    // A reporter mistypes their codename into another valid one: the relay
    // files the follow-up anyway (no oracle), under a mailbox without a report.
    let codename = unused_codename();
    let sent = node_mailbox_ok(&[
        "--relay",
        &relay.url,
        "--codename",
        &codename,
        "--followup-message",
        "I reported last week; nobody answered.",
    ]);
    let orphan = json_str(&sent, "id");
    let pull = || f.pull(&relay);
    pull();
    let listed = cases_json(&f, &bob);
    let rows = listed.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{listed}");
    let row = rows.iter().find(|r| r["id"] == orphan.as_str()).unwrap();
    assert_eq!(row["orphan"], true);
    assert_eq!(row["kind"], "followup");
    let table = cli_ok(&f.store_args(&bob, &["cases"], &[]));
    assert!(table.contains("(a followup without its report)"), "{table}");
    let shown = cli_ok(&f.store_args(&bob, &["show", &orphan], &[]));
    assert!(
        shown.starts_with("(a followup without its report"),
        "{shown}"
    );

    // The team answers the orphan; the relay files the reply in its mailbox.
    cli_ok(&f.store_args(
        &bob,
        &["reply", &orphan],
        &[
            "--team",
            s(&team),
            "--message",
            "We could not find your report. Please describe it again here.",
        ],
    ));
    f.push(&relay);
    let mailbox = read_mailbox(&relay, &codename);
    let items = mailbox["items"].as_array().unwrap();
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["followup", "reply"], "{mailbox}");
    assert_eq!(
        items[1]["fields"]["message"],
        "We could not find your report. Please describe it again here."
    );
    pull();
    let listed = cases_json(&f, &bob);
    let row = case_row(&listed, &orphan);
    assert_eq!(row["items"], 2);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    relay.stop();
}
