// `whistlebox overview` in Debian's Chromium (issue 8): six reports through
// the real relay and the Node reporter client, states set with the CLI, then
// the overview opened from file://. It must run no script, load nothing but
// itself, carry its CSP, and every chart's bars must equal the fixture's
// counts; its CSV must list the same cases.
//
// The fixture, as alice sees it (keys/team.toml: alice, bob, carol):
//
//   #  category                          state (how)                      ack      feedback
//   1  bullying                          acknowledged (status, pushed)    met      pending
//   2  bullying                          investigating (status, pushed)   met      met
//   3  retaliation                       closed (status, pushed)          met      met
//   4  sexual_harassment                 received (nothing)               pending  pending
//   5  "><img src=x onerror=…> (hostile) need_more_information (internal) pending  pending
//   6  discrimination, alice excluded    — not addressed to alice —
//
// Run: cargo build --workspace --bins (at the root), then
// `cd tests/browser && node --test overview.test.mjs`.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './lib/browsers.mjs';
import { KEYS, createTokenFile, pull, whistleboxOk } from './lib/cli.mjs';
import { removeDir, tempDir } from './lib/checks.mjs';
import { parseCsv, readBars, readCaseRows, readForbidden, submitReport } from './lib/overview.mjs';
import { TEAM_TOML, startRelay } from './lib/relay.mjs';

/** Screenshots for people (git-ignored). */
const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const HOSTILE = '"><img src=x onerror=alert(1)>';
const CATEGORIES = ['sexual_harassment', 'sexual_assault', 'retaliation', 'discrimination', 'bullying', 'other', 'unrecognised', 'none'];

/** `YYYY-MM-DD` plus `n` days. */
function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every `YYYY-MM` from `first`'s month to `last`'s. */
function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Opens `file` in `browser` and checks it is self-contained; returns its bars, rows and title. */
async function openOverview(browser, file) {
  const url = pathToFileURL(file).href;
  const requests = [];
  const onRequest = (r) => requests.push(r.url());
  browser.context.on('request', onRequest);
  try {
    const response = await browser.page.goto(url, { waitUntil: 'load' });
    assert.ok(response === null || response.ok(), `${url} opened`);
    // Anything late (a lazy image, a font) would have been asked for by now:
    // wait for the next two frames after load.
    await browser.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  } finally {
    browser.context.off('request', onRequest);
  }
  assert.deepEqual(requests, [url], 'the overview requests nothing but itself');
  const forbidden = await readForbidden(browser.page);
  assert.equal(forbidden.scripts, 0, 'no <script> element');
  assert.deepEqual(forbidden.attributes, [], 'no event handler, no href/src');
  const csp = await browser.page.evaluate(() =>
    [...document.querySelectorAll('meta[http-equiv]')]
      .filter((m) => m.httpEquiv.toLowerCase() === 'content-security-policy')
      .map((m) => m.content),
  );
  assert.deepEqual(csp, ["default-src 'none'; style-src 'unsafe-inline'"], 'the CSP meta');
  assert.equal(await browser.page.evaluate(() => document.characterSet), 'UTF-8');
  assert.equal(await browser.page.evaluate(() => document.querySelectorAll('style').length), 1, 'one inline style');
  // Each chart: a figure with its SVG, caption and table of the same numbers.
  const figures = await browser.page.evaluate(() =>
    [...document.querySelectorAll('figure')].map((f) => ({
      svg: f.querySelectorAll('svg rect[data-chart]').length,
      caption: (f.querySelector('figcaption')?.textContent ?? '').trim().length > 0,
      table: [...f.querySelectorAll('table tbody tr')].map((tr) => Number(tr.cells[tr.cells.length - 1].textContent)),
      bars: [...f.querySelectorAll('rect[data-chart]')].map((r) => Number(r.getAttribute('data-count'))),
    })),
  );
  assert.equal(figures.length, 5, 'five charts');
  for (const f of figures) {
    assert.ok(f.svg > 0 && f.caption, 'a chart with bars and a caption');
    assert.deepEqual(f.table, f.bars, "the chart's table holds the numbers of its bars");
  }
  return { bars: await readBars(browser.page), rows: await readCaseRows(browser.page) };
}

