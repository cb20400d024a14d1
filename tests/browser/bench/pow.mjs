// Proof-of-work calibration (run by hand: `node bench/pow.mjs` in
// tests/browser; not part of `npm test`). Results go to docs/BENCHMARKS.md,
// "Proof of work", and the default of `pow_bits` (docs/PROTOCOL.md §9.5).
//
// In each browser — Chromium (JIT), Chromium --jitless and Firefox ESR with
// Tor-Browser-Safer prefs (no JIT, no WebAssembly) — a dedicated Worker
// (web/src/pow.js bundled with web/'s esbuild, served same-origin by the
// proxy) measures:
//
// 1. attempts/s of the page's solver (@noble/hashes SHA-256 over the
//    40-byte attempt input), and of WebCrypto's crypto.subtle.digest in
//    batches of 256 (the alternative the page does not use);
// 2. the time to fetch and solve a challenge of the real relay (the default
//    pow_bits and pow_parts unless --bits/--parts), N times (default 30,
//    --solves=N), with the engine web/src/pow.js picks (its probe included):
//    median, p90, p99 and max.
//
// Flags: --only=chromium|chromium-jitless|firefox-safer, --solves=N,
// --bits=B, --parts=K, --rate-ms=MS (default 3000).
import { startProxy } from '../lib/proxy.mjs';
import { openBrowser } from '../lib/page.mjs';
import { startRelay } from '../lib/relay.mjs';
import { bundleWorker } from './bundle.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const BROWSERS = args.only ? [args.only] : ['chromium', 'chromium-jitless', 'firefox-safer'];
const SOLVES = Number(args.solves ?? 30);
const RATE_MS = Number(args['rate-ms'] ?? 3000);

const WORKER_SOURCE = `
import { sha256 } from "@noble/hashes/sha2.js";
import { fetchChallenge, solve } from "./src/pow.js";

async function nobleRate(ms) {
  const input = new Uint8Array(40);
  const view = new DataView(input.buffer);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 1000; i++) {
      view.setUint32(36, n++);
      sha256(input);
    }
  }
  return n / ((performance.now() - start) / 1000);
}

async function webcryptoRate(ms) {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const batch = [];
    for (let i = 0; i < 256; i++) {
      const input = new Uint8Array(40);
      new DataView(input.buffer).setUint32(36, n++);
      batch.push(crypto.subtle.digest("SHA-256", input));
    }
    await Promise.all(batch);
  }
  return n / ((performance.now() - start) / 1000);
}

self.onmessage = async (e) => {
  try {
    if (e.data.mode === "rate") {
      const noble = await nobleRate(e.data.ms);
      const webcrypto = await webcryptoRate(e.data.ms);
      self.postMessage({ noble, webcrypto });
    } else {
      const issued = await fetchChallenge(fetch, new URL("/api/pow", self.location.href));
      const start = performance.now();
      let engine = null;
      const nonces = await solve(issued, { onProgress: (a, e) => (engine = e) });
      self.postMessage({ ms: performance.now() - start, bits: issued.bits, parts: issued.parts, nonces, engine });
    }
  } catch (err) {
    self.postMessage({ error: String(err && err.message || err) });
  }
};
`;

/** Runs one message through a fresh worker in the page; resolves to its answer. */
function inWorker(d, message) {
  return d.eval(
    (message) =>
      new Promise((resolve, reject) => {
        const w = new Worker('/__bench/pow-worker.js');
        w.onmessage = (e) => {
          w.terminate();
          if (e.data.error) reject(new Error(e.data.error));
          else resolve(e.data);
        };
        w.onerror = (e) => reject(new Error(e.message || 'worker error'));
        w.postMessage(message);
      }),
    message,
  );
}

function quantile(sorted, q) {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const s = (ms) => (ms / 1000).toFixed(2);
const k = (rate) => `${(rate / 1000).toFixed(1)} k`;

async function main() {
  const extraArgs = [];
  if (args.bits) extraArgs.push('--pow-bits', String(args.bits));
  if (args.parts) extraArgs.push('--pow-parts', String(args.parts));
  if (!args.bits) extraArgs.push('--pow-bits', '13'); // the default, stated (lib/relay.mjs may lower it)
  const relay = await startRelay({ extraArgs });
  const proxy = await startProxy(relay.url);
  proxy.serve('/__bench/pow-worker.js', 'text/javascript', await bundleWorker(WORKER_SOURCE));
  const rows = [];
  try {
    for (const kind of BROWSERS) {
      const d = await openBrowser(kind);
      try {
        await d.goto(`${proxy.origin}/`);
        const rate = await inWorker(d, { mode: 'rate', ms: RATE_MS });
        const times = [];
        let setting = null;
        const engines = new Set();
        for (let i = 0; i < SOLVES; i++) {
          const r = await inWorker(d, { mode: 'solve' });
          setting = `${r.bits} bits × ${r.parts} parts`;
          engines.add(r.engine);
          times.push(r.ms);
          process.stderr.write(`${kind}: solve ${i + 1}/${SOLVES}: ${s(r.ms)} s\n`);
        }
        times.sort((a, b) => a - b);
        const row = {
          kind,
          noble: rate.noble,
          webcrypto: rate.webcrypto,
          setting,
          engine: [...engines].join('+'),
          median: quantile(times, 0.5),
          p90: quantile(times, 0.9),
          p99: quantile(times, 0.99),
          max: times[times.length - 1],
          mean: times.reduce((a, b) => a + b, 0) / times.length,
        };
        rows.push(row);
        process.stderr.write(`${JSON.stringify(row)}\n`);
      } finally {
        await d.close();
      }
    }
  } finally {
    await proxy.close();
    await relay.close();
  }
  console.log(`| browser | noble SHA-256 attempts/s | WebCrypto digest/s (batches of 256) | engine picked | setting | solves | median | p90 | p99 | max | mean |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    console.log(
      `| ${r.kind} | ${k(r.noble)} | ${k(r.webcrypto)} | ${r.engine} | ${r.setting} | ${SOLVES} | ${s(r.median)} s | ${s(r.p90)} s | ${s(r.p99)} s | ${s(r.max)} s | ${s(r.mean)} s |`,
    );
  }
}

await main();
