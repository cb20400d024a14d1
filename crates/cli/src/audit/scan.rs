//! The metadata scan of `audit store` (`docs/AUDITING.md`, "What the scan
//! looks for"): does a stored byte outside the ciphertext look like a client
//! address, a user agent or a time finer than the day (PROTOCOL.md §4.3
//! forbids all three)?
//!
//! The patterns are deliberately narrow, so that a real store passes: IPv4
//! and IPv6 literals, the product tokens of common user agents, ISO 8601 /
//! RFC 3339 date-times and `HH:MM:SS` clock times, and integers in the range
//! of Unix times (seconds to nanoseconds, years 2000–2099). A decimal run
//! inside a longer alphanumeric word (a hex id) is not read as a number: 128
//! random bits written in hex hold ten-digit runs by chance.

use std::net::{Ipv4Addr, Ipv6Addr};

/// One match of the scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// An IPv4 or IPv6 literal.
    Address(String),
    /// A user-agent product token such as `Mozilla/`.
    UserAgent(String),
    /// A date-time or clock time finer than the day.
    Time(String),
    /// An integer that reads as a Unix time.
    Epoch(u64),
}

impl Hit {
    /// What the hit looks like, for a finding's message.
    pub fn describe(&self) -> String {
        match self {
            Hit::Address(a) => format!("an address ({a})"),
            Hit::UserAgent(u) => format!("a user agent ({u}…)"),
            Hit::Time(t) => format!("a time finer than the day ({t})"),
            Hit::Epoch(n) => format!("a Unix-time-like integer ({n})"),
        }
    }
}

/// User-agent product tokens, lowercase.
const USER_AGENTS: &[&str] = &[
    "mozilla/",
    "applewebkit/",
    "gecko/",
    "chrome/",
    "safari/",
    "firefox/",
    "curl/",
    "wget/",
    "python-requests/",
    "python-urllib/",
    "okhttp/",
    "go-http-client/",
    "user-agent",
];

/// Unix times from 2000-01-01 to 2100-01-01, in seconds.
const EPOCH_FROM: u64 = 946_684_800;
const EPOCH_TO: u64 = 4_102_444_800;

/// Whether `n` reads as a Unix time (2000–2099) in seconds, milliseconds,
/// microseconds or nanoseconds.
pub fn epoch_like(n: u64) -> bool {
    [1u64, 1_000, 1_000_000, 1_000_000_000]
        .iter()
        .any(|&unit| (EPOCH_FROM.saturating_mul(unit)..EPOCH_TO.saturating_mul(unit)).contains(&n))
}

/// Every hit in `bytes` (any bytes: non-ASCII bytes separate words).
pub fn scan(bytes: &[u8]) -> Vec<Hit> {
    let mut hits = Vec::new();
    user_agents(bytes, &mut hits);
    addresses(bytes, &mut hits);
    times(bytes, &mut hits);
    epochs(bytes, &mut hits);
    hits
}

fn user_agents(bytes: &[u8], hits: &mut Vec<Hit>) {
    let lower = bytes.to_ascii_lowercase();
    for token in USER_AGENTS {
        if let Some(at) = find(&lower, token.as_bytes()) {
            let end = (at + token.len() + 8).min(bytes.len());
            hits.push(Hit::UserAgent(printable(&bytes[at..end])));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn printable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                b as char
            } else {
                '?'
            }
        })
        .collect()
}

/// Maximal runs of bytes for which `keep` holds, with their start.
fn runs(bytes: &[u8], keep: impl Fn(u8) -> bool) -> Vec<(usize, &[u8])> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (keep(b), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &bytes[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &bytes[s..]));
    }
    out
}

fn addresses(bytes: &[u8], hits: &mut Vec<Hit>) {
    for (start, run) in runs(bytes, |b| b.is_ascii_digit() || b == b'.') {
        let before = start.checked_sub(1).map(|i| bytes[i]);
        // `v1.2.3.4` or `x1.2.3.4`: part of a word, not an address.
        if before.is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let text = String::from_utf8_lossy(run);
        let text = text.trim_matches('.');
        if text.split('.').count() == 4 && text.parse::<Ipv4Addr>().is_ok() {
            hits.push(Hit::Address(text.to_string()));
        }
    }
    for (_, run) in runs(bytes, |b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
        let colons = run.iter().filter(|&&b| b == b':').count();
        let hex_digits = run.iter().filter(|b| b.is_ascii_hexdigit()).count();
        if colons < 2 || hex_digits == 0 {
            continue;
        }
        let text = String::from_utf8_lossy(run);
        if text.parse::<Ipv6Addr>().is_ok() && (colons >= 5 || text.contains("::")) {
            hits.push(Hit::Address(text.into_owned()));
        }
    }
}

