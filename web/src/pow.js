// The anti-spam proof of work of anonymous writes (docs/PROTOCOL.md §9), on
// the reporter's side: ask the relay for a challenge (POST /api/pow), solve
// it, and send the solution in the Whistlebox-Pow header. Used by the page's
// worker and by the Node scripts alike; the Rust twin is crates/core/src/pow.rs
// and both are checked against tests/vectors/pow/.
//
// Solving: for each part j, seed_j = SHA-256("whistlebox-pow/v1" ‖ challenge
// ‖ j), then the smallest u64 nonce such that SHA-256(seed_j ‖ nonce, 8
// bytes big-endian) starts with `bits` zero bits (§9.2). Two engines give
// the same nonces: WebCrypto's crypto.subtle.digest in batches of 256 (native
// code: 5× faster than JavaScript where the JIT is off, as in Tor Browser at
// "Safer") and @noble/hashes (plain JavaScript: 2.5× faster with a JIT, and
// there when crypto.subtle is not, outside a secure context). `solve` times a
// short probe of each and keeps the faster (docs/BENCHMARKS.md, "Proof of work").
// Both yield to the event loop between batches, so that the worker's other
// work (encryption, uploads) goes on meanwhile.

import { sha256 } from "@noble/hashes/sha2.js";

/** The request header that carries a solution (§9.3). */
export const POW_HEADER = "Whistlebox-Pow";
/** Bytes of a challenge (§9.1). */
export const CHALLENGE_LEN = 39;
/** The most bits and parts a challenge may ask for (§9.1). */
export const MAX_BITS = 32;
export const MAX_PARTS = 16;
/** The relay's codes after which a new challenge is worth solving (§9.4). */
export const POW_RETRY_CODES = Object.freeze(["pow_invalid", "pow_expired", "pow_spent"]);

const DOMAIN = new TextEncoder().encode("whistlebox-pow/v1");
/** Attempts between two yields to the event loop (noble). */
const SLICE = 2048;
/** Digests per batch (WebCrypto). */
const BATCH = 256;
/** Milliseconds each engine is timed by pickEngine. */
const PROBE_MS = 30;
/** Most timed rounds of the noble probe. */
const PROBE_ROUNDS = 5;
/** Attempts between two clock readings of the noble probe. */
const PROBE_SLICE = 64;

/** A challenge answer the page cannot use; `code` is stable. */
export class PowError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "PowError";
    this.code = code;
  }
}

const B64URL = /^[A-Za-z0-9_-]{52}$/;

/** Decodes 52 characters of unpadded base64url into the 39 challenge bytes. */
function decodeChallenge(text) {
  if (typeof text !== "string" || !B64URL.test(text)) {
    throw new PowError("bad_challenge", "the challenge is not 52 base64url characters");
  }
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const out = new Uint8Array(CHALLENGE_LEN);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const ch of text) {
    acc = (acc << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  // 52 × 6 = 312 bits = 39 bytes exactly: no bits left over.
  return out;
}

/**
 * Checks the answer of POST /api/pow (§9.1) and returns
 * {text, challenge: Uint8Array(39), bits, parts, expiresIn}. The bits and
 * parts inside the challenge must match the answer's.
 */
export function parseIssued(answer) {
  const challenge = decodeChallenge(answer?.challenge);
  const { bits, parts } = answer;
  if (challenge[0] !== 1) throw new PowError("bad_challenge", "unknown challenge version");
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_BITS || challenge[1] !== bits) {
    throw new PowError("bad_challenge", `unusable bits ${bits}`);
  }
  if (!Number.isInteger(parts) || parts < 1 || parts > MAX_PARTS || challenge[2] !== parts) {
    throw new PowError("bad_challenge", `unusable parts ${parts}`);
  }
  const expiresIn = Number.isSafeInteger(answer.expires_in) ? answer.expires_in : null;
  return { text: answer.challenge, challenge, bits, parts, expiresIn };
}

/** seed_j = SHA-256("whistlebox-pow/v1" ‖ challenge ‖ j) (§9.2). */
export function seed(challenge, part) {
  return sha256.create().update(DOMAIN).update(challenge).update(Uint8Array.of(part)).digest();
}

/** Leading zero bits of a hash, most significant bit of byte 0 first. */
export function leadingZeroBits(hash) {
  let count = 0;
  for (const byte of hash) {
    if (byte !== 0) return count + Math.clz32(byte) - 24;
    count += 8;
  }
  return count;
}

/** Whether the first 4 bytes of `hash` start with `bits` (≤ 32) zero bits. */
function enoughZeros(hash, bits) {
  if (bits === 0) return true;
  const top = ((hash[0] << 24) | (hash[1] << 16) | (hash[2] << 8) | hash[3]) >>> 0;
  return top >>> (32 - bits) === 0;
}

function yieldNow() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The attempt input of `part`'s seed and `nonce` (below 2^53), written into `input`. */
function writeAttempt(view, nonce) {
  view.setUint32(32, Math.floor(nonce / 0x1_0000_0000));
  view.setUint32(36, nonce >>> 0);
}

