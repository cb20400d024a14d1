//! End-to-end tests of the `whistlebox` binary on stores built in a tempdir:
//! real containers (`whistlebox_core::report::encode`), really encrypted with
//! the `age` crate to the example team's recipients (`keys/team.toml`), placed
//! in the store layout of PROTOCOL.md §5; and `pull` against a small HTTP
//! server on 127.0.0.1:0 that answers the three investigator routes.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use base64::Engine;
use whistlebox_core::report::{encode, Attachment, Kind, Manifest};
use whistlebox_core::team::Keyset;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture key copied to a private temp dir with mode 0600: git does not
/// keep file modes, and a fresh clone's 0644 copy would add the CLI's
/// "readable by other users" warning to every expected stderr.
fn key(name: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    static KEYS: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = KEYS.get_or_init(|| tempfile::tempdir().unwrap());
    let path = dir.path().join(format!("{name}.key"));
    if !path.exists() {
        let source = root().join(format!("tests/fixtures/keys/{name}.key"));
        let staged = dir
            .path()
            .join(format!("{name}.key.partial-{:?}", thread::current().id()));
        fs::copy(&source, &staged).unwrap();
        fs::set_permissions(&staged, fs::Permissions::from_mode(0o600)).unwrap();
        fs::rename(&staged, &path).unwrap();
    }
    path
}

fn recipient(name: &str) -> age::x25519::Recipient {
    let keyset =
        Keyset::from_toml(&fs::read_to_string(root().join("keys/team.toml")).unwrap()).unwrap();
    let inv = keyset.investigators.iter().find(|i| i.id == name).unwrap();
    inv.recipient.parse().unwrap()
}

fn whistlebox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whistlebox"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn manifest(fields: &[(&str, &str)], attachments: &[(&str, &str, &[u8])]) -> Manifest {
    Manifest {
        kind: Kind::Report,
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        attachments: attachments
            .iter()
            .map(|(n, t, b)| Attachment::describe(n, t, b))
            .collect(),
        reply_key: None,
        client_time: "2025-03-14T09:30:00+01:00".into(),
        locale: "en".into(),
    }
}

fn encrypt(container: &[u8], to: &[&str]) -> Vec<u8> {
    let recipients: Vec<age::x25519::Recipient> = to.iter().map(|n| recipient(n)).collect();
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).unwrap();
    w.write_all(container).unwrap();
    w.finish().unwrap();
    out
}

/// Places an object in the store layout of PROTOCOL.md §5.
fn put(store: &Path, seq: u64, id: &str, body: &[u8]) {
    let objects = store.join("objects");
    fs::create_dir_all(&objects).unwrap();
    let stem = format!("{seq:016}-{id}");
    fs::write(objects.join(format!("{stem}.age")), body).unwrap();
    let meta = serde_json::json!({
        "id": id, "seq": seq, "kind": "report", "day": "2025-03-14", "size": body.len()
    });
    fs::write(objects.join(format!("{stem}.json")), meta.to_string()).unwrap();
}

const A: &str = "aaaa0000000000000000000000000001";
const B: &str = "bbbb0000000000000000000000000002";
const C: &str = "cccc0000000000000000000000000003";

/// A store with three cases: A to alice+bob (two attachments), B to
/// bob+carol only, C to alice with hostile content.
fn sample_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let photo: &[u8] = b"\xff\xd8\xff\xe0 not really a jpeg";
    let m = manifest(
        &[
            ("category", "harassment"),
            ("what", "My manager shouted at me.\nIt happened twice."),
            ("when", "March 2025"),
            ("zeta_extra", "custom"),
        ],
        &[
            ("photo.jpg", "image/jpeg", photo),
            ("notes.txt", "text/plain", b"first note"),
        ],
    );
    let container = encode(&m, &[photo, b"first note"]).unwrap();
    put(&store, 1, A, &encrypt(&container, &["alice", "bob"]));

    let m = manifest(&[("category", "fraud")], &[]);
    put(
        &store,
        2,
        B,
        &encrypt(&encode(&m, &[]).unwrap(), &["bob", "carol"]),
    );

    let hostile_names: [(&str, &str, &[u8]); 4] = [
        ("../../escape.txt", "text/plain", b"one"),
        ("C:\\Windows\\CON", "", b"two"),
        ("\x1b[31mred.txt", "text/html\"><script>", b"three"),
        ("../../escape.txt", "text/plain", b"four"),
    ];
    let m = manifest(
        &[
            ("category", "evil\x1b[2J\x1b]0;owned\x07"),
            ("what", "<script>alert(1)</script>\n```\n"),
        ],
        &hostile_names,
    );
    let bodies: Vec<&[u8]> = hostile_names.iter().map(|(_, _, b)| *b).collect();
    put(
        &store,
        3,
        C,
        &encrypt(&encode(&m, &bodies).unwrap(), &["alice"]),
    );
    store
}

