//! Shared helpers for the benchmark targets.

#![allow(dead_code)]

use std::time::Duration;

use base64::{engine::general_purpose::STANDARD_NO_PAD, Engine};
use rand::RngCore;

/// An envelope-valid age body (PROTOCOL.md §2) with `stanzas` X25519 stanzas
/// and a payload framing `plaintext_len` bytes. Random bytes stand in for the
/// ciphertext: the relay checks shape, not content, so this measures exactly
/// what a real report costs the relay.
pub fn envelope_body(stanzas: usize, plaintext_len: u64) -> Vec<u8> {
    let mut rng = rand::rngs::OsRng;
    let mut b64 = |n: usize| {
        let mut bytes = vec![0u8; n];
        rng.fill_bytes(&mut bytes);
        STANDARD_NO_PAD.encode(bytes)
    };
    let mut body = b"age-encryption.org/v1\n".to_vec();
    for _ in 0..stanzas {
        body.extend_from_slice(format!("-> X25519 {}\n{}\n", b64(32), b64(32)).as_bytes());
    }
    body.extend_from_slice(format!("--- {}\n", b64(32)).as_bytes());
    let payload = whistlebox_core::envelope::payload_len(plaintext_len);
    let mut tail = vec![0u8; usize::try_from(payload).unwrap()];
    rand::rngs::OsRng.fill_bytes(&mut tail);
    body.extend_from_slice(&tail);
    body
}

/// Formats a rate with three significant figures.
pub fn rate(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}
