//! After a scripted session, neither the relay's data directory nor anything
//! it printed contains the client's address, its user agent, a forwarded-for
//! header, the pull token, any exact time of the session, or the proof of
//! work's challenge and nonces (DESIGN.md, PROTOCOL.md §4.3, §9.1).
//!
//! The client connects from 127.0.0.2 while the relay listens on 127.0.0.1, so
//! the client address is distinguishable from the relay's own.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;
use whistlebox_tests::{create_token, example_team, files_under, node_submit_ok, Relay};

const CLIENT_ADDR: &str = "127.0.0.2";
const FORWARDED_FOR: &str = "198.51.100.23";
/// A distinctive query string: the relay must not log URI queries.
const QUERY: &str = "after=0&limit=737";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// One HTTP/1.1 request from `CLIENT_ADDR`; returns (status, body).
async fn request(
    server: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let server: std::net::SocketAddr = server
        .trim_start_matches("http://")
        .parse()
        .expect("relay address");
    let socket = TcpSocket::new_v4().expect("socket");
    socket
        .bind(format!("{CLIENT_ADDR}:0").parse().unwrap())
        .expect("bind client to 127.0.0.2");
    let mut stream = socket.connect(server).await.expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of response head");
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head[9..12].parse().expect("status code");
    let mut body = response[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size");
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16)
            .expect("hex chunk size");
        raw = &raw[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

/// Byte strings that would reveal an exact time within `[from, to]` seconds.
fn time_needles(from: u64, to: u64) -> Vec<(String, Vec<u8>)> {
    let mut needles = Vec::new();
    for t in from..=to {
        needles.push((format!("unix seconds {t}"), t.to_string().into_bytes()));
        needles.push((format!("u64 BE {t}"), t.to_be_bytes().to_vec()));
        needles.push((format!("u64 LE {t}"), t.to_le_bytes().to_vec()));
        let t32 = u32::try_from(t).expect("seconds fit in u32 until 2106");
        needles.push((format!("u32 BE {t}"), t32.to_be_bytes().to_vec()));
        needles.push((format!("u32 LE {t}"), t32.to_le_bytes().to_vec()));
        let (h, m, sec) = ((t / 3600) % 24, (t / 60) % 60, t % 60);
        needles.push((
            format!("clock {h:02}:{m:02}:{sec:02}"),
            format!("{h:02}:{m:02}:{sec:02}").into_bytes(),
        ));
        needles.push((
            format!("ISO T{h:02}:{m:02}"),
            format!("T{h:02}:{m:02}").into_bytes(),
        ));
    }
    needles
}

/// `haystack` with every occurrence of `secret` replaced by zeros.
fn blank_out(mut haystack: Vec<u8>, secret: &[u8]) -> Vec<u8> {
    let mut at = 0;
    while let Some(i) = haystack[at..]
        .windows(secret.len())
        .position(|w| w == secret)
    {
        let start = at + i;
        haystack[start..start + secret.len()].fill(0);
        at = start + secret.len();
    }
    haystack
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relay_keeps_no_address_agent_token_or_exact_time() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let token_file = tmp.path().join("token");
    let start = now();

    // `trace`: even the most verbose logging must not see the client.
    let relay = Relay::start_logging(&data, &example_team(), &[], "trace");
    let token = create_token(&data, &token_file);
    let agent = format!("WhistleboxPrivacyProbe/{}", hex_id());

    // A real ciphertext produced by the Node client, posted from 127.0.0.2.
    let ciphertext = tmp.path().join("report.age");
    let ciphertext_str = ciphertext.to_str().unwrap().to_owned();
    let relay_url = relay.url.clone();
    tokio::task::spawn_blocking(move || {
        node_submit_ok(&["--relay", &relay_url, "--no-post", "--out", &ciphertext_str])
    })
    .await
    .unwrap();
    let body = std::fs::read(&ciphertext).unwrap();
    let common = [
        ("User-Agent", agent.as_str()),
        ("X-Forwarded-For", FORWARDED_FOR),
        ("Forwarded", "for=198.51.100.23"),
    ];

    let (status, _) = request(&relay.url, "GET", "/api/team", &common, b"").await;
    assert_eq!(status, 200);
    let (status, issued) = request(&relay.url, "POST", "/api/pow", &common, b"").await;
    assert_eq!(status, 201);
    let solved = whistlebox_tests::solve_pow(&serde_json::from_slice(&issued).unwrap());
    let mut with_pow = common.to_vec();
    with_pow.push(("Whistlebox-Pow", solved.as_str()));
    // PROTOCOL §9.1: neither the challenge nor the nonces are logged or stored.
    let (challenge, nonces) = solved.split_once('.').unwrap();
    let pow_needles = [
        (
            "proof-of-work challenge".to_owned(),
            challenge.as_bytes().to_vec(),
        ),
        (
            "proof-of-work nonces".to_owned(),
            nonces.as_bytes().to_vec(),
        ),
    ];
    let (status, answer) = request(&relay.url, "POST", "/api/reports", &with_pow, &body).await;
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&answer));
    let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    let id = answer["id"].as_str().unwrap().to_owned();
    let (status, issued) = request(&relay.url, "POST", "/api/pow", &common, b"").await;
    assert_eq!(status, 201);
    let solved = whistlebox_tests::solve_pow(&serde_json::from_slice(&issued).unwrap());
    let mut with_pow = common.to_vec();
    with_pow.push(("Whistlebox-Pow", solved.as_str()));
    let (status, _) = request(&relay.url, "POST", "/api/reports", &with_pow, b"plaintext!").await;
    assert_eq!(status, 400);
    let bearer = format!("Bearer {token}");
    let mut authed = common.to_vec();
    authed.push(("Authorization", bearer.as_str()));
    let (status, inbox) = request(
        &relay.url,
        "GET",
        &format!("/api/inbox?{QUERY}"),
        &authed,
        b"",
    )
    .await;
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&inbox).contains(&id));
    let (status, fetched) = request(
        &relay.url,
        "GET",
        &format!("/api/objects/{id}"),
        &authed,
        b"",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(fetched, body, "the relay serves the ciphertext unchanged");
    let (status, _) = request(&relay.url, "GET", "/api/inbox?after=0", &common, b"").await;
    assert_eq!(status, 401);

    let logs = relay.stop().join("\n");
    let end = now();

    let mut needles: Vec<(String, Vec<u8>)> = vec![
        ("client address".into(), CLIENT_ADDR.as_bytes().to_vec()),
        ("client address, binary".into(), vec![127, 0, 0, 2]),
        ("URI query".into(), QUERY.as_bytes().to_vec()),
        ("user agent".into(), agent.as_bytes().to_vec()),
        ("forwarded-for".into(), FORWARDED_FOR.as_bytes().to_vec()),
        ("token".into(), token.as_bytes().to_vec()),
    ];
    needles.extend(time_needles(start.saturating_sub(2), end + 2));
    needles.extend(pow_needles);

    for (what, needle) in &needles {
        assert!(
            !find(logs.as_bytes(), needle),
            "relay output contains the {what}:\n{logs}"
        );
    }
    let files = files_under(&data);
    assert!(
        files.len() > 1,
        "the data directory holds the database: {files:?}"
    );
    for file in &files {
        // The stored ciphertext is random bytes, in which a 4-byte needle
        // would turn up by chance about once per 4 GiB; blank it out so that
        // only what the relay itself wrote is scanned.
        let bytes = blank_out(std::fs::read(file).unwrap(), &body);
        let name = file
            .strip_prefix(&data)
            .unwrap_or(Path::new("?"))
            .display()
            .to_string();
        for (what, needle) in &needles {
            assert!(!find(&bytes, needle), "{name} contains the {what}");
            assert!(
                !find(name.as_bytes(), needle),
                "file name {name} contains the {what}"
            );
        }
    }
    // Sanity: the scan does find what is there: the whole ciphertext, stored
    // in one piece (so blanking it out above removed only the ciphertext).
    assert!(files
        .iter()
        .any(|f| find(&std::fs::read(f).unwrap(), &body)));
}

fn hex_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
