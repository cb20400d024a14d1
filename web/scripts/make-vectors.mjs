#!/usr/bin/env node
// Writes the JavaScript side's shared container vectors,
// tests/vectors/container/js_*.txt (format: /docs/PROTOCOL.md §1, CCTV testkit
// shape: `key: value` header lines, a blank line, then the container bytes).
//
// Deterministic: fixed inputs, no clock, no randomness. Writes only when
// WHISTLEBOX_BLESS=1; otherwise it checks that the files on disk are what it
// would write, and exits 1 if one differs.
//
//   WHISTLEBOX_BLESS=1 node web/scripts/make-vectors.mjs

import { readFile, writeFile } from "node:fs/promises";
import { bech32 } from "@scure/base";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  canonicalManifest,
  describeAttachment,
  encodeContainer,
  paddedLen,
} from "../src/container.js";

const DIR = new URL("../../tests/vectors/container/", import.meta.url);
const utf8 = (s) => new TextEncoder().encode(s);

/** A fixed, valid X25519 recipient: bech32("age", SHA-256 of a label). */
const REPLY_KEY = bech32.encode("age", bech32.toWords(sha256(utf8("whistlebox js vector reply key"))));

/** 100 KiB of a byte pattern that is not periodic in 256. */
function pattern(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >>> 8) * 7 + 3) & 0xff;
  return out;
}

function manifest({ kind = "report", fields, attachments = [], reply_key, client_time, locale }) {
  const m = { kind, fields, attachments };
  if (reply_key !== undefined) m.reply_key = reply_key;
  m.client_time = client_time;
  m.locale = locale;
  return m;
}

async function success(name, description, build) {
  const { files, ...rest } = build;
  const attachments = await Promise.all(files.map(([n, t, b]) => describeAttachment(n, t, b)));
  const m = manifest({ ...rest, attachments });
  const bodies = files.map(([, , b]) => b);
  const bytes = encodeContainer(m, bodies);
  const header = [
    "expect: success",
    `description: ${description}`,
    `manifest: ${canonicalManifest(m)}`,
    ...bodies.map((b) => `attachment: ${Buffer.from(b).toString("base64")}`),
  ];
  return { name, header, bytes };
}

/** A container built by hand, for error vectors: any manifest text, any body_len. */
function raw(manifestText, bodyLen, body, padTo) {
  const json = utf8(manifestText);
  const unpadded = 17 + json.length + body.length;
  const out = new Uint8Array(padTo ?? paddedLen(unpadded));
  const view = new DataView(out.buffer);
  out.set(utf8("WBOX"), 0);
  out[4] = 1;
  view.setUint32(5, json.length);
  out.set(json, 9);
  view.setBigUint64(9 + json.length, BigInt(bodyLen));
  out.set(body, 17 + json.length);
  return out;
}

function failure(name, code, description, bytes) {
  return { name, header: [`expect: ${code}`, `description: ${description}`], bytes };
}

