// Tests of web/src/mailbox.js (PROTOCOL.md §8) and web/src/filename.js (§6.3):
// the header and keys a codename gives, the listing checks, a real round trip
// through typage (encrypt to the derived reply recipient, open it back), and
// the verification that rejects what is not ours (§8.4).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { describeAttachment, encodeContainer } from "../src/container.js";
import { MAX_FOLLOWUP_RECIPIENTS } from "../src/encrypt.js";
import { sanitiseName, uniqueNames } from "../src/filename.js";
import {
  MAILBOX_HEADER,
  MAX_ITEMS,
  MailboxError,
  checkListing,
  fetchItem,
  fetchListing,
  followupManifest,
  followupRecipients,
  localDate,
  mailboxKeys,
  openItem,
  readBounded,
  replyRecipientFor,
} from "../src/mailbox.js";

const VECTOR = new URL("../../tests/vectors/codename/js_dots_and_underscores.txt", import.meta.url);
const CODE_A = "zoom-abacus-lantern-quarry-puzzle-velvet-staple";
const CODE_B = "correct-battery-staple-velvet-lantern-quarry-puzzle";

const keysA = mailboxKeys(CODE_A);
const keysB = mailboxKeys(CODE_B);
const team1 = await generateX25519Identity();
const TEAM1 = await identityToRecipient(team1);

async function seal(recipients, manifest, bodies = []) {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(encodeContainer(manifest, bodies));
}

function replyManifest(overrides = {}) {
  return {
    kind: "reply",
    fields: { message: "Thank you. Could you tell us who else was there?" },
    attachments: [],
    reply_key: keysA.replyRecipient,
    client_time: "2025-03-21",
    locale: "und",
    ...overrides,
  };
}

async function rejects(promise, reason) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof MailboxError, `${e}`);
    assert.equal(e.code, "unreadable");
    assert.equal(e.reason, reason);
    return true;
  });
}

// --- keys -------------------------------------------------------------------

test("mailboxKeys gives the §8.1 header and the §7.3 keys of the shared vector", async () => {
  const text = await readFile(VECTOR, "utf8");
  const get = (k) => text.match(new RegExp(`^${k}: (.*)$`, "m"))[1];
  const keys = mailboxKeys(JSON.parse(get("input")));
  assert.deepEqual(Object.keys(keys.headers), [MAILBOX_HEADER]);
  assert.equal(keys.headers[MAILBOX_HEADER], get("mailbox_secret"));
  assert.match(keys.headers[MAILBOX_HEADER], /^[0-9a-f]{64}$/);
  assert.equal(keys.mailboxId, get("mailbox_id"));
  assert.equal(keys.replyRecipient, get("reply_recipient"));
  assert.equal(keys.replyIdentity, get("reply_identity"));
  // Different codenames, different everything.
  assert.notEqual(keysB.headers[MAILBOX_HEADER], keysA.headers[MAILBOX_HEADER]);
  assert.notEqual(keysB.replyRecipient, keysA.replyRecipient);
});

test("mailboxKeys refuses a mistyped codename by position, never echoing the word", () => {
  assert.throws(
    () => mailboxKeys("zoom-abacus-lantrn-quarry-puzzle-velvet-staple"),
    (e) => e.code === "unknown_word" && e.detail.position === 3 && !e.message.includes("lantrn"),
  );
  assert.throws(() => mailboxKeys("zoom abacus"), (e) => e.code === "wrong_word_count" && e.detail.found === 2);
});

test("localDate is a date without a time of day", () => {
  assert.equal(localDate(new Date(2025, 0, 5, 23, 59)), "2025-01-05");
  assert.match(localDate(), /^\d{4}-\d{2}-\d{2}$/);
});

// --- listing ----------------------------------------------------------------

const item = (n, kind = "reply") => ({ id: n.toString(16).padStart(32, "0"), kind, day: "2025-03-21", size: 70000 });

