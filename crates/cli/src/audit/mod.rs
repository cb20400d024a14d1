//! The auditor's commands (`docs/AUDITING.md`): [`store`] checks a relay's
//! data directory, [`site`] checks what a running relay serves. Neither needs
//! a secret key, and neither changes what it audits.
//!
//! Each command runs a list of named checks ([`store::CHECKS`],
//! [`site::CHECKS`]); a check appends [`Finding`]s with stable snake_case
//! codes (listed in `docs/AUDITING.md`). A new check — the transparency-log
//! checks of `audit log` — joins by adding an entry to its command's list.
//! The [`Report`] is printed for people or as JSON (`--json`, schema in
//! `docs/AUDITING.md`); any finding makes the command exit with code 5.

pub mod log;
pub mod scan;
pub mod site;
pub mod store;

use std::io::{IsTerminal, Write};

use serde::Serialize;

use crate::error::Error;
use crate::term;

/// Version of the `--json` report schema (`docs/AUDITING.md`).
pub const SCHEMA_VERSION: u32 = 1;

/// One thing found wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable snake_case code, e.g. `plaintext_in_store`.
    pub code: &'static str,
    /// The check that found it.
    pub check: &'static str,
    /// Where: a tree and key, a file, an object id, a route.
    #[serde(rename = "where")]
    pub location: String,
    /// What is wrong, for people.
    pub message: String,
}

/// The findings of one run, with the name of the check being run.
#[derive(Debug, Default)]
pub struct Findings {
    check: &'static str,
    list: Vec<Finding>,
}

impl Findings {
    /// Records a finding of the current check. Text from the audited
    /// system is made safe for a terminal here.
    pub fn add(
        &mut self,
        code: &'static str,
        location: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.list.push(Finding {
            code,
            check: self.check,
            location: term::shorten(&term::line(&location.into()), 200),
            message: term::shorten(&term::line(&message.into()), 400),
        });
    }

    /// Every finding so far.
    pub fn all(&self) -> &[Finding] {
        &self.list
    }
}

