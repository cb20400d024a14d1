//! Anti-spam proof of work (`docs/PROTOCOL.md §9`): the challenge layout,
//! the `Whistlebox-Pow` header, and the key-less halves of verification —
//! parsing, checking a solution, and solving.
//!
//! The relay issues a [`Challenge`] whose last 16 bytes are an HMAC tag over
//! the rest; the tag, the expiry and the single-use rule are the relay's
//! business (`crates/relay/src/pow.rs`). Here is only what the relay, the test
//! harness and a load generator share: a solution is `parts` nonces, nonce
//! `j` such that SHA-256([`seed`]`(challenge, j)` ‖ nonce as u64 big-endian)
//! starts with `bits` zero bits (§9.2). Each attempt is one SHA-256
//! compression on every side, so a native solver gains nothing from caching
//! a midstate.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The challenge layout's version byte (§9.1).
pub const VERSION: u8 = 0x01;

/// Bytes of a challenge: version, bits, parts, expiry (u32), 16 random
/// bytes, 16 bytes of tag (§9.1).
pub const CHALLENGE_LEN: usize = 39;

/// Bytes of a challenge covered by its tag (all but the tag).
pub const SIGNED_LEN: usize = 23;

/// Bytes of the tag, HMAC-SHA-256 truncated (§9.1).
pub const TAG_LEN: usize = 16;

/// The most leading zero bits a challenge may ask for per part (§9.1).
pub const MAX_BITS: u8 = 32;

/// The most parts a challenge may have (§9.1).
pub const MAX_PARTS: u8 = 16;

/// The longest `Whistlebox-Pow` header value accepted (§9.3): 52 characters
/// of challenge, then at most [`MAX_PARTS`] × (1 + 20) of nonces.
pub const MAX_HEADER_LEN: usize = 52 + (MAX_PARTS as usize) * 21;

/// The domain-separation prefix of a part's seed (§9.2).
pub const DOMAIN: &[u8] = b"whistlebox-pow/v1";

/// The name of the header that carries a solution (§9.3).
pub const HEADER: &str = "whistlebox-pow";

/// Why a `Whistlebox-Pow` header or a solution is refused (§9.4).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PowError {
    /// The header breaks the syntax of §9.3 (`bad_pow`).
    #[error("the Whistlebox-Pow header is malformed: {0}")]
    Malformed(&'static str),
    /// A nonce does not give its part enough zero bits (`pow_invalid`).
    #[error("nonce {part} does not solve its part of the challenge")]
    WrongSolution {
        /// The first part whose nonce fails.
        part: u8,
    },
}

/// A challenge as issued by the relay (§9.1): 39 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Challenge {
    bytes: [u8; CHALLENGE_LEN],
}

impl std::fmt::Debug for Challenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Challenge")
            .field("bits", &self.bits())
            .field("parts", &self.parts())
            .finish_non_exhaustive()
    }
}

impl Challenge {
    /// The signed part of a new challenge: version, `bits`, `parts`,
    /// `expiry` and `random` (§9.1); the relay computes the tag over it.
    pub fn signed(bits: u8, parts: u8, expiry: u32, random: [u8; 16]) -> [u8; SIGNED_LEN] {
        let mut out = [0u8; SIGNED_LEN];
        out[0] = VERSION;
        out[1] = bits;
        out[2] = parts;
        out[3..7].copy_from_slice(&expiry.to_be_bytes());
        out[7..23].copy_from_slice(&random);
        out
    }

    /// The challenge of `signed` bytes and their `tag`.
    pub fn new(signed: [u8; SIGNED_LEN], tag: [u8; TAG_LEN]) -> Challenge {
        let mut bytes = [0u8; CHALLENGE_LEN];
        bytes[..SIGNED_LEN].copy_from_slice(&signed);
        bytes[SIGNED_LEN..].copy_from_slice(&tag);
        Challenge { bytes }
    }

    /// Parses 39 bytes: the version must be [`VERSION`], `bits` at most
    /// [`MAX_BITS`], `parts` in `1..=`[`MAX_PARTS`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Challenge, PowError> {
        let bytes: [u8; CHALLENGE_LEN] = bytes
            .try_into()
            .map_err(|_| PowError::Malformed("the challenge is not 39 bytes"))?;
        if bytes[0] != VERSION {
            return Err(PowError::Malformed("unknown challenge version"));
        }
        if bytes[1] > MAX_BITS {
            return Err(PowError::Malformed("bits over 32"));
        }
        if !(1..=MAX_PARTS).contains(&bytes[2]) {
            return Err(PowError::Malformed("parts outside 1..=16"));
        }
        Ok(Challenge { bytes })
    }

    /// The 39 bytes.
    pub fn as_bytes(&self) -> &[u8; CHALLENGE_LEN] {
        &self.bytes
    }

    /// The bytes the tag covers.
    pub fn signed_bytes(&self) -> &[u8] {
        &self.bytes[..SIGNED_LEN]
    }

    /// The tag.
    pub fn tag(&self) -> &[u8] {
        &self.bytes[SIGNED_LEN..]
    }

    /// Leading zero bits asked of each part.
    pub fn bits(&self) -> u8 {
        self.bytes[1]
    }

    /// Number of parts (nonces) of a solution.
    pub fn parts(&self) -> u8 {
        self.bytes[2]
    }

    /// The expiry: seconds on the issuing relay's monotonic clock.
    pub fn expiry(&self) -> u32 {
        u32::from_be_bytes([self.bytes[3], self.bytes[4], self.bytes[5], self.bytes[6]])
    }

    /// The 16 random bytes that make the challenge unique.
    pub fn random(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out.copy_from_slice(&self.bytes[7..SIGNED_LEN]);
        out
    }

    /// The challenge in unpadded base64url (52 characters), as in `POST /api/pow`.
    pub fn to_base64(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.bytes)
    }
}

