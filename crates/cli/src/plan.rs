//! Turns what clap parsed into a validated [`Plan`], rejecting illegal flag
//! combinations and malformed values *before* any key, store or output file is
//! touched (the ripgrep habit: flags → plain struct → checked plan).

use std::path::PathBuf;

use whistlebox_core::envelope::StanzaType;

use crate::cli::{Cli, Command};
use crate::due::Day;
use crate::error::Error;
use crate::track::{Change, TrackPlan};
use crate::{compose, term};

/// The export formats (PROTOCOL.md §6): `report.json` is always written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `report.json` only.
    Json,
    /// `report.json` and `report.md`.
    Markdown,
    /// `report.json` and `report.html`.
    Html,
}

/// Which cases to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// One case, by id or unique prefix (lowercase hex).
    One(String),
    /// Every case the identities can open.
    All,
}

/// A validated `pull`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PullPlan {
    /// The relay base URL, without a trailing `/`.
    pub relay: String,
    /// The token file.
    pub token_file: PathBuf,
    /// The store directory.
    pub store: PathBuf,
    /// The proxy URL in the form `ureq` understands.
    pub proxy: Option<String>,
    /// The pinned team keyset, if given.
    pub team: Option<PathBuf>,
    /// The log verifier key file, if given (PROTOCOL.md §10.7).
    pub log_key: Option<PathBuf>,
}

/// A validated `export`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportPlan {
    /// The store directory.
    pub store: PathBuf,
    /// The identity files.
    pub identities: Vec<PathBuf>,
    /// Which cases.
    pub target: Target,
    /// The extra report format.
    pub format: Format,
    /// The output directory.
    pub out: PathBuf,
    /// Replace existing case folders.
    pub force: bool,
}

/// Where a reply's message comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageSource {
    /// `--message TEXT` (already checked).
    Text(String),
    /// `--file FILE`, read and checked when the command runs.
    File(PathBuf),
}

/// What an answer says (PROTOCOL.md §8.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A `reply`: a message and attachments.
    Reply {
        /// The message.
        message: MessageSource,
        /// The files to attach, in order.
        attach: Vec<PathBuf>,
    },
    /// A `status`: state, note and, when closed, the outcome.
    Status {
        /// One of [`compose::STATES`].
        state: String,
        /// The note (already checked).
        note: String,
        /// One of [`compose::OUTCOMES`], exactly when `state` is `closed`.
        outcome: Option<String>,
    },
}

/// A validated `reply` or `status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposePlan {
    /// The store directory.
    pub store: PathBuf,
    /// The identity files.
    pub identities: Vec<PathBuf>,
    /// The published keyset file.
    pub team: PathBuf,
    /// The case id or prefix (lowercase hex).
    pub id: String,
    /// The manifest's `locale`.
    pub locale: String,
    /// What to say.
    pub answer: Answer,
}

/// A validated `decrypt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecryptPlan {
    /// The age file, or `None` for standard input.
    pub input: Option<PathBuf>,
    /// The identity files.
    pub identities: Vec<PathBuf>,
    /// Where to write the plaintext, or `None` for standard output.
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    pub force: bool,
}

/// A validated `push`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushPlan {
    /// The relay base URL, without a trailing `/`.
    pub relay: String,
    /// The token file.
    pub token_file: PathBuf,
    /// The store directory.
    pub store: PathBuf,
    /// The proxy URL in the form `ureq` understands.
    pub proxy: Option<String>,
    /// The pinned team keyset, if given.
    pub team: Option<PathBuf>,
}

/// The deadline check of `cases --due` (PROTOCOL.md §8.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DuePlan {
    /// The day taken as today.
    pub today: Day,
    /// The "near" window in days.
    pub within: u32,
}

