// Runs the real investigator CLI (target/debug/whistlebox) and the relay's
// token command, for the browser tests' end-to-end checks: pull what the page
// uploaded, decrypt it with the fixture keys, and compare the attachments.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RELAY_BIN, ROOT, requireBinary } from './relay.mjs';

export const CLI_BIN = process.env.WHISTLEBOX_CLI_BIN ?? path.join(ROOT, 'target', 'debug', 'whistlebox');
export const KEYS = {
  alice: path.join(ROOT, 'tests', 'fixtures', 'keys', 'alice.key'),
  bob: path.join(ROOT, 'tests', 'fixtures', 'keys', 'bob.key'),
  carol: path.join(ROOT, 'tests', 'fixtures', 'keys', 'carol.key'),
};
/** The secret keys of keys/team-pq.toml (AGE-SECRET-KEY-PQ-1…, public test keys). */
export const KEYS_PQ = {
  alice: path.join(ROOT, 'tests', 'fixtures', 'keys', 'pq-alice.key'),
  bob: path.join(ROOT, 'tests', 'fixtures', 'keys', 'pq-bob.key'),
  carol: path.join(ROOT, 'tests', 'fixtures', 'keys', 'pq-carol.key'),
};

/** Runs a binary; resolves to { code, stdout, stderr } (never rejects on a non-zero exit). */
export function run(bin, args, { timeout = 300_000 } = {}) {
  requireBinary(bin);
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

export async function whistlebox(args, opts) {
  return run(CLI_BIN, args, opts);
}

/** Like whistlebox(), but throws with the output unless the exit code is 0. */
export async function whistleboxOk(args, opts) {
  const r = await whistlebox(args, opts);
  if (r.code !== 0) throw new Error(`whistlebox ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `whistlebox-relay token create --data DIR` → writes the token to DIR/../token-file; returns its path. */
export async function createTokenFile(dataDir, tokenFile) {
  const r = await run(RELAY_BIN, ['token', 'create', '--data', dataDir]);
  if (r.code !== 0) throw new Error(`token create failed (${r.code}): ${r.stderr}`);
  const token = r.stdout.trim();
  if (!/^wbt_[A-Za-z0-9_-]{43}$/.test(token)) throw new Error(`token create printed ${JSON.stringify(token)}`);
  await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  return tokenFile;
}

/** `pull` from the relay into `store`; returns the store's objects as [{id, seq, kind, day, size, age}]. */
export async function pull({ relayUrl, tokenFile, store }) {
  await whistleboxOk(['pull', '--relay', relayUrl, '--token-file', tokenFile, '--store', store]);
  const dir = path.join(store, 'objects');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out = [];
  for (const n of names) {
    const meta = JSON.parse(await readFile(path.join(dir, n), 'utf8'));
    out.push({ ...meta, age: path.join(dir, n.replace(/\.json$/, '.age')) });
  }
  return out;
}

/** `export ID --format json` with one key; returns { dir, report } (report.json parsed). */
export async function exportCase({ id, store, key, out }) {
  await whistleboxOk(['export', id, '--store', store, '-i', key, '--format', 'json', '--out', out]);
  const cases = (await readdir(out)).filter((n) => n.endsWith(id));
  if (cases.length !== 1) throw new Error(`export wrote ${JSON.stringify(await readdir(out))}, expected one <day>-${id} folder`);
  const dir = path.join(out, cases[0]);
  const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'));
  return { dir, report };
}

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256File(file) {
  return sha256(await readFile(file));
}
