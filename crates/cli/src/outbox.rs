//! The outbox (PROTOCOL.md §8.7): replies and status updates written offline
//! by `reply` and `status`, sent later by `push` on the online machine.
//!
//! ```text
//! STORE/outbox/<case id>-<n, 4 digits>.age    the ciphertext to send
//! STORE/outbox/<case id>-<n, 4 digits>.json   {"case","n","kind","day","pushed"}
//! ```
//!
//! Files are written like `pull`'s: a temporary name, sync, rename, the
//! `.json` last, then the directory is synced. An `.age` without its `.json`
//! is an interrupted write and is not an item; its number is used again.
//! `pushed` is `null` until the relay answered `201`, then `{"id","day"}` of
//! that answer; it is recorded by replacing the `.json` the same way.
//! Everything read from a `.json` is validated before it is used in a path.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::store::{is_day, is_object_id, load_meta, meta_stems, sync_dir, MetaFile};

/// The largest item number (4 digits).
pub const MAX_N: u32 = 9_999;

/// Where the relay filed a pushed item (its `201` answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pushed {
    /// The relay's object id.
    pub id: String,
    /// The relay's day.
    pub day: String,
}

/// The `.json` beside an outbox item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxMeta {
    /// The relay object the item is filed beside (the case's report).
    pub case: String,
    /// The item's number for this case, from 1.
    pub n: u32,
    /// `reply` or `status`.
    pub kind: String,
    /// The day it was written (UTC).
    pub day: String,
    /// `null` until pushed.
    pub pushed: Option<Pushed>,
}

impl OutboxMeta {
    /// Checks every field that ends up in a path, a URL or on a terminal.
    pub fn validate(&self) -> Result<(), String> {
        if !is_object_id(&self.case) {
            return Err("the case is not 32 lowercase hex digits".into());
        }
        if self.n == 0 || self.n > MAX_N {
            return Err(format!("n {} is not between 1 and {MAX_N}", self.n));
        }
        if self.kind != "reply" && self.kind != "status" {
            return Err("the kind is neither reply nor status".into());
        }
        if !is_day(&self.day) {
            return Err("the day is not a YYYY-MM-DD date".into());
        }
        if let Some(p) = &self.pushed {
            if !is_object_id(&p.id) || !is_day(&p.day) {
                return Err("pushed is not {\"id\": 32 hex digits, \"day\": YYYY-MM-DD}".into());
            }
        }
        Ok(())
    }

    /// The file stem `<case>-<n, 4 digits>`.
    pub fn stem(&self) -> String {
        format!("{}-{:04}", self.case, self.n)
    }
}

impl MetaFile for OutboxMeta {
    fn check(&self) -> Result<(), String> {
        self.validate()
    }

    fn file_stem(&self) -> String {
        self.stem()
    }

    fn described(&self) -> String {
        format!("item {} of case {}", self.n, self.case)
    }
}

/// One complete outbox item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxItem {
    /// Its metadata.
    pub meta: OutboxMeta,
    /// The ciphertext file.
    pub body: PathBuf,
    /// The ciphertext size.
    pub size: u64,
}