test('overview: a self-contained HTML whose charts match the fixture, and its CSV', { timeout: 600_000 }, async (t) => {
  const dir = await tempDir('overview');
  const cleanup = [];
  try {
    const relay = await startRelay();
    cleanup.push(() => relay.close());

    // The reports (the relay's day is the same for all, barring midnight:
    // the expected months come from the days it answered).
    const specs = [
      { category: 'bullying', what: 'Shouted at in every stand-up.' },
      { category: 'bullying', what: 'Excluded from the team meetings.' },
      { category: 'retaliation', what: 'Moved to nights after complaining.' },
      { category: 'sexual_harassment', what: 'Comments about my appearance.' },
      { category: HOSTILE, what: 'A category the form never offers.' },
      { category: 'discrimination', what: 'Passed over for promotion.', exclude: ['alice'] },
    ];
    const sent = [];
    for (const s of specs) sent.push({ ...s, ...(await submitReport(relay.url, s)) });
    const [r1, r2, r3, r4, r5, r6] = sent;

    const tokenFile = await createTokenFile(relay.data, path.join(dir, 'token'));
    const store = path.join(dir, 'store');
    const objects = await pull({ relayUrl: relay.url, tokenFile, store });
    assert.equal(objects.length, 6);

    const as = ['--store', store, '-i', KEYS.alice, '--team', TEAM_TOML];
    await whistleboxOk(['status', r1.id, 'acknowledged', '--note', 'We have your report.', ...as]);
    await whistleboxOk(['status', r2.id, 'investigating', '--note', 'We are looking into it.', ...as]);
    await whistleboxOk(['status', r3.id, 'closed', '--outcome', 'resolved', '--note', 'Resolved.', ...as]);
    await whistleboxOk(['status', r5.id, 'need_more_information', '--internal', ...as]);
    await whistleboxOk(['label', r1.id, '--add', 'urgent', '--add', 'hr', ...as]);
    await whistleboxOk(['assign', r2.id, 'bob', ...as]);
    await whistleboxOk(['push', '--relay', relay.url, '--token-file', tokenFile, '--store', store]);
    await pull({ relayUrl: relay.url, tokenFile, store });

    const days = sent.map((s) => s.day).sort();
    const first = days[0];
    const countMonths = (today) =>
      monthsBetween(first, today).map((m) => [m, sent.filter((s) => s.day.slice(0, 7) === m).length]);
    const readable = sent.filter((s) => !s.exclude);
    const categories = CATEGORIES.map((k) => [
      k,
      k === 'unrecognised' ? 1 : readable.filter((s) => s.category === k).length,
    ]);
    const funnel = [
      ['received', 5],
      ['acknowledged', 4],
      ['investigating', 3],
      ['closed', 1],
    ];

    const browser = await launchChromium();
    cleanup.push(() => browser.close());

    // Today: nothing is overdue yet.
    const today = days.at(-1);
    const html = path.join(dir, 'overview.html');
    const csvFile = path.join(dir, 'overview.csv');
    await whistleboxOk(['overview', '--store', store, '-i', KEYS.alice, '--team', TEAM_TOML, '--out', html, '--csv', csvFile, '--today', today]);
    const now = await openOverview(browser, html);
    assert.equal(await browser.page.title(), `Case overview: Example Investigation Team, ${today}`);
    await mkdir(ARTIFACTS, { recursive: true });
    await browser.page.screenshot({ path: path.join(ARTIFACTS, 'overview.png'), fullPage: true });
    assert.deepEqual(now.bars, {
      month: countMonths(today),
      category: categories,
      funnel,
      ack: [['met', 3], ['met_late', 0], ['missed', 0], ['pending', 2]],
      feedback: [['met', 2], ['met_late', 0], ['missed', 0], ['pending', 3]],
    });
    // The list: the unreadable case shows its day only; the hostile category is text.
    assert.deepEqual(Object.keys(now.rows).sort(), sent.map((s) => s.id).sort());
    assert.equal(now.rows[r6.id].readable, false);
    assert.ok(now.rows[r6.id].cells.includes('not addressed to you'));
    assert.ok(!now.rows[r6.id].cells.join(' ').includes('discrimination'));
    assert.ok(now.rows[r5.id].cells.some((c) => c === `(unrecognised) ${HOSTILE}`), JSON.stringify(now.rows[r5.id]));
    assert.ok(now.rows[r1.id].cells.includes('urgent, hr') || now.rows[r1.id].cells.includes('hr, urgent'));
    assert.ok(now.rows[r2.id].cells.includes('bob'));

    // The CSV: the same cases, the same states.
    const csv = await readFile(csvFile, 'utf8');
    const [header, ...rows] = parseCsv(csv);
    assert.deepEqual(header, ['id', 'received', 'category', 'status', 'assignee', 'labels', 'items', 'ack', 'feedback', 'readable']);
    const byId = Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    assert.deepEqual(Object.keys(byId).sort(), sent.map((s) => s.id).sort());
    const want = {
      [r1.id]: ['bullying', 'acknowledged', '', 'met', 'pending'],
      [r2.id]: ['bullying', 'investigating', 'bob', 'met', 'met'],
      [r3.id]: ['retaliation', 'closed', '', 'met', 'met'],
      [r4.id]: ['sexual_harassment', 'received', '', 'pending', 'pending'],
      [r5.id]: [`(unrecognised) ${HOSTILE}`, 'need_more_information', '', 'pending', 'pending'],
      [r6.id]: ['', '', '', '', ''],
    };
    for (const s of sent) {
      const row = byId[s.id];
      assert.equal(row.received, s.day);
      assert.deepEqual([row.category, row.status, row.assignee, row.ack, row.feedback], want[s.id], `CSV row of ${s.id}`);
      assert.equal(row.readable, s.exclude ? 'false' : 'true');
    }
    assert.deepEqual(byId[r1.id].labels.split(';').sort(), ['hr', 'urgent']);
    assert.equal(byId[r6.id].labels, '');
    t.diagnostic(`overview ${(await readFile(html)).length} bytes, CSV ${rows.length} cases`);

    // A hundred days on: zero months in the month chart, deadlines missed.
    const later = addDays(today, 100);
    const html2 = path.join(dir, 'later.html');
    await whistleboxOk(['overview', '--store', store, '-i', KEYS.alice, '--out', html2, '--today', later]);
    const then = await openOverview(browser, html2);
    const months = countMonths(later);
    assert.ok(months.length >= 4 && months.slice(1).some(([, n]) => n === 0), 'zero months are charted');
    assert.deepEqual(then.bars, {
      month: months,
      category: categories,
      funnel,
      ack: [['met', 3], ['met_late', 0], ['missed', 2], ['pending', 0]],
      feedback: [['met', 2], ['met_late', 0], ['missed', 3], ['pending', 0]],
    });

    // The request listener works: a page that does load something is caught.
    const control = path.join(dir, 'control.html');
    await writeFile(control, '<!DOCTYPE html><meta charset="utf-8"><img src="http://127.0.0.1:9/x.png">');
    const seen = [];
    const onRequest = (r) => seen.push(r.url());
    browser.context.on('request', onRequest);
    await browser.page.goto(pathToFileURL(control).href, { waitUntil: 'load' });
    browser.context.off('request', onRequest);
    assert.ok(seen.includes('http://127.0.0.1:9/x.png'), `the control page's image request was seen: ${JSON.stringify(seen)}`);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
});
