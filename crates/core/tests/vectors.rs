//! Shared container test vectors (`tests/vectors/container/*.txt`, `docs/PROTOCOL.md §1`).
//!
//! Every vector is in the CCTV testkit shape: `key: value` header lines, one
//! blank line, then the raw container bytes to the end of the file. Keys:
//! `expect` (`success` or a §1.1 error code), `description`, and for success
//! vectors `manifest` (canonical JSON, one line) and one `attachment` line per
//! attachment (standard base64 with padding, possibly empty).
//!
//! Every file is checked — `rust_*.txt` written here and `js_*.txt` written by
//! the JavaScript implementation alike: a success vector must decode to its
//! manifest and attachments, and encoding those must reproduce the bytes
//! exactly; an error vector must fail with exactly its code.
//!
//! With `WHISTLEBOX_BLESS=1` the `rust_*.txt` files are (re)written from fixed
//! inputs (no randomness, no clock) before they are checked.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use whistlebox_core::padding::padded_len;
use whistlebox_core::report::{self, Attachment, Kind, Manifest, ReportError, MAGIC, VERSION};

/// Every error code of `PROTOCOL.md §1.1`.
const ERROR_CODES: [&str; 11] = [
    "bad_magic",
    "unsupported_version",
    "manifest_too_long",
    "bad_length",
    "manifest_json",
    "manifest_not_canonical",
    "manifest_invalid",
    "attachment_size_mismatch",
    "attachment_hash_mismatch",
    "padding_nonzero",
    "trailing_bytes",
];

/// An X25519 recipient (the example team's Alice), used as a reply key.
const REPLY_KEY: &str = "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c";

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/container")
}

/// One parsed vector file.
struct Vector {
    expect: String,
    description: String,
    manifest: Option<String>,
    attachments: Vec<Vec<u8>>,
    bytes: Vec<u8>,
}

fn parse_vector(name: &str, data: &[u8]) -> Vector {
    let split = data
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or_else(|| panic!("{name}: no blank line after the header"));
    let header = std::str::from_utf8(&data[..split])
        .unwrap_or_else(|e| panic!("{name}: header is not UTF-8: {e}"));
    let mut v = Vector {
        expect: String::new(),
        description: String::new(),
        manifest: None,
        attachments: Vec::new(),
        bytes: data[split + 2..].to_vec(),
    };
    for line in header.split('\n') {
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: header line without a colon: {line:?}"));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match key {
            "expect" => v.expect = value.to_owned(),
            "description" => v.description = value.to_owned(),
            "manifest" => v.manifest = Some(value.to_owned()),
            "attachment" => v.attachments.push(
                STANDARD
                    .decode(value)
                    .unwrap_or_else(|e| panic!("{name}: attachment is not base64: {e}")),
            ),
            other => panic!("{name}: unknown header key {other:?}"),
        }
    }
    assert!(!v.expect.is_empty(), "{name}: no expect line");
    assert!(!v.description.is_empty(), "{name}: no description line");
    v
}

fn check_vector(name: &str, v: &Vector) {
    if v.expect == "success" {
        let json = v
            .manifest
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: success vector without a manifest line"));
        let manifest: Manifest = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{name}: manifest line does not parse: {e}"));
        assert_eq!(
            manifest.to_canonical_json(),
            json.as_bytes(),
            "{name}: manifest line is not canonical"
        );
        let decoded = report::decode(&v.bytes)
            .unwrap_or_else(|e| panic!("{name}: expected success, got {}: {e}", e.code()));
        assert_eq!(decoded.manifest, manifest, "{name}: decoded manifest");
        assert_eq!(
            decoded.attachments, v.attachments,
            "{name}: decoded attachments"
        );
        let bodies: Vec<&[u8]> = v.attachments.iter().map(Vec::as_slice).collect();
        let encoded = report::encode(&manifest, &bodies)
            .unwrap_or_else(|e| panic!("{name}: encode failed: {e}"));
        assert!(
            encoded == v.bytes,
            "{name}: encode does not reproduce the bytes"
        );
        // The streaming reader agrees.
        let mut reader = report::Reader::new(v.bytes.as_slice()).unwrap();
        let mut streamed = Vec::new();
        while reader
            .copy_next_attachment(&mut streamed)
            .unwrap()
            .is_some()
        {}
        reader.finish().unwrap();
        assert_eq!(
            streamed,
            v.attachments.concat(),
            "{name}: streamed attachments"
        );
    } else {
        assert!(
            ERROR_CODES.contains(&v.expect.as_str()),
            "{name}: unknown expect {:?}",
            v.expect
        );
        match report::decode(&v.bytes) {
            Ok(_) => panic!("{name}: expected {}, but it decoded", v.expect),
            Err(e) => assert_eq!(e.code(), v.expect, "{name}: got {e}"),
        }
    }
}

