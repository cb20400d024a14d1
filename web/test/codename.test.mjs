// Tests of web/src/codename.js against PROTOCOL.md §7 and the shared vectors
// in tests/vectors/codename/ (rust_*.txt written by crates/core, js_*.txt here).
//
// With WHISTLEBOX_BLESS=1 this test (re)writes web/src/wordlist.js from
// crates/core/src/codename_wordlist.txt and the js_*.txt vectors from the
// fixed inputs below, and fills in the `reply_recipient_pq` line of the
// rust_*.txt success vectors (whistlebox-core does not link ML-KEM, so the
// Rust side writes `reply_identity_pq` and leaves the recipient to typage,
// PROTOCOL.md §7.4), before checking them. Without it, nothing is written.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { Decrypter, Encrypter, identityToRecipient } from "age-encryption";
import {
  CodenameError,
  WORD_COUNT,
  deriveCodename,
  generateCodename,
  isWord,
  mailboxIdOf,
  normaliseCodename,
} from "../src/codename.js";
import { WORDS } from "../src/wordlist.js";

const BLESS = process.env.WHISTLEBOX_BLESS === "1";
const VECTORS = new URL("../../tests/vectors/codename/", import.meta.url);
const WORDLIST_TXT = new URL("../../crates/core/src/codename_wordlist.txt", import.meta.url);
const WORDLIST_JS = new URL("../src/wordlist.js", import.meta.url);

// --- the word list (§7.1) ---------------------------------------------------

/** web/src/wordlist.js as generated from the text file both sides share. */
function renderWordlist(text) {
  const lines = text.split("\n");
  assert.equal(lines.pop(), "", "the word list ends with a newline");
  const comments = lines.filter((l) => l.startsWith("#")).map((l) => `//${l.slice(1)}`);
  const words = lines.filter((l) => !l.startsWith("#"));
  return [
    "// GENERATED from crates/core/src/codename_wordlist.txt by web/test/codename.test.mjs",
    "// (WHISTLEBOX_BLESS=1 npm test). Do not edit: change the text file and re-bless.",
    "//",
    ...comments,
    "",
    "/** The codename word list (docs/PROTOCOL.md §7.1), sorted. */",
    "export const WORDS = Object.freeze([",
    ...words.map((w) => `  ${JSON.stringify(w)},`),
    "]);",
    "",
  ].join("\n");
}

test("wordlist.js is generated from the shared text file, byte for byte", async () => {
  const expected = renderWordlist(await readFile(WORDLIST_TXT, "utf8"));
  if (BLESS) await writeFile(WORDLIST_JS, expected);
  assert.equal(await readFile(WORDLIST_JS, "utf8"), expected, "re-bless web/src/wordlist.js");
});

test("word list: 7 772 distinct sorted [a-z] words, ≥ 90 bits for seven", () => {
  assert.equal(WORDS.length, 7772);
  assert.ok(Object.isFrozen(WORDS));
  for (let i = 0; i < WORDS.length; i++) {
    assert.match(WORDS[i], /^[a-z]+$/);
    if (i > 0) assert.ok(WORDS[i - 1] < WORDS[i], `${WORDS[i - 1]} < ${WORDS[i]}`);
  }
  assert.equal(WORDS[0], "abacus");
  assert.equal(WORDS.at(-1), "zoom");
  assert.ok(Math.log2(WORDS.length) * WORD_COUNT >= 90);
  for (const w of ["t-shirt", "yo-yo", "drop-down", "felt-tip", "tshirt"]) assert.equal(isWord(w), false, w);
  assert.equal(isWord("yoyo"), true);
});

// --- generation (§7.1) ------------------------------------------------------

/** A getRandomValues that hands out the given 32-bit values in order. */
function scripted(values) {
  let i = 0;
  return {
    getRandomValues(buf) {
      assert.ok(buf instanceof Uint32Array);
      for (let j = 0; j < buf.length; j++) {
        assert.ok(i < values.length, "asked for more random values than scripted");
        buf[j] = values[i++];
      }
      return buf;
    },
    get used() {
      return i;
    },
  };
}

