//! `whistlebox export`: one folder per case, `OUT/<day>-<id>/`, holding
//! `report.json` (case metadata and the manifest with its fields), `report.md`
//! or `report.html`, and `attachments/<sanitised name>` (PROTOCOL.md §6).
//!
//! A case is built in a hidden sibling folder `OUT/.<day>-<id>.partial` and
//! renamed into place only when every attachment's size and SHA-256 and the
//! container's padding were verified, so a failed export leaves nothing
//! behind. Files are created with `create_new` (mode 0600; folders 0700), which
//! never follows a symbolic link; names come from [`crate::sanitize`], so
//! nothing is written outside `OUT`.

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use whistlebox_core::report::{Manifest, Reader};

use crate::error::{Error, ExitCode};
use crate::identity::Identities;
use crate::open::{container_error, decrypt};
use crate::plan::{ExportPlan, Format, Target};
use crate::render;
use crate::sanitize::unique_names;
use crate::store::{ObjectMeta, Store, StoredObject};

/// One exported attachment, as listed in `report.json`.
#[derive(Debug, Serialize)]
struct ExportedFile<'a> {
    /// The name the sender gave (untrusted).
    name: &'a str,
    /// Where it was saved, relative to the case folder.
    path: String,
    #[serde(rename = "type")]
    media_type: &'a str,
    size: u64,
    sha256: &'a str,
}

/// The content of `report.json`.
#[derive(Debug, Serialize)]
struct ReportJson<'a> {
    case: &'a ObjectMeta,
    manifest: &'a Manifest,
    attachments: Vec<ExportedFile<'a>>,
}

fn create_dir(path: &Path) -> Result<(), Error> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).map_err(|e| {
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
    })
}

/// Creates a new file (never following a symbolic link, never replacing anything).
fn create_file(path: &Path) -> Result<File, Error> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        return Err(if meta.file_type().is_symlink() {
            Error::Symlink {
                path: path.to_path_buf(),
            }
        } else {
            Error::OutputExists {
                path: path.to_path_buf(),
            }
        });
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| {
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
    })
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut f = create_file(path)?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(Error::io("cannot write", path))
}

/// Removes a path we created, without following a link.
fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Writes the case's files into `dir` (a fresh, empty folder).
fn write_case(
    object: &StoredObject,
    identities: &Identities,
    format: Format,
    dir: &Path,
) -> Result<usize, Error> {
    let id = &object.meta.id;
    let plain = decrypt(object, identities)?;
    let mut reader = Reader::new(plain).map_err(|e| container_error(id, e))?;
    let manifest = reader.manifest().clone();
    let names: Vec<&str> = manifest
        .attachments
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let files = unique_names(&names);

    let attachments = dir.join("attachments");
    create_dir(&attachments)?;
    for file_name in &files {
        let path = attachments.join(file_name);
        let file = create_file(&path)?;
        let mut out = BufWriter::new(file);
        let copied = reader.copy_next_attachment(&mut out);
        let flushed = match copied {
            Ok(_) => out
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|f| f.sync_all())
                .map_err(Error::io("cannot write", &path)),
            Err(e) => Err(container_error(id, e)),
        };
        if let Err(e) = flushed {
            let _ = fs::remove_file(&path);
            return Err(e);
        }
    }
    reader.finish().map_err(|e| container_error(id, e))?;

    let listing = ReportJson {
        case: &object.meta,
        manifest: &manifest,
        attachments: manifest
            .attachments
            .iter()
            .zip(&files)
            .map(|(a, f)| ExportedFile {
                name: &a.name,
                path: format!("attachments/{f}"),
                media_type: &a.media_type,
                size: a.size,
                sha256: &a.sha256,
            })
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&listing).expect("report serialises");
    json.push(b'\n');
    write_new(&dir.join("report.json"), &json)?;
    match format {
        Format::Json => {}
        Format::Markdown => write_new(
            &dir.join("report.md"),
            render::markdown(&object.meta, &manifest, &files).as_bytes(),
        )?,
        Format::Html => write_new(
            &dir.join("report.html"),
            render::html(&object.meta, &manifest, &files).as_bytes(),
        )?,
    }
    Ok(files.len())
}