/// A challenge with one nonce per part (§9.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// The challenge solved.
    pub challenge: Challenge,
    /// Nonce `j` solves part `j`.
    pub nonces: Vec<u64>,
}

impl Solution {
    /// Parses a `Whistlebox-Pow` header value (§9.3):
    /// `<challenge base64url>.<nonce_0>.….<nonce_{parts-1}>`, nonces in
    /// decimal without leading zeros, at most [`MAX_HEADER_LEN`] bytes.
    pub fn parse(value: &[u8]) -> Result<Solution, PowError> {
        if value.len() > MAX_HEADER_LEN {
            return Err(PowError::Malformed("longer than 388 bytes"));
        }
        let text = std::str::from_utf8(value).map_err(|_| PowError::Malformed("not ASCII text"))?;
        let mut fields = text.split('.');
        let encoded = fields.next().unwrap_or_default();
        if encoded.len() != 52 {
            return Err(PowError::Malformed(
                "the challenge is not 52 base64url characters",
            ));
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| PowError::Malformed("the challenge is not base64url"))?;
        let challenge = Challenge::from_bytes(&bytes)?;
        let nonces = fields.map(parse_nonce).collect::<Result<Vec<u64>, _>>()?;
        if nonces.len() != usize::from(challenge.parts()) {
            return Err(PowError::Malformed(
                "the number of nonces is not the challenge's parts",
            ));
        }
        Ok(Solution { challenge, nonces })
    }

    /// The header value: [`Solution::parse`] reads it back to `self`.
    pub fn header_value(&self) -> String {
        let mut out = self.challenge.to_base64();
        for nonce in &self.nonces {
            out.push('.');
            out.push_str(&nonce.to_string());
        }
        out
    }

    /// Whether every nonce solves its part (§9.2): at most `parts` seeds and
    /// `parts` attempts, so at most 2 × 16 hashes.
    pub fn verify(&self) -> Result<(), PowError> {
        let bits = self.challenge.bits();
        for (j, nonce) in self.nonces.iter().enumerate() {
            let part = u8::try_from(j).map_err(|_| PowError::Malformed("too many nonces"))?;
            if !solves(&seed(&self.challenge, part), *nonce, bits) {
                return Err(PowError::WrongSolution { part });
            }
        }
        Ok(())
    }
}

/// A nonce: 1–20 decimal digits, no leading zero, at most `u64::MAX`.
fn parse_nonce(text: &str) -> Result<u64, PowError> {
    let canonical = !text.is_empty()
        && text.len() <= 20
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if !canonical {
        return Err(PowError::Malformed(
            "a nonce is not a decimal number without leading zeros",
        ));
    }
    text.parse()
        .map_err(|_| PowError::Malformed("a nonce is over 2^64 - 1"))
}

/// The seed of part `part`: SHA-256(`whistlebox-pow/v1` ‖ challenge ‖ part) (§9.2).
pub fn seed(challenge: &Challenge, part: u8) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(DOMAIN);
    hash.update(challenge.as_bytes());
    hash.update([part]);
    hash.finalize().into()
}

/// The attempt hash: SHA-256(seed ‖ nonce as u64 big-endian), 40 bytes in,
/// one compression (§9.2).
pub fn attempt(seed: &[u8; 32], nonce: u64) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(seed);
    hash.update(nonce.to_be_bytes());
    hash.finalize().into()
}

/// Leading zero bits of `hash`, most significant bit of byte 0 first.
pub fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut count = 0;
    for byte in hash {
        if *byte == 0 {
            count += 8;
        } else {
            return count + byte.leading_zeros();
        }
    }
    count
}

/// Whether `nonce` gives at least `bits` leading zero bits for `seed`.
pub fn solves(seed: &[u8; 32], nonce: u64, bits: u8) -> bool {
    leading_zero_bits(&attempt(seed, nonce)) >= u32::from(bits)
}