/// What to do, with every flag combination already checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Write a new identity.
    Keygen {
        /// The key file.
        output: PathBuf,
        /// Replace an existing file.
        force: bool,
        /// Post-quantum (the default) or X25519.
        key_type: StanzaType,
    },
    /// Decrypt one age file.
    Decrypt(DecryptPlan),
    /// Fetch from the relay.
    Pull(PullPlan),
    /// List cases.
    Cases {
        /// The store directory.
        store: PathBuf,
        /// The identity files.
        identities: Vec<PathBuf>,
        /// JSON output.
        json: bool,
        /// List deadlines instead of cases.
        due: Option<DuePlan>,
        /// Which cases to list.
        filter: crate::cases::Filter,
    },
    /// Record a change of a case's state (note, assign, label, internal status).
    Track(TrackPlan),
    /// Write the overview report.
    Overview(crate::summary::OverviewPlan),
    /// Find names several cases share.
    Patterns {
        /// The store directory.
        store: PathBuf,
        /// The identity files.
        identities: Vec<PathBuf>,
        /// The fewest cases a pattern needs.
        min: usize,
        /// JSON output.
        json: bool,
    },
    /// Print shell completions.
    Completions(clap_complete::Shell),
    /// Write the man pages.
    Man(PathBuf),
    /// List a case's state history.
    History {
        /// The store directory.
        store: PathBuf,
        /// The identity files.
        identities: Vec<PathBuf>,
        /// The case id or prefix (lowercase hex).
        id: String,
        /// JSON output.
        json: bool,
    },
    /// Show one case.
    Show {
        /// The store directory.
        store: PathBuf,
        /// The identity files.
        identities: Vec<PathBuf>,
        /// The case id or prefix (lowercase hex).
        id: String,
        /// JSON output.
        json: bool,
    },
    /// Export cases.
    Export(ExportPlan),
    /// Write a reply or status into the outbox.
    Compose(ComposePlan),
    /// Send the outbox.
    Push(PushPlan),
    /// Delete cases from the store (PROTOCOL.md §12.2).
    Purge(crate::purge::PurgePlan),
    /// Audit a relay's store or site (docs/AUDITING.md).
    Audit(crate::audit::AuditPlan),
}

pub(crate) fn usage(what: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::Usage {
        what: what.into(),
        hint: hint.into(),
    }
}

/// Checks a case id or prefix: 1–32 hex digits, returned in lowercase.
pub fn case_id(id: &str) -> Result<String, Error> {
    if id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(usage(
            format!("`{}` is not a case id", term::line(id)),
            "a case id is 32 hex digits (a unique prefix is enough); `whistlebox cases` lists them",
        ));
    }
    Ok(id.to_ascii_lowercase())
}

fn format(name: &str) -> Result<Format, Error> {
    match name {
        "json" => Ok(Format::Json),
        "md" | "markdown" => Ok(Format::Markdown),
        "html" => Ok(Format::Html),
        other => Err(usage(
            format!("unknown export format `{}`", term::line(other)),
            "use --format json, --format md or --format html",
        )),
    }
}

pub(crate) fn relay_url(url: &str) -> Result<String, Error> {
    let trimmed = url.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['?', '#', ' ']) => {
            Ok(trimmed.to_string())
        }
        _ => Err(usage(
            format!("`{}` is not a relay URL", term::line(url)),
            "give the relay's base URL, e.g. --relay http://abc…xyz.onion or --relay https://report.example.org",
        )),
    }
}

pub(crate) fn proxy_url(proxy: &str) -> Result<String, Error> {
    // ureq 2 hands host names to a SOCKS5 proxy unresolved, which is what
    // `socks5h` means; SOCKS4 would resolve them locally and leak the lookup.
    if let Some(rest) = proxy.strip_prefix("socks5h://") {
        return Ok(format!("socks5://{rest}"));
    }
    if proxy.starts_with("socks5://") || proxy.starts_with("http://") {
        return Ok(proxy.to_string());
    }
    Err(usage(
        format!("unsupported proxy `{}`", term::line(proxy)),
        "use --proxy socks5h://127.0.0.1:9050 (Tor) or an http:// proxy; socks4 would resolve names locally",
    ))
}

fn locale(tag: Option<String>) -> Result<String, Error> {
    let tag = tag.unwrap_or_else(|| "und".into());
    if tag.is_empty()
        || tag.len() > 35
        || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(usage(
            format!("`{}` is not a language tag", term::line(&tag)),
            "give a BCP 47 tag such as --locale en or --locale zh-CN (1–35 letters, digits and -)",
        ));
    }
    Ok(tag)
}

