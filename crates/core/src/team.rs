//! The team keyset: who a report is encrypted to (`docs/PROTOCOL.md §3`).
//!
//! A keyset is a TOML file (`keys/team.toml`) naming the team and listing 1–32
//! investigators, each with an id, a display name, a role and an age recipient.
//! All recipients are of one type, which becomes the stanza type the relay
//! accepts (rule E3, §2); the file may state it (`key_type`), and then every
//! recipient is checked against it. The [fingerprint](Keyset::fingerprint)
//! commits to the names and roles as well as the keys, because reporters choose
//! whom to exclude by name.

use std::collections::HashSet;

use bech32::primitives::decode::CheckedHrpstring;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::envelope::StanzaType;

/// The most investigators a keyset may list (`PROTOCOL.md §3`).
pub const MAX_INVESTIGATORS: usize = 32;

/// Longest team name, investigator name or role, in bytes (`PROTOCOL.md §3`).
const MAX_TEXT_LEN: usize = 128;

/// Longest investigator id, in bytes: `^[a-z0-9][a-z0-9_-]{0,31}$` (`PROTOCOL.md §3`).
const MAX_ID_LEN: usize = 32;

/// Bytes behind an X25519 recipient (`age1…`).
const X25519_RECIPIENT_LEN: usize = 32;

/// Bytes behind an `mlkem768x25519` recipient (`age1pq1…`): ML-KEM-768
/// encapsulation key (1 184) plus X25519 public key (32).
const MLKEM768X25519_RECIPIENT_LEN: usize = 1_216;

/// Bech32 (BIP 173) without its 1 023-character code length limit: age
/// `mlkem768x25519` recipients (`age1pq1…`) are about 1 960 characters long.
/// The checksum itself is the ordinary Bech32 one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgeBech32 {}

impl bech32::Checksum for AgeBech32 {
    type MidstateRepr = <bech32::Bech32 as bech32::Checksum>::MidstateRepr;
    const CODE_LENGTH: usize = usize::MAX;
    const CHECKSUM_LENGTH: usize = <bech32::Bech32 as bech32::Checksum>::CHECKSUM_LENGTH;
    const GENERATOR_SH: [Self::MidstateRepr; 5] =
        <bech32::Bech32 as bech32::Checksum>::GENERATOR_SH;
    const TARGET_RESIDUE: Self::MidstateRepr = <bech32::Bech32 as bech32::Checksum>::TARGET_RESIDUE;
}

/// One investigator of the team (`PROTOCOL.md §3`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investigator {
    /// Stable identifier, `^[a-z0-9][a-z0-9_-]{0,31}$`, unique in the keyset.
    pub id: String,
    /// Display name shown to reporters, 1–128 bytes without control or bidirectional-control characters.
    pub name: String,
    /// Role shown to reporters, 0–128 bytes without control or bidirectional-control characters.
    pub role: String,
    /// The investigator's age recipient (`age1…` or `age1pq1…`).
    pub recipient: String,
}

/// The team keyset, as read from `keys/team.toml` (`PROTOCOL.md §3`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyset {
    /// The team's name, 1–128 bytes without control or bidirectional-control characters.
    pub name: String,
    /// The stated key type, `key_type = "mlkem768x25519"` or `"X25519"`.
    /// Optional: when stated, every recipient must be of this type
    /// ([`TeamError::KeyTypeMismatch`]); when absent, the type is the one the
    /// recipients share. Not part of the [fingerprint](Keyset::fingerprint):
    /// the recipients already fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<StanzaType>,
    /// The investigators, in file order (`[[investigator]]` tables).
    #[serde(rename = "investigator")]
    pub investigators: Vec<Investigator>,
}

