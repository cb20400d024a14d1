//! Load generator: many concurrent anonymous submitters against the real
//! release relay (its own process, real sled on disk, 127.0.0.1) for a fixed
//! time, as an attacker flooding the public endpoint would.
//!
//! Each submitter loops: ask for a proof-of-work challenge, solve it
//! (natively, as a spammer would), `POST /api/reports` an envelope-valid age
//! body, record the status and the latency of the report request. At the end
//! it prints one Markdown row per scenario for `docs/BENCHMARKS.md`:
//! throughput of accepted reports, p50/p99 latency, answers by status, the
//! relay's resident memory (peak `VmHWM` and final `VmRSS` from `/proc`).
//!
//! It **fails** (exit code 1) if any answer is not a designed one — `201`,
//! `429 rate_limited` or `503` (`busy`, `storage_full`, `disk_full`, …) —
//! or if a transport error happens, or if the relay's inbox afterwards does
//! not hold exactly the reports it acknowledged (nothing acknowledged lost,
//! nothing unacknowledged half-present).
//!
//! Run: `cargo build --release --workspace --bins && cargo bench -p
//! whistlebox-tests --bench load` — options after `--`: `--clients N`
//! (default 200), `--secs S` (default 60), `--only default|open`. Not a test:
//! nothing here asserts a time.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use whistlebox_tests::{create_token, example_team, solve_pow, Relay};

/// One submitter's record: (HTTP status or 0 for a transport error, the
/// error code of a refusal, latency).
type Sample = (u16, String, Duration);

struct Scenario {
    name: &'static str,
    what: &'static str,
    flags: &'static [&'static str],
}

const SCENARIOS: [Scenario; 2] = [
    Scenario {
        name: "default",
        what: "the relay's default limits and proof of work",
        flags: &[],
    },
    Scenario {
        name: "open",
        what: "write-rate limit lifted (`--max-writes-per-minute 1000000`), default proof of work",
        flags: &["--max-writes-per-minute", "1000000"],
    },
];

fn main() {
    let mut clients = 200usize;
    let mut secs = 60u64;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--clients" => {
                clients = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--clients N")
            }
            "--secs" => secs = args.next().and_then(|v| v.parse().ok()).expect("--secs S"),
            "--only" => only = args.next(),
            "--bench" => {}
            other => panic!("unknown argument {other:?}"),
        }
    }
    // The smallest padding bucket, 64 KiB: a typical text report.
    let body = Arc::new(common::envelope_body(3, 64 * 1024));
    println!(
        "| scenario | clients × s | accepted | accepted/s | p50 ms | p99 ms | p50 ms (201) | p99 ms (201) | answers by status | relay RSS peak / end |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
    let mut failed = false;
    for scenario in &SCENARIOS {
        if only.as_deref().is_some_and(|o| o != scenario.name) {
            continue;
        }
        failed |= !run(scenario, clients, Duration::from_secs(secs), &body);
    }
    if failed {
        eprintln!("load: an answer was not a designed one, or the inbox disagrees (see above)");
        std::process::exit(1);
    }
}

