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
    about = "Whistlebox investigator CLI: pull ciphertext from the relay, decrypt offline, list, show and export cases, answer reporters.",
    long_about = "Whistlebox investigator CLI.\n\n\
        On the online machine, `pull` copies the relay's ciphertext into a plain store directory \
        (it never needs a key). Carry the store to the offline machine, where `cases`, `show` and \
        `export` decrypt it with your age identity (`keygen` makes one), and `reply` and `status` \
        write encrypted answers into the store's outbox. Carry the store back: `push` sends them.",
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
    /// Generate a new age identity (post-quantum unless --x25519; mode 0600) and print its recipient.
    Keygen(KeygenArgs),
    /// Decrypt one age file (binary or armored, X25519 or post-quantum keys).
    Decrypt(DecryptArgs),
    /// Fetch new ciphertext from the relay into the store (online machine; no keys needed).
    Pull(PullArgs),
    /// List the cases in the store with their state; filter them (offline; decrypts manifests and case state, not attachments).
    Cases(CasesArgs),
    /// Show one decrypted case, with every attachment verified.
    Show(ShowArgs),
    /// Export cases to folders: report.json, report.md or report.html, and the attachments.
    Export(ExportArgs),
    /// Write an encrypted reply to a case's reporter into the outbox (offline; `push` sends it).
    Reply(ReplyArgs),
    /// Write an encrypted status update for a case's reporter into the outbox (offline).
    Status(StatusArgs),
    /// Send the outbox's replies and status updates to the relay (online machine; no keys needed).
    Push(PushArgs),
    /// Add an internal note to a case (encrypted to the case's investigators; never sent to the reporter).
    Note(NoteArgs),
    /// Assign a case to an investigator who can read it, or unassign it with --none.
    Assign(AssignArgs),
    /// Add or remove a case's labels.
    Label(LabelArgs),
    /// List every change to a case's state: status, assignee, labels, notes.
    History(HistoryArgs),
    /// Find people, teams and places that several independent reports name (offline; names normalised).
    Patterns(PatternsArgs),
    /// Write a self-contained HTML overview (charts, no script) and optionally a CSV of the cases.
    Overview(OverviewArgs),
    /// Print the shell completion script for SHELL (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Write the man pages (whistlebox.1 and one per command) into a directory.
    Man(ManArgs),
    /// Delete whole cases from the store (offline; `push` then deletes the relay's copies).
    Purge(PurgeArgs),
    /// Auditor checks, no keys needed: a relay's stored data or the site it serves (docs/AUDITING.md).
    #[command(subcommand)]
    Audit(AuditCommand),
}

/// `whistlebox audit …`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check a stopped relay's data directory (or a copy): envelope rules, stored fields, sequence, no address, user agent or time.
    Store(AuditStoreArgs),
    /// Check what a running relay serves: page bundle digest, keyset, security headers, no cookies, nothing from another origin.
    Site(AuditSiteArgs),
    /// Monitor a relay's transparency log: signed checkpoint, consistent with the one remembered, leaves give the root.
    Log(AuditLogArgs),
}

/// `whistlebox audit log`.
#[derive(Debug, Args)]
pub struct AuditLogArgs {
    /// The relay's base URL, e.g. http://abc…xyz.onion.
    #[arg(value_name = "URL")]
    pub url: String,
    /// The monitor's state directory: the pinned log key and the last checkpoint seen (created if missing).
    #[arg(long, value_name = "DIR")]
    pub state: PathBuf,
    /// The team's published log key (keys/log.vkey), pinned on the first run; later it must equal the pinned one.
    #[arg(long, value_name = "FILE")]
    pub log_key: Option<PathBuf>,
    /// Proxy for every request, e.g. socks5h://127.0.0.1:9050 for Tor.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Print the report as JSON (schema in docs/AUDITING.md).
    #[arg(long)]
    pub json: bool,
}

/// `whistlebox audit store`.
#[derive(Debug, Args)]
pub struct AuditStoreArgs {
    /// The relay's data directory (`serve --data DIR`: holds db/ and tokens/); the relay must be stopped. Nothing in it is changed.
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// The published team keyset (keys/team.toml): its key type and size bound the stanzas (rules E3, E4).
    #[arg(long, value_name = "FILE")]
    pub team: PathBuf,
    /// The relay's min_recipients setting (rule E4) [default: 1].
    #[arg(long, value_name = "N")]
    pub min_recipients: Option<usize>,
    /// The relay's max_body_bytes setting (rule E8) [default: 268435456].
    #[arg(long, value_name = "N")]
    pub max_body_bytes: Option<u64>,
    /// Print the report as JSON (schema in docs/AUDITING.md).
    #[arg(long)]
    pub json: bool,
}

