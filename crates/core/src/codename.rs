//! The reporter's codename and what is derived from it (`docs/PROTOCOL.md §7`).
//!
//! A codename is seven words of the word list ([`wordlist`], §7.1), chosen
//! uniformly at random in the reporter's browser. It is the reporter's only
//! credential. [`normalise`] turns what a person typed back into the one
//! canonical form (§7.2); [`derive()`] runs HKDF-SHA-256 over it (§7.3) and gives
//! a [`Derived`]: the mailbox secret, the mailbox id the relay stores (the
//! SHA-256 of the secret), the reporter's age X25519 reply key pair and the
//! seed of the post-quantum (`mlkem768x25519`) reply identity.
//!
//! Secrets are zeroized when dropped and never printed: [`Derived`]'s `Debug`
//! shows nothing, and [`CodenameError`] names a word's position, never the word.

use std::fmt;
use std::sync::OnceLock;

use bech32::{Bech32, Hrp};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// Number of words in a codename (`PROTOCOL.md §7.2`).
pub const WORD_COUNT: usize = 7;

/// Number of words in the word list (`PROTOCOL.md §7.1`).
pub const WORDLIST_LEN: usize = 7_772;

/// HKDF-SHA-256 salt of the derivation (`PROTOCOL.md §7.3`).
pub const SALT: &[u8] = b"whistlebox-codename-v1";

/// HKDF info string of the mailbox secret (`PROTOCOL.md §7.3`).
pub const INFO_MAILBOX_SECRET: &[u8] = b"mailbox-secret";

/// HKDF info string of the reply key (`PROTOCOL.md §7.3`).
pub const INFO_REPLY_KEY: &[u8] = b"reply-key";

/// HKDF info string of the post-quantum reply key's seed (`PROTOCOL.md §7.3`).
pub const INFO_REPLY_KEY_PQ: &[u8] = b"reply-key-pq";

/// The word list file: `#` comment lines (source and license), then one word a line.
const WORDLIST_FILE: &str = include_str!("codename_wordlist.txt");

/// Bech32 human-readable part of an age X25519 recipient (`age1…`).
const RECIPIENT_HRP: &str = "age";

/// Bech32 human-readable part of an age X25519 identity (`AGE-SECRET-KEY-1…`).
const IDENTITY_HRP: &str = "age-secret-key-";

/// Bech32 human-readable part of an age `mlkem768x25519` identity
/// (`AGE-SECRET-KEY-PQ-1…`, c2sp.org/age).
const IDENTITY_PQ_HRP: &str = "age-secret-key-pq-";

/// Why a codename was refused (`PROTOCOL.md §7.2`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodenameError {
    /// A word is not in the word list; `position` counts from 1.
    #[error("unknown_word: word {position} of the codename is not in the word list")]
    UnknownWord {
        /// Position of the first unknown word, counting from 1.
        position: usize,
    },
    /// Every word is known but there are not exactly seven of them.
    #[error("wrong_word_count: a codename has exactly 7 words, this one has {found}")]
    WrongWordCount {
        /// How many words were found.
        found: usize,
    },
}

impl CodenameError {
    /// The stable error code of `PROTOCOL.md §7.2` (`unknown_word`, `wrong_word_count`).
    pub fn code(&self) -> &'static str {
        match self {
            CodenameError::UnknownWord { .. } => "unknown_word",
            CodenameError::WrongWordCount { .. } => "wrong_word_count",
        }
    }
}

/// The word list of `PROTOCOL.md §7.1`: 7 772 distinct words of `[a-z]`, sorted.
pub fn wordlist() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        WORDLIST_FILE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .collect()
    })
}

/// Whether `word` is in the word list (binary search: the list is sorted).
pub fn is_word(word: &str) -> bool {
    wordlist().binary_search(&word).is_ok()
}

/// A character that separates words (`PROTOCOL.md §7.2`): ASCII white space,
/// no-break space, `-`, `_` and `.`.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' | ' ' | '\u{a0}' | '-' | '_' | '.'
    )
}

/// Normalises a codename as typed (`PROTOCOL.md §7.2`): ASCII letters are
/// lowercased, runs of separators (white space, `-`, `_`, `.`) split words and
/// are dropped at both ends, and the words are joined by single `-`.
///
/// Errors, checked in this order: the first word (from the left) that is not
/// in the list is [`CodenameError::UnknownWord`]; then a count other than
/// seven is [`CodenameError::WrongWordCount`] (an empty input has 0 words).
pub fn normalise(input: &str) -> Result<String, CodenameError> {
    let mut out = String::with_capacity(WORD_COUNT * 10);
    let mut found = 0;
    for word in input.split(is_separator).filter(|w| !w.is_empty()) {
        found += 1;
        let lower = Zeroizing::new(word.to_ascii_lowercase());
        if !is_word(&lower) {
            // Wipe what was gathered so far before giving up.
            drop(Zeroizing::new(out));
            return Err(CodenameError::UnknownWord { position: found });
        }
        // Past the seventh word only the count matters.
        if found <= WORD_COUNT {
            if found > 1 {
                out.push('-');
            }
            out.push_str(&lower);
        }
    }
    if found != WORD_COUNT {
        drop(Zeroizing::new(out));
        return Err(CodenameError::WrongWordCount { found });
    }
    Ok(out)
}

