//! Making reporter-supplied text safe to print on a terminal.
//!
//! Everything inside a report is written by an anonymous sender, who may be
//! hostile: an ANSI escape sequence in a field could recolour, hide or rewrite
//! what the investigator sees, or (on some terminals) do worse. Every such
//! string goes through [`line`](fn@line) or [`text`] before it reaches stdout or stderr:
//! control characters (C0, DEL, C1 — which covers ESC and CSI) and the Unicode
//! bidirectional overrides are replaced by visible escapes like `\x1b`.

use std::fmt::Write as _;

/// Whether `c` must never reach a terminal (or a file name) as is: control
/// characters and the bidirectional controls that can disguise an extension.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn escape_into(out: &mut String, c: char) {
    let n = u32::from(c);
    if n < 0x80 {
        let _ = write!(out, "\\x{n:02x}");
    } else {
        let _ = write!(out, "\\u{{{n:x}}}");
    }
}

/// A single-line, terminal-safe rendering: every control character, including
/// newlines and tabs, becomes a visible escape.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_dangerous(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A multi-line, terminal-safe rendering: newlines and tabs are kept (`\r\n`
/// and a lone `\r` become `\n`), every other control character becomes a
/// visible escape.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if is_dangerous(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Makes serialised JSON terminal-safe: `serde_json` already escapes U+0000–U+001F;
/// this also escapes DEL, the C1 controls and the bidi overrides as `\uXXXX`
/// (they can only occur inside strings, so the JSON keeps its meaning). Raw
/// newlines can only be the pretty-printer's own, and are kept.
pub fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '\n' && is_dangerous(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Shortens a terminal-safe string to at most `max` characters, marking the cut with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A human-readable size: `812 B`, `64.0 KiB`, `3.2 MiB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Prints an error and its hint on stderr, terminal-safe: error messages can
/// quote report content (a manifest's unknown key, for one).
pub fn error(e: &crate::error::Error) {
    use std::io::IsTerminal;
    let colour = colour_on(std::io::stderr().is_terminal());
    eprintln!(
        "{} {}\n{} {}",
        paint("error:", Paint::Bad, colour),
        text(&e.to_string()),
        paint("hint:", Paint::Hint, colour),
        text(&e.hint())
    );
}

/// A progress bar on stderr counting `len` items (`what`: "exporting
/// cases"), drawn only when stderr is a terminal — hidden otherwise, so
/// logs and pipes get no control sequences.
pub fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// What a coloured word means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Errors, missed deadlines, alarms: bold red.
    Bad,
    /// Deadlines near: yellow.
    Warn,
    /// Hints: cyan.
    Hint,
}

/// Whether to colour a stream: only a terminal, only without `NO_COLOR`
/// (any non-empty value, no-color.org), never for `TERM=dumb`.
pub fn colour_on(is_terminal: bool) -> bool {
    colour_rule(
        is_terminal,
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

/// [`colour_on`] with its inputs given (testable without the environment).
pub fn colour_rule(
    is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

/// `word` in its colour when `on`, else unchanged. Only for the CLI's own
/// words: untrusted text is never painted (it goes through [`line`](fn@line) first).
pub fn paint(word: &str, p: Paint, on: bool) -> String {
    if !on {
        return word.to_string();
    }
    let code = match p {
        Paint::Bad => "1;31",
        Paint::Warn => "33",
        Paint::Hint => "36",
    };
    format!("\x1b[{code}m{word}\x1b[0m")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;
        let xterm = Some(OsStr::new("xterm-256color"));
        assert!(colour_rule(true, None, xterm));
        assert!(colour_rule(true, Some(OsStr::new("")), xterm));
        assert!(!colour_rule(true, Some(OsStr::new("1")), xterm));
        assert!(!colour_rule(false, None, xterm));
        assert!(!colour_rule(true, None, Some(OsStr::new("dumb"))));
        assert_eq!(paint("error:", Paint::Bad, false), "error:");
        assert_eq!(paint("error:", Paint::Bad, true), "\x1b[1;31merror:\x1b[0m");
    }

    #[test]
    fn ansi_escapes_are_neutralised() {
        let hostile = "ok\x1b[2J\x1b]0;pwned\x07 \u{9b}31m";
        let safe = line(hostile);
        assert_eq!(safe, "ok\\x1b[2J\\x1b]0;pwned\\x07 \\u{9b}31m");
        assert!(!safe.chars().any(char::is_control));
    }

    #[test]
    fn line_escapes_newlines_text_keeps_them() {
        assert_eq!(line("a\nb\tc"), "a\\x0ab\\x09c");
        assert_eq!(text("a\r\nb\rc\td\x00"), "a\nb\nc\td\\x00");
    }

    #[test]
    fn bidi_overrides_are_escaped() {
        assert_eq!(line("photo\u{202e}gpj.exe"), "photo\\u{202e}gpj.exe");
        assert_eq!(text("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "Zoë — 東京, «quoted» 😀";
        assert_eq!(line(s), s);
        assert_eq!(text(s), s);
    }

    #[test]
    fn json_stays_json_and_gets_safe() {
        let value = serde_json::json!({"k": "a\u{1b}[31m\u{9b}\u{7f}\u{202e}b\n"});
        for raw in [
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap(),
        ] {
            let safe = json(&raw);
            assert!(!safe.chars().any(|c| c.is_control() && c != '\n'));
            let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn shorten_and_size() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(65_536), "64.0 KiB");
        assert_eq!(size(3 * 1024 * 1024 + 200 * 1024), "3.2 MiB");
    }
}
