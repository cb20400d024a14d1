//! Rendering a decrypted case as Markdown or HTML for export (PROTOCOL.md §6).
//!
//! Every reporter-supplied string is hostile until escaped:
//!
//! - HTML: `& < > " '` are escaped everywhere, the page carries a
//!   `Content-Security-Policy` that allows no script, no network and no
//!   external resource, and attachments are linked by escaped, percent-encoded
//!   relative paths.
//! - Markdown: short values have every Markdown-active ASCII character
//!   backslash-escaped; long or multi-line values go in a fenced block whose
//!   fence is longer than any backtick run inside, so the text cannot close it.
//! - Both: control characters become visible escapes ([`crate::term`]), so a
//!   file printed with `cat` cannot drive a terminal either.

use std::fmt::Write as _;

use whistlebox_core::report::Manifest;

use crate::fields;
use crate::store::ObjectMeta;
use crate::term;

/// The CSP of exported HTML: nothing may load or run.
pub const HTML_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Values longer than this (or with a newline) are shown as a block.
const INLINE_MAX: usize = 80;

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes every byte but the RFC 3986 unreserved characters, for a
/// relative URL path segment.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Backslash-escapes every ASCII punctuation character that Markdown
/// (CommonMark or GitHub flavour) may give a meaning to.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '.'
                | '!'
                | '|'
                | '<'
                | '>'
                | '~'
                | '&'
                | '='
                | ':'
                | '"'
                | '\''
                | '$'
                | '^'
                | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A fenced Markdown block holding `text` verbatim: the fence is one backtick
/// longer than the longest backtick run in `text` (at least three).
pub fn md_fenced(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat((longest + 1).max(3));
    let body = text.strip_suffix('\n').unwrap_or(text);
    format!("{fence}text\n{body}\n{fence}\n")
}

fn is_long(s: &str) -> bool {
    s.contains('\n') || s.chars().count() > INLINE_MAX
}