/// A store's outbox folder (which need not exist yet).
#[derive(Clone, Debug)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox of the store at `root`.
    pub fn of(root: &Path) -> Outbox {
        Outbox {
            dir: root.join("outbox"),
        }
    }

    /// The outbox folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every complete item, by case then number.
    pub fn items(&self) -> Result<Vec<OutboxItem>, Error> {
        let stems = match meta_stems(&self.dir) {
            Ok(stems) => stems,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("cannot list", &self.dir)(e)),
        };
        let mut items = stems
            .iter()
            .map(|stem| self.load(stem))
            .collect::<Result<Vec<_>, _>>()?;
        items.sort_by(|a, b| (&a.meta.case, a.meta.n).cmp(&(&b.meta.case, b.meta.n)));
        Ok(items)
    }

    fn load(&self, stem: &str) -> Result<OutboxItem, Error> {
        let (meta, body, size) = load_meta::<OutboxMeta>(&self.dir, stem)?;
        Ok(OutboxItem { meta, body, size })
    }

    /// The number the next item of `case` gets: one more than the highest
    /// complete item's.
    pub fn next_n(&self, case: &str) -> Result<u32, Error> {
        let highest = self
            .items()?
            .iter()
            .filter(|i| i.meta.case == case)
            .map(|i| i.meta.n)
            .max()
            .unwrap_or(0);
        if highest >= MAX_N {
            return Err(Error::Usage {
                what: format!("case {case} already has {MAX_N} outbox items"),
                hint: "push and archive the outbox; no case needs more messages than this".into(),
            });
        }
        Ok(highest + 1)
    }

    /// Writes a new item: `body` fills the temporary ciphertext file (and
    /// checks it); only if it succeeds is the file synced and renamed, and the
    /// `.json` written after it. On any failure nothing is left behind.
    pub fn write(
        &self,
        meta: &OutboxMeta,
        body: impl FnOnce(&mut File) -> Result<(), Error>,
    ) -> Result<OutboxItem, Error> {
        debug_assert!(meta.validate().is_ok());
        create_private_dir(&self.dir)?;
        let stem = meta.stem();
        let part = self.dir.join(format!(".{stem}.age.part"));
        let mut file = private_file(&part)?;
        let written =
            body(&mut file).and_then(|()| file.sync_all().map_err(Error::io("cannot sync", &part)));
        drop(file);
        if let Err(e) = written {
            let _ = fs::remove_file(&part);
            return Err(e);
        }
        let target = self.dir.join(format!("{stem}.age"));
        if let Err(e) = fs::rename(&part, &target) {
            let _ = fs::remove_file(&part);
            return Err(Error::io("cannot rename", &part)(e));
        }
        self.write_meta(meta)?;
        let size = fs::metadata(&target)
            .map_err(Error::io("cannot read", &target))?
            .len();
        Ok(OutboxItem {
            meta: meta.clone(),
            body: target,
            size,
        })
    }

    /// Records that `item` was pushed: replaces its `.json` atomically.
    pub fn mark_pushed(&self, item: &OutboxItem, pushed: Pushed) -> Result<OutboxItem, Error> {
        let mut meta = item.meta.clone();
        meta.pushed = Some(pushed);
        meta.validate().map_err(|reason| Error::RelayProtocol {
            what: "the push answer".into(),
            reason,
        })?;
        self.write_meta(&meta)?;
        Ok(OutboxItem {
            meta,
            ..item.clone()
        })
    }

    fn write_meta(&self, meta: &OutboxMeta) -> Result<(), Error> {
        let stem = meta.stem();
        let part = self.dir.join(format!(".{stem}.json.part"));
        let mut text = serde_json::to_vec(meta).expect("OutboxMeta serialises");
        text.push(b'\n');
        let mut f = private_file(&part)?;
        let written = f
            .write_all(&text)
            .and_then(|()| f.sync_all())
            .map_err(Error::io("cannot write", &part));
        drop(f);
        if let Err(e) = written {
            let _ = fs::remove_file(&part);
            return Err(e);
        }
        let json = self.dir.join(format!("{stem}.json"));
        fs::rename(&part, &json).map_err(Error::io("cannot rename", &part))?;
        sync_dir(&self.dir)
    }
}

fn create_private_dir(dir: &Path) -> Result<(), Error> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(Error::io("cannot create", dir))
}