/// Why a keyset was refused (`PROTOCOL.md §3`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TeamError {
    /// The text is not valid TOML, has an unknown key, or misses a key.
    #[error("keyset is not valid TOML for PROTOCOL.md §3: {0}")]
    Toml(String),
    /// The keyset lists no investigator.
    #[error(
        "keyset lists no investigator; at least one [[investigator]] is required (PROTOCOL.md §3)"
    )]
    NoInvestigators,
    /// The keyset lists more than [`MAX_INVESTIGATORS`] investigators.
    #[error("keyset lists {found} investigators; at most {MAX_INVESTIGATORS} are allowed (PROTOCOL.md §3)")]
    TooManyInvestigators {
        /// How many investigators the keyset lists.
        found: usize,
    },
    /// An investigator id does not match `^[a-z0-9][a-z0-9_-]{0,31}$`.
    #[error("investigator id {id:?} is invalid: it must match ^[a-z0-9][a-z0-9_-]{{0,31}}$ (PROTOCOL.md §3)")]
    InvalidId {
        /// The offending id.
        id: String,
    },
    /// Two investigators share an id.
    #[error("investigator id {id:?} appears more than once; ids must be unique (PROTOCOL.md §3)")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// A name or role is too long, empty where not allowed, or has control characters.
    #[error("{}", invalid_text_message(field, id))]
    InvalidText {
        /// Which text: `"team name"`, `"name"` or `"role"`.
        field: &'static str,
        /// The investigator's id (empty for the team name).
        id: String,
    },
    /// A recipient is not a valid age X25519 or mlkem768x25519 recipient.
    #[error("recipient of investigator {id:?} is invalid: {reason} (PROTOCOL.md §3)")]
    InvalidRecipient {
        /// The investigator's id.
        id: String,
        /// What is wrong with the recipient.
        reason: String,
    },
    /// Two investigators share a recipient.
    #[error("recipient of investigator {id:?} is already listed for another investigator; recipients must be unique (PROTOCOL.md §3)")]
    DuplicateRecipient {
        /// The id of the second investigator with that recipient.
        id: String,
    },
    /// The keyset mixes X25519 and mlkem768x25519 recipients.
    #[error("keyset mixes X25519 (age1…) and mlkem768x25519 (age1pq1…) recipients; all must be of one type (PROTOCOL.md §3)")]
    MixedRecipientTypes,
    /// A recipient is not of the type the keyset states in `key_type`.
    #[error("{}", key_type_mismatch_message(id, *declared, *found))]
    KeyTypeMismatch {
        /// The investigator's id.
        id: String,
        /// The type stated by `key_type`.
        declared: StanzaType,
        /// The type of the investigator's recipient.
        found: StanzaType,
    },
}

/// How a recipient of each type begins, for messages.
fn recipient_prefix(kind: StanzaType) -> &'static str {
    match kind {
        StanzaType::X25519 => "age1…",
        StanzaType::MlKem768X25519 => "age1pq1…",
    }
}

fn key_type_mismatch_message(id: &str, declared: StanzaType, found: StanzaType) -> String {
    format!(
        "the recipient of investigator {id:?} is {} ({}), but the keyset states key_type = {:?}; \
         give {id:?} a key of that type ({}) or correct key_type (PROTOCOL.md §3)",
        found.label(),
        recipient_prefix(found),
        declared.label(),
        recipient_prefix(declared),
    )
}

fn invalid_text_message(field: &str, id: &str) -> String {
    let rule = if field == "role" {
        "0–128 bytes"
    } else {
        "1–128 bytes"
    };
    if id.is_empty() {
        format!("the {field} must be {rule} without control or bidirectional-control characters (PROTOCOL.md §3)")
    } else {
        format!(
            "the {field} of investigator {id:?} must be {rule} without control or bidirectional-control characters (PROTOCOL.md §3)"
        )
    }
}

impl TeamError {
    /// A stable snake_case code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            TeamError::Toml(_) => "toml",
            TeamError::NoInvestigators => "no_investigators",
            TeamError::TooManyInvestigators { .. } => "too_many_investigators",
            TeamError::InvalidId { .. } => "invalid_id",
            TeamError::DuplicateId { .. } => "duplicate_id",
            TeamError::InvalidText { .. } => "invalid_text",
            TeamError::InvalidRecipient { .. } => "invalid_recipient",
            TeamError::DuplicateRecipient { .. } => "duplicate_recipient",
            TeamError::MixedRecipientTypes => "mixed_recipient_types",
            TeamError::KeyTypeMismatch { .. } => "key_type_mismatch",
        }
    }
}

impl Keyset {
    /// Parses a keyset from TOML and validates it against every rule of
    /// `PROTOCOL.md §3`. Unknown keys are refused.
    pub fn from_toml(text: &str) -> Result<Keyset, TeamError> {
        let keyset: Keyset = toml::from_str(text).map_err(|e| TeamError::Toml(e.to_string()))?;
        keyset.validate()?;
        Ok(keyset)
    }

