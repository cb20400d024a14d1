//! Sanitising attachment names for export (PROTOCOL.md §6.3).
//!
//! Names come from the container and are untrusted. The exported name keeps
//! only the final path component (after the last `/` or `\`), drops NUL and
//! control characters and `<>:"|?*`, trims dots and spaces at both ends,
//! prefixes `_` to Windows device names (`CON`, `PRN`, `AUX`, `NUL`,
//! `COM1`–`COM9`, `LPT1`–`LPT9`, with or without extension), truncates to
//! [`MAX_NAME_BYTES`] on a character boundary keeping the extension, falls back
//! to `attachment-<n>` when nothing is left, and de-duplicates with ` (2)`,
//! ` (3)`… before the extension — across every attachment of a case's thread
//! ([`UniqueNames`]).
//!
//! Two readings of the spec are fixed here: the *extension* is the final
//! `.xxx` of a name when it is at most [`MAX_EXTENSION_BYTES`] long and not the
//! whole name; duplicates are found case-insensitively, because the export may
//! be copied to a case-insensitive file system.

use std::collections::HashSet;

/// The longest exported name, in bytes.
pub const MAX_NAME_BYTES: usize = 100;

/// The longest suffix (dot included) treated as an extension.
pub const MAX_EXTENSION_BYTES: usize = 20;

const FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*'];

const DEVICES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

fn trim_dots_spaces(s: &str) -> &str {
    s.trim_matches(|c| c == '.' || c == ' ')
}

/// Splits `name` into stem and extension (the extension keeps its dot).
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(pos) if pos > 0 && name.len() - pos <= MAX_EXTENSION_BYTES => {
            (&name[..pos], &name[pos..])
        }
        _ => (name, ""),
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether `name` is a Windows device name, with or without an extension.
fn is_device(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or("").trim_end_matches(' ');
    DEVICES.iter().any(|d| d.eq_ignore_ascii_case(base))
}

/// Fits `stem` + `suffix` + `ext` into [`MAX_NAME_BYTES`], cutting the stem.
fn fit(stem: &str, suffix: &str, ext: &str) -> String {
    let room = MAX_NAME_BYTES.saturating_sub(suffix.len() + ext.len());
    let stem = truncate_bytes(stem, room).trim_end_matches([' ', '.']);
    format!("{stem}{suffix}{ext}")
}

/// Sanitises one name; `n` (1-based) numbers the fallback `attachment-<n>`.
pub fn sanitize(name: &str, n: usize) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = last
        .chars()
        .filter(|&c| !crate::term::is_dangerous(c) && !FORBIDDEN.contains(&c))
        .collect();
    let trimmed = trim_dots_spaces(&kept);
    if trimmed.is_empty() {
        return format!("attachment-{n}");
    }
    let named = if is_device(trimmed) {
        format!("_{trimmed}")
    } else {
        trimmed.to_string()
    };
    if named.len() <= MAX_NAME_BYTES {
        return named;
    }
    let (stem, ext) = split_extension(&named);
    let fitted = fit(stem, "", ext);
    let fitted = trim_dots_spaces(&fitted);
    if fitted.is_empty() {
        format!("attachment-{n}")
    } else {
        fitted.to_string()
    }
}

/// Names handed out for one case so far: sanitises each new name and makes it
/// unique (case-insensitively) among all of them, so every attachment of a
/// case's thread can share one `attachments/` folder (PROTOCOL.md §6.3).
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
    count: usize,
}

impl UniqueNames {
    /// A fresh set for one case.
    pub fn new() -> UniqueNames {
        UniqueNames::default()
    }

    /// The exported name of the case's next attachment (numbered from 1
    /// across the whole case for the `attachment-<n>` fallback).
    pub fn next(&mut self, name: &str) -> String {
        self.count += 1;
        let clean = sanitize(name, self.count);
        let mut candidate = clean.clone();
        let mut k = 2;
        while self.taken.contains(&candidate.to_lowercase()) {
            let (stem, ext) = split_extension(&clean);
            candidate = fit(stem, &format!(" ({k})"), ext);
            k += 1;
        }
        self.taken.insert(candidate.to_lowercase());
        candidate
    }
}

