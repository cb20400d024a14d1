// The Whistlebox plaintext container, docs/PROTOCOL.md §1 — byte-identical to
// the Rust `whistlebox_core::report` and `whistlebox_core::padding` modules.
//
//   "WBOX" | 0x01 | manifest_len u32 | manifest (canonical JSON) | body_len u64
//   | attachments, concatenated | zero padding to max(64 KiB, Padmé(length))
//
// Web-platform only (Uint8Array, TextEncoder, crypto.subtle, Blob,
// ReadableStream): this module is bundled into the reporter's page and its
// Web Worker. Errors are ContainerError with `.code` set to the §1.1 code.

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { recipientType } from "./recipient.js";

/** Container magic, `WBOX` (§1.1). */
export const MAGIC = Object.freeze([0x57, 0x42, 0x4f, 0x58]);
/** Container version (§1.1). */
export const VERSION = 1;
/** Largest manifest, in bytes (§1.1). */
export const MANIFEST_MAX = 65_536;
/** Smallest padded container length (§1.3). */
export const MIN_PADDED_LEN = 65_536;
/** The manifest kinds (§1.4). */
export const KINDS = Object.freeze(["report", "followup", "reply", "status"]);

/** Bytes before the manifest: magic, version, manifest_len. */
const PREFIX_LEN = 9;
/** Fixed bytes of a container: prefix + body_len. */
const FIXED_LEN = 17;
/** Slice size when reading Blobs, and largest chunk of zero padding emitted. */
const SLICE = 1024 * 1024;
const PAD_CHUNK = 64 * 1024;

const encoder = new TextEncoder();

/** A container or manifest that breaks PROTOCOL.md §1; `.code` is the §1.1 error code. */
export class ContainerError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "ContainerError";
    this.code = code;
  }
}

// ---------------------------------------------------------------------------
// Padding (§1.3). Exact integer arithmetic with BigInt: Math.log2 is not
// trustworthy at powers of two for large numbers.

function checkLength(len) {
  if (!Number.isInteger(len) || len < 0 || len > 2 ** 53) {
    throw new RangeError(`a length must be an integer from 0 to 2^53, got ${len}`);
  }
}

/** Number of bits of a positive BigInt, i.e. ⌊log2 n⌋ + 1. */
function bitLength(n) {
  return n.toString(2).length;
}

/** Padmé(len) of §1.3, for integers 0 ≤ len ≤ 2^53 (0 and 1 are returned unchanged). */
export function padme(len) {
  checkLength(len);
  if (len < 2) return len;
  const l = BigInt(len);
  const e = bitLength(l) - 1; // E = ⌊log2 L⌋ ≥ 1
  const s = bitLength(BigInt(e)); // S = ⌊log2 E⌋ + 1
  const mask = (1n << BigInt(e - s)) - 1n;
  return Number((l + mask) & ~mask);
}

/** The padded container length for an unpadded length: max(65 536, Padmé(len)). */
export function paddedLen(len) {
  return Math.max(MIN_PADDED_LEN, padme(len));
}

/** Whether `len` is a padding bucket: at least 65 536 and a fixed point of Padmé. */
export function isBucket(len) {
  return len >= MIN_PADDED_LEN && padme(len) === len;
}

// ---------------------------------------------------------------------------
// Manifest (§1.2)

const TOP_KEYS = ["kind", "fields", "attachments", "reply_key", "client_time", "locale"];
const ATTACHMENT_KEYS = ["name", "type", "size", "sha256"];
const FIELD_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const LOCALE = /^[A-Za-z0-9-]{1,35}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function utf8Len(s) {
  return encoder.encode(s).length;
}

