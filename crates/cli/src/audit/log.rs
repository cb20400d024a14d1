//! `whistlebox audit log URL --state DIR` (`docs/AUDITING.md`): a monitor of
//! a relay's transparency log (PROTOCOL.md §10). It fetches the checkpoint,
//! verifies it with the key pinned in DIR (§10.3), proves it consistent with
//! the checkpoint it remembered (§10.4), fetches every leaf and recomputes
//! the root (§10.2); only if all holds is the new checkpoint remembered
//! (temporary file, fsync, rename).
//!
//! A monitor detects a fork only against the checkpoints it has seen: a
//! relay that shows different histories to different people is caught by
//! several monitors comparing their checkpoints.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use whistlebox_core::log::{
    decode_proof, encode_hash, verify_consistency, Checkpoint, Leaf, MemoryTree, VerifierKey,
    MAX_CONSISTENCY_PROOF,
};

use super::site::Http;
use super::{run_checks, Check, Findings, Report};
use crate::error::Error;
use crate::term;

/// Most leaves one `GET /api/log/leaves` returns (PROTOCOL.md §10.4).
const PAGE: u64 = 1_000;
/// The pinned verifier key and the last checkpoint, in DIR.
const VKEY_FILE: &str = "vkey";
const CHECKPOINT_FILE: &str = "checkpoint";

/// The checks of `audit log`, in the order they run.
pub const CHECKS: &[Check<LogView>] = &[
    ("signature", check_signature),
    ("rollback", check_rollback),
    ("consistency", check_consistency),
    ("leaves", check_leaves),
];

/// A validated `audit log`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogPlan {
    /// The relay's base URL.
    pub url: String,
    /// The monitor's state directory (pinned key, last checkpoint).
    pub state: PathBuf,
    /// The published log key to pin on the first run.
    pub log_key: Option<PathBuf>,
    /// Proxy for every request.
    pub proxy: Option<String>,
    /// Print JSON.
    pub json: bool,
}

/// What the monitor saw; the checks only look.
#[derive(Debug, Default)]
pub struct LogView {
    /// Why the checkpoint did not verify with the pinned key.
    signature: Option<String>,
    /// The remembered size, when the new one is smaller.
    rollback: Option<(u64, u64)>,
    /// Why the consistency proof failed.
    inconsistent: Option<String>,
    /// Why the leaves do not give the root.
    mismatch: Option<String>,
}

/// The summary of `audit log` (`docs/AUDITING.md`).
#[derive(Debug, Serialize)]
pub struct LogSummary {
    /// The pinned verifier key.
    pub key: String,
    /// Where the key was pinned from on this run: `state`, `file` or `relay`.
    pub key_from: &'static str,
    /// The checkpoint's tree size (`null` if it did not verify).
    pub size: Option<u64>,
    /// Its root hash, base64.
    pub root: Option<String>,
    /// The size of the checkpoint remembered before this run, if any.
    pub previous_size: Option<u64>,
    /// Leaves fetched and hashed.
    pub leaves: u64,
    /// Whether the new checkpoint was remembered.
    pub remembered: bool,
}

#[derive(Deserialize)]
struct ProofAnswer {
    proof: Vec<String>,
}

#[derive(Deserialize)]
struct LeavesAnswer {
    leaves: Vec<String>,
}

fn check_signature(view: &LogView, f: &mut Findings) {
    if let Some(why) = &view.signature {
        f.add("log_signature", "/api/log/checkpoint", why.clone());
    }
}

fn check_rollback(view: &LogView, f: &mut Findings) {
    if let Some((old, new)) = view.rollback {
        f.add(
            "log_rollback",
            "/api/log/checkpoint",
            format!("the log shrank from {old} leaves (a checkpoint it signed before) to {new}: it was rolled back"),
        );
    }
}

fn check_consistency(view: &LogView, f: &mut Findings) {
    if let Some(why) = &view.inconsistent {
        f.add("log_inconsistent", "/api/log/consistency", why.clone());
    }
}

fn check_leaves(view: &LogView, f: &mut Findings) {
    if let Some(why) = &view.mismatch {
        f.add("log_mismatch", "/api/log/leaves", why.clone());
    }
}

