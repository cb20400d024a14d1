//! Bounds on what anonymous writers can make the relay store
//! (`docs/PROTOCOL.md §4.4`, §4.7): the global rate of accepted writes
//! ([`WriteRate`], a token bucket → `429 rate_limited`), and the room left for
//! them ([`Space`]: a storage quota → `503 storage_full`, and a free-disk
//! floor → `503 disk_full`). Every refusal carries `Retry-After` and happens
//! before the write's first byte is stored; a body that crosses a bound while
//! streaming is refused and its chunks are deleted like any rejected body.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::AppError;

/// How long a measurement of the data directory's size is trusted; in
/// between, the bytes the relay writes are added to it.
pub const REMEASURE: Duration = Duration::from_secs(10);

/// `Retry-After` of `503 storage_full`, in seconds: an operator must act.
pub const STORAGE_FULL_RETRY_SECS: u64 = 3_600;
/// `Retry-After` of `503 disk_full`, in seconds.
pub const DISK_FULL_RETRY_SECS: u64 = 600;

/// A token bucket over every anonymous write (reports, upload sessions,
/// follow-ups): holds at most `per_minute` tokens, refilled at `per_minute`
/// a minute; a write takes one.
#[derive(Debug)]
pub struct WriteRate {
    per_minute: u32,
    bucket: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl WriteRate {
    /// A full bucket of `per_minute` tokens (at least 1).
    pub fn new(per_minute: u32) -> WriteRate {
        let per_minute = per_minute.max(1);
        WriteRate {
            per_minute,
            bucket: Mutex::new(Bucket {
                tokens: f64::from(per_minute),
                at: Instant::now(),
            }),
        }
    }

    /// Takes a token, or answers [`AppError::RateLimited`] with the whole
    /// seconds until the next one.
    pub fn take(&self) -> Result<(), AppError> {
        let per_second = f64::from(self.per_minute) / 60.0;
        let mut bucket = self.bucket.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(f64::from(self.per_minute));
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        let wait = ((1.0 - bucket.tokens) / per_second).ceil();
        // At most 60 s: the bucket refills at least one token a minute.
        let retry_after = (wait as u64).clamp(1, 60);
        Err(AppError::RateLimited { retry_after })
    }
}

/// The room left for writes: the data directory's size against
/// `max_store_bytes`, and the file system's free space against
/// `min_free_bytes`.
#[derive(Debug)]
pub struct Space {
    data: PathBuf,
    max_store_bytes: u64,
    min_free_bytes: u64,
    /// Bytes of the data directory: the last measurement plus what was
    /// written since (deletions show at the next measurement).
    used: AtomicU64,
    measured: Mutex<Instant>,
}

impl Space {
    /// Measures the data directory `data` (blocking).
    pub fn new(data: &Path, max_store_bytes: u64, min_free_bytes: u64) -> Space {
        Space {
            data: data.to_owned(),
            max_store_bytes,
            min_free_bytes,
            used: AtomicU64::new(dir_size(data)),
            measured: Mutex::new(Instant::now()),
        }
    }

    /// Whether `incoming` more bytes fit under both bounds (blocking: may
    /// measure the directory, and asks the file system for its free space).
    pub fn check(&self, incoming: u64) -> Result<(), AppError> {
        // One writer re-measures; the others go on with the running count
        // instead of queueing behind the directory walk.
        if let Ok(mut measured) = self.measured.try_lock() {
            if measured.elapsed() >= REMEASURE {
                self.used.store(dir_size(&self.data), Ordering::SeqCst);
                *measured = Instant::now();
            }
        }
        let used = self.used.load(Ordering::SeqCst);
        if used.saturating_add(incoming) > self.max_store_bytes {
            return Err(AppError::StorageFull);
        }
        let free = fs2::available_space(&self.data).map_err(AppError::internal)?;
        if free < self.min_free_bytes.saturating_add(incoming) {
            return Err(AppError::DiskFull);
        }
        Ok(())
    }

    /// Counts `bytes` just written.
    pub fn wrote(&self, bytes: u64) {
        self.used.fetch_add(bytes, Ordering::SeqCst);
    }

    /// The data directory's bytes as last counted.
    pub fn used(&self) -> u64 {
        self.used.load(Ordering::SeqCst)
    }
}

/// Total length of the files under `dir`; unreadable entries count as 0.
fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                total += meta.len();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_empties_and_names_the_wait() {
        let rate = WriteRate::new(2);
        rate.take().unwrap();
        rate.take().unwrap();
        match rate.take() {
            Err(AppError::RateLimited { retry_after }) => {
                assert!((1..=30).contains(&retry_after), "{retry_after}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn space_counts_the_directory_and_what_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("sub")).unwrap();
        std::fs::write(tmp.path().join("sub/a"), [0u8; 100]).unwrap();
        let space = Space::new(tmp.path(), 150, 0);
        assert_eq!(space.used(), 100);
        space.check(50).unwrap();
        assert!(matches!(space.check(51), Err(AppError::StorageFull)));
        space.wrote(50);
        assert!(matches!(space.check(1), Err(AppError::StorageFull)));
        let floor = Space::new(tmp.path(), u64::MAX, u64::MAX);
        assert!(matches!(floor.check(0), Err(AppError::DiskFull)));
    }
}
