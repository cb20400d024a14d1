//! `whistlebox keygen`: a new age identity in the standard age identity file
//! format — post-quantum `mlkem768x25519` by default ([`crate::pq`],
//! `AGE-SECRET-KEY-PQ-1…`, readable by typage and age ≥ 1.3), classic X25519
//! with `--x25519` (`AGE-SECRET-KEY-1…`, readable by `age`, `rage` and
//! `age-keygen -y`).
//!
//! The file holds `# public key: age1…` (or `age1pq1…`) and the secret line, no
//! creation time. It is created with mode 0600, and with `create_new` unless
//! `--force` (which removes the old file first, so a symbolic link is replaced,
//! never written through). The secret is exposed exactly once, to be written.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use age::secrecy::ExposeSecret;
use zeroize::Zeroizing;

use whistlebox_core::envelope::StanzaType;

use crate::error::Error;
use crate::pq;

/// Writes a new identity of `key_type` to `path` and returns its recipient
/// (`age1pq1…` or `age1…`).
pub fn keygen(path: &Path, force: bool, key_type: StanzaType) -> Result<String, Error> {
    if force {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(Error::OutputExists {
                    path: path.to_path_buf(),
                })
            }
            Ok(_) => fs::remove_file(path).map_err(Error::io("cannot replace", path))?,
            Err(_) => {}
        }
    }
    let (secret, recipient) = match key_type {
        StanzaType::MlKem768X25519 => {
            let identity = pq::Identity::generate();
            (identity.to_string(), identity.to_public().to_string())
        }
        StanzaType::X25519 => {
            let identity = age::x25519::Identity::generate();
            (identity.to_string(), identity.to_public().to_string())
        }
    };

    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::OutputExists {
                path: path.to_path_buf(),
            }
        } else {
            Error::Io {
                context: "cannot create",
                path: path.to_path_buf(),
                source: e,
            }
        }
    })?;
    let text = Zeroizing::new(format!(
        "# public key: {recipient}\n{}\n",
        secret.expose_secret()
    ));
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(Error::io("cannot write", path))?;
    Ok(recipient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_quantum_is_the_default_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pq.key");
        let recipient = keygen(&path, false, StanzaType::MlKem768X25519).unwrap();
        assert!(recipient.starts_with("age1pq1"));
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], format!("# public key: {recipient}"));
        assert!(lines[1].starts_with("AGE-SECRET-KEY-PQ-1"));
        let id: pq::Identity = lines[1].parse().unwrap();
        assert_eq!(id.to_public().to_string(), recipient);
        assert_eq!(crate::identity::load(&[path]).unwrap().len(), 1);
    }

    #[test]
    fn writes_a_readable_0600_key_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("me.key");
        let recipient = keygen(&path, false, StanzaType::X25519).unwrap();
        assert!(recipient.starts_with("age1"));
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], format!("# public key: {recipient}"));
        assert!(lines[1].starts_with("AGE-SECRET-KEY-1"));
        // It parses back to the same recipient.
        let id: age::x25519::Identity = lines[1].parse().unwrap();
        assert_eq!(id.to_public().to_string(), recipient);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(matches!(
            keygen(&path, false, StanzaType::X25519),
            Err(Error::OutputExists { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        let second = keygen(&path, true, StanzaType::X25519).unwrap();
        assert_ne!(second, recipient);
    }

    #[cfg(unix)]
    #[test]
    fn force_replaces_a_symlink_instead_of_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        fs::write(&target, "precious").unwrap();
        let link = dir.path().join("link.key");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(keygen(&link, false, StanzaType::MlKem768X25519).is_err());
        keygen(&link, true, StanzaType::MlKem768X25519).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        assert!(!fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}
