// Tests of web/src/container.js against PROTOCOL.md §1 and the shared vectors
// in tests/vectors/container/ (written by both the Rust and the JS side).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import {
  ContainerError,
  canonicalManifest,
  containerLength,
  containerStream,
  decodeContainer,
  describeAttachment,
  describeBlob,
  encodeContainer,
  isBucket,
  padme,
  paddedLen,
  validateManifest,
} from "../src/container.js";

const VECTORS = new URL("../../tests/vectors/container/", import.meta.url);
const utf8 = (s) => new TextEncoder().encode(s);

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

function baseManifest(extra = {}) {
  return {
    kind: "report",
    fields: { what: "something happened", category: "harassment" },
    attachments: [],
    client_time: "2025-01-01T00:00:00Z",
    locale: "en",
    ...extra,
  };
}

async function sample() {
  const a = utf8("first attachment");
  const b = new Uint8Array(70_000).map((_, i) => i % 251);
  const m = baseManifest({
    attachments: [await describeAttachment("a.txt", "text/plain", a), await describeAttachment("b.bin", "", b)],
  });
  return { m, bodies: [a, b] };
}

/** Builds container bytes by hand, bypassing every check. */
function raw(manifestText, { bodyLen = 0n, body = new Uint8Array(0), total, version = 1 } = {}) {
  const json = utf8(manifestText);
  const unpadded = 17 + json.length + body.length;
  const out = new Uint8Array(total ?? paddedLen(unpadded));
  const view = new DataView(out.buffer);
  out.set(utf8("WBOX"), 0);
  out[4] = version;
  view.setUint32(5, json.length);
  out.set(json.subarray(0, Math.max(0, out.length - 9)), 9);
  if (out.length >= 17 + json.length) view.setBigUint64(9 + json.length, BigInt(bodyLen));
  if (out.length >= 17 + json.length) out.set(body.subarray(0, out.length - 17 - json.length), 17 + json.length);
  return out;
}

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof ContainerError, `expected a ContainerError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

// --- padding (§1.3) ---------------------------------------------------------

/** Reference Padmé with BigInt and a loop for log2, independent of the module. */
function refPadme(len) {
  let l = BigInt(len);
  if (l < 2n) return Number(l);
  let e = 0n;
  while (l >> (e + 1n) > 0n) e++;
  let log2e = 0n;
  while (e >> (log2e + 1n) > 0n) log2e++;
  const z = e - (log2e + 1n);
  const mask = (1n << z) - 1n;
  return Number((l + mask) & ~mask);
}

test("padme at the 64 KiB boundary and beyond", () => {
  assert.equal(paddedLen(0), 65_536);
  assert.equal(paddedLen(17), 65_536);
  assert.equal(paddedLen(65_535), 65_536);
  assert.equal(paddedLen(65_536), 65_536);
  assert.equal(paddedLen(65_537), 67_584); // E=16, S=5, z=11: multiples of 2048
  assert.equal(padme(65_537), 67_584);
  assert.equal(padme(2 ** 40 + 1), 2 ** 40 + 2 ** 34); // E=40, S=6, z=34
  assert.equal(padme(2 ** 53 - 1), 2 ** 53);
  assert.equal(padme(2 ** 53), 2 ** 53);
  assert.equal(padme(0), 0);
  assert.equal(padme(1), 1);
  assert.equal(padme(96), 96); // E=6, S=3, z=3 → multiples of 8
  assert.equal(padme(97), 104);
});

test("padme matches a reference at every power of two ± 1 up to 2^53", () => {
  for (let k = 1; k <= 53; k++) {
    for (const len of [2 ** k - 1, 2 ** k, 2 ** k + 1]) {
      if (len > 2 ** 53) continue;
      assert.equal(padme(len), refPadme(len), `padme(${len})`);
      const p = padme(len);
      assert.ok(p >= len && p - len <= len * 0.12 + 1, `overhead at ${len}`);
      assert.equal(padme(p), p, `idempotent at ${len}`);
    }
  }
});

test("padme matches the reference on a deterministic spread of lengths", () => {
  let x = 12345n;
  for (let i = 0; i < 2000; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    const len = Number(x % 2n ** BigInt(1 + (i % 53)));
    assert.equal(padme(len), refPadme(len), `padme(${len})`);
  }
});

test("isBucket", () => {
  assert.ok(isBucket(65_536));
  assert.ok(isBucket(67_584));
  assert.ok(!isBucket(65_537));
  assert.ok(!isBucket(65_535));
  assert.ok(!isBucket(2048)); // a Padmé fixed point, but below the minimum
  assert.ok(isBucket(2 ** 40 + 2 ** 34));
  assert.ok(!isBucket(2 ** 40 + 1));
});

test("padme refuses what it cannot compute exactly", () => {
  for (const bad of [-1, 1.5, 2 ** 53 + 2, Number.NaN, "5"]) {
    assert.throws(() => padme(bad), RangeError);
  }
});

// --- manifest (§1.2) --------------------------------------------------------

test("canonical manifest: key order, sorted fields, escaping", () => {
  const m = {
    locale: "en",
    client_time: "t",
    attachments: [{ sha256: "0".repeat(64), size: 1, type: "", name: 'a"b' }],
    fields: { zeta: "1", alpha: "\u0000\u001f\b\t\n\f\r\"\\/\u007f\u2028é😀" },
    kind: "report",
  };
  assert.equal(
    canonicalManifest(m),
    '{"kind":"report","fields":{"alpha":"\\u0000\\u001f\\b\\t\\n\\f\\r\\"\\\\/\u007f\u2028é😀","zeta":"1"},' +
      `"attachments":[{"name":"a\\"b","type":"","size":1,"sha256":"${"0".repeat(64)}"}],` +
      '"client_time":"t","locale":"en"}',
  );
  m.reply_key = "age1x";
  assert.match(canonicalManifest(m), /\],"reply_key":"age1x","client_time"/);
  m.reply_key = null;
  assert.doesNotMatch(canonicalManifest(m), /reply_key/);
});