/// Opens a temporary file (mode 0600), replacing one left by an interrupted
/// write; a symbolic link there is removed, never followed.
fn private_file(path: &Path) -> Result<File, Error> {
    if fs::symlink_metadata(path).is_ok() {
        fs::remove_file(path).map_err(Error::io("cannot replace", path))?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(Error::io("cannot create", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(case: &str, n: u32) -> OutboxMeta {
        OutboxMeta {
            case: case.into(),
            n,
            kind: "reply".into(),
            day: "2025-03-14".into(),
            pushed: None,
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn write_list_number_and_mark_pushed() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::of(dir.path());
        assert!(outbox.items().unwrap().is_empty());
        let a = "a".repeat(32);
        let b = "b".repeat(32);
        assert_eq!(outbox.next_n(&a).unwrap(), 1);
        let write = |m: &OutboxMeta, bytes: &'static [u8]| {
            outbox
                .write(m, |f| {
                    f.write_all(bytes)
                        .map_err(Error::io("cannot write", Path::new("x")))
                })
                .unwrap()
        };
        write(&meta(&b, 1), b"bb");
        let first = write(&meta(&a, 1), b"one");
        assert_eq!(outbox.next_n(&a).unwrap(), 2);
        write(&meta(&a, 2), b"two!");
        let items = outbox.items().unwrap();
        let order: Vec<(String, u32, u64)> = items
            .iter()
            .map(|i| (i.meta.case.clone(), i.meta.n, i.size))
            .collect();
        assert_eq!(
            order,
            [(a.clone(), 1, 3), (a.clone(), 2, 4), (b.clone(), 1, 2)]
        );
        assert_eq!(
            fs::read_to_string(dir.path().join(format!("outbox/{a}-0001.json"))).unwrap(),
            format!("{{\"case\":\"{a}\",\"n\":1,\"kind\":\"reply\",\"day\":\"2025-03-14\",\"pushed\":null}}\n")
        );
        let pushed = Pushed {
            id: "c".repeat(32),
            day: "2025-03-15".into(),
        };
        outbox.mark_pushed(&first, pushed.clone()).unwrap();
        let again = outbox.items().unwrap();
        assert_eq!(again[0].meta.pushed, Some(pushed));
        assert_eq!(again[1].meta.pushed, None);
        assert!(names(outbox.dir()).iter().all(|n| !n.starts_with('.')));
        // A bad answer is not recorded.
        let bad = Pushed {
            id: "../x".into(),
            day: "2025-03-15".into(),
        };
        assert!(outbox.mark_pushed(&again[1], bad).is_err());
        assert_eq!(outbox.items().unwrap()[1].meta.pushed, None);
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_an_orphan_age_is_not_an_item() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::of(dir.path());
        let a = "a".repeat(32);
        let err = outbox
            .write(&meta(&a, 1), |f| {
                f.write_all(b"half").unwrap();
                Err(Error::Usage {
                    what: "refused".into(),
                    hint: String::new(),
                })
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "refused");
        assert!(names(outbox.dir()).is_empty());
        // An .age without .json (crash before the .json) does not count.
        fs::write(outbox.dir().join(format!("{a}-0001.age")), b"x").unwrap();
        assert!(outbox.items().unwrap().is_empty());
        assert_eq!(outbox.next_n(&a).unwrap(), 1);
    }

    #[test]
    fn hostile_json_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::of(dir.path());
        fs::create_dir_all(outbox.dir()).unwrap();
        let a = "a".repeat(32);
        let stem = format!("{a}-0001");
        fs::write(outbox.dir().join(format!("{stem}.age")), b"x").unwrap();
        let cases = [
            r#"{"case":"../../etc","n":1,"kind":"reply","day":"2025-03-14","pushed":null}"#,
            r#"{"case":"AAAA","n":1,"kind":"reply","day":"2025-03-14","pushed":null}"#,
            r#"{"n":1,"kind":"reply","day":"2025-03-14","pushed":null}"#,
            r#"{"case":"CASE","n":1,"kind":"report","day":"2025-03-14","pushed":null}"#,
            r#"{"case":"CASE","n":2,"kind":"reply","day":"2025-03-14","pushed":null}"#,
            r#"{"case":"CASE","n":1,"kind":"reply","day":"2025-03-14","pushed":null,"x":1}"#,
            r#"{"case":"CASE","n":1,"kind":"reply","day":"2025-03-14","pushed":{"id":"x","day":"2025-03-14"}}"#,
        ];
        for text in cases {
            let text = text.replace("CASE", &a);
            fs::write(outbox.dir().join(format!("{stem}.json")), &text).unwrap();
            assert!(
                matches!(outbox.items(), Err(Error::StoreCorrupt { .. })),
                "{text}"
            );
        }
    }
}
