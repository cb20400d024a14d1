//! Fuzz target: the transparency log's parsers (`docs/PROTOCOL.md §10`,
//! `whistlebox_core::log`), which the CLI's `pull` and `audit log` run on what
//! a possibly hostile relay serves, and the relay on what it reads back.
//!
//! The first byte chooses the parser, the rest is its input:
//! - 0: a leaf (§10.1): on Ok it is exactly 58 bytes and encodes back to the
//!   input; its tombstone differs only in the kind byte;
//! - 1: a verifier key (§10.3): on Ok its name is a valid origin, its text
//!   parses again to the same key, and it is at most 256 bytes;
//! - 2: a signed checkpoint against a fixed key (the signed-note spec's
//!   example key): on Ok the note is at most 1 024 bytes, the origin is the
//!   key's name and the body's first lines are origin, size and root as
//!   parsed; never a panic on any note;
//! - 3: a proof hash: on Ok the text is the standard base64 of the 32 bytes.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use whistlebox_core::log::{self, Checkpoint, Leaf, VerifierKey};

const SPEC_VKEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, input)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => {
            if let Ok(leaf) = Leaf::parse(input) {
                assert_eq!(input.len(), log::LEAF_LEN);
                assert_eq!(&leaf.encode()[..], input, "a leaf has one encoding");
                let dead = leaf.tombstone().encode();
                let diff: Vec<usize> = (0..log::LEAF_LEN).filter(|&i| dead[i] != input[i]).collect();
                assert!(diff.is_empty() || diff == [1], "a tombstone changes only the kind byte");
                assert_eq!(leaf.hash(), Leaf::parse(input).unwrap().hash());
            }
        }
        1 => {
            let Ok(text) = std::str::from_utf8(input) else {
                return;
            };
            if let Ok(key) = VerifierKey::parse(text) {
                assert!(log::origin_is_valid(key.name()));
                assert!(key.as_str().len() <= log::MAX_VKEY_LEN);
                assert_eq!(VerifierKey::parse(key.as_str()).as_ref(), Ok(&key));
            }
        }
        2 => {
            let key = VerifierKey::parse(SPEC_VKEY).expect("the spec's key parses");
            if let Ok(checkpoint) = Checkpoint::verify(input, &key) {
                assert!(input.len() <= log::MAX_CHECKPOINT_LEN);
                assert_eq!(checkpoint.origin, key.name());
                let expected = log::checkpoint_body(&checkpoint.origin, checkpoint.size, &checkpoint.root);
                assert!(checkpoint.text.starts_with(&expected), "the body is origin, size, root");
            }
        }
        _ => {
            let Ok(text) = std::str::from_utf8(input) else {
                return;
            };
            if let Ok(hash) = log::decode_hash(text) {
                let again = base64::engine::general_purpose::STANDARD.encode(hash.0);
                assert_eq!(again, text, "one spelling per hash");
            }
        }
    }
});
