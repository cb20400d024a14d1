//! `whistlebox cases`: one row per stored case, read from the manifest only
//! (`read_manifest` stops after the manifest, so listing stays fast however
//! large the attachments are). A case the given identities cannot open is
//! listed as `(not addressed to you)`; a damaged one is listed, reported on
//! stderr, and makes the command fail at the end.

use std::io::Write;

use serde::Serialize;
use whistlebox_core::report::read_manifest;

use crate::error::{Error, ExitCode};
use crate::identity::Identities;
use crate::open::{container_error, decrypt};
use crate::store::{Store, StoredObject};
use crate::term;

/// What could be learnt about one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    /// The object id.
    pub id: String,
    /// The relay's sequence number.
    pub seq: u64,
    /// The day the relay received it.
    pub day: String,
    /// `ok`, `not_addressed` or `damaged`.
    pub status: &'static str,
    /// The manifest kind (the store's kind when the case cannot be opened).
    pub kind: String,
    /// The `category` field, if any.
    pub category: Option<String>,
    /// The number of attachments, when the case could be opened.
    pub attachments: Option<usize>,
    /// The ciphertext size in bytes.
    pub size: u64,
    /// What went wrong, for damaged cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Reads the row of one case; a damaged case is returned with its error.
pub fn row(object: &StoredObject, identities: &Identities) -> (CaseRow, Option<Error>) {
    let meta = &object.meta;
    let mut row = CaseRow {
        id: meta.id.clone(),
        seq: meta.seq,
        day: meta.day.clone(),
        status: "ok",
        kind: meta.kind.clone(),
        category: None,
        attachments: None,
        size: meta.size,
        error: None,
    };
    let manifest = decrypt(object, identities)
        .and_then(|plain| read_manifest(plain).map_err(|e| container_error(&meta.id, e)));
    match manifest {
        Ok(m) => {
            row.kind = m.kind.as_str().to_string();
            row.category = m.fields.get("category").cloned();
            row.attachments = Some(m.attachments.len());
            (row, None)
        }
        Err(Error::NotAddressed { .. }) => {
            row.status = "not_addressed";
            (row, None)
        }
        Err(e) => {
            row.status = "damaged";
            row.error = Some(e.to_string());
            (row, Some(e))
        }
    }
}

fn table_line(row: &CaseRow) -> String {
    let (category, files) = match row.status {
        "ok" => (
            term::shorten(&term::line(row.category.as_deref().unwrap_or("-")), 32),
            row.attachments.unwrap_or(0).to_string(),
        ),
        "not_addressed" => ("(not addressed to you)".to_string(), "-".to_string()),
        _ => ("(damaged)".to_string(), "-".to_string()),
    };
    format!(
        "{:<32}  {:<10}  {:<8}  {:<32}  {:>5}  {:>9}",
        row.id,
        row.day,
        row.kind,
        category,
        files,
        term::size(row.size)
    )
}

/// Lists the cases of `store` on `out`.
pub fn run(
    store: &Store,
    identities: &Identities,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let objects = store.objects()?;
    let mut rows = Vec::with_capacity(objects.len());
    let mut failed = 0;
    for object in &objects {
        let (row, err) = row(object, identities);
        if let Some(err) = err {
            failed += 1;
            term::error(&err);
        }
        rows.push(row);
    }
    if json {
        let text = serde_json::to_string_pretty(&rows).expect("rows serialise");
        writeln!(out, "{}", term::json(&text)).map_err(Error::Stdout)?;
    } else if rows.is_empty() {
        eprintln!("no cases in the store {}", store.root().display());
    } else {
        writeln!(
            out,
            "{:<32}  {:<10}  {:<8}  {:<32}  {:>5}  {:>9}",
            "ID", "DAY", "KIND", "CATEGORY", "FILES", "SIZE"
        )
        .map_err(Error::Stdout)?;
        for row in &rows {
            writeln!(out, "{}", table_line(row)).map_err(Error::Stdout)?;
        }
    }
    if failed > 0 {
        return Err(Error::SomeCasesFailed {
            failed,
            total: rows.len(),
            exit: ExitCode::Integrity,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(status: &'static str) -> CaseRow {
        CaseRow {
            id: "0".repeat(32),
            seq: 1,
            day: "2025-03-14".into(),
            status,
            kind: "report".into(),
            category: Some("harass\x1b[31mment".into()),
            attachments: Some(2),
            size: 65_600,
            error: None,
        }
    }

    #[test]
    fn table_lines_are_safe_and_aligned() {
        let line = table_line(&sample("ok"));
        assert!(!line.contains('\x1b'));
        assert!(line.contains("harass\\x1b[31mment"));
        assert!(line.ends_with("    2   64.1 KiB"), "{line:?}");
        let line = table_line(&sample("not_addressed"));
        assert!(line.contains("(not addressed to you)"));
        assert!(!line.contains("harass"));
    }
}