/** Compares strings in UTF-8 byte order (= code point order, unlike `<` on UTF-16). */
function compareUtf8(a, b) {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/**
 * Structure and types (what the Rust side's typed serde parse checks): exactly
 * the keys of §1.2, strings where strings belong, well-formed Unicode,
 * integer sizes. Returns a message, or null when the shape is right.
 */
function shapeProblem(m) {
  if (!isObject(m)) return "the manifest must be a JSON object";
  for (const key of Object.keys(m)) {
    if (!TOP_KEYS.includes(key)) return `unknown manifest key ${JSON.stringify(key)}`;
  }
  for (const key of TOP_KEYS) {
    if (key !== "reply_key" && !Object.hasOwn(m, key)) return `missing manifest key "${key}"`;
  }
  const wellFormed = (v) => typeof v === "string" && v.isWellFormed();
  if (!wellFormed(m.kind)) return "kind must be a string";
  if (!isObject(m.fields)) return "fields must be an object";
  for (const [key, value] of Object.entries(m.fields)) {
    if (!wellFormed(key) || !wellFormed(value)) {
      return "every field must map a string to a string of well-formed Unicode";
    }
  }
  if (!Array.isArray(m.attachments)) return "attachments must be an array";
  for (const [i, a] of m.attachments.entries()) {
    if (!isObject(a)) return `attachment ${i} must be an object`;
    const keys = Object.keys(a);
    if (keys.length !== 4 || !ATTACHMENT_KEYS.every((k) => Object.hasOwn(a, k))) {
      return `attachment ${i} must have exactly the keys name, type, size, sha256`;
    }
    if (!wellFormed(a.name) || !wellFormed(a.type) || typeof a.sha256 !== "string") {
      return `attachment ${i}: name, type and sha256 must be strings of well-formed Unicode`;
    }
    if (!Number.isInteger(a.size) || a.size < 0) {
      return `attachment ${i}: size must be a non-negative integer`;
    }
  }
  // `null` is read as absent (as serde does); the canonical form then omits it.
  if (m.reply_key !== undefined && m.reply_key !== null && !wellFormed(m.reply_key)) {
    return "reply_key must be a string";
  }
  if (!wellFormed(m.client_time)) return "client_time must be a string";
  if (!wellFormed(m.locale)) return "locale must be a string";
  return null;
}

/** The limits of §1.2, for a manifest of the right shape. Returns a message or null. */
function limitProblem(m) {
  if (!KINDS.includes(m.kind)) return `kind ${JSON.stringify(m.kind)} must be one of ${KINDS.join(", ")}`;
  const fields = Object.entries(m.fields);
  if (fields.length > 64) return `${fields.length} fields; at most 64 are allowed`;
  for (const [key, value] of fields) {
    if (!FIELD_KEY.test(key)) {
      return `field key ${JSON.stringify(key)} does not match ^[a-z][a-z0-9_]{0,63}$`;
    }
    const len = utf8Len(value);
    if (len > 32_768) return `field "${key}" is ${len} bytes; at most 32768 are allowed`;
  }
  if (m.attachments.length > 64) {
    return `${m.attachments.length} attachments; at most 64 are allowed`;
  }
  for (const [i, a] of m.attachments.entries()) {
    const nameLen = utf8Len(a.name);
    if (nameLen < 1 || nameLen > 1024) return `attachment ${i}: name must be 1–1024 bytes`;
    if (utf8Len(a.type) > 255) return `attachment ${i}: type must be at most 255 bytes`;
    if (!Number.isSafeInteger(a.size)) return `attachment ${i}: size must be below 2^53`;
    if (!SHA256_HEX.test(a.sha256)) {
      return `attachment ${i}: sha256 must be 64 lowercase hex digits`;
    }
  }
  if (typeof m.reply_key === "string") {
    try {
      recipientType(m.reply_key);
    } catch (e) {
      return `reply_key: ${e.message}`;
    }
  }
  if (utf8Len(m.client_time) > 64) return "client_time must be at most 64 bytes";
  if (!LOCALE.test(m.locale)) return "locale must be 1–35 characters of [A-Za-z0-9-]";
  return null;
}

/** Throws ContainerError `manifest_invalid` unless `manifest` obeys every rule of §1.2. */
export function validateManifest(manifest) {
  const problem = shapeProblem(manifest) ?? limitProblem(manifest);
  if (problem !== null) throw new ContainerError("manifest_invalid", `manifest: ${problem}`);
}

/**
 * The canonical JSON text of a manifest (§1.2): keys in the order of §1.2,
 * field keys sorted by UTF-8 bytes, `reply_key` only when it is a string.
 * Does not validate; encodeContainer does.
 */
export function canonicalManifest(m) {
  const fields = Object.fromEntries(
    Object.keys(m.fields)
      .sort(compareUtf8)
      .map((key) => [key, m.fields[key]]),
  );
  const attachments = m.attachments.map((a) => ({
    name: a.name,
    type: a.type,
    size: a.size,
    sha256: a.sha256,
  }));
  const out = { kind: m.kind, fields, attachments };
  if (typeof m.reply_key === "string") out.reply_key = m.reply_key;
  out.client_time = m.client_time;
  out.locale = m.locale;
  return JSON.stringify(out);
}

/**
 * Scans a JSON text that JSON.parse accepted, for what JSON.parse hides:
 * duplicate keys in the manifest's objects (except the `fields` map, where the
 * last value wins, as in serde) and the raw text of every number.
 */
function scanJson(text) {
  const numbers = []; // {start, end, raw}
  let duplicate = null;
  const stack = []; // {keys: Set, isMap: boolean, lastKey: string|null} or null for arrays
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
      let j = i + 1;
      while (" \t\n\r".includes(text[j])) j++;
      const frame = stack.at(-1);
      if (text[j] === ":" && frame) {
        const key = JSON.parse(text.slice(start, i + 1));
        if (!frame.isMap && frame.keys.has(key)) duplicate ??= key;
        frame.keys.add(key);
        frame.lastKey = key;
      }
    } else if (c === "{") {
      const parent = stack.at(-1);
      const isMap = stack.length === 1 && parent?.lastKey === "fields";
      stack.push({ keys: new Set(), isMap, lastKey: null });
    } else if (c === "[") {
      stack.push(null);
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let j = i;
      while (j < text.length && "+-.eE0123456789".includes(text[j])) j++;
      numbers.push({ start: i, end: j, raw: text.slice(i, j) });
      i = j - 1;
    }
  }
  return { numbers, duplicate };
}

