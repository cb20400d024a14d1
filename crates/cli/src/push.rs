//! `whistlebox push` (online machine, no keys): sends the outbox's unpushed
//! replies and status updates to the relay (PROTOCOL.md §8.7).
//!
//! Items go in order (by case, then number), each to `POST
//! /api/objects/{case}/reply` or `…/status`, after its envelope was checked
//! again against the relay's own rules for its kind (§8.3, built from `GET
//! /api/team`). The relay's `201 {"id","day"}` is recorded in the item's
//! `.json` (`pushed`), replaced atomically, before the next item is sent. A
//! refused item stops the push with the relay's error: later items stay
//! unsent, and the next push starts again from the refused one. An item sent
//! whose answer was lost is sent again next time (the reporter then sees it
//! twice; nothing is lost).
//!
//! Then every purged record (`STORE/purged/`, PROTOCOL.md §12.2) whose
//! deletion the relay has not confirmed is sent as `DELETE
//! /api/objects/{id}`; the answer's tombstone leaf and today's UTC day are
//! written into the record (`deleted`), replaced atomically. A refused
//! deletion stops the push with the relay's error.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Read, Write};

use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use whistlebox_core::envelope::{Checker, Rules};

use crate::due::Day;
use crate::error::Error;
use crate::outbox::{Outbox, OutboxItem, Pushed};
use crate::plan::PushPlan;
use crate::pull::{object_kind, rules, TeamInfo};
use crate::purge::{Confirmed, PurgedDir, PurgedFile};
use crate::relay::Relay;
use crate::store::{is_day, is_object_id, Store};
use crate::{teamfile, term};

/// The relay's answer to a push.
#[derive(Debug, Deserialize)]
struct Created {
    id: String,
    day: String,
}

/// The relay's answer to a deletion (PROTOCOL.md §12.1).
#[derive(Debug, Deserialize)]
struct DeletedAnswer {
    id: String,
    leaf: u64,
}

/// Sends the deletions of the purged records not yet confirmed.
fn push_deletions(
    relay: &Relay,
    purged: &PurgedDir,
    deletions: &[PurgedFile],
    out: &mut dyn Write,
) -> Result<(), Error> {
    for (i, file) in deletions.iter().enumerate() {
        let path = format!("/api/objects/{}", file.record.id);
        let answer = relay.delete(&path).and_then(|resp| {
            let answer: DeletedAnswer = relay.json(&format!("DELETE {path}"), resp)?;
            if answer.id != file.record.id
                || file.record.leaf.is_some_and(|leaf| answer.leaf <= leaf)
            {
                return Err(Error::RelayProtocol {
                    what: format!("DELETE {path}"),
                    reason: "the answer names another object, or a tombstone leaf not after the object's own"
                        .into(),
                });
            }
            Ok(answer)
        });
        let answer = match answer {
            Ok(answer) => answer,
            Err(Error::RelayStatus {
                status, message, ..
            }) => {
                return Err(Error::PushRefused {
                    item: format!("purged/{}", file.stem),
                    kind: "deletion".into(),
                    status,
                    message,
                    unsent: deletions.len() - i - 1,
                })
            }
            Err(e) => return Err(e),
        };
        let mut record = file.record.clone();
        let day = Day::today_utc().to_string();
        record.deleted = Some(Confirmed {
            leaf: answer.leaf,
            day: day.clone(),
        });
        purged.write(&file.stem, &record)?;
        writeln!(
            out,
            "deleted {} {} on the relay (tombstone leaf {}, {day})",
            record.kind, record.id, answer.leaf
        )
        .map_err(Error::Stdout)?;
    }
    Ok(())
}

/// Re-applies the envelope rules to an outbox item's ciphertext.
fn check(item: &OutboxItem, rules: &Rules) -> Result<(), Error> {
    let own = |reason: String| Error::OwnEnvelope { reason };
    let file = File::open(&item.body).map_err(Error::io("cannot open", &item.body))?;
    let mut reader = BufReader::new(file);
    let mut checker = Checker::new(rules.clone());
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(Error::io("cannot read", &item.body))?;
        if n == 0 {
            break;
        }
        checker
            .update(&buf[..n])
            .map_err(|e| own(format!("{} {e} [{}]", item.meta.stem(), e.code())))?;
    }
    checker
        .finish()
        .map(|_| ())
        .map_err(|e| own(format!("{} {e} [{}]", item.meta.stem(), e.code())))
}