test("checkListing accepts §8.2 listings and keeps only the known keys", () => {
  assert.deepEqual(checkListing({ items: [] }), []);
  const out = checkListing({ items: [{ ...item(1), extra: "<b>x</b>" }, item(2, "status"), item(3, "followup")] });
  assert.deepEqual(out, [item(1), item(2, "status"), item(3, "followup")]);
  assert.equal(checkListing({ items: Array.from({ length: MAX_ITEMS }, (_, i) => item(i + 1)) }).length, MAX_ITEMS);
});

test("checkListing refuses hostile listings", () => {
  const bad = [
    null,
    [],
    { items: "x" },
    { items: Array.from({ length: MAX_ITEMS + 1 }, (_, i) => item(i + 1)) },
    { items: [item(1), item(1)] },
    { items: [item(1, "report")] },
    { items: [{ ...item(1), id: "../../api/team" }] },
    { items: [{ ...item(1), id: "0".repeat(31) + "G" }] },
    { items: [{ ...item(1), day: "2025-03-21T10:00" }] },
    { items: [{ ...item(1), size: -1 }] },
    { items: [{ ...item(1), size: 2 ** 60 }] },
    { items: [null] },
  ];
  for (const listing of bad) {
    assert.throws(() => checkListing(listing), (e) => e instanceof MailboxError && e.code === "bad_listing", JSON.stringify(listing)?.slice(0, 80));
  }
});

/** A fetch stand-in: records requests, answers from `routes[path]`. */
function fakeFetch(routes) {
  const calls = [];
  const impl = async (url, init) => {
    calls.push({ url, init });
    const path = new URL(url, "http://relay.test").pathname;
    const r = routes[path];
    if (!r) return new Response(JSON.stringify({ error: "not_found", message: "no" }), { status: 404 });
    return new Response(r.body, { status: r.status ?? 200 });
  };
  return { impl, calls };
}

test("fetchListing sends the header (never in the URL) and checks the answer", async () => {
  const { impl, calls } = fakeFetch({ "/api/mailbox": { body: JSON.stringify({ items: [item(7)] }) } });
  const items = await fetchListing({ base: "http://relay.test", keys: keysA, fetchImpl: impl });
  assert.deepEqual(items, [item(7)]);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].init.headers[MAILBOX_HEADER], keysA.headers[MAILBOX_HEADER]);
  assert.ok(!calls[0].url.includes(keysA.headers[MAILBOX_HEADER]));
  assert.ok(!calls[0].url.includes(keysA.mailboxId));

  const notJson = fakeFetch({ "/api/mailbox": { body: "<html>" } });
  await assert.rejects(fetchListing({ keys: keysA, fetchImpl: notJson.impl }), (e) => e.code === "bad_listing");
  const refused = fakeFetch({ "/api/mailbox": { status: 400, body: JSON.stringify({ error: "bad_mailbox", message: "m" }) } });
  await assert.rejects(
    fetchListing({ keys: keysA, fetchImpl: refused.impl }),
    (e) => e.code === "http" && e.status === 400 && e.error === "bad_mailbox",
  );
  const down = async () => {
    throw new TypeError("fetch failed");
  };
  await assert.rejects(fetchListing({ keys: keysA, fetchImpl: down }), (e) => e.code === "network");
});

test("fetchItem reads no more than the listed size, nor more than maxBytes", async () => {
  const it = { ...item(9), size: 10 };
  const { impl } = fakeFetch({ [`/api/mailbox/objects/${it.id}`]: { body: new Uint8Array(11) } });
  await assert.rejects(fetchItem({ keys: keysA, item: it, maxBytes: 100, fetchImpl: impl }), (e) => e.code === "too_large");
  await assert.rejects(fetchItem({ keys: keysA, item: { ...it, size: 101 }, maxBytes: 100, fetchImpl: impl }), (e) => e.code === "too_large");
  const ok = fakeFetch({ [`/api/mailbox/objects/${it.id}`]: { body: new Uint8Array(10).fill(7) } });
  const bytes = await fetchItem({ keys: keysA, item: it, maxBytes: 100, fetchImpl: ok.impl });
  assert.deepEqual(bytes, new Uint8Array(10).fill(7));
  assert.equal(ok.calls[0].init.headers[MAILBOX_HEADER], keysA.headers[MAILBOX_HEADER]);
});