test("canonical manifest sorts field keys in UTF-8 byte order", () => {
  // Only possible in a decoded (invalid) manifest, but the canonical check must agree with Rust.
  const text = canonicalManifest(baseManifest({ fields: { "😀": "", "\uff01": "", b: "" } }));
  assert.ok(text.indexOf('"b"') < text.indexOf("\uff01"));
  assert.ok(text.indexOf("\uff01") < text.indexOf("😀"));
});

test("validateManifest enforces every limit of §1.2", async () => {
  validateManifest(baseManifest());
  const { m } = await sample();
  validateManifest(m);
  const bad = [
    baseManifest({ kind: "memo" }),
    baseManifest({ fields: { Bad: "x" } }),
    baseManifest({ fields: { "1a": "x" } }),
    baseManifest({ fields: { ["a".repeat(65)]: "x" } }),
    baseManifest({ fields: { what: "é".repeat(16_385) } }), // 32 770 bytes, 16 385 chars
    baseManifest({ fields: { what: 5 } }),
    baseManifest({ fields: { what: "\ud800" } }), // lone surrogate
    baseManifest({ fields: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, ""])) }),
    baseManifest({ attachments: [{ ...m.attachments[0], name: "" }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], name: "ü".repeat(513) }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], type: "t".repeat(256) }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], size: 2 ** 53 }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], size: -1 }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], size: 1.5 }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], sha256: "A".repeat(64) }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], sha256: "a".repeat(63) }] }),
    baseManifest({ attachments: [{ ...m.attachments[0], extra: 1 }] }),
    baseManifest({ attachments: Array.from({ length: 65 }, () => m.attachments[0]) }),
    baseManifest({ reply_key: "age1notarecipient" }),
    baseManifest({ reply_key: 7 }),
    baseManifest({ client_time: "x".repeat(65) }),
    baseManifest({ locale: "" }),
    baseManifest({ locale: "en_US" }),
    baseManifest({ locale: "a".repeat(36) }),
    baseManifest({ extra: "x" }),
    { ...baseManifest(), locale: undefined },
  ];
  for (const [i, m2] of bad.entries()) {
    throwsCode(() => validateManifest(m2), "manifest_invalid", `case ${i}`);
  }
  // Limits are inclusive.
  validateManifest(baseManifest({ fields: { what: "é".repeat(16_384) }, client_time: "x".repeat(64) }));
  validateManifest(baseManifest({ locale: "a".repeat(35) }));
});

