// Runs the REAL relay binary (target/debug/whistlebox-relay) for the browser
// tests: on a fresh data directory, on 127.0.0.1, and can stop it (SIGTERM),
// kill it (SIGKILL) and restart it on the same data directory and port — the
// relay-down-mid-upload test needs all three.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (tests/browser/lib → ../../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RELAY_BIN = process.env.WHISTLEBOX_RELAY_BIN ?? path.join(ROOT, 'target', 'debug', 'whistlebox-relay');
export const TEAM_TOML = path.join(ROOT, 'keys', 'team.toml');
/** The same people with post-quantum (mlkem768x25519, age1pq1…) keys. */
export const TEAM_PQ_TOML = path.join(ROOT, 'keys', 'team-pq.toml');

const LISTENING = /whistlebox-relay listening on (http:\/\/127\.0\.0\.1:(\d+))/;

export function requireBinary(bin) {
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`cargo build --workspace --bins\` at the workspace root first`);
  }
}

/**
 * The proof-of-work difficulty of the test relays unless `extraArgs` sets
 * `--pow-bits`: on, so that every write takes the real path (PROTOCOL.md
 * §9), but cheap; tests/browser/pow.test.mjs runs the default.
 */
export const TEST_POW_BITS = '4';

/** Spawns `serve` and resolves once it printed its address. */
function spawnRelay({ data, team, port, extraArgs, env, keepLog }) {
  requireBinary(RELAY_BIN);
  const pow = extraArgs.includes('--pow-bits') ? [] : ['--pow-bits', TEST_POW_BITS];
  const args = ['serve', '--data', data, '--team', team, '--listen', `127.0.0.1:${port}`, ...pow, ...extraArgs];
  const child = spawn(RELAY_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b) => {
    stderr += b;
    if (!keepLog && stderr.length > 100_000) stderr = stderr.slice(-50_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the relay did not print its address within 30 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 30_000);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited (code ${code}, signal ${signal}) before listening\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    child.once('exit', onExit);
    child.stdout.on('data', (b) => {
      stdout += b;
      const m = LISTENING.exec(stdout);
      if (m) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ child, url: m[1], port: Number(m[2]), stdout: () => stdout, stderr: () => stderr });
      }
    });
  });
}

function waitExit(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a relay on a fresh data dir (or `data`), port 0 unless given.
 * `env` is added to the relay's environment (e.g. `{ RUST_LOG: 'trace' }`);
 * `keepLog` keeps its whole stderr (the log) instead of the last 50–100 kB.
 * Returns a handle: { url, port, data, stop(), kill(), restart(), close(), stderr() }.
 * `close()` stops it and deletes a data dir it created.
 */
export async function startRelay({ team = TEAM_TOML, data = null, port = 0, extraArgs = [], env = {}, keepLog = false } = {}) {
  const ownData = data === null;
  const dir = data ?? (await mkdtemp(path.join(tmpdir(), 'whistlebox-relay-')));
  let running;
  try {
    running = await spawnRelay({ data: dir, team, port, extraArgs, env, keepLog });
  } catch (e) {
    if (ownData) await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const past = []; // every stopped process (their output keeps accumulating until exit)
  const keep = () => {
    if (running !== null) past.push(running);
  };
  const handle = {
    url: running.url,
    port: running.port,
    data: dir,
    get running() {
      return running !== null;
    },
    stderr: () => running?.stderr() ?? '',
    /** Everything every process of this relay printed (stdout and stderr), so far. */
    output: () => [...past, ...(running === null ? [] : [running])].map((r) => r.stdout() + r.stderr()).join(''),
    /** SIGTERM, and wait for it to exit. */
    async stop() {
      if (running === null) return;
      const { child } = running;
      keep();
      running = null;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await waitExit(child);
      clearTimeout(timer);
    },
    /** SIGKILL (kill -9), and wait for it to be gone. */
    async kill() {
      if (running === null) return;
      const { child } = running;
      keep();
      running = null;
      child.kill('SIGKILL');
      await waitExit(child);
    },
    /** Starts it again on the same data dir and the same port. */
    async restart() {
      if (running !== null) await handle.stop();
      // The port was just released; retry briefly in case the kernel still holds it.
      let lastError;
      for (let i = 0; i < 20; i++) {
        try {
          running = await spawnRelay({ data: dir, team, port: handle.port, extraArgs, env, keepLog });
          return;
        } catch (e) {
          lastError = e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      throw lastError;
    },
    async close() {
      await handle.stop();
      if (ownData) await rm(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
