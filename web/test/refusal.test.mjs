// The §4.4 refusals (429 rate_limited; 503 busy, too_many_uploads,
// storage_full, disk_full): Retry-After parsing, the bounded wait of the
// worker's retries, and the message the reporter reads in each locale.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { REFUSALS, RETRY_AFTER_MAX_MS, refusalText, retryAfterSeconds, retryWait } from "../src/refusal.js";

const locales = {};
for (const tag of ["en", "zh-CN"]) {
  locales[tag] = JSON.parse(await readFile(new URL(`../locales/${tag}.json`, import.meta.url), "utf8"));
}

/** The page's substitution (i18n.js `t`), on a locale table. */
function render(table, { key, params }) {
  const text = table[key];
  assert.ok(text, `missing ${key}`);
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

test("Retry-After is read from the header, else from the body", () => {
  assert.equal(retryAfterSeconds("30"), 30);
  assert.equal(retryAfterSeconds(" 7 "), 7);
  assert.equal(retryAfterSeconds(null, { retry_after: 12 }), 12);
  assert.equal(retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", { retry_after: 5 }), 5);
  assert.equal(retryAfterSeconds("-1"), null);
  assert.equal(retryAfterSeconds("1e3"), null);
  assert.equal(retryAfterSeconds(null, { retry_after: "60" }), null);
  assert.equal(retryAfterSeconds(null, null), null);
});

test("the worker waits at least Retry-After, and gives up when the wait is too long", () => {
  const now = 1_000_000;
  const giveUpAt = now + 10 * 60 * 1000;
  assert.equal(retryWait(1000, null, now, giveUpAt), 1000);
  assert.equal(retryWait(1000, 20, now, giveUpAt), 20_000);
  assert.equal(retryWait(15_000, 5, now, giveUpAt), 15_000);
  assert.equal(retryWait(1000, RETRY_AFTER_MAX_MS / 1000, now, giveUpAt), RETRY_AFTER_MAX_MS);
  assert.equal(retryWait(1000, RETRY_AFTER_MAX_MS / 1000 + 1, now, giveUpAt), null, "over five minutes");
  assert.equal(retryWait(1000, 3600, now, giveUpAt), null, "storage_full: no pointless wait");
  assert.equal(retryWait(1000, 60, giveUpAt - 30_000, giveUpAt), null, "past the ten minutes");
});

test("each refusal code has a reason the page explains", () => {
  assert.deepEqual(Object.keys(REFUSALS).sort(), ["busy", "disk_full", "rate_limited", "storage_full", "too_many_uploads"]);
  for (const reason of new Set(Object.values(REFUSALS))) {
    for (const prefix of ["error", "followup.err"]) {
      for (const [tag, table] of Object.entries(locales)) {
        const text = table[`${prefix}.${reason}`];
        assert.ok(text, `${tag}: ${prefix}.${reason}`);
        assert.ok(text.includes("{minutes}"), `${tag}: ${prefix}.${reason} names the wait`);
      }
    }
  }
});

test("the reporter reads when to try again, in whole minutes rounded up", () => {
  const en = locales.en;
  const zh = locales["zh-CN"];
  assert.deepEqual(refusalText("rate_limited", 30), { key: "error.rate_limited", params: { minutes: 1 } });
  assert.match(render(en, refusalText("rate_limited", 30)), /too many reports.*try again in 1 minute/is);
  assert.match(render(en, refusalText("rate_limited", 150)), /try again in 3 minute/);
  assert.match(render(zh, refusalText("rate_limited", 150)), /请在 3 分钟后重试/);
  assert.match(render(en, refusalText("storage_full", 3600)), /no room.*try again in 60 minute/s);
  assert.match(render(zh, refusalText("storage_full", 3600)), /没有空间.*60 分钟/s);
  assert.match(render(en, refusalText("disk_full", 600)), /disk is nearly full.*10 minute/s);
  assert.match(render(zh, refusalText("disk_full", 600)), /磁盘.*10 分钟/s);
  assert.match(render(en, refusalText("busy", 5)), /very busy.*1 minute/s);
  assert.match(render(en, refusalText("rate_limited", 45, "followup.err")), /Your message is still here.*1 minute/s);
  assert.match(render(zh, refusalText("disk_full", 600, "followup.err")), /您的消息.*10 分钟/s);
  // No Retry-After: the relay's default waits (PROTOCOL.md §4.4).
  assert.deepEqual(refusalText("storage_full", null).params, { minutes: 60 });
  assert.deepEqual(refusalText("disk_full", undefined).params, { minutes: 10 });
  // Other reasons keep their key, without parameters.
  assert.deepEqual(refusalText("network", 30), { key: "error.network", params: {} });
});
