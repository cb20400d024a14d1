// Reporter-page benchmark (run by hand: `node bench/page.mjs` in tests/browser;
// not part of `npm test`). Results go to docs/BENCHMARKS.md, "Reporter page".
//
// 1. Time to encrypt and upload 1, 16 and 64 MiB through the page (one
//    attachment, all three example investigators, real relay behind the
//    proxy), in Chromium (JIT) and Firefox ESR with Tor-Browser-Safer prefs —
//    each next to raw typage streaming encryption of the same number of bytes
//    in the same browser, same origin, same run (a tiny esbuild bundle of
//    web/node_modules/age-encryption in a classic Worker, served by the proxy
//    under a test-only path). The ratio is page / raw.
// 2. Renderer memory for a 256 MiB attachment in Chromium: VmRSS of every
//    renderer process of this browser (/proc/<pid>/status, which covers the
//    page's main thread AND its encryption worker — CDP's JSHeapUsedSize would
//    see only the main thread's heap), sampled every 250 ms, before and during
//    the upload; plus the same for 16 MiB as a reference point.
//
//    With --heap, also the encryption worker's V8 heap through CDP (a page
//    session auto-attached to the worker target): after a forced GC
//    (HeapProfiler.collectGarbage) at every sample, Runtime.getHeapUsage's
//    live JS heap and ArrayBuffer backing stores — what the worker really
//    holds, as opposed to garbage the allocator has not returned yet. The
//    forced GCs change the RSS numbers, so --heap runs are for diagnosis.
//
// Flags: --only=chromium|firefox-safer, --sizes=1,16,64, --no-memory, --memory-only,
// --memory-sizes=16,64,256, --worker=FILE, --heap, --trace (print every memory sample).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MiB, pseudoRandom, removeDir, tempDir } from '../lib/checks.mjs';
import { chooseTeamAndSubmit, fillForm, openBrowser, ready } from '../lib/page.mjs';
import { startProxy } from '../lib/proxy.mjs';
import { startRelay } from '../lib/relay.mjs';
import { bundleWorker } from './bundle.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const BROWSERS = args.only ? [args.only] : ['chromium', 'firefox-safer'];
const SIZES = args['memory-only'] ? [] : (args.sizes ?? '1,16,64').split(',').map(Number);
const MEMORY = !args['no-memory'];
const MEMORY_SIZES = (args['memory-sizes'] ?? '16,64,256').split(',').map(Number);
const HEAP = Boolean(args.heap);
const TRACE = Boolean(args.trace);
const DUMP = Boolean(args.dump);

/**
 * Chromium memory-infra (Tracing with the disabled-by-default-memory-infra
 * category): dump() asks every process for a memory dump; finish() ends the
 * trace and returns, per dump of process `pid`, its allocators' sizes.
 */
async function memoryInfra(d) {
  const cdp = await d.launched.context.newCDPSession(d.page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const ended = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], excludedCategories: ['*'], memoryDumpConfig: { triggers: [] } },
  });
  return {
    dump: () => cdp.send('Tracing.requestMemoryDump', { deterministic: false, levelOfDetail: 'detailed' }).catch(() => {}),
    async finish(pid) {
      await cdp.send('Tracing.end');
      await ended;
      await cdp.detach().catch(() => {});
      const out = [];
      for (const e of events) {
        if (e.ph !== 'v' || e.pid !== pid || !e.args?.dumps?.allocators) continue;
        const sizes = {};
        for (const [name, a] of Object.entries(e.args.dumps.allocators)) {
          const v = a.attrs?.size?.value;
          if (v !== undefined && name.split('/').length <= 3) sizes[name] = parseInt(v, 16);
        }
        out.push({ ts: e.ts, sizes });
      }
      return out.sort((a, b) => a.ts - b.ts);
    },
  };
}

const WORKER_SOURCE = `
import { Encrypter } from "age-encryption";
self.onmessage = async ({ data: { size, recipients } }) => {
  try {
    const block = new Uint8Array(1 << 20);
    for (let i = 0; i < block.length; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
    let produced = 0;
    const input = new ReadableStream({
      pull(c) {
        if (produced >= size) return c.close();
        const n = Math.min(block.length, size - produced);
        c.enqueue(block.slice(0, n));
        produced += n;
      },
    });
    const t0 = performance.now();
    const e = new Encrypter();
    for (const r of recipients) e.addRecipient(r);
    const reader = (await e.encrypt(input)).getReader();
    let out = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out += value.length;
    }
    self.postMessage({ ms: performance.now() - t0, out });
  } catch (err) {
    self.postMessage({ error: String(err && err.message || err) });
  }
};
`;

