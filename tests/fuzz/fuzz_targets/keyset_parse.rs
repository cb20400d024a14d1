//! Fuzz target: the team keyset parser (`docs/PROTOCOL.md §3`).
//!
//! Properties, for any UTF-8 text that [`Keyset::from_toml`] accepts:
//! - the fingerprint is 64 lowercase hex characters, and a function of the
//!   canonical text only (investigator order does not change it);
//! - `validate()` accepts it again and agrees with `stanza_type()`;
//! - 1 to 32 investigators, unique ids and recipients;
//! - serialising it back to TOML and parsing that gives the same keyset.
#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use whistlebox_core::team::{Keyset, MAX_INVESTIGATORS};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(keyset) = Keyset::from_toml(text) else {
        return;
    };
    let fingerprint = keyset.fingerprint();
    assert_eq!(fingerprint.len(), 64, "fingerprint length");
    assert!(
        fingerprint
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "fingerprint is not lowercase hex: {fingerprint}"
    );
    let stanza_type = keyset
        .validate()
        .expect("from_toml accepted a keyset that validate() refuses");
    assert_eq!(
        stanza_type,
        keyset.stanza_type(),
        "validate and stanza_type disagree"
    );

    let n = keyset.investigators.len();
    assert!((1..=MAX_INVESTIGATORS).contains(&n));
    let ids: HashSet<_> = keyset.investigators.iter().map(|i| &i.id).collect();
    let recipients: HashSet<_> = keyset.investigators.iter().map(|i| &i.recipient).collect();
    assert_eq!(ids.len(), n, "duplicate id accepted");
    assert_eq!(recipients.len(), n, "duplicate recipient accepted");

    let mut reversed = keyset.clone();
    reversed.investigators.reverse();
    assert_eq!(
        reversed.fingerprint(),
        fingerprint,
        "fingerprint depends on order"
    );

    let again = toml::to_string(&keyset).expect("a keyset serialises to TOML");
    let reparsed = Keyset::from_toml(&again).expect("a serialised keyset parses again");
    assert_eq!(reparsed, keyset, "TOML round trip changed the keyset");
});
