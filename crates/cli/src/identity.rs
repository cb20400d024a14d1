//! Reading investigators' age identity files (secret keys).
//!
//! Only this module and [`crate::keygen`] touch secret keys. A key file is read
//! into a zeroized buffer, parsed by the `age` crate, and kept only as opaque
//! `age::Identity` trait objects (no `Debug`, no `Display`). Error messages
//! name the file and a line number, never its content.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::Error;

/// Upper bound on a key file; one X25519 identity line is 74 bytes.
const KEY_FILE_MAX: u64 = 1 << 20;

/// The identities loaded from one or more key files.
pub struct Identities {
    keys: Vec<Box<dyn age::Identity + Send + Sync>>,
}

impl std::fmt::Debug for Identities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identities({} keys, redacted)", self.keys.len())
    }
}

impl Identities {
    /// The identities, as `age::Decryptor::decrypt` wants them.
    pub fn iter(&self) -> impl Iterator<Item = &dyn age::Identity> {
        self.keys.iter().map(|k| k.as_ref() as &dyn age::Identity)
    }

    /// How many identities were loaded.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether none were loaded (never true for a successful [`load`]).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::IdentityFile {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Warns (on stderr) when a key file can be read by other users.
#[cfg(unix)]
fn check_permissions(path: &Path, meta: &std::fs::Metadata) {
    use std::os::unix::fs::PermissionsExt;
    {
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            eprintln!(
                "warning: the key file {} can be read by other users (mode {:03o}); run `chmod 600 {}`",
                path.display(),
                mode & 0o777,
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn check_permissions(_path: &Path, _meta: &std::fs::Metadata) {}

/// Reads one key file.
fn load_one(path: &Path) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>, Error> {
    let file = File::open(path).map_err(|e| bad(path, e.to_string()))?;
    let meta = file.metadata().map_err(|e| bad(path, e.to_string()))?;
    if !meta.is_file() {
        return Err(bad(path, "it is not a regular file"));
    }
    let mut buf = Zeroizing::new(Vec::new());
    file.take(KEY_FILE_MAX + 1)
        .read_to_end(&mut buf)
        .map_err(|e| bad(path, e.to_string()))?;
    if buf.len() as u64 > KEY_FILE_MAX {
        return Err(bad(path, "it is too large to be a key file"));
    }
    // Recognise the usual mistakes before age's generic "non-identity data".
    let first = buf
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .find(|l| !l.is_empty() && !l.starts_with(b"#"));
    match first {
        None => return Err(bad(path, "it contains no identity")),
        Some(l) if l.starts_with(b"age1") => {
            return Err(bad(path, "it holds a public key (age1…), not a secret key"))
        }
        Some(l) if l.starts_with(b"AGE-SECRET-KEY-PQ-") => {
            return Err(bad(
                path,
                "post-quantum (mlkem768x25519) identities are not supported by this version",
            ))
        }
        Some(l) if l.starts_with(b"-----BEGIN") => {
            return Err(bad(
                path,
                "it is armored or an SSH/PEM key; whistlebox reads age identity files",
            ))
        }
        _ => {}
    }
    check_permissions(path, &meta);
    let parsed = age::IdentityFile::from_buffer(&buf[..]).map_err(|e| {
        // age's message names only a line number, never the line.
        bad(path, e.to_string().replace("identity file ", "the file "))
    })?;
    let keys = parsed
        .into_identities()
        .map_err(|e| bad(path, e.to_string()))?;
    if keys.is_empty() {
        return Err(bad(path, "it contains no identity"));
    }
    Ok(keys)
}

/// Reads every key file given with `-i`, in order.
pub fn load(paths: &[PathBuf]) -> Result<Identities, Error> {
    let mut keys = Vec::new();
    for path in paths {
        keys.extend(load_one(path)?);
    }
    Ok(Identities { keys })
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../tests/fixtures/keys/{name}.key"))
    }

    #[test]
    fn loads_the_fixture_keys() {
        let ids = load(&[fixture("alice"), fixture("bob")]).unwrap();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids.iter().count(), 2);
        assert!(!format!("{ids:?}").contains("AGE-SECRET"));
    }

    #[test]
    fn explains_common_mistakes() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("pub");
        std::fs::write(
            &public,
            "age14a7lm93mt7ra3rceeu3lacwzr0ecgq87v0jppy0vhzh68qsaf4kscmwr6c\n",
        )
        .unwrap();
        let err = load(&[public]).unwrap_err();
        assert!(err.to_string().contains("public key"), "{err}");

        let empty = dir.path().join("empty");
        std::fs::write(&empty, "# nothing here\n\n").unwrap();
        assert!(load(&[empty])
            .unwrap_err()
            .to_string()
            .contains("no identity"));

        let missing = dir.path().join("missing");
        assert!(matches!(load(&[missing]), Err(Error::IdentityFile { .. })));
    }

    #[test]
    fn garbage_is_refused_without_echoing_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let secret = age::x25519::Identity::generate().to_string();
        // A valid key followed by a corrupted copy of it.
        let broken = secret.expose_secret().replace('1', "x");
        std::fs::write(&path, format!("{}\n{broken}\n", secret.expose_secret())).unwrap();
        let err = load(&[path]).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(!err.contains(&broken[10..]), "{err}");
    }
}