#[test]
fn container_vectors() {
    if std::env::var("WHISTLEBOX_BLESS").as_deref() == Ok("1") {
        bless();
    }
    let mut seen = BTreeMap::<String, usize>::new();
    let mut names = Vec::new();
    for entry in fs::read_dir(vector_dir()).expect("tests/vectors/container exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let v = parse_vector(&name, &fs::read(&path).unwrap());
        check_vector(&name, &v);
        *seen.entry(v.expect.clone()).or_default() += 1;
        names.push(name);
    }
    for code in ERROR_CODES {
        assert!(seen.contains_key(code), "no vector expects {code}");
    }
    assert!(seen.get("bad_length").copied().unwrap_or(0) >= 2);
    assert!(seen.contains_key("success"));
    // Every vector this side generates is present (no stale or missing file).
    let generated: BTreeSet<String> = rust_vectors().into_iter().map(|g| g.file).collect();
    let present: BTreeSet<String> = names
        .into_iter()
        .filter(|n| n.starts_with("rust_"))
        .collect();
    assert_eq!(
        present, generated,
        "run with WHISTLEBOX_BLESS=1 to regenerate"
    );
}

/// A vector to generate.
struct Generated {
    file: String,
    expect: &'static str,
    description: &'static str,
    input: Option<(Manifest, Vec<Vec<u8>>)>,
    bytes: Vec<u8>,
}

impl Generated {
    fn render(&self) -> Vec<u8> {
        let mut out = format!(
            "expect: {}\ndescription: {}\n",
            self.expect, self.description
        );
        if let Some((m, bodies)) = &self.input {
            out.push_str("manifest: ");
            out.push_str(std::str::from_utf8(&m.to_canonical_json()).unwrap());
            out.push('\n');
            for b in bodies {
                out.push_str("attachment:");
                if !b.is_empty() {
                    out.push(' ');
                    out.push_str(&STANDARD.encode(b));
                }
                out.push('\n');
            }
        }
        out.push('\n');
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.bytes);
        bytes
    }
}

fn bless() {
    let dir = vector_dir();
    fs::create_dir_all(&dir).unwrap();
    let vectors = rust_vectors();
    let keep: BTreeSet<&str> = vectors.iter().map(|g| g.file.as_str()).collect();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("rust_") && name.ends_with(".txt") && !keep.contains(name.as_str()) {
            fs::remove_file(&path).unwrap();
        }
    }
    for g in &vectors {
        fs::write(dir.join(&g.file), g.render()).unwrap();
    }
}

/// Deterministic bytes that look random (splitmix64).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn manifest(kind: Kind, f: &[(&str, &str)], attachments: Vec<Attachment>) -> Manifest {
    Manifest {
        kind,
        fields: fields(f),
        attachments,
        reply_key: None,
        client_time: "2025-03-01T09:30:00.000Z".to_owned(),
        locale: "en".to_owned(),
    }
}

