//! Post-quantum (`mlkem768x25519`) across implementations: typage (the
//! page's pinned `age-encryption`, driven by `tests/scripts/typage.mjs`) and
//! the CLI's own X-Wing recipient (`crates/cli/src/pq.rs`), both ways, plus
//! the real relay with a post-quantum team:
//!
//! - typage encrypts to the three investigators of `keys/team-pq.toml`; the
//!   CLI decrypts with each of their keys (and not with an X25519 key);
//! - recipients derived from the same seed agree (keys made by the CLI, read
//!   by typage);
//! - the CLI answers a reporter whose reply key is post-quantum (`reply`,
//!   `status`, `push` to the relay, which accepts only `mlkem768x25519`
//!   stanzas for this team) and the reporter's page code (typage) reads both;
//!   an X25519 `--team` for that case is refused, naming both types;
//! - the relay refuses to start with a keyset that mixes types, or whose
//!   stated `key_type` a recipient breaks.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use whistlebox_core::team::Keyset;
use whistlebox_tests::path_str as s;
use whistlebox_tests::{
    bin, cli, cli_ok, fixture_key, json_str, node_submit_with_codename, read_mailbox,
    workspace_root, Scratch,
};

fn pq_team() -> PathBuf {
    workspace_root().join("keys/team-pq.toml")
}