/// `whistlebox audit site`.
#[derive(Debug, Args)]
pub struct AuditSiteArgs {
    /// The relay's base URL, e.g. http://abc…xyz.onion.
    #[arg(value_name = "URL")]
    pub url: String,
    /// The published team keyset (keys/team.toml): /api/team must equal it.
    #[arg(long, value_name = "FILE")]
    pub team: PathBuf,
    /// The expected page bundle digest (SHA-256 of SHA256SUMS, PROTOCOL.md §4.8), published out of band.
    #[arg(long, value_name = "HEX", conflicts_with = "dist")]
    pub bundle_sha256: Option<String>,
    /// A local reproducible build of the page (web/dist after `npm ci && npm run build`) [default: web/dist of the repository the current directory is in].
    #[arg(long, value_name = "DIR")]
    pub dist: Option<PathBuf>,
    /// Proxy for every request, e.g. socks5h://127.0.0.1:9050 for Tor.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Print the report as JSON (schema in docs/AUDITING.md).
    #[arg(long)]
    pub json: bool,
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
    /// Make a classic X25519 identity (age1…) instead of a post-quantum one (age1pq1…).
    #[arg(long)]
    pub x25519: bool,
}

/// `whistlebox decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// The age file to decrypt [default: standard input].
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// Write the plaintext to OUT (mode 0600), only once all of it decrypted, instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace OUT if it exists.
    #[arg(long, requires = "output")]
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
    /// The relay's published log key (keys/log.vkey), pinned at the first pull; without it the first pull pins the key the relay serves.
    #[arg(long, value_name = "FILE")]
    pub log_key: Option<PathBuf>,
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
    /// List only cases whose acknowledgement (7 days) or feedback (3 months) deadline is missed or near.
    #[arg(long)]
    pub due: bool,
    /// With --due: "near" means due within DAYS days from today, inclusive [default: 3].
    #[arg(long, value_name = "DAYS", requires = "due")]
    pub within: Option<u32>,
    /// With --due: take this date (YYYY-MM-DD) as today instead of the UTC date.
    #[arg(long, value_name = "DATE", requires = "due")]
    pub today: Option<String>,
    /// Only cases in this state (repeat for several): received, acknowledged, investigating, need_more_information, closed.
    #[arg(long, value_name = "STATE")]
    pub status: Vec<String>,
    /// Only cases of this category (repeat for several), e.g. sexual_harassment.
    #[arg(long, value_name = "CATEGORY")]
    pub category: Vec<String>,
    /// Only cases with this label (repeat: cases with all of them).
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Only cases assigned to this investigator id (`none`: unassigned cases).
    #[arg(long, value_name = "ID")]
    pub assignee: Option<String>,
    /// Only cases whose decrypted text contains TEXT (fields, messages and internal notes; case-insensitive, in memory).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
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
    /// Print the case and its thread as JSON.
    #[arg(long)]
    pub json: bool,
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

/// `whistlebox reply`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// The store directory filled by `pull`; the reply goes to its outbox/.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys), to read the case's reply key.
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// The published team keyset (keys/team.toml): the reply is encrypted to the case's investigators in it.
    #[arg(long, value_name = "FILE")]
    pub team: PathBuf,
    /// The message to the reporter (1–32768 bytes).
    #[arg(
        long,
        value_name = "TEXT",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub message: Option<String>,
    /// Read the message from FILE (UTF-8 text) instead.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Attach a file (repeat for several; at most 64 files, 200 MiB in all).
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// The language of the message, a BCP 47 tag such as en or zh-CN [default: und].
    #[arg(long, value_name = "TAG")]
    pub locale: Option<String>,
}

/// `whistlebox status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// The new state: received, acknowledged, investigating, need_more_information or closed.
    #[arg(value_name = "STATE")]
    pub state: String,
    /// The text the reporter reads with the state (1–32768 bytes); with --internal, an internal note.
    #[arg(long, value_name = "TEXT", required_unless_present = "internal")]
    pub note: Option<String>,
    /// Record the state for the team only: nothing goes to the outbox or the reporter.
    #[arg(long)]
    pub internal: bool,
    /// Required with closed: substantiated, not_substantiated, inconclusive, resolved, withdrawn or referred.
    #[arg(long, value_name = "OUTCOME")]
    pub outcome: Option<String>,
    /// The store directory filled by `pull`; the update goes to its outbox/.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys), to read the case's reply key.
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// The published team keyset (keys/team.toml): the update is encrypted to the case's investigators in it.
    #[arg(long, value_name = "FILE")]
    pub team: PathBuf,
    /// The language of the note, a BCP 47 tag such as en or zh-CN [default: und].
    #[arg(long, value_name = "TAG")]
    pub locale: Option<String>,
}

