// One whole report, end to end: the real relay behind the recording proxy,
// the page in a real browser, then the investigator CLI pulling and
// decrypting what arrived. Used by the Chromium, Firefox-Safer and jitless
// tests, which differ only in browser, language and size.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTokenFile, exportCase, KEYS, pull, sha256, whistlebox } from './cli.mjs';
import { checkCapturedBodies, checkHygiene, checkOrigin, makeEvidence, removeDir, tempDir } from './checks.mjs';
import { LOCALE_TABLES, chooseTeamAndSubmit, fillForm, openBrowser, ready, switchLanguage, waitReceipt } from './page.mjs';
import { startProxy } from './proxy.mjs';
import { TEAM_TOML, startRelay } from './relay.mjs';

export const REPORTS = {
  en: (marker) => ({
    category: 'retaliation',
    what: `After I raised the overtime problem, my shift lead moved me to nights and told me to keep quiet. Reference ${marker}.`,
    whenFrom: '2025-03-14',
    where: 'Warehouse 2, loading bay',
    people: `Shift lead (Operations) ${marker}`,
    witnesses: 'Two colleagues from the day shift',
    outcome: 'Back on the day shift, and an apology',
  }),
  'zh-CN': (marker) => ({
    category: 'sexual_harassment',
    what: `部门经理多次在会后单独留下我，说一些让我很不舒服的话。编号 ${marker}。`,
    whenFrom: '2025-02-03',
    where: '上海办公室，三楼会议室',
    people: `部门经理（销售部）${marker}`,
    witnesses: '同组的一位同事',
    outcome: '希望调换汇报对象，并停止这种行为',
  }),
};

/** Everything that must not appear in any request: every form value. */
export function formTexts(report) {
  return [report.what, report.where, report.people, report.witnesses, report.outcome].filter(Boolean);
}

/** The stanza lines of an age file's header (`-> TYPE …`). */
export function stanzaLines(bytes) {
  const text = Buffer.from(bytes.subarray(0, 128 * 1024)).toString('latin1');
  const end = text.indexOf('\n--- ');
  assert.ok(end > 0, 'the age header ends with its MAC line');
  return text.slice(0, end).split('\n').filter((l) => l.startsWith('-> '));
}

/**
 * Fills, submits and verifies one report. `kind`: browser kind; `lang`: 'en'
 * or 'zh-CN' (switched with the visible switch); `bigSize`: bytes of the
 * pseudo-random attachment; `team`: the relay's keyset file, with `keys` the
 * investigators' secret key files and `stanzaType` the type every stanza of
 * the upload must have (default: the X25519 example team). Asserts everything
 * of tests 1–3; returns timings.
 */
