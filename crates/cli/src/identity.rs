//! Reading investigators' age identity files (secret keys).
//!
//! Only this module and [`crate::keygen`] touch secret keys. A key file is read
//! into a zeroized buffer and parsed line by line as age identity files are
//! (c2sp.org/age): blank lines and `#` comments are skipped, every other line
//! is one identity — X25519 (`AGE-SECRET-KEY-1…`, parsed by the `age` crate)
//! or post-quantum `mlkem768x25519` (`AGE-SECRET-KEY-PQ-1…`, [`crate::pq`]);
//! one file may mix both. (The `age` crate's `IdentityFile` rejects PQ lines.)
//! Identities are kept only as opaque `age::Identity` trait objects (no
//! `Debug`, no `Display`). Error messages name the file and a line number,
//! never its content.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::Error;
use crate::pq;

/// Upper bound on a key file; one identity line is 74 (X25519) or 77 (PQ) bytes.
const KEY_FILE_MAX: u64 = 1 << 20;

/// The identities loaded from one or more key files.
pub struct Identities {
    keys: Vec<Box<dyn age::Identity + Send + Sync>>,
    /// The public recipient of each key, to find the holder in the keyset.
    publics: Vec<String>,
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

    /// The public recipients (`age1…`, `age1pq1…`) of the loaded keys: who
    /// holds them, for the case state's `by` (PROTOCOL.md §11).
    pub fn recipients(&self) -> &[String] {
        &self.publics
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
type Loaded = (Vec<Box<dyn age::Identity + Send + Sync>>, Vec<String>);

fn load_one(path: &Path) -> Result<Loaded, Error> {
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
    let text = std::str::from_utf8(&buf).map_err(|_| bad(path, "it is not UTF-8 text"))?;
    let mut keys: Vec<Box<dyn age::Identity + Send + Sync>> = Vec::new();
    let mut publics = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = i + 1;
        if line.starts_with(pq::IDENTITY_PREFIX) {
            let id: pq::Identity = line.parse().map_err(|e| {
                bad(
                    path,
                    format!("line {n} is not a valid post-quantum identity ({e})"),
                )
            })?;
            publics.push(id.to_public().to_string());
            keys.push(Box::new(id));
        } else if line.starts_with("AGE-SECRET-KEY-1") {
            let id: age::x25519::Identity = line.parse().map_err(|e| {
                bad(
                    path,
                    format!("line {n} is not a valid X25519 identity ({e})"),
                )
            })?;
            publics.push(id.to_public().to_string());
            keys.push(Box::new(id));
        } else if line.starts_with("age1") {
            return Err(bad(
                path,
                format!("line {n} holds a public key (age1…), not a secret key"),
            ));
        } else if line.starts_with("-----BEGIN") {
            return Err(bad(
                path,
                "it is armored or an SSH/PEM key; whistlebox reads age identity files",
            ));
        } else if line.starts_with("AGE-PLUGIN-") {
            return Err(bad(
                path,
                format!("line {n} is an age plugin identity, which whistlebox does not support"),
            ));
        } else {
            return Err(bad(
                path,
                format!(
                    "line {n} is not an age identity (AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…)"
                ),
            ));
        }
    }
    if keys.is_empty() {
        return Err(bad(path, "it contains no identity"));
    }
    check_permissions(path, &meta);
    Ok((keys, publics))
}

/// Reads every key file given with `-i`, in order.
pub fn load(paths: &[PathBuf]) -> Result<Identities, Error> {
    let mut keys = Vec::new();
    let mut publics = Vec::new();
    for path in paths {
        let (k, p) = load_one(path)?;
        keys.extend(k);
        publics.extend(p);
    }
    Ok(Identities { keys, publics })
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

    #[test]
    fn a_file_may_mix_x25519_and_post_quantum_identities() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mixed.key");
        let classic = age::x25519::Identity::generate();
        let pq = pq::Identity::generate();
        std::fs::write(
            &path,
            format!(
                "# created: 2026-01-01T00:00:00Z\r\n# public key: {}\n{}\r\n\n# pq\n{}\n",
                pq.to_public(),
                classic.to_string().expose_secret(),
                pq.to_string().expose_secret()
            ),
        )
        .unwrap();
        let ids = load(&[path.clone(), fixture("pq-alice")]).unwrap();
        assert_eq!(ids.len(), 3);
        // Each decrypts what is encrypted to it.
        for r in [
            Box::new(classic.to_public()) as Box<dyn age::Recipient + Send>,
            Box::new(pq.to_public()),
        ] {
            let file = {
                use std::io::Write;
                let enc =
                    age::Encryptor::with_recipients(std::iter::once(r.as_ref() as _)).unwrap();
                let mut out = vec![];
                let mut w = enc.wrap_output(&mut out).unwrap();
                w.write_all(b"hi").unwrap();
                w.finish().unwrap();
                out
            };
            let d = age::Decryptor::new(&file[..]).unwrap();
            let mut pt = vec![];
            d.decrypt(ids.iter()).unwrap().read_to_end(&mut pt).unwrap();
            assert_eq!(pt, b"hi");
        }
        // A damaged PQ line (bad checksum) is named by its number, never echoed.
        let mut damaged = pq.to_string().expose_secret().as_bytes().to_vec();
        damaged[40] = if damaged[40] == b'Q' { b'P' } else { b'Q' };
        let damaged = String::from_utf8(damaged).unwrap();
        std::fs::write(&path, format!("# k\n{damaged}\n")).unwrap();
        let err = load(&[path]).unwrap_err().to_string();
        assert!(
            err.contains("line 2 is not a valid post-quantum identity"),
            "{err}"
        );
        assert!(!err.contains(&damaged[20..]), "{err}");
    }
}
