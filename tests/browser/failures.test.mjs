// Test 4: failure paths, in Chromium.
//   (a) the relay serves a malformed key, (b) a mixed X25519 + age1pq1 key
//   set (announced as X25519, and (b′) as mlkem768x25519, in 简体中文) → the
//   page explains (a mix with its own message, error.keys_mixed), #submit
//   cannot upload, the relay gets no POST/PUT at all (the recording proxy
//   stands in for the hostile relay);
//   (c) the relay is killed (-9) right after the first part is acknowledged
//   and restarted on the same port → the page shows the retry note, resumes
//   from GET /api/uploads/{id}'s `received` without re-sending acknowledged
//   parts, and the report arrives intact;
//   (d) the relay is out of room (503 storage_full, Retry-After 3600) → the
//   page says, in 简体中文, to try again in 60 minutes, and nothing is sent
//   after the refused session opening; (e) the write rate is spent (429
//   rate_limited) → the worker waits out Retry-After, then the report arrives.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { checkCapturedBodies, makeEvidence, MiB, removeDir, tempDir } from './lib/checks.mjs';
import { createTokenFile, exportCase, KEYS, pull, sha256 } from './lib/cli.mjs';
import { REPORTS, formTexts } from './lib/e2e.mjs';
import { LOCALE_TABLES, chooseTeamAndSubmit, fillForm, openBrowser, ready, switchLanguage, waitReceipt } from './lib/page.mjs';
import { partPuts, startProxy } from './lib/proxy.mjs';
import { ROOT, startRelay } from './lib/relay.mjs';
import { POW_HEADER, solvedHeader } from '../../web/src/pow.js';

const hex = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
const shortFp = (r) => hex(r).slice(0, 16).match(/.{4}/g).join(' ');

/** Recomputes both fingerprints (PROTOCOL.md §3), as a consistent hostile relay would. */
function refingerprint(team) {
  for (const inv of team.investigators) inv.fingerprint = shortFp(inv.recipient);
  const sorted = [...team.investigators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let text = `whistlebox-keyset-v1\nname ${team.name}\n`;
  for (const inv of sorted) text += `investigator ${inv.id} ${inv.recipient}\nname ${inv.name}\nrole ${inv.role}\n`;
  team.fingerprint = hex(text);
  return team;
}

/** A fresh post-quantum recipient from typage itself (web/node_modules). */
async function pqRecipient() {
  const age = await import(pathToFileURL(path.join(ROOT, 'web', 'node_modules', 'age-encryption', 'dist', 'index.js')).href);
  return age.identityToRecipient(await age.generateHybridIdentity());
}

/**
 * The relay's team answer is rewritten by `rewrite`; the page must refuse in
 * the team view with the locale string `errorKey` (in `lang`) and a detail
 * matching `detailPattern`, and send nothing.
 */
async function refusesToSend(t, rewrite, detailPattern, { errorKey = 'error.keys', lang = 'en' } = {}) {
  const dir = await tempDir('badkeys');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 64 * 1024);
    const relay = await startRelay();
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    proxy.rewriteTeam = rewrite;
    const d = await openBrowser('chromium');
    cleanup.push(() => d.close());

    await ready(d, `${proxy.origin}/`);
    if (lang !== 'en') await switchLanguage(d, lang);
    const report = REPORTS[lang]('badkeys');
    await fillForm(d, report, files.map((f) => f.path));
    await d.click('#to-team');
    await d.waitView('team');
    await d.waitFor(() => !document.getElementById('error').hidden, undefined, { what: '#error' });
    assert.equal((await d.text('#error-text')).trim(), LOCALE_TABLES[lang][errorKey]);
    assert.match(await d.text('#error-detail-text'), detailPattern);
    assert.equal(await d.isVisible('#team-box'), false, 'no team is offered');
    assert.equal(await d.eval(() => document.getElementById('submit').disabled), true, '#submit is disabled');
    // Even a forced click (bypassing the disabled state) must not send anything.
    await d.eval(() => {
      const b = document.getElementById('submit');
      b.disabled = false;
      b.click();
    });
    await new Promise((r) => setTimeout(r, 2000));
    assert.notEqual(await d.eval(() => document.body.dataset.view), 'progress');
    assert.equal((await d.text('#error-text')).trim(), LOCALE_TABLES[lang][errorKey]);
    const writes = proxy.log.filter((e) => e.method !== 'GET');
    assert.deepEqual(writes.map((e) => `${e.method} ${e.path}`), [], 'the relay got no POST/PUT/DELETE');
    assert.ok(proxy.log.every((e) => e.body.length === 0), 'no request carried a body');
    assert.ok(proxy.log.filter((e) => e.path === '/api/team').length >= 1);
    t.diagnostic(`error shown: ${await d.text('#error-detail-text')}`);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
}

