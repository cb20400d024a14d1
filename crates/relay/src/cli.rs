//! The `whistlebox-relay` command line: `serve` (with `--demo`) and
//! `token create`. Flags are parsed into plain structs, merged with the config
//! file, validated, and only then is anything opened.
//!
//! Exit codes: 0 success, 1 error (the message says what to do), 2 usage error.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::FileConfig;
use crate::demo;
use crate::error::RelayError;
use crate::state::AppState;
use crate::tokens;

/// Whistlebox relay: accepts only age ciphertext for one team and hands it to
/// investigators.
#[derive(Debug, Parser)]
#[command(name = "whistlebox-relay", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the relay (prints `whistlebox-relay listening on http://ADDR` once ready).
    Serve(Box<ServeArgs>),
    /// Manage investigator pull tokens (PROTOCOL.md §4.6).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Print the transparency log's verifier key (PROTOCOL.md §10.3), to publish beside keys/team.toml; works while the relay runs.
    LogKey {
        /// The relay's data directory.
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
    },
    /// Write a consistent copy of the data directory to PATH, from a running relay (over its local admin socket) or a stopped one (docs/DEPLOYING.md).
    Backup {
        /// The relay's data directory.
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// Where to write the copy: a new directory, which the relay can open as its --data.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// TOML config file with any of the keys data, team, listen, max_body_bytes, min_recipients, upload_ttl_secs, max_uploads, max_writes_per_minute, max_store_bytes, min_free_bytes, pow_bits, pow_parts, pow_ttl_secs, log_origin, and a [safety] table (locale = text); flags override it.
    #[arg(long, value_name = "FILE", conflicts_with = "demo")]
    config: Option<PathBuf>,
    /// Data directory (sled database in DATA/db, tokens in DATA/tokens); created if missing.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Team keyset file (PROTOCOL.md §3), e.g. keys/team.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "demo")]
    team: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080]; port 0 picks a free port.
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// Largest report body in bytes (rule E8) [default: 268435456 = 256 MiB].
    #[arg(long, value_name = "N")]
    max_body_bytes: Option<u64>,
    /// Fewest recipients a report must be encrypted to (rule E4) [default: 1].
    #[arg(long, value_name = "N")]
    min_recipients: Option<usize>,
    /// Idle seconds after which an upload session and its parts are deleted [default: 3600].
    #[arg(long, value_name = "SECS")]
    upload_ttl_secs: Option<u64>,
    /// Most upload sessions open at once [default: 64].
    #[arg(long, value_name = "N")]
    max_uploads: Option<usize>,
    /// Anonymous writes (reports, upload sessions, follow-ups) accepted per minute, over all clients; more get 429 rate_limited [default: 120].
    #[arg(long, value_name = "N")]
    max_writes_per_minute: Option<u32>,
    /// Most bytes the data directory may hold; writes beyond get 503 storage_full [default: 10737418240 = 10 GiB].
    #[arg(long, value_name = "BYTES")]
    max_store_bytes: Option<u64>,
    /// Free bytes to keep on the data directory's file system; below, writes get 503 disk_full [default: 1073741824 = 1 GiB].
    #[arg(long, value_name = "BYTES")]
    min_free_bytes: Option<u64>,
    /// Proof of work (PROTOCOL.md §9): leading zero bits asked of each part, 0 to 32; 0 asks for no work [default: 13].
    #[arg(long, value_name = "BITS")]
    pow_bits: Option<u8>,
    /// Proof of work: parts per challenge, 1 to 16 (more parts, less variance in the cost) [default: 8].
    #[arg(long, value_name = "N")]
    pow_parts: Option<u8>,
    /// Proof of work: seconds a challenge lives, 1 to 86400 [default: 600].
    #[arg(long, value_name = "SECS")]
    pow_ttl_secs: Option<u32>,
    /// Origin (key name) of the transparency log, used when its key is made at first start (PROTOCOL.md §10.3) [default: whistlebox.invalid/<first 8 hex of the key>].
    #[arg(long, value_name = "NAME")]
    log_origin: Option<String>,
    /// Demo mode: a throwaway team key, token and data folder (under the temp dir, or --data); prints what to do next.
    #[arg(long)]
    demo: bool,
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create a pull token and print it on stdout; works while the relay runs.
    Create {
        /// The relay's data directory.
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
    },
}

