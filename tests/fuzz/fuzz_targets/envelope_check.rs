//! Fuzz target: the envelope rules E1–E8 (`docs/PROTOCOL.md §2`).
//!
//! The first [`RULES_LEN`] input bytes choose the rules and a split point; the
//! rest is the body. Properties:
//! - [`envelope::check`] and a [`Checker`] fed the body in two chunks, split
//!   at the chosen point, give the identical result (the chunking never
//!   matters); so does a byte-at-a-time feed for short bodies;
//! - once `update` fails, every later call fails with the same error;
//! - an accepted body's summary is consistent: lengths add up, the stanza
//!   count is within the rules, the header fits `header_max`, the payload has
//!   STREAM framing and implies a padding bucket, and the body fits
//!   `max_body_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whistlebox_core::envelope::{self, Checker, EnvelopeError, Rules, StanzaType, Summary};
use whistlebox_core::padding::is_bucket;

/// Input bytes that choose the rules and the split point:
/// `[type and grease, min, max, max_body_bytes (u32 BE) ×4, split (u16 BE) ×2]`.
const RULES_LEN: usize = 9;
/// Bodies up to this length are also fed one byte at a time.
const BYTEWISE_MAX: usize = 4_096;

fn rules_of(head: &[u8; RULES_LEN]) -> Rules {
    let stanza_type = if head[0] & 1 == 0 {
        StanzaType::X25519
    } else {
        StanzaType::MlKem768X25519
    };
    // Stanza bounds 1..=32, min ≤ max, as a relay's configuration has them.
    let a = 1 + usize::from(head[1] % 32);
    let b = 1 + usize::from(head[2] % 32);
    Rules {
        stanza_type,
        min_stanzas: a.min(b),
        max_stanzas: a.max(b),
        max_body_bytes: u64::from(u32::from_be_bytes([head[3], head[4], head[5], head[6]])),
        // Bit 1 of the type byte allows one grease stanza (PROTOCOL.md §8.3).
        grease: head[0] & 2 != 0,
    }
}

/// Feeds `chunks` to a new checker; checks that errors stick.
fn feed<'a>(
    rules: &Rules,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Result<Summary, EnvelopeError> {
    let mut checker = Checker::new(rules.clone());
    let mut first_error: Option<EnvelopeError> = None;
    for chunk in chunks {
        match (checker.update(chunk), &first_error) {
            (Err(e), None) => first_error = Some(e),
            (Err(e), Some(first)) => assert_eq!(&e, first, "a later update changed the error"),
            (Ok(()), Some(first)) => panic!("update succeeded after failing with {first}"),
            (Ok(()), None) => {}
        }
    }
    let result = checker.finish();
    if let Some(first) = first_error {
        assert_eq!(result.as_ref(), Err(&first), "finish changed the error");
    }
    result
}

fuzz_target!(|data: &[u8]| {
    let Some((head, body)) = data.split_first_chunk::<RULES_LEN>() else {
        return;
    };
    let rules = rules_of(head);
    let split = usize::from(u16::from_be_bytes([head[7], head[8]])) % (body.len() + 1);

    let whole = envelope::check(body, &rules);
    let (a, b) = body.split_at(split);
    let two = feed(&rules, [a, b]);
    assert_eq!(whole, two, "check and a Checker split at {split} disagree");
    if body.len() <= BYTEWISE_MAX {
        let bytewise = feed(&rules, body.chunks(1));
        assert_eq!(
            whole, bytewise,
            "check and a byte-at-a-time Checker disagree"
        );
    }

    match &whole {
        Ok(s) => {
            assert_eq!(s.total_len, body.len() as u64);
            assert_eq!(s.header_len as u64 + s.payload_len, s.total_len);
            assert!(s.total_len <= rules.max_body_bytes, "E8 not enforced");
            assert!(s.header_len <= rules.header_max(), "E5 not enforced");
            assert!(
                (rules.min_stanzas..=rules.max_stanzas).contains(&s.stanzas),
                "E4 not enforced: {} stanzas",
                s.stanzas
            );
            assert!(
                body.starts_with(b"age-encryption.org/v1\n"),
                "E1 not enforced"
            );
            assert_eq!(
                envelope::plaintext_len(s.payload_len),
                Some(s.plaintext_len)
            );
            assert_eq!(envelope::payload_len(s.plaintext_len), s.payload_len);
            assert!(is_bucket(s.plaintext_len), "E7 not enforced");
        }
        Err(e) => assert!(!e.code().is_empty()),
    }
});
