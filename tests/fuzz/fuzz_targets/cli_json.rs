//! Fuzz target: the JSON and dates the investigator CLI reads from a
//! possibly hostile relay and from its own store files (`docs/PROTOCOL.md
//! §4.1`, §4.2, §5, §8.7, §8.8; `crates/cli/src/store.rs`, `outbox.rs`,
//! `pull.rs`, `due.rs`).
//!
//! The first byte chooses the parser, the rest is its input:
//! - `0` an object's `.json` (and an item of `GET /api/inbox`): on
//!   `validate()` Ok the file stem is one safe path component
//!   (`<16 digits>-<32 lowercase hex>`), the kind a lowercase word, and the
//!   value survives a JSON round trip;
//! - `1` an outbox item's `.json`: on `validate()` Ok the stem is
//!   `<32 lowercase hex>-<4 digits>`, the kind `reply` or `status`, `n` in
//!   1..=9999, and the value survives a JSON round trip;
//! - `2` the `GET /api/team` answer (`pull::rules`): on Ok the rules are
//!   within the team (1 ≤ min ≤ max = team size ≤ 32, max body > 0, no
//!   grease); on Err the message is terminal-safe (no control or bidi
//!   character survives from the relay's strings);
//! - `3` a `YYYY-MM-DD` day: the CLI's deadline calendar (`due::Day`), the
//!   store's path check (`is_day`) and the relay's `Day` agree, each parsed
//!   day prints back as the input, and the calendar arithmetic is consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whistlebox::due;
use whistlebox::outbox::OutboxMeta;
use whistlebox::pull::{self, TeamInfo};
use whistlebox::store::{is_day, is_object_id, ObjectMeta};
use whistlebox::term::is_dangerous;

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn object_meta(bytes: &[u8]) {
    let Ok(meta) = serde_json::from_slice::<ObjectMeta>(bytes) else {
        return;
    };
    let again: ObjectMeta = serde_json::from_slice(&serde_json::to_vec(&meta).unwrap()).unwrap();
    assert_eq!(again, meta);
    if meta.validate().is_ok() {
        let stem = meta.stem();
        let (seq, id) = stem.split_once('-').expect("a dash");
        assert!(is_digits(seq, 16) && is_object_id(id), "stem {stem:?}");
        assert!(!meta.kind.is_empty() && meta.kind.bytes().all(|b| b.is_ascii_lowercase()));
        assert!(is_day(&meta.day));
        assert!(meta.seq >= 1);
    }
}

fn outbox_meta(bytes: &[u8]) {
    let Ok(meta) = serde_json::from_slice::<OutboxMeta>(bytes) else {
        return;
    };
    let again: OutboxMeta = serde_json::from_slice(&serde_json::to_vec(&meta).unwrap()).unwrap();
    assert_eq!(again, meta);
    if meta.validate().is_ok() {
        let stem = meta.stem();
        let (case, n) = stem.split_once('-').expect("a dash");
        assert!(is_object_id(case) && is_digits(n, 4), "stem {stem:?}");
        assert!((1..=9_999).contains(&meta.n));
        assert!(meta.kind == "reply" || meta.kind == "status");
        if let Some(p) = &meta.pushed {
            assert!(is_object_id(&p.id) && is_day(&p.day));
        }
    }
}

fn team(bytes: &[u8]) {
    let Ok(team) = serde_json::from_slice::<TeamInfo>(bytes) else {
        return;
    };
    match pull::rules(&team, None) {
        Ok(rules) => {
            let n = team.investigators.len();
            assert!((1..=32).contains(&n));
            assert_eq!(rules.max_stanzas, n);
            assert!((1..=n).contains(&rules.min_stanzas));
            assert_eq!(rules.min_stanzas, team.min_recipients);
            assert!(rules.max_body_bytes > 0);
            assert!(!rules.grease, "a report never carries grease");
            assert_eq!(rules.stanza_type.label(), team.stanza_type);
        }
        Err(e) => {
            let message = format!("{e}");
            assert!(
                !message.chars().any(is_dangerous),
                "a relay's string reached the message unescaped: {message:?}"
            );
        }
    }
}

fn day(bytes: &[u8]) {
    // Two bytes of arithmetic, then the text.
    let (n, text) = match bytes {
        [a, b, rest @ ..] => (i16::from_be_bytes([*a, *b]), rest),
        _ => (0, bytes),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let cli = due::Day::parse(text);
    let relay = text.parse::<whistlebox_relay::store::Day>();
    assert_eq!(
        cli.is_some(),
        relay.is_ok(),
        "the CLI and the relay disagree on {text:?}"
    );
    if let Some(d) = cli {
        assert!(is_day(text), "a calendar day the store refuses: {text:?}");
        assert_eq!(d.to_string(), text);
        assert_eq!(relay.unwrap().to_string(), text);
        let n = i64::from(n);
        let later = d.add_days(n);
        assert_eq!(d.days_until(later), n);
        assert_eq!(later.add_days(-n), d);
        let months = d.add_months(u32::from(n.unsigned_abs() as u16 % 1200));
        assert!(months >= d);
        assert!(due::Day::parse(&months.to_string()).is_some() || months.to_string().len() != 10);
        for deadline in [due::Deadline::Acknowledgement, due::Deadline::Feedback] {
            assert!(deadline.due(d) > d);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 4 {
        0 => object_meta(rest),
        1 => outbox_meta(rest),
        2 => team(rest),
        _ => day(rest),
    }
});
