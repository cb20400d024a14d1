// Test helpers: RFC 6962 proofs built from the RFC's recursive definitions
// (not from web/src/tlog.js), and a signed-note signer.

import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64 } from "@scure/base";
import { rootOf } from "../src/tlog.js";

const enc = new TextEncoder();

function largestPowerOfTwoBelow(n) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 6962 §2.1.1: PATH(m, D[n]). */
export function path(m, leaves) {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  if (m < k) return [...path(m, leaves.slice(0, k)), rootOf(leaves.slice(k))];
  return [...path(m - k, leaves.slice(k)), rootOf(leaves.slice(0, k))];
}

/** RFC 6962 §2.1.2: SUBPROOF(m, D[n], b). */
export function subproof(m, leaves, b) {
  const n = leaves.length;
  if (m === n) return b ? [] : [rootOf(leaves)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(m, leaves.slice(0, k), b), rootOf(leaves.slice(k))];
  return [...subproof(m - k, leaves.slice(k), false), rootOf(leaves.slice(0, k))];
}

/** A signed-note signer for `name`: {vkey, sign(text)}. */
export function signer(name) {
  const secret = ed25519.utils.randomSecretKey();
  const pub = ed25519.getPublicKey(secret);
  const typed = Uint8Array.of(1, ...pub);
  const id = sha256(Uint8Array.of(...enc.encode(name), 0x0a, ...typed)).slice(0, 4);
  const vkey = `${name}+${Array.from(id, (b) => b.toString(16).padStart(2, "0")).join("")}+${base64.encode(typed)}`;
  const sign = (text) => `${text}\n\u2014 ${name} ${base64.encode(Uint8Array.of(...id, ...ed25519.sign(enc.encode(text), secret)))}\n`;
  return { vkey, sign };
}