/// Runs `audit log`.
pub fn run(plan: &LogPlan, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let http = Http::new(&plan.url, plan.proxy.as_deref())?;
    fs::create_dir_all(&plan.state).map_err(Error::io("cannot create", &plan.state))?;
    let vkey_path = plan.state.join(VKEY_FILE);
    let cp_path = plan.state.join(CHECKPOINT_FILE);
    let pinned = match fs::read_to_string(&vkey_path) {
        Ok(text) => Some(parse_key(text.trim_end(), &vkey_path)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("cannot read", &vkey_path)(e)),
    };
    let given = match &plan.log_key {
        Some(path) => {
            let text = fs::read_to_string(path).map_err(Error::io("cannot read", path))?;
            Some(parse_key(text.trim_end(), path)?)
        }
        None => None,
    };
    let (key, key_from) = match (pinned, given) {
        (Some(p), Some(g)) if p.as_str() != g.as_str() => {
            return Err(Error::Audit {
                what: format!(
                    "--log-key {} differs from the key pinned in {}",
                    g.as_str(),
                    vkey_path.display()
                ),
                hint: "a pinned log key is never replaced: if the relay's key really changed, start a new state directory after checking why".into(),
            })
        }
        (Some(p), _) => (p, "state"),
        (None, Some(g)) => (g, "file"),
        (None, None) => {
            let answer = http.get("/api/log/key")?;
            if answer.status != 200 {
                return Err(bad_answer("/api/log/key", answer.status));
            }
            let text = String::from_utf8_lossy(&answer.body).into_owned();
            let key = parse_key(text.trim_end(), Path::new("/api/log/key"))?;
            eprintln!(
                "warning: trusting the log key {} on first use (from {}/api/log/key); compare it with the team's published key (keys/log.vkey), or pass --log-key FILE",
                term::line(key.as_str()),
                term::line(&plan.url)
            );
            (key, "relay")
        }
    };
    let previous = match fs::read(&cp_path) {
        Ok(bytes) => Some(Checkpoint::verify(&bytes, &key).map_err(|e| Error::Audit {
            what: format!(
                "the remembered checkpoint {} does not verify with the pinned key: {e}",
                cp_path.display()
            ),
            hint: "the state directory was changed by someone else; start a new one".into(),
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("cannot read", &cp_path)(e)),
    };
    let mut view = LogView::default();
    let mut summary = LogSummary {
        key: key.as_str().to_string(),
        key_from,
        size: None,
        root: None,
        previous_size: previous.as_ref().map(|c| c.size),
        leaves: 0,
        remembered: false,
    };
    let answer = http.get("/api/log/checkpoint")?;
    if answer.status != 200 {
        return Err(bad_answer("/api/log/checkpoint", answer.status));
    }
    let checkpoint = match Checkpoint::verify(&answer.body, &key) {
        Ok(c) => Some(c),
        Err(e) => {
            view.signature = Some(format!(
                "the checkpoint does not verify with the pinned key: {}",
                term::line(&e.to_string())
            ));
            None
        }
    };
    if let Some(new) = &checkpoint {
        summary.size = Some(new.size);
        summary.root = Some(encode_hash(&new.root));
        if let Some(old) = &previous {
            if new.size < old.size {
                view.rollback = Some((old.size, new.size));
            } else {
                let proof = if old.size == 0 || old.size == new.size {
                    Vec::new()
                } else {
                    let path = format!("/api/log/consistency?from={}&to={}", old.size, new.size);
                    fetch_json::<ProofAnswer>(&http, &path)?.proof
                };
                let checked = decode_proof(&proof, MAX_CONSISTENCY_PROOF).and_then(|proof| {
                    verify_consistency(&proof, old.size, &old.root, new.size, &new.root)
                });
                if let Err(e) = checked {
                    view.inconsistent = Some(format!(
                        "the checkpoint of {} leaves is not an extension of the remembered one of {} leaves ({}): the log's history was rewritten or forked",
                        new.size,
                        old.size,
                        term::line(&e.to_string())
                    ));
                }
            }
        }
        if view.rollback.is_none() {
            let (tree, why) = fetch_leaves(&http, new.size)?;
            summary.leaves = tree.size();
            view.mismatch = match why {
                Some(why) => Some(why),
                None if tree.root() != new.root => Some(format!(
                    "the root over the {} leaves served, {}, is not the checkpoint's {}",
                    tree.size(),
                    encode_hash(&tree.root()),
                    encode_hash(&new.root)
                )),
                None => None,
            };
        }
    }
    let outcome = run_checks(&view, CHECKS);
    if outcome.1.is_empty() {
        if let Some(new) = &checkpoint {
            if key_from != "state" {
                write_atomic(
                    &plan.state,
                    VKEY_FILE,
                    format!("{}\n", key.as_str()).as_bytes(),
                )?;
            }
            write_atomic(&plan.state, CHECKPOINT_FILE, new.text.as_bytes())?;
            summary.remembered = true;
        }
    }
    let lines = vec![
        format!(
            "key: {} (pinned from {})",
            term::line(&summary.key),
            key_from
        ),
        match (&summary.size, &summary.root) {
            (Some(size), Some(root)) => format!("checkpoint: {size} leaves, root {root}"),
            _ => "checkpoint: did not verify".into(),
        },
        match summary.previous_size {
            Some(size) => format!("remembered before: {size} leaves"),
            None => "remembered before: nothing (first run)".into(),
        },
        format!(
            "leaves hashed: {}; new checkpoint remembered: {}",
            summary.leaves,
            if summary.remembered { "yes" } else { "no" }
        ),
    ];
    Report::new("log", plan.url.clone(), summary, outcome).finish(plan.json, &lines, out)
}

fn parse_key(text: &str, from: &Path) -> Result<VerifierKey, Error> {
    VerifierKey::parse(text).map_err(|e| Error::Audit {
        what: format!(
            "{} is not a log verifier key (PROTOCOL.md §10.3): {e}",
            from.display()
        ),
        hint: "give the team's published key file, e.g. keys/log.vkey (`whistlebox-relay log-key --data DIR` prints it)".into(),
    })
}

fn bad_answer(path: &str, status: u16) -> Error {
    Error::Audit {
        what: format!("GET {path} answered {status}"),
        hint: "check the URL: the relay must serve the transparency log (PROTOCOL.md §10.4)".into(),
    }
}

fn fetch_json<T: for<'de> Deserialize<'de>>(http: &Http, path: &str) -> Result<T, Error> {
    let answer = http.get(path)?;
    if answer.status != 200 {
        return Err(bad_answer(path, answer.status));
    }
    serde_json::from_slice(&answer.body).map_err(|e| Error::Audit {
        what: format!("GET {path} is not the JSON of PROTOCOL.md §10.4: {e}"),
        hint: "the relay does not speak this protocol version".into(),
    })
}

/// Fetches leaves `0..size` in pages of at most 1 000 and hashes them; the
/// second value says why the leaves are unusable (wrong count, bad leaf).
fn fetch_leaves(http: &Http, size: u64) -> Result<(MemoryTree, Option<String>), Error> {
    use base64::Engine as _;
    let mut tree = MemoryTree::new();
    let mut start = 0;
    while start < size {
        let end = size.min(start + PAGE);
        let page: LeavesAnswer =
            fetch_json(http, &format!("/api/log/leaves?start={start}&end={end}"))?;
        if page.leaves.len() as u64 != end - start {
            return Ok((
                tree,
                Some(format!(
                    "asked for leaves {start}..{end}, got {}",
                    page.leaves.len()
                )),
            ));
        }
        for (i, text) in page.leaves.iter().enumerate() {
            let leaf = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()
                .and_then(|bytes| Leaf::parse(&bytes).ok());
            match leaf {
                Some(leaf) => tree.push(&leaf),
                None => {
                    return Ok((
                        tree,
                        Some(format!(
                            "leaf {} is not a 58-byte leaf of §10.1",
                            start + i as u64
                        )),
                    ))
                }
            }
        }
        start = end;
    }
    Ok((tree, None))
}

/// Writes `DIR/name` atomically: a temporary file, fsync, rename, fsync of DIR.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let path = dir.join(name);
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(Error::io("cannot write in", dir))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(Error::io("cannot write", tmp.path()))?;
    tmp.persist(&path)
        .map_err(|e| Error::io("cannot write", &path)(e.error))?;
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io("cannot sync", dir))?;
    Ok(())
}
