//! Case management at scale (issue 8), through the real release binary, on
//! a store of 1 000 reports (X25519 team, 3 investigators) each with 6
//! encrypted case-state events (PROTOCOL.md §11):
//! - `cases --json` (every manifest and every event decrypted and folded);
//! - `cases --search` (the same, plus a search of all decrypted text);
//! - `note` (one change: the case is found among all threads first);
//! - `patterns --json` and `overview --out` (everything, in memory).
//!
//! Run: `cargo build --release --bins && cargo bench -p whistlebox-tests --bench casework`.
//! Prints a Markdown table for `docs/BENCHMARKS.md`. Not a test.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::RngCore;
use whistlebox::casestate::{Action, Event, StateDir};
use whistlebox::store::Store;
use whistlebox_core::report::{self, Kind, Manifest};
use whistlebox_tests::{bin, example_team, fixture_key};

const CASES: u64 = 1_000;
const EVENTS: usize = 6;
const NAMES: [&str; 8] = [
    "Zhang Wei (Sales)",
    "张伟",
    "ZHANG WEI, team lead",
    "Li Na (Finance team)",
    "Chris Lee",
    "Wei Zhang",
    "Ｚｈａｎｇ Ｗｅｉ",
    "Maria Garcia - Logistics",
];

fn time(mut command: Command) -> Duration {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?}: {status}");
    elapsed
}

fn best_of(runs: usize, mut make: impl FnMut() -> Command) -> Duration {
    (0..runs).map(|_| time(make())).min().expect("runs")
}

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let team_path = example_team();
    let keyset =
        whistlebox_core::team::Keyset::from_toml(&std::fs::read_to_string(&team_path).unwrap())
            .unwrap();
    let recipients: Vec<age::x25519::Recipient> = keyset
        .investigators
        .iter()
        .map(|i| i.recipient.parse().unwrap())
        .collect();
    let readers: Vec<&whistlebox_core::team::Investigator> = keyset.investigators.iter().collect();
    let root = tmp.path().join("store");
    let objects = root.join("objects");
    std::fs::create_dir_all(&objects).unwrap();
    let store = Store::open(&root).unwrap();
    let states = StateDir::of(&store);
    let categories = ["sexual_harassment", "retaliation", "bullying", "other"];

    let build = Instant::now();
    let mut first = String::new();
    for seq in 1..=CASES {
        let mut fields = BTreeMap::new();
        fields.insert("category".into(), categories[seq as usize % 4].into());
        fields.insert(
            "what".into(),
            format!("Benchmark report number {seq} about the parking lot."),
        );
        fields.insert(
            "people_reported".into(),
            NAMES[seq as usize % NAMES.len()].into(),
        );
        fields.insert("where".into(), format!("Building {}", seq % 7));
        let manifest = Manifest {
            kind: Kind::Report,
            fields,
            attachments: vec![],
            reply_key: None,
            client_time: "2026-11-25".into(),
            locale: "en".into(),
        };
        let body = report::encode(&manifest, &[]).unwrap();
        let mut id = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let id = hex::encode(id);
        let stem = format!("{seq:016}-{id}");
        let path = objects.join(format!("{stem}.age"));
        let enc = age::Encryptor::with_recipients(recipients.iter().map(|r| r as _)).unwrap();
        let mut w = enc
            .wrap_output(std::fs::File::create(&path).unwrap())
            .unwrap();
        w.write_all(&body).unwrap();
        w.finish().unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        let day = format!("2026-{:02}-{:02}", 1 + seq % 10, 1 + seq % 28);
        let meta =
            serde_json::json!({"id": id, "seq": seq, "kind": "report", "day": day, "size": size});
        std::fs::write(objects.join(format!("{stem}.json")), meta.to_string()).unwrap();
        for n in 0..EVENTS {
            let action = match n {
                0 => Action::Assign {
                    to: Some("bob".into()),
                },
                1 => Action::Label {
                    add: vec![format!("batch-{}", seq % 5)],
                    remove: vec![],
                },
                2 => Action::Status {
                    state: "investigating".into(),
                    to_reporter: false,
                    outcome: None,
                },
                _ => Action::Note {
                    text: format!("Internal note {n} on case {seq}: interviewed a witness."),
                },
            };
            let mut event = Event {
                v: 1,
                case: id.clone(),
                at: format!("2026-11-25T10:00:00.{:06}Z", n),
                by: "alice".into(),
                action,
                id: String::new(),
            };
            states.append(&mut event, &readers, &keyset).unwrap();
        }
        if first.is_empty() {
            first = id;
        }
    }
    let built = build.elapsed();

    let whistlebox = bin("whistlebox");
    let alice = fixture_key("alice");
    let run = |args: &[&str]| {
        let mut c = Command::new(&whistlebox);
        c.args(args).arg("--store").arg(&root).arg("-i").arg(&alice);
        c
    };
    let total_events = CASES as usize * EVENTS;
    println!("| operation | store | time (best of 3) | rate |\n|---|---|---|---|");
    let row = |what: &str, t: Duration| {
        println!(
            "| {what} | {CASES} reports, {total_events} events | {:.2} s | {:.0} cases/s |",
            t.as_secs_f64(),
            CASES as f64 / t.as_secs_f64()
        );
    };
    row("`cases --json`", best_of(3, || run(&["cases", "--json"])));
    row(
        "`cases --search witness --label batch-1`",
        best_of(3, || {
            run(&["cases", "--search", "witness", "--label", "batch-1"])
        }),
    );
    let team = team_path.to_str().unwrap();
    row(
        "`note` (one change)",
        best_of(3, || {
            run(&["note", &first, "--message", "bench note", "--team", team])
        }),
    );
    row(
        "`patterns --json`",
        best_of(3, || run(&["patterns", "--json"])),
    );
    let html = tmp.path().join("overview.html");
    let html = html.to_str().unwrap().to_string();
    row(
        "`overview --out`",
        best_of(3, || {
            run(&[
                "overview",
                "--out",
                &html,
                "--force",
                "--today",
                "2026-11-25",
            ])
        }),
    );
    println!(
        "\n(store built in-process in {:.1} s: {CASES} reports and {total_events} events encrypted)",
        built.as_secs_f64()
    );
}
