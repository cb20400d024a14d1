//! The real server on 127.0.0.1:0: in-process through `serve`, and the
//! `whistlebox-relay` binary (`serve`, `serve --demo`, `token create`).

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{body, bucket_at_least, write_team, BUCKET_64K};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use whistlebox_core::pow;
use whistlebox_relay::headers::SECURITY_HEADERS;
use whistlebox_relay::{AppState, Config};

/// A response read off the socket.
#[derive(Debug)]
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// A `Whistlebox-Pow` header value solved for a fresh challenge of the
/// relay at `addr` (PROTOCOL.md §9).
async fn pow_header(addr: SocketAddr) -> String {
    let issued = http(addr, "POST", "/api/pow", &[], b"").await;
    assert_eq!(issued.status, 201);
    let text = issued.json()["challenge"].as_str().unwrap().to_owned();
    let bytes = URL_SAFE_NO_PAD.decode(text).unwrap();
    pow::solve(&pow::Challenge::from_bytes(&bytes).unwrap()).header_value()
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`); an
/// anonymous write without a `Whistlebox-Pow` header gets a solved one
/// (PROTOCOL.md §9).
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Raw {
    let needs_pow = method == "POST"
        && common::POW_ROUTES.contains(&path)
        && !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(pow::HEADER));
    let solved = if needs_pow {
        Some(Box::pin(pow_header(addr)).await)
    } else {
        None
    };
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(value) = solved {
        head.push_str(&format!("{}: {value}\r\n", pow::HEADER));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let body = body.to_vec();
    // The server may answer (413) and close before reading the body: a write
    // error is then expected, and the response is still read.
    let sender = tokio::spawn(async move {
        let _ = writer.write_all(&body).await;
        writer
    });
    let mut response = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf).await {
            Ok(0) => break,
            Ok(n) => response.extend_from_slice(&buf[..n]),
            Err(e) if !response.is_empty() => {
                eprintln!("read ended with {e} after {} bytes", response.len());
                break;
            }
            Err(e) => panic!("no response: {e}"),
        }
    }
    drop(sender.await);
    parse(response)
}

fn parse(response: Vec<u8>) -> Raw {
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of response head");
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let mut body = response[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Raw {
        status,
        headers,
        body,
    }
}

/// Sends only a request head declaring `declared` body bytes, and reads the answer.
async fn http_declared(addr: SocketAddr, path: &str, declared: u64) -> Raw {
    let solved = pow_header(addr).await;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {declared}\r\nWhistlebox-Pow: {solved}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    parse(response)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..end]).unwrap(), 16).unwrap();
        raw = &raw[end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

fn assert_clean_headers(reply: &Raw) {
    for forbidden in ["date", "server", "etag", "last-modified", "set-cookie"] {
        assert!(
            reply.header(forbidden).is_none(),
            "{forbidden} on a {} response: {:?}",
            reply.status,
            reply.headers
        );
    }
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(
            reply.header(name),
            Some(value),
            "{name} on a {}",
            reply.status
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_sends_no_date_or_server_header_and_stops_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    write_team(&team, 2);
    let mut config = Config::new(tmp.path().join("data"), &team);
    config.pow_bits = common::TEST_POW_BITS;
    config.max_body_bytes = 8 * 1024 * 1024;
    let state = AppState::open(&config).unwrap();
    let token = whistlebox_relay::tokens::create(&config.data).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(whistlebox_relay::serve(listener, state, async {
        let _ = stopped.await;
    }));

    let health = http(addr, "GET", "/healthz", &[], b"").await;
    assert_eq!(health.status, 200);
    assert_clean_headers(&health);
    assert_clean_headers(&http(addr, "GET", "/nowhere", &[], b"").await);
    assert_clean_headers(&http(addr, "PUT", "/healthz", &[], b"").await);
    let rejected = http(addr, "POST", "/api/reports", &[], b"plaintext").await;
    assert_eq!(rejected.status, 400);
    assert_eq!(rejected.json()["error"], "not_age");
    assert_clean_headers(&rejected);
    let unauthorized = http(addr, "GET", "/api/inbox", &[], b"").await;
    assert_eq!(unauthorized.status, 401);
    assert_clean_headers(&unauthorized);

    // A 5 MiB report over the socket, then read back identical.
    let big = body(2, bucket_at_least(5 * 1024 * 1024));
    let created = http(addr, "POST", "/api/reports", &[], &big).await;
    assert_eq!(
        created.status,
        201,
        "{:?}",
        String::from_utf8_lossy(&created.body)
    );
    assert_clean_headers(&created);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {token}");
    let auth = [("Authorization", bearer.as_str())];
    let fetched = http(addr, "GET", &format!("/api/objects/{id}"), &auth, b"").await;
    assert_eq!(fetched.status, 200);
    assert_clean_headers(&fetched);
    assert!(fetched.body == big, "the object reads back identical");

    // E8 from Content-Length: answered before any body byte is sent.
    let refused = http_declared(addr, "/api/reports", 9 * 1024 * 1024).await;
    assert_eq!(refused.status, 413);
    assert_eq!(refused.json()["error"], "too_large");
    assert_clean_headers(&refused);

    // A large body refused on its first bytes: the relay reads (and discards)
    // the rest, so the client receives the 400 rather than a reset connection.
    let plaintext = vec![b'x'; 4 * 1024 * 1024];
    let rejected = http(addr, "POST", "/api/reports", &[], &plaintext).await;
    assert_eq!(rejected.status, 400);
    assert_eq!(rejected.json()["error"], "not_age");

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the listener is closed after shutdown"
    );
}

/// The relay binary, killed if a test fails before stopping it.
struct RelayProcess {
    child: Child,
    url: String,
    addr: SocketAddr,
    stdout: Vec<String>,
    stderr: Arc<Mutex<Vec<String>>>,
    stdout_rest: Arc<Mutex<Vec<String>>>,
}

impl RelayProcess {
    /// Starts `whistlebox-relay serve ARGS --listen 127.0.0.1:0` and reads
    /// stdout until the fingerprint line.
    fn start(args: &[&str]) -> RelayProcess {
        RelayProcess::start_logging(args, "info")
    }

    /// [`RelayProcess::start`] with `RUST_LOG=level`.
    fn start_logging(args: &[&str], level: &str) -> RelayProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_whistlebox-relay"))
            .arg("serve")
            .args(args)
            .args(["--listen", "127.0.0.1:0"])
            .args(["--pow-bits", "4"])
            .env("RUST_LOG", level)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(Vec::new()));
        collect(child.stderr.take().unwrap(), stderr.clone());
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut stdout = Vec::new();
        for _ in 0..2 {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                let _ = child.wait();
                panic!("relay exited early: {:?}", stderr.lock().unwrap());
            }
            stdout.push(line.trim_end().to_owned());
        }
        let url = stdout[0]
            .strip_prefix("whistlebox-relay listening on ")
            .unwrap_or_else(|| panic!("first line: {:?}", stdout[0]))
            .to_owned();
        let addr = url.strip_prefix("http://").unwrap().parse().unwrap();
        let stdout_rest = Arc::new(Mutex::new(Vec::new()));
        collect(reader, stdout_rest.clone());
        RelayProcess {
            child,
            url,
            addr,
            stdout,
            stderr,
            stdout_rest,
        }
    }

    /// SIGTERM, then asserts a clean exit; returns everything on stderr.
    fn stop(mut self) -> String {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "relay exit: {exit}");
        std::thread::sleep(std::time::Duration::from_millis(50));
        self.stderr.lock().unwrap().join("\n")
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect<R: std::io::Read + Send + 'static>(stream: R, sink: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            match line {
                Ok(line) => sink.lock().unwrap().push(line),
                Err(_) => break,
            }
        }
    });
}

fn token_create(data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_whistlebox-relay"))
        .args(["token", "create", "--data"])
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap();
    assert_eq!(token.lines().count(), 1);
    token.trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_create_works_while_the_relay_holds_the_database() {
    let (_tmp, data, team) = relay_dir(3);
    let (data_s, team_s) = (data.to_str().unwrap(), team.to_str().unwrap());
    let relay = RelayProcess::start(&["--data", data_s, "--team", team_s]);
    let keyset = Config::new(&data, &team).load_team().unwrap();
    assert_eq!(
        relay.stdout[1],
        format!("team fingerprint: {}", keyset.fingerprint())
    );

    // The database is locked by the running relay…
    let second = Command::new(env!("CARGO_BIN_EXE_whistlebox-relay"))
        .args([
            "serve",
            "--data",
            data_s,
            "--team",
            team_s,
            "--listen",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("cannot open the database") && stderr.contains("stop it first"),
        "{stderr}"
    );

    // …yet a token created now is accepted at once.
    let token = token_create(&data);
    let created = http(
        relay.addr,
        "POST",
        "/api/reports",
        &[],
        &body(3, BUCKET_64K),
    )
    .await;
    assert_eq!(created.status, 201);
    let bearer = format!("Bearer {token}");
    let inbox = http(
        relay.addr,
        "GET",
        "/api/inbox?after=0",
        &[("Authorization", &bearer)],
        b"",
    )
    .await;
    assert_eq!(inbox.status, 200);
    assert_eq!(inbox.json()["items"][0]["seq"], 1);

    let logs = relay.stop();
    assert!(logs.contains("POST /api/reports 201 size=<1MiB"), "{logs}");
    assert!(logs.contains("GET /api/inbox 200"), "{logs}");
    assert!(!logs.contains(&token), "the token is never logged");
    assert!(!logs.contains("after=0"), "queries are never logged");
    assert!(
        !logs.contains("127.0.0.1:"),
        "no addresses in the log: {logs}"
    );
}

#[test]
fn bad_settings_fail_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    write_team(&team, 2);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_whistlebox-relay"))
            .arg("serve")
            .args(args)
            .output()
            .unwrap()
    };
    let data = tmp.path().join("data");
    let (data_s, team_s) = (data.to_str().unwrap(), team.to_str().unwrap());

    let out = run(&["--data", data_s, "--team", team_s, "--min-recipients", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("min_recipients = 3") && stderr.contains("1..=2"),
        "{stderr}"
    );

    let out = run(&["--data", data_s]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--team"));

    let broken = tmp.path().join("broken.toml");
    std::fs::write(&broken, "name = \"x\"\n").unwrap();
    let out = run(&["--data", data_s, "--team", broken.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.toml") && stderr.contains("invalid"),
        "{stderr}"
    );

    let config = tmp.path().join("relay.toml");
    std::fs::write(
        &config,
        "data = \"data\"\nteam = \"team.toml\"\nmin_recipients = 9\n",
    )
    .unwrap();
    let out = run(&["--config", config.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("min_recipients = 9"),
        "the config file is read: {stderr}"
    );

    let out = run(&[
        "--data",
        data_s,
        "--team",
        team_s,
        "--listen",
        "not-an-address",
    ]);
    assert_eq!(out.status.code(), Some(2), "usage error");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_file_settings_apply_and_flags_override_them() {
    let tmp = tempfile::tempdir().unwrap();
    write_team(&tmp.path().join("team.toml"), 2);
    let config = tmp.path().join("relay.toml");
    std::fs::write(
        &config,
        "data = \"data\"\nteam = \"team.toml\"\nmax_body_bytes = 1000\nmin_recipients = 2\nlisten = \"127.0.0.1:1\"\n",
    )
    .unwrap();
    let relay = RelayProcess::start(&[
        "--config",
        config.to_str().unwrap(),
        "--max-body-bytes",
        "200000",
    ]);
    let team = http(relay.addr, "GET", "/api/team", &[], b"").await.json();
    assert_eq!(team["max_body_bytes"], 200_000, "the flag wins");
    assert_eq!(team["min_recipients"], 2, "the file applies");
    assert!(
        tmp.path().join("data/db").is_dir(),
        "data is relative to the config file"
    );
    relay.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_mode_prepares_a_team_key_and_token_and_explains_the_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let relay = RelayProcess::start(&["--demo", "--data", dir.to_str().unwrap()]);
    // Wait for the instructions after the two fixed lines.
    let mut text = String::new();
    for _ in 0..200 {
        text = relay.stdout_rest.lock().unwrap().join("\n");
        if text.contains("Stop the relay") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let key = dir.join("demo-investigator.key");
    let token_file = dir.join("token");
    for expected in [
        format!("node web/scripts/submit.mjs --relay {}", relay.url),
        format!(
            "whistlebox pull --relay {} --token-file {}",
            relay.url,
            token_file.display()
        ),
        format!(
            "whistlebox cases --store {} -i {}",
            dir.join("store").display(),
            key.display()
        ),
        "whistlebox export".to_owned(),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    let team = http(relay.addr, "GET", "/api/team", &[], b"").await.json();
    let recipient = team["investigators"][0]["recipient"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(team["investigators"].as_array().unwrap().len(), 1);

    let token = std::fs::read_to_string(&token_file).unwrap();
    let bearer = format!("Bearer {}", token.trim());
    let auth = [("Authorization", bearer.as_str())];
    assert_eq!(
        http(relay.addr, "GET", "/api/inbox", &auth, b"")
            .await
            .status,
        200
    );

    // With stock age installed: a real age file to the demo key goes through
    // the relay and decrypts with the demo identity file.
    match age_binary() {
        None => {
            eprintln!("skipped the age round trip: `age` is not installed (apt-get install age)")
        }
        Some(age) => {
            let plaintext = common::random_bytes(BUCKET_64K as usize);
            let ciphertext =
                run_with_stdin(Command::new(&age).args(["-r", &recipient]), &plaintext);
            let created = http(relay.addr, "POST", "/api/reports", &[], &ciphertext).await;
            assert_eq!(
                created.status,
                201,
                "{}",
                String::from_utf8_lossy(&created.body)
            );
            let id = created.json()["id"].as_str().unwrap().to_owned();
            let fetched = http(relay.addr, "GET", &format!("/api/objects/{id}"), &auth, b"").await;
            assert_eq!(fetched.body, ciphertext);
            let decrypted = run_with_stdin(
                Command::new(&age).arg("-d").arg("-i").arg(&key),
                &fetched.body,
            );
            assert!(
                decrypted == plaintext,
                "the demo key decrypts what the relay served"
            );
        }
    }
    relay.stop();
}

fn age_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("age"))
        .find(|candidate| candidate.is_file())
}

fn run_with_stdin(command: &mut Command, input: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A temp dir with a `team.toml` of `team_size` X25519 investigators, and
/// the path of the relay's data directory (`data/`, not yet made) and team
/// file in it.
fn relay_dir(team_size: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let team = tmp.path().join("team.toml");
    write_team(&team, team_size);
    (tmp, data, team)
}

/// The `serve` arguments for `data` and `team`.
fn serve_args<'a>(data: &'a Path, team: &'a Path) -> [&'a str; 4] {
    [
        "--data",
        data.to_str().unwrap(),
        "--team",
        team.to_str().unwrap(),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunks_of_an_upload_cut_by_kill_9_are_collected_on_restart() {
    let (_tmp, data, team) = relay_dir(1);
    let args = serve_args(&data, &team);
    let mut relay = RelayProcess::start(&args);

    // Half of a 3 MiB report, then the relay dies mid-body.
    let full = body(1, bucket_at_least(3 * 1024 * 1024));
    let solved = pow_header(relay.addr).await;
    let mut stream = tokio::net::TcpStream::connect(relay.addr).await.unwrap();
    let head = format!(
        "POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nWhistlebox-Pow: {solved}\r\n\r\n",
        full.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&full[..full.len() * 3 / 4]).await.unwrap();
    // Let the relay store the chunks received so far; then another report's
    // commit flushes the database, which puts those chunks on disk too.
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let other = http(relay.addr, "POST", "/api/reports", &[], &body(1, 65_536)).await;
    assert_eq!(other.status, 201);
    relay.child.kill().unwrap();
    relay.child.wait().unwrap();
    drop(stream);

    let relay = RelayProcess::start(&args);
    let logs = relay.stop();
    assert!(
        logs.contains("removed chunks of uploads interrupted before commit chunks=2"),
        "{logs}"
    );
    let store = whistlebox_relay::store::SledStore::open(&data.join("db")).unwrap();
    use whistlebox_relay::store::Store;
    let usage = store.usage().unwrap();
    assert_eq!(
        (usage.objects, usage.chunks, usage.pending, usage.sessions),
        (1, 1, 0, 0),
        "only the acknowledged report remains"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_session_survives_kill_9_between_parts_and_commits() {
    let (_tmp, data, team) = relay_dir(1);
    let args = serve_args(&data, &team);
    let mut relay = RelayProcess::start(&args);
    let part_size = whistlebox_relay::upload::PART_SIZE as usize;
    let full = body(1, bucket_at_least(5 * 1024 * 1024));

    let created = http(relay.addr, "POST", "/api/uploads", &[], b"").await;
    assert_eq!(created.status, 201);
    assert_clean_headers(&created);
    let upload = created.json()["upload"].as_str().unwrap().to_owned();
    let part0 = http(
        relay.addr,
        "PUT",
        &format!("/api/uploads/{upload}/parts/0"),
        &[],
        &full[..part_size],
    )
    .await;
    assert_eq!(part0.status, 200, "{:?}", part0.json());
    assert_clean_headers(&part0);
    // Acknowledged means flushed: no waiting for sled's background flush.
    relay.child.kill().unwrap();
    relay.child.wait().unwrap();

    let relay = RelayProcess::start(&args);
    let status = http(
        relay.addr,
        "GET",
        &format!("/api/uploads/{upload}"),
        &[],
        b"",
    )
    .await;
    assert_eq!(status.status, 200);
    assert_eq!(status.json()["received"], 1);
    assert_eq!(status.json()["bytes"], part_size as u64);
    let part1 = http(
        relay.addr,
        "PUT",
        &format!("/api/uploads/{upload}/parts/1"),
        &[],
        &full[part_size..],
    )
    .await;
    assert_eq!(part1.status, 200);
    let committed = http(
        relay.addr,
        "POST",
        &format!("/api/uploads/{upload}/commit"),
        &[],
        b"",
    )
    .await;
    assert_eq!(committed.status, 201, "{:?}", committed.json());
    assert_clean_headers(&committed);
    let id = committed.json()["id"].as_str().unwrap().to_owned();
    let token = token_create(&data);
    let bearer = format!("Bearer {token}");
    let fetched = http(
        relay.addr,
        "GET",
        &format!("/api/objects/{id}"),
        &[("Authorization", bearer.as_str())],
        b"",
    )
    .await;
    assert_eq!(fetched.status, 200);
    assert!(fetched.body == full, "the object reads back identical");

    // The page and its digest, over the socket.
    let page = http(relay.addr, "GET", "/", &[], b"").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_clean_headers(&page);
    let site = http(relay.addr, "GET", "/api/site", &[], b"").await.json();
    let digest = site["bundle_sha256"].as_str().unwrap().to_owned();
    let stdout_rest = relay.stdout_rest.clone();
    let logs = relay.stop();
    assert!(
        stdout_rest
            .lock()
            .unwrap()
            .contains(&format!("page bundle sha256: {digest}")),
        "the digest is printed at start"
    );
    assert!(
        logs.contains("PUT /api/uploads/{upload}/parts/{n} 200"),
        "{logs}"
    );
    assert!(!logs.contains(&upload), "upload ids are never logged");
    assert!(!logs.contains(&id), "object ids are never logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_beyond_the_concurrency_bound_get_busy_and_leave_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let team = tmp.path().join("team.toml");
    write_team(&team, 1);
    let mut config = Config::new(tmp.path().join("data"), &team);
    config.pow_bits = common::TEST_POW_BITS;
    let state = AppState::open(&config).unwrap();
    let store = Arc::clone(state.store());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(whistlebox_relay::serve(listener, state, async {
        let _ = stopped.await;
    }));

    // Stalled senders: a valid start of a body, then nothing more.
    let full = body(1, 65_536);
    let mut stalled = Vec::new();
    for _ in 0..whistlebox_relay::api::MAX_CONCURRENT_BODIES {
        let solved = pow_header(addr).await;
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nWhistlebox-Pow: {solved}\r\n\r\n",
            full.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&full[..1000]).await.unwrap();
        stalled.push(stream);
    }
    // Wait until every stalled body holds its permit and has begun an upload
    // (bounded polling, not a timing assertion). Probing earlier could take a
    // permit from a stalled sender and turn the race around.
    let mut ready = false;
    for _ in 0..200 {
        if store.usage().unwrap().pending == whistlebox_relay::api::MAX_CONCURRENT_BODIES as u64 {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(ready, "the stalled senders all reached the handler");
    let reply = http(addr, "POST", "/api/reports", &[], &full).await;
    assert_eq!(reply.status, 503, "the 65th concurrent body is refused");
    let busy = reply;
    assert_eq!(busy.json()["error"], "busy");
    assert_clean_headers(&busy);

    // The stalled senders go away: their chunks are deleted, permits return.
    drop(stalled);
    let mut accepted = false;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        if http(addr, "POST", "/api/reports", &[], &full).await.status == 201 {
            accepted = true;
            break;
        }
    }
    assert!(accepted, "permits are returned when senders disconnect");
    let usage = store.usage().unwrap();
    assert_eq!(
        usage.pending, 0,
        "no upload of a stalled sender is left: {usage:?}"
    );
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// Every file under `dir`, recursively, with its bytes.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                // (DATA/admin.sock, a socket, holds no bytes.)
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mailbox_secret_reaches_neither_the_log_nor_the_disk() {
    let (_tmp, data, team) = relay_dir(2);
    let args = serve_args(&data, &team);
    let relay = RelayProcess::start_logging(&args, "trace");
    let addr = relay.addr;
    let raw = common::random_bytes(32);
    let secret = hex::encode(&raw);
    let mailbox_id = whistlebox_core::codename::mailbox_id_of(&raw.clone().try_into().unwrap());
    let with = [("Whistlebox-Mailbox", secret.as_str())];

    let report = http(addr, "POST", "/api/reports", &with, &body(2, BUCKET_64K)).await;
    assert_eq!(report.status, 201);
    let case = report.json()["id"].as_str().unwrap().to_owned();
    let followup = http(addr, "POST", "/api/mailbox", &with, &body(3, BUCKET_64K)).await;
    assert_eq!(followup.status, 201);
    let item = followup.json()["id"].as_str().unwrap().to_owned();
    let session = http(
        addr,
        "POST",
        "/api/uploads",
        &with,
        br#"{"kind":"followup"}"#,
    )
    .await;
    assert_eq!(session.status, 201);
    let token = token_create(&data);
    let bearer = format!("Bearer {token}");
    let mut reply_body = common::header_with(vec![
        common::x25519_stanza(),
        common::x25519_stanza(),
        common::x25519_stanza(),
        common::grease_stanza("k9", 20),
    ]);
    reply_body.extend(common::random_bytes(
        whistlebox_core::envelope::payload_len(BUCKET_64K) as usize,
    ));
    let reply = http(
        addr,
        "POST",
        &format!("/api/objects/{case}/reply"),
        &[("Authorization", bearer.as_str())],
        &reply_body,
    )
    .await;
    assert_eq!(reply.status, 201, "{:?}", reply.json());
    let listed = http(addr, "GET", "/api/mailbox", &with, b"").await;
    assert_eq!(listed.status, 200);
    assert_clean_headers(&listed);
    assert_eq!(listed.json()["items"].as_array().unwrap().len(), 2);
    let fetched = http(
        addr,
        "GET",
        &format!("/api/mailbox/objects/{item}"),
        &with,
        b"",
    )
    .await;
    assert_eq!(fetched.status, 200);
    assert_clean_headers(&fetched);
    // Refused requests too: a bad header, a missing one.
    let bad = format!("{}X", &secret[..63]);
    let refused = http(
        addr,
        "GET",
        "/api/mailbox",
        &[("Whistlebox-Mailbox", bad.as_str())],
        b"",
    )
    .await;
    assert_eq!(refused.status, 400);
    assert_clean_headers(&refused);
    assert!(!String::from_utf8_lossy(&refused.body).contains(&secret[..63]));

    let logs = relay.stop();
    assert!(logs.contains("GET /api/mailbox 200"), "{logs}");
    assert!(logs.contains("POST /api/objects/{id}/reply 201"), "{logs}");
    for (what, needle) in [
        ("secret", secret.as_str()),
        ("secret (upper case)", &secret.to_uppercase()),
        ("malformed secret", &bad),
        ("mailbox id", mailbox_id.as_str()),
        ("object id", item.as_str()),
    ] {
        assert!(!logs.contains(needle), "the {what} is logged: {logs}");
    }
    let files = files_under(&data);
    assert!(files.len() > 2);
    let upper = secret.to_uppercase();
    for (path, bytes) in &files {
        for needle in [secret.as_bytes(), upper.as_bytes(), raw.as_slice()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "the mailbox secret is in {}",
                path.display()
            );
        }
    }
    // Only the hash is stored, in the metadata and the session record.
    assert!(files
        .iter()
        .any(|(_, bytes)| bytes.windows(64).any(|w| w == mailbox_id.as_bytes())));
}