test('(a) a malformed key from the relay: the page refuses and sends nothing', { timeout: 120_000 }, async (t) => {
  await refusesToSend(
    t,
    (team) => {
      const alice = team.investigators.find((i) => i.id === 'alice');
      // Change one character of the bech32 data: the checksum no longer holds.
      const r = alice.recipient;
      const i = 20;
      alice.recipient = r.slice(0, i) + (r[i] === 'q' ? 'p' : 'q') + r.slice(i + 1);
      return refingerprint(team);
    },
    /alice.*malformed|malformed.*alice/,
  );
});

test('(b) a mixed X25519 + age1pq1 key set: the page says so and sends nothing', { timeout: 120_000 }, async (t) => {
  const pq = await pqRecipient();
  assert.match(pq, /^age1pq1/);
  await refusesToSend(
    t,
    (team) => {
      team.investigators.find((i) => i.id === 'bob').recipient = pq;
      return refingerprint(team);
    },
    /mixes X25519.*post-quantum/,
    { errorKey: 'error.keys_mixed' },
  );
});

test('(b′) a mixed key set announced as mlkem768x25519, in 简体中文: refused as mixed, nothing sent', { timeout: 120_000 }, async (t) => {
  const pqs = [await pqRecipient(), await pqRecipient()];
  await refusesToSend(
    t,
    (team) => {
      // Two post-quantum keys and one X25519 key, under a post-quantum label.
      team.stanza_type = 'mlkem768x25519';
      team.investigators.find((i) => i.id === 'alice').recipient = pqs[0];
      team.investigators.find((i) => i.id === 'carol').recipient = pqs[1];
      return refingerprint(team);
    },
    /mixes X25519.*post-quantum/,
    { errorKey: 'error.keys_mixed', lang: 'zh-CN' },
  );
});

test('(c) the relay dies mid-upload and comes back: the upload resumes and the report arrives intact', { timeout: 600_000 }, async (t) => {
  const dir = await tempDir('resume');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 12 * MiB);
    const relay = await startRelay();
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser('chromium');
    cleanup.push(() => d.close());

    await ready(d, `${proxy.origin}/`);
    const report = REPORTS.en('resume');
    await fillForm(d, report, files.map((f) => f.path));

    // Hold every later part at the proxy so that the kill lands exactly
    // between "part 0 acknowledged" and "part 1 reaches the relay".
    const isPart = (e, pred) => {
      const m = /^\/api\/uploads\/[0-9a-f]{32}\/parts\/(\d+)$/.exec(e.path);
      return e.method === 'PUT' && m !== null && pred(Number(m[1]));
    };
    proxy.hold((e) => isPart(e, (n) => n >= 1));
    const part0 = proxy.waitFor((e) => isPart(e, (n) => n === 0) && e.status === 200, 'acknowledged part 0', 300_000);
    await chooseTeamAndSubmit(d, []);
    await part0;
    await relay.kill();
    const killedAt = proxy.log.length;
    proxy.release();
    t.diagnostic('relay killed (-9) after part 0 was acknowledged');

    await d.waitFor(
      (text) => {
        const note = document.getElementById('retry-note');
        return !note.hidden && note.textContent === text;
      },
      LOCALE_TABLES.en['progress.retrying'],
      { what: 'the retry note', timeout: 60_000 },
    );
    assert.equal(await d.eval(() => document.body.dataset.view), 'progress');
    await new Promise((r) => setTimeout(r, 3000));
    await relay.restart();
    t.diagnostic(`relay restarted on the same port ${relay.port}`);

    const receipt = await waitReceipt(d, 300_000);
    const sent = checkCapturedBodies(proxy.log, { texts: formTexts(report), attachments: files });
    assert.ok(sent.parts >= 3, `expected at least 3 parts, got ${sent.parts}`);

    // The spec'd resumption (PROTOCOL.md §4.7): ask the relay how many parts it holds, continue from there.
    const after = proxy.log.slice(killedAt);
    const failed = after.filter((e) => e.status === null);
    assert.ok(failed.length >= 1, 'some request failed while the relay was down');
    const statusPath = `/api/uploads/${sent.upload}`;
    const resume = after.find((e) => e.method === 'GET' && e.path === statusPath && e.status === 200);
    assert.ok(resume, `no GET ${statusPath} answered after the restart`);
    const received = JSON.parse(resume.response.toString()).received;
    assert.equal(received, 1, 'the relay held exactly the acknowledged part 0');
    const putsAfter = partPuts(after);
    assert.ok(!putsAfter.some((p) => p.part === 0), 'part 0 was sent again after the relay went down');
    assert.ok(!putsAfter.some((p) => p.part < received), 'an acknowledged part was sent again');
    t.diagnostic(
      `after the kill: ${after
        .map((e) => `${e.method} ${e.path.replace(/[0-9a-f]{32}/, '{id}')} → ${e.status ?? 'dropped'}`)
        .join('; ')}`,
    );
    const firstOk = putsAfter.find((p) => p.n > resume.n && p.status === 200);
    assert.equal(firstOk.part, received, 'the upload resumed at the first part the relay did not hold');

    // The report arrives intact.
    const tokenFile = await createTokenFile(relay.data, path.join(dir, 'token'));
    const store = path.join(dir, 'store');
    const objects = await pull({ relayUrl: relay.url, tokenFile, store });
    assert.equal(objects.length, 1);
    assert.equal(objects[0].id, receipt.id);
    assert.equal(sha256(await readFile(objects[0].age)), sha256(sent.ciphertext));
    const { dir: caseDir, report: exported } = await exportCase({ id: receipt.id, store, key: KEYS.alice, out: path.join(dir, 'out') });
    assert.equal(exported.manifest.fields.what, report.what);
    for (const [i, f] of files.entries()) {
      const bytes = await readFile(path.join(caseDir, exported.attachments[i].path));
      assert.equal(sha256(bytes), sha256(f.bytes), `${f.name} is byte-identical`);
    }
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});

