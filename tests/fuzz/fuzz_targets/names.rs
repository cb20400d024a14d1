//! Fuzz target: the export name sanitiser (`docs/PROTOCOL.md §6.3`,
//! `crates/cli/src/sanitize.rs`) and the terminal sanitiser
//! (`crates/cli/src/term.rs`), over reporter-written text.
//!
//! The input is one or more names separated by NUL (at most 16, for one
//! case's thread). Properties:
//! - every exported name is one safe path component: non-empty, at most
//!   `MAX_NAME_BYTES`, no `/` or `\`, no control or bidi character, none of
//!   `<>:"|?*`, not `.` or `..`, no dot or space at either end, not a
//!   Windows device name (with or without extension);
//! - sanitising is idempotent on a name that needed no fallback;
//! - one case's names (`UniqueNames`) are pairwise distinct, case-insensitively;
//! - `term::line` lets no control or bidi character through (newlines
//!   included), `term::text` only `\n` and `\t`, and `term::json` of
//!   serialised JSON has no dangerous character and parses back to the same
//!   string.
#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use whistlebox::sanitize::{sanitize, unique_names, MAX_NAME_BYTES};
use whistlebox::term::{self, is_dangerous};

const DEVICES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

fn assert_safe_component(name: &str) {
    assert!(!name.is_empty());
    assert!(name.len() <= MAX_NAME_BYTES, "{} bytes: {name:?}", name.len());
    assert!(name != "." && name != "..");
    for c in name.chars() {
        assert!(!is_dangerous(c), "{c:?} in {name:?}");
        assert!(!"/\\<>:\"|?*".contains(c), "{c:?} in {name:?}");
    }
    for end in [name.chars().next().unwrap(), name.chars().last().unwrap()] {
        assert!(end != '.' && end != ' ', "{name:?} starts or ends with a dot or space");
    }
    let base = name.split('.').next().unwrap().trim_end_matches(' ');
    assert!(
        !DEVICES.iter().any(|d| d.eq_ignore_ascii_case(base)),
        "a device name: {name:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let names: Vec<&str> = text.split('\0').take(16).collect();

    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        let clean = sanitize(name, n);
        assert_safe_component(&clean);
        if clean != format!("attachment-{n}") {
            assert_eq!(sanitize(&clean, n), clean, "not idempotent on {name:?}");
        }
    }

    let unique = unique_names(&names);
    assert_eq!(unique.len(), names.len());
    let mut seen = HashSet::new();
    for name in &unique {
        assert_safe_component(name);
        assert!(seen.insert(name.to_lowercase()), "{name:?} twice");
    }

    let whole: &str = &text;
    let line = term::line(whole);
    assert!(!line.chars().any(is_dangerous), "term::line: {line:?}");
    let multi = term::text(whole);
    assert!(
        !multi
            .chars()
            .any(|c| is_dangerous(c) && c != '\n' && c != '\t'),
        "term::text: {multi:?}"
    );
    let json = serde_json::to_string(whole).unwrap();
    let safe = term::json(&json);
    assert!(!safe.chars().any(is_dangerous), "term::json: {safe:?}");
    let back: String = serde_json::from_str(&safe).expect("term::json keeps JSON valid");
    assert_eq!(back, whole);
    let short = term::shorten(&line, 40);
    assert!(short.chars().count() <= 40);
});