test("readBounded stops at a declared Content-Length over the bound", async () => {
  const res = new Response(new Uint8Array(50), { headers: { "content-length": "50" } });
  await assert.rejects(readBounded(res, 49), (e) => e.code === "too_large");
  assert.equal((await readBounded(new Response(new Uint8Array(49)), 49)).length, 49);
});

// --- opening items ----------------------------------------------------------

test("openItem decrypts a reply addressed to the codename, with its attachment", async () => {
  const body = new TextEncoder().encode("The policy, page 4.\n");
  const entry = await describeAttachment("policy.txt", "text/plain", body);
  const ct = await seal([keysA.replyRecipient, TEAM1], replyManifest({ attachments: [entry] }), [body]);
  const { manifest, attachments } = await openItem(ct, "reply", keysA);
  assert.equal(manifest.fields.message, "Thank you. Could you tell us who else was there?");
  assert.deepEqual(manifest.attachments, [entry]);
  assert.deepEqual(attachments[0], body);
});

test("openItem accepts a closed status with its outcome, and the follow-up the reporter sent", async () => {
  const status = replyManifest({ kind: "status", fields: { note: "Done.", outcome: "substantiated", state: "closed" } });
  const s = await openItem(await seal([keysA.replyRecipient, TEAM1], status), "status", keysA);
  assert.equal(s.manifest.fields.outcome, "substantiated");
  const f = followupManifest({ message: "One more thing.", replyRecipient: keysA.replyRecipient, locale: "en" });
  const { recipients } = followupRecipients({ stanza_type: "X25519", investigators: [{ recipient: TEAM1 }] }, keysA);
  const o = await openItem(await seal(recipients, f), "followup", keysA);
  assert.equal(o.manifest.fields.message, "One more thing.");
});

test("openItem refuses what is not ours (§8.4): wrong key, kind, reply_key, fields, container", async () => {
  const to = [keysA.replyRecipient, TEAM1];
  // Encrypted only to the team: the reply identity cannot open it.
  await rejects(openItem(await seal([TEAM1], replyManifest()), "reply", keysA), "decrypt");
  // Another codename's item.
  await rejects(openItem(await seal(to, replyManifest()), "reply", keysB), "decrypt");
  // Listed as a status, but it is a reply.
  await rejects(openItem(await seal(to, replyManifest()), "status", keysA), "kind");
  // Decryptable by us, but its reply_key is someone else's (or missing).
  await rejects(openItem(await seal(to, replyManifest({ reply_key: keysB.replyRecipient })), "reply", keysA), "reply_key");
  const noKey = replyManifest();
  delete noKey.reply_key;
  await rejects(openItem(await seal(to, noKey), "reply", keysA), "reply_key");
  // Fields that do not fit the kind.
  const bads = [
    { kind: "status", fields: { note: "x", state: "hacked" } },
    { kind: "status", fields: { note: "x", state: "closed" } },
    { kind: "status", fields: { note: "x", outcome: "resolved", state: "investigating" } },
    { kind: "status", fields: { state: "received" } },
    { kind: "reply", fields: {} },
    { kind: "reply", fields: { html: "<script>", message: "x" } },
  ];
  for (const b of bads) await rejects(openItem(await seal(to, replyManifest(b)), b.kind, keysA), "fields");
  // Not a container at all, and garbage that is not age.
  const e = new Encrypter();
  e.addRecipient(keysA.replyRecipient);
  await rejects(openItem(await e.encrypt(new Uint8Array(65536)), "reply", keysA), "container");
  await rejects(openItem(new TextEncoder().encode("hello"), "reply", keysA), "decrypt");
});

