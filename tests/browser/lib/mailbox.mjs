// Drives the page's follow-up mailbox (PROTOCOL.md §8) through its documented
// test hooks (element ids at the top of web/src/page/app.js): the codename on
// the confirmation, and the "Check my report" view — open with a codename,
// read the thread, download an attachment, send a follow-up, leave.
// Works with a Driver from page.mjs, in Chromium and Firefox alike (except
// downloadAttachment, Chromium only).
import { readFile } from 'node:fs/promises';

/**
 * The codename shown on the confirmation (view "done"), in canonical form
 * (words joined by "-"). Throws if none is shown.
 */
export async function readCodename(d) {
  const text = await d.eval(() => {
    const box = document.getElementById('codename-box');
    return box && !box.hidden ? document.getElementById('codename-text').textContent : null;
  });
  if (!text) throw new Error(`${d.kind}: no codename on the confirmation`);
  const words = text.trim().split(/\s+/);
  if (words.length !== 7) throw new Error(`${d.kind}: the codename shown has ${words.length} words`);
  return words.join('-');
}

/**
 * Opens the "Check my report" view from the welcome view (`from: 'welcome'`)
 * or the confirmation (`from: 'done'`), and waits for its codename field.
 */
export async function openCheckView(d, { from = 'welcome' } = {}) {
  await d.click(from === 'done' ? '#check-from-done' : '#check-start');
  await d.waitView('check');
  await d.waitFor(() => !document.getElementById('check-open-box').hidden, undefined, { what: 'the codename field' });
}

/**
 * Types `codename` (any form §7.2 accepts) and opens the mailbox. Resolves to
 * { opened: true, thread } once the thread is shown, or { opened: false,
 * codenameError } (the text next to the field: a position or a count, never a
 * word) or { opened: false, error } (the page's error box).
 */
export async function enterCodename(d, codename, { timeout = 120_000 } = {}) {
  const before = await loads(d);
  await d.setValue('#codename-input', codename);
  await d.click('#check-open');
  const outcome = await d.waitFor(
    (n) => {
      const box = document.getElementById('thread-box');
      if (!box.hidden && box.dataset.state === 'ready' && Number(box.dataset.loads ?? 0) > n) return 'opened';
      if (!document.getElementById('codename-input-error').hidden) return 'codename';
      if (!document.getElementById('error').hidden) return 'error';
      return null;
    },
    before,
    { what: 'the mailbox to open', timeout, interval: 200 },
  );
  if (outcome === 'opened') return { opened: true, thread: await readThread(d) };
  if (outcome === 'codename') return { opened: false, codenameError: await d.text('#codename-input-error') };
  return { opened: false, error: await d.text('#error-text') };
}

/** How many times the thread has been loaded since the view was opened. */
function loads(d) {
  return d.eval(() => Number(document.getElementById('thread-box').dataset.loads ?? 0));
}

/** Waits until the thread has been loaded more than `after` times (default: at least once). */
export async function waitThread(d, { after = 0, timeout = 120_000 } = {}) {
  await d.waitFor(
    (n) => {
      const box = document.getElementById('thread-box');
      return box.dataset.state === 'ready' && Number(box.dataset.loads ?? 0) > n;
    },
    after,
    { what: 'the thread', timeout, interval: 200 },
  );
  return readThread(d);
}

/**
 * The thread as shown: { status, empty, items: [{ kind, readable, title, day,
 * message, state, stateLabel, outcome, outcomeLabel, outcomeExplain, note,
 * attachments: [{ name, size, sha256, href }] }] } in display order. `sha256` is
 * the hash the worker verified against the decrypted bytes; a Blob URL cannot
 * be fetched inside the page (CSP connect-src 'self'), so use it, or
 * downloadAttachment in Chromium, to compare contents. `message` is the
 * reply's or follow-up's text; `state`/`outcome` are the status's raw values
 * (data attributes), the labels their localized text; `empty` is whether the
 * "No messages yet" explanation is shown.
 */
