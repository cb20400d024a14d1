//! `whistlebox show`: one case, decrypted, with the whole container read and
//! checked first (every attachment's size and SHA-256, the padding) so that
//! nothing unverified is shown. Every reporter-supplied string goes through
//! [`crate::term`] before it reaches the terminal.

use std::io::{self, Write};

use whistlebox_core::report::{Manifest, Reader};

use crate::error::Error;
use crate::fields;
use crate::identity::Identities;
use crate::open::{container_error, decrypt};
use crate::store::StoredObject;
use crate::term;

/// Decrypts `object` and reads its whole container, verifying every
/// attachment and the padding (PROTOCOL.md §1.1); returns the manifest.
pub fn verified_manifest(
    object: &StoredObject,
    identities: &Identities,
) -> Result<Manifest, Error> {
    let id = &object.meta.id;
    let plain = decrypt(object, identities)?;
    let reader = Reader::new(plain).map_err(|e| container_error(id, e))?;
    let manifest = reader.manifest().clone();
    reader.finish().map_err(|e| container_error(id, e))?;
    Ok(manifest)
}

/// Writes the human-readable view of a case.
pub fn render(object: &StoredObject, manifest: &Manifest, out: &mut dyn Write) -> io::Result<()> {
    let meta = &object.meta;
    writeln!(out, "case        {}", meta.id)?;
    writeln!(out, "seq         {}", meta.seq)?;
    writeln!(out, "received    {} (UTC day, relay)", meta.day)?;
    writeln!(out, "kind        {}", manifest.kind.as_str())?;
    writeln!(
        out,
        "sent        {} (reporter's clock)",
        term::line(&manifest.client_time)
    )?;
    writeln!(out, "locale      {}", term::line(&manifest.locale))?;
    match &manifest.reply_key {
        Some(key) => writeln!(out, "reply key   {}", term::line(key))?,
        None => writeln!(out, "reply key   (none: the sender cannot receive replies)")?,
    }
    writeln!(
        out,
        "ciphertext  {} ({} bytes)",
        term::size(meta.size),
        meta.size
    )?;

    let ordered = fields::ordered(&manifest.fields);
    if ordered.is_empty() {
        writeln!(out, "\n(no fields)")?;
    }
    for (key, value) in ordered {
        writeln!(out, "\n{}", fields::label(key))?;
        let value = term::text(value);
        if value.trim().is_empty() {
            writeln!(out, "    (empty)")?;
        }
        for line in value.lines() {
            writeln!(out, "    {line}")?;
        }
    }

    let n = manifest.attachments.len();
    if n == 0 {
        writeln!(out, "\nattachments: none")?;
    } else {
        writeln!(out, "\nattachments: {n} (sizes and SHA-256 verified)")?;
        for (i, a) in manifest.attachments.iter().enumerate() {
            writeln!(out, "  {}. {}", i + 1, term::line(&a.name))?;
            let kind = if a.media_type.is_empty() {
                "(not given)".to_string()
            } else {
                term::line(&a.media_type)
            };
            writeln!(out, "     type    {kind}")?;
            writeln!(
                out,
                "     size    {} ({} bytes)",
                term::size(a.size),
                a.size
            )?;
            writeln!(out, "     sha256  {}", term::line(&a.sha256))?;
        }
    }
    Ok(())
}

/// Shows one case.
pub fn run(
    object: &StoredObject,
    identities: &Identities,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let manifest = verified_manifest(object, identities)?;
    render(object, &manifest, out).map_err(Error::Stdout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ObjectMeta;
    use std::collections::BTreeMap;
    use whistlebox_core::report::{Attachment, Kind};

    #[test]
    fn hostile_text_cannot_reach_the_terminal() {
        let fields: BTreeMap<String, String> = [
            ("what", "line one\n\x1b]52;c;cGF5bG9hZA==\x07line two"),
            ("category", "x\u{9b}2J"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let manifest = Manifest {
            kind: Kind::Report,
            fields,
            attachments: vec![Attachment::describe("a\x1b[8m.txt", "text/plain", b"hi")],
            reply_key: None,
            client_time: "2025\x1b[1A".into(),
            locale: "en".into(),
        };
        let object = StoredObject {
            meta: ObjectMeta {
                id: "a".repeat(32),
                seq: 3,
                kind: "report".into(),
                day: "2025-03-14".into(),
                size: 70_000,
            },
            body: "unused".into(),
        };
        let mut out = Vec::new();
        render(&object, &manifest, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        // Category comes before What happened; multi-line text stays multi-line.
        let cat = text.find("Category").unwrap();
        let what = text.find("What happened").unwrap();
        assert!(cat < what);
        assert!(text.contains("    line one\n    \\x1b]52;c;cGF5bG9hZA==\\x07line two\n"));
        assert!(text.contains("  1. a\\x1b[8m.txt"));
        assert!(text.contains("attachments: 1 (sizes and SHA-256 verified)"));
    }
}
