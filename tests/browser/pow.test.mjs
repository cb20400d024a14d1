// The proof of work of anonymous writes (docs/PROTOCOL.md §9) through the
// real page, the real relay at its DEFAULT difficulty, and the recording
// proxy:
//
// 1. Chromium, then Firefox ESR with Tor-Browser-Safer prefs: a report goes
//    through; the page asked for exactly one challenge, before opening the
//    upload session, and sent its solution in the Whistlebox-Pow header of
//    POST /api/uploads only; neither the challenge nor the nonces appear in
//    the relay's log (at trace level) or in any file of its data directory.
// 2. Chromium: the relay restarts (a new key) while the page's session
//    opening is held back, so the relay answers 403 pow_invalid; the worker
//    asks for a new challenge, solves it, and the report arrives.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { filesUnder, makeEvidence, removeDir, tempDir } from './lib/checks.mjs';
import { REPORTS } from './lib/e2e.mjs';
import { chooseTeamAndSubmit, fillForm, openBrowser, ready, waitReceipt } from './lib/page.mjs';
import { startProxy } from './lib/proxy.mjs';
import { startRelay } from './lib/relay.mjs';

/** The relay's default pow_bits (crates/relay/src/config.rs, PROTOCOL.md §9.5). */
const DEFAULT_BITS = 13;
const DEFAULT_PARTS = 8;

/** Starts relay + proxy + browser; runs `body({relay, proxy, d, files})`; cleans up. */
async function withPage(kind, body) {
  const dir = await tempDir('pow');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 64 * 1024);
    // The default difficulty, stated so that lib/relay.mjs does not lower it.
    const relay = await startRelay({ extraArgs: ['--pow-bits', String(DEFAULT_BITS)], env: { RUST_LOG: 'trace' }, keepLog: true });
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser(kind);
    cleanup.push(() => d.close());
    await ready(d, `${proxy.origin}/`);
    await fillForm(d, REPORTS.en(Math.random().toString(36).slice(2, 10)), files.map((f) => f.path));
    return await body({ relay, proxy, d });
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
}

/** The challenges the relay issued (201 answers to POST /api/pow), in order. */
function issued(log) {
  return log
    .filter((e) => e.method === 'POST' && e.path === '/api/pow' && e.status === 201)
    .map((e) => JSON.parse(e.response.toString('utf8')));
}

/** Asserts that `header` solves `challenge` as §9.3 writes it: challenge.nonce×8. */
function assertShape(header, challenge) {
  const [text, ...nonces] = header.split('.');
  assert.equal(text, challenge.challenge, 'the header carries the challenge the relay issued');
  assert.equal(nonces.length, DEFAULT_PARTS);
  for (const n of nonces) assert.match(n, /^(0|[1-9][0-9]*)$/);
}

/** Neither the challenges nor the nonces are in the relay's output or data files (§9.1). */
async function assertNothingKept(relay, headers) {
  const needles = headers.flatMap((h) => {
    const [challenge, ...nonces] = h.split('.');
    return [challenge, nonces.join('.')];
  });
  const output = relay.output();
  assert.ok(output.includes('POST /api/uploads'), 'the trace log does show the requests');
  for (const needle of needles) {
    assert.ok(!output.includes(needle), `the relay's log contains ${needle}`);
  }
  const files = await filesUnder(relay.data);
  assert.ok(files.length > 0);
  for (const file of files) {
    const bytes = await readFile(file);
    for (const needle of needles) {
      assert.equal(bytes.indexOf(Buffer.from(needle)), -1, `${file} contains ${needle}`);
    }
  }
}

for (const kind of ['chromium', 'firefox-safer']) {
  test(`${kind}: a report goes through with the default proof of work, which the relay neither logs nor stores`, { timeout: 600_000 }, async (t) => {
    await withPage(kind, async ({ relay, proxy, d }) => {
      const started = Date.now();
      await chooseTeamAndSubmit(d, []);
      const receipt = await waitReceipt(d, 300_000);
      t.diagnostic(`${kind}: report with a ${DEFAULT_BITS}-bit × ${DEFAULT_PARTS} proof of work sent in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.match(receipt.id, /^[0-9a-f]{32}$/);

      const challenges = issued(proxy.log);
      assert.equal(challenges.length, 1, 'one challenge per report');
      assert.equal(challenges[0].bits, DEFAULT_BITS);
      assert.equal(challenges[0].parts, DEFAULT_PARTS);
      const powAt = proxy.log.findIndex((e) => e.path === '/api/pow');
      const openAt = proxy.log.findIndex((e) => e.method === 'POST' && e.path === '/api/uploads');
      assert.ok(powAt >= 0 && powAt < openAt, 'the challenge is fetched before the session opens');
      const withPow = proxy.log.filter((e) => e.headers['whistlebox-pow'] !== undefined);
      assert.deepEqual(
        withPow.map((e) => `${e.method} ${e.path} ${e.status}`),
        ['POST /api/uploads 201'],
        'only the session opening carries the proof of work',
      );
      assertShape(withPow[0].headers['whistlebox-pow'], challenges[0]);
      await assertNothingKept(relay, [withPow[0].headers['whistlebox-pow']]);
    });
  });
}

test('chromium: a challenge the relay no longer accepts is replaced, solved again, and the report arrives', { timeout: 600_000 }, async () => {
  await withPage('chromium', async ({ relay, proxy, d }) => {
    // Hold the session opening until the relay has restarted with a new key.
    let opening = null;
    const arrived = new Promise((resolve) => {
      proxy.hold((e) => {
        if (e.method === 'POST' && e.path === '/api/uploads' && opening === null) {
          opening = e;
          resolve();
          return true;
        }
        return false;
      });
    });
    await chooseTeamAndSubmit(d, []);
    await arrived;
    await relay.restart();
    proxy.release();
    const receipt = await waitReceipt(d, 300_000);
    assert.match(receipt.id, /^[0-9a-f]{32}$/);

    const openings = proxy.log.filter((e) => e.method === 'POST' && e.path === '/api/uploads');
    assert.equal(openings.length, 2, 'the refused opening, then the one with a new solution');
    assert.equal(openings[0].status, 403);
    assert.equal(JSON.parse(openings[0].response.toString('utf8')).error, 'pow_invalid');
    assert.equal(openings[1].status, 201);
    const challenges = issued(proxy.log);
    assert.equal(challenges.length, 2, 'a second challenge was asked for');
    assertShape(openings[0].headers['whistlebox-pow'], challenges[0]);
    assertShape(openings[1].headers['whistlebox-pow'], challenges[1]);
    await assertNothingKept(relay, openings.map((e) => e.headers['whistlebox-pow']));
  });
});
