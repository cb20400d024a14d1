// Static checks of the reporter page's sources: the two locale files have the
// same keys, every key the page uses exists, and the page code uses no
// storage, no URL changes and no HTML parsing of strings (PROTOCOL.md §7:
// nothing is kept on the device; §8.4: relay data is shown as text only).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";

const WEB = new URL("../", import.meta.url);
const read = (p) => readFile(new URL(p, WEB), "utf8");

const en = JSON.parse(await read("locales/en.json"));
const zh = JSON.parse(await read("locales/zh-CN.json"));
const html = await read("page/index.html");
const pageFiles = (await readdir(new URL("src/page/", WEB))).filter((f) => f.endsWith(".js"));
const sources = Object.fromEntries(
  await Promise.all([
    ...pageFiles.map(async (f) => [`src/page/${f}`, await read(`src/page/${f}`)]),
    ["src/worker.js", await read("src/worker.js")],
    ["src/mailbox.js", await read("src/mailbox.js")],
  ]),
);

test("en and zh-CN have exactly the same keys, none empty", () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [k, v] of Object.entries({ ...en, ...zh })) assert.ok(typeof v === "string" && v.trim() !== "", k);
});

test("every data-i18n key of index.html and every literal t(\"…\") key exists", () => {
  const used = new Set([...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]));
  for (const code of Object.values(sources)) {
    for (const m of code.matchAll(/\bt\("([a-z0-9_.]+)"/g)) used.add(m[1]);
  }
  assert.ok(used.has("check.heading") && used.has("codename.copy"), "the scan finds the new view's keys");
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, []);
  // Keys built at run time: states, outcomes, kinds.
  for (const s of ["received", "acknowledged", "investigating", "need_more_information", "closed"]) assert.ok(`status.state.${s}` in en);
  for (const o of ["substantiated", "not_substantiated", "inconclusive", "resolved", "withdrawn", "referred"]) {
    assert.ok(`status.outcome.${o}` in en && `status.outcome.${o}.explain` in en, o);
  }
  for (const k of ["reply", "status", "followup"]) assert.ok(`check.kind.${k}` in en);
});

test("page code stores nothing, never changes the URL, never parses HTML, never logs", () => {
  const banned = [
    /localStorage/, /sessionStorage/, /indexedDB/, /document\.cookie/, /serviceWorker/,
    /pushState/, /replaceState/, /location\.hash/, /location\.search/, /location\.assign/,
    /\.innerHTML/, /\.outerHTML/, /insertAdjacentHTML/, /document\.write/, /console\./,
  ];
  for (const [file, code] of Object.entries(sources)) {
    for (const re of banned) assert.ok(!re.test(code), `${file} uses ${re}`);
  }
});

test("the codename input is not autocompleted, spell-checked or capitalised", () => {
  const input = html.match(/<input[^>]*id="codename-input"[^>]*>/s)[0];
  for (const attr of ['autocomplete="off"', 'spellcheck="false"', 'autocapitalize="off"']) assert.ok(input.includes(attr), attr);
});

test("the page encrypts only to a selection from web/src/selection.js (one source for `recipients`, §1.5)", () => {
  // No page file picks recipients out of the team itself: the worker reads
  // both the age recipients and the `recipients` field from `chosen`.
  for (const file of ["src/page/app.js", "src/page/check.js", "src/worker.js"]) {
    assert.ok(!/\.recipient\b/.test(sources[file]), `${file} reads .recipient itself`);
  }
  for (const file of ["src/page/app.js", "src/page/check.js"]) {
    assert.ok(!/\brecipients:\s/.test(sources[file]), `${file} hands the worker a recipient list of its own`);
  }
  assert.match(sources["src/page/app.js"], /chosen = selectInvestigators\(team\.investigators, state\.excluded, team\.minRecipients\)/);
  assert.match(sources["src/worker.js"], /recipientsOf\(job\.chosen\)/);
  assert.match(sources["src/worker.js"], /reportFields\(job\.fields, job\.chosen\)/);
});
