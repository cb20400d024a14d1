//! `whistlebox show`: one case and its whole thread (PROTOCOL.md §8.6),
//! decrypted, with every container read and checked first (every
//! attachment's size and SHA-256, the padding) so that nothing unverified is
//! shown. The report comes first, then the follow-ups, replies and status
//! updates in order, each with its day, kind and sender, and the outbox's
//! answers marked "pushed" or "not yet pushed". Every reporter-supplied string
//! goes through [`crate::term`] before it reaches the terminal.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use whistlebox_core::report::{Attachment, Manifest, Reader};

use crate::casestate::{effective, CaseState, StateDir};
use crate::error::Error;
use crate::fields;
use crate::identity::Identities;
use crate::open::{container_error, decrypt_file};
use crate::store::{Store, StoredObject};
use crate::term;
use crate::thread::{assemble, Entry, EntryJson, Thread};
use crate::track::{state_json, StateJson};

/// Decrypts the age file at `path` and reads its whole container, verifying
/// every attachment and the padding (PROTOCOL.md §1.1); returns the manifest.
pub fn verified_manifest(
    path: &Path,
    id: &str,
    identities: &Identities,
) -> Result<Manifest, Error> {
    let plain = decrypt_file(path, id, identities)?;
    let reader = Reader::new(plain).map_err(|e| container_error(id, e))?;
    let manifest = reader.manifest().clone();
    reader.finish().map_err(|e| container_error(id, e))?;
    Ok(manifest)
}

/// Verifies one thread entry's whole container (pulled or outbox copy).
fn verify_entry(entry: &Entry, identities: &Identities) -> Result<Manifest, Error> {
    let (path, id) = entry.source();
    verified_manifest(path, &id, identities)
}

fn render_fields(manifest: &Manifest, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    for (key, value) in fields::ordered(&manifest.fields) {
        writeln!(out, "{indent}{}", fields::label(key))?;
        let value = term::text(value);
        if value.trim().is_empty() {
            writeln!(out, "{indent}    (empty)")?;
        }
        for line in value.lines() {
            writeln!(out, "{indent}    {line}")?;
        }
    }
    Ok(())
}

fn render_attachments(list: &[Attachment], indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let n = list.len();
    if n == 0 {
        return writeln!(out, "{indent}attachments: none");
    }
    writeln!(out, "{indent}attachments: {n} (sizes and SHA-256 verified)")?;
    for (i, a) in list.iter().enumerate() {
        writeln!(out, "{indent}  {}. {}", i + 1, term::line(&a.name))?;
        let kind = if a.media_type.is_empty() {
            "(not given)".to_string()
        } else {
            term::line(&a.media_type)
        };
        writeln!(out, "{indent}     type    {kind}")?;
        writeln!(
            out,
            "{indent}     size    {} ({} bytes)",
            term::size(a.size),
            a.size
        )?;
        writeln!(out, "{indent}     sha256  {}", term::line(&a.sha256))?;
    }
    Ok(())
}

/// Writes one later item of a thread (number `n`, from 1 for the case).
pub fn render_entry(
    n: usize,
    entry: &Entry,
    manifest: &Manifest,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "\n── {n}. {} · {} · from {}",
        manifest.kind.as_str(),
        term::line(entry.day()),
        entry.sender()
    )?;
    writeln!(out, "   {}", entry.origin())?;
    render_fields(manifest, "   ", out)?;
    render_attachments(&manifest.attachments, "   ", out)
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

    if manifest.fields.is_empty() {
        writeln!(out, "\n(no fields)")?;
    }
    for (key, value) in fields::ordered(&manifest.fields) {
        writeln!(out, "\n{}", fields::label(key))?;
        let value = term::text(value);
        if value.trim().is_empty() {
            writeln!(out, "    (empty)")?;
        }
        for line in value.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    writeln!(out)?;
    render_attachments(&manifest.attachments, "", out)
}

#[derive(Debug, Serialize)]
struct JsonThread<'a> {
    case: &'a str,
    orphan: bool,
    state: StateJson<'a>,
    items: Vec<EntryJson<'a>>,
}

