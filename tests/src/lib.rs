//! Harness for Whistlebox's workspace-level end-to-end tests.
//!
//! The tests in `tests/tests/` drive the real programs the way a deployer,
//! reporter and investigator would: the `whistlebox-relay` binary on
//! `127.0.0.1:0` with a real sled database on disk, the Node client
//! (`web/scripts/submit.mjs`, typage + our container encoder) and the
//! `whistlebox` CLI. This module finds the binaries, starts and stops the relay,
//! and captures everything it prints so tests can scan it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

/// The workspace root (the folder holding the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Path of a workspace binary built in the same profile as the running test.
///
/// Test binaries live in `target/<profile>/deps/`; the workspace binaries one
/// level up. `tests/run.sh` builds them before running the tests.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test binary lives in target/<profile>/deps");
    let path = profile_dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: build the workspace binaries first (`cargo build --workspace --bins`, \
         or `--release` for benches); `bash tests/run.sh` does this",
        path.display()
    );
    path
}

/// The example team keyset (`keys/team.toml`), whose secret keys are test fixtures.
pub fn example_team() -> PathBuf {
    workspace_root().join("keys/team.toml")
}

/// Secret key file of an example investigator (`alice`, `bob` or `carol`).
pub fn fixture_key(id: &str) -> PathBuf {
    workspace_root().join(format!("tests/fixtures/keys/{id}.key"))
}

/// Lowercase hex SHA-256 of a byte string.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Lowercase hex SHA-256 of a file's contents.
pub fn sha256_file(path: &Path) -> String {
    sha256_hex(&std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display())))
}

/// The proof-of-work difficulty of the relays the end-to-end tests start:
/// on, so that every write takes the real path, but cheap (PROTOCOL.md §9).
pub const TEST_POW_BITS: u8 = 4;

/// A `Whistlebox-Pow` header value solving the challenge of `issued`, the
/// JSON answer of `POST /api/pow` (PROTOCOL.md §9).
pub fn solve_pow(issued: &serde_json::Value) -> String {
    use base64::Engine;
    let text = issued["challenge"].as_str().expect("challenge");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url challenge");
    let challenge = whistlebox_core::pow::Challenge::from_bytes(&bytes).expect("challenge");
    whistlebox_core::pow::solve(&challenge).header_value()
}

/// A running `whistlebox-relay serve` process. Killed when dropped.
#[derive(Debug)]
pub struct Relay {
    /// Base URL, e.g. `http://127.0.0.1:40123`.
    pub url: String,
    /// Everything the process wrote on stdout and stderr, line by line.
    pub output: Arc<Mutex<Vec<String>>>,
    child: Child,
    readers: Vec<JoinHandle<()>>,
}

impl Relay {
    /// Starts the relay binary on `127.0.0.1:0` with the given data dir and
    /// team, and waits until it prints the address it listens on.
    pub fn start(data: &Path, team: &Path) -> Relay {
        Self::start_with(data, team, &[])
    }

    /// Like [`Relay::start`], with extra `serve` flags.
    pub fn start_with(data: &Path, team: &Path, extra: &[&str]) -> Relay {
        Self::start_logging(data, team, extra, "info")
    }

    /// Like [`Relay::start_with`], with a `RUST_LOG` filter (e.g. `trace`).
    /// The proof of work is on at [`TEST_POW_BITS`] unless `extra` sets
    /// `--pow-bits` (PROTOCOL.md §9).
    pub fn start_logging(data: &Path, team: &Path, extra: &[&str], rust_log: &str) -> Relay {
        let bits = TEST_POW_BITS.to_string();
        let pow: &[&str] = if extra.contains(&"--pow-bits") {
            &[]
        } else {
            &["--pow-bits", &bits]
        };
        let mut child = Command::new(bin("whistlebox-relay"))
            .arg("serve")
            .arg("--data")
            .arg(data)
            .arg("--team")
            .arg(team)
            .args(["--listen", "127.0.0.1:0"])
            .args(pow)
            .args(extra)
            .env("RUST_LOG", rust_log)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn whistlebox-relay");
        let output = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let mut readers = vec![spawn_collector(stderr, output.clone())];
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut url = None;
        let mut line = String::new();
        while url.is_none() {
            line.clear();
            let n = stdout.read_line(&mut line).expect("read relay stdout");
            if n == 0 {
                let _ = child.wait();
                panic!(
                    "relay exited before listening; output: {:?}",
                    output.lock().unwrap()
                );
            }
            output.lock().unwrap().push(line.trim_end().to_owned());
            if let Some(rest) = line.trim().strip_prefix("whistlebox-relay listening on ") {
                url = Some(rest.to_owned());
            }
        }
        readers.push(spawn_collector(stdout, output.clone()));
        Relay {
            url: url.expect("url"),
            output,
            child,
            readers,
        }
    }

