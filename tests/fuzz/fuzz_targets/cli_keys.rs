//! Fuzz target: the key and token strings the investigator CLI parses
//! (`docs/PROTOCOL.md §3`, §4.6, §6.1; `crates/cli/src/pq.rs`, `identity.rs`,
//! `relay.rs`). Key files are semi-trusted, but still parsed, and an error
//! must never echo a secret.
//!
//! The first byte chooses the parser, the rest is its input:
//! - `0` a post-quantum recipient `age1pq1…`: on Ok its `Display` is the
//!   input (one spelling per key) and parses again to the same key;
//! - `1` a post-quantum identity `AGE-SECRET-KEY-PQ-1…`: on Ok the identity
//!   string it writes back is the input in upper case, parses again to an
//!   identity with the same recipient, and that recipient round-trips;
//! - `2` an identity file (`identity::load`, through a real `0600` file):
//!   on Ok it holds one key per `AGE-SECRET-KEY-…` line; on Err the message
//!   quotes none of the file's key-looking lines;
//! - `3` an `mlkem768x25519` stanza for a fixed identity (`unwrap_stanza`):
//!   a stanza of another type is not addressed to it, a forged one never
//!   yields a file key; the second byte chooses between raw bytes and an
//!   argument of exactly the right length (so that HPKE runs);
//! - `4` a token file (`relay::read_token`, through a real file): on Ok it is
//!   the trimmed text, `wbt_` + 43 base64url characters; every token the
//!   relay would accept (`tokens::hash`) the CLI reads, and a token the CLI
//!   refuses the relay refuses too.
#![no_main]

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use age::secrecy::ExposeSecret;
use age_core::format::Stanza;
use libfuzzer_sys::fuzz_target;
use whistlebox::{identity, pq, relay};

/// Bytes of an X-Wing encapsulated key (ML-KEM-768 ciphertext + X25519 share).
const ENC_LEN: usize = pq::ENC_LEN;

/// A private scratch directory for the file-based parsers, made once.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a scratch directory"))
        .path()
}

/// Writes `bytes` to `name` in the scratch directory, mode `0600`.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .expect("the scratch file opens");
    f.write_all(bytes).expect("the scratch file is written");
    path
}

fn the_identity() -> &'static pq::Identity {
    static ID: OnceLock<pq::Identity> = OnceLock::new();
    ID.get_or_init(|| pq::Identity::from_seed(&[7u8; pq::SEED_LEN]))
}

fn recipient(text: &str) {
    if let Ok(r) = text.parse::<pq::Recipient>() {
        assert_eq!(r.to_string(), text, "a recipient has one spelling");
        assert!(text.parse::<pq::Recipient>().unwrap() == r);
    }
}

fn pq_identity(text: &str) {
    if let Ok(id) = text.parse::<pq::Identity>() {
        let written = id.to_string();
        assert_eq!(written.expose_secret(), text.to_uppercase());
        let again: pq::Identity = written.expose_secret().parse().expect("written back, read again");
        assert!(again.to_public() == id.to_public());
        let r = id.to_public().to_string();
        assert!(r.starts_with(pq::RECIPIENT_PREFIX));
        assert!(r.parse::<pq::Recipient>().unwrap() == id.to_public());
    }
}

fn identity_file(bytes: &[u8]) {
    let path = file("keys.txt", bytes);
    let result = identity::load(std::slice::from_ref(&path));
    let text = String::from_utf8_lossy(bytes);
    let key_lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| l.starts_with("AGE-SECRET-KEY-"))
        .collect();
    match result {
        Ok(ids) => {
            assert!(!ids.is_empty());
            assert_eq!(ids.len(), key_lines.len(), "one key per key line");
        }
        Err(e) => {
            let message = format!("{e}");
            for line in key_lines.iter().filter(|l| l.len() > 24) {
                assert!(!message.contains(line), "the error quotes a key line");
            }
        }
    }
}

fn stanza(data: &[u8]) {
    let (mode, rest) = data.split_first().unwrap_or((&0, &[]));
    let stanza = if mode & 1 == 0 {
        // Raw: a tag, arguments split at spaces, a body, separated by newlines.
        let mut parts = rest.splitn(3, |&b| b == b'\n');
        let tag = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
        let args = String::from_utf8_lossy(parts.next().unwrap_or_default())
            .split(' ')
            .map(str::to_owned)
            .collect();
        let body = parts.next().unwrap_or_default().to_vec();
        Stanza { tag, args, body }
    } else {
        // Well-shaped: one canonical argument of ENC_LEN bytes and a body
        // whose length the third byte chooses (32 is the right one).
        let (len, rest) = rest.split_first().unwrap_or((&32, &[]));
        let mut enc = rest.to_vec();
        enc.resize(ENC_LEN, 0);
        let mut body = rest.get(ENC_LEN..).unwrap_or_default().to_vec();
        body.resize(usize::from(*len % 64), 0);
        use base64::Engine as _;
        Stanza {
            tag: pq::STANZA_TAG.to_owned(),
            args: vec![base64::engine::general_purpose::STANDARD_NO_PAD.encode(&enc)],
            body,
        }
    };
    let tag_is_ours = stanza.tag == pq::STANZA_TAG;
    match age::Identity::unwrap_stanza(the_identity(), &stanza) {
        None => {}
        Some(Err(_)) => assert!(tag_is_ours, "another type's stanza is an error"),
        Some(Ok(_)) => panic!("a forged stanza unwrapped to a file key"),
    }
    if !tag_is_ours {
        assert!(age::Identity::unwrap_stanza(the_identity(), &stanza).is_none());
    }
}

fn token(bytes: &[u8]) {
    let path = file("token", bytes);
    let cli = relay::read_token(&path);
    let text = std::str::from_utf8(bytes).ok();
    let trimmed = text.map(str::trim);
    // What the relay accepts in `Authorization: Bearer …` (it trims too).
    let relay_accepts = trimmed.is_some_and(|t| whistlebox_relay::tokens::hash(t).is_some());
    match &cli {
        Ok(secret) => {
            let t = secret.expose_secret();
            assert_eq!(Some(t), trimmed);
            assert!(t.starts_with("wbt_") && t.len() == 47);
            assert!(t[4..]
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        }
        Err(e) => {
            assert!(!relay_accepts, "the relay accepts a token the CLI refuses");
            if let Some(t) = trimmed.filter(|t| t.len() > 8) {
                assert!(!format!("{e}").contains(t), "the error quotes the token");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 5 {
        0 => recipient(&String::from_utf8_lossy(rest)),
        1 => pq_identity(&String::from_utf8_lossy(rest)),
        2 => identity_file(rest),
        3 => stanza(rest),
        _ => token(rest),
    }
});
