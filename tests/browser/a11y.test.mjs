// Tests 5 and 6, in Chromium: axe-core finds zero violations on every view
// (welcome, form, team, progress, confirmation, and "check my report":
// opening, a mistyped codename, a thread with a reply, an attachment and a
// closed status) in English and in Simplified Chinese; the progress view is held on screen by pausing the part uploads at
// the proxy. Screenshots of the form and the confirmation, both languages, at
// 1280 px and 360 px, go to tests/browser/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkHygiene, makeEvidence, removeDir, tempDir } from './lib/checks.mjs';
import { REPORTS } from './lib/e2e.mjs';
import { LOCALE_TABLES, chooseTeamAndSubmit, fillForm, openBrowser, ready, switchLanguage, waitReceipt } from './lib/page.mjs';
import { startProxy } from './lib/proxy.mjs';
import { startRelay, ROOT, TEAM_TOML } from './lib/relay.mjs';
import { createTokenFile, KEYS, pull, whistleboxOk } from './lib/cli.mjs';
import { enterCodename, openCheckView } from './lib/mailbox.mjs';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, 'artifacts');
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 800 };

/** Injects axe (page.evaluate: the page's CSP rightly blocks <script> injection) and runs it on the document. */
async function axeViolations(d) {
  const loaded = await d.eval(() => typeof window.axe);
  if (loaded !== 'object') await d.eval(AXE_SOURCE);
  return d.eval(async () => {
    const result = await window.axe.run(document);
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
      })),
    };
  });
}

async function assertAccessible(t, d, where) {
  const { passes, violations } = await axeViolations(d);
  assert.ok(passes >= 10, `axe ran only ${passes} passing rules on ${where}: it did not really run`);
  assert.deepEqual(violations, [], `axe-core violations on ${where}:\n${JSON.stringify(violations, null, 2)}`);
  t.diagnostic(`axe: 0 violations, ${passes} rules passed on ${where}`);
}

async function shots(d, name) {
  await d.screenshot(path.join(ARTIFACTS, `${name}-desktop.png`));
  await d.setViewport(PHONE);
  await d.screenshot(path.join(ARTIFACTS, `${name}-360.png`));
  await d.setViewport(DESKTOP);
}

test('axe-core: zero violations on every view in both languages; screenshots', { timeout: 300_000 }, async (t) => {
  await mkdir(ARTIFACTS, { recursive: true });
  const dir = await tempDir('a11y');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 200 * 1024, { bigName: 'photo-of-message.bin' });
    const relay = await startRelay();
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser('chromium', { viewport: DESKTOP });
    cleanup.push(() => d.close());
    const startUrl = `${proxy.origin}/`;

    for (const lang of ['en', 'zh-CN']) {
      await ready(d, startUrl);
      if (lang !== 'en') await switchLanguage(d, lang);
      assert.equal(await d.eval(() => document.documentElement.lang), lang);
      await assertAccessible(t, d, `welcome (${lang})`);

      await fillForm(d, REPORTS[lang](`a11y-${lang}`), files.map((f) => f.path));
      assert.equal((await d.text('#form-heading')).trim(), LOCALE_TABLES[lang]['form.heading']);
      await assertAccessible(t, d, `form (${lang})`);
      await shots(d, `form-${lang}`);

      // Pause every part upload at the proxy: the page stays in the progress view.
      proxy.hold((e) => e.method === 'PUT');
      await chooseTeamAndSubmit(d, lang === 'en' ? ['carol'] : ['alice']);
      await d.waitView('progress');
      const deadline = Date.now() + 120_000;
      while (proxy.heldCount === 0) {
        assert.ok(Date.now() < deadline, 'no part upload reached the proxy');
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(await d.eval(() => document.body.dataset.view), 'progress');
      await assertAccessible(t, d, `progress (${lang})`);
      await d.screenshot(path.join(ARTIFACTS, `progress-${lang}-desktop.png`));
      proxy.release();

      const receipt = await waitReceipt(d, 120_000);
      assert.equal((await d.text('#receipt-id')).trim(), receipt.id);
      assert.equal((await d.text('#done-heading')).trim(), LOCALE_TABLES[lang]['done.heading']);
      await assertAccessible(t, d, `confirmation (${lang})`);
      await shots(d, `done-${lang}`);
    }
    await checkHygiene(d, startUrl);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});