/** noble: the smallest solving nonce from `from` on, or -1 after `n` attempts. */
function nobleSlice(input, view, from, bits, n = SLICE) {
  for (let nonce = from; nonce < from + n; nonce++) {
    writeAttempt(view, nonce);
    if (enoughZeros(sha256(input), bits)) return nonce;
  }
  return -1;
}

/** WebCrypto: the smallest solving nonce of the batch from `from` on, or -1. */
async function webcryptoBatch(subtle, seedBytes, from, bits) {
  const digests = [];
  for (let i = 0; i < BATCH; i++) {
    const input = new Uint8Array(40);
    input.set(seedBytes);
    writeAttempt(new DataView(input.buffer), from + i);
    digests.push(subtle.digest("SHA-256", input));
  }
  const hashes = await Promise.all(digests);
  const i = hashes.findIndex((h) => enoughZeros(new Uint8Array(h), bits));
  return i === -1 ? -1 : from + i;
}

/** Solves one part with `engine`: its smallest nonce. */
async function solvePart(engine, seedBytes, bits, count) {
  if (engine === "webcrypto") {
    const subtle = globalThis.crypto.subtle;
    for (let from = 0; ; from += BATCH) {
      const found = await webcryptoBatch(subtle, seedBytes, from, bits);
      count(found === -1 ? BATCH : found - from + 1);
      if (found !== -1) return found;
    }
  }
  const input = new Uint8Array(40);
  const view = new DataView(input.buffer);
  input.set(seedBytes);
  for (let from = 0; ; from += SLICE) {
    const found = nobleSlice(input, view, from, bits);
    count(found === -1 ? SLICE : found - from + 1);
    if (found !== -1) return found;
    await yieldNow();
  }
}

/** Attempts per millisecond of `run(from)` (which makes `n` attempts) over about `ms`. */
async function rate(run, n, ms) {
  let done = 0;
  const t = performance.now();
  while (performance.now() - t < ms) {
    await run(done);
    done += n;
  }
  return done / (performance.now() - t);
}

/**
 * The faster engine here: "webcrypto" or "noble". WebCrypto is timed for
 * PROBE_MS; noble in rounds of PROBE_MS until it beats WebCrypto, or its
 * rate stops growing (a JIT warms up over the first rounds; without one the
 * second round is as slow as the first), at most PROBE_ROUNDS. A tenth of a
 * second or so.
 */
export async function pickEngine() {
  const subtle = globalThis.crypto?.subtle;
  if (typeof subtle?.digest !== "function") return "noble";
  const probeSeed = new Uint8Array(32);
  let webcrypto;
  try {
    webcrypto = await rate((from) => webcryptoBatch(subtle, probeSeed, from, 32), BATCH, PROBE_MS);
  } catch {
    return "noble";
  }
  const input = new Uint8Array(40);
  const view = new DataView(input.buffer);
  const nobleRun = async (from) => nobleSlice(input, view, from, 32, PROBE_SLICE);
  let last = 0;
  for (let round = 0; round < PROBE_ROUNDS; round++) {
    const noble = await rate(nobleRun, PROBE_SLICE, PROBE_MS);
    if (noble > webcrypto) return "noble";
    if (round > 0 && noble < last * 1.2) break;
    last = noble;
  }
  return "webcrypto";
}

/**
 * Solves `issued` (from parseIssued): the smallest nonce of each part, the
 * same whichever engine ("auto": pickEngine). `onProgress(attempts)` is
 * called after each batch. Nonces stay below 2^53 (far beyond any
 * reachable count).
 */
export async function solve(issued, { onProgress = null, engine = "auto" } = {}) {
  const chosen = engine === "auto" ? await pickEngine() : engine;
  const nonces = [];
  let attempts = 0;
  const count = (n) => {
    attempts += n;
    if (onProgress) onProgress(attempts, chosen);
  };
  for (let part = 0; part < issued.parts; part++) {
    nonces.push(await solvePart(chosen, seed(issued.challenge, part), issued.bits, count));
  }
  return nonces;
}

/** The Whistlebox-Pow header value (§9.3). */
export function headerValue(issued, nonces) {
  return [issued.text, ...nonces.map((n) => String(n))].join(".");
}

/**
 * POST /api/pow at `url` with `fetchImpl`; the checked answer. Network and
 * HTTP failures throw PowError("network" | "rejected").
 */
export async function fetchChallenge(fetchImpl, url) {
  let res;
  try {
    res = await fetchImpl(url, { method: "POST", cache: "no-store", redirect: "error" });
  } catch (e) {
    throw new PowError("network", `POST /api/pow: ${e.message}`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON
  }
  if (res.status !== 201) {
    throw new PowError("rejected", `POST /api/pow: HTTP ${res.status} ${body?.error ?? ""}`.trim());
  }
  return parseIssued(body);
}

/** A fresh challenge from the relay at `base`, solved: the header value. */
export async function solvedHeader(fetchImpl, base, options = {}) {
  const issued = await fetchChallenge(fetchImpl, new URL("/api/pow", base));
  return headerValue(issued, await solve(issued, options));
}