    /// The relay process's id (for reading its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGKILL (no shutdown handler runs) and waits for the process.
    pub fn kill9(mut self) -> Vec<String> {
        self.child.kill().expect("kill -9 relay");
        self.child.wait().expect("wait relay");
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        self.output.lock().unwrap().clone()
    }

    /// Sends SIGTERM, waits for a clean exit, and returns everything printed.
    pub fn stop(mut self) -> Vec<String> {
        // The shell's built-in `kill`: no dependency on procps.
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -TERM {}", self.child.id()))
            .status()
            .expect("run sh -c kill");
        assert!(status.success(), "kill -TERM failed");
        let exit = self.child.wait().expect("wait relay");
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        assert!(exit.success(), "relay did not exit cleanly: {exit}");
        self.output.lock().unwrap().clone()
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_collector<R: Read + Send + 'static>(
    stream: R,
    sink: Arc<Mutex<Vec<String>>>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            match line {
                Ok(line) => sink.lock().unwrap().push(line),
                Err(_) => break,
            }
        }
    })
}

/// Creates an investigator pull token for `data` and writes it to `file`.
pub fn create_token(data: &Path, file: &Path) -> String {
    let out = Command::new(bin("whistlebox-relay"))
        .args(["token", "create", "--data"])
        .arg(data)
        .output()
        .expect("run token create");
    assert_success(&out, "whistlebox-relay token create");
    let token = String::from_utf8(out.stdout).expect("utf-8 token");
    let token = token.trim().to_owned();
    std::fs::write(file, &token).expect("write token file");
    token
}

