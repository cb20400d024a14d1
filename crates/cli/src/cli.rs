//! The command line as clap parses it. These structs only hold what was typed;
//! [`crate::plan`] checks the combinations and turns them into a plan before
//! any key or file is touched.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::EXIT_CODES_HELP;

/// `whistlebox`: the investigator CLI of Whistlebox.
#[derive(Debug, Parser)]
#[command(
    name = "whistlebox",
    version,
    about = "Whistlebox investigator CLI: pull ciphertext from the relay, decrypt offline, list, show and export cases.",
    long_about = "Whistlebox investigator CLI.\n\n\
        On the online machine, `pull` copies the relay's ciphertext into a plain store directory \
        (it never needs a key). Carry the store to the offline machine, where `cases`, `show` and \
        `export` decrypt it with your age identity (`keygen` makes one).",
    after_help = EXIT_CODES_HELP,
    after_long_help = EXIT_CODES_HELP
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a new age X25519 identity (secret key file, mode 0600) and print its recipient.
    Keygen(KeygenArgs),
    /// Fetch new ciphertext from the relay into the store (online machine; no keys needed).
    Pull(PullArgs),
    /// List the cases in the store (offline; reads only each case's manifest).
    Cases(CasesArgs),
    /// Show one decrypted case, with every attachment verified.
    Show(ShowArgs),
    /// Export cases to folders: report.json, report.md or report.html, and the attachments.
    Export(ExportArgs),
}

/// `whistlebox keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the new secret key file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Replace FILE if it exists (the old key is lost).
    #[arg(long)]
    pub force: bool,
}

/// `whistlebox pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// The relay's base URL.
    #[arg(
        long,
        value_name = "URL",
        help = "The relay's base URL, e.g. http://abc…xyz.onion or https://report.example.org"
    )]
    pub relay: String,
    /// A file holding the investigator bearer token (wbt_…); it is never printed.
    #[arg(long, value_name = "FILE")]
    pub token_file: PathBuf,
    /// The store directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// Proxy for every request, e.g. socks5h://127.0.0.1:9050 for Tor.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// The published team keyset (keys/team.toml): refuse a relay that serves another one.
    #[arg(long, value_name = "FILE")]
    pub team: Option<PathBuf>,
}

/// `whistlebox cases`.
#[derive(Debug, Args)]
pub struct CasesArgs {
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `whistlebox show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
}

/// `whistlebox export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The case id, or a unique prefix of it (or use --all).
    pub id: Option<String>,
    /// Export every case the given identities can open.
    #[arg(long)]
    pub all: bool,
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// The report format besides report.json: json (report.json only), md or html.
    #[arg(long, value_name = "FORMAT")]
    pub format: String,
    /// The output directory; each case goes to `OUT/<day>-<id>/`.
    #[arg(
        long,
        value_name = "DIR",
        help = "The output directory; each case goes to OUT/<day>-<id>/"
    )]
    pub out: PathBuf,
    /// Replace case folders that already exist.
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn identities_repeat() {
        let cli = Cli::try_parse_from([
            "whistlebox",
            "cases",
            "--store",
            "s",
            "-i",
            "a.key",
            "-i",
            "b.key",
        ])
        .unwrap();
        let Command::Cases(args) = cli.command else {
            panic!("not cases")
        };
        assert_eq!(args.identities.len(), 2);
    }

    #[test]
    fn identity_is_required() {
        assert!(Cli::try_parse_from(["whistlebox", "cases", "--store", "s"]).is_err());
    }
}