/// The `report.md` of a case; `files` are the exported attachment names.
pub fn markdown(meta: &ObjectMeta, manifest: &Manifest, files: &[String]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Whistlebox case {}\n", meta.id);
    let _ = writeln!(md, "- **Case:** `{}` (seq {})", meta.id, meta.seq);
    let _ = writeln!(md, "- **Received:** {} (UTC day, relay)", meta.day);
    let _ = writeln!(md, "- **Kind:** {}", manifest.kind.as_str());
    let _ = writeln!(
        md,
        "- **Sent:** {} (reporter's clock)",
        md_escape(&term::line(&manifest.client_time))
    );
    let _ = writeln!(
        md,
        "- **Locale:** {}",
        md_escape(&term::line(&manifest.locale))
    );
    match &manifest.reply_key {
        Some(k) => {
            let _ = writeln!(md, "- **Reply key:** {}", md_escape(&term::line(k)));
        }
        None => {
            let _ = writeln!(md, "- **Reply key:** none");
        }
    }
    for (key, value) in fields::ordered(&manifest.fields) {
        let _ = writeln!(md, "\n## {}\n", md_escape(fields::label(key)));
        if value.is_empty() {
            let _ = writeln!(md, "*(empty)*");
        } else if is_long(value) {
            md.push_str(&md_fenced(&term::text(value)));
        } else {
            let _ = writeln!(md, "{}", md_escape(&term::line(value)));
        }
    }
    let _ = writeln!(md, "\n## Attachments\n");
    if manifest.attachments.is_empty() {
        let _ = writeln!(md, "None.");
    } else {
        let _ = writeln!(
            md,
            "Sizes and SHA-256 were verified. Attachments are untrusted files from an anonymous sender.\n"
        );
    }
    for (i, (a, file)) in manifest.attachments.iter().zip(files).enumerate() {
        let _ = writeln!(
            md,
            "{}. [{}](attachments/{}) — {}, {} bytes, SHA-256 `{}`",
            i + 1,
            md_escape(&term::line(&a.name)),
            url_encode(file),
            if a.media_type.is_empty() {
                "type not given".to_string()
            } else {
                md_escape(&term::line(&a.media_type))
            },
            a.size,
            md_escape(&term::line(&a.sha256)),
        );
        if *file != a.name {
            let _ = writeln!(md, "   (saved as `{}`)", file.replace('`', "'"));
        }
    }
    md
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.75rem;border-radius:4px}\
dt{font-weight:bold}code{overflow-wrap:anywhere}.note{color:#555}";

/// The `report.html` of a case; `files` are the exported attachment names.
pub fn html(meta: &ObjectMeta, manifest: &Manifest, files: &[String]) -> String {
    let e = |s: &str| html_escape(&term::line(s));
    let mut h = String::new();
    let _ = writeln!(h, "<!DOCTYPE html>");
    let _ = writeln!(h, "<html lang=\"{}\">", e(&manifest.locale));
    let _ = writeln!(h, "<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(
        h,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{HTML_CSP}\">"
    );
    let _ = writeln!(h, "<meta name=\"referrer\" content=\"no-referrer\">");
    let _ = writeln!(h, "<title>Whistlebox case {}</title>", meta.id);
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(h, "<h1>Whistlebox case <code>{}</code></h1>", meta.id);
    let _ = writeln!(h, "<dl>");
    let mut item = |k: &str, v: String| {
        let _ = writeln!(h, "<dt>{k}</dt><dd>{v}</dd>");
    };
    item(
        "Case",
        format!("<code>{}</code> (seq {})", meta.id, meta.seq),
    );
    item("Received", format!("{} (UTC day, relay)", meta.day));
    item("Kind", manifest.kind.as_str().to_string());
    item(
        "Sent",
        format!("{} (reporter&#39;s clock)", e(&manifest.client_time)),
    );
    item("Locale", e(&manifest.locale));
    item(
        "Reply key",
        manifest
            .reply_key
            .as_deref()
            .map_or("none".to_string(), |k| format!("<code>{}</code>", e(k))),
    );
    let _ = writeln!(h, "</dl>");
    for (key, value) in fields::ordered(&manifest.fields) {
        let _ = writeln!(h, "<h2>{}</h2>", html_escape(fields::label(key)));
        if value.is_empty() {
            let _ = writeln!(h, "<p class=\"note\">(empty)</p>");
        } else {
            let _ = writeln!(h, "<pre>{}</pre>", html_escape(&term::text(value)));
        }
    }
    let _ = writeln!(h, "<h2>Attachments</h2>");
    if manifest.attachments.is_empty() {
        let _ = writeln!(h, "<p>None.</p>");
    } else {
        let _ = writeln!(
            h,
            "<p class=\"note\">Sizes and SHA-256 were verified. Attachments are untrusted files from an anonymous sender: open them on this offline machine only.</p>\n<ol>"
        );
        for (a, file) in manifest.attachments.iter().zip(files) {
            let media = if a.media_type.is_empty() {
                "type not given".to_string()
            } else {
                e(&a.media_type)
            };
            let _ = writeln!(
                h,
                "<li><a href=\"attachments/{}\" download rel=\"noopener noreferrer\">{}</a> — {}, {} bytes, SHA-256 <code>{}</code>{}</li>",
                html_escape(&url_encode(file)),
                e(&a.name),
                media,
                a.size,
                e(&a.sha256),
                if *file == a.name {
                    String::new()
                } else {
                    format!(" (saved as <code>{}</code>)", html_escape(file))
                }
            );
        }
        let _ = writeln!(h, "</ol>");
    }
    let _ = writeln!(h, "</body>\n</html>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use whistlebox_core::report::{Attachment, Kind};

    fn meta() -> ObjectMeta {
        ObjectMeta {
            id: "ab".repeat(16),
            seq: 4,
            kind: "report".into(),
            day: "2025-03-14".into(),
            size: 70_000,
            mailbox: None,
        }
    }

    fn hostile() -> Manifest {
        let fields: BTreeMap<String, String> = [
            ("category", "<script>alert(1)</script>"),
            (
                "what",
                "```\n# not a heading\n````\n</pre><img src=x onerror=alert(1)>\n\x1b[31m",
            ),
            (
                "where",
                "[click](javascript:alert(1)) *bold* <b>x</b> & 'q' \"d\"",
            ),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        Manifest {
            kind: Kind::Report,
            fields,
            attachments: vec![Attachment::describe(
                "\"><script>x</script>(1).html",
                "text/html\"",
                b"<script>",
            )],
            reply_key: None,
            client_time: "<t>".into(),
            locale: "en\"x".into(),
        }
    }

    #[test]
    fn html_escapes_everything_and_has_no_script() {
        let m = hostile();
        let files = vec!["script(1).html".to_string()];
        let page = html(&meta(), &m, &files);
        assert!(page.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{HTML_CSP}\">"
        )));
        let lower = page.to_lowercase();
        assert!(!lower.contains("<script"), "{page}");
        assert!(!lower.contains("<img"), "{page}");
        assert!(!lower.contains("<b>"), "{page}");
        assert!(!page.contains('\x1b'));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&amp; &#39;q&#39; &quot;d&quot;"));
        assert!(page.contains("href=\"attachments/script%281%29.html\""));
        assert!(page.contains("<html lang=\"en&quot;x\">"));
        assert_eq!(page.matches("<pre>").count(), 3);
    }

    #[test]
    fn markdown_cannot_be_broken_out_of() {
        let m = hostile();
        let files = vec!["script(1).html".to_string()];
        let md = markdown(&meta(), &m, &files);
        // The "what" field has a run of 4 backticks: the fence must be 5.
        assert!(
            md.contains("`````text\n```\n# not a heading\n````\n"),
            "{md}"
        );
        assert!(md.contains("\n`````\n"));
        // Short values are escaped inline.
        assert!(md.contains("\\<script\\>alert\\(1\\)\\</script\\>"), "{md}");
        assert!(
            md.contains("\\[click\\]\\(javascript\\:alert\\(1\\)\\)"),
            "{md}"
        );
        assert!(md.contains("](attachments/script%281%29.html)"));
        assert!(!md.contains('\x1b'));
    }

    #[test]
    fn fences_and_escapes() {
        assert_eq!(md_fenced("plain"), "```text\nplain\n```\n");
        assert_eq!(md_fenced("a ``` b"), "````text\na ``` b\n````\n");
        assert_eq!(md_fenced("x\n"), "```text\nx\n```\n");
        assert_eq!(md_escape("a*b_c"), "a\\*b\\_c");
        assert_eq!(url_encode("a b/ü?.txt"), "a%20b%2F%C3%BC%3F.txt");
        assert_eq!(html_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&#39;");
    }
}