/// The outcome of exporting one case.
#[derive(Debug)]
enum Outcome {
    Exported { dir: PathBuf, files: usize },
    Exists(PathBuf),
}

fn export_case(
    object: &StoredObject,
    identities: &Identities,
    format: Format,
    out: &Path,
    force: bool,
) -> Result<Outcome, Error> {
    let folder = format!("{}-{}", object.meta.day, object.meta.id);
    let target = out.join(&folder);
    let exists = match fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => return Err(Error::Symlink { path: target }),
        Ok(_) => true,
        Err(_) => false,
    };
    if exists && !force {
        return Ok(Outcome::Exists(target));
    }
    // Decrypt the header first: a case that is not ours creates nothing.
    drop(decrypt(object, identities)?);
    fs::create_dir_all(out).map_err(Error::io("cannot create", out))?;
    let partial = out.join(format!(".{folder}.partial"));
    remove_any(&partial); // left over from an interrupted export
    create_dir(&partial)?;
    let files = match write_case(object, identities, format, &partial) {
        Ok(n) => n,
        Err(e) => {
            remove_any(&partial);
            return Err(e);
        }
    };
    if exists {
        fs::remove_dir_all(&target).map_err(Error::io("cannot replace", &target))?;
    }
    fs::rename(&partial, &target).map_err(Error::io("cannot rename", &partial))?;
    Ok(Outcome::Exported { dir: target, files })
}

/// Runs `export`: finds the cases, then loads the identities, then writes.
pub fn run(plan: &ExportPlan, store: &Store, stdout: &mut dyn Write) -> Result<(), Error> {
    let objects = match &plan.target {
        Target::One(prefix) => vec![store.find(prefix)?],
        Target::All => store.objects()?,
    };
    let identities = &crate::identity::load(&plan.identities)?;
    if plan.out.exists() && !plan.out.is_dir() {
        return Err(Error::OutputExists {
            path: plan.out.clone(),
        });
    }

    if let Target::One(_) = plan.target {
        let object = &objects[0];
        return match export_case(object, identities, plan.format, &plan.out, plan.force)? {
            Outcome::Exported { dir, files } => writeln!(
                stdout,
                "exported case {} ({files} attachments) to {}",
                object.meta.id,
                dir.display()
            )
            .map_err(Error::Stdout),
            Outcome::Exists(path) => Err(Error::OutputExists { path }),
        };
    }

    let (mut exported, mut existing, mut not_addressed, mut failed) = (0, 0, 0, 0);
    let mut worst = ExitCode::Ok;
    for object in &objects {
        match export_case(object, identities, plan.format, &plan.out, plan.force) {
            Ok(Outcome::Exported { dir, files }) => {
                exported += 1;
                writeln!(
                    stdout,
                    "exported case {} ({files} attachments) to {}",
                    object.meta.id,
                    dir.display()
                )
                .map_err(Error::Stdout)?;
            }
            Ok(Outcome::Exists(path)) => {
                existing += 1;
                eprintln!(
                    "skipped case {}: already exported to {}",
                    object.meta.id,
                    path.display()
                );
            }
            Err(Error::NotAddressed { .. }) => {
                not_addressed += 1;
                eprintln!("skipped case {}: not addressed to you", object.meta.id);
            }
            Err(e) => {
                failed += 1;
                if e.exit_code().code() > worst.code() {
                    worst = e.exit_code();
                }
                crate::term::error(&e);
            }
        }
    }
    eprintln!(
        "exported {exported} of {} cases to {}{}{}",
        objects.len(),
        plan.out.display(),
        if existing > 0 {
            format!("; {existing} already exported (pass --force to replace them)")
        } else {
            String::new()
        },
        if not_addressed > 0 {
            format!("; {not_addressed} not addressed to you")
        } else {
            String::new()
        },
    );
    if failed > 0 {
        return Err(Error::SomeCasesFailed {
            failed,
            total: objects.len(),
            exit: worst,
        });
    }
    if exported == 0 && existing == 0 && not_addressed > 0 {
        return Err(Error::NoCaseForYou {
            count: not_addressed,
        });
    }
    Ok(())
}
