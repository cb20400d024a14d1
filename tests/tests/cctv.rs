//! The official age test vectors (the CCTV testkit, npm package `cctv-age`,
//! pinned in `tests/vectors/cctv/package-lock.json`) run through the shipped
//! `whistlebox decrypt` binary.
//!
//! Every vector that decrypts with identities runs — X25519, hybrid
//! post-quantum (`mlkem768x25519`), armored and not — and so do the two that
//! need no key at all (`empty`, `armor_empty`, run with a fixture key); only the
//! passphrase (scrypt) vectors are skipped, since Whistlebox has no passphrase
//! keys. Each must have exactly its expected outcome:
//!
//! - `success`: exit 0 and the payload's SHA-256 on standard output, and the
//!   same bytes in `-o OUT`;
//! - `no match`: exit 4 (identity error);
//! - `header failure`, `HMAC failure`, `armor failure`, `payload failure`:
//!   exit 5 (integrity error); for a payload failure, standard output holds
//!   exactly the plaintext authenticated before the error (the vector's
//!   `payload` hash), and `-o OUT` leaves no file at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use whistlebox_tests::{bin, fixture_key, sha256_hex, workspace_root};

/// One vector: its `key: value` header lines and the age file.
struct Vector {
    name: String,
    header: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Vector {
    fn values(&self, key: &str) -> Vec<&str> {
        self.header
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn one(&self, key: &str) -> Option<&str> {
        let v = self.values(key);
        assert!(
            v.len() <= 1,
            "{}: {key} appears {} times",
            self.name,
            v.len()
        );
        v.first().copied()
    }
}

/// Writes the vectors with `node tests/vectors/cctv/extract.mjs` and reads them.
fn vectors(dir: &Path) -> Vec<Vector> {
    let pkg = workspace_root().join("tests/vectors/cctv");
    assert!(
        pkg.join("node_modules/cctv-age").exists(),
        "tests/vectors/cctv/node_modules is missing: run `npm ci --ignore-scripts` there (`bash tests/run.sh` does)"
    );
    let out = Command::new("node")
        .arg(pkg.join("extract.mjs"))
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run node (is Node.js 20 installed?)");
    assert!(
        out.status.success(),
        "extract.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut vectors = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let split = bytes
            .windows(2)
            .position(|w| w == b"\n\n")
            .unwrap_or_else(|| panic!("{name}: no blank line after the header"));
        let text = std::str::from_utf8(&bytes[..split]).unwrap();
        let header = text
            .lines()
            .map(|l| {
                let (k, v) = l
                    .split_once(": ")
                    .unwrap_or_else(|| panic!("{name}: bad header line {l:?}"));
                (k.to_string(), v.to_string())
            })
            .collect();
        vectors.push(Vector {
            name,
            header,
            body: bytes[split + 2..].to_vec(),
        });
    }
    vectors.sort_by(|a, b| a.name.cmp(&b.name));
    vectors
}

/// The exit code `whistlebox decrypt` must give for an `expect` value.
fn expected_exit(expect: &str) -> i32 {
    match expect {
        "success" => 0,
        "no match" => 4,
        "header failure" | "HMAC failure" | "armor failure" | "payload failure" => 5,
        other => panic!("unknown expect value {other:?}"),
    }
}

/// Runs one vector; returns a description of what went wrong, if anything.
fn run(v: &Vector, work: &Path) -> Result<(), String> {
    let expect = v.one("expect").ok_or("no expect line")?;
    let want = expected_exit(expect);
    let dir = work.join(&v.name);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("file.age");
    std::fs::write(&file, &v.body).unwrap();
    let key: PathBuf = {
        let ids = v.values("identity");
        if ids.is_empty() {
            // A vector that needs no key (`empty`): any identity will do.
            fixture_key("alice")
        } else {
            let path = dir.join("key.txt");
            std::fs::write(&path, ids.join("\n") + "\n").unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
            path
        }
    };
    let key = key.to_str().unwrap();

    // To standard output.
    let out = Command::new(bin("whistlebox"))
        .args(["decrypt", "-i", key, file.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if code != want {
        return Err(format!(
            "expect {expect:?}: exit {code}, wanted {want}; stderr: {stderr}"
        ));
    }
    if let Some(payload) = v.one("payload") {
        let got = sha256_hex(&out.stdout);
        if got != payload {
            return Err(format!(
                "expect {expect:?}: stdout ({} bytes) has SHA-256 {got}, wanted {payload}",
                out.stdout.len()
            ));
        }
    } else if expect == "success" {
        return Err("a success vector without a payload hash".into());
    }
    if want != 0 && (!stderr.contains("error:") || !stderr.contains("hint:")) {
        return Err(format!("the failure is not explained: {stderr}"));
    }

    // To -o OUT: the whole plaintext, or no file at all.
    let plain = dir.join("out.bin");
    let out = Command::new(bin("whistlebox"))
        .args(["decrypt", "-i", key, "-o", plain.to_str().unwrap()])
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let code_o = out.status.code().unwrap_or(-1);
    if code_o != want {
        return Err(format!("with -o: exit {code_o}, wanted {want}"));
    }
    let written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "file.age" && n != "key.txt")
        .collect();
    if want == 0 {
        let got = sha256_hex(&std::fs::read(&plain).map_err(|e| format!("with -o: {e}"))?);
        if Some(got.as_str()) != v.one("payload") || written != ["out.bin"] {
            return Err(format!("with -o: wrote {written:?}, hash {got}"));
        }
    } else if !written.is_empty() {
        return Err(format!("with -o: a failure left {written:?}"));
    }
    Ok(())
}

#[test]
fn every_official_age_vector_has_its_expected_outcome() {
    let tmp = tempfile::tempdir().unwrap();
    let all = vectors(&tmp.path().join("vectors"));
    let work = tmp.path().join("work");
    let known = [
        "expect",
        "payload",
        "file key",
        "identity",
        "passphrase",
        "armored",
        "comment",
    ];
    let mut skipped = Vec::new();
    let mut ran = Vec::new();
    let mut failures = BTreeMap::new();
    for v in &all {
        if let Some((k, _)) = v.header.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            panic!(
                "{}: unknown header key {k:?} (a new testkit version?)",
                v.name
            );
        }
        let passphrase_only = !v.values("passphrase").is_empty() && v.values("identity").is_empty();
        if passphrase_only {
            skipped.push(v.name.as_str());
            continue;
        }
        ran.push(v.name.as_str());
        if let Err(e) = run(v, &work) {
            failures.insert(v.name.as_str(), e);
        }
    }
    let passed = ran.len() - failures.len();
    println!(
        "cctv-age vectors: {} in all; ran {}, passed {passed}, skipped {} (passphrase only)",
        all.len(),
        ran.len(),
        skipped.len()
    );
    for (name, e) in &failures {
        println!("FAILED {name}: {e}");
    }
    assert!(
        failures.is_empty(),
        "{} vectors failed: {failures:#?}",
        failures.len()
    );
    // Nothing was dropped silently: the package holds 143 vectors, 118 of them
    // with identities or without keys, and every hybrid and armor vector ran.
    assert_eq!(all.len(), 143, "cctv-age 0.2.0 has 143 vectors");
    assert_eq!(ran.len(), 118);
    assert!(
        skipped
            .iter()
            .all(|n| n.starts_with("scrypt") || n.starts_with("armor_scrypt")),
        "{skipped:?}"
    );
    let count =
        |names: &[&str], prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
    let names: Vec<&str> = all.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(count(&ran, "hybrid"), 18, "every hybrid* vector runs");
    assert_eq!(count(&names, "hybrid"), 18);
    assert_eq!(
        count(&ran, "armor"),
        count(&names, "armor") - 1,
        "every armor* vector but armor_scrypt runs"
    );
}
