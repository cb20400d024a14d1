//! Padmé padding of the plaintext container (`docs/PROTOCOL.md §1.3`).
//!
//! The container is zero-padded to [`padded_len`] so that the ciphertext length
//! reveals only a coarse bucket: Padmé leaks O(log log L) bits of the length and
//! costs at most 12 % (at most 3.2 % above 64 KiB). The relay checks (rule E7,
//! §2) that every body it stores decrypts to a [padding bucket](is_bucket).

/// The smallest padded container length, 64 KiB (`PROTOCOL.md §1.3`).
pub const MIN_PADDED_LEN: u64 = 65_536;

/// Rounds `len` up with Padmé (Nikitin et al., PURBs, 2019; `PROTOCOL.md §1.3`).
///
/// `E = ⌊log2 L⌋; S = ⌊log2 E⌋ + 1; z = E − S; mask = 2^z − 1; (L + mask) & ¬mask`.
/// Lengths 0 and 1 are returned unchanged. Padmé is idempotent:
/// `padme(padme(x)) == padme(x)`.
///
/// A length whose rounded value does not fit in a `u64` (above
/// `2^64 − 2^57`) saturates to `u64::MAX`; no real container comes near it.
pub fn padme(len: u64) -> u64 {
    if len < 2 {
        return len;
    }
    let e = 63 - len.leading_zeros(); // ⌊log2 L⌋, ≥ 1
    let s = 32 - e.leading_zeros(); // ⌊log2 E⌋ + 1
    let z = e - s;
    let mask = (1u64 << z) - 1;
    match len.checked_add(mask) {
        Some(v) => v & !mask,
        None => u64::MAX,
    }
}

/// The padded length of a container of unpadded length `len`:
/// `max(MIN_PADDED_LEN, padme(len))` (`PROTOCOL.md §1.3`).
pub fn padded_len(len: u64) -> u64 {
    padme(len).max(MIN_PADDED_LEN)
}

/// Whether `len` is a padding bucket: `len ≥ MIN_PADDED_LEN` and
/// `padme(len) == len` (`PROTOCOL.md §1.3`, rule E7 of §2).
pub fn is_bucket(len: u64) -> bool {
    len >= MIN_PADDED_LEN && padme(len) == len
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A straightforward transcription of the formula, with floating-point-free
    /// logarithms computed by loops, to cross-check the bit tricks.
    fn padme_reference(l: u64) -> u64 {
        if l < 2 {
            return l;
        }
        let mut e = 0u32;
        while (l >> (e + 1)) != 0 {
            e += 1;
        }
        let mut log_e = 0u32;
        while (e >> (log_e + 1)) != 0 {
            log_e += 1;
        }
        let s = log_e + 1;
        let z = e - s;
        let mask = (1u128 << z) - 1;
        ((u128::from(l) + mask) & !mask) as u64
    }

    #[test]
    fn known_values() {
        assert_eq!(padme(0), 0);
        assert_eq!(padme(1), 1);
        assert_eq!(padme(2), 2);
        assert_eq!(padme(9), 10);
        assert_eq!(padme(65_536), 65_536);
        // 2^16 + 1: E = 16, S = 5, z = 11 → next multiple of 2048.
        assert_eq!(padme(65_537), 65_536 + 2_048);
        // 1 MB: E = 19, S = 5, z = 14 → multiples of 16 KiB.
        assert_eq!(padme(1_000_000), 1_015_808);
    }

    #[test]
    fn padded_len_has_a_floor() {
        assert_eq!(padded_len(0), MIN_PADDED_LEN);
        assert_eq!(padded_len(17), MIN_PADDED_LEN);
        assert_eq!(padded_len(65_536), 65_536);
        assert_eq!(padded_len(65_537), 67_584);
    }

    #[test]
    fn buckets() {
        assert!(is_bucket(65_536));
        assert!(is_bucket(67_584));
        assert!(!is_bucket(65_537));
        assert!(!is_bucket(1_024)); // a Padmé value, but below the floor
        assert!(!is_bucket(0));
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        assert_eq!(padme(u64::MAX), u64::MAX);
        assert_eq!(padme(1 << 63), 1 << 63);
    }

    proptest! {
        #[test]
        fn matches_reference(x in 0u64..(1 << 62)) {
            prop_assert_eq!(padme(x), padme_reference(x));
        }

        #[test]
        fn idempotent_and_not_smaller(x in 0u64..(1 << 62)) {
            let p = padme(x);
            prop_assert!(p >= x);
            prop_assert_eq!(padme(p), p);
        }

        #[test]
        fn overhead_at_most_12_percent(x in 1u64..(1 << 62)) {
            let p = padme(x);
            prop_assert!(u128::from(p - x) * 100 <= u128::from(x) * 12, "{} -> {}", x, p);
            if x >= MIN_PADDED_LEN {
                prop_assert!(u128::from(p - x) * 1000 <= u128::from(x) * 32, "{} -> {}", x, p);
            }
        }

        #[test]
        fn padded_len_is_a_bucket(x in 0u64..(1 << 62)) {
            let p = padded_len(x);
            prop_assert!(p >= x);
            prop_assert!(is_bucket(p));
        }
    }
}