export function readThread(d) {
  return d.eval(() => {
    const q = (el, id) => el.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    const items = [...document.querySelectorAll('#thread li[data-testid="thread-item"]')].map((li) => ({
      kind: li.dataset.kind,
      readable: li.dataset.state === 'ok',
      title: li.querySelector('.item-title')?.textContent ?? null,
      day: li.querySelector('time')?.getAttribute('datetime') ?? null,
      message: q(li, 'message'),
      state: li.dataset.statusState ?? null,
      stateLabel: q(li, 'status-state'),
      outcome: li.dataset.statusOutcome ?? null,
      outcomeLabel: q(li, 'status-outcome'),
      outcomeExplain: q(li, 'status-outcome-explain'),
      note: q(li, 'status-note'),
      unreadable: q(li, 'unreadable'),
      attachments: [...li.querySelectorAll('[data-testid="download"]')].map((a) => ({
        name: a.getAttribute('download'),
        size: a.nextElementSibling?.textContent ?? null,
        sha256: a.dataset.sha256 ?? null,
        href: a.getAttribute('href'),
      })),
    }));
    return {
      status: document.getElementById('thread-status').textContent,
      empty: !document.getElementById('thread-empty').hidden,
      items,
    };
  });
}

/**
 * Chromium only: clicks the download link of attachment `a` of thread item
 * `i` and resolves to its bytes (a Buffer). The page offers it as
 * application/octet-stream under its sanitised name (`suggestedFilename`).
 */
export async function downloadAttachment(d, i, a) {
  if (!d.playwright) throw new Error('downloadAttachment needs Chromium (playwright-core)');
  const selector = `#thread li[data-testid="thread-item"]:nth-child(${i + 1}) [data-testid="attachment"]:nth-child(${a + 1}) a`;
  const [download] = await Promise.all([d.page.waitForEvent('download'), d.page.click(selector)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

/**
 * Sends a follow-up from the open thread: `message` and optional `files`
 * (paths). Waits until it is sent and the thread has been read again; resolves
 * to the new thread. Throws with the page's message if sending failed.
 */
export async function sendFollowup(d, { message = '', files = [] } = {}, { timeout = 300_000 } = {}) {
  const before = await loads(d);
  await d.setValue('#followup-message', message);
  if (files.length > 0) {
    await d.setFiles('#followup-files', files);
    await d.waitFor((n) => document.querySelectorAll('#followup-file-list li').length === n, files.length, {
      what: `${files.length} follow-up files in the list`,
    });
  }
  await d.click('#followup-send');
  const outcome = await d.waitFor(
    (n) => {
      const form = document.getElementById('followup-form');
      if (form.dataset.state === 'error' || !document.getElementById('followup-error').hidden) return 'error';
      const box = document.getElementById('thread-box');
      if (form.dataset.state === 'sent' && box.dataset.state === 'ready' && Number(box.dataset.loads ?? 0) > n) return 'sent';
      return null;
    },
    before,
    { what: 'the follow-up to be sent and the thread reloaded', timeout, interval: 250 },
  );
  if (outcome === 'error') throw new Error(`${d.kind}: the follow-up was not sent: ${await d.text('#followup-error')}`);
  return readThread(d);
}

/** "Leave": back to the welcome view; checks that the thread and the codename are gone from the DOM. */
export async function leaveCheck(d) {
  await d.click('#check-leave');
  await d.waitView('welcome');
  const left = await d.eval(() => ({
    thread: document.getElementById('thread').childElementCount,
    input: document.getElementById('codename-input').value,
    followup: document.getElementById('followup-message').value,
    codename: document.getElementById('codename-text').textContent,
  }));
  if (left.thread !== 0 || left.input !== '' || left.followup !== '' || left.codename !== '') {
    throw new Error(`${d.kind}: leaving kept something on the page: ${JSON.stringify(left)}`);
  }
}
