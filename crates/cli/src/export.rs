//! `whistlebox export`: one folder per case, `OUT/<day>-<id>/`, holding
//! `report.json` (case metadata, the manifest with its fields, and the rest of
//! the case's thread), `report.md` or `report.html`, and
//! `attachments/<sanitised name>` (PROTOCOL.md §6).
//!
//! A case is a thread (§8.6, [`crate::thread`]): the report, then the
//! follow-ups, replies and status updates in the order `show` prints them,
//! pulled or still in the outbox. Every item's attachments go to the one
//! `attachments/` folder, their names sanitised and made unique across the
//! whole case in thread order ([`UniqueNames`]), so the report's own files
//! keep the names they had before the thread grew. `export ID` takes any id of
//! the thread; `--all` writes one folder per case, not per object.
//!
//! A case is built in a hidden sibling folder `OUT/.<day>-<id>.partial` and
//! renamed into place only when every item's attachments (size, SHA-256) and
//! padding were verified, so a failed export leaves nothing behind. Files are
//! created with `create_new` (mode 0600; folders 0700), which never follows a
//! symbolic link; names come from [`crate::sanitize`], so nothing is written
//! outside `OUT`.

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use whistlebox_core::report::{Manifest, Reader};

use crate::error::{Error, ExitCode};
use crate::identity::Identities;
use crate::open::{container_error, decrypt_file};
use crate::plan::{ExportPlan, Format, Target};
use crate::render;
use crate::sanitize::UniqueNames;
use crate::store::{ObjectMeta, Store, StoredObject};
use crate::thread::{assemble, EntryJson, Thread, Unreadable};

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

/// A later item of the thread in `report.json`: what `show --json` gives,
/// and where its attachments were saved.
#[derive(Debug, Serialize)]
struct ThreadItem<'a> {
    #[serde(flatten)]
    item: EntryJson<'a>,
    attachments: Vec<ExportedFile<'a>>,
}

/// The content of `report.json`.
#[derive(Debug, Serialize)]
struct ReportJson<'a> {
    case: &'a ObjectMeta,
    /// A follow-up without its report (§8.6); omitted when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    orphan: bool,
    manifest: &'a Manifest,
    attachments: Vec<ExportedFile<'a>>,
    /// The later items in order; empty for a thread of one.
    thread: Vec<ThreadItem<'a>>,
}

fn exported_files<'a>(manifest: &'a Manifest, files: &[String]) -> Vec<ExportedFile<'a>> {
    manifest
        .attachments
        .iter()
        .zip(files)
        .map(|(a, f)| ExportedFile {
            name: &a.name,
            path: format!("attachments/{f}"),
            media_type: &a.media_type,
            size: a.size,
            sha256: &a.sha256,
        })
        .collect()
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

/// Writes a new file (mode 0600; never replacing anything, never through a link).
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
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

/// Decrypts one thread item (the age file at `path`, named `id` in errors),
/// copies its attachments into `attachments` under the case's next unique
/// names, and reads the container to its end (padding included). Returns the
/// verified manifest and the names used.
fn write_item(
    path: &Path,
    id: &str,
    identities: &Identities,
    attachments: &Path,
    names: &mut UniqueNames,
) -> Result<(Manifest, Vec<String>), Error> {
    let plain = decrypt_file(path, id, identities)?;
    let mut reader = Reader::new(plain).map_err(|e| container_error(id, e))?;
    let manifest = reader.manifest().clone();
    let files: Vec<String> = manifest
        .attachments
        .iter()
        .map(|a| names.next(&a.name))
        .collect();
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
    Ok((manifest, files))
}

/// Writes the case's files into `dir` (a fresh, empty folder); `head` is the
/// thread's first item, pulled. Returns the number of attachments.
fn write_case(
    thread: &Thread,
    head: &ObjectMeta,
    identities: &Identities,
    format: Format,
    dir: &Path,
) -> Result<usize, Error> {
    let attachments = dir.join("attachments");
    create_dir(&attachments)?;
    let mut names = UniqueNames::new();
    let opened = thread
        .entries
        .iter()
        .map(|entry| {
            let (path, id) = entry.source();
            write_item(path, &id, identities, &attachments, &mut names)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let (manifest, files) = &opened[0];
    let items: Vec<render::Item<'_>> = thread
        .entries
        .iter()
        .zip(&opened)
        .enumerate()
        .skip(1)
        .map(|(i, (entry, (manifest, files)))| render::Item {
            n: i + 1,
            entry,
            manifest,
            files,
        })
        .collect();

    let listing = ReportJson {
        case: head,
        orphan: thread.orphan,
        manifest,
        attachments: exported_files(manifest, files),
        thread: items
            .iter()
            .map(|i| ThreadItem {
                item: i.entry.json(i.manifest),
                attachments: exported_files(i.manifest, i.files),
            })
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&listing).expect("report serialises");
    json.push(b'\n');
    write_new(&dir.join("report.json"), &json)?;
    let case = render::Case {
        meta: head,
        manifest,
        files,
        orphan: thread.orphan,
        thread: &items,
    };
    match format {
        Format::Json => {}
        Format::Markdown => write_new(&dir.join("report.md"), render::markdown(&case).as_bytes())?,
        Format::Html => write_new(&dir.join("report.html"), render::html(&case).as_bytes())?,
    }
    Ok(opened.iter().map(|(_, files)| files.len()).sum())
}

/// One case as `export` finds it.
enum Found<'a> {
    /// A case these identities read: its thread and the pulled object heading it.
    Thread(&'a Thread, &'a StoredObject),
    /// A stored object they cannot read, and why.
    Unreadable(Box<Unreadable>),
}

impl Found<'_> {
    /// The object the case folder is named after.
    fn object(&self) -> &StoredObject {
        match self {
            Found::Thread(_, head) => head,
            Found::Unreadable(u) => &u.object,
        }
    }
}

