//! Investigator CLI throughput, through the real release binary:
//! - `whistlebox cases` over a store of 10 000 reports (cases listed per second);
//! - the same for 10 000 reports with a 2 KiB body each, once to the
//!   post-quantum team (`keys/team-pq.toml`, `mlkem768x25519`) and once to the
//!   X25519 team, opened with one investigator's key of each;
//! - `whistlebox show` on one 256 MiB report (MB/s decrypted and verified),
//!   next to Go `age -d` / `rage -d` on the same file, measured in the same run.
//!
//! Run: `cargo build --release --bins && cargo bench -p whistlebox-tests --bench cli`.
//! Prints a Markdown table for `docs/BENCHMARKS.md`. Not a test.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::RngCore;
use whistlebox_core::report::{self, Attachment, Kind, Manifest};
use whistlebox_tests::{bin, example_team, fixture_key};

const CASES: usize = 10_000;
const BIG: usize = 256 * 1024 * 1024;

type Recipients = Vec<Box<dyn age::Recipient + Send>>;

fn recipients_of(team: &Path) -> Recipients {
    let team = whistlebox_core::team::Keyset::from_toml(
        &std::fs::read_to_string(team).expect("team file"),
    )
    .expect("valid team");
    team.investigators
        .iter()
        .map(|i| -> Box<dyn age::Recipient + Send> {
            if i.recipient.starts_with("age1pq1") {
                Box::new(
                    i.recipient
                        .parse::<whistlebox::pq::Recipient>()
                        .expect("pq recipient"),
                )
            } else {
                Box::new(
                    i.recipient
                        .parse::<age::x25519::Recipient>()
                        .expect("x25519 recipient"),
                )
            }
        })
        .collect()
}

fn recipients() -> Recipients {
    recipients_of(&example_team())
}

fn encrypt_to(path: &Path, plaintext: &[u8], recipients: &Recipients) {
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
        .expect("encryptor");
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut writer = encryptor.wrap_output(file).expect("wrap");
    writer.write_all(plaintext).expect("encrypt");
    writer.finish().expect("finish").flush().expect("flush");
}

fn store_object(store: &Path, seq: u64, plaintext: &[u8], recipients: &Recipients) -> String {
    let mut id = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut id);
    let id = hex::encode(id);
    let objects = store.join("objects");
    std::fs::create_dir_all(&objects).unwrap();
    let stem = format!("{seq:016}-{id}");
    let age_path = objects.join(format!("{stem}.age"));
    encrypt_to(&age_path, plaintext, recipients);
    let size = std::fs::metadata(&age_path).unwrap().len();
    let meta = serde_json::json!({"id": id, "seq": seq, "kind": "report", "day": "2026-11-25", "size": size});
    std::fs::write(objects.join(format!("{stem}.json")), meta.to_string()).unwrap();
    id
}

fn container(category: &str, attachment: &[u8]) -> Vec<u8> {
    let mut fields = BTreeMap::new();
    fields.insert("category".to_owned(), category.to_owned());
    fields.insert("what".to_owned(), "Benchmark report.".to_owned());
    let manifest = Manifest {
        kind: Kind::Report,
        fields,
        attachments: vec![Attachment::describe(
            "evidence.bin",
            "application/octet-stream",
            attachment,
        )],
        reply_key: None,
        client_time: "2026-11-25".to_owned(),
        locale: "en".to_owned(),
    };
    report::encode(&manifest, &[attachment]).expect("encode")
}

/// A 2 KiB attachment that differs per report.
fn pattern2k(seq: u64) -> Vec<u8> {
    let mut state = seq.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..2048)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn time_command(mut command: Command) -> Duration {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .expect("run command");
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?} failed: {status}");
    elapsed
}

