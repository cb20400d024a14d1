//! Local administration of a running relay: `whistlebox-relay backup`
//! (docs/DEPLOYING.md, backups).
//!
//! sled admits one process per database, so a backup of a running relay is
//! made by the relay itself. It listens on a Unix socket, `DATA/admin.sock`,
//! inside the data directory (`0700`), so only the relay's own user can
//! connect — never on the TCP port. One request per connection, one line:
//! `backup <absolute path>\n`; the answer is `ok <objects>\n` or
//! `error <message>\n`. Without a relay listening, `backup` opens the
//! database itself.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::RelayError;
use crate::store::{SledStore, Store};

/// The socket's name inside the data directory.
const SOCKET: &str = "admin.sock";
/// Longest request line.
const MAX_REQUEST: u64 = 4_096;

/// The admin socket of a data directory.
pub fn socket_path(data: &Path) -> PathBuf {
    data.join(SOCKET)
}

/// Writes a backup of `store` (and the log key and tokens of `data`) into
/// the new directory `out`: a data directory the relay can open. Returns the
/// number of objects copied.
pub fn write_backup(store: &dyn Store, data: &Path, out: &Path) -> Result<u64, String> {
    if !out.is_absolute() {
        return Err(format!("{} is not an absolute path", out.display()));
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(out).map_err(|e| {
        format!(
            "cannot create {}: {e} (it must not exist yet)",
            out.display()
        )
    })?;
    let objects = store
        .backup(&crate::state::db_path(out))
        .map_err(|e| format!("cannot copy the database: {e}"))?;
    // The log key (the copy must go on signing the same log) and the tokens.
    let key = crate::tlog::key_path(data);
    if key.exists() {
        let target = crate::tlog::key_path(out);
        crate::tokens::create_private_dir(target.parent().expect("DATA/log"))
            .and_then(|()| {
                let secret = zeroize::Zeroizing::new(std::fs::read(&key)?);
                crate::tokens::write_new_private(&target, &secret)
            })
            .map_err(|e| format!("cannot copy the log key: {e}"))?;
    }
    let tokens = data.join("tokens");
    if tokens.is_dir() {
        let target = out.join("tokens");
        crate::tokens::create_private_dir(&target)
            .and_then(|()| {
                for entry in std::fs::read_dir(&tokens)? {
                    let entry = entry?;
                    crate::tokens::write_new_private(&target.join(entry.file_name()), &[])?;
                }
                Ok(())
            })
            .map_err(|e| format!("cannot copy the tokens: {e}"))?;
    }
    Ok(objects)
}

/// `whistlebox-relay backup --data DIR --out PATH`.
pub fn backup(data: &Path, out: &Path) -> Result<(), RelayError> {
    let out = std::path::absolute(out).map_err(|e| RelayError::Backup(e.to_string()))?;
    let objects = match ask_relay(data, &out) {
        Some(answer) => answer?,
        None => {
            // No relay listening: open the database here.
            let db = crate::state::db_path(data);
            let store = SledStore::open(&db).map_err(|source| RelayError::Store {
                path: db.clone(),
                source,
            })?;
            write_backup(&store, data, &out).map_err(RelayError::Backup)?
        }
    };
    println!("backed up {objects} objects to {}", out.display());
    Ok(())
}

/// Asks the relay listening on `data`'s socket for a backup; `None` if none listens.
#[cfg(unix)]
fn ask_relay(data: &Path, out: &Path) -> Option<Result<u64, RelayError>> {
    use std::os::unix::net::UnixStream;
    let mut stream = UnixStream::connect(socket_path(data)).ok()?;
    let failed = |e: std::io::Error| RelayError::Backup(format!("talking to the relay: {e}"));
    let Some(path) = out.to_str().filter(|p| !p.contains('\n')) else {
        return Some(Err(RelayError::Backup(
            "the output path must be UTF-8 without a newline".into(),
        )));
    };
    let answer = (|| {
        stream.write_all(format!("backup {path}\n").as_bytes())?;
        let mut line = String::new();
        BufReader::new(stream.take(MAX_REQUEST)).read_line(&mut line)?;
        Ok(line)
    })();
    Some(match answer {
        Err(e) => Err(failed(e)),
        Ok(line) => match line.trim_end().split_once(' ') {
            Some(("ok", n)) => n
                .parse()
                .map_err(|_| RelayError::Backup(format!("unexpected answer {line:?}"))),
            Some(("error", message)) => Err(RelayError::Backup(message.to_owned())),
            _ => Err(RelayError::Backup(format!(
                "unexpected answer {line:?} from the relay"
            ))),
        },
    })
}

#[cfg(not(unix))]
fn ask_relay(_data: &Path, _out: &Path) -> Option<Result<u64, RelayError>> {
    None
}

/// Listens on `DATA/admin.sock` for backup requests until the runtime stops.
/// A stale socket file (a relay that was killed) is replaced.
#[cfg(unix)]
pub fn listen(data: &Path, store: Arc<dyn Store>) -> std::io::Result<()> {
    let path = socket_path(data);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let listener = tokio::net::UnixListener::bind(&path)?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    let data = data.to_owned();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let store = Arc::clone(&store);
            let data = data.clone();
            tokio::spawn(async move {
                if let Err(e) = serve_one(stream, store, data).await {
                    tracing::warn!("admin socket: {e}");
                }
            });
        }
    });
    Ok(())
}

#[cfg(unix)]
async fn serve_one(
    stream: tokio::net::UnixStream,
    store: Arc<dyn Store>,
    data: PathBuf,
) -> std::io::Result<()> {
    use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _};
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    tokio::io::BufReader::new(read.take(MAX_REQUEST))
        .read_line(&mut line)
        .await?;
    let answer = match line
        .strip_suffix('\n')
        .and_then(|l| l.strip_prefix("backup "))
    {
        Some(out) => {
            let out = PathBuf::from(out);
            let result =
                tokio::task::spawn_blocking(move || write_backup(store.as_ref(), &data, &out))
                    .await
                    .unwrap_or_else(|e| Err(e.to_string()));
            match result {
                Ok(objects) => {
                    tracing::info!(objects, "wrote a backup");
                    format!("ok {objects}\n")
                }
                Err(e) => format!("error {e}\n"),
            }
        }
        None => "error the request is `backup <absolute path>`\n".to_owned(),
    };
    write.write_all(answer.as_bytes()).await
}

/// No admin socket off Unix.
#[cfg(not(unix))]
pub fn listen(_data: &Path, _store: Arc<dyn Store>) -> std::io::Result<()> {
    Ok(())
}