test('axe-core: zero violations on the team view and its error state', { timeout: 120_000 }, async (t) => {
  const dir = await tempDir('a11y-team');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, 1024);
    const relay = await startRelay();
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser('chromium', { viewport: DESKTOP });
    cleanup.push(() => d.close());
    for (const lang of ['en', 'zh-CN']) {
      proxy.rewriteTeam = null;
      await ready(d, `${proxy.origin}/`);
      if (lang !== 'en') await switchLanguage(d, lang);
      await fillForm(d, REPORTS[lang]('team'), files.map((f) => f.path));
      await d.click('#to-team');
      await d.waitView('team');
      await d.waitFor(() => !document.getElementById('submit').disabled, undefined, { what: 'the team' });
      await assertAccessible(t, d, `team (${lang})`);
      await d.screenshot(path.join(ARTIFACTS, `team-${lang}-desktop.png`));
      // The error state: a relay that serves a broken keyset.
      proxy.rewriteTeam = (team) => ({ ...team, fingerprint: '0'.repeat(64) });
      await ready(d, `${proxy.origin}/`);
      if (lang !== 'en') await switchLanguage(d, lang);
      await fillForm(d, REPORTS[lang]('team'), files.map((f) => f.path));
      await d.click('#to-team');
      await d.waitFor(() => !document.getElementById('error').hidden, undefined, { what: '#error' });
      await assertAccessible(t, d, `team error (${lang})`);
      await d.screenshot(path.join(ARTIFACTS, `team-error-${lang}-desktop.png`));
    }
    assert.deepEqual(proxy.log.filter((e) => e.method !== 'GET').map((e) => e.path), [], 'nothing was sent');
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});

test('axe-core: zero violations on "check my report" (opening, mistyped codename, thread) in both languages', { timeout: 300_000 }, async (t) => {
  await mkdir(ARTIFACTS, { recursive: true });
  const dir = await tempDir('a11y-check');
  const cleanup = [];
  try {
    const relay = await startRelay();
    cleanup.push(() => relay.close());
    // A report under a fresh codename, answered by the team with a file and a closed status.
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(ROOT, 'web', 'scripts', 'submit.mjs'), '--relay', relay.url, '--new-codename',
      '--field', 'category=bullying', '--field', 'what=The team lead shouts at me in front of others.',
    ]);
    const { id, codename } = JSON.parse(stdout);
    const tokenFile = await createTokenFile(relay.data, path.join(dir, 'token'));
    const store = path.join(dir, 'store');
    await pull({ relayUrl: relay.url, tokenFile, store });
    await writeFile(path.join(dir, 'summary.txt'), 'Summary of the findings.\n');
    await whistleboxOk(['reply', id, '--store', store, '-i', KEYS.alice, '--team', TEAM_TOML, '--message', 'We have finished the investigation; the summary is attached.', '--attach', path.join(dir, 'summary.txt')]);
    await whistleboxOk(['status', id, 'closed', '--outcome', 'substantiated', '--note', 'Measures have been taken.', '--store', store, '-i', KEYS.alice, '--team', TEAM_TOML]);
    await whistleboxOk(['push', '--relay', relay.url, '--token-file', tokenFile, '--store', store]);

    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser('chromium', { viewport: DESKTOP });
    cleanup.push(() => d.close());
    const startUrl = `${proxy.origin}/`;
    for (const lang of ['en', 'zh-CN']) {
      await ready(d, startUrl);
      if (lang !== 'en') await switchLanguage(d, lang);
      await openCheckView(d);
      assert.equal((await d.text('#check-heading')).trim(), LOCALE_TABLES[lang]['check.heading']);
      await assertAccessible(t, d, `check, opening (${lang})`);
      const typo = await enterCodename(d, codename.replace(/^[a-z]+/, 'zzzzz'));
      assert.equal(typo.opened, false);
      assert.match(typo.codenameError, /1/, 'the error names the position of the unknown word');
      assert.ok(!typo.codenameError.includes('zzzzz'), 'the error never repeats the word');
      await assertAccessible(t, d, `check, mistyped codename (${lang})`);
      const open = await enterCodename(d, codename);
      assert.equal(open.opened, true);
      assert.deepEqual(open.thread.items.map((i) => i.kind), ['reply', 'status']);
      const closed = open.thread.items[1];
      assert.equal(closed.outcome, 'substantiated');
      assert.ok(closed.outcomeLabel.includes(LOCALE_TABLES[lang]['status.outcome.substantiated']), 'the outcome is shown in the page language');
      assert.equal(closed.outcomeExplain.trim(), LOCALE_TABLES[lang]['status.outcome.substantiated.explain']);
      await assertAccessible(t, d, `check, thread (${lang})`);
      await shots(d, `check-thread-${lang}`);
      await d.click('#check-leave');
    }
    await checkHygiene(d, startUrl);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});