/** Installs an in-page stopwatch: from the progress view appearing to the confirmation. */
function installStopwatch(d) {
  return d.eval(() => {
    window.__wbT = {};
    new MutationObserver(() => {
      const v = document.body.dataset.view;
      if (v === 'progress' && window.__wbT.start === undefined) window.__wbT.start = performance.now();
      if (v === 'done' && window.__wbT.end === undefined) window.__wbT.end = performance.now();
    }).observe(document.body, { attributes: true, attributeFilter: ['data-view'] });
  });
}

async function pageRun(d, origin, file, onTick = null) {
  await ready(d, `${origin}/`);
  await installStopwatch(d);
  await fillForm(d, { category: 'other', what: 'benchmark report' }, [file]);
  await chooseTeamAndSubmit(d, []);
  for (;;) {
    const s = await d.eval(() => ({ t: window.__wbT, view: document.body.dataset.view, error: document.getElementById('error').hidden ? null : document.getElementById('error-detail-text').textContent }));
    if (s.t.end !== undefined) return (s.t.end - s.t.start) / 1000;
    if (s.error) throw new Error(`${d.kind}: upload failed: ${s.error}`);
    if (onTick) await onTick();
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function rawTypage(d, size, recipients) {
  const r = await d.eval(
    ({ size, recipients }) =>
      new Promise((resolve, reject) => {
        const w = new Worker('/__bench/typage-worker.js');
        w.onmessage = (e) => {
          w.terminate();
          if (e.data.error) reject(new Error(e.data.error));
          else resolve(e.data);
        };
        w.onerror = (e) => reject(new Error(e.message || 'worker error'));
        w.postMessage({ size, recipients });
      }),
    { size, recipients },
  );
  return r.ms / 1000;
}

// --- renderer memory (/proc) ---------------------------------------------

async function procInfo(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    // Chromium rewrites its argv into one space-separated string: match on the whole line.
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { pid: Number(pid), ppid: Number(/^PPid:\s+(\d+)/m.exec(status)[1]), rss: field('VmRSS'), hwm: field('VmHWM'), cmd };
  } catch {
    return null;
  }
}

/** Renderer processes descending from this node process (playwright spawned the browser). */
async function renderers() {
  const all = (await Promise.all((await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(procInfo))).filter(Boolean);
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const mine = (p) => {
    for (let q = p, i = 0; q && i < 20; q = byPid.get(q.ppid), i++) if (q.ppid === process.pid) return true;
    return false;
  };
  return all.filter((p) => p.cmd.includes('--type=renderer') && !p.cmd.includes('--extension-process') && mine(p));
}

/**
 * The page's dedicated workers through CDP: a page session auto-attached to
 * worker targets (non-flattened, so messages go through
 * Target.sendMessageToTarget; playwright's own sessions are untouched).
 * sample() forces a GC in each worker and returns its heap usage.
 */
async function workerHeapProbe(d) {
  const cdp = await d.launched.context.newCDPSession(d.page);
  const workers = new Set();
  const pending = new Map();
  let nextId = 0;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const call = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      setTimeout(() => {
        if (pending.delete(id)) reject(new Error(`${method}: no answer`));
      }, 5000);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return {
    async sample() {
      let best = null;
      for (const s of workers) {
        try {
          await call(s, 'HeapProfiler.collectGarbage');
          const u = await call(s, 'Runtime.getHeapUsage');
          const live = u.usedSize + (u.backingStorageSize ?? 0);
          if (best === null || live > best.live) best = { live, used: u.usedSize, total: u.totalSize, backing: u.backingStorageSize ?? 0 };
        } catch {
          // the worker went away between listing and asking
        }
      }
      return best;
    },
    close: () => cdp.detach().catch(() => {}),
  };
}

async function memoryRun(d, origin, file) {
  await ready(d, `${origin}/`);
  const probe = HEAP ? await workerHeapProbe(d) : null;
  const infra = DUMP ? await memoryInfra(d) : null;
  let lastDump = 0;
  const base = new Map((await renderers()).map((p) => [p.pid, p.rss]));
  let peak = new Map(base);
  let heap = null; // the worker's largest post-GC heap seen
  const t0 = Date.now();
  const track = async () => {
    const rs = await renderers();
    for (const p of rs) peak.set(p.pid, Math.max(peak.get(p.pid) ?? 0, p.rss));
    const h = probe ? await probe.sample() : null;
    if (h && (heap === null || h.live > heap.live)) heap = h;
    if (infra && Date.now() - lastDump > 3000) {
      lastDump = Date.now();
      await infra.dump();
    }
    if (TRACE) {
      const top = rs.reduce((a, p) => (a === null || p.rss - (base.get(p.pid) ?? p.rss) > a.rss - (base.get(a.pid) ?? a.rss) ? p : a), null);
      const grow = top ? top.rss - (base.get(top.pid) ?? top.rss) : 0;
      console.log(`  t=${((Date.now() - t0) / 1000).toFixed(1)}s rss+${mb(grow)} MiB${h ? ` worker heap ${mb(h.used)} MiB (total ${mb(h.total)}) + buffers ${mb(h.backing)} MiB` : ''}`);
    }
  };
  const seconds = await pageRun(d, origin, file, track);
  await track();
  await probe?.close();
  if (infra) {
    await infra.dump();
    let top = null;
    for (const [pid, max] of peak) if (top === null || max - (base.get(pid) ?? max) > top.g) top = { pid, g: max - (base.get(pid) ?? max) };
    for (const dump of await infra.finish(top.pid)) {
      const big = Object.entries(dump.sizes).filter(([, v]) => v >= MiB).sort((a, b) => b[1] - a[1]);
      console.log(`  dump: ${big.map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`);
    }
  }
  // The renderer that grew most is the page's (the others are spare renderers).
  let best = null;
  for (const [pid, max] of peak) {
    const growth = max - (base.get(pid) ?? max);
    if (best === null || growth > best.growth) best = { pid, growth, base: base.get(pid) ?? 0, peak: max };
  }
  return { seconds, ...best, heap };
}

// --------------------------------------------------------------------------

const mb = (b) => (b / MiB).toFixed(1);

async function main() {
  const dir = await tempDir('bench');
  const relay = await startRelay({ extraArgs: ['--max-body-bytes', String(600 * MiB)] });
  const proxy = await startProxy(relay.url);
  proxy.serve('/__bench/typage-worker.js', 'text/javascript', await bundleWorker(WORKER_SOURCE));
  // --worker=FILE: serve this bundle as the page's worker instead of the relay's
  // embedded one (compare worker variants without rebuilding the relay).
  if (typeof args.worker === 'string') proxy.serve('/assets/worker.js', 'text/javascript', await readFile(args.worker));
  const team = await (await fetch(`${relay.url}/api/team`)).json();
  const recipients = team.investigators.map((i) => i.recipient);
  const rows = [];
  const mem = [];
  try {
    const files = {};
    for (const s of [...new Set([...SIZES, ...(MEMORY ? MEMORY_SIZES : [])])]) {
      files[s] = path.join(dir, `attachment-${s}MiB.bin`);
      await writeFile(files[s], pseudoRandom(s * MiB));
    }
    for (const kind of BROWSERS) {
      const d = await openBrowser(kind);
      try {
        for (const s of SIZES) {
          const page = await pageRun(d, proxy.origin, files[s]);
          const raw = await rawTypage(d, s * MiB, recipients);
          const row = { browser: kind, size: s, page, raw, ratio: page / raw };
          rows.push(row);
          console.log(`${kind} ${s} MiB: page ${page.toFixed(2)} s (${(s / page).toFixed(2)} MiB/s), raw typage ${raw.toFixed(2)} s (${(s / raw).toFixed(2)} MiB/s), ratio ${row.ratio.toFixed(2)}`);
        }
        if (MEMORY && kind === 'chromium') {
          for (const s of MEMORY_SIZES) {
            const m = await memoryRun(d, proxy.origin, files[s]);
            mem.push({ size: s, ...m });
            const h = m.heap ? `; worker after GC: JS heap ${mb(m.heap.used)} MiB + ArrayBuffers ${mb(m.heap.backing)} MiB` : '';
            console.log(`chromium memory ${s} MiB: renderer VmRSS ${mb(m.base)} → peak ${mb(m.peak)} MiB (growth ${mb(m.growth)} MiB), ${m.seconds.toFixed(1)} s${h}`);
          }
        }
      } finally {
        await d.close();
      }
    }
  } finally {
    await proxy.close();
    await relay.close();
    await removeDir(dir);
  }
  console.log('\n| browser | size | page: encrypt + upload | raw typage streaming encrypt | page / raw |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.browser} | ${r.size} MiB | ${r.page.toFixed(2)} s (${(r.size / r.page).toFixed(2)} MiB/s) | ${r.raw.toFixed(2)} s (${(r.size / r.raw).toFixed(2)} MiB/s) | ${r.ratio.toFixed(2)} |`);
  }
  if (mem.length) {
    console.log('\n| attachment | renderer VmRSS before | peak during upload | growth | upload time |');
    console.log('|---:|---:|---:|---:|---:|');
    for (const m of mem) console.log(`| ${m.size} MiB | ${mb(m.base)} MiB | ${mb(m.peak)} MiB | ${mb(m.growth)} MiB | ${m.seconds.toFixed(1)} s |`);
  }
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}`);
}

await main();