test("generateCodename rejects draws at or above the largest multiple of the list length", () => {
  const n = WORDS.length;
  const limit = Math.floor(2 ** 32 / n) * n;
  const rng = scripted([limit, 2 ** 32 - 1, limit - 1, 0, n, n + 1, limit, 2 * n + 2, 17, 5 * n + 40]);
  const codename = generateCodename(rng);
  assert.equal(rng.used, 10, "three rejected draws, seven accepted");
  assert.deepEqual(codename.split("-"), [WORDS[n - 1], WORDS[0], WORDS[0], WORDS[1], WORDS[2], WORDS[17], WORDS[40]]);
  assert.equal(normaliseCodename(codename), codename);
});

test("generateCodename uses the platform CSPRNG: seven list words, fresh every time", () => {
  const seen = new Set();
  for (let i = 0; i < 50; i++) {
    const c = generateCodename();
    const words = c.split("-");
    assert.equal(words.length, 7);
    for (const w of words) assert.ok(isWord(w), w);
    assert.equal(normaliseCodename(c), c);
    seen.add(c);
  }
  assert.equal(seen.size, 50);
});

// --- normalisation (§7.2) ---------------------------------------------------

function throwsCodename(fn, code, detail) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CodenameError, `expected a CodenameError, got ${e}`);
    assert.equal(e.code, code, e.message);
    assert.deepEqual(e.detail, detail);
    return true;
  });
}

test("normaliseCodename: separators, case, errors", () => {
  const seven = "abacus-zoom-correct-battery-staple-velvet-lantern";
  assert.equal(normaliseCodename("  Abacus\tZOOM--correct__battery. .staple\u00a0velvet\r\nLANTERN.  "), seven);
  throwsCodename(() => normaliseCodename(""), "wrong_word_count", { found: 0 });
  throwsCodename(() => normaliseCodename(" -_.\n"), "wrong_word_count", { found: 0 });
  throwsCodename(() => normaliseCodename(`${seven}-zoom`), "wrong_word_count", { found: 8 });
  throwsCodename(() => normaliseCodename("abacus zoom horse"), "unknown_word", { position: 3 });
  // Only ASCII is lowercased: KELVIN SIGN would lowercase to "k" in Unicode.
  throwsCodename(() => normaliseCodename("\u212aarate zoom correct battery staple velvet lantern"), "unknown_word", {
    position: 1,
  });
  // The error never echoes the word.
  assert.throws(() => normaliseCodename("zoom secretword"), (e) => !e.message.includes("secretword"));
  assert.throws(() => normaliseCodename(null), TypeError);
});

test("mailboxIdOf checks its input", () => {
  assert.throws(() => mailboxIdOf(new Uint8Array(31)), TypeError);
  assert.equal(
    mailboxIdOf(new Uint8Array(32)),
    createHash("sha256").update(new Uint8Array(32)).digest("hex"),
  );
});

// --- shared vectors (§7.3) --------------------------------------------------

/** The inputs of the js_*.txt vectors: file stem, description, input. */
const JS_VECTORS = [
  ["js_one_word_a_line", "mixed case, one word a line as if copied from a list", "Harbor\nGlacier\nKARATE\ncorrect\nBattery\nstaple\nvelveT\n"],
  ["js_dots_and_underscores", "dots and underscores as separators", "zoom.abacus_lantern.quarry_puzzle.velvet_staple"],
  ["js_padded_spaces", "runs of spaces around and between words", "   puzzle   quarry lantern velvet  staple battery correct   "],
  ["js_unknown_last_word", "the seventh word is not in the list", "correct battery staple velvet lantern quarry whistle"],
  ["js_unknown_eighth_word", "an unknown eighth word is reported as unknown, not as a count", "correct battery staple velvet lantern quarry puzzle nope"],
  ["js_unicode_space", "an em space (U+2003) is not a separator, so it glues two words into an unknown one", "correct\u2003battery staple velvet lantern quarry puzzle"],
  ["js_one_word", "a single word", "abacus"],
];

