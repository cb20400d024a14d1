//! Fuzz target: the `Whistlebox-Pow` header (`docs/PROTOCOL.md §9.1`–§9.3,
//! `whistlebox_core::pow`), which the relay parses before any body byte of an
//! anonymous write.
//!
//! The first byte chooses the mode, the rest is its input:
//! - even: a header value for `Solution::parse`: on Ok the value is at most
//!   `MAX_HEADER_LEN` bytes, the challenge has version 1, `bits` ≤ 32 and
//!   1–16 parts, there is one nonce per part, and `header_value()` gives back
//!   exactly the input (one spelling per solution); `verify` answers without
//!   panicking, and with 0 bits it always accepts;
//! - odd: a challenge built from the input with at most 6 bits per part: the
//!   solver's answer verifies, parses back from its header value, and the
//!   challenge parses back from its 39 bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whistlebox_core::pow::{self, Challenge, PowError, Solution};

fn parse(value: &[u8]) {
    let Ok(solution) = Solution::parse(value) else {
        return;
    };
    assert!(value.len() <= pow::MAX_HEADER_LEN);
    let c = solution.challenge;
    assert_eq!(c.as_bytes()[0], pow::VERSION);
    assert!(c.bits() <= pow::MAX_BITS);
    assert!((1..=pow::MAX_PARTS).contains(&c.parts()));
    assert_eq!(solution.nonces.len(), usize::from(c.parts()));
    assert_eq!(solution.header_value().as_bytes(), value, "two spellings of one solution");
    assert_eq!(Challenge::from_bytes(c.as_bytes()), Ok(c));
    match solution.verify() {
        Ok(()) => {}
        Err(PowError::WrongSolution { part }) => {
            assert!(c.bits() > 0, "0 bits refused");
            assert!(part < c.parts());
        }
        Err(e) => panic!("verify of a parsed solution: {e}"),
    }
}

fn solve(data: &[u8]) {
    let mut b = [0u8; 3 + 16 + pow::TAG_LEN];
    for (dst, src) in b.iter_mut().zip(data) {
        *dst = *src;
    }
    let bits = b[0] % 7;
    let parts = 1 + b[1] % pow::MAX_PARTS;
    let expiry = u32::from(b[2]) << 8;
    let random: [u8; 16] = b[3..19].try_into().unwrap();
    let tag: [u8; pow::TAG_LEN] = b[19..].try_into().unwrap();
    let challenge = Challenge::new(Challenge::signed(bits, parts, expiry, random), tag);
    assert_eq!(Challenge::from_bytes(challenge.as_bytes()), Ok(challenge));
    let solution = pow::solve(&challenge);
    assert_eq!(solution.verify(), Ok(()));
    let value = solution.header_value();
    assert_eq!(Solution::parse(value.as_bytes()), Ok(solution));
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        parse(rest);
    } else {
        solve(rest);
    }
});