/// Everything derived from one codename (`PROTOCOL.md §7.3`).
///
/// The secrets are zeroized on drop; `Debug` prints no field.
pub struct Derived {
    /// HKDF-Expand(info = "mailbox-secret", 32).
    mailbox_secret: Zeroizing<[u8; 32]>,
    /// HKDF-Expand(info = "reply-key", 32): the X25519 scalar of the reply identity.
    reply_secret: Zeroizing<[u8; 32]>,
    /// X25519(reply_secret, 9): the reply recipient's key.
    reply_public: [u8; 32],
    /// HKDF-Expand(info = "reply-key-pq", 32): the seed of the
    /// `mlkem768x25519` reply identity.
    reply_pq_seed: Zeroizing<[u8; 32]>,
}

impl fmt::Debug for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Derived").finish_non_exhaustive()
    }
}

impl Derived {
    /// The 32-byte mailbox secret, which the reporter presents to the relay.
    /// This is the one access point to it.
    pub fn expose_mailbox_secret(&self) -> &[u8; 32] {
        &self.mailbox_secret
    }

    /// The mailbox id: lowercase hex SHA-256 of the mailbox secret — the only
    /// value of the codename the relay stores.
    pub fn mailbox_id(&self) -> String {
        mailbox_id_of(&self.mailbox_secret)
    }

    /// The reporter's reply key as an age X25519 recipient (`age1…`), to be put
    /// in the report manifest's `reply_key` (§1.2).
    pub fn reply_recipient(&self) -> String {
        bech32::encode_lower::<Bech32>(Hrp::parse_unchecked(RECIPIENT_HRP), &self.reply_public)
            .expect("a 32-byte bech32 string is far below the length limit")
    }

    /// The reporter's reply identity in age's format (`AGE-SECRET-KEY-1…`,
    /// upper-case bech32), usable by the stock `age` tools.
    pub fn reply_identity_string(&self) -> Zeroizing<String> {
        Zeroizing::new(
            bech32::encode_upper::<Bech32>(
                Hrp::parse_unchecked(IDENTITY_HRP),
                self.reply_secret.as_slice(),
            )
            .expect("a 32-byte bech32 string is far below the length limit"),
        )
    }

    /// The reporter's post-quantum reply identity in age's format
    /// (`AGE-SECRET-KEY-PQ-1…`, upper-case bech32 of the 32-byte seed,
    /// c2sp.org/age `mlkem768x25519`). Its recipient (`age1pq1…`) needs the
    /// ML-KEM-768 + X25519 key generation, which `whistlebox-core` does not
    /// link; the CLI's post-quantum module computes it.
    pub fn reply_identity_pq_string(&self) -> Zeroizing<String> {
        Zeroizing::new(
            bech32::encode_upper::<Bech32>(
                Hrp::parse_unchecked(IDENTITY_PQ_HRP),
                self.reply_pq_seed.as_slice(),
            )
            .expect("a 32-byte bech32 string is far below the length limit"),
        )
    }
}

/// The mailbox id of a mailbox secret (`PROTOCOL.md §7.3`): lowercase hex
/// SHA-256 of the 32 bytes. The relay computes this from the secret a reporter
/// presents and never stores the secret itself.
pub fn mailbox_id_of(mailbox_secret: &[u8; 32]) -> String {
    hex::encode(Sha256::digest(mailbox_secret))
}

