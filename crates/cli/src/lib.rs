//! Whistlebox investigator CLI (the `whistlebox` binary).
//!
//! The binary is thin: [`run`] parses the command line ([`cli`]), checks the
//! flag combinations into a [`plan::Plan`] before touching any key or file,
//! runs one command, and turns any failure into an `error:` / `hint:` pair and
//! a fixed exit code ([`error::ExitCode`]).
//!
//! - [`keygen`]: a new age identity file, post-quantum ([`pq`],
//!   `mlkem768x25519`) by default or X25519;
//! - [`decrypt`]: one age file (binary or armored) to stdout or a file,
//!   through the same [`open`] path as cases;
//! - [`pull`] (online machine, no keys): ciphertext from the relay into the
//!   [`store`] (PROTOCOL.md §4.2, §5), every body re-checked against the
//!   envelope rules (§2), and the relay's transparency log checked by
//!   [`logcheck`] (§10.7): signature, consistency, every leaf held;
//! - [`cases`], [`show`], [`export`] (offline machine): decrypt with the
//!   investigator's [`identity`] files ([`open`]), read the container
//!   (§1), and list, show, or export it with [`render`] and [`sanitize`] (§6);
//!   cases are [`thread`]s of objects sharing a `reply_key` (§8.6), and
//!   `cases --due` checks their deadlines ([`due`], §8.8);
//! - [`compose`] (`reply`, `status`; offline): an encrypted answer to the
//!   reporter and the team, written to the store's [`outbox`] (§8.4, §8.7);
//! - [`push`] (online, no keys): sends the outbox through the same
//!   [`relay`] connection as `pull`;
//! - [`purge`] (offline): deletes whole cases, by id or by a retention
//!   policy, leaving purged records that `push` turns into relay deletions
//!   and `pull` checks in the log (§12);
//! - [`audit`] (auditor, no keys): `audit store` checks a stopped relay's
//!   data directory, `audit site` what a running relay serves
//!   (`docs/AUDITING.md`).
//!
//! **Architecture invariant:** only [`identity`] and [`keygen`] read or write
//! secret keys (of the types `age` and [`pq`] implement), and `pull` and `push` never need one. Every reporter-supplied string is
//! escaped for its destination ([`term`] for terminals, [`render`] for HTML
//! and Markdown, [`sanitize`] for file names).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod audit;
pub mod cases;
pub mod casestate;
pub mod cli;
pub mod compose;
pub mod decrypt;
pub mod due;
pub mod error;
pub mod export;
pub mod fields;
pub mod identity;
pub mod keygen;
pub mod logcheck;
pub mod manual;
pub mod open;
pub mod outbox;
pub mod overview;
pub mod patterns;
pub mod plan;
pub mod pq;
pub mod pull;
pub mod purge;
pub mod push;
pub mod relay;
pub mod render;
pub mod sanitize;
pub mod show;
pub mod store;
pub mod summary;
pub mod teamfile;
pub mod term;
pub mod thread;
pub mod track;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use crate::error::{Error, ExitCode};
use crate::plan::Plan;
use crate::store::Store;

/// Runs one validated plan, writing results to `out` (standard output).
pub fn execute(plan: Plan, out: &mut dyn Write) -> Result<(), Error> {
    match plan {
        Plan::Keygen {
            output,
            force,
            key_type,
        } => {
            let recipient = keygen::keygen(&output, force, key_type)?;
            eprintln!(
                "wrote a new secret key to {} (mode 0600); keep it offline and give the team only the recipient below",
                output.display()
            );
            writeln!(out, "{recipient}").map_err(Error::Stdout)
        }
        Plan::Decrypt(p) => decrypt::run(&p, out),
        Plan::Pull(p) => pull::run(&p, out),
        Plan::Cases {
            store,
            identities,
            json,
            due,
            filter,
        } => {
            let store = Store::open(&store)?;
            let identities = identity::load(&identities)?;
            match due {
                Some(due) => cases::run_due(&store, &identities, due, &filter, json, out),
                None => cases::run(&store, &identities, &filter, json, out),
            }
        }
        Plan::Track(p) => track::run(&p, out),
        Plan::Overview(p) => summary::run(&p, out),
        Plan::Patterns {
            store,
            identities,
            min,
            json,
        } => summary::patterns(&store, &identities, min, json, out),
        Plan::Completions(shell) => manual::completions(shell, out),
        Plan::Man(dir) => manual::man(&dir, out),
        Plan::History {
            store,
            identities,
            id,
            json,
        } => track::history(&store, &identities, &id, json, out),
        Plan::Show {
            store,
            identities,
            id,
            json,
        } => {
            let store = Store::open(&store)?;
            let object = store.find(&id)?;
            let identities = identity::load(&identities)?;
            show::run(&store, &object, &identities, json, out)
        }
        Plan::Compose(p) => compose::run(&p, out),
        Plan::Push(p) => push::run(&p, out),
        Plan::Export(p) => {
            let store = Store::open(&p.store)?;
            export::run(&p, &store, out)
        }
        Plan::Audit(p) => audit::run(&p, out),
        Plan::Purge(p) => purge::run(&p, out),
    }
}

/// Parses `args` (the first is the program name), runs the command and
/// returns the exit code; errors are printed as `error:` / `hint:` on stderr.
pub fn run_from<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::Usage
            } else {
                ExitCode::Ok
            };
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = plan::plan(cli)
        .and_then(|plan| execute(plan, &mut out))
        .and_then(|()| out.flush().map_err(Error::Stdout));
    match result {
        Ok(()) => ExitCode::Ok,
        Err(e) if e.is_broken_pipe() => ExitCode::Ok,
        Err(e) => {
            term::error(&e);
            e.exit_code()
        }
    }
}

/// The entry point of the `whistlebox` binary.
pub fn run() -> std::process::ExitCode {
    std::process::ExitCode::from(run_from(std::env::args_os()).code())
}