/// Runs the `whistlebox` CLI with `args` and returns its output (not checked).
pub fn cli(args: &[&str]) -> Output {
    Command::new(bin("whistlebox"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run whistlebox")
}

/// Runs the `whistlebox` CLI and asserts it succeeded; returns stdout.
pub fn cli_ok(args: &[&str]) -> String {
    let out = cli(args);
    assert_success(&out, &format!("whistlebox {}", args.join(" ")));
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

/// Asserts that a process exited 0, showing its output otherwise.
pub fn assert_success(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `node web/scripts/submit.mjs` with `args`; returns its output (not checked).
pub fn node_submit(args: &[&str]) -> Output {
    node_script("web/scripts/submit.mjs", args)
}

/// Runs `node SCRIPT ARGS` (a path under the workspace root) with stdin
/// closed, once `web/node_modules` is installed; returns its output (not checked).
fn node_script(script: &str, args: &[&str]) -> Output {
    let root = workspace_root();
    assert!(
        root.join("web/node_modules/age-encryption").exists(),
        "web/node_modules is missing: run `npm ci --ignore-scripts` in web/ (`bash tests/run.sh` does)"
    );
    Command::new("node")
        .arg(root.join(script))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run node (is Node.js 20 installed?)")
}

/// Submits a report through the Node client and returns the relay's `{"id","day"}` answer.
pub fn node_submit_ok(args: &[&str]) -> serde_json::Value {
    let out = node_submit(args);
    assert_success(&out, &format!("node submit.mjs {}", args.join(" ")));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let line = stdout.lines().last().expect("submit.mjs printed a line");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("submit.mjs printed {line:?}: {e}"))
}

/// Every regular file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).unwrap_or_else(|e| panic!("read_dir {}: {e}", d.display()))
        {
            let entry = entry.expect("dir entry");
            let ty = entry.file_type().expect("file type");
            if ty.is_dir() {
                stack.push(entry.path());
            } else if ty.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// Runs `node web/scripts/mailbox.mjs` (the reporter's mailbox: read, or
/// `--followup-message` to send a follow-up) with `args`; returns its output
/// (not checked).
pub fn node_mailbox(args: &[&str]) -> Output {
    node_script("web/scripts/mailbox.mjs", args)
}

/// Runs `mailbox.mjs`, asserts it succeeded, and parses the JSON line it printed.
pub fn node_mailbox_ok(args: &[&str]) -> serde_json::Value {
    let out = node_mailbox(args);
    // The codename is a credential: never echo it into a failure message.
    let shown: Vec<&str> = args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if i > 0 && args[i - 1] == "--codename" {
                "<codename>"
            } else {
                a
            }
        })
        .collect();
    assert_success(&out, &format!("node mailbox.mjs {}", shown.join(" ")));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let line = stdout.lines().last().expect("mailbox.mjs printed a line");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("mailbox.mjs printed {line:?}: {e}"))
}

/// A path as `&str` for a command line (test paths are UTF-8).
pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The scratch folders of one end-to-end test, in a temporary directory
/// removed on drop: the relay's `data`, the investigator's `store`, the pull
/// `token` file and a `work` folder (created) for attachments and exports.
#[derive(Debug)]
pub struct Scratch {
    _tmp: tempfile::TempDir,
    /// The relay's data dir (`serve --data`).
    pub data: PathBuf,
    /// The CLI's local store (`--store`).
    pub store: PathBuf,
    /// The investigator pull token file (`--token-file`).
    pub token: PathBuf,
    /// A created folder for the test's own files.
    pub work: PathBuf,
}

impl Scratch {
    /// Makes the temporary directory and its `work` folder.
    pub fn new() -> Scratch {
        let tmp = tempfile::tempdir().expect("tempdir");
        let base = tmp.path().to_path_buf();
        let work = base.join("work");
        std::fs::create_dir_all(&work).unwrap();
        Scratch {
            data: base.join("data"),
            store: base.join("store"),
            token: base.join("token"),
            work,
            _tmp: tmp,
        }
    }

    /// Starts the relay on `data` with `team` and writes a pull token to `token`.
    pub fn start_relay(&self, team: &Path) -> Relay {
        let relay = Relay::start(&self.data, team);
        create_token(&self.data, &self.token);
        relay
    }

    /// `whistlebox pull` from `relay` into `store` (with `extra` flags);
    /// asserts success and returns stdout.
    pub fn pull_with(&self, relay: &Relay, extra: &[&str]) -> String {
        let mut args = self.relay_args("pull", relay);
        args.extend_from_slice(extra);
        cli_ok(&args)
    }

    /// `whistlebox pull` from `relay` into `store`; asserts success, returns stdout.
    pub fn pull(&self, relay: &Relay) -> String {
        self.pull_with(relay, &[])
    }

    /// `whistlebox push` of `store`'s outbox to `relay`; returns its output (not checked).
    pub fn push_output(&self, relay: &Relay) -> Output {
        cli(&self.relay_args("push", relay))
    }

    /// `whistlebox push` of `store`'s outbox to `relay`; asserts success, returns stdout.
    pub fn push(&self, relay: &Relay) -> String {
        cli_ok(&self.relay_args("push", relay))
    }

    /// `CMD --relay URL --token-file TOKEN --store STORE`.
    fn relay_args<'a>(&'a self, cmd: &'a str, relay: &'a Relay) -> Vec<&'a str> {
        vec![
            cmd,
            "--relay",
            &relay.url,
            "--token-file",
            path_str(&self.token),
            "--store",
            path_str(&self.store),
        ]
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the reporter's mailbox at `relay` with `codename` (`mailbox.mjs`),
/// asserting success; returns the JSON it printed.
pub fn read_mailbox(relay: &Relay, codename: &str) -> serde_json::Value {
    node_mailbox_ok(&["--relay", &relay.url, "--codename", codename])
}

/// Submits a report under a fresh codename (`submit.mjs --new-codename`,
/// then `rest`) and returns the relay's answer with the `"codename"`.
pub fn node_submit_with_codename(relay: &Relay, rest: &[&str]) -> serde_json::Value {
    let mut args = vec!["--relay", relay.url.as_str(), "--new-codename"];
    args.extend_from_slice(rest);
    node_submit_ok(&args)
}

/// The string at `key` of a JSON object (e.g. a submit answer's `"id"`), owned.
pub fn json_str(value: &serde_json::Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string {key:?} in {value}"))
        .to_string()
}

impl Scratch {
    /// The command line `HEAD... --store STORE -i KEY TAIL...` of an
    /// investigator command (`show`, `reply`, `status`, `export`, `cases`) on
    /// this store with the secret key file `key`.
    pub fn store_args<'a>(
        &'a self,
        key: &'a Path,
        head: &[&'a str],
        tail: &[&'a str],
    ) -> Vec<&'a str> {
        let mut args = head.to_vec();
        args.extend(["--store", path_str(&self.store), "-i", path_str(key)]);
        args.extend_from_slice(tail);
        args
    }
}
