//! Relay durable ingestion: reports/s for 64 KiB and 1 MiB bodies at 1 and 32
//! concurrent clients, next to raw sled insert + flush per insert measured in
//! the same run as the reference.
//!
//! A second table gives the cost of one durable commit in the store alone
//! (`SledStore`: begin, put the chunks, commit — which flushes and fsyncs,
//! PROTOCOL.md §4.3), one writer, as mean / p50 / p99 milliseconds.
//!
//! Run: `cargo bench -p whistlebox-tests --bench relay_ingest` (append
//! `-- store` for the store table only). Prints two Markdown tables for `docs/BENCHMARKS.md`. Not a test: nothing here asserts a
//! time.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::RngCore;
use sha2::{Digest, Sha256};
use whistlebox_relay::store::{Day, Filing, SledStore, Store, CHUNK_SIZE};
use whistlebox_relay::{AppState, Config};

const SIZES: [(&str, u64); 2] = [("64 KiB", 64 * 1024), ("1 MiB", 1024 * 1024)];
const CONCURRENCY: [usize; 2] = [1, 32];

/// Total bodies per (size, concurrency) cell: enough for a stable rate, small
/// enough for a 2-core machine.
fn count_for(plaintext: u64) -> usize {
    if plaintext <= 64 * 1024 {
        320
    } else {
        96
    }
}

fn relay_rate(url: &str, body: &Arc<Vec<u8>>, clients: usize, total: usize) -> Duration {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let (url, body, next) = (url.to_owned(), body.clone(), next.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().build();
                while next.fetch_add(1, Ordering::Relaxed) < total {
                    let issued: serde_json::Value = agent
                        .post(&format!("{url}/api/pow"))
                        .call()
                        .expect("a challenge")
                        .into_json()
                        .expect("JSON challenge");
                    let response = agent
                        .post(&format!("{url}/api/reports"))
                        .set("Whistlebox-Pow", &whistlebox_tests::solve_pow(&issued))
                        .set("Content-Type", "application/octet-stream")
                        .send_bytes(&body)
                        .expect("relay accepts the body");
                    assert_eq!(response.status(), 201);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("client thread");
    }
    start.elapsed()
}

fn sled_rate(dir: &std::path::Path, len: usize, clients: usize, total: usize) -> Duration {
    let db = sled::open(dir).expect("open sled");
    let tree = Arc::new(db.open_tree("bench").expect("tree"));
    let mut value = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut value);
    let value = Arc::new(value);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let (tree, value, next) = (tree.clone(), value.clone(), next.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                tree.insert((i as u64).to_be_bytes(), value.as_slice())
                    .expect("insert");
                tree.flush().expect("flush");
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("sled thread");
    }
    start.elapsed()
}

/// Commits per cell of the store table.
const STORE_COMMITS: usize = 200;

/// Milliseconds per durable commit of a `len`-byte object in the store alone:
/// (mean, p50, p99) over [`STORE_COMMITS`] sequential commits.
fn store_commit_ms(dir: &std::path::Path, len: usize) -> (f64, f64, f64) {
    let store = SledStore::open(dir).expect("open store");
    let mut bytes = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let mut times = Vec::with_capacity(STORE_COMMITS);
    for _ in 0..STORE_COMMITS {
        let start = Instant::now();
        let upload = store.begin().expect("begin");
        for (index, chunk) in bytes.chunks(CHUNK_SIZE).enumerate() {
            store
                .put_chunk(&upload, u32::try_from(index).unwrap(), chunk)
                .expect("put chunk");
        }
        // The relay hashes the body as it streams in (PROTOCOL.md §10.1).
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        store
            .commit(&upload, Filing::report(), Day::today(), len as u64, digest)
            .expect("commit");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (mean, at(0.5), at(0.99))
}

fn main() {
    if !std::env::args().any(|arg| arg == "store") {
        relay_table();
    }
    store_table();
}

fn relay_table() {
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    println!("| body | clients | relay reports/s | raw sled insert+flush/s | relay / sled |");
    println!("|---|---|---|---|---|");
    for (label, plaintext) in SIZES {
        let body = Arc::new(common::envelope_body(3, plaintext));
        for clients in CONCURRENCY {
            let total = count_for(plaintext);
            let tmp = tempfile::tempdir().expect("tempdir");
            let config = Config {
                listen: "127.0.0.1:0".parse().unwrap(),
                // A benchmark of ingest, not of the write-rate bound (PROTOCOL §4.4).
                max_writes_per_minute: u32::MAX,
                // The relay's side of the proof of work (a challenge, a check)
                // is in the figures; the client's solving is not (PROTOCOL §9).
                pow_bits: 0,
                ..Config::new(tmp.path().join("data"), whistlebox_tests::example_team())
            };
            let state = AppState::open(&config).expect("open relay state");
            let listener = runtime
                .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
                .expect("bind");
            let url = format!("http://{}", listener.local_addr().unwrap());
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let server = runtime.spawn(whistlebox_relay::serve(listener, state, async move {
                let _ = stopped.await;
            }));
            let relay = relay_rate(&url, &body, clients, total);
            let _ = stop.send(());
            runtime.block_on(server).expect("join").expect("serve");

            let sled = sled_rate(&tmp.path().join("raw"), body.len(), clients, total);
            let relay_rate = common::rate(total, relay);
            let sled_rate = common::rate(total, sled);
            println!(
                "| {label} | {clients} | {relay_rate:.1} | {sled_rate:.1} | {:.2} |",
                relay_rate / sled_rate
            );
        }
    }
}

fn store_table() {
    println!();
    println!("| object | commits | ms per durable commit: mean | p50 | p99 |");
    println!("|---|---|---|---|---|");
    for (label, plaintext) in SIZES {
        let len = common::envelope_body(3, plaintext).len();
        let tmp = tempfile::tempdir().expect("tempdir");
        let (mean, p50, p99) = store_commit_ms(&tmp.path().join("db"), len);
        println!("| {label} | {STORE_COMMITS} | {mean:.2} | {p50:.2} | {p99:.2} |");
    }
}