// --- writing follow-ups -----------------------------------------------------

test("followupManifest builds the §8.4 manifest and refuses an empty one", async () => {
  const m = followupManifest({ message: "Hi", replyRecipient: keysA.replyRecipient, locale: "zh-CN", clientTime: "2025-03-22" });
  assert.deepEqual(m, {
    kind: "followup",
    fields: { message: "Hi" },
    attachments: [],
    reply_key: keysA.replyRecipient,
    client_time: "2025-03-22",
    locale: "zh-CN",
  });
  assert.throws(() => followupManifest({ message: "  ", replyRecipient: keysA.replyRecipient, locale: "en" }), (e) => e.code === "invalid");
  const entry = await describeAttachment("a.txt", "text/plain", new Uint8Array(1));
  assert.equal(followupManifest({ message: "", attachments: [entry], replyRecipient: keysA.replyRecipient, locale: "en" }).fields.message, "");
  assert.throws(
    () => followupManifest({ message: "x".repeat(32769), replyRecipient: keysA.replyRecipient, locale: "en" }),
    (e) => e.code === "invalid",
  );
});

test("followupRecipients: the whole team plus our own key of the team's type; mixed keysets are refused", async () => {
  const big = await Promise.all(Array.from({ length: 32 }, async () => ({ recipient: await identityToRecipient(await generateX25519Identity()) })));
  const x = followupRecipients({ stanza_type: "X25519", investigators: big }, keysA);
  assert.equal(x.recipients.length, MAX_FOLLOWUP_RECIPIENTS);
  assert.equal(x.recipients.at(-1), keysA.replyRecipient);
  assert.equal(x.replyRecipient, keysA.replyRecipient);
  // Only the chosen investigators (the reporter's exclusions, §8.4), then our key.
  const some = followupRecipients({ stanza_type: "X25519", investigators: big }, keysA, [big[3], big[7]]);
  assert.deepEqual(some.recipients, [big[3].recipient, big[7].recipient, keysA.replyRecipient]);
  assert.throws(() => followupRecipients({ stanza_type: "X25519", investigators: big }, keysA, []), (e) => e.code === "keys");
  // A post-quantum team: the post-quantum reply key, nothing X25519.
  const pq = await identityToRecipient(await generateHybridIdentity());
  const p = followupRecipients({ stanza_type: "mlkem768x25519", investigators: [{ recipient: pq }] }, keysA);
  assert.deepEqual(p.recipients, [pq, keysA.replyRecipientPq]);
  assert.equal(p.replyRecipient, keysA.replyRecipientPq);
  // Mixed, whatever the team announces, and a team that lies about its type.
  for (const stanza_type of ["X25519", "mlkem768x25519"]) {
    assert.throws(
      () => followupRecipients({ stanza_type, investigators: [{ recipient: TEAM1 }, { recipient: pq }] }, keysA),
      (e) => e.code === "keys" && /mix X25519/.test(e.message),
    );
  }
  assert.throws(() => followupRecipients({ stanza_type: "X25519", investigators: [{ recipient: pq }] }, keysA), (e) => e.code === "keys");
  assert.throws(() => followupRecipients({ stanza_type: "mlkem768x25519", investigators: [{ recipient: TEAM1 }] }, keysA), (e) => e.code === "keys");
  assert.throws(() => followupRecipients({ stanza_type: "RSA", investigators: [{ recipient: TEAM1 }] }, keysA), (e) => e.code === "keys");
  assert.throws(() => followupRecipients({ stanza_type: "X25519", investigators: [] }, keysA), (e) => e.code === "keys");
  // Our key listed as an investigator would be a duplicate recipient.
  assert.throws(
    () => followupRecipients({ stanza_type: "X25519", investigators: [{ recipient: keysA.replyRecipient }] }, keysA),
    (e) => e.code === "keys",
  );
  assert.throws(
    () => followupRecipients({ stanza_type: "mlkem768x25519", investigators: [{ recipient: keysA.replyRecipientPq }] }, keysA),
    (e) => e.code === "keys",
  );
});

