// Helpers of the overview test (tests/browser/overview.test.mjs): reports
// submitted with the Node reporter client, the bars of an opened overview
// (`whistlebox overview`, crates/cli/src/overview.rs), and an RFC 4180 reader
// for its CSV.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './relay.mjs';

const SUBMIT = path.join(ROOT, 'web', 'scripts', 'submit.mjs');

/**
 * Submits one report under a fresh codename through `web/scripts/submit.mjs`
 * (the page's container and encryption, proof of work included), with the
 * given `category` and investigators left out; returns `{ id, day }`.
 */
export async function submitReport(relayUrl, { category, what, exclude = [] }) {
  const args = [SUBMIT, '--relay', relayUrl, '--new-codename', '--field', `category=${category}`, '--field', `what=${what}`];
  for (const id of exclude) args.push('--exclude', id);
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 120_000 });
  const line = stdout.trim().split('\n').at(-1);
  const { id, day } = JSON.parse(line);
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
  return { id, day };
}

/**
 * Every bar of the page's charts: `{ chart: [[key, count], …] }` in document
 * order, read from the `<rect data-chart data-key data-count>` attributes.
 */
export function readBars(page) {
  return page.evaluate(() => {
    const out = {};
    for (const r of document.querySelectorAll('rect[data-chart]')) {
      const chart = r.getAttribute('data-chart');
      (out[chart] ??= []).push([r.getAttribute('data-key'), Number(r.getAttribute('data-count'))]);
    }
    return out;
  });
}

/**
 * What must never be in the overview, read from the live DOM: script
 * elements, event-handler attributes, and any attribute that could load
 * something (`href`, `src`, `srcset`, `action`, `xlink:href`, `data`,
 * `poster`, `background`).
 */
export function readForbidden(page) {
  return page.evaluate(() => {
    const loaders = new Set(['href', 'src', 'srcset', 'action', 'xlink:href', 'data', 'poster', 'background', 'formaction']);
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames()) {
        if (a.startsWith('on') || loaders.has(a)) found.push(`<${el.localName} ${a}>`);
      }
    }
    return { scripts: document.querySelectorAll('script').length, attributes: found };
  });
}

/** The rows of the case table: `{ id: { readable, cells: [text, …] } }`. */
export function readCaseRows(page) {
  return page.evaluate(() => {
    const out = {};
    for (const tr of document.querySelectorAll('tr[data-case]')) {
      out[tr.getAttribute('data-case')] = {
        readable: tr.getAttribute('data-readable') === 'true',
        cells: [...tr.cells].map((c) => c.textContent),
      };
    }
    return out;
  });
}

/** Parses RFC 4180 CSV (CRLF records, `""` inside quotes); throws on anything else. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r') {
      assert.equal(text[i + 1], '\n', `a CR without LF at ${i}`);
      i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      wasQuoted = false;
    } else {
      assert.ok(c !== '\n' && c !== '"' && !wasQuoted, `${JSON.stringify(c)} out of place at ${i}`);
      field += c;
    }
  }
  assert.ok(!quoted && field === '' && record.length === 0, 'the CSV ends with a complete record');
  return records;
}