#[test]
fn keygen_writes_a_key_that_age_keygen_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("me.key");
    let out = whistlebox(&["keygen", "--x25519", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let recipient = text(&out.stdout).trim().to_string();
    assert!(recipient.starts_with("age1"), "{recipient}");
    assert!(!recipient.starts_with("age1pq1"), "{recipient}");
    assert!(!text(&out.stdout).contains("AGE-SECRET-KEY"));
    assert!(!text(&out.stderr).contains("AGE-SECRET-KEY"));

    // A second keygen to the same path is refused (exit 6) and changes nothing.
    let before = fs::read(&path).unwrap();
    let again = whistlebox(&["keygen", "-o", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(6));
    assert!(text(&again.stderr).contains("hint: "));
    assert_eq!(fs::read(&path).unwrap(), before);

    match Command::new("age-keygen").arg("-y").arg(&path).output() {
        Ok(o) => {
            assert!(o.status.success(), "{}", text(&o.stderr));
            assert_eq!(text(&o.stdout).trim(), recipient);
        }
        Err(e) => eprintln!("skipping the age-keygen check: age-keygen not found ({e})"),
    }
}

#[test]
fn keygen_is_post_quantum_by_default_and_decrypt_opens_files_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pq.key");
    let out = whistlebox(&["keygen", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let recipient = text(&out.stdout).trim().to_string();
    assert!(recipient.starts_with("age1pq1"), "{recipient}");
    // 1 216 bytes of key: 1 946 bech32 characters after "age1pq1", then the checksum.
    assert_eq!(
        recipient.len(),
        "age1pq1".len() + (1216usize * 8).div_ceil(5) + 6
    );
    assert!(!text(&out.stderr).contains("AGE-SECRET-KEY"));
    let key = fs::read_to_string(&path).unwrap();
    assert!(key.contains(&format!("# public key: {recipient}\n")));
    assert!(key.lines().any(|l| l.starts_with("AGE-SECRET-KEY-PQ-1")));

    // A file encrypted to the new recipient (by the CLI's own pq module)
    // decrypts with `whistlebox decrypt`, to stdout and to -o.
    let r: whistlebox::pq::Recipient = recipient.parse().unwrap();
    let file = dir.path().join("f.age");
    {
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
        let mut w = enc.wrap_output(fs::File::create(&file).unwrap()).unwrap();
        w.write_all(b"post-quantum hello").unwrap();
        w.finish().unwrap();
    }
    let out = whistlebox(&[
        "decrypt",
        "-i",
        path.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout, b"post-quantum hello");
    let plain = dir.path().join("plain.txt");
    let args = [
        "decrypt",
        "-i",
        path.to_str().unwrap(),
        "-o",
        plain.to_str().unwrap(),
        file.to_str().unwrap(),
    ];
    let out = whistlebox(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read(&plain).unwrap(), b"post-quantum hello");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&plain).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // -o never replaces a file without --force, and a failure leaves nothing.
    let out = whistlebox(&args);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out.stderr));
    let mut truncated = fs::read(&file).unwrap();
    truncated.truncate(truncated.len() - 1);
    fs::write(&file, &truncated).unwrap();
    let partial = dir.path().join("partial.txt");
    let out = whistlebox(&[
        "decrypt",
        "-i",
        path.to_str().unwrap(),
        "-o",
        partial.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("payload is damaged"),
        "{}",
        text(&out.stderr)
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}

#[test]
fn cases_lists_every_case_and_marks_foreign_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let out = whistlebox(&[
        "cases",
        "--store",
        store.to_str().unwrap(),
        "-i",
        key("alice").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("ID "));
    assert!(lines[1].starts_with(A) && lines[1].contains("harassment"));
    assert!(lines[1].contains("2025-03-14") && lines[1].contains("report"));
    assert!(lines[2].starts_with(B) && lines[2].contains("(not addressed to you)"));
    assert!(!lines[2].contains("fraud"));
    assert!(lines[3].starts_with(C));
    assert!(
        !stdout.contains('\x1b') && !stdout.contains('\x07'),
        "{stdout:?}"
    );
    assert!(lines[3].contains("evil\\x1b[2J"));

    // Two identities open all three; JSON is an array with the details.
    let out = whistlebox(&[
        "cases",
        "--store",
        store.to_str().unwrap(),
        "-i",
        key("alice").to_str().unwrap(),
        "-i",
        key("carol").to_str().unwrap(),
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains('\x1b'));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["id"], A);
    assert_eq!(rows[0]["attachments"], 2);
    assert_eq!(rows[1]["category"], "fraud");
    assert_eq!(rows[1]["status"], "ok");
    assert_eq!(rows[2]["category"], "evil\x1b[2J\x1b]0;owned\x07");
    assert_eq!(rows[2]["attachments"], 4);
}

#[test]
fn show_verifies_and_prints_safely() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let s = store.to_str().unwrap();
    let alice = key("alice");
    let out = whistlebox(&["show", "aaaa", "--store", s, "-i", alice.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&format!("case        {A}")));
    let order: Vec<usize> = ["Category", "What happened", "When", "zeta_extra"]
        .iter()
        .map(|l| stdout.find(&format!("\n{l}\n")).expect(l))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{stdout}");
    assert!(stdout.contains("    My manager shouted at me.\n    It happened twice.\n"));
    assert!(stdout.contains("attachments: 2 (sizes and SHA-256 verified)"));
    assert!(stdout.contains("  1. photo.jpg\n     type    image/jpeg"));

    let out = whistlebox(&["show", "cccc", "--store", s, "-i", alice.to_str().unwrap()]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\x1b') && !stdout.contains('\x07'));
    assert!(stdout.contains("\\x1b[31mred.txt"));

    // Not addressed to alice: exit 4 with the hint.
    let out = whistlebox(&["show", "bbbb", "--store", s, "-i", alice.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: none of the given identities can decrypt case {B}\n\
             hint: check you passed the key for this case; `whistlebox cases` marks cases not addressed to you\n"
        )
    );
}

#[test]
fn damaged_ciphertext_and_bad_hashes_are_integrity_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    // A container whose attachment bytes do not match the manifest's SHA-256:
    // encode a correct one, then change the attachment inside it.
    let m = manifest(&[("category", "x")], &[("a.txt", "text/plain", b"hello")]);
    let mut container = encode(&m, &[b"hello"]).unwrap();
    let at = container.windows(5).rposition(|w| w == b"hello").unwrap();
    container[at] = b'j';
    put(&store, 1, A, &encrypt(&container, &["alice"]));
    // A ciphertext with one payload byte flipped.
    let good = encode(&manifest(&[], &[]), &[]).unwrap();
    let mut body = encrypt(&good, &["alice"]);
    let n = body.len();
    body[n - 100] ^= 1;
    put(&store, 2, B, &body);

    let s = store.to_str().unwrap();
    let alice = key("alice");
    let a = alice.to_str().unwrap();
    let out = whistlebox(&["show", A, "--store", s, "-i", a]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("attachment_hash_mismatch"));
    assert!(out.stdout.is_empty());

    let out = whistlebox(&["show", B, "--store", s, "-i", a]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("damaged"),
        "{}",
        text(&out.stderr)
    );

    // export fails the same way and leaves nothing behind.
    let outdir = dir.path().join("out");
    let o = outdir.to_str().unwrap();
    let out = whistlebox(&[
        "export", A, "--store", s, "-i", a, "--format", "md", "--out", o,
    ]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert_eq!(fs::read_dir(&outdir).unwrap().count(), 0);

    // cases still lists both (the manifest of A is intact), B is reported damaged.
    let out = whistlebox(&["cases", "--store", s, "-i", a]);
    assert_eq!(out.status.code(), Some(5));
    assert!(text(&out.stdout).contains(A));
    assert!(text(&out.stdout).contains("(damaged)"));
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_writes_sanitised_verified_folders() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let s = store.to_str().unwrap();
    let alice = key("alice");
    let a = alice.to_str().unwrap();
    let outdir = dir.path().join("out");
    let o = outdir.to_str().unwrap();

    let out = whistlebox(&[
        "export", "cccc", "--store", s, "-i", a, "--format", "html", "--out", o,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = outdir.join(format!("2025-03-14-{C}"));
    let mut names: Vec<String> = fs::read_dir(case.join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["[31mred.txt", "_CON", "escape (2).txt", "escape.txt"]
    );
    assert_eq!(
        fs::read(case.join("attachments/escape.txt")).unwrap(),
        b"one"
    );
    assert_eq!(
        fs::read(case.join("attachments/escape (2).txt")).unwrap(),
        b"four"
    );
    assert!(!dir.path().join("escape.txt").exists());
    assert_eq!(mode(&case.join("report.html")), 0o600);
    assert_eq!(mode(&case.join("attachments/_CON")), 0o600);
    assert_eq!(mode(&case), 0o700);

    let html = fs::read_to_string(case.join("report.html")).unwrap();
    assert!(
        html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"")
    );
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("href=\"attachments/escape%20%282%29.txt\""));
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(case.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["case"]["id"], C);
    assert_eq!(
        json["manifest"]["fields"]["what"],
        "<script>alert(1)</script>\n```\n"
    );
    assert_eq!(json["attachments"][3]["path"], "attachments/escape (2).txt");
    assert_eq!(json["attachments"][3]["name"], "../../escape.txt");

    // Exporting again is refused (exit 6), --force replaces it.
    let again = [
        "export", "cccc", "--store", s, "-i", a, "--format", "md", "--out", o,
    ];
    let out = whistlebox(&again);
    assert_eq!(out.status.code(), Some(6));
    assert!(text(&out.stderr).starts_with("error: "));
    let out = whistlebox(&[&again[..], &["--force"]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(case.join("report.md").exists());
    assert!(!case.join("report.html").exists());
    let md = fs::read_to_string(case.join("report.md")).unwrap();
    assert!(
        md.contains("````text\n<script>alert(1)</script>\n```\n````\n"),
        "{md}"
    );

    // --all exports what alice can open, skips B (not hers) and C (exported).
    let out = whistlebox(&[
        "export", "--all", "--store", s, "-i", a, "--format", "json", "--out", o,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("skipped case {B}: not addressed to you")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("skipped case {C}: already exported")),
        "{stderr}"
    );
    let a_case = outdir.join(format!("2025-03-14-{A}"));
    assert_eq!(
        fs::read(a_case.join("attachments/notes.txt")).unwrap(),
        b"first note"
    );
    assert!(a_case.join("report.json").exists());
    assert!(!a_case.join("report.md").exists());
    assert!(!outdir.join(format!("2025-03-14-{B}")).exists());
    // No partial folders are left.
    assert!(fs::read_dir(&outdir).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with('.')));

    // Carol opens only B; a key that opens nothing is an identity error (exit 4).
    let out2 = dir.path().join("out2");
    let out = whistlebox(&[
        "export",
        "--all",
        "--store",
        s,
        "-i",
        key("carol").to_str().unwrap(),
        "--format",
        "json",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fs::read_dir(&out2).unwrap().count(), 1);
    assert!(out2.join(format!("2025-03-14-{B}/report.json")).exists());
    let stranger = dir.path().join("stranger.key");
    assert!(whistlebox(&["keygen", "-o", stranger.to_str().unwrap()])
        .status
        .success());
    let out = whistlebox(&[
        "export",
        "--all",
        "--store",
        s,
        "-i",
        stranger.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        dir.path().join("out3").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("none of the given identities can decrypt any of the 3 cases")
    );
}

#[test]
fn export_refuses_symlinked_case_folders() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let outdir = dir.path().join("out");
    fs::create_dir(&outdir).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, outdir.join(format!("2025-03-14-{A}"))).unwrap();
    let out = whistlebox(&[
        "export",
        A,
        "--store",
        store.to_str().unwrap(),
        "-i",
        key("alice").to_str().unwrap(),
        "--format",
        "md",
        "--out",
        outdir.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("symbolic link"));
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_whistlebox"))
        .args(["cases", "--store", store.to_str().unwrap(), "-i"])
        .arg(key("alice"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `| head -0`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("error"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// pull against a minimal relay

const TOKEN: &str = "wbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// An envelope-valid age body (PROTOCOL.md §2) with one X25519 stanza and a
/// payload whose implied plaintext is `plaintext` bytes. Not decryptable: the
/// checker cannot tell, which is the point of E1–E8.
fn envelope(seed: u8, plaintext: u64) -> Vec<u8> {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes);
    let mut body = format!(
        "age-encryption.org/v1\n-> X25519 {}\n{}\n--- {}\n",
        b64(&[seed; 32]),
        b64(&[seed ^ 0x55; 32]),
        b64(&[seed ^ 0xaa; 32])
    )
    .into_bytes();
    let payload = whistlebox_core::envelope::payload_len(plaintext);
    body.extend((0..payload).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    body
}

struct Object {
    id: String,
    seq: u64,
    kind: &'static str,
    body: Vec<u8>,
}

struct Relay {
    addr: String,
    objects: Arc<Mutex<Vec<Object>>>,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr.trim_start_matches("http://"));
    }
}

fn respond(stream: &mut TcpStream, status: &str, ctype: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// The fake relay's transparency log (PROTOCOL.md §10) over its objects.
fn log_leaves(objects: &[Object]) -> Vec<whistlebox_core::log::Leaf> {
    use sha2::Digest;
    use whistlebox_core::log::{Leaf, LeafKind};
    objects
        .iter()
        .map(|o| Leaf {
            kind: match o.kind {
                "followup" => LeafKind::Followup,
                "reply" => LeafKind::Reply,
                "status" => LeafKind::Status,
                _ => LeafKind::Report,
            },
            id: hex::decode(&o.id)
                .ok()
                .and_then(|b| b.try_into().ok())
                .unwrap_or([0; 16]),
            sha256: sha2::Sha256::digest(&o.body).into(),
            size: o.body.len() as u64,
        })
        .collect()
}

const LOG_ORIGIN: &str = "whistlebox.invalid/fake";

fn log_signer() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[7; 32])
}

fn log_vkey() -> whistlebox_core::log::VerifierKey {
    whistlebox_core::log::VerifierKey::from_public_key(LOG_ORIGIN, &log_signer().verifying_key())
}

/// The fake relay's log routes, or `None` for another route.
fn log_route(target: &str, objects: &[Object]) -> Option<(&'static str, Vec<u8>)> {
    use base64::Engine;
    use ed25519_dalek::Signer;
    use whistlebox_core::log::{checkpoint_body, encode_hash, MemoryTree};
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut tree = MemoryTree::new();
    let leaves = log_leaves(objects);
    for leaf in &leaves {
        tree.push(leaf);
    }
    let query = |name: &str| -> u64 {
        target
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap()
            .parse()
            .unwrap()
    };
    if target == "/api/log/key" {
        return Some((
            "text/plain",
            format!("{}\n", log_vkey().as_str()).into_bytes(),
        ));
    }
    if target == "/api/log/checkpoint" {
        let body = checkpoint_body(LOG_ORIGIN, tree.size(), &tree.root());
        let id = log_vkey().as_str().split('+').nth(1).unwrap().to_owned();
        let mut blob = u32::from_str_radix(&id, 16).unwrap().to_be_bytes().to_vec();
        blob.extend_from_slice(&log_signer().sign(body.as_bytes()).to_bytes());
        let note = format!("{body}\n\u{2014} {LOG_ORIGIN} {}\n", b64.encode(blob));
        return Some(("text/plain", note.into_bytes()));
    }
    if target.starts_with("/api/log/consistency?") {
        let (from, to) = (query("from"), query("to"));
        let proof: Vec<String> = tree
            .prove_consistency(from, to)
            .unwrap()
            .iter()
            .map(encode_hash)
            .collect();
        let json = serde_json::json!({"from": from, "to": to, "proof": proof});
        return Some(("application/json", json.to_string().into_bytes()));
    }
    if target.starts_with("/api/log/leaves?") {
        let (start, end) = (query("start"), query("end"));
        let leaves: Vec<String> = leaves[start as usize..end as usize]
            .iter()
            .map(|l| b64.encode(l.encode()))
            .collect();
        let json = serde_json::json!({"start": start, "end": end, "leaves": leaves});
        return Some(("application/json", json.to_string().into_bytes()));
    }
    None
}

fn serve(stream: TcpStream, objects: &Mutex<Vec<Object>>, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut authorized = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if line.to_ascii_lowercase().starts_with("authorization:") {
            authorized = line.trim_end() == format!("Authorization: Bearer {TOKEN}")
                || line.trim_end() == format!("authorization: Bearer {TOKEN}");
        }
    }
    let target = request.split(' ').nth(1).unwrap_or("").to_string();
    log.lock().unwrap().push(target.clone());
    if target == "/api/team" {
        let keyset =
            Keyset::from_toml(&fs::read_to_string(root().join("keys/team.toml")).unwrap()).unwrap();
        let team = serde_json::json!({
            "name": keyset.name,
            "fingerprint": keyset.fingerprint(),
            "stanza_type": "X25519",
            "min_recipients": 1,
            "max_body_bytes": 1 << 20,
            "investigators": keyset.investigators.iter().map(|i| serde_json::json!({
                "id": i.id, "name": i.name, "role": i.role, "recipient": i.recipient,
                "fingerprint": whistlebox_core::team::short_fingerprint(&i.recipient),
            })).collect::<Vec<_>>(),
        });
        return respond(
            &mut stream,
            "200 OK",
            "application/json",
            team.to_string().as_bytes(),
        );
    }
    if !authorized {
        return respond(
            &mut stream,
            "401 Unauthorized",
            "application/json",
            br#"{"error":"unauthorized","message":"a valid bearer token is required"}"#,
        );
    }
    let objects = objects.lock().unwrap();
    if let Some((ctype, body)) = log_route(&target, &objects) {
        return respond(&mut stream, "200 OK", ctype, &body);
    }
    if let Some(query) = target.strip_prefix("/api/inbox?") {
        let after: u64 = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("after="))
            .unwrap()
            .parse()
            .unwrap();
        // Pages of two, to exercise `more`.
        let rest: Vec<&Object> = objects.iter().filter(|o| o.seq > after).collect();
        let items: Vec<serde_json::Value> = rest
            .iter()
            .take(2)
            .map(|o| serde_json::json!({"id": o.id, "seq": o.seq, "kind": o.kind, "day": "2025-03-14", "size": o.body.len(), "mailbox": o.kind != "report", "leaf": o.seq - 1}))
            .collect();
        let inbox = serde_json::json!({"items": items, "more": rest.len() > 2});
        return respond(
            &mut stream,
            "200 OK",
            "application/json",
            inbox.to_string().as_bytes(),
        );
    }
    if let Some(id) = target.strip_prefix("/api/objects/") {
        if let Some(o) = objects.iter().find(|o| o.id == id) {
            return respond(&mut stream, "200 OK", "application/octet-stream", &o.body);
        }
    }
    respond(
        &mut stream,
        "404 Not Found",
        "application/json",
        br#"{"error":"not_found","message":"no such object"}"#,
    );
}

fn relay(objects: Vec<Object>) -> Relay {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let objects = Arc::new(Mutex::new(objects));
    let log = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let (o, l, s) = (objects.clone(), log.clone(), stop.clone());
    thread::spawn(move || {
        for stream in listener.incoming() {
            if s.load(Ordering::SeqCst) {
                break;
            }
            if let Ok(stream) = stream {
                serve(stream, &o, &l);
            }
        }
    });
    Relay {
        addr,
        objects,
        log,
        stop,
    }
}

/// Stdout is `first` and then the line of a verified log of `size` leaves.
fn assert_log_line(out: &Output, first: &str, size: u64) {
    let stdout = text(&out.stdout);
    let rest = stdout
        .strip_prefix(first)
        .unwrap_or_else(|| panic!("{stdout:?} does not start with {first:?}"));
    assert!(
        rest.starts_with(&format!("log verified: {size} leaves, root ")),
        "{stdout:?}"
    );
}

fn id(n: u8) -> String {
    format!("{:032x}", 0x1000 + u128::from(n))
}

#[test]
fn pull_checks_resumes_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    fs::write(&token, format!("{TOKEN}\n")).unwrap();
    let store = dir.path().join("store");
    let relay = relay(vec![
        Object {
            id: id(1),
            seq: 1,
            kind: "report",
            body: envelope(1, 65_536),
        },
        // Implied plaintext of 1 000 bytes: not a padding bucket (E7).
        Object {
            id: id(2),
            seq: 2,
            kind: "report",
            body: envelope(2, 1_000),
        },
        Object {
            id: id(3),
            seq: 3,
            kind: "report",
            body: envelope(3, 81_920),
        },
    ]);
    // An interrupted earlier pull: a temp file and a body without its .json.
    let objects = store.join("objects");
    fs::create_dir_all(&objects).unwrap();
    fs::write(
        objects.join(format!(".{:016}-{}.age.part", 1, id(1))),
        b"junk",
    )
    .unwrap();
    fs::write(
        objects.join(format!("{:016}-{}.age", 1, id(1))),
        b"truncated",
    )
    .unwrap();

    let args = [
        "pull",
        "--relay",
        &relay.addr,
        "--token-file",
        token.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--team",
        root().join("keys/team.toml").to_str().unwrap(),
    ]
    .map(str::to_string);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_whistlebox"))
            .args(&args)
            .output()
            .unwrap()
    };

    let out = run();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    // The refused object's leaf is taken from the log (PROTOCOL.md §10.7).
    assert_log_line(&out, "pulled 2 new objects (seq 1–3), store holds 2\n", 3);
    assert!(stderr.contains("pinned the relay's log key"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: object {} (seq 2) was not stored: rule E7",
            id(2)
        )),
        "{stderr}"
    );
    assert!(stderr.contains("[not_padding_bucket]"), "{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
    assert!(!stderr.contains(TOKEN) && !text(&out.stdout).contains(TOKEN));
    for n in [1u8, 3] {
        let seq = u64::from(n);
        let stem = format!("{seq:016}-{}", id(n));
        assert_eq!(
            fs::read(objects.join(format!("{stem}.age"))).unwrap(),
            envelope(n, if n == 1 { 65_536 } else { 81_920 })
        );
        let meta: serde_json::Value =
            serde_json::from_slice(&fs::read(objects.join(format!("{stem}.json"))).unwrap())
                .unwrap();
        assert_eq!(meta["seq"], seq);
        assert_eq!(meta["day"], "2025-03-14");
    }
    let leftovers: Vec<String> = fs::read_dir(&objects)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.') || n.contains(&id(2)))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Idempotent: nothing new is fetched.
    relay.log.lock().unwrap().clear();
    let out = run();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_log_line(&out, "no new objects, store holds 2\n", 3);
    assert!(!text(&out.stderr).contains("pinned"), "pinned once");
    let log = relay.log.lock().unwrap().clone();
    assert!(
        log.iter().all(|t| !t.starts_with("/api/objects/")),
        "{log:?}"
    );
    assert!(
        log.contains(&"/api/inbox?after=3&limit=1000".to_string()),
        "{log:?}"
    );

    // Resumes after the highest seq: only the new objects are fetched.
    relay.objects.lock().unwrap().extend([
        Object {
            id: id(4),
            seq: 4,
            kind: "report",
            body: envelope(4, 65_536),
        },
        Object {
            id: id(5),
            seq: 5,
            kind: "report",
            body: envelope(5, 65_536),
        },
        Object {
            id: id(6),
            seq: 6,
            kind: "report",
            body: envelope(6, 65_536),
        },
    ]);
    relay.log.lock().unwrap().clear();
    let out = run();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_log_line(&out, "pulled 3 new objects (seq 4–6), store holds 5\n", 6);
    let log = relay.log.lock().unwrap().clone();
    let fetched: Vec<&String> = log
        .iter()
        .filter(|t| t.starts_with("/api/objects/"))
        .collect();
    assert_eq!(fetched.len(), 3, "{log:?}");
}

#[test]
fn pull_reports_a_refused_token_and_a_hostile_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    fs::write(&token, format!("wbt_{}", "B".repeat(43))).unwrap();
    let store = dir.path().join("store");
    let relay = relay(vec![]);
    let out = whistlebox(&[
        "pull",
        "--relay",
        &relay.addr,
        "--token-file",
        token.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("refused the token"), "{stderr}");
    assert!(!stderr.contains(&"B".repeat(43)));

    // An object id that would escape the store is refused before any download.
    fs::write(&token, TOKEN).unwrap();
    relay.objects.lock().unwrap().push(Object {
        id: "../../../../tmp/evil".into(),
        seq: 1,
        kind: "report",
        body: envelope(1, 65_536),
    });
    let out = whistlebox(&[
        "pull",
        "--relay",
        &relay.addr,
        "--token-file",
        token.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("32 lowercase hex"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_dir(store.join("objects")).unwrap().count(), 0);
}

/// A real age file, as the CLI's `reply` writes one: three team stanzas, the
/// reporter's, and the `age` crate's grease stanza (PROTOCOL.md §8.3).
fn greased_answer() -> Vec<u8> {
    let reporter = age::x25519::Identity::generate().to_public();
    let team: Vec<age::x25519::Recipient> = ["alice", "bob", "carol"]
        .iter()
        .map(|n| recipient(n))
        .collect();
    let mut all: Vec<&dyn age::Recipient> = vec![&reporter];
    all.extend(team.iter().map(|r| r as &dyn age::Recipient));
    let container = encode(&manifest(&[("message", "hi")], &[]), &[]).unwrap();
    let mut out = Vec::new();
    let mut w = age::Encryptor::with_recipients(all.into_iter())
        .unwrap()
        .wrap_output(&mut out)
        .unwrap();
    w.write_all(&container).unwrap();
    w.finish().unwrap();
    out
}

#[test]
fn pull_applies_the_rules_of_the_kind_the_inbox_names() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    fs::write(&token, TOKEN).unwrap();
    let store = dir.path().join("store");
    let answer = greased_answer();
    let header_end = answer.windows(4).position(|w| w == b"\n---").unwrap();
    assert!(String::from_utf8_lossy(&answer[..header_end]).contains("-grease"));
    let relay = relay(vec![
        // As a reply: one stanza more than the team and a grease stanza are fine.
        Object {
            id: id(1),
            seq: 1,
            kind: "reply",
            body: answer.clone(),
        },
        // The same bytes listed as a report break E3/E4.
        Object {
            id: id(2),
            seq: 2,
            kind: "report",
            body: answer.clone(),
        },
        // An unknown kind is refused.
        Object {
            id: id(3),
            seq: 3,
            kind: "memo",
            body: envelope(3, 65_536),
        },
    ]);
    let out = whistlebox(&[
        "pull",
        "--relay",
        &relay.addr,
        "--token-file",
        token.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains("2 object(s) from the relay broke"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("object {} (seq 2) was not stored", id(2))),
        "{stderr}"
    );
    assert!(
        stderr.contains("[stanza_type]") || stderr.contains("[too_many_stanzas]"),
        "{stderr}"
    );
    assert!(stderr.contains("unknown kind \"memo\""), "{stderr}");
    let kept: Vec<String> = fs::read_dir(store.join("objects"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    let meta: serde_json::Value = serde_json::from_slice(
        &fs::read(store.join(format!("objects/0000000000000001-{}.json", id(1)))).unwrap(),
    )
    .unwrap();
    assert_eq!(meta["kind"], "reply");
    assert_eq!(meta["mailbox"], true);
}

/// Regenerates `tests/fixtures/store` for the snapshot cases in `tests/cmd`:
/// `cargo test -p whistlebox --test cli -- --ignored regenerate_fixture_store`.
/// The ciphertext is random, so the bytes change, but what the snapshots show
/// (ids, days, decrypted content) does not.
#[test]
#[ignore]
fn regenerate_fixture_store() {
    let store = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
    let _ = fs::remove_dir_all(&store);
    let minutes: &[u8] = b"Minutes of the team meeting, 12 March.\n";
    let m = Manifest {
        kind: Kind::Report,
        fields: [
            ("category", "harassment"),
            (
                "what",
                "My manager shouted at me in front of the team.\nIt happened twice.",
            ),
            ("when", "12 March 2025, around 10:00"),
            ("where", "Meeting room 4"),
            ("witnesses", "Two colleagues"),
            ("outcome", "I want it to stop."),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        attachments: vec![Attachment::describe("minutes.txt", "text/plain", minutes)],
        reply_key: None,
        client_time: "2025-03-14T09:30:00+01:00".into(),
        locale: "en".into(),
    };
    let container = encode(&m, &[minutes]).unwrap();
    put(
        &store,
        1,
        "5e1f0c0ffee000000000000000000001",
        &encrypt(&container, &["alice", "carol"]),
    );
    let other = encode(&manifest(&[("category", "fraud")], &[]), &[]).unwrap();
    put(
        &store,
        2,
        "7a2b0c0ffee000000000000000000002",
        &encrypt(&other, &["bob"]),
    );
}

#[test]
fn a_readable_key_file_gives_a_warning_but_works() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let loose = dir.path().join("alice.key");
    fs::copy(key("alice"), &loose).unwrap();
    fs::set_permissions(&loose, fs::Permissions::from_mode(0o644)).unwrap();
    let out = whistlebox(&[
        "cases",
        "--store",
        store.to_str().unwrap(),
        "-i",
        loose.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("warning: the key file "), "{stderr}");
    assert!(stderr.contains("(mode 644); run `chmod 600 "), "{stderr}");
    assert!(!stderr.contains("AGE-SECRET-KEY"));
}

#[test]
fn pull_raises_log_inconsistent_when_history_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    fs::write(&token, TOKEN).unwrap();
    let store = dir.path().join("store");
    let vkey = dir.path().join("log.vkey");
    fs::write(&vkey, format!("{}\n", log_vkey().as_str())).unwrap();
    let relay = relay(
        (1..=2)
            .map(|n| Object {
                id: id(n),
                seq: u64::from(n),
                kind: "report",
                body: envelope(n, 65_536),
            })
            .collect(),
    );
    let args = [
        "pull",
        "--relay",
        &relay.addr,
        "--token-file",
        token.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--log-key",
        vkey.to_str().unwrap(),
    ];
    let out = whistlebox(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("pinned the relay's log key"));
    assert_log_line(&out, "pulled 2 new objects (seq 1–2), store holds 2\n", 2);
    assert_eq!(
        fs::read_to_string(store.join("log/vkey")).unwrap(),
        format!("{}\n", log_vkey().as_str())
    );
    let kept = fs::read(store.join("log/checkpoint")).unwrap();
    // The relay rewrites an object it had logged: at the same size, then grown.
    relay.objects.lock().unwrap()[0].body = envelope(9, 65_536);
    for _ in 0..2 {
        let out = whistlebox(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        assert!(stderr.contains("LOG ALARM log_inconsistent:"), "{stderr}");
        assert_eq!(fs::read(store.join("log/checkpoint")).unwrap(), kept);
        relay.objects.lock().unwrap().push(Object {
            id: id(3),
            seq: 3,
            kind: "report",
            body: envelope(3, 65_536),
        });
    }
    // Another --log-key than the pinned one is refused before any request.
    let other = dir.path().join("other.vkey");
    let key = ed25519_dalek::SigningKey::from_bytes(&[8; 32]);
    let other_key =
        whistlebox_core::log::VerifierKey::from_public_key(LOG_ORIGIN, &key.verifying_key());
    fs::write(&other, other_key.as_str()).unwrap();
    let mut with_other = args;
    with_other[8] = other.to_str().unwrap();
    let out = whistlebox(&with_other);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("this store pinned"));
}