fn best_of(runs: usize, mut make: impl FnMut() -> Command) -> Duration {
    (0..runs)
        .map(|_| time_command(make()))
        .min()
        .expect("at least one run")
}

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let recipients = recipients();
    let alice = fixture_key("alice");
    let whistlebox = bin("whistlebox");

    // 10 000 small reports (each pads to the 64 KiB bucket).
    let store = tmp.path().join("store");
    let categories = [
        "sexual_harassment",
        "retaliation",
        "bullying",
        "discrimination",
    ];
    for seq in 1..=CASES as u64 {
        let body = container(categories[seq as usize % 4], &seq.to_le_bytes().repeat(64));
        store_object(&store, seq, &body, &recipients);
    }
    let cases = best_of(3, || {
        let mut c = Command::new(&whistlebox);
        c.arg("cases")
            .arg("--store")
            .arg(&store)
            .arg("-i")
            .arg(&alice)
            .arg("--json");
        c
    });
    println!("| operation | size | whistlebox | reference | ratio |");
    println!("|---|---|---|---|---|");
    println!(
        "| `cases` listing | {CASES} reports | {:.0} cases/s ({:.2} s) | – | – |",
        CASES as f64 / cases.as_secs_f64(),
        cases.as_secs_f64()
    );

    // 10 000 reports with a 2 KiB body: post-quantum versus X25519 team.
    let pq_alice = fixture_key("pq-alice");
    let pq_team = example_team().with_file_name("team-pq.toml");
    for (label, team, key) in [
        ("mlkem768x25519", pq_team, &pq_alice),
        ("X25519", example_team(), &alice),
    ] {
        let recipients = recipients_of(&team);
        let store = tmp.path().join(format!("store-{label}"));
        let build = Instant::now();
        for seq in 1..=CASES as u64 {
            let body = container(categories[seq as usize % 4], &pattern2k(seq));
            store_object(&store, seq, &body, &recipients);
        }
        let built = build.elapsed();
        let first = std::fs::read(
            store.join("objects").join(
                std::fs::read_dir(store.join("objects"))
                    .unwrap()
                    .map(|e| e.unwrap().file_name())
                    .find(|n| n.to_string_lossy().ends_with(".age"))
                    .unwrap(),
            ),
        )
        .unwrap();
        let header = first.windows(4).position(|w| w == b"\n---").unwrap() + 48;
        let t = best_of(3, || {
            let mut c = Command::new(&whistlebox);
            c.arg("cases")
                .arg("--store")
                .arg(&store)
                .arg("-i")
                .arg(key)
                .arg("--json");
            c
        });
        println!(
            "| `cases`, {label} team (3), 2 KiB body | {CASES} reports, header ≈ {header} B | {:.0} cases/s ({:.2} s) | encrypting them in-process: {:.2} s | – |",
            CASES as f64 / t.as_secs_f64(),
            t.as_secs_f64(),
            built.as_secs_f64()
        );
    }

    // One 256 MiB report.
    let big_store = tmp.path().join("big");
    let mut attachment = vec![0u8; BIG];
    rand::rngs::OsRng.fill_bytes(&mut attachment);
    let plaintext = container("sexual_assault", &attachment);
    drop(attachment);
    let id = store_object(&big_store, 1, &plaintext, &recipients);
    let mb = plaintext.len() as f64 / 1e6;
    drop(plaintext);
    let age_file = std::fs::read_dir(big_store.join("objects"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "age"))
        .expect("stored object");
    let show = best_of(3, || {
        let mut c = Command::new(&whistlebox);
        c.arg("show")
            .arg(&id)
            .arg("--store")
            .arg(&big_store)
            .arg("-i")
            .arg(&alice);
        c
    });
    let show_rate = mb / show.as_secs_f64();
    let mut reference = String::from("– (neither `age` nor `rage` installed)");
    let mut ratio = String::from("–");
    for tool in ["rage", "age"] {
        if Command::new(tool).arg("--version").output().is_ok() {
            let t = best_of(3, || {
                let mut c = Command::new(tool);
                c.arg("-d").arg("-i").arg(&alice).arg(&age_file);
                c
            });
            let r = mb / t.as_secs_f64();
            reference = format!("`{tool} -d` {r:.0} MB/s");
            ratio = format!("{:.2}", show_rate / r);
            break;
        }
    }
    println!(
        "| `show` (decrypt + verify SHA-256) | {mb:.0} MB | {show_rate:.0} MB/s | {reference} | {ratio} |"
    );
}
