//! Hostile containers as the `whistlebox` binary meets them
//! (docs/HOSTILE_INPUTS.md): correctly encrypted to alice, but with an
//! attachment-count bomb, a non-canonical or invalid-UTF-8 manifest, or a
//! manifest length over the bound. `show` refuses each as an integrity error
//! (exit 5) naming the PROTOCOL.md §1.1 code, and prints nothing on stdout.
//! And hostile store metadata (PROTOCOL.md §5): `cases` reports the file as
//! damaged (exit 5) without echoing what it holds.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use whistlebox_core::padding::padded_len;
use whistlebox_core::report::{Attachment, Kind, Manifest, MAGIC, VERSION};
use whistlebox_core::team::Keyset;

const ID: &str = "dddd0000000000000000000000000004";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Alice's fixture key, copied with mode 0600 (git keeps no modes).
fn alice_key(dir: &Path) -> PathBuf {
    let path = dir.join("alice.key");
    fs::copy(root().join("tests/fixtures/keys/alice.key"), &path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// A raw container (PROTOCOL.md §1.1) around `manifest` bytes, with the
/// declared manifest length `declared`, no attachment bytes, zero padding.
fn container(manifest: &[u8], declared: u32) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    out.extend_from_slice(&declared.to_be_bytes());
    out.extend_from_slice(manifest);
    out.extend_from_slice(&0u64.to_be_bytes());
    let padded = padded_len(out.len() as u64) as usize;
    out.resize(padded, 0);
    out
}

fn encrypt_to_alice(plaintext: &[u8]) -> Vec<u8> {
    let keyset =
        Keyset::from_toml(&fs::read_to_string(root().join("keys/team.toml")).unwrap()).unwrap();
    let alice = keyset
        .investigators
        .iter()
        .find(|i| i.id == "alice")
        .unwrap();
    let recipient: age::x25519::Recipient = alice.recipient.parse().unwrap();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).unwrap();
    w.write_all(plaintext).unwrap();
    w.finish().unwrap();
    out
}

/// A store (PROTOCOL.md §5) holding one report with `body`; then `show` it.
fn show(dir: &Path, body: &[u8]) -> Output {
    let store = dir.join("store");
    let objects = store.join("objects");
    let _ = fs::remove_dir_all(&store);
    fs::create_dir_all(&objects).unwrap();
    let stem = format!("{:016}-{ID}", 1);
    fs::write(objects.join(format!("{stem}.age")), body).unwrap();
    let meta = serde_json::json!({
        "id": ID, "seq": 1, "kind": "report", "day": "2025-03-14", "size": body.len()
    });
    fs::write(objects.join(format!("{stem}.json")), meta.to_string()).unwrap();
    let key = alice_key(dir);
    Command::new(env!("CARGO_BIN_EXE_whistlebox"))
        .args(["show", ID, "--store"])
        .arg(&store)
        .arg("-i")
        .arg(&key)
        .output()
        .unwrap()
}

fn manifest(attachments: usize) -> Manifest {
    Manifest {
        kind: Kind::Report,
        fields: [("what".to_owned(), "x".to_owned())].into_iter().collect(),
        attachments: (0..attachments)
            .map(|i| Attachment::describe(&format!("f{i}.txt"), "text/plain", b""))
            .collect(),
        reply_key: None,
        client_time: "2025-03-14T09:30:00+01:00".into(),
        locale: "en".into(),
    }
}

#[test]
fn hostile_manifests_are_integrity_errors_naming_their_code() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = manifest(65).to_canonical_json();
    let good = manifest(0).to_canonical_json();
    let spaced = String::from_utf8(good.clone())
        .unwrap()
        .replacen("\"kind\":", "\"kind\": ", 1)
        .into_bytes();
    let mut bad_utf8 = good.clone();
    let at = bad_utf8.windows(3).position(|w| w == b"\"x\"").unwrap() + 1;
    bad_utf8[at] = 0xff;
    let cases: [(Vec<u8>, &str); 5] = [
        (container(&bomb, bomb.len() as u32), "manifest_invalid"),
        (
            container(&spaced, spaced.len() as u32),
            "manifest_not_canonical",
        ),
        (container(&bad_utf8, bad_utf8.len() as u32), "manifest_json"),
        (container(&good, 65_537), "manifest_too_long"),
        (b"Dear HR, this is plaintext".to_vec(), "bad_magic"),
    ];
    for (plaintext, code) in cases {
        let out = show(dir.path(), &encrypt_to_alice(&plaintext));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{code}: {stderr}");
        assert!(stderr.contains(code), "{code}: {stderr}");
        assert!(out.stdout.is_empty(), "{code}: nothing reaches stdout");
    }
}

/// `cases` over a store holding one object whose metadata file is `json`,
/// named with `name` (`None`: the usual `<seq>-<id>.json`).
fn cases_with_meta(dir: &Path, name: Option<&str>, json: &[u8]) -> Output {
    let store = dir.join("store");
    let objects = store.join("objects");
    let _ = fs::remove_dir_all(&store);
    fs::create_dir_all(&objects).unwrap();
    let stem = format!("{:016}-{ID}", 1);
    let name = name.map_or(format!("{stem}.json"), str::to_owned);
    fs::write(objects.join(&name), json).unwrap();
    fs::write(objects.join(format!("{stem}.age")), b"abc").unwrap();
    let key = alice_key(dir);
    Command::new(env!("CARGO_BIN_EXE_whistlebox"))
        .args(["cases", "--store"])
        .arg(&store)
        .arg("-i")
        .arg(&key)
        .output()
        .unwrap()
}

#[test]
fn hostile_store_json_is_reported_as_damaged_without_echoing_it() {
    let dir = tempfile::tempdir().unwrap();
    let traversal = br#"{"id":"../../etc/passwd\u001b[2J","seq":1,"kind":"report","day":"2025-03-14","size":3}"#;
    let escape_name = format!("{:016}-x\u{1b}[2Jy.json", 1);
    let cases: [(Option<&str>, &[u8], &str); 4] = [
        (None, traversal, "32 lowercase hex"),
        (None, b"not json\xff", "invalid JSON"),
        (
            None,
            br#"{"id":"dddd0000000000000000000000000004","seq":1,"kind":"report\u001b","day":"2025-03-14","size":3}"#,
            "is damaged",
        ),
        (Some(&escape_name), b"{}", "\\x1b[2J"),
    ];
    for (name, json, says) in cases {
        let out = cases_with_meta(dir.path(), name, json);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        assert!(stderr.contains("is damaged"), "{stderr}");
        assert!(stderr.contains(says), "{says}: {stderr}");
        assert!(stderr.contains("hint:"), "{stderr}");
        assert!(
            !stderr.contains("etc/passwd"),
            "the hostile id is not echoed"
        );
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "no control character reaches the terminal: {stderr:?}"
        );
    }
}