const U64_MAX = 2n ** 64n - 1n;

/** Parses and checks manifest bytes: manifest_json, then manifest_not_canonical, then manifest_invalid. */
function parseManifest(bytes) {
  const fail = (code, message) => {
    throw new ContainerError(code, message);
  };
  let text;
  let manifest;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so JSON.parse refuses it.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    manifest = JSON.parse(text);
  } catch (e) {
    fail("manifest_json", `manifest is not UTF-8 JSON: ${e.message}`);
  }
  const { numbers, duplicate } = scanJson(text);
  if (duplicate !== null) fail("manifest_json", `manifest: duplicate key ${JSON.stringify(duplicate)}`);
  for (const { raw } of numbers) {
    // Only attachment sizes are numbers, and they are u64 integers.
    if (!/^(0|[1-9][0-9]*)$/.test(raw) || BigInt(raw) > U64_MAX) {
      fail("manifest_json", `manifest: number ${raw} is not an unsigned 64-bit integer`);
    }
  }
  const shape = shapeProblem(manifest);
  if (shape !== null) fail("manifest_json", `manifest: ${shape}`);
  // Compare with the text as JavaScript numbers see it, so a size of 2^53 or
  // more is reported below as manifest_invalid, exactly as in Rust.
  let seen = text;
  for (const { start, end, raw } of numbers.toReversed()) {
    seen = seen.slice(0, start) + String(Number(raw)) + seen.slice(end);
  }
  if (canonicalManifest(manifest) !== seen) {
    fail("manifest_not_canonical", "manifest is not in the canonical JSON form of PROTOCOL.md §1.2");
  }
  const limit = limitProblem(manifest);
  if (limit !== null) fail("manifest_invalid", `manifest: ${limit}`);
  return manifest;
}

// ---------------------------------------------------------------------------
// Attachments

function sha256Hex(bytes) {
  return bytesToHex(sha256(bytes));
}

/** Describes an attachment for the manifest: `{name, type, size, sha256}` (SHA-256 via crypto.subtle). */
export async function describeAttachment(name, type, bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return { name, type, size: bytes.length, sha256: bytesToHex(digest) };
}

/** Like describeAttachment, for a Blob (or File) of any size: hashes it in 1 MiB slices. */
export async function describeBlob(name, type, blob) {
  const hash = sha256.create();
  for (let pos = 0; pos < blob.size; pos += SLICE) {
    hash.update(new Uint8Array(await blob.slice(pos, pos + SLICE).arrayBuffer()));
  }
  return { name, type, size: blob.size, sha256: bytesToHex(hash.digest()) };
}

// ---------------------------------------------------------------------------
// Encoding