    /// Checks every rule of `PROTOCOL.md §3` and returns the recipients' stanza
    /// type: every recipient of the stated `key_type`, or, when none is stated,
    /// all of one type.
    pub fn validate(&self) -> Result<StanzaType, TeamError> {
        if !valid_text(&self.name, 1) {
            return Err(TeamError::InvalidText {
                field: "team name",
                id: String::new(),
            });
        }
        if self.investigators.is_empty() {
            return Err(TeamError::NoInvestigators);
        }
        if self.investigators.len() > MAX_INVESTIGATORS {
            return Err(TeamError::TooManyInvestigators {
                found: self.investigators.len(),
            });
        }
        let mut ids = HashSet::new();
        let mut recipients = HashSet::new();
        let mut kind: Option<StanzaType> = None;
        for inv in &self.investigators {
            if !valid_id(&inv.id) {
                return Err(TeamError::InvalidId { id: inv.id.clone() });
            }
            if !ids.insert(inv.id.as_str()) {
                return Err(TeamError::DuplicateId { id: inv.id.clone() });
            }
            if !valid_text(&inv.name, 1) {
                return Err(TeamError::InvalidText {
                    field: "name",
                    id: inv.id.clone(),
                });
            }
            if !valid_text(&inv.role, 0) {
                return Err(TeamError::InvalidText {
                    field: "role",
                    id: inv.id.clone(),
                });
            }
            let this = recipient_type(&inv.recipient).map_err(|e| match e {
                TeamError::InvalidRecipient { reason, .. } => TeamError::InvalidRecipient {
                    id: inv.id.clone(),
                    reason,
                },
                other => other,
            })?;
            if !recipients.insert(inv.recipient.as_str()) {
                return Err(TeamError::DuplicateRecipient { id: inv.id.clone() });
            }
            if let Some(declared) = self.key_type {
                if this != declared {
                    return Err(TeamError::KeyTypeMismatch {
                        id: inv.id.clone(),
                        declared,
                        found: this,
                    });
                }
            }
            match kind {
                None => kind = Some(this),
                Some(k) if k != this => return Err(TeamError::MixedRecipientTypes),
                Some(_) => {}
            }
        }
        // Non-empty was checked above, so `kind` is set.
        Ok(kind.unwrap_or(StanzaType::X25519))
    }

    /// The stanza type of a [validated](Keyset::validate) keyset: X25519 unless
    /// its recipients are `age1pq1…` (mlkem768x25519).
    pub fn stanza_type(&self) -> StanzaType {
        match self.investigators.first() {
            Some(inv) if inv.recipient.starts_with("age1pq1") => StanzaType::MlKem768X25519,
            _ => StanzaType::X25519,
        }
    }

    /// The canonical text the fingerprint is computed over (`PROTOCOL.md §3`):
    /// `whistlebox-keyset-v1`, the team name, then for each investigator sorted
    /// by id the lines `investigator <id> <recipient>`, `name <name>`,
    /// `role <role>`; every line ends with `\n`. The stated `key_type` is not
    /// in it (the recipients fix the type), so stating it changes no
    /// published fingerprint.
    pub fn canonical_text(&self) -> String {
        let mut sorted: Vec<&Investigator> = self.investigators.iter().collect();
        sorted.sort_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
        let mut text = format!("whistlebox-keyset-v1\nname {}\n", self.name);
        for inv in sorted {
            text.push_str(&format!(
                "investigator {} {}\nname {}\nrole {}\n",
                inv.id, inv.recipient, inv.name, inv.role
            ));
        }
        text
    }

    /// The keyset fingerprint: lowercase hex SHA-256 of
    /// [`canonical_text`](Keyset::canonical_text) (64 characters, `PROTOCOL.md §3`).
    pub fn fingerprint(&self) -> String {
        hex::encode(Sha256::digest(self.canonical_text().as_bytes()))
    }
}