fn one_of(what: &str, value: &str, allowed: &[&str]) -> Result<String, Error> {
    if allowed.contains(&value) {
        return Ok(value.to_string());
    }
    Err(usage(
        format!("`{}` is not a {what}", term::line(value)),
        format!("use one of: {}", allowed.join(", ")),
    ))
}

/// Checks an investigator id as the keyset allows it.
fn investigator_id(id: &str) -> Result<String, Error> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !ok {
        return Err(usage(
            format!("`{}` is not an investigator id", term::line(id)),
            "use the `id` of an [[investigator]] of the team keyset, e.g. alice",
        ));
    }
    Ok(id.to_string())
}

/// Checks labels (PROTOCOL.md §11).
fn labels(given: Vec<String>) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::new();
    for l in given {
        if !crate::casestate::is_label(&l) {
            return Err(usage(
                format!("`{}` is not a label", term::line(&l)),
                "a label is 1–32 lowercase letters, digits, `-` or `_`, starting with a letter or digit",
            ));
        }
        if !out.contains(&l) {
            out.push(l);
        }
    }
    if out.len() > crate::casestate::MAX_LABELS {
        return Err(usage(
            format!("{} labels at once is too many", out.len()),
            format!("at most {} labels", crate::casestate::MAX_LABELS),
        ));
    }
    Ok(out)
}

/// Checks the filters of `cases`.
fn cases_filter(
    status: Vec<String>,
    category: Vec<String>,
    label: Vec<String>,
    assignee: Option<String>,
    search: Option<String>,
) -> Result<crate::cases::Filter, Error> {
    let status = status
        .iter()
        .map(|s| one_of("status state", s, compose::STATES))
        .collect::<Result<Vec<_>, _>>()?;
    let assignee = match assignee.as_deref() {
        None => None,
        Some("none") => Some(None),
        Some(id) => Some(Some(investigator_id(id)?)),
    };
    if search
        .as_ref()
        .is_some_and(|text| text.trim().is_empty() || text.len() > 1024)
    {
        return Err(usage(
            "--search needs 1–1024 bytes of text",
            "give the words to look for, e.g. --search \"parking lot\"",
        ));
    }
    Ok(crate::cases::Filter {
        status,
        category,
        labels: labels(label)?,
        assignee,
        search,
    })
}

fn status_answer(state: &str, note: String, outcome: Option<String>) -> Result<Answer, Error> {
    let state = one_of("status state", state, compose::STATES)?;
    compose::check_text("note", &note)?;
    let outcome = match (state.as_str(), outcome) {
        ("closed", Some(o)) => Some(one_of("closing outcome", &o, compose::OUTCOMES)?),
        ("closed", None) => {
            return Err(usage(
                "closing a case needs --outcome",
                format!(
                    "add --outcome with one of: {}",
                    compose::OUTCOMES.join(", ")
                ),
            ))
        }
        (_, Some(_)) => {
            return Err(usage(
                format!("--outcome goes only with the state closed, not {state}"),
                "drop --outcome, or set the state closed",
            ))
        }
        (_, None) => None,
    };
    Ok(Answer::Status {
        state,
        note,
        outcome,
    })
}

fn reply_answer(
    message: Option<String>,
    file: Option<PathBuf>,
    attach: Vec<PathBuf>,
) -> Result<Answer, Error> {
    let message = match (message, file) {
        (Some(text), None) => {
            compose::check_text("message", &text)?;
            MessageSource::Text(text)
        }
        (None, Some(path)) => MessageSource::File(path),
        _ => {
            return Err(usage(
                "a reply needs exactly one of --message and --file",
                "pass --message TEXT, or --file FILE with the text",
            ))
        }
    };
    if attach.len() > 64 {
        return Err(usage(
            format!(
                "{} attachments were given, at most 64 are allowed",
                attach.len()
            ),
            "send the files over several replies, or pack them into an archive",
        ));
    }
    Ok(Answer::Reply { message, attach })
}

