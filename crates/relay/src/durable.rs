//! Durable acknowledgements over sled 0.34 (`docs/PROTOCOL.md §4.3`).
//!
//! sled's `flush` writes its log with `sync_file_range` (sled issue #1452),
//! which puts the bytes on the device but neither flushes the device's
//! write cache nor syncs the file's metadata; and sled writes large values
//! (any log message over `segment_size / 4`, so every full 1 MiB chunk) as
//! separate files under `blobs/` with no sync at all. Enough to survive
//! `kill -9` (the page cache outlives the process), not a power loss.
//!
//! [`Durability::sync`] closes that gap at every acknowledgement: sled's
//! `flush`, then `fsync` of the log file `db`, of each blob file not synced
//! before, of the `blobs/` directory and of the database directory (which
//! holds `conf`, `db`, `blobs/` and the `snap.*` snapshots, written by sled
//! with a sync of their own and renamed into place). `conf` is synced once,
//! at open. The cost is bounded: three `fsync`s plus one per new blob file,
//! and one listing of `blobs/` (names only, no `stat`).
//!
//! Syncs are grouped: a caller whose write finished before another caller's
//! sync began is covered by that sync and returns without one of its own.
//! A failed `fsync` poisons the store — every later sync fails — because
//! after a failed `fsync` Linux may have dropped the dirty pages, and a
//! retry would report success for data that never reached the disk.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::store::StoreError;

/// The files of one sled database and what of them is known to be on disk.
pub(crate) struct Durability {
    /// The database directory.
    dir: File,
    /// `db`: sled's log.
    log: File,
    /// `blobs/`: one file per large log message, named after its LSN.
    blobs_path: PathBuf,
    blobs: File,
    /// Syncs asked for so far (each after its write finished).
    requested: AtomicU64,
    state: Mutex<SyncState>,
}

struct SyncState {
    /// Every sync asked for up to this count is done.
    covered: u64,
    /// Blob files already synced (those sled deleted drop out).
    synced_blobs: HashSet<OsString>,
    /// A sync failed: nothing can be acknowledged any more.
    failed: bool,
}

impl Durability {
    /// Opens the files of the sled database at `path` (opened by sled
    /// already) and syncs them all once: whatever is on disk at start counts
    /// as acknowledged from then on.
    pub(crate) fn open(path: &Path) -> Result<Durability, StoreError> {
        let blobs_path = path.join("blobs");
        let durability = Durability {
            dir: File::open(path)?,
            log: File::open(path.join("db"))?,
            blobs: File::open(&blobs_path)?,
            blobs_path,
            requested: AtomicU64::new(0),
            state: Mutex::new(SyncState {
                covered: 0,
                synced_blobs: HashSet::new(),
                failed: false,
            }),
        };
        File::open(path.join("conf"))?.sync_all()?;
        let mut state = durability.lock();
        durability.sync_files(&mut state, durability.list_blobs()?)?;
        drop(state);
        Ok(durability)
    }

    /// Makes every write that finished before this call durable: sled's
    /// flush, then `fsync` of the files and directories. Call it after the
    /// write and before the acknowledgement.
    pub(crate) fn sync(&self, db: &sled::Db) -> Result<(), StoreError> {
        let ticket = self.requested.fetch_add(1, Ordering::SeqCst) + 1;
        let mut state = self.lock();
        if state.failed {
            return Err(poisoned());
        }
        if state.covered >= ticket {
            return Ok(()); // A sync that began after our write covered it.
        }
        // Every ticket up to here was taken after its write finished.
        let covers = self.requested.load(Ordering::SeqCst);
        // Listed before the flush: a blob file exists only once sled reserved
        // its log position, and sled's flush waits for every reservation made
        // before it — so each file listed here is complete once it returns.
        // Files created later are left to the next sync.
        let result = self
            .list_blobs()
            .and_then(|listed| {
                db.flush()?;
                Ok(listed)
            })
            .and_then(|listed| self.sync_files(&mut state, listed));
        match result {
            Ok(()) => {
                state.covered = covers;
                Ok(())
            }
            Err(e) => {
                state.failed = true;
                tracing::error!("the database could not be synced to disk; no write will be acknowledged until restart: {e}");
                Err(e)
            }
        }
    }

    /// The blob files synced so far.
    #[cfg(test)]
    pub(crate) fn synced_blobs(&self) -> HashSet<OsString> {
        self.lock().synced_blobs.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SyncState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The names in `blobs/`.
    fn list_blobs(&self) -> Result<Vec<OsString>, StoreError> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&self.blobs_path)? {
            names.push(entry?.file_name());
        }
        Ok(names)
    }

    /// `fsync` of the blob files in `listed` not synced before, then of
    /// `blobs/`, the log and the database directory.
    fn sync_files(&self, state: &mut SyncState, listed: Vec<OsString>) -> Result<(), StoreError> {
        let mut synced = HashSet::with_capacity(listed.len());
        for name in listed {
            if !state.synced_blobs.contains(&name) {
                match File::open(self.blobs_path.join(&name)) {
                    Ok(file) => file.sync_all()?,
                    // sled removed it meanwhile (a value rewritten or deleted).
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            synced.insert(name);
        }
        self.blobs.sync_all()?;
        self.log.sync_all()?;
        self.dir.sync_all()?;
        state.synced_blobs = synced;
        Ok(())
    }
}

fn poisoned() -> StoreError {
    StoreError::Io(io::Error::other(
        "an earlier fsync failed; restart the relay",
    ))
}
