//! Real age files and recipients made by typage (npm `age-encryption`), the
//! browser implementation, pass the envelope rules and recipient parsing
//! (`docs/PROTOCOL.md §2`, §3). See `tests/fixtures/README.md`.

use whistlebox_core::envelope::{check, Checker, Rules, StanzaType, Summary};
use whistlebox_core::team::recipient_type;

const RECIPIENTS: &str = include_str!("fixtures/typage_recipients.txt");
const X25519_FILE: &[u8] = include_bytes!("fixtures/typage_x25519_3r.age");
const MLKEM_FILE: &[u8] = include_bytes!("fixtures/typage_mlkem768x25519_3r.age");

fn rules(stanza_type: StanzaType) -> Rules {
    Rules {
        stanza_type,
        min_stanzas: 1,
        max_stanzas: 3,
        max_body_bytes: 256 << 20,
        grease: false,
    }
}

#[test]
fn typage_recipients_parse() {
    let types: Vec<StanzaType> = RECIPIENTS
        .lines()
        .map(|r| recipient_type(r).unwrap())
        .collect();
    use StanzaType::*;
    assert_eq!(
        types,
        [
            X25519,
            X25519,
            X25519,
            MlKem768X25519,
            MlKem768X25519,
            MlKem768X25519
        ]
    );
}

#[test]
fn typage_x25519_file_passes() {
    let summary = check(X25519_FILE, &rules(StanzaType::X25519)).unwrap();
    assert_eq!(
        summary,
        Summary {
            header_len: 22 + 3 * 98 + 48,
            stanzas: 3,
            payload_len: 16 + 65_552,
            plaintext_len: 65_536,
            total_len: X25519_FILE.len() as u64,
        }
    );
    // Wrong type for the team, too few allowed, too small a bound.
    assert_eq!(
        check(X25519_FILE, &rules(StanzaType::MlKem768X25519))
            .unwrap_err()
            .code(),
        "stanza_type"
    );
    // With a team of 2, the third stanza is refused for what it is (E4).
    let two = Rules {
        max_stanzas: 2,
        ..rules(StanzaType::X25519)
    };
    assert_eq!(
        check(X25519_FILE, &two).unwrap_err().code(),
        "too_many_stanzas"
    );
}

#[test]
fn typage_mlkem_file_passes_in_small_chunks() {
    let mut checker = Checker::new(rules(StanzaType::MlKem768X25519));
    for chunk in MLKEM_FILE.chunks(1_000) {
        checker.update(chunk).unwrap();
    }
    let summary = checker.finish().unwrap();
    assert_eq!(summary.stanzas, 3);
    assert_eq!(summary.plaintext_len, 65_536);
    assert!(summary.header_len <= 64 + 3 * 1_600);
    // A flipped header byte breaks the syntax; a dropped payload byte the bucket.
    let mut bad = MLKEM_FILE.to_vec();
    bad[40] = b'!';
    assert_eq!(
        check(&bad, &rules(StanzaType::MlKem768X25519))
            .unwrap_err()
            .code(),
        "header_syntax"
    );
    assert_eq!(
        check(
            &MLKEM_FILE[..MLKEM_FILE.len() - 1],
            &rules(StanzaType::MlKem768X25519)
        )
        .unwrap_err()
        .code(),
        "not_padding_bucket"
    );
}
