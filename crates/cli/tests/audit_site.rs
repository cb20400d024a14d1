//! `whistlebox audit site URL` against the real relay binary (docs/AUDITING.md):
//! the clean relay passes; a relay serving a keyset with one key swapped,
//! and a tampering reverse proxy in front of the real relay — one byte of
//! the bundle changed, a security header dropped, a script from another
//! origin, a cookie — are each detected with their named finding and exit 5.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

use serde_json::Value;
use whistlebox_tests::{cli, cli_ok, example_team, path_str, Relay, Scratch};

/// What the proxy changes in the relay's answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tamper {
    /// Nothing: the proxy is faithful.
    Nothing,
    /// One byte of `/assets/app.js`.
    AssetByte,
    /// `X-Content-Type-Options` removed from every 404 answer.
    DropHeaderOn404,
    /// A `<script>` from another origin added to the page.
    ForeignScript,
    /// A `Set-Cookie` on `/api/team`.
    Cookie,
}

/// Starts a reverse proxy to `upstream` on `127.0.0.1:0`; returns its URL.
/// It lives as long as the test process.
fn proxy(upstream: &str, tamper: Tamper) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let upstream = upstream.to_string();
    std::thread::spawn(move || {
        let agent = ureq::AgentBuilder::new().redirects(0).build();
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (agent, upstream) = (agent.clone(), upstream.clone());
            std::thread::spawn(move || forward(stream, &agent, &upstream, tamper));
        }
    });
    url
}

/// Answers one request (then closes the connection) with the relay's
/// answer, tampered with.
fn forward(stream: TcpStream, agent: &ureq::Agent, upstream: &str, tamper: Tamper) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut parts = line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap().to_string(),
        parts.next().unwrap().to_string(),
    );
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).unwrap();
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':').unwrap();
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let declared: u64 = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut req = agent.request(&method, &format!("{upstream}{path}"));
    for (name, value) in &headers {
        if !matches!(
            name.as_str(),
            "host" | "content-length" | "connection" | "transfer-encoding"
        ) {
            req = req.set(name, value);
        }
    }
    let result = if declared > 65_536 {
        // A body declared over a bound: the relay refuses it unread.
        req.set("Content-Length", &declared.to_string())
            .send(std::io::empty())
    } else if declared > 0 {
        let mut body = vec![0; declared as usize];
        reader.read_exact(&mut body).unwrap();
        req.send_bytes(&body)
    } else {
        req.call()
    };
    let resp = match result {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("proxy: upstream failed: {e}"),
    };
    let status = resp.status();
    let mut out_headers: Vec<(String, String)> = resp
        .headers_names()
        .into_iter()
        .flat_map(|n| {
            resp.all(&n)
                .into_iter()
                .map(|v| (n.clone(), v.to_string()))
                .collect::<Vec<_>>()
        })
        .filter(|(n, _)| {
            !matches!(
                n.as_str(),
                "content-length" | "transfer-encoding" | "connection"
            )
        })
        .collect();
    let mut body = Vec::new();
    resp.into_reader().read_to_end(&mut body).unwrap();
    match tamper {
        Tamper::Nothing => {}
        Tamper::AssetByte if path == "/assets/app.js" => {
            let middle = body.len() / 2;
            body[middle] ^= 0x01;
        }
        Tamper::DropHeaderOn404 if status == 404 => {
            out_headers.retain(|(n, _)| n != "x-content-type-options")
        }
        Tamper::ForeignScript if path == "/" => {
            let page = String::from_utf8(body).unwrap();
            body = page
                .replacen(
                    "</head>",
                    "<script src=\"https://cdn.example.net/analytics.js\"></script>\n</head>",
                    1,
                )
                .into_bytes();
        }
        Tamper::Cookie if path == "/api/team" => {
            out_headers.push(("set-cookie".into(), "visit=1; Path=/".into()))
        }
        _ => {}
    }
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {status} X\r\n");
    for (n, v) in &out_headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    let _ = out.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = out.write_all(&body);
    }
    let _ = out.flush();
}

/// Runs `audit site URL --team TEAM --json EXTRA…`; returns the exit code and the report.
fn audit(url: &str, team: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["audit", "site", url, "--team", path_str(team), "--json"];
    args.extend_from_slice(extra);
    let out = cli(&args);
    let code = out.status.code().expect("exit code");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}); exit {code}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, report)
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts exit 5 and a finding `code` whose `where` contains `at`.
fn assert_finding(url: &str, extra: &[&str], code: &str, at: &str) -> Vec<String> {
    let (exit, report) = audit(url, &example_team(), extra);
    let hit = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == code && f["where"].as_str().unwrap().contains(at));
    assert!(hit, "expected {code} at {at}:\n{report:#}");
    assert_eq!(exit, 5, "{report:#}");
    assert_eq!(report["ok"], false);
    codes(&report)
}

/// The digest the relay printed at start (`page bundle sha256: …`).
fn printed_digest(relay: &Relay) -> String {
    let lines = relay.output.lock().unwrap();
    lines
        .iter()
        .find_map(|l| l.strip_prefix("page bundle sha256: "))
        .expect("digest line")
        .to_string()
}

