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
//!
//! A case is its report followed by the rest of its thread (PROTOCOL.md §8.6):
//! each later item gets the same treatment under its own heading, with its
//! number, kind, day, sender and where it is, as `show` prints them.

use std::fmt::Write as _;

use whistlebox_core::report::{Attachment, Manifest};

use crate::fields;
use crate::store::ObjectMeta;
use crate::term;
use crate::thread::Entry;

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

/// One later item of a case's thread, as exported.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// Its number in the thread, as `show` prints it (the report is 1).
    pub n: usize,
    /// The thread entry (sender, day, where it is).
    pub entry: &'a Entry,
    /// Its verified manifest.
    pub manifest: &'a Manifest,
    /// The exported names of its attachments, in manifest order.
    pub files: &'a [String],
}

/// A case as exported: the report (or an orphan's first item) and the rest
/// of its thread (PROTOCOL.md §6, §8.6).
#[derive(Clone, Copy, Debug)]
pub struct Case<'a> {
    /// The stored object of the case.
    pub meta: &'a ObjectMeta,
    /// Its verified manifest.
    pub manifest: &'a Manifest,
    /// The exported names of its attachments, in manifest order.
    pub files: &'a [String],
    /// No report in the store has this case's reply key.
    pub orphan: bool,
    /// The later items, in order (empty for a thread of one).
    pub thread: &'a [Item<'a>],
}

const ORPHAN_NOTE: &str = "without its report: no report in this store has its reply key (a mistyped codename, or a report these keys cannot open)";
const THREAD_NOTE: &str =
    "Replies and status updates are encrypted to the reporter and to the team.";
const VERIFIED: &str = "Sizes and SHA-256 were verified.";

fn md_fields(md: &mut String, manifest: &Manifest, heading: &str) {
    for (key, value) in fields::ordered(&manifest.fields) {
        let _ = writeln!(md, "\n{heading} {}\n", md_escape(fields::label(key)));
        if value.is_empty() {
            let _ = writeln!(md, "*(empty)*");
        } else if is_long(value) {
            md.push_str(&md_fenced(&term::text(value)));
        } else {
            let _ = writeln!(md, "{}", md_escape(&term::line(value)));
        }
    }
}