/// Solves `challenge`: for each part, the smallest nonce from 0 up that
/// solves it. Expected `parts × 2^bits` attempts.
pub fn solve(challenge: &Challenge) -> Solution {
    let bits = challenge.bits();
    let nonces = (0..challenge.parts())
        .map(|part| {
            let seed = seed(challenge, part);
            (0u64..)
                .find(|nonce| solves(&seed, *nonce, bits))
                .expect("a nonce below 2^64 solves any part of at most 32 bits")
        })
        .collect();
    Solution {
        challenge: *challenge,
        nonces,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn challenge(bits: u8, parts: u8) -> Challenge {
        Challenge::new(Challenge::signed(bits, parts, 600, [7; 16]), [9; TAG_LEN])
    }

    #[test]
    fn leading_zero_bits_counts_each_bit() {
        for bit in 0..256u32 {
            let mut hash = [0u8; 32];
            hash[(bit / 8) as usize] = 0x80 >> (bit % 8);
            assert_eq!(leading_zero_bits(&hash), bit);
        }
        assert_eq!(leading_zero_bits(&[0u8; 32]), 256);
        assert_eq!(leading_zero_bits(&[0xff; 32]), 0);
    }

    #[test]
    fn the_layout_is_as_documented() {
        let c = challenge(12, 8);
        let bytes = c.as_bytes();
        assert_eq!(&bytes[..7], &[1, 12, 8, 0, 0, 2, 0x58]);
        assert_eq!((c.bits(), c.parts(), c.expiry()), (12, 8, 600));
        assert_eq!(c.random(), [7; 16]);
        assert_eq!(c.tag(), &[9; 16]);
        assert_eq!(c.to_base64().len(), 52);
    }

    #[test]
    fn a_solution_solves_each_part_and_nothing_is_spared() {
        let c = challenge(8, 8);
        let solution = solve(&c);
        solution.verify().unwrap();
        for part in 0..8u8 {
            let seed = seed(&c, part);
            let nonce = solution.nonces[usize::from(part)];
            assert!(leading_zero_bits(&attempt(&seed, nonce)) >= 8);
            // The smallest: every nonce below fails.
            assert!((0..nonce).all(|n| !solves(&seed, n, 8)));
        }
        let mut wrong = solution.clone();
        wrong.nonces[3] = (0..).find(|n| !solves(&seed(&c, 3), *n, 8)).unwrap();
        assert_eq!(wrong.verify(), Err(PowError::WrongSolution { part: 3 }));
    }

    #[test]
    fn bad_headers_are_named() {
        let good = solve(&challenge(4, 2)).header_value();
        let (head, _) = good.split_once('.').unwrap();
        let cases: Vec<String> = vec![
            String::new(),
            head.to_owned(),
            format!("{head}.1"),
            format!("{head}.1.2.3"),
            format!("{head}.01.2"),
            format!("{head}.1."),
            format!("{head}.-1.2"),
            format!("{head}.+1.2"),
            format!("{head}.18446744073709551616.2"),
            format!("{head}.1.2{}", "0".repeat(400)),
            good.replacen(&head[..2], "!!", 1),
            good.replace(head, &URL_SAFE_NO_PAD.encode([0u8; 39])),
        ];
        for case in cases {
            assert!(
                matches!(
                    Solution::parse(case.as_bytes()),
                    Err(PowError::Malformed(_))
                ),
                "{case:?}"
            );
        }
        let max = format!("{head}.18446744073709551615.0");
        assert_eq!(
            Solution::parse(max.as_bytes()).unwrap().nonces,
            [u64::MAX, 0]
        );
    }

    /// tests/vectors/pow/solutions.json, written by the JavaScript solver
    /// (web/scripts/make-pow-vectors.mjs): the Rust one agrees on every byte.
    #[test]
    fn the_javascript_solver_agrees() {
        let text = include_str!("../../../tests/vectors/pow/solutions.json");
        let vectors: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        assert!(vectors.len() >= 6);
        for v in vectors {
            let header = v["header"].as_str().unwrap();
            let solution = Solution::parse(header.as_bytes()).unwrap();
            let c = solution.challenge;
            assert_eq!(c.to_base64(), v["challenge"].as_str().unwrap());
            assert_eq!(u64::from(c.bits()), v["bits"].as_u64().unwrap());
            assert_eq!(u64::from(c.parts()), v["parts"].as_u64().unwrap());
            assert_eq!(hex::encode(seed(&c, 0)), v["seed_0"].as_str().unwrap());
            let expected: Vec<u64> = v["nonces"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect();
            assert_eq!(solve(&c).nonces, expected, "{header}");
            assert_eq!(solution.nonces, expected);
            let first = attempt(&seed(&c, 0), expected[0]);
            assert_eq!(hex::encode(first), v["attempt_0"].as_str().unwrap());
            solution.verify().unwrap();
            assert_eq!(solve(&c).header_value(), header);
        }
    }

    proptest! {
        #[test]
        fn solve_verify_and_the_header_round_trip(
            bits in 0u8..=6, parts in 1u8..=MAX_PARTS, expiry: u32, random: [u8; 16],
        ) {
            let c = Challenge::new(Challenge::signed(bits, parts, expiry, random), [1; 16]);
            let solution = solve(&c);
            prop_assert_eq!(solution.nonces.len(), usize::from(parts));
            solution.verify().unwrap();
            let text = solution.header_value();
            prop_assert!(text.len() <= MAX_HEADER_LEN);
            prop_assert_eq!(Solution::parse(text.as_bytes()).unwrap(), solution);
        }
    }
}
