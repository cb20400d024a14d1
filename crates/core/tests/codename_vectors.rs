//! Shared codename test vectors (`tests/vectors/codename/*.txt`, `docs/PROTOCOL.md §7`).
//!
//! Every vector is a list of `key: value` lines (the CCTV testkit header shape,
//! without a body). Keys: `expect` (`success` or a §7.2 error code),
//! `description`, `input` (the codename as typed, a JSON string so that tabs
//! and line breaks survive); for success vectors `normalised`,
//! `mailbox_secret` (hex), `mailbox_id`, `reply_recipient`,
//! `reply_identity`, `reply_identity_pq` and `reply_recipient_pq`; for
//! `unknown_word` its `position`, for `wrong_word_count` the number of words
//! `found`.
//!
//! Every file is checked — `rust_*.txt` written here and `js_*.txt` written by
//! `web/test/codename.test.mjs` alike. With `WHISTLEBOX_BLESS=1` the
//! `rust_*.txt` files are (re)written from the fixed inputs below before they
//! are checked.
//!
//! `whistlebox-core` does not link ML-KEM, so it cannot compute the
//! post-quantum reply recipient (`reply_recipient_pq`, `age1pq1…`) of a
//! `reply_identity_pq` seed: here that line is only parsed (lower-case bech32,
//! HRP `age1pq`, 1 216 bytes) and, when blessing, kept from the file on disk;
//! `web/test/codename.test.mjs` writes it into `rust_*.txt` from typage and
//! checks its value in every file (`PROTOCOL.md §7.4`), and the CLI's
//! post-quantum module checks it against its own key generation.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32, Hrp};
use whistlebox_core::codename::{self, derive, normalise, CodenameError};
use whistlebox_core::envelope::StanzaType;
use x25519_dalek::{PublicKey, StaticSecret};

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/codename")
}

/// The inputs of the `rust_*.txt` vectors: file stem, description, input.
const RUST_VECTORS: &[(&str, &str, &str)] = &[
    (
        "rust_canonical",
        "already normalised: seven list words joined by single hyphens",
        "correct-battery-staple-velvet-lantern-quarry-puzzle",
    ),
    (
        "rust_first_and_last_words",
        "the first and the last word of the list, and a word repeated",
        "abacus zoom abacus zoom harbor glacier karate",
    ),
    (
        "rust_messy_separators",
        "mixed case, tabs, no-break space, runs of - _ . and spaces, separators at both ends",
        "  ..Correct\tBATTERY -_- staple\u{a0}Velvet..lantern__quarry  puzzle-\r\n",
    ),
    (
        "rust_unknown_word",
        "the fourth word is not in the list",
        "correct battery staple horse lantern quarry puzzle",
    ),
    (
        "rust_unknown_word_before_count",
        "an unknown word is reported even when the count is also wrong",
        "correct battery orbit",
    ),
    (
        "rust_unicode_not_lowercased",
        "only ASCII letters are lowercased: a Kelvin sign (U+212A) does not become k",
        "\u{212a}arate battery staple velvet lantern quarry puzzle",
    ),
    (
        "rust_hyphenated_eff_word",
        "t-shirt (removed from the EFF list) splits into two unknown words",
        "t-shirt battery staple velvet lantern quarry puzzle",
    ),
    (
        "rust_six_words",
        "six words",
        "correct battery staple velvet lantern quarry",
    ),
    (
        "rust_eight_words",
        "eight words",
        "correct battery staple velvet lantern quarry puzzle harbor",
    ),
    ("rust_empty", "the empty string", ""),
    (
        "rust_only_separators",
        "nothing but separators",
        " \t-_.\u{a0}\n ",
    ),
];

/// `input` as a JSON string with every non-ASCII character escaped
/// (`\u00a0`), so that invisible characters stay visible in the file.
fn json_ascii(input: &str) -> String {
    let mut out = String::new();
    for c in serde_json::to_string(input).unwrap().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// Renders one vector file for `input`, from the implementation under test.
/// `recipient_pq` is the `reply_recipient_pq` line's value, which this side
/// cannot compute (see the module docs): the one on disk, if any.
fn render(description: &str, input: &str, recipient_pq: Option<&str>) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: &str| {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(v);
        out.push('\n');
    };
    let input_json = json_ascii(input);
    match derive(input) {
        Ok(d) => {
            line("expect", "success");
            line("description", description);
            line("input", &input_json);
            line("normalised", &normalise(input).unwrap());
            line("mailbox_secret", &hex::encode(d.expose_mailbox_secret()));
            line("mailbox_id", &d.mailbox_id());
            line("reply_recipient", &d.reply_recipient());
            line("reply_identity", &d.reply_identity_string());
            line("reply_identity_pq", &d.reply_identity_pq_string());
            if let Some(r) = recipient_pq {
                line("reply_recipient_pq", r);
            }
        }
        Err(e) => {
            line("expect", e.code());
            line("description", description);
            line("input", &input_json);
            match e {
                CodenameError::UnknownWord { position } => line("position", &position.to_string()),
                CodenameError::WrongWordCount { found } => line("found", &found.to_string()),
                other => panic!("no vector field for {other:?}"),
            }
        }
    }
    out
}