fn md_attachments(
    md: &mut String,
    list: &[Attachment],
    files: &[String],
    heading: &str,
    note: &str,
) {
    let _ = writeln!(md, "\n{heading} Attachments\n");
    if list.is_empty() {
        let _ = writeln!(md, "None.");
    } else {
        let _ = writeln!(md, "{note}\n");
    }
    for (i, (a, file)) in list.iter().zip(files).enumerate() {
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
}

/// What an export says above an item's attachments: the reporter's (or an
/// unknown sender's) files are untrusted.
fn attachment_note(entry: &Entry, untrusted: &str) -> String {
    if entry.from_team() == Some(true) {
        VERIFIED.to_string()
    } else {
        format!("{VERIFIED} {untrusted}")
    }
}

fn md_item(md: &mut String, item: &Item<'_>) {
    let (entry, m) = (item.entry, item.manifest);
    let _ = writeln!(
        md,
        "\n### {}. {} · {} · from {}\n",
        item.n,
        m.kind.as_str(),
        md_escape(&term::line(entry.day())),
        md_escape(&entry.sender())
    );
    let _ = writeln!(md, "- **Where:** {}", md_escape(&entry.origin()));
    let _ = writeln!(
        md,
        "- **Sent:** {} (sender's clock)",
        md_escape(&term::line(&m.client_time))
    );
    let _ = writeln!(md, "- **Locale:** {}", md_escape(&term::line(&m.locale)));
    md_fields(md, m, "####");
    let note = attachment_note(
        entry,
        "Attachments are untrusted files from an anonymous sender.",
    );
    md_attachments(md, &m.attachments, item.files, "####", &note);
}

/// The `report.md` of a case.
pub fn markdown(case: &Case<'_>) -> String {
    let (meta, manifest) = (case.meta, case.manifest);
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
    if case.orphan {
        let _ = writeln!(
            md,
            "- **Note:** a {} {}",
            manifest.kind.as_str(),
            md_escape(ORPHAN_NOTE)
        );
    }
    md_fields(&mut md, manifest, "##");
    md_attachments(
        &mut md,
        &manifest.attachments,
        case.files,
        "##",
        "Sizes and SHA-256 were verified. Attachments are untrusted files from an anonymous sender.",
    );
    if !case.thread.is_empty() {
        let _ = writeln!(md, "\n## Thread\n");
        let _ = writeln!(
            md,
            "{} items in all, in order; item 1 is the case above. {}",
            case.thread.len() + 1,
            md_escape(THREAD_NOTE)
        );
        for item in case.thread {
            md_item(&mut md, item);
        }
    }
    md
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.75rem;border-radius:4px}\
dt{font-weight:bold}code{overflow-wrap:anywhere}.note{color:#555}\
section{border-top:1px solid #ccc;margin-top:1.5rem}";

/// Escapes a string for HTML after making control characters visible.
fn e(s: &str) -> String {
    html_escape(&term::line(s))
}

fn html_fields(h: &mut String, manifest: &Manifest, tag: &str) {
    for (key, value) in fields::ordered(&manifest.fields) {
        let _ = writeln!(h, "<{tag}>{}</{tag}>", html_escape(fields::label(key)));
        if value.is_empty() {
            let _ = writeln!(h, "<p class=\"note\">(empty)</p>");
        } else {
            let _ = writeln!(h, "<pre>{}</pre>", html_escape(&term::text(value)));
        }
    }
}

fn html_attachments(h: &mut String, list: &[Attachment], files: &[String], tag: &str, note: &str) {
    let _ = writeln!(h, "<{tag}>Attachments</{tag}>");
    if list.is_empty() {
        let _ = writeln!(h, "<p>None.</p>");
        return;
    }
    let _ = writeln!(h, "<p class=\"note\">{note}</p>\n<ol>");
    for (a, file) in list.iter().zip(files) {
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

fn html_item(h: &mut String, item: &Item<'_>) {
    let (entry, m) = (item.entry, item.manifest);
    let _ = writeln!(h, "<section lang=\"{}\">", e(&m.locale));
    let _ = writeln!(
        h,
        "<h3>{}. {} · {} · from {}</h3>\n<dl>",
        item.n,
        m.kind.as_str(),
        e(entry.day()),
        html_escape(&entry.sender())
    );
    let _ = writeln!(h, "<dt>Where</dt><dd>{}</dd>", html_escape(&entry.origin()));
    let _ = writeln!(
        h,
        "<dt>Sent</dt><dd>{} (sender&#39;s clock)</dd>",
        e(&m.client_time)
    );
    let _ = writeln!(h, "<dt>Locale</dt><dd>{}</dd>\n</dl>", e(&m.locale));
    html_fields(h, m, "h4");
    let note = attachment_note(
        entry,
        "Attachments are untrusted files from an anonymous sender: open them on this offline machine only.",
    );
    html_attachments(h, &m.attachments, item.files, "h4", &note);
    let _ = writeln!(h, "</section>");
}

/// The `report.html` of a case.
pub fn html(case: &Case<'_>) -> String {
    let (meta, manifest) = (case.meta, case.manifest);
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
    if case.orphan {
        item(
            "Note",
            format!("a {} {}", manifest.kind.as_str(), html_escape(ORPHAN_NOTE)),
        );
    }
    let _ = writeln!(h, "</dl>");
    html_fields(&mut h, manifest, "h2");
    html_attachments(
        &mut h,
        &manifest.attachments,
        case.files,
        "h2",
        "Sizes and SHA-256 were verified. Attachments are untrusted files from an anonymous sender: open them on this offline machine only.",
    );
    if !case.thread.is_empty() {
        let _ = writeln!(h, "<h2>Thread</h2>");
        let _ = writeln!(
            h,
            "<p class=\"note\">{} items in all, in order; item 1 is the case above. {}</p>",
            case.thread.len() + 1,
            html_escape(THREAD_NOTE)
        );
        for item in case.thread {
            html_item(&mut h, item);
        }
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
            leaf: None,
        }
    }

    /// A case without thread.
    fn alone<'a>(meta: &'a ObjectMeta, m: &'a Manifest, files: &'a [String]) -> Case<'a> {
        Case {
            meta,
            manifest: m,
            files,
            orphan: false,
            thread: &[],
        }
    }

    /// A follow-up from the reporter, with hostile text and a hostile name.
    fn hostile_followup() -> (Entry, Vec<String>) {
        let mut manifest = hostile();
        manifest.kind = Kind::Followup;
        manifest.fields = [(
            "message".to_string(),
            "<script>alert(2)</script> [x](javascript:alert(3)) \x1b[2J".to_string(),
        )]
        .into_iter()
        .collect();
        manifest.attachments = vec![Attachment::describe(
            "../<img src=x onerror=alert(4)>.png",
            "image/png",
            b"png",
        )];
        let entry = Entry {
            object: Some(crate::store::StoredObject {
                meta: ObjectMeta {
                    id: "cd".repeat(16),
                    seq: 9,
                    kind: "followup".into(),
                    ..meta()
                },
                body: "unused".into(),
            }),
            outbox: None,
            manifest,
        };
        (entry, vec!["img src=x onerror=alert(4).png".to_string()])
    }

    #[test]
    fn thread_items_are_escaped_like_the_report() {
        let m = hostile();
        let files = vec!["script(1).html".to_string()];
        let (entry, item_files) = hostile_followup();
        let items = [Item {
            n: 2,
            entry: &entry,
            manifest: &entry.manifest,
            files: &item_files,
        }];
        let head = meta();
        let case = Case {
            thread: &items,
            ..alone(&head, &m, &files)
        };
        let page = html(&case);
        let lower = page.to_lowercase();
        assert!(!lower.contains("<script"), "{page}");
        assert!(!lower.contains("<img"), "{page}");
        assert!(!page.contains('\x1b'));
        assert!(page.contains("<h3>2. followup · 2025-03-14 · from the reporter</h3>"));
        assert!(
            page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
            "{page}"
        );
        assert!(page.contains(&format!("object {} (seq 9)", "cd".repeat(16))));
        assert!(page.contains("href=\"attachments/img%20src%3Dx%20onerror%3Dalert%284%29.png\""));
        assert!(page.contains("<section lang=\"en&quot;x\">"));
        let md = markdown(&case);
        assert!(md.contains("\n## Thread\n"), "{md}");
        assert!(
            md.contains("\n### 2. followup · 2025\\-03\\-14 · from the reporter\n"),
            "{md}"
        );
        assert!(md.contains("\\<script\\>alert\\(2\\)\\</script\\>"), "{md}");
        assert!(
            md.contains("\\[x\\]\\(javascript\\:alert\\(3\\)\\)"),
            "{md}"
        );
        assert!(md.contains("](attachments/img%20src%3Dx%20onerror%3Dalert%284%29.png)"));
        assert!(md.contains("(saved as `img src=x onerror=alert(4).png`)"));
        assert!(!md.contains('\x1b'));
        // Without a thread, nothing of it is written.
        let alone_md = markdown(&alone(&head, &m, &files));
        assert!(!alone_md.contains("Thread"));
        assert!(md.starts_with(&alone_md));
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
        let page = html(&alone(&meta(), &m, &files));
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
        let md = markdown(&alone(&meta(), &m, &files));
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