/// The pulled object heading a thread: the report, or an orphan's first
/// pulled item. (Only a thread of outbox items alone has none.)
fn head_object(thread: &Thread) -> Option<&StoredObject> {
    thread.head().object.as_ref()
}

/// The outcome of exporting one case.
#[derive(Debug)]
enum Outcome {
    Exported {
        dir: PathBuf,
        files: usize,
        items: usize,
    },
    Exists(PathBuf),
}

fn export_case(
    found: Found<'_>,
    identities: &Identities,
    format: Format,
    out: &Path,
    force: bool,
) -> Result<Outcome, Error> {
    let meta = &found.object().meta;
    let folder = format!("{}-{}", meta.day, meta.id);
    let target = out.join(&folder);
    let exists = match fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => return Err(Error::Symlink { path: target }),
        Ok(_) => true,
        Err(_) => false,
    };
    if exists && !force {
        return Ok(Outcome::Exists(target));
    }
    // A case that is not ours (or whose header is damaged) creates nothing.
    let (thread, head) = match found {
        Found::Thread(thread, head) => (thread, head),
        Found::Unreadable(u) => return Err(u.error),
    };
    fs::create_dir_all(out).map_err(Error::io("cannot create", out))?;
    let partial = out.join(format!(".{folder}.partial"));
    remove_any(&partial); // left over from an interrupted export
    create_dir(&partial)?;
    let files = match write_case(thread, &head.meta, identities, format, &partial) {
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
    Ok(Outcome::Exported {
        dir: target,
        files,
        items: thread.entries.len(),
    })
}

fn exported_line(id: &str, dir: &Path, files: usize, items: usize) -> String {
    let later = match items {
        0 | 1 => String::new(),
        2 => "and 1 later item ".to_string(),
        n => format!("and {} later items ", n - 1),
    };
    format!(
        "exported case {id} {later}({files} attachments) to {}",
        dir.display()
    )
}

/// Runs `export`: finds the cases, then loads the identities, then writes.
pub fn run(plan: &ExportPlan, store: &Store, stdout: &mut dyn Write) -> Result<(), Error> {
    // Look the case up first: a wrong id is reported before any key is read.
    let wanted = match &plan.target {
        Target::One(prefix) => Some(store.find(prefix)?),
        Target::All => {
            store.objects()?;
            None
        }
    };
    crate::summary::refuse_inside_store(store.root(), &plan.out)?;
    let identities = &crate::identity::load(&plan.identities)?;
    if plan.out.exists() && !plan.out.is_dir() {
        return Err(Error::OutputExists {
            path: plan.out.clone(),
        });
    }
    let threads = assemble(store, identities)?;

    if let Some(object) = wanted {
        let id = object.meta.id.clone();
        let found = match threads
            .threads
            .iter()
            .find(|t| t.holds_object(&id))
            .and_then(|t| head_object(t).map(|head| (t, head)))
        {
            Some((thread, head)) => Found::Thread(thread, head),
            None => Found::Unreadable(Box::new(
                threads
                    .unreadable
                    .into_iter()
                    .find(|u| u.object.meta.id == id)
                    .unwrap_or(Unreadable {
                        error: Error::NotAddressed { id },
                        object,
                    }),
            )),
        };
        let case = found.object().meta.id.clone();
        return match export_case(found, identities, plan.format, &plan.out, plan.force)? {
            Outcome::Exported { dir, files, items } => {
                writeln!(stdout, "{}", exported_line(&case, &dir, files, items))
                    .map_err(Error::Stdout)
            }
            Outcome::Exists(path) => Err(Error::OutputExists { path }),
        };
    }

    let mut cases: Vec<Found<'_>> = threads
        .threads
        .iter()
        .filter_map(|t| head_object(t).map(|head| Found::Thread(t, head)))
        .collect();
    let outbox_only = threads.threads.len() - cases.len();
    if outbox_only > 0 {
        eprintln!(
            "note: {outbox_only} thread(s) of outbox items alone were not exported: their case is not in this store"
        );
    }
    cases.extend(
        threads
            .unreadable
            .into_iter()
            .map(|u| Found::Unreadable(Box::new(u))),
    );
    cases.sort_by_key(|c| c.object().meta.seq);
    let total = cases.len();

    let (mut exported, mut existing, mut not_addressed, mut failed) = (0, 0, 0, 0);
    let mut worst = ExitCode::Ok;
    let bar = crate::term::progress(total as u64, "exporting cases");
    for found in cases {
        let id = found.object().meta.id.clone();
        let outcome = export_case(found, identities, plan.format, &plan.out, plan.force);
        bar.inc(1);
        match outcome {
            Ok(Outcome::Exported { dir, files, items }) => {
                exported += 1;
                bar.suspend(|| writeln!(stdout, "{}", exported_line(&id, &dir, files, items)))
                    .map_err(Error::Stdout)?;
            }
            Ok(Outcome::Exists(path)) => {
                existing += 1;
                bar.suspend(|| {
                    eprintln!("skipped case {id}: already exported to {}", path.display());
                });
            }
            Err(Error::NotAddressed { .. }) => {
                not_addressed += 1;
                bar.suspend(|| eprintln!("skipped case {id}: not addressed to you"));
            }
            Err(e) => {
                failed += 1;
                if e.exit_code().code() > worst.code() {
                    worst = e.exit_code();
                }
                bar.suspend(|| crate::term::error(&e));
            }
        }
    }
    bar.finish_and_clear();
    eprintln!(
        "exported {exported} of {total} cases to {}{}{}",
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
            total,
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