fn success(file: &str, description: &'static str, m: Manifest, bodies: Vec<Vec<u8>>) -> Generated {
    let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
    let bytes = report::encode(&m, &refs).unwrap();
    Generated {
        file: format!("rust_{file}.txt"),
        expect: "success",
        description,
        input: Some((m, bodies)),
        bytes,
    }
}

fn failure(
    file: &str,
    expect: &'static str,
    description: &'static str,
    bytes: Vec<u8>,
) -> Generated {
    Generated {
        file: format!("rust_{file}.txt"),
        expect,
        description,
        input: None,
        bytes,
    }
}

/// A container with a hand-written manifest and a correct layout otherwise.
fn raw_container(json: &[u8], body: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(json);
    out.extend_from_slice(&(body.len() as u64).to_be_bytes());
    out.extend_from_slice(body);
    out.resize(padded_len(out.len() as u64) as usize, 0);
    out
}

/// The base of most error vectors: a report with two attachments.
fn two_attachments() -> (Manifest, Vec<Vec<u8>>) {
    let photo = noise(1, 100_000);
    let note = b"Meeting notes, 3 March.\n".to_vec();
    let m = manifest(
        Kind::Report,
        &[
            ("category", "harassment"),
            ("what", "Repeated comments in team meetings."),
            ("when", "February 2025"),
        ],
        vec![
            Attachment::describe("photo.jpg", "image/jpeg", &photo),
            Attachment::describe("notes.txt", "text/plain", &note),
        ],
    );
    (m, vec![photo, note])
}

const SMALL_JSON: &str =
    r#"{"kind":"report","fields":{"what":"x"},"attachments":[],"client_time":"t","locale":"en"}"#;

