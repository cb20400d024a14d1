//! Turns what clap parsed into a validated [`Plan`], rejecting illegal flag
//! combinations and malformed values *before* any key, store or output file is
//! touched (the ripgrep habit: flags → plain struct → checked plan).

use std::path::PathBuf;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::term;

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

/// What to do, with every flag combination already checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Write a new identity.
    Keygen {
        /// The key file.
        output: PathBuf,
        /// Replace an existing file.
        force: bool,
    },
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
    },
    /// Show one case.
    Show {
        /// The store directory.
        store: PathBuf,
        /// The identity files.
        identities: Vec<PathBuf>,
        /// The case id or prefix (lowercase hex).
        id: String,
    },
    /// Export cases.
    Export(ExportPlan),
}

fn usage(what: impl Into<String>, hint: impl Into<String>) -> Error {
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

fn relay_url(url: &str) -> Result<String, Error> {
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

fn proxy_url(proxy: &str) -> Result<String, Error> {
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

/// Validates the parsed command line.
pub fn plan(cli: Cli) -> Result<Plan, Error> {
    Ok(match cli.command {
        Command::Keygen(a) => Plan::Keygen {
            output: a.output,
            force: a.force,
        },
        Command::Pull(a) => Plan::Pull(PullPlan {
            relay: relay_url(&a.relay)?,
            proxy: a.proxy.as_deref().map(proxy_url).transpose()?,
            token_file: a.token_file,
            store: a.store,
            team: a.team,
        }),
        Command::Cases(a) => Plan::Cases {
            store: a.store,
            identities: a.identities,
            json: a.json,
        },
        Command::Show(a) => Plan::Show {
            id: case_id(&a.id)?,
            store: a.store,
            identities: a.identities,
        },
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