/// The flags every case-state change takes (PROTOCOL.md §11).
#[derive(Debug, Args)]
pub struct StateArgs {
    /// The store directory filled by `pull`; the change goes to its state/ folder, encrypted.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// Your age identity file (repeat for several keys): to read the case and name you as the author.
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// The published team keyset (keys/team.toml): the change is encrypted to the case's investigators in it.
    #[arg(long, value_name = "FILE")]
    pub team: PathBuf,
}

/// `whistlebox note`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// The note (1–32768 bytes).
    #[arg(
        long,
        value_name = "TEXT",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub message: Option<String>,
    /// Read the note from FILE (UTF-8 text) instead.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The store, keys and keyset.
    #[command(flatten)]
    pub state: StateArgs,
}

/// `whistlebox assign`.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// The investigator's id in the keyset; they must be able to read the case.
    #[arg(
        value_name = "INVESTIGATOR",
        required_unless_present = "none",
        conflicts_with = "none"
    )]
    pub investigator: Option<String>,
    /// Unassign the case.
    #[arg(long)]
    pub none: bool,
    /// The store, keys and keyset.
    #[command(flatten)]
    pub state: StateArgs,
}

/// `whistlebox label`.
#[derive(Debug, Args)]
pub struct LabelArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// Add this label (repeat for several): lowercase letters, digits, `-` and `_`, at most 32.
    #[arg(long, value_name = "LABEL", required_unless_present = "remove")]
    pub add: Vec<String>,
    /// Remove this label (repeat for several).
    #[arg(long, value_name = "LABEL")]
    pub remove: Vec<String>,
    /// The store, keys and keyset.
    #[command(flatten)]
    pub state: StateArgs,
}

/// `whistlebox history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The case id, or a unique prefix of it.
    pub id: String,
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// Print the state and its history as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `whistlebox patterns`.
#[derive(Debug, Args)]
pub struct PatternsArgs {
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// Report a name only if at least N independent reports (cases) name it.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub min: u32,
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `whistlebox completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `whistlebox completions bash > /etc/bash_completion.d/whistlebox`.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `whistlebox man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The directory to write the pages into (created if missing), e.g. /usr/local/share/man/man1.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `whistlebox overview`.
#[derive(Debug, Args)]
pub struct OverviewArgs {
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// The HTML file to write (mode 0600; not inside the store).
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// Also write the case list as CSV to this file.
    #[arg(long, value_name = "FILE.csv")]
    pub csv: Option<PathBuf>,
    /// The published team keyset, for the team's name in the title.
    #[arg(long, value_name = "FILE")]
    pub team: Option<PathBuf>,
    /// Take this date (YYYY-MM-DD) as today instead of the UTC date (deadlines, last month).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Replace the files if they exist.
    #[arg(long)]
    pub force: bool,
}

/// `whistlebox push`.
#[derive(Debug, Args)]
pub struct PushArgs {
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
    /// The store directory whose outbox/ holds the items to send.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// Proxy for every request, e.g. socks5h://127.0.0.1:9050 for Tor.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// The published team keyset (keys/team.toml): refuse a relay that serves another one.
    #[arg(long, value_name = "FILE")]
    pub team: Option<PathBuf>,
}

/// `whistlebox purge`.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Case ids, or unique prefixes of them: each case's whole thread goes.
    #[arg(required_unless_present = "policy", conflicts_with = "policy")]
    pub ids: Vec<String>,
    /// The store directory filled by `pull`.
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    /// An age identity file (repeat for several keys).
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    pub identities: Vec<PathBuf>,
    /// Delete for real; without it, purge only prints what would go.
    #[arg(long)]
    pub yes: bool,
    /// A retention policy (TOML, a `[closed_after_days]` table) selecting the cases instead of IDs.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// With --policy: take this date (YYYY-MM-DD) as today instead of the UTC date.
    #[arg(long, value_name = "DATE", requires = "policy")]
    pub today: Option<String>,
    /// Print the cases as a JSON array ({"case","objects","outbox","bytes","relay_deletes","purged"}).
    #[arg(long)]
    pub json: bool,
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