/** Validates the manifest and builds magic…body_len; returns it with the lengths. */
function containerHead(manifest) {
  validateManifest(manifest);
  const json = encoder.encode(canonicalManifest(manifest));
  if (json.length > MANIFEST_MAX) {
    throw new ContainerError(
      "manifest_too_long",
      `the manifest is ${json.length} bytes; at most ${MANIFEST_MAX} are allowed`,
    );
  }
  const bodyLen = manifest.attachments.reduce((sum, a) => sum + BigInt(a.size), 0n);
  const unpadded = BigInt(FIXED_LEN + json.length) + bodyLen;
  if (unpadded > 2n ** 53n) {
    throw new ContainerError("manifest_invalid", "the attachments are too large in total");
  }
  const head = new Uint8Array(FIXED_LEN + json.length);
  const view = new DataView(head.buffer);
  head.set(MAGIC, 0);
  head[4] = VERSION;
  view.setUint32(5, json.length);
  head.set(json, PREFIX_LEN);
  view.setBigUint64(PREFIX_LEN + json.length, bodyLen);
  return { head, unpadded: Number(unpadded), padded: paddedLen(Number(unpadded)) };
}

function checkBodyCount(manifest, bodies) {
  if (!Array.isArray(bodies) || bodies.length !== manifest.attachments.length) {
    throw new ContainerError(
      "manifest_invalid",
      `the manifest lists ${manifest.attachments.length} attachments but ${bodies?.length} were given`,
    );
  }
}

function sizeMismatch(i, expected, found) {
  return new ContainerError(
    "attachment_size_mismatch",
    `attachment ${i} is ${found} bytes but the manifest says ${expected}`,
  );
}

function hashMismatch(i) {
  return new ContainerError(
    "attachment_hash_mismatch",
    `attachment ${i} does not match the SHA-256 in the manifest`,
  );
}

/** The padded length of the container for this manifest (validates it). */
export function containerLength(manifest) {
  return containerHead(manifest).padded;
}

/**
 * Encodes a container in memory. `bodies` are Uint8Arrays in manifest order;
 * their sizes and SHA-256 must match the manifest (use describeAttachment).
 */
export function encodeContainer(manifest, bodies) {
  const { head, padded } = containerHead(manifest);
  checkBodyCount(manifest, bodies);
  const out = new Uint8Array(padded); // zero-filled: the padding
  out.set(head, 0);
  let offset = head.length;
  for (const [i, a] of manifest.attachments.entries()) {
    const body = bodies[i];
    if (!(body instanceof Uint8Array)) throw new TypeError(`attachment ${i} must be a Uint8Array`);
    if (body.length !== a.size) throw sizeMismatch(i, a.size, body.length);
    if (sha256Hex(body) !== a.sha256) throw hashMismatch(i);
    out.set(body, offset);
    offset += body.length;
  }
  return out;
}

/**
 * Encodes a container as a stream, for attachments too big to hold twice in
 * memory: magic…body_len, then each attachment read from its Blob in 1 MiB
 * slices (its SHA-256 checked on the way; a mismatch errors the stream, so
 * nothing incomplete can be encrypted and sent), then the zero padding in
 * 64 KiB chunks. `blobs` are Blobs (or Uint8Arrays) in manifest order.
 * Emits exactly the bytes of encodeContainer; its length is containerLength.
 *
 * `verifyHashes: false` skips the second SHA-256 pass. Only for a caller that
 * has just hashed these very Blobs itself (File objects are immutable
 * snapshots; a file changed on disk fails to read instead). Without the JIT
 * (Tor Browser "Safer") pure-JS SHA-256 runs at ~0.7 MB/s, slower than the
 * encryption, so hashing twice would cost a third of the reporter's wait. The
 * investigator CLI verifies every hash again at export.
 */