async function vectors() {
  const big = pattern(100 * 1024);
  const notes = utf8("会议记录：2025-03-14 下午三点，三楼小会议室。\n");
  const out = [];

  out.push(
    await success("js_report_no_attachments", "report in Chinese with no attachments", {
      fields: {
        category: "骚扰",
        what: "部门经理多次在会议后对我发表不当言论，并威胁说如果我告诉别人就会影响我的考核。",
        when: "2025年3月至今",
        where: "上海办公室，三楼",
      },
      files: [],
      client_time: "2025-03-20T09:15:00+08:00",
      locale: "zh-CN",
    }),
  );

  out.push(
    await success(
      "js_report_two_attachments",
      "two attachments (100 KiB byte pattern named with ../, small UTF-8 text); padded past 64 KiB",
      {
        fields: { category: "retaliation", what: "Demoted two weeks after I raised a concern." },
        files: [
          ["../../etc/evidence.bin", "application/octet-stream", big],
          ["notes.txt", "text/plain; charset=utf-8", notes],
        ],
        client_time: "2025-03-20T01:15:00Z",
        locale: "en-GB",
      },
    ),
  );

  out.push(
    await success("js_non_ascii_names", "CJK and emoji in field values and file names", {
      fields: {
        what: "上司からの深夜のメッセージ 😡📱 — 스크린샷 첨부",
        where: "東京 🏢 本社 7F",
      },
      files: [
        ["証拠 📷 スクリーンショット.png", "image/png", utf8("\x89PNG fake but fine")],
        ["👀\u{1F1EF}\u{1F1F5}.txt", "text/plain", utf8("🙈🙉🙊")],
      ],
      client_time: "2025年3月20日 10時",
      locale: "ja-JP",
    }),
  );

  let controls = "";
  for (let c = 0; c < 0x20; c++) controls += String.fromCharCode(c);
  out.push(
    await success(
      "js_escaping",
      "every control character, quotes, backslashes, DEL, U+2028 and HTML in fields (escaping)",
      {
        fields: {
          controls,
          quotes: `He said "don't tell anyone" \\ and left. 'single' \`back\``,
          other: "DEL\x7f LS\u2028 PS\u2029 </script><b>bold</b> &amp; \\u0041 / \\/",
        },
        files: [['"quoted" \\ name\t.txt', 'text/plain; name="x"', utf8("tab\there")]],
        client_time: 'Thu "20" Mar',
        locale: "en",
      },
    ),
  );

  out.push(
    await success("js_empty_attachment", "followup with an empty attachment and an empty media type", {
      kind: "followup",
      fields: { message: "The second file is empty on purpose; the first is a short note." },
      files: [
        ["note.md", "text/markdown", utf8("# Follow-up\n\nNothing new.\n")],
        ["empty", "", new Uint8Array(0)],
      ],
      client_time: "",
      locale: "fr",
    }),
  );

  out.push(
    await success("js_reply_key", "report with a reply_key", {
      fields: { what: "Please answer me through the mailbox." },
      files: [],
      reply_key: REPLY_KEY,
      client_time: "2025-03-21T12:00:00.000Z",
      locale: "de-AT",
    }),
  );

  out.push(
    await success("js_status", "status from the team, no attachments", {
      kind: "status",
      fields: { note: "Interviews scheduled.", state: "investigating" },
      files: [],
      client_time: "2025-04-02",
      locale: "en",
    }),
  );

  // Limits at their maximum: 64 fields, a 64-character key, a 64-byte
  // client_time, a 35-byte locale, a 255-byte type.
  const fields = {};
  for (let i = 0; i < 63; i++) fields[`f${String(i).padStart(2, "0")}`] = `value ${i}`;
  fields[`k${"_".repeat(62)}z`] = "longest key";
  out.push(
    await success("js_limits_at_maximum", "64 fields, 64-byte key and client_time, 35-byte locale, 255-byte type", {
      kind: "reply",
      fields,
      files: [["n".repeat(1024), "t".repeat(255), utf8("x")]],
      client_time: "c".repeat(64),
      locale: `en-${"a".repeat(32)}`,
    }),
  );

  // Unpadded length exactly 65 536 (no padding), then 65 537 (padded to 67 584).
  for (const [extra, name] of [
    [0, "js_unpadded_65536"],
    [1, "js_unpadded_65537"],
  ]) {
    // The manifest length depends on the size's digits; 5 digits either way.
    const probe = await describeAttachment("fill.bin", "application/octet-stream", new Uint8Array(10_000));
    const mLen = utf8(canonicalManifest(manifest({ fields: {}, attachments: [probe], client_time: "", locale: "en" }))).length;
    const body = pattern(65_536 + extra - 17 - mLen);
    const v = await success(name, `unpadded length ${65_536 + extra}, padded to ${paddedLen(65_536 + extra)}`, {
      fields: {},
      files: [["fill.bin", "application/octet-stream", body]],
      client_time: "",
      locale: "en",
    });
    if (v.bytes.length !== paddedLen(65_536 + extra)) throw new Error(`${name}: wrong length`);
    out.push(v);
  }

  // Error vectors for rules where the JS and Rust parsers could drift apart.
  const h = await describeAttachment("a.txt", "text/plain", utf8("abc"));
  out.push(
    failure(
      "js_manifest_not_canonical_unicode_escape",
      "manifest_not_canonical",
      "é written as \\u00e9: valid JSON, but canonical JSON escapes nothing above U+001F",
      raw('{"kind":"report","fields":{"what":"caf\\u00e9"},"attachments":[],"client_time":"","locale":"en"}', 0, new Uint8Array(0)),
    ),
  );
  const upper = `{"kind":"report","fields":{},"attachments":[{"name":"a.txt","type":"text/plain","size":3,"sha256":"${h.sha256.toUpperCase()}"}],"client_time":"","locale":"en"}`;
  out.push(
    failure(
      "js_manifest_invalid_sha256_uppercase",
      "manifest_invalid",
      "attachment sha256 in upper-case hex (hex is lowercase, PROTOCOL.md conventions)",
      raw(upper, 3, utf8("abc")),
    ),
  );
  const huge = `{"kind":"report","fields":{},"attachments":[{"name":"a.txt","type":"text/plain","size":9007199254740993,"sha256":"${h.sha256}"}],"client_time":"","locale":"en"}`;
  out.push(
    failure(
      "js_manifest_invalid_size_2p53",
      "manifest_invalid",
      "attachment size 2^53 + 1 (sizes must be below 2^53; a float parser would round it)",
      raw(huge, 9007199254740993n, new Uint8Array(0), 65_536),
    ),
  );
  return out;
}

function fileBytes({ header, bytes }) {
  const head = new TextEncoder().encode(`${header.join("\n")}\n\n`);
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head, 0);
  out.set(bytes, head.length);
  return out;
}

const bless = process.env.WHISTLEBOX_BLESS === "1";
let stale = 0;
for (const v of await vectors()) {
  const url = new URL(`${v.name}.txt`, DIR);
  const want = fileBytes(v);
  if (bless) {
    await writeFile(url, want);
    console.log(`wrote ${url.pathname}`);
  } else {
    const have = await readFile(url).catch(() => null);
    if (have === null || Buffer.compare(have, want) !== 0) {
      console.error(`stale: ${url.pathname} (run with WHISTLEBOX_BLESS=1 to rewrite)`);
      stale += 1;
    }
  }
}
if (stale > 0) process.exit(1);
if (!bless) console.log("all js_* vectors are up to date");