export async function reportEndToEnd(
  t,
  { kind, lang, bigSize, expectNoWasm = false, timeout = 600_000, team = TEAM_TOML, keys = KEYS, stanzaType = 'X25519' },
) {
  const dir = await tempDir('e2e');
  const cleanup = [];
  try {
    const files = await makeEvidence(dir, bigSize);
    const relay = await startRelay({ team });
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser(kind);
    cleanup.push(() => d.close());

    const startUrl = `${proxy.origin}/`;
    await ready(d, startUrl);
    if (expectNoWasm) {
      assert.equal(await d.eval(() => typeof WebAssembly), 'undefined', `${kind}: WebAssembly is available in the page`);
    }
    if (lang !== 'en') {
      await switchLanguage(d, lang);
      assert.equal(await d.eval(() => document.documentElement.lang), lang);
      const heading = LOCALE_TABLES[lang]['welcome.heading'];
      assert.notEqual(heading, LOCALE_TABLES.en['welcome.heading']);
      assert.equal((await d.text('#welcome-heading')).trim(), heading, 'the welcome heading is translated');
      assert.equal(await d.eval(() => document.getElementById('lang-zh-CN').getAttribute('aria-pressed')), 'true');
    }

    const marker = Math.random().toString(36).slice(2, 10);
    const report = REPORTS[lang](marker);
    await fillForm(d, report, files.map((f) => f.path));
    const started = Date.now();
    // The team view names the keys' type in words, in the page language.
    const keyType = LOCALE_TABLES[lang][stanzaType === 'mlkem768x25519' ? 'team.key_type.pq' : 'team.key_type.classic'];
    await chooseTeamAndSubmit(d, ['carol'], async () => {
      assert.equal((await d.text('#team-key-type')).trim(), keyType, `${kind} ${lang}: #team-key-type`);
    });
    const receipt = await waitReceipt(d, timeout);
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(`${kind} ${lang}: ${(bigSize / 1048576).toFixed(0)} MiB report sent in ${seconds.toFixed(1)} s`);
    assert.match(receipt.id, /^[0-9a-f]{32}$/);
    assert.match(receipt.day, /^\d{4}-\d{2}-\d{2}$/);
    if (lang !== 'en') {
      assert.equal((await d.text('#done-heading')).trim(), LOCALE_TABLES[lang]['done.heading'], 'the confirmation is translated');
    }

    // Test 3: what went over the wire, and what stayed behind.
    const sent = checkCapturedBodies(proxy.log, { texts: formTexts(report), attachments: files });
    checkOrigin(d, proxy);
    await checkHygiene(d, startUrl);

    // Test 1: the investigators get exactly what was sent.
    const tokenFile = await createTokenFile(relay.data, path.join(dir, 'token'));
    const store = path.join(dir, 'store');
    const objects = await pull({ relayUrl: relay.url, tokenFile, store });
    assert.equal(objects.length, 1, 'the relay holds exactly one object');
    const [obj] = objects;
    assert.equal(obj.id, receipt.id);
    assert.equal(obj.kind, 'report');
    assert.equal(obj.day, receipt.day);
    const stored = await readFile(obj.age);
    assert.equal(sha256(stored), sha256(sent.ciphertext), 'the stored object is the concatenation of the captured parts');
    // Two investigators (carol excluded), every stanza of the team's type.
    const stanzas = stanzaLines(stored);
    assert.equal(stanzas.length, 2, 'one stanza per chosen investigator');
    for (const line of stanzas) assert.ok(line.startsWith(`-> ${stanzaType} `), `a stanza of another type: ${line.slice(0, 24)}…`);

    for (const who of ['alice', 'bob']) {
      const { dir: caseDir, report: exported } = await exportCase({ id: receipt.id, store, key: keys[who], out: path.join(dir, `out-${who}`) });
      const m = exported.manifest;
      assert.equal(m.kind, 'report');
      // The reply key is of the team's type (PROTOCOL.md §7.3).
      assert.match(m.reply_key, stanzaType === 'mlkem768x25519' ? /^age1pq1/ : /^age1(?!pq1)/);
      assert.equal(m.locale, lang);
      assert.equal(m.fields.category, report.category);
      assert.equal(m.fields.what, report.what);
      assert.equal(m.fields.where, report.where);
      assert.equal(m.fields.people_reported, report.people);
      assert.equal(m.fields.reported_before, 'no');
      // The page records whom it encrypted to: the keyset minus carol, in
      // keyset order, the same list as the stanzas above (PROTOCOL.md §1.5).
      assert.equal(m.fields.recipients, 'alice,bob');
      assert.equal(exported.attachments.length, files.length);
      for (const [i, f] of files.entries()) {
        const a = exported.attachments[i];
        assert.equal(a.name, f.name);
        assert.equal(a.size, f.bytes.length);
        const bytes = await readFile(path.join(caseDir, a.path));
        assert.equal(sha256(bytes), sha256(f.bytes), `${who}: ${f.name} is byte-identical`);
      }
    }
    const carol = await whistlebox(['show', receipt.id, '--store', store, '-i', keys.carol]);
    assert.equal(carol.code, 4, `the excluded investigator's key must not open the report (exit ${carol.code}): ${carol.stderr}`);
    return { seconds, parts: sent.parts };
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
}
