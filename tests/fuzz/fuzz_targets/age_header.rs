//! Fuzz target: the age header grammar of any stanza type
//! (`envelope::check_header_grammar`, `docs/PROTOCOL.md §2` rule E2, §6.1).
//!
//! The investigator CLI runs the grammar before it hands a file to the `age`
//! crate. Properties, for any input:
//! - an accepted header is a prefix of the input that starts with the version
//!   line, ends with a newline, and whose last line is `--- ` + 43 base64
//!   characters (the MAC); it holds at least one stanza, and each stanza's
//!   count agrees with the `-> ` lines of the header;
//! - appending bytes after an accepted header never changes the answer
//!   (the grammar reads the header only);
//! - the grammar accepts every header the team's envelope rules accept
//!   (`envelope::check` with X25519 or mlkem768x25519, 1–32 stanzas, grease
//!   allowed), with the same length and stanza count;
//! - the `age` crate parses every header the grammar accepts, followed by a
//!   payload nonce (the grammar is
//!   stricter than age, never looser).
#![no_main]

use libfuzzer_sys::fuzz_target;
use whistlebox_core::envelope::{self, Rules, StanzaType};

const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";

fuzz_target!(|data: &[u8]| {
    let grammar = envelope::check_header_grammar(data);
    if let Ok((header_len, stanzas)) = grammar {
        assert!(header_len <= data.len());
        let header = &data[..header_len];
        assert!(header.starts_with(VERSION_LINE));
        assert!(header.ends_with(b"\n"));
        let last = header[..header_len - 1]
            .rsplit(|&b| b == b'\n')
            .next()
            .unwrap();
        assert!(last.starts_with(b"--- "), "the header ends with the MAC line");
        assert_eq!(last.len(), 4 + 43, "the MAC is 32 bytes in canonical base64");
        assert!(stanzas >= 1, "age requires at least one stanza");
        let arrows = header
            .split(|&b| b == b'\n')
            .filter(|l| l.starts_with(b"-> "))
            .count();
        assert_eq!(arrows, stanzas);

        // The bytes after the header never matter.
        let mut longer = data.to_vec();
        longer.extend_from_slice(b"\n---tail\n");
        assert_eq!(envelope::check_header_grammar(&longer), grammar);

        // What the grammar accepts, age reads (given the 16-byte payload
        // nonce it reads right after the header).
        let mut file = header.to_vec();
        file.extend_from_slice(&[0u8; 32]);
        if let Err(e) = age::Decryptor::new_buffered(&file[..]) {
            panic!("age refuses a header the grammar accepts: {e}");
        }
    }

    // Whatever the team's rules accept, the grammar accepts alike.
    for stanza_type in [StanzaType::X25519, StanzaType::MlKem768X25519] {
        let rules = Rules {
            stanza_type,
            min_stanzas: 1,
            max_stanzas: 32,
            max_body_bytes: u64::MAX,
            grease: true,
        };
        if let Ok(summary) = envelope::check(data, &rules) {
            assert_eq!(
                grammar,
                Ok((summary.header_len, summary.stanzas + usize::from(summary_has_grease(data, &summary)))),
                "the rules accepted a header the grammar reads differently"
            );
        }
    }
});

/// Whether the accepted header holds a grease stanza besides the team's
/// (`Summary::stanzas` counts the recipient stanzas only, PROTOCOL.md §8.3).
fn summary_has_grease(data: &[u8], summary: &envelope::Summary) -> bool {
    let arrows = data[..summary.header_len]
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"-> "))
        .count();
    arrows > summary.stanzas
}