/// Normalises `codename` ([`normalise`]) and derives its secrets
/// (`PROTOCOL.md §7.3`): HKDF-SHA-256 with the normalised codename (UTF-8) as
/// input key material and [`SALT`], expanded with [`INFO_MAILBOX_SECRET`],
/// [`INFO_REPLY_KEY`] and [`INFO_REPLY_KEY_PQ`] to 32 bytes each.
pub fn derive(codename: &str) -> Result<Derived, CodenameError> {
    let normalised = Zeroizing::new(normalise(codename)?);
    let hkdf = Hkdf::<Sha256>::new(Some(SALT), normalised.as_bytes());
    let mut mailbox_secret = Zeroizing::new([0u8; 32]);
    let mut reply_secret = Zeroizing::new([0u8; 32]);
    hkdf.expand(INFO_MAILBOX_SECRET, mailbox_secret.as_mut_slice())
        .expect("32 bytes is a valid HKDF-SHA-256 output length");
    hkdf.expand(INFO_REPLY_KEY, reply_secret.as_mut_slice())
        .expect("32 bytes is a valid HKDF-SHA-256 output length");
    let mut reply_pq_seed = Zeroizing::new([0u8; 32]);
    hkdf.expand(INFO_REPLY_KEY_PQ, reply_pq_seed.as_mut_slice())
        .expect("32 bytes is a valid HKDF-SHA-256 output length");
    // StaticSecret clamps the scalar when it multiplies, as age does, and is
    // zeroized on drop.
    let scalar = StaticSecret::from(*reply_secret);
    let reply_public = PublicKey::from(&scalar).to_bytes();
    Ok(Derived {
        mailbox_secret,
        reply_secret,
        reply_public,
        reply_pq_seed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEVEN: &str = "abacus-zoom-correct-battery-staple-velvet-lantern";

    #[test]
    fn wordlist_is_sorted_distinct_lowercase_ascii() {
        let words = wordlist();
        assert_eq!(words.len(), WORDLIST_LEN);
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
        for w in words {
            assert!(
                !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()),
                "{w:?} is not [a-z]+"
            );
        }
        assert_eq!(words.first(), Some(&"abacus"));
        assert_eq!(words.last(), Some(&"zoom"));
        // ≥ 90 bits for seven words.
        assert!((WORDLIST_LEN as f64).log2() * WORD_COUNT as f64 >= 90.0);
    }

    #[test]
    fn normalise_accepts_messy_input() {
        let messy = "  Abacus\tZOOM--correct__battery. .staple\u{a0}velvet\r\nLANTERN.  ";
        assert_eq!(normalise(messy).unwrap(), SEVEN);
        assert_eq!(normalise(SEVEN).unwrap(), SEVEN);
    }

    #[test]
    fn normalise_errors() {
        assert_eq!(
            normalise(""),
            Err(CodenameError::WrongWordCount { found: 0 })
        );
        assert_eq!(
            normalise(" -_. \n"),
            Err(CodenameError::WrongWordCount { found: 0 })
        );
        assert_eq!(
            normalise("abacus zoom correct battery staple velvet"),
            Err(CodenameError::WrongWordCount { found: 6 })
        );
        assert_eq!(
            normalise(&format!("{SEVEN}-abacus")),
            Err(CodenameError::WrongWordCount { found: 8 })
        );
        assert_eq!(
            normalise(&"zoom ".repeat(1000)),
            Err(CodenameError::WrongWordCount { found: 1000 })
        );
        // An unknown word wins over a wrong count, and the first one is named.
        let e = normalise("abacus zoom horse battery orbit").unwrap_err();
        assert_eq!(e, CodenameError::UnknownWord { position: 3 });
        assert_eq!(e.code(), "unknown_word");
        assert!(!e.to_string().contains("horse"), "the word is not echoed");
        // Only ASCII is lowercased: the Kelvin sign does not become "k".
        assert_eq!(
            normalise("\u{212a}arate zoom correct battery staple velvet lantern"),
            Err(CodenameError::UnknownWord { position: 1 })
        );
        assert_eq!(
            normalise("karate zoom correct battery staple velvet lantern").unwrap(),
            "karate-zoom-correct-battery-staple-velvet-lantern"
        );
        // A hyphenated EFF word splits into two unknown words.
        assert_eq!(
            normalise("t-shirt zoom correct battery staple velvet"),
            Err(CodenameError::UnknownWord { position: 1 })
        );
    }

    #[test]
    fn derivation_separates_outputs_and_inputs() {
        let a = derive(SEVEN).unwrap();
        let b = derive("abacus zoom correct battery staple velvet lantern").unwrap();
        let c = derive("zoom abacus correct battery staple velvet lantern").unwrap();
        assert_eq!(a.expose_mailbox_secret(), b.expose_mailbox_secret());
        assert_eq!(a.reply_recipient(), b.reply_recipient());
        assert_ne!(a.expose_mailbox_secret(), c.expose_mailbox_secret());
        assert_ne!(a.reply_recipient(), c.reply_recipient());
        assert_ne!(a.mailbox_secret.as_slice(), a.reply_secret.as_slice());
        assert_eq!(a.mailbox_id(), mailbox_id_of(a.expose_mailbox_secret()));
        assert_eq!(a.mailbox_id().len(), 64);
        assert!(a.reply_recipient().starts_with("age1"));
        assert!(a.reply_identity_string().starts_with("AGE-SECRET-KEY-1"));
        assert!(a
            .reply_identity_pq_string()
            .starts_with("AGE-SECRET-KEY-PQ-1"));
        assert_ne!(a.reply_pq_seed.as_slice(), a.reply_secret.as_slice());
        assert_ne!(a.reply_pq_seed.as_slice(), a.mailbox_secret.as_slice());
        assert_ne!(
            a.reply_identity_pq_string().as_str(),
            c.reply_identity_pq_string().as_str()
        );
        assert_eq!(format!("{a:?}"), "Derived { .. }");
        assert_eq!(
            derive("abacus").unwrap_err(),
            CodenameError::WrongWordCount { found: 1 }
        );
    }
}