/// Runs `node tests/scripts/typage.mjs ARGS` with `input` on stdin.
fn typage(args: &[&str], input: &[u8]) -> Output {
    let root = workspace_root();
    assert!(
        root.join("web/node_modules/age-encryption").exists(),
        "web/node_modules is missing: run `npm ci --ignore-scripts` in web/ (`bash tests/run.sh` does)"
    );
    let mut child = Command::new("node")
        .arg(root.join("tests/scripts/typage.mjs"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node (is Node.js 20 installed?)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "typage.mjs {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Deterministic test bytes spanning several STREAM chunks.
fn pattern(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

#[test]
fn typage_encrypts_to_three_pq_investigators_and_the_cli_decrypts_with_each() {
    let keyset = Keyset::from_toml(&fs::read_to_string(pq_team()).unwrap()).unwrap();
    let recipients: Vec<&str> = keyset
        .investigators
        .iter()
        .map(|i| i.recipient.as_str())
        .collect();
    assert_eq!(recipients.len(), 3);
    let plain = pattern(150_000);
    let mut args = vec!["encrypt"];
    args.extend(&recipients);
    let file = typage(&args, &plain).stdout;
    let header = String::from_utf8_lossy(&file[..file.len().min(8_000)]).into_owned();
    assert_eq!(header.matches("\n-> mlkem768x25519 ").count(), 3);
    assert!(!header.contains("-> X25519 "));

    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("typage.age");
    fs::write(&path, &file).unwrap();
    for who in ["pq-alice", "pq-bob", "pq-carol"] {
        let out = cli(&["decrypt", "-i", s(&fixture_key(who)), s(&path)]);
        assert!(
            out.status.success(),
            "{who}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout == plain, "{who} decrypted other bytes");
    }
    // An X25519 key of the classic team opens nothing here.
    let out = cli(&["decrypt", "-i", s(&fixture_key("alice")), s(&path)]);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn recipients_from_the_same_seed_agree_between_the_cli_and_typage() {
    let tmp = tempfile::tempdir().unwrap();
    for n in 0..4 {
        let key = tmp.path().join(format!("k{n}.key"));
        let rust = cli_ok(&["keygen", "-o", s(&key)]).trim().to_string();
        assert!(rust.starts_with("age1pq1"), "{rust}");
        let js = String::from_utf8(typage(&["recipient", s(&key)], b"").stdout).unwrap();
        assert_eq!(js.trim(), rust, "key {n}");
        // And the CLI decrypts what typage encrypts to that recipient.
        let file = typage(&["encrypt", &rust], b"same seed").stdout;
        let path = tmp.path().join(format!("k{n}.age"));
        fs::write(&path, file).unwrap();
        assert_eq!(
            cli_ok(&["decrypt", "-i", s(&key), s(&path)]),
            "same seed",
            "key {n}"
        );
    }
    // X25519 keys agree too.
    let key = tmp.path().join("x.key");
    let rust = cli_ok(&["keygen", "--x25519", "-o", s(&key)]);
    let js = String::from_utf8(typage(&["recipient", s(&key)], b"").stdout).unwrap();
    assert_eq!(js.trim(), rust.trim());
}

/// The names in the store's outbox/, sorted.
fn outbox(store: &Path) -> Vec<String> {
    let Ok(dir) = fs::read_dir(store.join("outbox")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = dir
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn the_cli_answers_a_post_quantum_reporter_and_typage_reads_it() {
    let f = Scratch::new();
    let store = &f.store;
    let team = pq_team();
    let relay = f.start_relay(&team);
    let alice = fixture_key("pq-alice");

    let answer = node_submit_with_codename(
        &relay,
        &[
            "--field",
            "category=retaliation",
            "--field",
            "what=I was moved to night shifts after I complained.",
        ],
    );
    let case = json_str(&answer, "id");
    let codename = json_str(&answer, "codename");
    f.pull_with(&relay, &["--team", s(&team)]);
    // The report's reply key is post-quantum, like the team.
    let shown = cli_ok(&f.store_args(&alice, &["show", &case], &["--json"]));
    assert!(shown.contains("\"age1pq1"), "{shown}");

    // An X25519 keyset for this case is refused before anything is written.
    let out = cli(&f.store_args(
        &alice,
        &["reply", &case],
        &[
            "--team",
            s(&workspace_root().join("keys/team.toml")),
            "--message",
            "Hello",
        ],
    ));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "cannot encrypt to both X25519 recipients (the team keyset) and the reporter's mlkem768x25519 reply key"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint: "), "{stderr}");
    assert!(outbox(store).is_empty());

    // With the post-quantum keyset: a reply and a status.
    let reply_text = "We received your report and will protect you from retaliation.";
    cli_ok(&f.store_args(
        &alice,
        &["reply", &case],
        &["--team", s(&team), "--message", reply_text],
    ));
    cli_ok(&f.store_args(
        &alice,
        &[
            "status",
            &case,
            "investigating",
            "--note",
            "Interviews this week.",
        ],
        &["--team", s(&team)],
    ));
    let names = outbox(store);
    assert_eq!(names.len(), 4, "{names:?}");
    for name in names.iter().filter(|n| n.ends_with(".age")) {
        let bytes = fs::read(store.join("outbox").join(name)).unwrap();
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(10_000)]).into_owned();
        // The reporter and the three investigators, all post-quantum.
        assert_eq!(head.matches("\n-> mlkem768x25519 ").count(), 4, "{name}");
        assert!(!head.contains("\n-> X25519 "), "{name}");
    }
    // The relay (rules for a PQ team) accepts both.
    let pushed = f.push(&relay);
    assert!(pushed.contains("pushed reply 1"), "{pushed}");
    assert!(pushed.contains("pushed status 2"), "{pushed}");

    // The reporter's side (typage, PQ reply identity from the codename) reads both.
    let mailbox = read_mailbox(&relay, &codename);
    let items = mailbox["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{mailbox}");
    assert_eq!(items[0]["kind"], "reply");
    assert_eq!(items[0]["fields"]["message"], reply_text);
    assert_eq!(items[1]["kind"], "status");
    assert_eq!(items[1]["fields"]["state"], "investigating");
    assert_eq!(items[1]["fields"]["note"], "Interviews this week.");
}

/// The X25519 example team with carol's post-quantum key from the PQ team.
fn classic_team_with_a_pq_carol() -> String {
    let classic = fs::read_to_string(workspace_root().join("keys/team.toml")).unwrap();
    let pq = Keyset::from_toml(&fs::read_to_string(pq_team()).unwrap()).unwrap();
    let carol_pq = &pq
        .investigators
        .iter()
        .find(|i| i.id == "carol")
        .unwrap()
        .recipient;
    let mut text = String::new();
    let mut in_carol = false;
    for line in classic.lines() {
        in_carol |= line.starts_with("id = \"carol\"");
        if in_carol && line.starts_with("recipient = ") {
            text.push_str(&format!("recipient = \"{carol_pq}\"\n"));
            in_carol = false;
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    assert!(text.contains(carol_pq.as_str()));
    text
}

/// Starts `whistlebox-relay serve` with the keyset `team_text`, expects it to
/// exit unsuccessfully without listening, and returns its stderr.
fn relay_start_refused(team_text: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    fs::write(&team, team_text).unwrap();
    let mut child = Command::new(bin("whistlebox-relay"))
        .args([
            "serve",
            "--data",
            s(&tmp.path().join("data")),
            "--team",
            s(&team),
        ])
        .args(["--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the relay started with the keyset {team_text}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    assert!(!status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("listening on"));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_relay_refuses_a_mixed_keyset_at_start() {
    // Without `key_type` the type is inferred, and a mix is refused as such.
    let stated = classic_team_with_a_pq_carol();
    let mixed = stated.replace("key_type = \"X25519\"\n", "");
    assert_ne!(mixed, stated);
    let stderr = relay_start_refused(&mixed);
    assert!(
        stderr.contains("mixes X25519 (age1…) and mlkem768x25519 (age1pq1…) recipients"),
        "{stderr}"
    );
}

#[test]
fn the_relay_refuses_a_keyset_whose_key_type_a_recipient_breaks() {
    // carol's post-quantum key in a file that states `key_type = "X25519"`.
    let stderr = relay_start_refused(&classic_team_with_a_pq_carol());
    assert!(
        stderr.contains(
            "the recipient of investigator \"carol\" is mlkem768x25519 (age1pq1…), \
             but the keyset states key_type = \"X25519\""
        ),
        "{stderr}"
    );
    // The post-quantum example stating the classic type: alice is the first wrong one.
    let pq = fs::read_to_string(pq_team()).unwrap();
    let stated_x = pq.replace("key_type = \"mlkem768x25519\"", "key_type = \"X25519\"");
    assert_ne!(stated_x, pq);
    let stderr = relay_start_refused(&stated_x);
    assert!(
        stderr.contains("investigator \"alice\" is mlkem768x25519")
            && stderr.contains("key_type = \"X25519\""),
        "{stderr}"
    );
    // An unknown key type is refused too, naming the accepted values.
    let stderr = relay_start_refused(&pq.replace(
        "key_type = \"mlkem768x25519\"",
        "key_type = \"post-quantum\"",
    ));
    assert!(
        stderr.contains("post-quantum") && stderr.contains("`mlkem768x25519`"),
        "{stderr}"
    );
}