fn two_digits(bytes: &[u8], at: usize) -> bool {
    bytes.len() >= at + 2 && bytes[at].is_ascii_digit() && bytes[at + 1].is_ascii_digit()
}

fn times(bytes: &[u8], hits: &mut Vec<Hit>) {
    for i in 0..bytes.len() {
        // `HH:MM` at i; a time if `:SS` follows or `YYYY-MM-DD[T ]` precedes.
        if !(two_digits(bytes, i) && bytes.get(i + 2) == Some(&b':') && two_digits(bytes, i + 3)) {
            continue;
        }
        let seconds = bytes.get(i + 5) == Some(&b':') && two_digits(bytes, i + 6);
        let dated = i >= 11 && {
            let d = &bytes[i - 11..i];
            d[..4].iter().all(u8::is_ascii_digit)
                && d[4] == b'-'
                && two_digits(d, 5)
                && d[7] == b'-'
                && two_digits(d, 8)
                && matches!(d[10], b'T' | b't' | b' ')
        };
        if seconds || dated {
            let start = if dated { i - 11 } else { i };
            let end = (i + if seconds { 8 } else { 5 }).min(bytes.len());
            hits.push(Hit::Time(printable(&bytes[start..end])));
        }
    }
    hits.dedup();
}

fn epochs(bytes: &[u8], hits: &mut Vec<Hit>) {
    for (start, run) in runs(bytes, |b| b.is_ascii_digit()) {
        let end = start + run.len();
        let word = |i: Option<usize>| {
            i.and_then(|i| bytes.get(i))
                .is_some_and(u8::is_ascii_alphanumeric)
        };
        if word(start.checked_sub(1)) || word(Some(end)) || run.len() < 10 || run.len() > 19 {
            continue;
        }
        if let Some(n) = std::str::from_utf8(run).ok().and_then(|t| t.parse().ok()) {
            if epoch_like(n) {
                hits.push(Hit::Epoch(n));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Hit> {
        scan(text.as_bytes())
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            kinds("from 203.0.113.7 ok"),
            vec![Hit::Address("203.0.113.7".into())]
        );
        assert_eq!(
            kinds("[2001:db8::1]:443"),
            vec![Hit::Address("2001:db8::1".into())]
        );
        assert_eq!(kinds("\"::1\""), vec![Hit::Address("::1".into())]);
        assert!(kinds("version v1.2.3.4").is_empty());
        assert!(kinds("999.1.1.1").is_empty());
    }

    #[test]
    fn finds_user_agents_and_times() {
        let ua = kinds("Mozilla/5.0 (X11; Linux x86_64; rv:128.0)");
        assert!(matches!(ua[0], Hit::UserAgent(_)), "{ua:?}");
        assert_eq!(
            kinds("at 2026-11-25T19:34:02Z"),
            vec![Hit::Time("2026-11-25T19:34:02".into())]
        );
        assert_eq!(
            kinds("2026-11-25 19:34"),
            vec![Hit::Time("2026-11-25 19:34".into())]
        );
        assert_eq!(kinds("t=1764099242"), vec![Hit::Epoch(1_764_099_242)]);
        assert_eq!(
            kinds("t=1764099242123"),
            vec![Hit::Epoch(1_764_099_242_123)]
        );
    }

    #[test]
    fn real_metadata_passes() {
        let meta = r#"{"kind":"report","seq":3,"day":"2026-11-25","size":66240,"chunks":1,"mailbox":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}"#;
        assert!(kinds(meta).is_empty(), "{:?}", kinds(meta));
        // A hex id with a long decimal run is not a number.
        assert!(kinds("a1764099242b0000000000000000000000000000").is_empty());
        assert!(kinds(r#"{"part_size":4194304,"bytes":1048576}"#).is_empty());
    }

    #[test]
    fn epoch_ranges() {
        assert!(epoch_like(1_764_099_242));
        assert!(epoch_like(1_764_099_242_000_000_000));
        assert!(!epoch_like(4_194_304));
        assert!(!epoch_like(99_999_999));
    }
}