test("replyRecipientFor: the post-quantum reply key for a post-quantum team, X25519 otherwise", () => {
  assert.equal(replyRecipientFor(keysA, "mlkem768x25519"), keysA.replyRecipientPq);
  assert.equal(replyRecipientFor(keysA, "X25519"), keysA.replyRecipient);
  assert.ok(keysA.replyRecipientPq.startsWith("age1pq1"));
  assert.ok(keysA.replyIdentityPq.startsWith("AGE-SECRET-KEY-PQ-1"));
  for (const t of ["x25519", "scrypt", undefined, null]) {
    assert.throws(() => replyRecipientFor(keysA, t), (e) => e instanceof MailboxError && e.code === "keys");
  }
});

test("openItem with a post-quantum team: a PQ reply opens with the PQ reply identity, and only ours", async () => {
  const teamPq = await identityToRecipient(await generateHybridIdentity());
  const to = [keysA.replyRecipientPq, teamPq];
  const pqReply = replyManifest({ reply_key: keysA.replyRecipientPq });
  const { manifest } = await openItem(await seal(to, pqReply), "reply", keysA);
  assert.equal(manifest.reply_key, keysA.replyRecipientPq);
  // The follow-up the reporter sent to a PQ team reads back too.
  const { recipients, replyRecipient } = followupRecipients({ stanza_type: "mlkem768x25519", investigators: [{ recipient: teamPq }] }, keysA);
  const f = followupManifest({ message: "PQ follow-up.", replyRecipient, locale: "en" });
  assert.equal((await openItem(await seal(recipients, f), "followup", keysA)).manifest.fields.message, "PQ follow-up.");
  // Another codename's PQ item does not decrypt; a PQ item naming another codename's key is refused.
  await rejects(openItem(await seal([keysB.replyRecipientPq, teamPq], replyManifest({ reply_key: keysB.replyRecipientPq })), "reply", keysA), "decrypt");
  await rejects(openItem(await seal(to, replyManifest({ reply_key: keysB.replyRecipientPq })), "reply", keysA), "reply_key");
  // Only to the team: neither reply identity opens it.
  await rejects(openItem(await seal([teamPq], pqReply), "reply", keysA), "decrypt");
});

// --- file names (§6.3) --------------------------------------------------------

test("sanitiseName follows §6.3 like the CLI", () => {
  const s = (n) => sanitiseName(n, 1);
  assert.equal(s("invoice\u202efdp.exe"), "invoicefdp.exe");
  assert.equal(s("../../x"), "x");
  assert.equal(s("C:\\Users\\me\\Desktop\\photo.jpg"), "photo.jpg");
  assert.equal(s("a<b>c:d\"e|f?g*h.txt"), "abcdefgh.txt");
  assert.equal(s("line\nbreak\r\t.txt"), "linebreak.txt");
  assert.equal(s("c1\u009bx.txt"), "c1x.txt");
  assert.equal(s("  report.pdf  "), "report.pdf");
  assert.equal(s(".bashrc"), "bashrc");
  assert.equal(s("dir/"), "attachment-1");
  assert.equal(s("???"), "attachment-1");
  assert.equal(s("CON"), "_CON");
  assert.equal(s("lpt1.txt"), "_lpt1.txt");
  assert.equal(s("CONSOLE.txt"), "CONSOLE.txt");
  const long = `${"日".repeat(50)}.pdf`;
  const cut = s(long);
  assert.ok(new TextEncoder().encode(cut).length <= 100);
  assert.ok(cut.endsWith(".pdf"));
  assert.deepEqual(uniqueNames(["a.txt", "A.TXT", "a.txt", ""]), ["a.txt", "A (2).TXT", "a (3).txt", "attachment-4"]);
});