/// Sanitises all names of one case and makes them unique (case-insensitively).
pub fn unique_names<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut unique = UniqueNames::new();
    names.iter().map(|n| unique.next(n.as_ref())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str) -> String {
        sanitize(name, 1)
    }

    #[test]
    fn bidi_controls_cannot_disguise_an_extension() {
        assert_eq!(sanitize("invoice\u{202e}fdp.exe", 1), "invoicefdp.exe");
        assert_eq!(sanitize("a\u{2066}b\u{200f}.txt", 1), "ab.txt");
    }

    #[test]
    fn keeps_only_the_final_component() {
        assert_eq!(s("../../x"), "x");
        assert_eq!(s("/etc/passwd"), "passwd");
        assert_eq!(s("C:\\x"), "x");
        assert_eq!(s("C:\\Users\\me\\Desktop\\photo.jpg"), "photo.jpg");
        assert_eq!(s("a/b\\c/d.txt"), "d.txt");
        assert_eq!(s("dir/"), "attachment-1");
        assert_eq!(s("..\\..\\..\\evil.exe"), "evil.exe");
    }

    #[test]
    fn drops_control_and_reserved_characters() {
        assert_eq!(s("a\0b.txt"), "ab.txt");
        assert_eq!(s("line\nbreak\r\t.txt"), "linebreak.txt");
        assert_eq!(s("esc\x1b[31m.txt"), "esc[31m.txt");
        assert_eq!(s("c1\u{9b}x.txt"), "c1x.txt");
        assert_eq!(s("del\x7f.txt"), "del.txt");
        assert_eq!(s("a<b>c:d\"e|f?g*h.txt"), "abcdefgh.txt");
        assert_eq!(s("C:evil.txt"), "Cevil.txt");
    }

    #[test]
    fn trims_dots_and_spaces() {
        assert_eq!(s("  report.pdf  "), "report.pdf");
        assert_eq!(s("...hidden"), "hidden");
        assert_eq!(s("name. . ."), "name");
        assert_eq!(s(".bashrc"), "bashrc");
    }

    #[test]
    fn empty_results_fall_back() {
        assert_eq!(s(""), "attachment-1");
        assert_eq!(s("."), "attachment-1");
        assert_eq!(s(".."), "attachment-1");
        assert_eq!(s(" . "), "attachment-1");
        assert_eq!(s("\0\x01"), "attachment-1");
        assert_eq!(s("???"), "attachment-1");
        assert_eq!(sanitize("..", 7), "attachment-7");
    }

    #[test]
    fn windows_device_names_get_a_prefix() {
        assert_eq!(s("CON"), "_CON");
        assert_eq!(s("con.txt"), "_con.txt");
        assert_eq!(s("LPT1"), "_LPT1");
        assert_eq!(s("lpt9.tar.gz"), "_lpt9.tar.gz");
        assert_eq!(s("Com3.log"), "_Com3.log");
        assert_eq!(s("nul"), "_nul");
        assert_eq!(s("aux .txt"), "_aux .txt");
        // Not device names.
        assert_eq!(s("CONSOLE.txt"), "CONSOLE.txt");
        assert_eq!(s("COM10"), "COM10");
        assert_eq!(s("LPT0"), "LPT0");
        assert_eq!(s("icon.png"), "icon.png");
    }

    #[test]
    fn long_names_are_cut_on_char_boundaries_keeping_the_extension() {
        let long = format!("{}.pdf", "a".repeat(300));
        let out = s(&long);
        assert_eq!(out.len(), MAX_NAME_BYTES);
        assert!(out.ends_with("aaa.pdf"));

        // Multi-byte: "é" is 2 bytes, "東" is 3, "😀" is 4.
        for ch in ["é", "東", "😀"] {
            let name = format!("{}.jpeg", ch.repeat(300 / ch.len()));
            let out = s(&name);
            assert!(out.len() <= MAX_NAME_BYTES, "{ch}: {}", out.len());
            assert!(out.len() > MAX_NAME_BYTES - 4, "{ch}: {}", out.len());
            assert!(out.ends_with(".jpeg"));
            assert!(out
                .trim_end_matches(".jpeg")
                .chars()
                .all(|c| c.to_string() == ch));
        }

        // No extension: a plain cut.
        let out = s(&"東".repeat(100));
        assert_eq!(out.len(), 99);
        // A "extension" longer than MAX_EXTENSION_BYTES is just part of the name.
        let out = s(&format!("a.{}", "b".repeat(300)));
        assert_eq!(out.len(), MAX_NAME_BYTES);
        assert!(out.starts_with("a.bbb"));
        // A cut that lands before spaces does not leave a trailing space.
        let out = s(&format!("{}{}", "x".repeat(99), " ".repeat(50) + "y"));
        assert_eq!(out, "x".repeat(99));
    }

    #[test]
    fn duplicates_are_numbered_before_the_extension() {
        let names = unique_names(&[
            "photo.jpg",
            "dir/photo.jpg",
            "PHOTO.JPG",
            "photo (2).jpg",
            "notes",
            "notes",
            "..",
            "attachment-7",
        ]);
        assert_eq!(
            names,
            [
                "photo.jpg",
                "photo (2).jpg",
                "PHOTO (3).JPG",
                "photo (2) (2).jpg",
                "notes",
                "notes (2)",
                "attachment-7",
                "attachment-7 (2)",
            ]
        );
        let long = format!("{}.txt", "z".repeat(200));
        let names = unique_names(&[long.clone(), long]);
        assert_eq!(names[0].len(), MAX_NAME_BYTES);
        assert_eq!(names[1].len(), MAX_NAME_BYTES);
        assert!(names[1].ends_with("z (2).txt"));
    }

    #[test]
    fn results_are_always_safe_file_names() {
        let hostile = [
            "../../x",
            "/etc/passwd",
            "C:\\x",
            "\0",
            "CON",
            "..",
            ".",
            "",
            "a/../../b",
            "\\\\server\\share\\f",
            "x\u{202e}gpj.exe",
        ];
        for (i, name) in hostile.iter().enumerate() {
            let out = sanitize(name, i + 1);
            assert!(!out.is_empty());
            assert!(out.len() <= MAX_NAME_BYTES);
            assert!(!out.contains(['/', '\\', '\0']));
            assert!(out != "." && out != "..");
            assert!(!out.starts_with([' ', '.']) && !out.ends_with([' ', '.']));
            assert!(!is_device(&out), "{out}");
        }
    }
}
