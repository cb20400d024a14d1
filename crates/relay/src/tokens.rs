//! Investigator pull tokens (`docs/PROTOCOL.md §4.6`).
//!
//! A token is `wbt_` followed by 43 characters of unpadded base64url (32 random
//! bytes). The relay keeps only `sha256(token)` in hex, as the name of an empty
//! file `DATA/tokens/<hash>`. Tokens live outside the sled database so that
//! `whistlebox-relay token create` works while the relay runs (sled admits one
//! process per database); deleting the file revokes the token.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Prefix of every token.
pub const PREFIX: &str = "wbt_";
/// Random bytes in a token.
const TOKEN_BYTES: usize = 32;
/// Base64url characters encoding [`TOKEN_BYTES`] without padding.
const TOKEN_CHARS: usize = 43;
/// Folder of token hashes inside the data directory.
const TOKENS_DIR: &str = "tokens";

/// A failure to create a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The tokens folder or a token file could not be written.
    #[error("cannot write the token file {path}: {source}; check that the data directory is writable by this user")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

/// Lowercase hex SHA-256 of a well-formed token, or `None` if `token` is not
/// `wbt_` + 43 base64url characters encoding 32 bytes.
pub fn hash(token: &str) -> Option<String> {
    let encoded = token.strip_prefix(PREFIX)?;
    if encoded.len() != TOKEN_CHARS {
        return None;
    }
    // The strict decoder refuses non-canonical trailing bits, so one token has one spelling.
    let bytes = URL_SAFE_NO_PAD.decode(encoded).ok()?;
    if bytes.len() != TOKEN_BYTES {
        return None;
    }
    Some(hex::encode(Sha256::digest(token.as_bytes())))
}

/// The folder holding the token files of a data directory.
pub fn dir(data: &Path) -> PathBuf {
    data.join(TOKENS_DIR)
}

/// Generates a token, stores its hash under `DATA/tokens/` (file `0600`,
/// folders `0700`), and returns the token. Never opens the database.
pub fn create(data: &Path) -> Result<String, TokenError> {
    let tokens = dir(data);
    create_private_dir(&tokens).map_err(|source| TokenError::Write {
        path: tokens.clone(),
        source,
    })?;
    let token = generate();
    let file = tokens.join(hash(&token).expect("a generated token is well-formed"));
    write_empty_private(&file).map_err(|source| TokenError::Write { path: file, source })?;
    Ok(token)
}

/// A fresh token from the operating system's random number generator.
fn generate() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    zeroize::Zeroize::zeroize(&mut bytes);
    token
}

/// Creates `path` and missing parents with mode `0700` (on Unix).
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Creates a new file (never overwriting) with mode `0600`, writes `contents`, syncs it.
pub(crate) fn write_new_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()?;
    if let Some(parent) = path.parent() {
        // Make the new directory entry durable too (best effort where unsupported).
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn write_empty_private(path: &Path) -> io::Result<()> {
    write_new_private(path, b"")
}

/// The token files of one data directory, as the running relay checks them.
#[derive(Clone, Debug)]
pub struct Tokens {
    dir: PathBuf,
}

impl Tokens {
    /// Tokens stored under `DATA/tokens/`.
    pub fn new(data: &Path) -> Tokens {
        Tokens { dir: dir(data) }
    }

    /// Whether `token` is well-formed and its hash file exists. Reads the
    /// folder on every call, so new and deleted tokens apply at once.
    pub async fn accepts(&self, token: &str) -> bool {
        let Some(hash) = hash(token) else {
            return false;
        };
        match tokio::fs::metadata(self.dir.join(hash)).await {
            Ok(meta) => meta.is_file(),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_have_the_documented_shape() {
        let token = generate();
        assert!(token.starts_with("wbt_"));
        assert_eq!(token.len(), 4 + 43);
        assert!(token[4..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(token, generate());
        let hash = hash(&token).unwrap();
        assert_eq!(hash, hex::encode(Sha256::digest(token.as_bytes())));
    }

    #[test]
    fn malformed_tokens_have_no_hash() {
        let good = generate();
        for bad in [
            String::new(),
            good[4..].to_owned(),
            format!("wbx_{}", &good[4..]),
            good[..good.len() - 1].to_owned(),
            format!("{good}A"),
            format!("wbt_{}", "=".repeat(43)),
            format!("wbt_{}", "+".repeat(43)),
            // 43 characters whose last carries non-zero padding bits.
            format!("wbt_{}B", "A".repeat(42)),
        ] {
            assert_eq!(hash(&bad), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn created_tokens_are_accepted_until_their_file_is_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let token = create(&data).unwrap();
        let tokens = Tokens::new(&data);
        assert!(tokens.accepts(&token).await);
        assert!(!tokens.accepts(&generate()).await);
        assert!(!tokens.accepts("wbt_short").await);
        let file = dir(&data).join(hash(&token).unwrap());
        assert_eq!(fs::read(&file).unwrap(), b"");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&file).unwrap().permissions().mode() & 0o777,
                0o600
            );
            let dir_mode = fs::metadata(dir(&data)).unwrap().permissions().mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
        fs::remove_file(&file).unwrap();
        assert!(!tokens.accepts(&token).await);
    }
}
