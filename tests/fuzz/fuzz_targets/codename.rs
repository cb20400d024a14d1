//! Fuzz target: codename normalisation and derivation (`docs/PROTOCOL.md §7`).
//!
//! Properties, for any UTF-8 text:
//! - [`codename::derive`] refuses exactly what [`codename::normalise`]
//!   refuses, with the same error;
//! - a normalised codename is seven list words joined by `-`, and normalising
//!   it again gives it back unchanged;
//! - the input and its normal form derive the same mailbox id and reply key;
//!   the id is 64 lowercase hex, the reply key an age X25519 recipient.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whistlebox_core::codename::{self, WORD_COUNT};
use whistlebox_core::envelope::StanzaType;
use whistlebox_core::team;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let normal = match codename::normalise(input) {
        Ok(normal) => normal,
        Err(e) => {
            let derived = codename::derive(input);
            assert_eq!(derived.err(), Some(e), "derive and normalise disagree");
            return;
        }
    };
    assert_eq!(
        codename::normalise(&normal).as_deref(),
        Ok(normal.as_str()),
        "normalise is not idempotent"
    );
    let words: Vec<&str> = normal.split('-').collect();
    assert_eq!(words.len(), WORD_COUNT);
    assert!(words.iter().all(|w| codename::is_word(w)), "{normal:?}");

    let derived = codename::derive(input).expect("derive refuses a codename that normalises");
    let again = codename::derive(&normal).expect("derive refuses a normal codename");
    let id = derived.mailbox_id();
    assert_eq!(
        id,
        again.mailbox_id(),
        "input and normal form: different mailboxes"
    );
    assert_eq!(id, codename::mailbox_id_of(derived.expose_mailbox_secret()));
    assert!(
        id.len() == 64
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    let reply = derived.reply_recipient();
    assert_eq!(reply, again.reply_recipient());
    assert_eq!(
        team::recipient_type(&reply),
        Ok(StanzaType::X25519),
        "{reply}"
    );
});