/** `input` as a JSON string with every non-ASCII UTF-16 unit escaped, so that
 * invisible characters stay visible in the file (same as the Rust side). */
function jsonAscii(input) {
  return JSON.stringify(input).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function renderVector(description, input) {
  const lines = [];
  try {
    const d = deriveCodename(input);
    lines.push(
      "expect: success",
      `description: ${description}`,
      `input: ${jsonAscii(input)}`,
      `normalised: ${normaliseCodename(input)}`,
      `mailbox_secret: ${Buffer.from(d.mailboxSecret).toString("hex")}`,
      `mailbox_id: ${d.mailboxId}`,
      `reply_recipient: ${d.replyRecipient}`,
      `reply_identity: ${d.replyIdentity}`,
      `reply_identity_pq: ${d.replyIdentityPq}`,
      `reply_recipient_pq: ${d.replyRecipientPq}`,
    );
  } catch (e) {
    if (!(e instanceof CodenameError)) throw e;
    const [key, value] = Object.entries(e.detail)[0];
    lines.push(`expect: ${e.code}`, `description: ${description}`, `input: ${jsonAscii(input)}`, `${key}: ${value}`);
  }
  return lines.join("\n") + "\n";
}

function parseVector(name, text) {
  assert.ok(text.endsWith("\n"), `${name}: no final newline`);
  const v = {};
  for (const line of text.slice(0, -1).split("\n")) {
    const i = line.indexOf(": ");
    assert.ok(i > 0, `${name}: line without ": ": ${line}`);
    const key = line.slice(0, i);
    assert.ok(!(key in v), `${name}: duplicate key ${key}`);
    v[key] = line.slice(i + 2);
  }
  return v;
}

async function loadVectors() {
  if (BLESS) {
    for (const [stem, description, input] of JS_VECTORS) {
      await writeFile(new URL(`${stem}.txt`, VECTORS), renderVector(description, input));
    }
    // rust_*.txt: the one line the Rust side cannot compute, from typage.
    for (const name of (await readdir(VECTORS)).filter((n) => n.startsWith("rust_") && n.endsWith(".txt"))) {
      const url = new URL(name, VECTORS);
      const text = await readFile(url, "utf8");
      const v = parseVector(name, text);
      if (v.expect !== "success" || v.reply_identity_pq === undefined) continue;
      const recipient = await identityToRecipient(v.reply_identity_pq);
      const kept = text.split("\n").filter((l) => l !== "" && !l.startsWith("reply_recipient_pq: "));
      await writeFile(url, [...kept, `reply_recipient_pq: ${recipient}`].join("\n") + "\n");
    }
  }
  const names = (await readdir(VECTORS)).filter((n) => n.endsWith(".txt")).sort();
  const out = [];
  for (const name of names) {
    const text = await readFile(new URL(name, VECTORS), "utf8");
    out.push({ name, text, v: parseVector(name, text) });
  }
  return out;
}

const ONLY = {
  success: [
    "normalised",
    "mailbox_secret",
    "mailbox_id",
    "reply_recipient",
    "reply_identity",
    "reply_identity_pq",
    "reply_recipient_pq",
  ],
  unknown_word: ["position"],
  wrong_word_count: ["found"],
};

test("every shared vector (Rust's and ours) holds", async () => {
  const vectors = await loadVectors();
  const counts = { success: 0, unknown_word: 0, wrong_word_count: 0 };
  let js = 0;
  for (const { name, text, v } of vectors) {
    assert.ok(v.expect in ONLY, `${name}: unknown expect ${v.expect}`);
    assert.deepEqual(
      Object.keys(v).sort(),
      ["expect", "description", "input", ...ONLY[v.expect]].sort(),
      `${name}: keys`,
    );
    counts[v.expect]++;
    const input = JSON.parse(v.input);
    assert.equal(typeof input, "string", `${name}: input is a JSON string`);
    if (v.expect === "success") {
      const d = deriveCodename(input);
      assert.equal(normaliseCodename(input), v.normalised, `${name}: normalised`);
      assert.equal(normaliseCodename(v.normalised), v.normalised, `${name}: fixed point`);
      assert.equal(Buffer.from(d.mailboxSecret).toString("hex"), v.mailbox_secret, `${name}: mailbox_secret`);
      assert.equal(d.mailboxId, v.mailbox_id, `${name}: mailbox_id`);
      assert.equal(
        createHash("sha256").update(Buffer.from(v.mailbox_secret, "hex")).digest("hex"),
        v.mailbox_id,
        `${name}: mailbox_id is SHA-256 of the secret`,
      );
      assert.equal(d.replyRecipient, v.reply_recipient, `${name}: reply_recipient`);
      assert.equal(d.replyIdentity, v.reply_identity, `${name}: reply_identity`);
      assert.equal(d.replyIdentityPq, v.reply_identity_pq, `${name}: reply_identity_pq`);
      assert.equal(d.replyRecipientPq, v.reply_recipient_pq, `${name}: reply_recipient_pq`);
      // typage agrees on the recipient of the PQ identity.
      assert.equal(await identityToRecipient(v.reply_identity_pq), v.reply_recipient_pq, `${name}: typage`);
    } else {
      const [key] = ONLY[v.expect];
      throwsCodename(() => deriveCodename(input), v.expect, { [key]: Number(v[key]) });
    }
    if (name.startsWith("js_")) {
      js++;
      const entry = JS_VECTORS.find(([stem]) => `${stem}.txt` === name);
      assert.ok(entry, `${name}: not among JS_VECTORS`);
      assert.equal(text, renderVector(entry[1], entry[2]), `${name}: stale, re-bless`);
    } else {
      assert.ok(name.startsWith("rust_"), `${name}: vector names start with rust_ or js_`);
    }
  }
  assert.equal(js, JS_VECTORS.length, "every js_ vector is on disk");
  assert.ok(vectors.length - js >= 8, "the Rust side's vectors are present");
  assert.ok(counts.success >= 6, JSON.stringify(counts));
  assert.ok(counts.unknown_word >= 3, JSON.stringify(counts));
  assert.ok(counts.wrong_word_count >= 3, JSON.stringify(counts));
});

// --- the reply key works with typage ----------------------------------------

async function roundTrip(recipient, identity, text) {
  const e = new Encrypter();
  e.addRecipient(recipient);
  const ciphertext = await e.encrypt(text);
  const d = new Decrypter();
  d.addIdentity(identity);
  return d.decrypt(ciphertext, "text");
}

test("typage encrypts to replyRecipient(Pq) and decrypts with replyIdentity(Pq)", async () => {
  const vectors = (await loadVectors()).filter(({ v }) => v.expect === "success");
  const cases = vectors.map(({ v }) => JSON.parse(v.input));
  cases.push(generateCodename());
  for (const codename of cases) {
    const d = deriveCodename(codename);
    assert.equal(await identityToRecipient(d.replyIdentity), d.replyRecipient);
    assert.equal(await identityToRecipient(d.replyIdentityPq), d.replyRecipientPq);
    assert.ok(d.replyRecipientPq.startsWith("age1pq1") && d.replyIdentityPq.startsWith("AGE-SECRET-KEY-PQ-1"));
    const message = `reply for ${d.mailboxId}`;
    assert.equal(await roundTrip(d.replyRecipient, d.replyIdentity, message), message);
    assert.equal(await roundTrip(d.replyRecipientPq, d.replyIdentityPq, message), message);
    // Each identity opens only its own type.
    await assert.rejects(roundTrip(d.replyRecipientPq, d.replyIdentity, message));
    await assert.rejects(roundTrip(d.replyRecipient, d.replyIdentityPq, message));
  }
  // And the identity of another codename does not open it.
  const a = deriveCodename(cases[0]);
  const b = deriveCodename(cases.at(-1));
  const e = new Encrypter();
  e.addRecipient(a.replyRecipient);
  const ct = await e.encrypt("only for a");
  const dec = new Decrypter();
  dec.addIdentity(b.replyIdentity);
  await assert.rejects(dec.decrypt(ct, "text"));
});