/// The stanza type of an age recipient (`PROTOCOL.md §3`): lowercase bech32 with
/// HRP `age` and 32 data bytes is X25519; HRP `age1pq` and 1 216 data bytes is
/// mlkem768x25519. Anything else is [`TeamError::InvalidRecipient`] (with an
/// empty `id`; [`Keyset::validate`] fills it in).
pub fn recipient_type(recipient: &str) -> Result<StanzaType, TeamError> {
    let invalid = |reason: String| TeamError::InvalidRecipient {
        id: String::new(),
        reason,
    };
    if recipient.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(invalid(
            "age recipients are lowercase bech32 (age1… or age1pq1…)".into(),
        ));
    }
    let parsed = CheckedHrpstring::new::<AgeBech32>(recipient)
        .map_err(|e| invalid(format!("not a valid bech32 string ({e})")))?;
    let hrp = parsed.hrp();
    let (kind, want) = match hrp.as_str() {
        "age" => (StanzaType::X25519, X25519_RECIPIENT_LEN),
        "age1pq" => (StanzaType::MlKem768X25519, MLKEM768X25519_RECIPIENT_LEN),
        other => {
            return Err(invalid(format!(
            "prefix {other:?} is not an age X25519 (age1…) or mlkem768x25519 (age1pq1…) recipient"
        )))
        }
    };
    // Strictness: the 5-bit groups must carry exactly `want` bytes, with fewer
    // than 5 padding bits, all zero (BIP 173 conversion rules).
    let groups = parsed.data_part_ascii_no_checksum().len();
    let bits = groups * 5;
    if bits / 8 != want || bits % 8 >= 5 {
        return Err(invalid(format!(
            "a {} recipient carries {want} bytes, this one {} bytes",
            kind.label(),
            bits / 8
        )));
    }
    parsed
        .validate_segwit_padding()
        .map_err(|_| invalid("non-zero padding bits in the bech32 data".into()))?;
    Ok(kind)
}

/// A recipient's short fingerprint: the first 8 bytes of SHA-256 of the
/// recipient string, as 4 groups of 4 hex digits, e.g. `3f2a 9c01 77be 0d4e`
/// (`PROTOCOL.md §3`).
pub fn short_fingerprint(recipient: &str) -> String {
    let digest = Sha256::digest(recipient.as_bytes());
    let hex = hex::encode(&digest[..8]);
    let groups: Vec<&str> = (0..4).map(|i| &hex[i * 4..i * 4 + 4]).collect();
    groups.join(" ")
}

fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_LEN
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b[1..]
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
}

fn valid_text(text: &str, min: usize) -> bool {
    (min..=MAX_TEXT_LEN).contains(&text.len()) && !text.chars().any(forbidden_in_text)
}