test('(d) the relay is out of room (503 storage_full, Retry-After 3600), in 简体中文: the page says to try again in 60 minutes, nothing is stored', { timeout: 120_000 }, async (t) => {
  const dir = await tempDir('storagefull');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 64 * 1024);
    // A one-byte quota: the empty database already holds more (PROTOCOL §4.4).
    const relay = await startRelay({ extraArgs: ['--max-store-bytes', '1'] });
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser('chromium');
    cleanup.push(() => d.close());

    await ready(d, `${proxy.origin}/`);
    await switchLanguage(d, 'zh-CN');
    await fillForm(d, REPORTS['zh-CN']('storagefull'), files.map((f) => f.path));
    await chooseTeamAndSubmit(d, []);
    await d.waitFor(() => document.body.dataset.view === 'team' && !document.getElementById('error').hidden, undefined, {
      what: '#error',
      timeout: 60_000,
    });
    // Retry-After is beyond the worker's 5-minute bound: no waiting, the reporter is told.
    const expected = LOCALE_TABLES['zh-CN']['error.storage_full'].replace('{minutes}', '60');
    assert.equal((await d.text('#error-text')).trim(), expected);
    assert.match(await d.text('#error-detail-text'), /storage_full/);
    const writes = proxy.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path} ${e.status}`);
    assert.deepEqual(writes, ['POST /api/pow 201', 'POST /api/uploads 503'], 'a proof-of-work challenge, one refused session opening, no part');
    const refused = proxy.log.find((e) => e.method === 'POST' && e.path === '/api/uploads');
    assert.equal(JSON.parse(refused.response.toString()).retry_after, 3600);
    t.diagnostic(`error shown: ${expected}`);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});

test('(e) the write rate is spent (429 rate_limited): the worker waits out Retry-After, then the report arrives', { timeout: 300_000 }, async (t) => {
  const dir = await tempDir('ratelimited');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 64 * 1024);
    const relay = await startRelay({ extraArgs: ['--max-writes-per-minute', '1'] });
    cleanup.push(() => relay.close());
    // Someone else takes the one write of this minute (with its proof of work, PROTOCOL §9).
    const pow = await solvedHeader(fetch, relay.url);
    const spent = await fetch(`${relay.url}/api/uploads`, { method: 'POST', headers: { [POW_HEADER]: pow } });
    assert.equal(spent.status, 201);
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const times = [];
    proxy.events.on('request', (e) => {
      if (e.method === 'POST' && e.path === '/api/uploads') times.push(Date.now());
    });
    const d = await openBrowser('chromium');
    cleanup.push(() => d.close());

    await ready(d, `${proxy.origin}/`);
    await fillForm(d, REPORTS.en('ratelimited'), files.map((f) => f.path));
    await chooseTeamAndSubmit(d, []);
    await d.waitFor(
      (text) => {
        const note = document.getElementById('retry-note');
        return !note.hidden && note.textContent === text;
      },
      LOCALE_TABLES.en['progress.retrying'],
      { what: 'the retry note', timeout: 60_000 },
    );
    const receipt = await waitReceipt(d, 180_000);
    assert.match(receipt.id, /^[0-9a-f]{32}$/);
    const opens = proxy.log.filter((e) => e.method === 'POST' && e.path === '/api/uploads');
    assert.equal(opens[0].status, 429);
    const retryAfter = JSON.parse(opens[0].response.toString()).retry_after;
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(opens.at(-1).status, 201);
    // A 429 does not spend the proof of work (§9.4): the worker sent the same one again.
    assert.equal(opens.at(-1).headers['whistlebox-pow'], opens[0].headers['whistlebox-pow']);
    const waited = (times[1] - times[0]) / 1000;
    assert.ok(waited >= retryAfter - 1, `the worker waited ${waited} s for a Retry-After of ${retryAfter} s`);
    t.diagnostic(`429 with Retry-After ${retryAfter} s; the worker retried after ${waited.toFixed(1)} s; ${opens.length} session openings`);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});