// --- encode / stream --------------------------------------------------------

test("encode then decode round-trips, and the layout is as in §1.1", async () => {
  const { m, bodies } = await sample();
  const bytes = encodeContainer(m, bodies);
  const json = utf8(canonicalManifest(m));
  const view = new DataView(bytes.buffer);
  assert.deepEqual([...bytes.subarray(0, 5)], [0x57, 0x42, 0x4f, 0x58, 1]);
  assert.equal(view.getUint32(5), json.length);
  assert.deepEqual(bytes.subarray(9, 9 + json.length), json);
  assert.equal(view.getBigUint64(9 + json.length), BigInt(bodies[0].length + bodies[1].length));
  const unpadded = 17 + json.length + bodies[0].length + bodies[1].length;
  assert.equal(bytes.length, paddedLen(unpadded));
  assert.ok(bytes.length > 65_536 && isBucket(bytes.length));
  assert.equal(containerLength(m), bytes.length);
  assert.ok(bytes.subarray(unpadded).every((b) => b === 0));
  const out = decodeContainer(bytes);
  assert.deepEqual(out.manifest, m);
  assert.deepEqual(out.attachments, bodies);
});

test("encode refuses bodies that do not match the manifest", async () => {
  const { m, bodies } = await sample();
  throwsCode(() => encodeContainer(m, [bodies[0]]), "manifest_invalid");
  throwsCode(() => encodeContainer(m, [bodies[0], bodies[1].subarray(1)]), "attachment_size_mismatch");
  const tampered = bodies[1].slice();
  tampered[100] ^= 1;
  throwsCode(() => encodeContainer(m, [bodies[0], tampered]), "attachment_hash_mismatch");
  throwsCode(() => encodeContainer(baseManifest({ kind: "nope" }), []), "manifest_invalid");
  const long = baseManifest({
    fields: Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`f${i}`, "x".repeat(30_000)])),
  });
  throwsCode(() => encodeContainer(long, []), "manifest_too_long");
});

test("describeAttachment and describeBlob agree with node:crypto", async () => {
  const bytes = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => (i * 7) & 0xff);
  const want = createHash("sha256").update(bytes).digest("hex");
  const a = await describeAttachment("x", "y", bytes);
  const b = await describeBlob("x", "y", new Blob([bytes]));
  assert.deepEqual(a, { name: "x", type: "y", size: bytes.length, sha256: want });
  assert.deepEqual(b, a);
});

test("containerStream emits exactly encodeContainer's bytes, in bounded chunks", async () => {
  const { m, bodies } = await sample();
  const big = new Uint8Array(2 * 1024 * 1024 + 3).map((_, i) => (i >>> 3) & 0xff);
  m.attachments.push(await describeAttachment("big", "application/octet-stream", big));
  m.attachments.push(await describeAttachment("empty", "", new Uint8Array(0)));
  const all = [...bodies, big, new Uint8Array(0)];
  const want = encodeContainer(m, all);
  let largest = 0;
  const chunks = [];
  for await (const c of containerStream(m, [new Blob([all[0]]), all[1], new Blob([big]), new Blob([])])) {
    largest = Math.max(largest, c.length);
    chunks.push(c);
  }
  const got = new Uint8Array(Buffer.concat(chunks));
  assert.equal(got.length, containerLength(m));
  assert.ok(Buffer.from(got).equals(Buffer.from(want)), "stream bytes differ from encodeContainer");
  assert.ok(largest <= 1024 * 1024, `a chunk of ${largest} bytes`);
});

test("containerStream pads with bounded chunks, never the whole padding at once", async () => {
  // 1 MiB + 1 of attachment → padded to 1 MiB + 32 KiB: several padding chunks.
  const body = new Uint8Array(1024 * 1024 + 1);
  const m = baseManifest({ attachments: [await describeAttachment("z", "", body)] });
  const sizes = [];
  for await (const c of containerStream(m, [new Blob([body])])) sizes.push(c.length);
  assert.ok(sizes.at(-1) <= 64 * 1024);
  assert.equal(sizes.reduce((a, b) => a + b), containerLength(m));
});