/// A relay that refuses a request before reading its body may close the
/// connection while the body is still being sent, and the client then sees
/// a broken pipe instead of the answer. When that happens, ask the relay
/// about the case without a body (`GET /api/objects/{case}`): an error there
/// (such as `404 not_found`) is the refusal; otherwise the network error
/// stands, and the next push sends the item again.
fn diagnose(relay: &Relay, item: &OutboxItem, unsent: usize, network: Error) -> Error {
    match relay.get(&format!("/api/objects/{}", item.meta.case)) {
        // Dropping the answer unread closes the connection: nothing is downloaded.
        Ok(_) => network,
        Err(Error::RelayStatus {
            status, message, ..
        }) => Error::PushRefused {
            item: item.meta.stem(),
            kind: item.meta.kind.clone(),
            status,
            message: format!(
                "{message} (the relay closed the connection while the item was sent; GET /api/objects/{} answers {status})",
                item.meta.case
            ),
            unsent,
        },
        Err(other) => other,
    }
}

/// Runs `push`.
pub fn run(plan: &PushPlan, out: &mut dyn Write) -> Result<(), Error> {
    // Local inputs first: the token, the pinned keyset, the outbox.
    let relay = Relay::connect(&plan.relay, plan.proxy.as_deref(), &plan.token_file)?;
    let pinned = plan.team.as_deref().map(teamfile::read).transpose()?;
    let store = Store::open(&plan.store)?;
    let outbox = Outbox::of(store.root());
    let pending: Vec<OutboxItem> = outbox
        .items()?
        .into_iter()
        .filter(|i| i.meta.pushed.is_none())
        .collect();
    let purged = PurgedDir::of(store.root());
    let deletions: Vec<PurgedFile> = purged
        .records()?
        .into_iter()
        .filter(|f| f.record.deleted.is_none())
        .collect();
    if pending.is_empty() && deletions.is_empty() {
        writeln!(
            out,
            "nothing to push: every outbox item was sent and every purge confirmed"
        )
        .map_err(Error::Stdout)?;
        return Ok(());
    }
    if pending.is_empty() {
        return push_deletions(&relay, &purged, &deletions, out);
    }

    let team: TeamInfo = relay.get_json("/api/team")?;
    let base = rules(&team, pinned.as_ref())?;

    let progress = if std::io::stderr().is_terminal() {
        let total = pending.iter().fold(0u64, |s, i| s.saturating_add(i.size));
        let bar = ProgressBar::new(total);
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(format!("pushing {} items", pending.len()));
        bar
    } else {
        ProgressBar::hidden()
    };

    for (i, item) in pending.iter().enumerate() {
        let unsent = pending.len() - i - 1;
        let kind = object_kind(&item.meta.kind).expect("validated outbox kind");
        let rules = base.for_kind(kind);
        if let Err(e) = check(item, &rules) {
            progress.finish_and_clear();
            return Err(e);
        }
        let path = format!("/api/objects/{}/{}", item.meta.case, item.meta.kind);
        let file = File::open(&item.body).map_err(Error::io("cannot open", &item.body))?;
        let body = progress.wrap_read(BufReader::new(file));
        let answer = relay.post(&path, body, item.size).and_then(|resp| {
            let created: Created = relay.json(&format!("POST {path}"), resp)?;
            if !is_object_id(&created.id) || !is_day(&created.day) {
                return Err(Error::RelayProtocol {
                    what: format!("POST {path}"),
                    reason: "the answer is not {\"id\": 32 hex digits, \"day\": YYYY-MM-DD}".into(),
                });
            }
            Ok(created)
        });
        let created = match answer {
            Ok(c) => c,
            Err(Error::RelayStatus {
                status, message, ..
            }) => {
                progress.finish_and_clear();
                return Err(Error::PushRefused {
                    item: item.meta.stem(),
                    kind: item.meta.kind.clone(),
                    status,
                    message,
                    unsent,
                });
            }
            Err(e @ Error::Network { .. }) => {
                progress.finish_and_clear();
                return Err(diagnose(&relay, item, unsent, e));
            }
            Err(e) => {
                progress.finish_and_clear();
                return Err(e);
            }
        };
        outbox.mark_pushed(
            item,
            Pushed {
                id: created.id.clone(),
                day: created.day.clone(),
            },
        )?;
        progress
            .suspend(|| {
                writeln!(
                    out,
                    "pushed {} {} of case {} as {} ({})",
                    item.meta.kind,
                    item.meta.n,
                    item.meta.case,
                    created.id,
                    term::line(&created.day)
                )
            })
            .map_err(Error::Stdout)?;
    }
    progress.finish_and_clear();
    writeln!(
        out,
        "pushed {} outbox items to {}",
        pending.len(),
        relay.base()
    )
    .map_err(Error::Stdout)?;
    push_deletions(&relay, &purged, &deletions, out)
}
