//! `whistlebox decrypt -i KEY [-o OUT] [FILE]`: decrypts one age file —
//! binary or ASCII-armored, to X25519 or post-quantum recipients — through the
//! same [`open`](crate::open) path that cases use, for investigators and
//! auditors handed a single file (and so the official age test vectors run
//! through the shipped binary, `tests/tests/cctv.rs`).
//!
//! Any failure — no matching key, a malformed header or armor, a wrong MAC, a
//! damaged, truncated or over-long payload — exits non-zero. To standard
//! output the plaintext is streamed as each chunk is authenticated, so a
//! failure may come after some output (which must then be discarded, as with
//! `age`); to `-o OUT` it is written to a temporary file beside OUT (mode
//! 0600) that becomes OUT only once the whole file decrypted — a failure
//! leaves no OUT.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::Error;
use crate::identity;
use crate::open::{open_reader, OpenError};
use crate::plan::DecryptPlan;

/// What errors call the input.
fn input_name(input: &Option<PathBuf>) -> String {
    match input {
        Some(p) => p.display().to_string(),
        None => "standard input".into(),
    }
}

/// Copies the plaintext to `out`, telling a damaged payload (a read error)
/// from a failed write.
fn copy(
    plain: &mut dyn Read,
    out: &mut dyn Write,
    name: &str,
    write_err: &dyn Fn(io::Error) -> Error,
) -> Result<u64, Error> {
    let mut buf = Zeroizing::new(vec![0u8; 64 * 1024]);
    let mut total = 0u64;
    loop {
        let n = match plain.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Error::FileDamaged {
                    name: name.to_string(),
                    reason: format!(
                        "the payload is damaged, truncated or followed by extra bytes ({e})"
                    ),
                })
            }
        };
        out.write_all(&buf[..n]).map_err(write_err)?;
        total += n as u64;
    }
}

/// A temporary file beside `out`, removed on drop unless kept.
struct Temp {
    path: PathBuf,
    keep: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn create_temp(out: &Path) -> Result<(File, Temp), Error> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    for _ in 0..16 {
        let mut nonce = [0u8; 8];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
        let path = dir.join(format!(".{base}.{}.partial", hex::encode(nonce)));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(f) => return Ok((f, Temp { path, keep: false })),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("cannot create a file beside", out)(e)),
        }
    }
    Err(Error::io("cannot create a file beside", out)(
        io::Error::other("no free temporary name"),
    ))
}

/// Whether `out` exists (a symbolic link counts, even a dangling one).
fn exists(out: &Path) -> bool {
    fs::symlink_metadata(out).is_ok()
}

/// Runs `decrypt`.
pub fn run(plan: &DecryptPlan, stdout: &mut dyn Write) -> Result<(), Error> {
    // The output first: an existing OUT is refused before any key is read.
    if let Some(out) = &plan.output {
        if exists(out) {
            if !plan.force {
                return Err(Error::OutputExists { path: out.clone() });
            }
            if fs::metadata(out).is_ok_and(|m| m.is_dir()) {
                return Err(Error::OutputExists { path: out.clone() });
            }
        }
    }
    let identities = identity::load(&plan.identities)?;
    let name = input_name(&plan.input);
    let input: Box<dyn Read> = match &plan.input {
        Some(path) => Box::new(File::open(path).map_err(Error::io("cannot open", path))?),
        None => Box::new(io::stdin().lock()),
    };
    let mut plain = open_reader(input, &identities).map_err(|e| match e {
        OpenError::NotAddressed => Error::FileNotAddressed { name: name.clone() },
        OpenError::Damaged(reason) => Error::FileDamaged {
            name: name.clone(),
            reason,
        },
    })?;
    match &plan.output {
        None => {
            copy(&mut plain, stdout, &name, &Error::Stdout)?;
            Ok(())
        }
        Some(out) => {
            let (mut file, mut temp) = create_temp(out)?;
            let write_err = |e| Error::io("cannot write", &temp.path)(e);
            copy(&mut plain, &mut file, &name, &write_err)?;
            file.sync_all()
                .map_err(Error::io("cannot write", &temp.path))?;
            drop(file);
            if plan.force {
                fs::rename(&temp.path, out).map_err(Error::io("cannot write", out))?;
            } else {
                // A hard link never replaces a file that appeared meanwhile.
                fs::hard_link(&temp.path, out).map_err(|e| {
                    if e.kind() == io::ErrorKind::AlreadyExists {
                        Error::OutputExists { path: out.clone() }
                    } else {
                        Error::io("cannot write", out)(e)
                    }
                })?;
                fs::remove_file(&temp.path).map_err(Error::io("cannot remove", &temp.path))?;
            }
            temp.keep = true;
            Ok(())
        }
    }
}