test("containerStream fails closed on a size or hash mismatch", async () => {
  const { m, bodies } = await sample();
  assert.throws(() => containerStream(m, [bodies[0]]), { code: "manifest_invalid" });
  assert.throws(() => containerStream(m, [bodies[0], new Blob([bodies[0]])]), {
    code: "attachment_size_mismatch",
  });
  const tampered = bodies[1].slice();
  tampered[0] ^= 0xff;
  await assert.rejects(collect(containerStream(m, [bodies[0], new Blob([tampered])])), {
    code: "attachment_hash_mismatch",
  });
  assert.throws(() => containerStream(baseManifest({ locale: "" }), []), { code: "manifest_invalid" });
  // verifyHashes: false (a caller that hashed the blobs itself) skips only the
  // hash pass: the size is still checked, and the bytes are what was given.
  const unchecked = await collect(containerStream(m, [bodies[0], new Blob([tampered])], { verifyHashes: false }));
  assert.equal(unchecked.length, containerLength(m));
  assert.throws(() => containerStream(m, [bodies[0], new Blob([bodies[0]])], { verifyHashes: false }), {
    code: "attachment_size_mismatch",
  });
});

// --- decode errors (§1.1) ---------------------------------------------------

test("decode: every error code of §1.1", async () => {
  const { m, bodies } = await sample();
  const good = encodeContainer(m, bodies);
  const json = canonicalManifest(m);
  const mLen = utf8(json).length;
  const withByte = (at, value) => {
    const b = good.slice();
    b[at] = value;
    return b;
  };
  const cases = [
    ["bad_magic", new Uint8Array(0)],
    ["bad_magic", utf8("WBOX\x01\0\0\0")], // 8 bytes
    ["bad_magic", withByte(0, 0x77)],
    ["unsupported_version", withByte(4, 2)],
    ["unsupported_version", withByte(4, 0)],
    ["bad_length", raw("", { total: 70_000 })], // manifest_len 0
    ["manifest_too_long", (() => { const b = good.slice(); new DataView(b.buffer).setUint32(5, 65_537); return b; })()],
    ["bad_length", good.subarray(0, 9 + mLen - 1)], // manifest runs past the end
    ["bad_length", good.subarray(0, 9 + mLen + 4)], // ends inside body_len
    ["bad_length", good.subarray(0, 17 + mLen + 100)], // truncated body
    ["bad_length", good.subarray(0, good.length - 1)], // truncated padding
    ["manifest_json", raw("{")],
    ["manifest_json", raw("[]")],
    ["manifest_json", raw("\ufeff" + json)], // byte-order mark
    ["manifest_json", (() => { const b = good.slice(); b[9 + 1] = 0xff; return b; })()], // not UTF-8
    ["manifest_json", raw(json.replace('"locale":"en"', '"locale":"en","x":1'))], // extra key
    ["manifest_json", raw(json.replace(',"locale":"en"', ""))], // missing key
    ["manifest_json", raw(json.replace('"kind":"report"', '"kind":null'))],
    ["manifest_json", raw(json.replace('"size":16', '"size":"16"'))],
    ["manifest_json", raw(json.replace('"kind":"report"', '"kind":"report","kind":"report"'))],
    ["manifest_json", raw(json.replace('"what"', '"lone":"\\ud800","what"'))],
    ["manifest_json", raw(json.replace('"size":16', '"size":-1'))],
    ["manifest_json", raw(json.replace('"size":16', '"size":16.0'))],
    ["manifest_json", raw(json.replace('"size":16', '"size":18446744073709551616'))],
    ["manifest_json", raw(json.replace('"what":"something happened"', '"what":1'))],
    ["manifest_not_canonical", raw(json.replace('"kind":', '"kind": '))],
    ["manifest_not_canonical", raw(json + "\n")],
    ["manifest_not_canonical", raw(json.replace('"category":"harassment","what":"something happened"', '"what":"something happened","category":"harassment"'))],
    ["manifest_not_canonical", raw(json.replace('"client_time"', '"reply_key":null,"client_time"'))],
    ["manifest_not_canonical", raw(json.replace("harassment", "h\\u0061rassment"))],
    ["manifest_not_canonical", raw(json.replace('"what":"something happened"', '"what":"a","what":"something happened"'))],
    ["manifest_invalid", raw(json.replace('"locale":"en"', '"locale":"en_US"'))],
    ["manifest_invalid", raw(json.replace('"kind":"report"', '"kind":"memo"'))],
    ["manifest_invalid", raw(json.replace('"kind":"report"', '"kind":"memo"'), { total: 9 + mLen + 3 })], // manifest first, then body_len
    ["manifest_invalid", raw(json.replace('"category"', '"Category"'))], // sorted, but breaks the key regex
    ["manifest_invalid", raw(json.replace('"size":16', '"size":9007199254740992'))],
    ["attachment_size_mismatch", (() => { const b = good.slice(); new DataView(b.buffer).setBigUint64(9 + mLen, 70_015n); return b; })()],
    ["attachment_hash_mismatch", withByte(17 + mLen + 20, good[17 + mLen + 20] ^ 1)],
    ["padding_nonzero", withByte(good.length - 1, 1)],
    ["padding_nonzero", withByte(17 + mLen + 70_016, 1)],
    ["trailing_bytes", new Uint8Array([...good, 0])],
  ];
  for (const [i, [code, bytes]] of cases.entries()) {
    assert.throws(
      () => decodeContainer(bytes),
      (e) => e instanceof ContainerError && e.code === code,
      `case ${i}: expected ${code}, got ${(() => { try { decodeContainer(bytes); return "success"; } catch (e) { return `${e.code}: ${e.message}`; } })()}`,
    );
  }
});

