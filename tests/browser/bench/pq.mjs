// Post-quantum vs X25519 benchmark of the reporter's encryption (run by hand:
// `node bench/pq.mjs` in tests/browser; not part of `npm test`). Results go to
// docs/BENCHMARKS.md, "Reporter page: post-quantum vs X25519".
//
// For 5 investigators with X25519 keys (age1…) and 5 with post-quantum
// mlkem768x25519 keys (age1pq1…), in Chromium (JIT) and in Firefox ESR with
// Tor-Browser-Safer prefs (no JIT, no WebAssembly):
//   - the age header size (through the MAC line) and the whole file size;
//   - the time to encrypt a 2 KiB report — its container padded to 64 KiB
//     (PROTOCOL.md §1.3), exactly what the page's worker encrypts — with the
//     page's own code (web/src/encrypt.js encryptContainer → typage), in a Web
//     Worker of the real page's origin (the real relay behind the test proxy;
//     the bench worker is an esbuild bundle of web/src served by the proxy
//     under a test-only path);
//   - for reference, deriving the codename's keys (web/src/mailbox.js
//     mailboxKeys: HKDF, X25519 and the ML-KEM-768 + X25519 reply key, §7.3).
// Each measurement is repeated (--runs, default 15 in Chromium and 7 in
// Firefox Safer, after one warm-up run that is reported apart); the table
// gives the median, min and max. The recipients are fresh keys from typage.
//
// Flags: --only=chromium|firefox-safer, --runs=N, --json (print the raw rows).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser, ready } from '../lib/page.mjs';
import { startProxy } from '../lib/proxy.mjs';
import { ROOT, startRelay } from '../lib/relay.mjs';
import { bundleWorker } from './bundle.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const BROWSERS = args.only ? [args.only] : ['chromium', 'firefox-safer'];
const RUNS = (kind) => Number(args.runs ?? (kind === 'chromium' ? 15 : 7));
const INVESTIGATORS = 5;

/** The bench worker: the page's own encryption and derivation code, nothing else. */
const WORKER_SOURCE = `
import { encodeContainer } from "./src/container.js";
import { encryptContainer } from "./src/encrypt.js";
import { mailboxKeys } from "./src/mailbox.js";

const CODENAME = "correct-battery-staple-velvet-lantern-quarry-puzzle";

function report() {
  // 2 KiB of text in the form's fields, as a reporter would type it.
  const what = "I was asked to stay after the meeting again. ".repeat(40).slice(0, 2048);
  return {
    kind: "report",
    fields: { category: "sexual_harassment", what },
    attachments: [],
    client_time: "2026-11-25",
    locale: "en",
  };
}

function headerLength(bytes) {
  // "\\n--- " starts the MAC line; the header ends with its newline.
  for (let i = 0; i + 5 < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 45 && bytes[i + 2] === 45 && bytes[i + 3] === 45 && bytes[i + 4] === 32) {
      let j = i + 5;
      while (bytes[j] !== 10) j++;
      return j + 1;
    }
  }
  return -1;
}

self.onmessage = async (e) => {
  try {
    const { recipients, runs } = e.data;
    const container = encodeContainer(report(), []);
    const times = [];
    let out;
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      out = await encryptContainer(recipients, container);
      times.push(performance.now() - t0);
    }
    const derive = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      mailboxKeys(CODENAME);
      derive.push(performance.now() - t0);
    }
    self.postMessage({
      container: container.length,
      header: headerLength(out),
      file: out.length,
      stanzas: new TextDecoder().decode(out.subarray(0, headerLength(out))).split("\\n").filter((l) => l.startsWith("-> ")).map((l) => l.split(" ")[1]),
      times,
      derive,
    });
  } catch (err) {
    self.postMessage({ error: String(err && err.stack || err) });
  }
};
`;


async function recipientsOf(kind, n) {
  const age = await import(pathToFileURL(path.join(ROOT, 'web', 'node_modules', 'age-encryption', 'dist', 'index.js')).href);
  const gen = kind === 'pq' ? age.generateHybridIdentity : age.generateX25519Identity;
  return Promise.all(Array.from({ length: n }, async () => age.identityToRecipient(await gen())));
}

function inPage(d, recipients, runs) {
  return d.eval(
    ({ recipients, runs }) =>
      new Promise((resolve, reject) => {
        const w = new Worker('/__bench/pq-worker.js');
        w.onmessage = (e) => {
          w.terminate();
          if (e.data.error) reject(new Error(e.data.error));
          else resolve(e.data);
        };
        w.onerror = (e) => reject(new Error(e.message || 'worker error'));
        w.postMessage({ recipients, runs });
      }),
    { recipients, runs },
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function main() {
  const relay = await startRelay();
  const proxy = await startProxy(relay.url);
  proxy.serve('/__bench/pq-worker.js', 'text/javascript', await bundleWorker(WORKER_SOURCE));
  const keys = { X25519: await recipientsOf('x25519', INVESTIGATORS), mlkem768x25519: await recipientsOf('pq', INVESTIGATORS) };
  const rows = [];
  try {
    for (const kind of BROWSERS) {
      const d = await openBrowser(kind);
      try {
        await ready(d, `${proxy.origin}/`);
        const wasm = await d.eval(() => typeof WebAssembly);
        for (const [type, recipients] of Object.entries(keys)) {
          const r = await inPage(d, recipients, RUNS(kind));
          if (!r.stanzas.every((s) => s === type) || r.stanzas.length !== INVESTIGATORS) {
            throw new Error(`${kind} ${type}: unexpected stanzas ${r.stanzas.join(',')}`);
          }
          const [warm, ...times] = r.times;
          const [dwarm, ...derive] = r.derive;
          const row = {
            browser: kind,
            wasm,
            type,
            runs: times.length,
            container: r.container,
            header: r.header,
            file: r.file,
            first: warm,
            median: median(times),
            min: Math.min(...times),
            max: Math.max(...times),
            deriveFirst: dwarm,
            deriveMedian: median(derive),
          };
          rows.push(row);
          console.log(
            `${kind} (WebAssembly: ${wasm}) ${type}: header ${row.header} B, file ${row.file} B; encrypt median ${ms(row.median)} ms ` +
              `(min ${ms(row.min)}, max ${ms(row.max)}, first ${ms(row.first)}, ${row.runs} runs); mailboxKeys median ${ms(row.deriveMedian)} ms`,
          );
        }
      } finally {
        await d.close();
      }
    }
  } finally {
    await proxy.close();
    await relay.close();
  }
  const name = { chromium: 'Chromium (JIT)', 'firefox-safer': 'Firefox ESR Safer' };
  console.log(`\n| browser | keys (${INVESTIGATORS} investigators) | header | file | encrypt 2 KiB report: median (min–max) | first run | runs |`);
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${name[r.browser]} | ${r.type} | ${r.header} B | ${r.file} B | ${ms(r.median)} ms (${ms(r.min)}–${ms(r.max)}) | ${ms(r.first)} ms | ${r.runs} |`,
    );
  }
  console.log('\n| browser | mailboxKeys (codename → both reply keys): median | first run |');
  console.log('|---|---:|---:|');
  for (const r of rows.filter((x) => x.type === 'X25519')) {
    const all = rows.filter((x) => x.browser === r.browser);
    console.log(`| ${name[r.browser]} | ${ms(median(all.map((x) => x.deriveMedian)))} ms | ${ms(r.deriveFirst)} ms |`);
  }
  if (args.json) console.log(JSON.stringify(rows));
}

await main();
