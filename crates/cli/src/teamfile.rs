//! Reading the published team keyset file (`keys/team.toml`, PROTOCOL.md §3)
//! given with `--team`: bounded, parsed and validated by `whistlebox-core`.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use whistlebox_core::team::Keyset;

use crate::error::Error;

/// Upper bound on a keyset file; 32 investigators take a few KiB.
const KEYSET_FILE_MAX: u64 = 1 << 20;

/// Reads and validates the keyset file at `path`.
pub fn read(path: &Path) -> Result<Keyset, Error> {
    let bad = |reason: String| Error::TeamFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut raw = Vec::new();
    File::open(path)
        .and_then(|f| f.take(KEYSET_FILE_MAX + 1).read_to_end(&mut raw))
        .map_err(|e| bad(e.to_string()))?;
    if raw.len() as u64 > KEYSET_FILE_MAX {
        return Err(bad("it is too large to be a keyset".into()));
    }
    let text = String::from_utf8(raw).map_err(|_| bad("it is not UTF-8 text".into()))?;
    Keyset::from_toml(&text).map_err(|e| bad(e.to_string()))
}
