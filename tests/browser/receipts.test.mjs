// Issue "auditors can verify": receipts from the relay's transparency log
// (PROTOCOL.md §10.5, §10.6), in Chromium against the real relay.
//
// 1. A report: the confirmation shows a receipt line the worker verified
//    (the relay's signed checkpoint holds this very ciphertext at its leaf).
// 2. The reporter comes back with the codename and the receipt: the page
//    verifies the mailbox against a fresh checkpoint consistent with the
//    receipt, and says so.
// 3. The relay's operator rolls the data directory back to before the report
//    and a new report takes the same leaf (a forked log): the same codename
//    and receipt now give the page's alarm, `not_consistent`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './lib/checks.mjs';
import { REPORTS } from './lib/e2e.mjs';
import { enterCodename, openCheckView, readCodename } from './lib/mailbox.mjs';
import { chooseTeamAndSubmit, fillForm, LOCALE_TABLES, openBrowser, ready, waitReceipt } from './lib/page.mjs';
import { startProxy } from './lib/proxy.mjs';
import { startRelay } from './lib/relay.mjs';

const TIMEOUT = 300_000;

/** Sends a small report from the welcome view; returns {id, codename, receipt, result}. */
async function report(d, startUrl, marker) {
  await ready(d, startUrl);
  await fillForm(d, REPORTS.en(marker), []);
  await chooseTeamAndSubmit(d, []);
  const { id } = await waitReceipt(d, TIMEOUT);
  const codename = await readCodename(d);
  const shown = await d.eval(() => ({
    hidden: document.getElementById('log-receipt-box').hidden,
    result: document.getElementById('log-receipt-box').dataset.result,
    status: document.getElementById('log-receipt-status').textContent,
    line: document.getElementById('log-receipt-text').textContent,
  }));
  return { id, codename, ...shown };
}

/** Opens "Check my report" with the codename and the receipt; the log check's outcome. */
async function check(d, startUrl, codename, receipt) {
  await ready(d, startUrl);
  await openCheckView(d);
  await d.setValue('#receipt-input', receipt);
  const opened = await enterCodename(d, codename.replaceAll('-', ' '));
  assert.ok(opened.opened, `the mailbox opens: ${JSON.stringify(opened)}`);
  await d.waitFor(() => (document.getElementById('thread-log').dataset.result ?? '') !== '', undefined, {
    what: 'the log check',
    timeout: 60_000,
  });
  return d.eval(() => ({
    result: document.getElementById('thread-log').dataset.result,
    text: document.getElementById('thread-log').textContent,
    receiptField: document.getElementById('receipt-input').value,
  }));
}

test('Chromium: a verified receipt, checked on return, and a forked log raises the alarm', { timeout: 900_000 }, async () => {
  const dir = await tempDir('receipts');
  const relay = await startRelay();
  const proxy = await startProxy(relay.url);
  const d = await openBrowser('chromium');
  const tr = LOCALE_TABLES.en;
  try {
    const startUrl = `${proxy.origin}/`;
    // The data directory as it is before any report (key made, log empty).
    await relay.stop();
    const before = path.join(dir, 'data-before');
    // Everything but the relay's local admin socket (a socket cannot be copied).
    const notSocket = (src) => !src.endsWith('.sock');
    await cp(relay.data, before, { recursive: true, filter: notSocket });
    await relay.restart();

    // 1. The report and its receipt.
    const first = await report(d, startUrl, 'receipt-1');
    assert.equal(first.hidden, false, 'the receipt is shown on the confirmation');
    assert.equal(first.result, 'verified', `the worker verified the receipt: ${first.status}`);
    assert.equal(first.status, tr['receipt.verified']);
    assert.match(first.line, new RegExp(`^wbr1-${first.id}-0-1-[A-Za-z0-9_-]{43}$`), 'the receipt names the report, leaf 0 of a log of 1');

    // 2. Back with the codename and the receipt: verified, the log only grew.
    const ok = await check(d, startUrl, first.codename, first.line);
    assert.equal(ok.result, 'verified', ok.text);
    assert.equal(ok.text, tr['check.log.receipt_only'], 'the report is proved by the receipt: the log only grew since');
    assert.equal(ok.receiptField, '', 'the receipt field is cleared once the mailbox is open');
    // Without a receipt an empty mailbox has nothing to check, and says nothing.
    const plain = await check(d, startUrl, first.codename, '');
    assert.equal(plain.result, 'verified');
    assert.equal(plain.text, '');
    // A line that is not a receipt is named as such.
    const garbled = await check(d, startUrl, first.codename, first.line.slice(0, -3));
    assert.equal(garbled.result, 'bad_receipt');
    assert.equal(garbled.text, tr['check.log.bad_receipt']);

    // 3. The operator rolls the store back and another report takes leaf 0.
    await relay.stop();
    await rm(relay.data, { recursive: true, force: true });
    await cp(before, relay.data, { recursive: true, filter: notSocket });
    await relay.restart();
    const second = await report(d, startUrl, 'receipt-2');
    assert.equal(second.result, 'verified', 'the forked log is self-consistent for a newcomer');
    assert.match(second.line, /^wbr1-[0-9a-f]{32}-0-1-/);
    assert.notEqual(second.line, first.line);
    const alarm = await check(d, startUrl, first.codename, first.line);
    assert.equal(alarm.result, 'not_consistent', `the page raises the alarm: ${alarm.text}`);
    assert.equal(alarm.text, tr['check.log.failed'].replace('{code}', 'not_consistent'));
  } finally {
    await d.close();
    await proxy.close();
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});