/// Runs the command line with the process arguments; returns the exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    crate::logging::init();
    let result = match cli.command {
        Command::Serve(args) => serve(*args),
        Command::Token(TokenCommand::Create { data }) => create_token(&data),
        Command::LogKey { data } => print_log_key(&data),
        Command::Backup { data, out } => crate::admin::backup(&data, &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn create_token(data: &Path) -> Result<(), RelayError> {
    let token = zeroize::Zeroizing::new(tokens::create(data)?);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe is not an error worth reporting: the token file exists either way.
    let _ = writeln!(stdout, "{}", token.as_str()).and_then(|()| stdout.flush());
    Ok(())
}

fn print_log_key(data: &Path) -> Result<(), RelayError> {
    let vkey = crate::tlog::read_vkey(data)?;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", vkey.as_str()).and_then(|()| stdout.flush());
    Ok(())
}

fn serve(args: ServeArgs) -> Result<(), RelayError> {
    let flags = FileConfig {
        data: args.data,
        team: args.team,
        listen: args.listen,
        max_body_bytes: args.max_body_bytes,
        min_recipients: args.min_recipients,
        upload_ttl_secs: args.upload_ttl_secs,
        max_uploads: args.max_uploads,
        max_writes_per_minute: args.max_writes_per_minute,
        max_store_bytes: args.max_store_bytes,
        min_free_bytes: args.min_free_bytes,
        pow_bits: args.pow_bits,
        pow_parts: args.pow_parts,
        pow_ttl_secs: args.pow_ttl_secs,
        safety: None,
        log_origin: args.log_origin,
    };
    let mut settings = match &args.config {
        Some(path) => flags.or(FileConfig::read(path)?),
        None => flags,
    };
    let demo = if args.demo {
        let demo = demo::prepare(settings.data.as_deref())?;
        settings.data = Some(demo.dir.clone());
        settings.team = Some(demo.team.clone());
        Some(demo)
    } else {
        None
    };
    let config = settings.into_config()?;
    let state = AppState::open(&config)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(RelayError::Serve)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| RelayError::Bind {
                addr: config.listen,
                source,
            })?;
        // Local-only admin requests (backups) on DATA/admin.sock, never on TCP.
        crate::admin::listen(&config.data, std::sync::Arc::clone(state.store()))
            .map_err(RelayError::Serve)?;
        let shutdown = shutdown_signal().map_err(RelayError::Serve)?;
        let addr = listener.local_addr().map_err(RelayError::Serve)?;
        let url = format!("http://{addr}");
        {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "whistlebox-relay listening on {url}");
            let _ = writeln!(stdout, "team fingerprint: {}", state.fingerprint());
            let _ = writeln!(stdout, "page bundle sha256: {}", state.bundle_sha256());
            if let Some(demo) = &demo {
                let _ = write!(stdout, "{}", demo.instructions(&url));
            }
            let _ = stdout.flush();
        }
        crate::serve(listener, state, shutdown)
            .await
            .map_err(RelayError::Serve)
    })?;
    tracing::info!("stopped");
    Ok(())
}

/// A future that completes on SIGINT (Ctrl-C) or SIGTERM. The handlers are
/// installed before it returns, so a signal sent as soon as the address is
/// printed already stops the relay cleanly.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down");
    })
}

/// A future that completes on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn demo_refuses_a_team_or_config() {
        let err = Cli::try_parse_from(["whistlebox-relay", "serve", "--demo", "--team", "t.toml"])
            .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }
}
