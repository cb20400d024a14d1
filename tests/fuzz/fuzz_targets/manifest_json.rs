//! Fuzz target: the manifest's JSON parser and its canonical-form check
//! (`docs/PROTOCOL.md §1.1`, §1.2).
//!
//! The input is the manifest alone; it is wrapped in the smallest container
//! around it (magic, version, `manifest_len`, the bytes, `body_len` 0, zero
//! padding), so every input reaches the JSON parser. Properties:
//! - an accepted manifest's `to_canonical_json()` is exactly the input bytes
//!   (only the canonical form is accepted);
//! - it passes `validate()`, and `encode` rebuilds the very same container;
//! - `read_manifest` and `decode` agree; where only `decode` refuses, it is
//!   because the manifest lists attachments the empty body cannot hold;
//! - lengths outside 1..=65 536 are refused as §1.1 says.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whistlebox_core::padding::padded_len;
use whistlebox_core::report::{self, MAGIC, MANIFEST_MAX, VERSION};

fuzz_target!(|json: &[u8]| {
    let Ok(len) = u32::try_from(json.len()) else {
        return;
    };
    let mut container = Vec::new();
    container.extend_from_slice(&MAGIC);
    container.push(VERSION);
    container.extend_from_slice(&len.to_be_bytes());
    container.extend_from_slice(json);
    container.extend_from_slice(&0u64.to_be_bytes());
    let padded = padded_len(container.len() as u64) as usize;
    container.resize(padded, 0);

    let head = report::read_manifest(container.as_slice());
    let decoded = report::decode(&container);

    if json.is_empty() {
        assert_eq!(head.as_ref().map(|_| ()).unwrap_err().code(), "bad_length");
    }
    if json.len() > MANIFEST_MAX {
        assert_eq!(
            head.as_ref().map(|_| ()).unwrap_err().code(),
            "manifest_too_long"
        );
    }

    match (&head, &decoded) {
        (Ok(m), Ok(r)) => {
            assert_eq!(m, &r.manifest, "read_manifest and decode disagree");
            assert!(
                m.to_canonical_json() == json,
                "accepted a manifest that is not in canonical form"
            );
            m.validate()
                .expect("accepted a manifest that validate() refuses");
            assert!(m.attachments.iter().all(|a| a.size == 0));
            let bodies: Vec<&[u8]> = r.attachments.iter().map(Vec::as_slice).collect();
            let encoded = report::encode(m, &bodies).expect("re-encoding an accepted manifest");
            assert!(
                encoded == container,
                "encode does not rebuild the container"
            );
        }
        (Err(h), Err(d)) => assert_eq!(h.code(), d.code(), "read_manifest: {h}; decode: {d}"),
        (Ok(m), Err(d)) => {
            // The manifest is valid but its attachments cannot be in an empty body.
            assert!(
                matches!(
                    d.code(),
                    "attachment_size_mismatch" | "attachment_hash_mismatch"
                ),
                "decode refuses a manifest read_manifest accepts: {d}"
            );
            assert!(!m.attachments.is_empty());
        }
        (Err(h), Ok(_)) => panic!("read_manifest refuses ({h}) what decode accepts"),
    }
});