/// Runs one scenario and prints its row; false if anything was not designed.
fn run(scenario: &Scenario, clients: usize, length: Duration, body: &Arc<Vec<u8>>) -> bool {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let relay = Relay::start_with(&data, &example_team(), scenario.flags);
    let pid = relay.pid();
    let samples: Arc<Mutex<Vec<Sample>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (url, body, samples, stop) = (
                relay.url.clone(),
                body.clone(),
                samples.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || submitter(&url, &body, &samples, &stop))
        })
        .collect();
    while started.elapsed() < length {
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().expect("submitter thread");
    }
    let elapsed = started.elapsed();
    let (peak, end) = memory(pid);

    let samples = samples.lock().unwrap();
    let accepted = samples.iter().filter(|(s, _, _)| *s == 201).count();
    let mut by_status: BTreeMap<(u16, &str), usize> = BTreeMap::new();
    for (status, code, _) in samples.iter() {
        *by_status.entry((*status, code)).or_default() += 1;
    }
    let all: Vec<Duration> = samples.iter().map(|(_, _, d)| *d).collect();
    let ok: Vec<Duration> = samples
        .iter()
        .filter(|(s, _, _)| *s == 201)
        .map(|(_, _, d)| *d)
        .collect();
    let statuses = by_status
        .iter()
        .map(|((s, code), n)| match (s, code.is_empty()) {
            (0, _) => format!("transport error ({code}) × {n}"),
            (_, true) => format!("{s} × {n}"),
            (_, false) => format!("{s} `{code}` × {n}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let designed = by_status.keys().all(|(s, _)| matches!(s, 201 | 429 | 503));

    // Nothing acknowledged lost: the inbox holds exactly the 201s.
    let stored = inbox_count(&relay.url, &data, dir.path());
    let consistent = stored == accepted;
    relay.stop();

    println!(
        "| {} ({}) | {clients} × {:.0} | {accepted} | {:.1} | {} | {} | {} | {} | {statuses} | {:.0} / {:.0} MiB |",
        scenario.name,
        scenario.what,
        elapsed.as_secs_f64(),
        common::rate(accepted, elapsed),
        millis(percentile(&all, 0.50)),
        millis(percentile(&all, 0.99)),
        millis(percentile(&ok, 0.50)),
        millis(percentile(&ok, 0.99)),
        peak as f64 / 1024.0,
        end as f64 / 1024.0,
    );
    if !designed {
        eprintln!(
            "{}: answers other than 201/429/503: {statuses}",
            scenario.name
        );
    }
    if !consistent {
        eprintln!(
            "{}: {accepted} reports acknowledged but the inbox lists {stored}",
            scenario.name
        );
    }
    designed && consistent
}

/// One anonymous submitter: challenge, solve, submit, until told to stop.
fn submitter(url: &str, body: &[u8], samples: &Mutex<Vec<Sample>>, stop: &AtomicBool) {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build();
    let mut mine = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let pow = match proof_of_work(&agent, url) {
            Ok(header) => header,
            Err((status, code)) => {
                mine.push((status, format!("challenge: {code}"), Duration::ZERO));
                continue;
            }
        };
        let start = Instant::now();
        let result = agent
            .post(&format!("{url}/api/reports"))
            .set("Content-Type", "application/octet-stream")
            .set("Whistlebox-Pow", &pow)
            .send_bytes(body);
        let latency = start.elapsed();
        let (status, code) = match result {
            Ok(response) => (response.status(), String::new()),
            Err(ureq::Error::Status(status, response)) => refused(status, response),
            Err(ureq::Error::Transport(t)) => (0, t.kind().to_string()),
        };
        mine.push((status, code, latency));
    }
    samples.lock().unwrap().extend(mine);
}

/// A refusal's status and code, after waiting as its `Retry-After` says —
/// at most 1 s: an attacker would not wait at all, and the load must stay on.
fn refused(status: u16, response: ureq::Response) -> (u16, String) {
    let wait = response
        .header("Retry-After")
        .and_then(|v| v.parse::<u64>().ok());
    let code = error_code(response);
    if let Some(wait) = wait {
        std::thread::sleep(Duration::from_secs(wait.min(1)));
    }
    (status, code)
}

/// The `error` code of a relay's JSON refusal (PROTOCOL.md §4.4).
fn error_code(response: ureq::Response) -> String {
    response
        .into_json::<serde_json::Value>()
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Asks the relay for a challenge and solves it: the `Whistlebox-Pow` value,
/// or the status and code of a refused challenge request.
fn proof_of_work(agent: &ureq::Agent, url: &str) -> Result<String, (u16, String)> {
    let response = agent
        .post(&format!("{url}/api/pow"))
        .call()
        .map_err(|e| match e {
            ureq::Error::Status(status, response) => (status, error_code(response)),
            ureq::Error::Transport(t) => (0, t.kind().to_string()),
        })?;
    let challenge: serde_json::Value = response
        .into_json()
        .map_err(|e| (0, format!("challenge json: {e}")))?;
    Ok(solve_pow(&challenge))
}

/// Counts the inbox through a fresh investigator token.
fn inbox_count(url: &str, data: &Path, scratch: &Path) -> usize {
    let token = create_token(data, &scratch.join("token"));
    let agent = ureq::AgentBuilder::new().build();
    let mut after = 0u64;
    let mut count = 0usize;
    loop {
        let page: serde_json::Value = agent
            .get(&format!("{url}/api/inbox?after={after}&limit=1000"))
            .set("Authorization", &format!("Bearer {token}"))
            .call()
            .expect("inbox")
            .into_json()
            .expect("inbox json");
        let items = page["items"].as_array().expect("items");
        count += items.len();
        if let Some(last) = items.last() {
            after = last["seq"].as_u64().expect("seq");
        }
        if !page["more"].as_bool().unwrap_or(false) {
            return count;
        }
    }
}

/// (peak, current) resident set of a process in KiB, from `/proc/PID/status`.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn percentile(samples: &[Duration], q: f64) -> Option<Duration> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    Some(sorted[index])
}

fn millis(d: Option<Duration>) -> String {
    d.map_or_else(
        || "–".to_owned(),
        |d| format!("{:.1}", d.as_secs_f64() * 1e3),
    )
}