export function containerStream(manifest, blobs, { verifyHashes = true } = {}) {
  const { head, unpadded, padded } = containerHead(manifest);
  checkBodyCount(manifest, blobs);
  // Snapshot, so that later changes to `manifest` cannot desynchronise the stream.
  const expected = manifest.attachments.map((a) => ({ size: a.size, sha256: a.sha256 }));
  const parts = blobs.map((b, i) => {
    const blob = b instanceof Uint8Array ? new Blob([b]) : b;
    if (!(blob instanceof Blob)) throw new TypeError(`attachment ${i} must be a Blob or Uint8Array`);
    if (blob.size !== expected[i].size) throw sizeMismatch(i, expected[i].size, blob.size);
    return blob;
  });

  let headSent = false;
  let index = 0; // attachment being read
  let pos = 0; // bytes of it read so far
  let hash = sha256.create();
  let padding = padded - unpadded;

  return new ReadableStream({
    async pull(controller) {
      if (!headSent) {
        headSent = true;
        controller.enqueue(head);
        return;
      }
      while (index < parts.length) {
        const { size, sha256: want } = expected[index];
        if (pos < size) {
          const end = Math.min(pos + SLICE, size);
          const chunk = new Uint8Array(await parts[index].slice(pos, end).arrayBuffer());
          if (chunk.length !== end - pos) throw sizeMismatch(index, size, pos + chunk.length);
          if (verifyHashes) hash.update(chunk);
          pos = end;
          controller.enqueue(chunk);
          return;
        }
        if (verifyHashes && bytesToHex(hash.digest()) !== want) throw hashMismatch(index);
        index += 1;
        pos = 0;
        hash = sha256.create();
      }
      if (padding > 0) {
        const n = Math.min(PAD_CHUNK, padding);
        padding -= n;
        controller.enqueue(new Uint8Array(n));
        return;
      }
      controller.close();
    },
  });
}

// ---------------------------------------------------------------------------
// Decoding

/**
 * Decodes a container strictly, applying every rule of §1.1 in the order a
 * streaming reader meets them. Returns `{manifest, attachments}` where
 * attachments are Uint8Array views into `bytes`. Throws ContainerError.
 */
export function decodeContainer(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("decodeContainer needs a Uint8Array");
  const fail = (code, message) => {
    throw new ContainerError(code, message);
  };
  if (bytes.length < PREFIX_LEN || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail("bad_magic", "not a Whistlebox container: it does not start with WBOX");
  }
  if (bytes[4] !== VERSION) {
    fail("unsupported_version", `container version ${bytes[4]} is not supported (only ${VERSION})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const manifestLen = view.getUint32(5);
  if (manifestLen === 0) fail("bad_length", "manifest_len is 0");
  if (manifestLen > MANIFEST_MAX) {
    fail("manifest_too_long", `manifest_len is ${manifestLen}; at most ${MANIFEST_MAX} is allowed`);
  }
  if (bytes.length < PREFIX_LEN + manifestLen) {
    fail("bad_length", `manifest_len ${manifestLen} runs past the end of the input`);
  }
  const manifest = parseManifest(bytes.subarray(PREFIX_LEN, PREFIX_LEN + manifestLen));
  if (bytes.length < FIXED_LEN + manifestLen) {
    fail("bad_length", "the input ends inside body_len");
  }
  const bodyLen = view.getBigUint64(PREFIX_LEN + manifestLen);
  const sizes = manifest.attachments.reduce((sum, a) => sum + BigInt(a.size), 0n);
  if (bodyLen !== sizes) {
    fail(
      "attachment_size_mismatch",
      `body_len is ${bodyLen} but the attachments' sizes add up to ${sizes}`,
    );
  }
  let offset = FIXED_LEN + manifestLen;
  const attachments = [];
  for (const [i, a] of manifest.attachments.entries()) {
    if (bytes.length - offset < a.size) {
      fail("bad_length", `attachment ${i} runs past the end of the input`);
    }
    const body = bytes.subarray(offset, offset + a.size);
    if (sha256Hex(body) !== a.sha256) throw hashMismatch(i);
    attachments.push(body);
    offset += a.size;
  }
  const padded = paddedLen(offset);
  const end = Math.min(bytes.length, padded);
  for (let i = offset; i < end; i++) {
    if (bytes[i] !== 0) fail("padding_nonzero", `padding byte at offset ${i} is not zero`);
  }
  if (bytes.length < padded) {
    fail("bad_length", `the input is ${bytes.length} bytes, shorter than its padded length ${padded}`);
  }
  if (bytes.length > padded) {
    fail("trailing_bytes", `the input is ${bytes.length} bytes, longer than its padded length ${padded}`);
  }
  return { manifest, attachments };
}
