//! The proof of work's cost with native code (PROTOCOL.md §9): what a
//! spammer pays per write when not in a browser. One core, the workspace's
//! `sha2` (the crate the relay uses). Prints a table for docs/BENCHMARKS.md,
//! "Proof of work". `cargo bench -p whistlebox-tests --bench pow`.

use std::time::{Duration, Instant};

use whistlebox_core::pow::{attempt, seed, solve, Challenge};

/// Attempts per second of one core, over about `time`.
fn attempts_per_second(time: Duration) -> f64 {
    let challenge = Challenge::new(Challenge::signed(32, 1, 0, [3; 16]), [4; 16]);
    let seed = seed(&challenge, 0);
    let start = Instant::now();
    let mut nonce = 0u64;
    let mut sink = 0u8;
    while start.elapsed() < time {
        for _ in 0..10_000 {
            sink ^= attempt(&seed, nonce)[0];
            nonce += 1;
        }
    }
    std::hint::black_box(sink);
    nonce as f64 / start.elapsed().as_secs_f64()
}

/// Seconds per solve of `solves` fresh challenges of `bits` × `parts`.
fn solve_times(bits: u8, parts: u8, solves: u32) -> Vec<f64> {
    (0..solves)
        .map(|i| {
            let mut random = [0u8; 16];
            random[..4].copy_from_slice(&i.to_be_bytes());
            let challenge = Challenge::new(Challenge::signed(bits, parts, 600, random), [0; 16]);
            let start = Instant::now();
            std::hint::black_box(solve(&challenge));
            start.elapsed().as_secs_f64()
        })
        .collect()
}

fn main() {
    let rate = attempts_per_second(Duration::from_secs(3));
    println!("native SHA-256 attempts/s, one core: {:.2} M", rate / 1e6);
    println!();
    println!("| setting | expected attempts | solves | median | p90 | mean | writes/s per core |");
    println!("|---|---|---|---|---|---|---|");
    for (bits, parts) in [(12u8, 8u8), (13, 8), (14, 8), (13, 1)] {
        let mut times = solve_times(bits, parts, 200);
        times.sort_by(f64::total_cmp);
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        let at = |q: f64| times[((q * times.len() as f64).ceil() as usize).saturating_sub(1)];
        println!(
            "| {bits} bits × {parts} | {} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.0} |",
            u64::from(parts) << bits,
            times.len(),
            at(0.5) * 1e3,
            at(0.9) * 1e3,
            mean * 1e3,
            1.0 / mean
        );
    }
}