/// Characters a name or role may not contain (PROTOCOL.md §3): control
/// characters (C0, DEL, C1) and the Unicode bidirectional controls, which
/// could make a name read differently from what it is.
fn forbidden_in_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use bech32::primitives::gf32::Fe32;
    use bech32::primitives::iter::{ByteIterExt, Fe32IterExt};
    use bech32::Hrp;

    const EXAMPLE: &str = include_str!("../../../keys/team.toml");
    const EXAMPLE_PQ: &str = include_str!("../../../keys/team-pq.toml");

    /// `text` without its `key_type` line.
    fn without_key_type(text: &str) -> String {
        let out: String = text
            .lines()
            .filter(|l| !l.starts_with("key_type"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_ne!(out.len(), text.len(), "the text states no key_type");
        out
    }

    fn bech32_fes(hrp: &str, fes: Vec<Fe32>) -> String {
        let hrp = Hrp::parse(hrp).unwrap();
        fes.into_iter()
            .with_checksum::<AgeBech32>(&hrp)
            .chars()
            .collect()
    }

    fn bech32_bytes(hrp: &str, bytes: &[u8]) -> String {
        bech32_fes(hrp, bytes.iter().copied().bytes_to_fes().collect())
    }

    fn pq_recipient(seed: u8) -> String {
        let bytes: Vec<u8> = (0..MLKEM768X25519_RECIPIENT_LEN)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect();
        bech32_bytes("age1pq", &bytes)
    }

    fn x_recipient(seed: u8) -> String {
        bech32_bytes("age", &[seed; 32])
    }

    fn keyset(recipients: &[String]) -> Keyset {
        Keyset {
            name: "Team".into(),
            key_type: None,
            investigators: recipients
                .iter()
                .enumerate()
                .map(|(i, r)| Investigator {
                    id: format!("inv{i}"),
                    name: format!("Investigator {i}"),
                    role: String::new(),
                    recipient: r.clone(),
                })
                .collect(),
        }
    }

    #[test]
    fn example_keyset_parses() {
        let ks = Keyset::from_toml(EXAMPLE).unwrap();
        assert_eq!(ks.name, "Example Investigation Team");
        let ids: Vec<&str> = ks.investigators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["alice", "bob", "carol"]);
        assert_eq!(ks.validate().unwrap(), StanzaType::X25519);
        assert_eq!(ks.stanza_type(), StanzaType::X25519);
        assert_eq!(ks.investigators[2].role, "External counsel");
    }

    #[test]
    fn example_fingerprint_is_pinned() {
        let ks = Keyset::from_toml(EXAMPLE).unwrap();
        let text = ks.canonical_text();
        assert!(text.starts_with(
            "whistlebox-keyset-v1\nname Example Investigation Team\ninvestigator alice age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c\nname Alice Martin\nrole Lead investigator\ninvestigator bob "
        ));
        assert!(text.ends_with("role External counsel\n"));
        assert_eq!(text.lines().count(), 2 + 3 * 3);
        assert_eq!(
            ks.fingerprint(),
            hex::encode(Sha256::digest(text.as_bytes()))
        );
        assert_eq!(ks.fingerprint(), PINNED_FINGERPRINT);
    }

    // Computed independently: `printf` of the canonical text piped to `sha256sum`.
    const PINNED_FINGERPRINT: &str =
        "a841b62d456b8384dfd7f30ec9b8e652f04dc801acfe5b80c1eeda314a1d83c5";

    #[test]
    fn fingerprint_commits_to_names_roles_and_keys_not_order() {
        let ks = Keyset::from_toml(EXAMPLE).unwrap();
        let fp = ks.fingerprint();
        assert_eq!(fp.len(), 64);
        let mut reordered = ks.clone();
        reordered.investigators.reverse();
        assert_eq!(reordered.fingerprint(), fp);
        let mut renamed = ks.clone();
        renamed.investigators[1].name = "Robert Okafor".into();
        assert_ne!(renamed.fingerprint(), fp);
        let mut new_role = ks.clone();
        new_role.investigators[0].role = "Investigator".into();
        assert_ne!(new_role.fingerprint(), fp);
        let mut team = ks.clone();
        team.name = "Other team".into();
        assert_ne!(team.fingerprint(), fp);
        let mut key = ks.clone();
        key.investigators[2].recipient = x_recipient(9);
        assert_ne!(key.fingerprint(), fp);
    }

    #[test]
    fn short_fingerprint_format() {
        let r = "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c";
        let short = short_fingerprint(r);
        let full = hex::encode(Sha256::digest(r.as_bytes()));
        assert_eq!(short.len(), 19);
        assert_eq!(short.replace(' ', ""), full[..16]);
        assert_eq!(short.split(' ').count(), 4);
    }

    #[test]
    fn recipient_types() {
        assert_eq!(recipient_type(&x_recipient(1)).unwrap(), StanzaType::X25519);
        let pq = pq_recipient(1);
        assert!(pq.starts_with("age1pq1"));
        assert!(pq.len() > 1_900);
        assert_eq!(recipient_type(&pq).unwrap(), StanzaType::MlKem768X25519);
    }

    #[test]
    fn bad_recipients() {
        let good = x_recipient(1);
        let mut bad_checksum = good.clone();
        let last = bad_checksum.pop().unwrap();
        bad_checksum.push(if last == 'q' { 'p' } else { 'q' });
        // 4 padding bits of 32 bytes, set to non-zero.
        let mut fes: Vec<Fe32> = [1u8; 32].iter().copied().bytes_to_fes().collect();
        let l = fes.len() - 1;
        fes[l] = Fe32::try_from(fes[l].to_u8() | 1).unwrap();
        let cases = [
            (good.to_uppercase(), "lowercase"),
            (bad_checksum, "bech32"),
            ("age1".to_string(), "bech32"),
            ("not a key".to_string(), "bech32"),
            (bech32_bytes("agex", &[1; 32]), "prefix"),
            (bech32_bytes("age", &[1; 31]), "32 bytes"),
            (bech32_bytes("age", &[1; 33]), "32 bytes"),
            (bech32_bytes("age1pq", &[1; 32]), "1216 bytes"),
            (bech32_fes("age", fes), "padding"),
        ];
        for (r, why) in cases {
            let err = recipient_type(&r).unwrap_err();
            assert_eq!(err.code(), "invalid_recipient", "{r}");
            assert!(err.to_string().contains(why), "{err} should say {why}");
        }
    }

    #[test]
    fn pq_keyset() {
        let ks = keyset(&[pq_recipient(1), pq_recipient(2)]);
        assert_eq!(ks.validate().unwrap(), StanzaType::MlKem768X25519);
        assert_eq!(ks.stanza_type(), StanzaType::MlKem768X25519);
    }

    fn err(ks: &Keyset) -> TeamError {
        ks.validate().unwrap_err()
    }

    #[test]
    fn each_team_error() {
        let two = [x_recipient(1), x_recipient(2)];
        assert_eq!(Keyset::from_toml("name = 1").unwrap_err().code(), "toml");
        let unknown = EXAMPLE.replace(
            "role = \"Investigator\"",
            "role = \"Investigator\"\nemail = \"b@x\"",
        );
        assert!(
            matches!(Keyset::from_toml(&unknown), Err(TeamError::Toml(m)) if m.contains("email"))
        );
        assert!(matches!(
            Keyset::from_toml("name = \"T\""),
            Err(TeamError::Toml(_))
        ));
        assert_eq!(
            Keyset::from_toml("name = \"T\"\ninvestigator = []").unwrap_err(),
            TeamError::NoInvestigators
        );

        let many: Vec<String> = (0..33).map(|i| x_recipient(i as u8)).collect();
        assert_eq!(
            err(&keyset(&many)),
            TeamError::TooManyInvestigators { found: 33 }
        );
        keyset(&many[..32]).validate().unwrap();

        for bad in ["", "Alice", "-a", "_a", "a.b", "a b", &"a".repeat(33)] {
            let mut ks = keyset(&two);
            ks.investigators[0].id = bad.into();
            assert_eq!(err(&ks), TeamError::InvalidId { id: bad.into() });
        }
        let mut ks = keyset(&two);
        ks.investigators[1].id = "inv0".into();
        assert_eq!(err(&ks), TeamError::DuplicateId { id: "inv0".into() });

        let mut ks = keyset(&two);
        ks.name = String::new();
        assert_eq!(
            err(&ks),
            TeamError::InvalidText {
                field: "team name",
                id: String::new()
            }
        );
        ks.name = "x".repeat(129);
        assert_eq!(err(&ks).code(), "invalid_text");
        let mut ks = keyset(&two);
        ks.investigators[1].name = "Bob\u{7}".into();
        assert_eq!(
            err(&ks),
            TeamError::InvalidText {
                field: "name",
                id: "inv1".into()
            }
        );
        ks.investigators[1].name = String::new();
        assert_eq!(err(&ks).code(), "invalid_text");
        let mut ks = keyset(&two);
        ks.investigators[0].role = "Lead\ninvestigator".into();
        assert_eq!(
            err(&ks),
            TeamError::InvalidText {
                field: "role",
                id: "inv0".into()
            }
        );
        assert!(err(&ks).to_string().contains("0–128"));

        let mut ks = keyset(&two);
        ks.investigators[1].recipient = "age1bogus".into();
        assert!(matches!(err(&ks), TeamError::InvalidRecipient { id, .. } if id == "inv1"));

        let ks = keyset(&[x_recipient(1), x_recipient(1)]);
        assert_eq!(
            err(&ks),
            TeamError::DuplicateRecipient { id: "inv1".into() }
        );

        let ks = keyset(&[x_recipient(1), pq_recipient(1)]);
        assert_eq!(err(&ks), TeamError::MixedRecipientTypes);
    }

    #[test]
    fn key_type_stated_and_matching() {
        let x = Keyset::from_toml(EXAMPLE).unwrap();
        assert_eq!(x.key_type, Some(StanzaType::X25519));
        assert_eq!(x.validate().unwrap(), StanzaType::X25519);
        let pq = Keyset::from_toml(EXAMPLE_PQ).unwrap();
        assert_eq!(pq.key_type, Some(StanzaType::MlKem768X25519));
        assert_eq!(pq.validate().unwrap(), StanzaType::MlKem768X25519);
        assert_eq!(pq.stanza_type(), StanzaType::MlKem768X25519);
        let mut ks = keyset(&[pq_recipient(1), pq_recipient(2)]);
        ks.key_type = Some(StanzaType::MlKem768X25519);
        assert_eq!(ks.validate().unwrap(), StanzaType::MlKem768X25519);
    }

    #[test]
    fn key_type_mismatch_names_the_investigator_and_both_types() {
        // The X25519 example stating the post-quantum type: alice is the first wrong one.
        let text = EXAMPLE.replace("key_type = \"X25519\"", "key_type = \"mlkem768x25519\"");
        let refused = Keyset::from_toml(&text).unwrap_err();
        assert_eq!(
            refused,
            TeamError::KeyTypeMismatch {
                id: "alice".into(),
                declared: StanzaType::MlKem768X25519,
                found: StanzaType::X25519,
            }
        );
        assert_eq!(refused.code(), "key_type_mismatch");
        assert_eq!(
            refused.to_string(),
            "the recipient of investigator \"alice\" is X25519 (age1…), but the keyset states \
             key_type = \"mlkem768x25519\"; give \"alice\" a key of that type (age1pq1…) \
             or correct key_type (PROTOCOL.md §3)"
        );
        let text = EXAMPLE_PQ.replace("key_type = \"mlkem768x25519\"", "key_type = \"X25519\"");
        assert!(matches!(
            Keyset::from_toml(&text),
            Err(TeamError::KeyTypeMismatch { id, declared: StanzaType::X25519, found: StanzaType::MlKem768X25519 }) if id == "alice"
        ));
        // One odd recipient in a stated team is a mismatch, named, not just "mixed".
        let mut ks = keyset(&[x_recipient(1), x_recipient(2), pq_recipient(3)]);
        ks.key_type = Some(StanzaType::X25519);
        assert_eq!(
            err(&ks),
            TeamError::KeyTypeMismatch {
                id: "inv2".into(),
                declared: StanzaType::X25519,
                found: StanzaType::MlKem768X25519,
            }
        );
    }

    #[test]
    fn key_type_unknown_value_is_refused() {
        for bad in ["\"x25519\"", "\"MLKEM768X25519\"", "\"pq\"", "\"\"", "1"] {
            let text = EXAMPLE.replace("key_type = \"X25519\"", &format!("key_type = {bad}"));
            let err = Keyset::from_toml(&text).unwrap_err();
            assert_eq!(err.code(), "toml", "{bad}");
            let message = err.to_string();
            assert!(message.contains("key_type"), "{message}");
            if bad.starts_with('"') {
                assert!(
                    message.contains("`X25519`") && message.contains("`mlkem768x25519`"),
                    "{message} should name the accepted values"
                );
            }
        }
    }

    #[test]
    fn key_type_absent_is_inferred_and_mixes_still_refused() {
        for (text, kind) in [
            (EXAMPLE, StanzaType::X25519),
            (EXAMPLE_PQ, StanzaType::MlKem768X25519),
        ] {
            let ks = Keyset::from_toml(&without_key_type(text)).unwrap();
            assert_eq!(ks.key_type, None);
            assert_eq!(ks.validate().unwrap(), kind);
            assert_eq!(ks.stanza_type(), kind);
        }
        let ks = keyset(&[pq_recipient(1), x_recipient(2)]);
        assert_eq!(ks.key_type, None);
        assert_eq!(err(&ks), TeamError::MixedRecipientTypes);
    }

    #[test]
    fn key_type_is_not_in_the_fingerprint_and_round_trips() {
        let stated = Keyset::from_toml(EXAMPLE).unwrap();
        let absent = Keyset::from_toml(&without_key_type(EXAMPLE)).unwrap();
        assert_eq!(stated.canonical_text(), absent.canonical_text());
        assert_eq!(stated.fingerprint(), PINNED_FINGERPRINT);
        assert_eq!(absent.fingerprint(), PINNED_FINGERPRINT);
        for ks in [stated, absent, Keyset::from_toml(EXAMPLE_PQ).unwrap()] {
            let text = toml::to_string(&ks).unwrap();
            assert_eq!(text.contains("key_type"), ks.key_type.is_some(), "{text}");
            assert_eq!(Keyset::from_toml(&text).unwrap(), ks);
        }
    }

    #[test]
    fn c1_and_bidi_controls_are_refused_in_names_and_roles() {
        for bad in [
            "Alice\u{009B}31m",
            "Alice\u{202E}nitraM",
            "Al\u{2066}ice",
            "Alice\u{200F}",
        ] {
            assert!(!valid_text(bad, 1), "{bad:?} must be refused");
        }
        for good in ["Alice Martin", "马丽", "Zoë O'Brien-Núñez"] {
            assert!(valid_text(good, 1), "{good:?} must be accepted");
        }
    }
}