fn parse(name: &str, text: &str) -> BTreeMap<String, String> {
    assert!(text.ends_with('\n'), "{name}: no final newline");
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let (k, v) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("{name}: line without \": \": {line:?}"));
        assert!(
            map.insert(k.to_owned(), v.to_owned()).is_none(),
            "{name}: duplicate key {k}"
        );
    }
    map
}

/// The X25519 public key of an `AGE-SECRET-KEY-1…` string, as an `age1…` recipient.
fn recipient_of_identity(identity: &str) -> String {
    assert_eq!(identity, identity.to_uppercase(), "identity is upper case");
    let checked = CheckedHrpstring::new::<Bech32>(identity).expect("identity is bech32");
    assert_eq!(checked.hrp().as_str(), "AGE-SECRET-KEY-");
    let bytes: Vec<u8> = checked.byte_iter().collect();
    let scalar: [u8; 32] = bytes.try_into().expect("identity holds 32 bytes");
    let public = PublicKey::from(&StaticSecret::from(scalar));
    bech32::encode_lower::<Bech32>(Hrp::parse("age").unwrap(), public.as_bytes()).unwrap()
}

/// Checks the shape of an `mlkem768x25519` recipient (`age1pq1…`): lower-case
/// bech32 with HRP `age1pq`, a valid checksum and 1 216 data bytes (the
/// keyset's own recipient check, `PROTOCOL.md §3`).
fn check_pq_recipient(name: &str, recipient: &str) {
    assert!(recipient.starts_with("age1pq1"), "{name}: age1pq1…");
    assert_eq!(
        whistlebox_core::team::recipient_type(recipient).ok(),
        Some(StanzaType::MlKem768X25519),
        "{name}: reply_recipient_pq is an mlkem768x25519 recipient"
    );
}

/// What the stock `age-keygen -y` says the identity's recipient is, if installed.
fn age_keygen_recipient(identity: &str) -> Option<String> {
    let mut child = match Command::new("age-keygen")
        .arg("-y")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!("skipping the age-keygen check: age-keygen not found ({e})");
            return None;
        }
    };
    writeln!(child.stdin.take().unwrap(), "{identity}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "age-keygen -y refused the identity: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap().trim().to_owned())
}