/// A named check over what a command loaded (`T`): it only looks, and
/// records what it finds.
pub type Check<T> = (&'static str, fn(&T, &mut Findings));

/// The outcome of one named check.
#[derive(Clone, Debug, Serialize)]
pub struct CheckOutcome {
    /// The check's name.
    pub name: &'static str,
    /// Whether it found nothing.
    pub ok: bool,
    /// How many findings it made.
    pub findings: usize,
}

/// Runs `checks` over `subject` in order, each under its name.
pub fn run_checks<T>(subject: &T, checks: &[Check<T>]) -> (Vec<CheckOutcome>, Vec<Finding>) {
    let mut findings = Findings::default();
    let mut outcomes = Vec::new();
    for (name, check) in checks {
        findings.check = name;
        let before = findings.list.len();
        check(subject, &mut findings);
        let n = findings.list.len() - before;
        outcomes.push(CheckOutcome {
            name,
            ok: n == 0,
            findings: n,
        });
    }
    (outcomes, findings.list)
}

/// A finished audit, as printed.
#[derive(Debug, Serialize)]
pub struct Report<S: Serialize> {
    /// `store`, `site` or `log`.
    pub audit: &'static str,
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The directory or URL audited.
    pub target: String,
    /// Whether there is no finding.
    pub ok: bool,
    /// What was seen (command-specific; `docs/AUDITING.md`).
    pub summary: S,
    /// Every check run, in order.
    pub checks: Vec<CheckOutcome>,
    /// Every finding, in the order found.
    pub findings: Vec<Finding>,
}

impl<S: Serialize> Report<S> {
    /// Builds the report of a run.
    pub fn new(
        audit: &'static str,
        target: String,
        summary: S,
        (checks, findings): (Vec<CheckOutcome>, Vec<Finding>),
    ) -> Report<S> {
        Report {
            audit,
            schema: SCHEMA_VERSION,
            target,
            ok: findings.is_empty(),
            summary,
            checks,
            findings,
        }
    }

    /// Prints the report — JSON, or `summary_lines` then the checks and the
    /// findings for people — and turns findings into
    /// [`Error::AuditFindings`] (exit code 5).
    pub fn finish(
        &self,
        json: bool,
        summary_lines: &[String],
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        if json {
            let text = serde_json::to_string_pretty(self).expect("a report serialises");
            writeln!(out, "{text}").map_err(Error::Stdout)?;
        } else {
            self.print_human(summary_lines, out)
                .map_err(Error::Stdout)?;
        }
        if self.findings.is_empty() {
            Ok(())
        } else {
            Err(Error::AuditFindings {
                count: self.findings.len(),
            })
        }
    }

    fn print_human(&self, summary_lines: &[String], out: &mut dyn Write) -> std::io::Result<()> {
        let colour = use_colour();
        let (pass, fail) = if colour {
            ("\x1b[32mpass\x1b[0m", "\x1b[31mFAIL\x1b[0m")
        } else {
            ("pass", "FAIL")
        };
        writeln!(
            out,
            "whistlebox audit {} {}",
            self.audit,
            term::line(&self.target)
        )?;
        for line in summary_lines {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "checks:")?;
        for check in &self.checks {
            if check.ok {
                writeln!(out, "  {:<12} {pass}", check.name)?;
            } else {
                writeln!(out, "  {:<12} {fail} ({})", check.name, check.findings)?;
            }
        }
        if !self.findings.is_empty() {
            writeln!(out, "findings:")?;
            for f in &self.findings {
                writeln!(out, "  {}  {}: {}", f.code, f.location, f.message)?;
            }
        }
        let n = self.findings.len();
        match n {
            0 => writeln!(out, "result: {pass} (no finding)"),
            1 => writeln!(out, "result: {fail} (1 finding)"),
            _ => writeln!(out, "result: {fail} ({n} findings)"),
        }
    }
}

/// Colour only on a terminal, and never with `NO_COLOR` set (no-color.org).
fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// A validated `audit` command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditPlan {
    /// `audit store`.
    Store(store::StorePlan),
    /// `audit site`.
    Site(site::SitePlan),
    /// `audit log`.
    Log(log::LogPlan),
}

/// Checks the flags of an `audit` command into a plan.
pub fn plan(command: crate::cli::AuditCommand) -> Result<AuditPlan, Error> {
    use crate::cli::AuditCommand;
    use crate::plan::{proxy_url, relay_url, usage};
    Ok(match command {
        AuditCommand::Store(a) => AuditPlan::Store(store::StorePlan {
            data: a.data,
            team: a.team,
            min_recipients: a.min_recipients.unwrap_or(1),
            max_body_bytes: a.max_body_bytes.unwrap_or(256 << 20),
            json: a.json,
        }),
        AuditCommand::Log(a) => AuditPlan::Log(log::LogPlan {
            url: relay_url(&a.url)?,
            state: a.state,
            log_key: a.log_key,
            proxy: a.proxy.as_deref().map(proxy_url).transpose()?,
            json: a.json,
        }),
        AuditCommand::Site(a) => {
            let expected = match a.bundle_sha256 {
                Some(hex) => {
                    let hex = hex.trim().to_ascii_lowercase();
                    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Err(usage(
                            "--bundle-sha256 is not a SHA-256 digest (64 hex digits)",
                            "give the published page bundle digest, e.g. from the relay's start-up line `page bundle sha256: …` of a trusted build",
                        ));
                    }
                    site::Expected::Digest(hex)
                }
                None => site::Expected::Dist(a.dist),
            };
            AuditPlan::Site(site::SitePlan {
                url: relay_url(&a.url)?,
                team: a.team,
                expected,
                proxy: a.proxy.as_deref().map(proxy_url).transpose()?,
                json: a.json,
            })
        }
    })
}

/// Runs an `audit` plan.
pub fn run(plan: &AuditPlan, out: &mut dyn Write) -> Result<(), Error> {
    match plan {
        AuditPlan::Store(p) => store::run(p, out),
        AuditPlan::Site(p) => site::run(p, out),
        AuditPlan::Log(p) => log::run(p, out),
    }
}