fn json_view<'a>(
    thread: &'a Thread,
    manifests: &'a [Manifest],
    state: &'a CaseState,
) -> JsonThread<'a> {
    JsonThread {
        case: &thread.case,
        orphan: thread.orphan,
        state: state_json(thread, state),
        items: thread
            .entries
            .iter()
            .zip(manifests)
            .map(|(e, m)| e.json(m))
            .collect(),
    }
}

/// Shows the case that `object` belongs to, with its whole thread.
pub fn run(
    store: &Store,
    object: &StoredObject,
    identities: &Identities,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let threads = assemble(store, identities)?;
    let Some(thread) = threads.of_object(&object.meta.id) else {
        // Not readable: say why (not addressed to you, or damaged).
        let error = threads
            .unreadable
            .into_iter()
            .find(|u| u.object.meta.id == object.meta.id)
            .map(|u| u.error);
        return Err(error.unwrap_or(Error::NotAddressed {
            id: object.meta.id.clone(),
        }));
    };
    let manifests = thread
        .entries
        .iter()
        .map(|e| verify_entry(e, identities))
        .collect::<Result<Vec<_>, _>>()?;
    let state = StateDir::of(store).load(&thread.case, identities)?;
    if json {
        let text = serde_json::to_string_pretty(&json_view(thread, &manifests, &state))
            .expect("the thread serialises");
        return writeln!(out, "{}", term::json(&text)).map_err(Error::Stdout);
    }
    let head = thread.head();
    let result = (|| -> io::Result<()> {
        if thread.orphan {
            writeln!(
                out,
                "(a {} without its report: no report in this store has its reply key — a mistyped codename, or a report these keys cannot open)\n",
                head.kind().as_str()
            )?;
        }
        match &head.object {
            Some(o) => render(o, &manifests[0], out)?,
            None => render_entry(1, head, &manifests[0], out)?,
        }
        if thread.entries.len() > 1 {
            writeln!(
                out,
                "\nthread: {} items in all (the reporter reads replies and status; they are also encrypted to the team)",
                thread.entries.len()
            )?;
        }
        for (i, (entry, manifest)) in thread.entries.iter().zip(&manifests).enumerate().skip(1) {
            render_entry(i + 1, entry, manifest, out)?;
        }
        render_state(thread, &state, out)
    })();
    result.map_err(Error::Stdout)
}

/// Writes the team's own record of the case (§11): never sent to the reporter.
fn render_state(thread: &Thread, state: &CaseState, out: &mut dyn Write) -> io::Result<()> {
    let eff = effective(thread, state);
    writeln!(
        out,
        "\n── case state (the team's own record; the reporter never sees it)"
    )?;
    writeln!(out, "   status    {}", eff.status)?;
    if let Some(day) = &eff.closed_on {
        writeln!(out, "   closed    {day}")?;
    }
    writeln!(
        out,
        "   assignee  {}",
        term::line(state.assignee.as_deref().unwrap_or("(nobody)"))
    )?;
    let labels: Vec<&str> = state.labels.iter().map(String::as_str).collect();
    writeln!(
        out,
        "   labels    {}",
        if labels.is_empty() {
            "(none)".to_string()
        } else {
            term::line(&labels.join(", "))
        }
    )?;
    if let Some(listed) = thread.head().manifest.fields.get("recipients") {
        writeln!(
            out,
            "   readers   {} (chosen by the reporter)",
            term::line(listed)
        )?;
    }
    let notes: Vec<_> = state.notes().collect();
    if !notes.is_empty() {
        writeln!(out, "   internal notes:")?;
        for (event, text) in notes {
            writeln!(out, "   · {} {}", event.at, term::line(&event.by))?;
            for line in term::text(text).lines() {
                writeln!(out, "       {line}")?;
            }
        }
    }
    writeln!(
        out,
        "   history   {} change(s) (`whistlebox history {}`)",
        state.history.len(),
        thread.case
    )?;
    if state.hidden > 0 {
        writeln!(
            out,
            "   ({} change(s) encrypted to other investigators are not shown)",
            state.hidden
        )?;
    }
    Ok(())
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
                mailbox: None,
                leaf: None,
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