fn rust_vectors() -> Vec<Generated> {
    let mut v = Vec::new();

    // ---- success ----
    v.push(success(
        "report_no_attachments",
        "report with form fields and no attachments (padded to 64 KiB)",
        manifest(
            Kind::Report,
            &[
                ("category", "retaliation"),
                ("what", "I was moved off the project after I complained."),
            ],
            vec![],
        ),
        vec![],
    ));
    let (m, bodies) = two_attachments();
    v.push(success(
        "report_two_attachments",
        "two attachments of different sizes, one over 64 KiB (padding bucket above 64 KiB)",
        m,
        bodies,
    ));
    let doc = "会議の記録 📎".as_bytes().to_vec();
    let pic = noise(2, 3_000);
    v.push(success(
        "report_non_ascii",
        "CJK and emoji in fields, file names and media types",
        Manifest {
            locale: "ja-JP".into(),
            ..manifest(
                Kind::Report,
                &[
                    ("what", "上司が会議中に繰り返し発言した。😡"),
                    ("where", "Zürich — 本社 3F 🏢"),
                ],
                vec![
                    Attachment::describe("議事録 📝.txt", "text/plain; charset=utf-8", &doc),
                    Attachment::describe("写真😀.png", "image/png", &pic),
                ],
            )
        },
        vec![doc, pic],
    ));
    v.push(success(
        "report_escaping",
        "control characters, quotes, backslashes, DEL and HTML in a field (JSON escaping)",
        manifest(
            Kind::Report,
            &[
                ("what", "He said \"stop\" \\ left.\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1b}\u{1f}\u{7f} </script><b>x</b> &amp; /"),
                ("when", "line one\r\nline two"),
            ],
            vec![],
        ),
        vec![],
    ));
    let note = b"Nothing new since last week.\n".to_vec();
    v.push(success(
        "followup_empty_attachment",
        "followup with an empty attachment and an empty media type",
        Manifest {
            client_time: String::new(),
            ..manifest(
                Kind::Followup,
                &[("message", "The second file is empty on purpose.")],
                vec![
                    Attachment::describe("update.txt", "text/plain", &note),
                    Attachment::describe("empty.bin", "", b""),
                ],
            )
        },
        vec![note, Vec::new()],
    ));
    v.push(success(
        "report_reply_key",
        "report with a reply_key (placed between attachments and client_time)",
        Manifest {
            reply_key: Some(REPLY_KEY.into()),
            ..manifest(Kind::Report, &[("what", "Please answer me.")], vec![])
        },
        vec![],
    ));
    v.push(success(
        "status",
        "status update from the investigators",
        manifest(
            Kind::Status,
            &[
                ("note", "We have opened an investigation."),
                ("state", "investigating"),
            ],
            vec![],
        ),
        vec![],
    ));

    // ---- errors, one or more per code of PROTOCOL.md §1.1 ----
    let (m, bodies) = two_attachments();
    let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
    let good = report::encode(&m, &refs).unwrap();
    let json_len = m.to_canonical_json().len();
    let body_at = 17 + json_len;
    let unpadded = body_at + 100_000 + bodies[1].len();

    let mut b = good.clone();
    b[..4].copy_from_slice(b"WBOx");
    v.push(failure(
        "bad_magic",
        "bad_magic",
        "the first four bytes are WBOx, not WBOX",
        b,
    ));
    v.push(failure(
        "bad_magic_short",
        "bad_magic",
        "only 8 bytes: shorter than magic, version and manifest_len",
        good[..8].to_vec(),
    ));
    let mut b = good.clone();
    b[4] = 2;
    v.push(failure(
        "unsupported_version",
        "unsupported_version",
        "version byte 0x02",
        b,
    ));
    let mut b = good.clone();
    b[5..9].copy_from_slice(&65_537u32.to_be_bytes());
    v.push(failure(
        "manifest_too_long",
        "manifest_too_long",
        "manifest_len is 65537, one over MANIFEST_MAX",
        b,
    ));
    let mut b = good.clone();
    b[5..9].copy_from_slice(&0u32.to_be_bytes());
    v.push(failure(
        "bad_length_manifest_zero",
        "bad_length",
        "manifest_len is 0",
        b,
    ));
    let mut b = raw_container(SMALL_JSON.as_bytes(), b"");
    b[5..9].copy_from_slice(&(SMALL_JSON.len() as u32 + 100).to_be_bytes());
    b.truncate(9 + SMALL_JSON.len() + 50);
    v.push(failure(
        "bad_length_manifest_past_end",
        "bad_length",
        "manifest_len runs past the end of the input",
        b,
    ));
    v.push(failure(
        "bad_length_truncated_body",
        "bad_length",
        "input ends inside the first attachment (body_len runs past the end)",
        good[..body_at + 50_000].to_vec(),
    ));
    v.push(failure(
        "bad_length_truncated_padding",
        "bad_length",
        "input ends inside the padding (shorter than the padded length)",
        good[..good.len() - 1].to_vec(),
    ));

    let json_cases: [(&str, &'static str, String); 4] = [
        ("syntax", "the manifest is truncated JSON", r#"{"kind":"report","fields":{"what":"x"},"attachments":[],"client_time":"t","#.into()),
        ("unknown_key", "the manifest adds a key (\"extra\")", SMALL_JSON.replace(r#","locale":"en"}"#, r#","locale":"en","extra":"x"}"#)),
        ("missing_key", "the manifest misses the locale key", SMALL_JSON.replace(r#","locale":"en"}"#, "}")),
        ("wrong_type", "an attachment size is a string", r#"{"kind":"report","fields":{},"attachments":[{"name":"a","type":"","size":"0","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}],"client_time":"t","locale":"en"}"#.into()),
    ];
    for (name, description, json) in json_cases {
        v.push(failure(
            &format!("manifest_json_{name}"),
            "manifest_json",
            description,
            raw_container(json.as_bytes(), b""),
        ));
    }
    let mut bad_utf8 = SMALL_JSON.as_bytes().to_vec();
    let at = SMALL_JSON.find(r#""x""#).unwrap() + 1;
    bad_utf8[at] = 0xff;
    v.push(failure(
        "manifest_json_invalid_utf8",
        "manifest_json",
        "the manifest holds the byte 0xff (not UTF-8)",
        raw_container(&bad_utf8, b""),
    ));

    let canon_cases: [(&str, &'static str, String); 5] = [
        ("whitespace", "a space after a colon", SMALL_JSON.replacen(r#""kind":"#, r#""kind": "#, 1)),
        ("unsorted_fields", "field keys not sorted", r#"{"kind":"report","fields":{"what":"x","category":"y"},"attachments":[],"client_time":"t","locale":"en"}"#.into()),
        ("key_order", "top-level keys out of order (fields before kind)", r#"{"fields":{"what":"x"},"kind":"report","attachments":[],"client_time":"t","locale":"en"}"#.into()),
        ("escape", "a needless escape (\\u0078 for x)", SMALL_JSON.replace(r#""what":"x""#, r#""what":"\u0078""#)),
        ("reply_key_null", "reply_key is null instead of omitted", SMALL_JSON.replace(r#""attachments":[],"#, r#""attachments":[],"reply_key":null,"#)),
    ];
    for (name, description, json) in canon_cases {
        v.push(failure(
            &format!("manifest_not_canonical_{name}"),
            "manifest_not_canonical",
            description,
            raw_container(json.as_bytes(), b""),
        ));
    }

    let invalid_cases: [(&str, &'static str, String); 4] = [
        (
            "kind",
            "kind is not one of report, followup, reply, status",
            SMALL_JSON.replace(r#""report""#, r#""complaint""#),
        ),
        (
            "field_key",
            "a field key starts with an upper-case letter",
            SMALL_JSON.replace(r#""what""#, r#""What""#),
        ),
        (
            "locale",
            "locale has an underscore",
            SMALL_JSON.replace(r#""en""#, r#""en_US""#),
        ),
        (
            "reply_key",
            "reply_key is not an age recipient",
            SMALL_JSON.replace(
                r#""attachments":[],"#,
                r#""attachments":[],"reply_key":"age1notarecipient","#,
            ),
        ),
    ];
    for (name, description, json) in invalid_cases {
        v.push(failure(
            &format!("manifest_invalid_{name}"),
            "manifest_invalid",
            description,
            raw_container(json.as_bytes(), b""),
        ));
    }

    let mut b = good.clone();
    b[9 + json_len..17 + json_len]
        .copy_from_slice(&((100_000 + bodies[1].len() as u64 - 1).to_be_bytes()));
    v.push(failure(
        "attachment_size_mismatch",
        "attachment_size_mismatch",
        "body_len is one less than the sum of the attachment sizes",
        b,
    ));
    let mut b = good.clone();
    b[body_at + 100_000 + 3] ^= 0x20;
    v.push(failure(
        "attachment_hash_mismatch",
        "attachment_hash_mismatch",
        "one bit of the second attachment is flipped",
        b,
    ));
    let mut b = good.clone();
    let last = b.len() - 1;
    b[last] = 1;
    v.push(failure(
        "padding_nonzero",
        "padding_nonzero",
        "the last padding byte is 0x01",
        b,
    ));
    let mut b = good.clone();
    b[unpadded] = 0x80;
    v.push(failure(
        "padding_nonzero_first",
        "padding_nonzero",
        "the first padding byte is 0x80",
        b,
    ));
    let mut b = good;
    b.push(0);
    v.push(failure(
        "trailing_bytes",
        "trailing_bytes",
        "one zero byte after the padded length",
        b,
    ));

    v
}

#[test]
fn generated_vectors_fail_for_the_stated_reason() {
    // Independently of the files: each generated error vector fails with its
    // code and each success vector round-trips.
    for g in rust_vectors() {
        let parsed = parse_vector(&g.file, &g.render());
        assert_eq!(parsed.bytes, g.bytes);
        check_vector(&g.file, &parsed);
    }
    // Sanity: the error type names the codes this file expects.
    assert_eq!(ReportError::TrailingBytes.code(), "trailing_bytes");
}