// --- shared vectors ---------------------------------------------------------

/** Parses a CCTV-shaped vector: `key: value` lines, a blank line, raw bytes. */
function parseVector(file) {
  const sep = file.indexOf("\n\n");
  assert.ok(sep >= 0, "no blank line after the header");
  const header = file.subarray(0, sep).toString("utf8").split("\n");
  const out = { attachments: [], body: new Uint8Array(file.subarray(sep + 2)) };
  for (const line of header) {
    const colon = line.indexOf(":");
    assert.ok(colon > 0, `bad header line ${JSON.stringify(line)}`);
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, "");
    if (key === "attachment") out.attachments.push(new Uint8Array(Buffer.from(value, "base64")));
    else out[key] = value;
  }
  return out;
}

const names = (await readdir(VECTORS)).filter((n) => n.endsWith(".txt")).sort();

for (const name of names) {
  test(`vector ${name}`, async () => {
    const v = parseVector(await readFile(new URL(name, VECTORS)));
    assert.ok(v.expect, "missing expect:");
    assert.ok(v.description, "missing description:");
    if (v.expect !== "success") {
      throwsCode(() => decodeContainer(v.body), v.expect);
      return;
    }
    const { manifest, attachments } = decodeContainer(v.body);
    assert.equal(canonicalManifest(manifest), v.manifest);
    assert.deepEqual(manifest, JSON.parse(v.manifest));
    assert.deepEqual(attachments, v.attachments);
    const input = JSON.parse(v.manifest);
    const encoded = encodeContainer(input, v.attachments);
    assert.ok(Buffer.from(encoded).equals(Buffer.from(v.body)), "encode does not reproduce the bytes");
    const streamed = await collect(containerStream(input, v.attachments.map((a) => new Blob([a]))));
    assert.ok(Buffer.from(streamed).equals(Buffer.from(v.body)), "the stream does not reproduce the bytes");
  });
}

test("both sides have written success vectors", async () => {
  const success = async (prefix) => {
    let n = 0;
    for (const name of names.filter((x) => x.startsWith(prefix))) {
      if (parseVector(await readFile(new URL(name, VECTORS))).expect === "success") n++;
    }
    return n;
  };
  assert.ok((await success("js_")) >= 6, "web/scripts/make-vectors.mjs has not written js_* vectors");
  assert.ok((await success("rust_")) >= 1, "no rust_* success vector yet (written by crates/core)");
});