fn check(name: &str, v: &BTreeMap<String, String>) {
    let get = |k: &str| {
        v.get(k)
            .unwrap_or_else(|| panic!("{name}: no {k} line"))
            .as_str()
    };
    assert!(!get("description").is_empty(), "{name}: empty description");
    let input: String = serde_json::from_str(get("input"))
        .unwrap_or_else(|e| panic!("{name}: input is not a JSON string: {e}"));
    let expect = get("expect");
    let allowed: &[&str] = match expect {
        "success" => &[
            "normalised",
            "mailbox_secret",
            "mailbox_id",
            "reply_recipient",
            "reply_identity",
            "reply_identity_pq",
            "reply_recipient_pq",
        ],
        "unknown_word" => &["position"],
        "wrong_word_count" => &["found"],
        other => panic!("{name}: unknown expect {other:?}"),
    };
    for k in v.keys() {
        assert!(
            ["expect", "description", "input"].contains(&k.as_str())
                || allowed.contains(&k.as_str()),
            "{name}: unexpected key {k}"
        );
    }
    match derive(&input) {
        Ok(d) => {
            assert_eq!(expect, "success", "{name}: derived, expected {expect}");
            assert_eq!(normalise(&input).unwrap(), get("normalised"), "{name}");
            // The normalised form is a fixed point and derives the same secrets.
            assert_eq!(normalise(get("normalised")).unwrap(), get("normalised"));
            let again = derive(get("normalised")).unwrap();
            assert_eq!(again.expose_mailbox_secret(), d.expose_mailbox_secret());
            assert_eq!(
                hex::encode(d.expose_mailbox_secret()),
                get("mailbox_secret"),
                "{name}: mailbox_secret"
            );
            assert_eq!(d.mailbox_id(), get("mailbox_id"), "{name}: mailbox_id");
            let secret: [u8; 32] = hex::decode(get("mailbox_secret"))
                .unwrap()
                .try_into()
                .unwrap();
            assert_eq!(codename::mailbox_id_of(&secret), get("mailbox_id"));
            assert_eq!(d.reply_recipient(), get("reply_recipient"), "{name}");
            assert_eq!(
                d.reply_identity_string().as_str(),
                get("reply_identity"),
                "{name}: reply_identity"
            );
            assert_eq!(
                recipient_of_identity(get("reply_identity")),
                get("reply_recipient"),
                "{name}: the identity's public key is the recipient"
            );
            if let Some(r) = age_keygen_recipient(get("reply_identity")) {
                assert_eq!(r, get("reply_recipient"), "{name}: age-keygen -y");
            }
            assert_eq!(
                d.reply_identity_pq_string().as_str(),
                get("reply_identity_pq"),
                "{name}: reply_identity_pq"
            );
            let checked = CheckedHrpstring::new::<Bech32>(get("reply_identity_pq"))
                .expect("reply_identity_pq is bech32");
            assert_eq!(checked.hrp().as_str(), "AGE-SECRET-KEY-PQ-", "{name}");
            assert_eq!(checked.byte_iter().len(), 32, "{name}: a 32-byte seed");
            check_pq_recipient(name, get("reply_recipient_pq"));
        }
        Err(e) => {
            assert_eq!(e.code(), expect, "{name}: {e}");
            let detail = match e {
                CodenameError::UnknownWord { position } => position,
                CodenameError::WrongWordCount { found } => found,
                other => panic!("{name}: unexpected error {other:?}"),
            };
            assert_eq!(
                detail.to_string(),
                get(allowed[0]),
                "{name}: {}",
                allowed[0]
            );
        }
    }
}

/// The value of a vector file's `reply_recipient_pq` line, if it has one.
fn recipient_pq_line(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix("reply_recipient_pq: "))
}

#[test]
fn codename_vectors() {
    let dir = vector_dir();
    if std::env::var_os("WHISTLEBOX_BLESS").is_some_and(|v| v == "1") {
        fs::create_dir_all(&dir).unwrap();
        for (stem, description, input) in RUST_VECTORS {
            let path = dir.join(format!("{stem}.txt"));
            let on_disk = fs::read_to_string(&path).ok();
            let kept = on_disk.as_deref().and_then(recipient_pq_line);
            fs::write(&path, render(description, input, kept)).unwrap();
        }
    }
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let (mut rust, mut js) = (0, 0);
    for name in &names {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let v = parse(name, &text);
        check(name, &v);
        *seen.entry(v["expect"].clone()).or_default() += 1;
        if name.starts_with("rust_") {
            rust += 1;
            // What is on disk is what this implementation writes.
            let stem = name.trim_end_matches(".txt");
            let (_, description, input) = RUST_VECTORS
                .iter()
                .find(|(s, _, _)| *s == stem)
                .unwrap_or_else(|| panic!("{name}: not among RUST_VECTORS"));
            assert_eq!(
                text,
                render(
                    description,
                    input,
                    v.get("reply_recipient_pq").map(String::as_str)
                ),
                "{name}: stale, re-bless"
            );
        } else if name.starts_with("js_") {
            js += 1;
        } else {
            panic!("{name}: vector names start with rust_ or js_");
        }
    }
    assert_eq!(rust, RUST_VECTORS.len(), "every rust_ vector is on disk");
    assert!(js >= 4, "the JavaScript side's vectors are present ({js})");
    assert!(seen.get("success").copied().unwrap_or(0) >= 6, "{seen:?}");
    assert!(
        seen.get("unknown_word").copied().unwrap_or(0) >= 2,
        "{seen:?}"
    );
    assert!(
        seen.get("wrong_word_count").copied().unwrap_or(0) >= 3,
        "{seen:?}"
    );
}

#[test]
fn word_list_is_the_one_the_page_uses() {
    // web/src/wordlist.js is generated from the same text file; the JS test
    // checks it byte for byte, this checks the list it embeds.
    let js =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/src/wordlist.js"))
            .unwrap();
    let words: Vec<&str> = js
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.strip_suffix("\","))
        .collect();
    assert_eq!(words, codename::wordlist());
}