#[test]
fn the_clean_relay_passes() {
    let scratch = Scratch::new();
    let relay = Relay::start(&scratch.data, &example_team());
    let (exit, report) = audit(&relay.url, &example_team(), &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(exit, 0);
    assert_eq!(report["audit"], "site");
    let summary = &report["summary"];
    let digest = printed_digest(&relay);
    assert_eq!(summary["bundle_sha256"], digest.as_str());
    assert_eq!(summary["expected_bundle_sha256"], digest.as_str());
    // The page's assets were found by following its loads, the worker included.
    let assets = summary["assets"].as_object().unwrap();
    for path in [
        "index.html",
        "assets/app.js",
        "assets/worker.js",
        "assets/style.css",
    ] {
        assert!(assets.contains_key(path), "{path} not fetched: {assets:?}");
    }
    let loads = summary["loads"].as_array().unwrap();
    assert!(
        loads
            .iter()
            .any(|l| l["how"] == "new Worker" && l["url"] == "/assets/worker.js"),
        "{loads:?}"
    );
    let routes = summary["routes"].as_array().unwrap();
    let statuses: Vec<u64> = routes
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    for status in [200, 201, 400, 401, 404, 405, 413] {
        assert!(
            statuses.contains(&status),
            "no {status} answer probed: {statuses:?}"
        );
    }
    // The published digest, given by hand, passes too; and so does the
    // faithful proxy the tamper tests use.
    let (exit, report) = audit(&relay.url, &example_team(), &["--bundle-sha256", &digest]);
    assert_eq!((exit, codes(&report)), (0, vec![]), "{report:#}");
    let faithful = proxy(&relay.url, Tamper::Nothing);
    let (exit, report) = audit(&faithful, &example_team(), &[]);
    assert_eq!((exit, codes(&report)), (0, vec![]), "{report:#}");

    // The human report.
    let text = cli_ok(&[
        "audit",
        "site",
        &relay.url,
        "--team",
        path_str(&example_team()),
    ]);
    assert!(
        text.contains(&format!("page bundle sha256 (served):   {digest}")),
        "{text}"
    );
    assert!(text.contains("result: pass (no finding)"), "{text}");
}

#[test]
fn a_bundle_changed_by_one_byte_is_found() {
    let scratch = Scratch::new();
    let relay = Relay::start(&scratch.data, &example_team());
    let url = proxy(&relay.url, Tamper::AssetByte);
    let found = assert_finding(&url, &[], "bundle_digest_mismatch", "page bundle");
    assert!(found.contains(&"asset_mismatch".to_string()), "{found:?}");
    assert_finding(&url, &[], "asset_mismatch", "/assets/app.js");
    // Against a published digest that is not the served one.
    let other = "0".repeat(64);
    let found = assert_finding(
        &relay.url,
        &["--bundle-sha256", &other],
        "bundle_digest_mismatch",
        "page bundle",
    );
    assert!(
        found.contains(&"site_claim_mismatch".to_string()),
        "{found:?}"
    );
}

#[test]
fn a_missing_security_header_is_found() {
    let scratch = Scratch::new();
    let relay = Relay::start(&scratch.data, &example_team());
    let url = proxy(&relay.url, Tamper::DropHeaderOn404);
    let found = assert_finding(&url, &[], "missing_header", "GET /no-such-page (404)");
    assert!(found.iter().all(|c| c == "missing_header"), "{found:?}");
}

#[test]
fn a_script_from_another_origin_is_found() {
    let scratch = Scratch::new();
    let relay = Relay::start(&scratch.data, &example_team());
    let url = proxy(&relay.url, Tamper::ForeignScript);
    let found = assert_finding(&url, &[], "cross_origin_load", "/ (script src)");
    assert!(found.contains(&"asset_mismatch".to_string()), "{found:?}");
}

#[test]
fn a_cookie_is_found() {
    let scratch = Scratch::new();
    let relay = Relay::start(&scratch.data, &example_team());
    let url = proxy(&relay.url, Tamper::Cookie);
    // On the GET and on the DELETE's 405 alike.
    let found = assert_finding(&url, &[], "cookie_set", "GET /api/team (200)");
    assert_eq!(found, ["cookie_set", "cookie_set"]);
    assert_finding(&url, &[], "cookie_set", "DELETE /api/team (405)");
}

#[test]
fn a_keyset_with_one_key_swapped_is_found() {
    let scratch = Scratch::new();
    // The relay serves the published keyset but for bob's key.
    let key = scratch.work.join("mallory.key");
    let mallory = cli_ok(&["keygen", "--x25519", "-o", path_str(&key)]);
    let published = std::fs::read_to_string(example_team()).unwrap();
    let bob = "age1t9kmcmge8n4gpvu2ae5qcs2xdje2ujwhmcsheatrm6c2g6g6yujqhs4a8t";
    assert!(published.contains(bob));
    let swapped = scratch.work.join("team.toml");
    std::fs::write(&swapped, published.replace(bob, mallory.trim())).unwrap();
    let relay = Relay::start(&scratch.data, &swapped);
    let found = assert_finding(
        &relay.url,
        &[],
        "keyset_mismatch",
        "investigators[1].recipient (bob)",
    );
    assert!(found.iter().all(|c| c == "keyset_mismatch"), "{found:?}");
    // The fingerprints differ, on /api/team and /api/site.
    assert_finding(
        &relay.url,
        &[],
        "keyset_mismatch",
        "/api/site keyset_fingerprint",
    );
    // Audited against the keyset it does serve, the relay passes.
    let (exit, report) = audit(&relay.url, &swapped, &[]);
    assert_eq!((exit, codes(&report)), (0, vec![]), "{report:#}");
}
