//! Fuzz target: the relay's small parsers of request text and stored text
//! (`docs/PROTOCOL.md §4.2`, §4.3, §4.6, §4.7, §8.1; `crates/relay/src/store.rs`,
//! `tokens.rs`, `mailbox.rs`).
//!
//! The first byte chooses the parser, the rest is its input:
//! - `0` object ids, upload ids (path segments) and mailbox ids (stored
//!   form): each is accepted exactly when the text is 32 (64 for a mailbox)
//!   lowercase hex digits, and prints back as the input;
//! - `1` a `YYYY-MM-DD` day as stored in a record: accepted days print back
//!   as the input and are real calendar dates;
//! - `2` an investigator token (`tokens::hash`): accepted exactly when it is
//!   `wbt_` + 43 base64url characters that decode canonically to 32 bytes
//!   (re-encoding gives the same text); the hash is 64 lowercase hex digits,
//!   the SHA-256 of the token;
//! - `3` the `Whistlebox-Mailbox` header, 0–3 values separated by `\n`,
//!   through the real extractor (`MailboxHeader`): no header is `None`;
//!   exactly one value of 64 lowercase hex digits is the mailbox id
//!   `SHA-256(secret)`; anything else is `400 bad_mailbox`; the header is
//!   gone from the request afterwards, whatever the answer.
#![no_main]

use std::sync::OnceLock;

use axum::extract::FromRequestParts;
use axum::http::{HeaderValue, Request};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use whistlebox_relay::mailbox::{MailboxHeader, MAILBOX_HEADER};
use whistlebox_relay::store::{Day, MailboxId, ObjectId, UploadId};
use whistlebox_relay::{tokens, AppError};

fn lower_hex(text: &[u8], len: usize) -> bool {
    text.len() == len && text.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
    })
}

fn ids(text: &str) {
    let object = text.parse::<ObjectId>();
    let upload = text.parse::<UploadId>();
    let mailbox = text.parse::<MailboxId>();
    assert_eq!(object.is_ok(), lower_hex(text.as_bytes(), 32), "{text:?}");
    assert_eq!(upload.is_ok(), object.is_ok());
    assert_eq!(mailbox.is_ok(), lower_hex(text.as_bytes(), 64), "{text:?}");
    if let Ok(id) = object {
        assert_eq!(id.to_string(), text);
        assert_eq!(upload.unwrap().to_string(), text);
        assert_eq!(hex::encode(id.as_bytes()), text);
    }
    if let Ok(id) = mailbox {
        assert_eq!(id.to_string(), text);
    }
}

fn day(text: &str) {
    if let Ok(d) = text.parse::<Day>() {
        assert_eq!(d.to_string(), text);
        let date = d.date();
        assert_eq!(Day::from(date), d);
        // A JSON record holds the same text.
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), d);
    } else {
        assert!(serde_json::from_value::<Day>(serde_json::Value::String(text.into())).is_err());
    }
}

fn token(text: &str) {
    let canonical = text.strip_prefix("wbt_").is_some_and(|b| {
        b.len() == 43
            && URL_SAFE_NO_PAD
                .decode(b)
                .is_ok_and(|bytes| bytes.len() == 32 && URL_SAFE_NO_PAD.encode(&bytes) == b)
    });
    match tokens::hash(text) {
        Some(hash) => {
            assert!(canonical, "a non-canonical token has a hash: {text:?}");
            assert!(lower_hex(hash.as_bytes(), 64));
            assert_eq!(hash, hex::encode(Sha256::digest(text.as_bytes())));
        }
        None => assert!(!canonical, "a canonical token has no hash: {text:?}"),
    }
}

fn mailbox_header(bytes: &[u8]) {
    let values: Vec<HeaderValue> = if bytes.is_empty() {
        Vec::new()
    } else {
        bytes
            .split(|&b| b == b'\n')
            .take(3)
            .filter_map(|v| HeaderValue::from_bytes(v).ok())
            .collect()
    };
    let mut request = Request::builder().uri("/api/mailbox");
    for v in &values {
        request = request.header(MAILBOX_HEADER, v.clone());
    }
    let (mut parts, ()) = request.body(()).unwrap().into_parts();
    let result = runtime().block_on(MailboxHeader::from_request_parts(&mut parts, &()));
    assert!(parts.headers.get(MAILBOX_HEADER).is_none(), "the secret stayed in the request");
    match (values.as_slice(), result) {
        ([], Ok(MailboxHeader(None))) => {}
        ([one], Ok(MailboxHeader(Some(id)))) => {
            assert!(lower_hex(one.as_bytes(), 64));
            let mut secret = [0u8; 32];
            hex::decode_to_slice(one.as_bytes(), &mut secret).unwrap();
            assert_eq!(id, MailboxId::of_secret(&secret));
        }
        ([one], Err(AppError::BadMailbox)) => assert!(!lower_hex(one.as_bytes(), 64)),
        ([_, _, ..], Err(AppError::BadMailbox)) => {}
        (values, result) => panic!("{} values gave {:?}", values.len(), result.map(|m| m.0.is_some())),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 4 {
        0 => ids(&String::from_utf8_lossy(rest)),
        1 => day(&String::from_utf8_lossy(rest)),
        2 => token(&String::from_utf8_lossy(rest)),
        _ => mailbox_header(rest),
    }
});