fn today(value: Option<&str>) -> Result<Day, Error> {
    match value {
        None => Ok(Day::today_utc()),
        Some(v) => Day::parse(v).ok_or_else(|| {
            usage(
                format!("`{}` is not a date", term::line(v)),
                "give --today as YYYY-MM-DD, e.g. --today 2025-03-14",
            )
        }),
    }
}

/// Validates the parsed command line.
pub fn plan(cli: Cli) -> Result<Plan, Error> {
    Ok(match cli.command {
        Command::Keygen(a) => Plan::Keygen {
            output: a.output,
            force: a.force,
            key_type: if a.x25519 {
                StanzaType::X25519
            } else {
                StanzaType::MlKem768X25519
            },
        },
        Command::Decrypt(a) => Plan::Decrypt(DecryptPlan {
            // `-` is standard input, as for age.
            input: a.input.filter(|p| p.as_os_str() != "-"),
            identities: a.identities,
            output: a.output,
            force: a.force,
        }),
        Command::Pull(a) => Plan::Pull(PullPlan {
            relay: relay_url(&a.relay)?,
            proxy: a.proxy.as_deref().map(proxy_url).transpose()?,
            token_file: a.token_file,
            store: a.store,
            team: a.team,
            log_key: a.log_key,
        }),
        Command::Cases(a) => Plan::Cases {
            due: if a.due {
                Some(DuePlan {
                    today: today(a.today.as_deref())?,
                    within: a.within.unwrap_or(3),
                })
            } else {
                None
            },
            filter: cases_filter(a.status, a.category, a.label, a.assignee, a.search)?,
            store: a.store,
            identities: a.identities,
            json: a.json,
        },
        Command::Note(a) => Plan::Track(TrackPlan {
            id: case_id(&a.id)?,
            change: Change::Note(match (a.message, a.file) {
                (Some(text), _) => {
                    compose::check_text("internal note", &text)?;
                    MessageSource::Text(text)
                }
                (None, Some(file)) => MessageSource::File(file),
                (None, None) => unreachable!("clap requires --message or --file"),
            }),
            store: a.state.store,
            identities: a.state.identities,
            team: a.state.team,
        }),
        Command::Assign(a) => Plan::Track(TrackPlan {
            id: case_id(&a.id)?,
            change: Change::Assign(a.investigator.map(|i| investigator_id(&i)).transpose()?),
            store: a.state.store,
            identities: a.state.identities,
            team: a.state.team,
        }),
        Command::Label(a) => Plan::Track(TrackPlan {
            id: case_id(&a.id)?,
            change: Change::Label {
                add: labels(a.add)?,
                remove: labels(a.remove)?,
            },
            store: a.state.store,
            identities: a.state.identities,
            team: a.state.team,
        }),
        Command::Patterns(a) => Plan::Patterns {
            store: a.store,
            identities: a.identities,
            min: a.min as usize,
            json: a.json,
        },
        Command::Completions(a) => Plan::Completions(a.shell),
        Command::Man(a) => Plan::Man(a.out),
        Command::Overview(a) => Plan::Overview(crate::summary::OverviewPlan {
            today: today(a.today.as_deref())?,
            store: a.store,
            identities: a.identities,
            out: a.out,
            csv: a.csv,
            team: a.team,
            force: a.force,
        }),
        Command::History(a) => Plan::History {
            id: case_id(&a.id)?,
            store: a.store,
            identities: a.identities,
            json: a.json,
        },
        Command::Status(a) if a.internal => {
            if a.locale.is_some() {
                return Err(usage(
                    "--locale goes with a status for the reporter, not with --internal",
                    "drop --locale, or drop --internal to also tell the reporter",
                ));
            }
            if let Some(note) = &a.note {
                compose::check_text("internal note", note)?;
            }
            let state = one_of("status state", &a.state, compose::STATES)?;
            let outcome = match (state.as_str(), a.outcome) {
                ("closed", Some(o)) => Some(one_of("closing outcome", &o, compose::OUTCOMES)?),
                (_, Some(_)) => {
                    return Err(usage(
                        format!("--outcome goes only with the state closed, not {state}"),
                        "drop --outcome, or set the state closed",
                    ))
                }
                (_, None) => None,
            };
            Plan::Track(TrackPlan {
                id: case_id(&a.id)?,
                change: Change::Status {
                    state,
                    outcome,
                    note: a.note,
                },
                store: a.store,
                identities: a.identities,
                team: a.team,
            })
        }
        Command::Show(a) => Plan::Show {
            id: case_id(&a.id)?,
            store: a.store,
            identities: a.identities,
            json: a.json,
        },
        Command::Reply(a) => Plan::Compose(ComposePlan {
            id: case_id(&a.id)?,
            locale: locale(a.locale)?,
            answer: reply_answer(a.message, a.file, a.attach)?,
            store: a.store,
            identities: a.identities,
            team: a.team,
        }),
        Command::Status(a) => Plan::Compose(ComposePlan {
            id: case_id(&a.id)?,
            locale: locale(a.locale)?,
            answer: status_answer(&a.state, a.note.unwrap_or_default(), a.outcome)?,
            store: a.store,
            identities: a.identities,
            team: a.team,
        }),
        Command::Push(a) => Plan::Push(PushPlan {
            relay: relay_url(&a.relay)?,
            proxy: a.proxy.as_deref().map(proxy_url).transpose()?,
            token_file: a.token_file,
            store: a.store,
            team: a.team,
        }),
        Command::Audit(a) => Plan::Audit(crate::audit::plan(a)?),
        Command::Purge(a) if a.today.is_some() && a.policy.is_none() => {
            return Err(usage(
                "--today goes with --policy: it is the day a retention policy is applied on",
                "drop --today, or select the cases with --policy FILE",
            ))
        }
        Command::Purge(a) => Plan::Purge(crate::purge::PurgePlan {
            ids: a
                .ids
                .iter()
                .map(|id| case_id(id))
                .collect::<Result<_, _>>()?,
            today: today(a.today.as_deref())?,
            policy: a.policy,
            yes: a.yes,
            json: a.json,
            store: a.store,
            identities: a.identities,
        }),
        Command::Export(a) => {
            let target = match (a.id, a.all) {
                (Some(_), true) => {
                    return Err(usage(
                        "`export` takes either a case ID or --all, not both",
                        "drop the case ID to export every case, or drop --all to export one",
                    ))
                }
                (None, false) => {
                    return Err(usage(
                        "`export` needs a case ID or --all",
                        "run `whistlebox cases` to list the case ids",
                    ))
                }
                (Some(id), false) => Target::One(case_id(&id)?),
                (None, true) => Target::All,
            };
            Plan::Export(ExportPlan {
                format: format(&a.format)?,
                target,
                store: a.store,
                identities: a.identities,
                out: a.out,
                force: a.force,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Plan, Error> {
        let mut all = vec!["whistlebox"];
        all.extend_from_slice(args);
        plan(Cli::try_parse_from(all).unwrap())
    }

    #[test]
    fn export_needs_exactly_one_target() {
        let base = ["export", "--store", "s", "-i", "k", "--format", "md"];
        let both = [&base[..], &["--out", "o", "--all", "abcd"]].concat();
        let err = parse(&both).unwrap_err();
        assert!(err.to_string().contains("not both"), "{err}");
        assert_eq!(err.exit_code(), crate::error::ExitCode::Usage);
        let none = [&base[..], &["--out", "o"]].concat();
        assert!(parse(&none).unwrap_err().to_string().contains("needs"));
        let one = [&base[..], &["--out", "o", "ABCD"]].concat();
        match parse(&one).unwrap() {
            Plan::Export(p) => {
                assert_eq!(p.target, Target::One("abcd".into()));
                assert_eq!(p.format, Format::Markdown);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_format_and_id_are_usage_errors() {
        let err = parse(&[
            "export", "--store", "s", "-i", "k", "--format", "pdf", "--out", "o", "--all",
        ])
        .unwrap_err();
        assert_eq!(err.to_string(), "unknown export format `pdf`");
        let err = parse(&["show", "--store", "s", "-i", "k", "../etc"]).unwrap_err();
        assert_eq!(err.to_string(), "`../etc` is not a case id");
        assert!(case_id(&"a".repeat(33)).is_err());
        assert!(case_id("").is_err());
    }

    #[test]
    fn status_states_and_outcomes() {
        let base = ["status", "--store", "s", "-i", "k", "--team", "t", "abcd"];
        let run = |extra: &[&str]| parse(&[&base[..], extra].concat());
        match run(&["investigating", "--note", "We started."]).unwrap() {
            Plan::Compose(p) => {
                assert_eq!(p.locale, "und");
                assert_eq!(
                    p.answer,
                    Answer::Status {
                        state: "investigating".into(),
                        note: "We started.".into(),
                        outcome: None
                    }
                );
            }
            other => panic!("{other:?}"),
        }
        let err = run(&["closed", "--note", "Done."]).unwrap_err();
        assert_eq!(err.to_string(), "closing a case needs --outcome");
        let err = run(&["received", "--note", "x", "--outcome", "resolved"]).unwrap_err();
        assert!(
            err.to_string().contains("only with the state closed"),
            "{err}"
        );
        let err = run(&["closed", "--note", "x", "--outcome", "fired"]).unwrap_err();
        assert!(err.hint().contains("not_substantiated"), "{}", err.hint());
        let err = run(&["opened", "--note", "x"]).unwrap_err();
        assert!(err.hint().contains("need_more_information"));
        assert!(run(&["closed", "--note", "x", "--outcome", "referred"]).is_ok());
        let err = run(&["received", "--note", "  "]).unwrap_err();
        assert_eq!(err.to_string(), "the note is empty");
        let err = run(&["received", "--note", "x", "--locale", "en US"]).unwrap_err();
        assert!(err.to_string().contains("not a language tag"));
    }

    #[test]
    fn reply_and_due_flags() {
        let base = ["reply", "--store", "s", "-i", "k", "--team", "t", "abcd"];
        let err = parse(&[&base[..], &["--message", ""]].concat()).unwrap_err();
        assert_eq!(err.to_string(), "the message is empty");
        let err = Cli::try_parse_from([&["whistlebox"][..], &base[..]].concat()).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        let both = [&base[..], &["--message", "m", "--file", "f"]].concat();
        assert!(Cli::try_parse_from([&["whistlebox"][..], &both[..]].concat()).is_err());
        match parse(&[&base[..], &["--file", "m.txt", "--locale", "zh-CN"]].concat()).unwrap() {
            Plan::Compose(p) => {
                assert_eq!(p.locale, "zh-CN");
                assert!(matches!(
                    p.answer,
                    Answer::Reply {
                        message: MessageSource::File(_),
                        ..
                    }
                ));
            }
            other => panic!("{other:?}"),
        }
        let cases = ["cases", "--store", "s", "-i", "k"];
        match parse(&[&cases[..], &["--due", "--today", "2025-02-28"]].concat()).unwrap() {
            Plan::Cases { due: Some(d), .. } => {
                assert_eq!(d.today.to_string(), "2025-02-28");
                assert_eq!(d.within, 3);
            }
            other => panic!("{other:?}"),
        }
        let err = parse(&[&cases[..], &["--due", "--today", "2025-02-30"]].concat()).unwrap_err();
        assert!(err.to_string().contains("not a date"));
        // --within and --today only make sense with --due.
        let lone = [&cases[..], &["--within", "5"]].concat();
        assert!(Cli::try_parse_from([&["whistlebox"][..], &lone[..]].concat()).is_err());
    }

    #[test]
    fn relay_and_proxy_urls() {
        assert_eq!(relay_url("http://x.onion/").unwrap(), "http://x.onion");
        assert!(relay_url("ftp://x").is_err());
        assert!(relay_url("http://").is_err());
        assert!(relay_url("x.onion").is_err());
        assert_eq!(
            proxy_url("socks5h://127.0.0.1:9050").unwrap(),
            "socks5://127.0.0.1:9050"
        );
        assert!(proxy_url("socks4://127.0.0.1:9050").is_err());
    }
}
