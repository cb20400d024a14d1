// Verifying the relay's transparency log in the browser (docs/PROTOCOL.md §10):
// C2SP signed notes and tlog-checkpoints, signed with Ed25519, and RFC 6962
// Merkle inclusion and consistency proofs, verified with the algorithms of
// RFC 9162 §2.1.3.2 and §2.1.4.2.
//
// Pure functions over bytes and strings; no network. Every parser is strict
// and bounded: anything unexpected throws a TlogError with a stable code, and
// a caller treats every throw as "not verified" (fail closed).

import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64 } from "@scure/base";

/** Largest signed note the page accepts (the relay's are ~200 bytes). */
export const NOTE_MAX = 4096;
/** Most hashes in a proof: a tree of 2^63 leaves needs 63, a consistency proof one more. */
export const PROOF_MAX = 64;
/** Tree sizes stay exact as JavaScript numbers below 2^53. */
const SIZE_MAX = Number.MAX_SAFE_INTEGER;

export class TlogError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "TlogError";
    this.code = code;
  }
}

const enc = new TextEncoder();

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** RFC 6962 §2.1: the hash of a leaf, SHA-256(0x00 ‖ data). */
export function leafHash(data) {
  return sha256(concat(Uint8Array.of(0), data));
}

/** RFC 6962 §2.1: an interior node, SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

function decodeHash(text, what) {
  let bytes;
  try {
    bytes = base64.decode(text);
  } catch {
    throw new TlogError("bad_proof", `${what} is not base64`);
  }
  if (bytes.length !== 32) throw new TlogError("bad_proof", `${what} is not a 32-byte hash`);
  return bytes;
}

function decodeProof(proof) {
  if (!Array.isArray(proof) || proof.length > PROOF_MAX) {
    throw new TlogError("bad_proof", `a proof is a list of at most ${PROOF_MAX} hashes`);
  }
  return proof.map((h, i) => (typeof h === "string" ? decodeHash(h, `proof hash ${i}`) : h));
}

function checkSize(n, what) {
  if (!Number.isSafeInteger(n) || n < 0 || n > SIZE_MAX) {
    throw new TlogError("bad_proof", `${what} is not a tree size`);
  }
}

/**
 * RFC 9162 §2.1.3.2: true if `leaf` (its leaf hash) is at `index` in the tree
 * of `size` leaves whose root is `root`. `proof` is a list of 32-byte hashes
 * (or their base64). Throws TlogError on a malformed proof.
 */
export function verifyInclusion(index, size, leaf, proof, root) {
  checkSize(index, "index");
  checkSize(size, "size");
  if (index >= size) throw new TlogError("bad_proof", "the index is not below the tree size");
  const path = decodeProof(proof);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2: true if the tree of `size2` leaves (root `root2`)
 * extends the tree of `size1` leaves (root `root1`) by appending only.
 */
export function verifyConsistency(size1, size2, proof, root1, root2) {
  checkSize(size1, "the old size");
  checkSize(size2, "the new size");
  if (size1 > size2) throw new TlogError("bad_proof", "the old size is above the new one");
  const path = decodeProof(proof);
  if (size1 === size2) return path.length === 0 && equal(root1, root2);
  // Every tree extends the empty one; RFC 9162 gives it no proof.
  if (size1 === 0) return path.length === 0;
  if (path.length === 0) return false;
  // A power-of-two old tree is a complete subtree: its root starts the path.
  const hashes = isPowerOfTwo(size1) ? [root1, ...path] : path;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = hashes[0];
  let sr = hashes[0];
  for (const c of hashes.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}

function isPowerOfTwo(n) {
  while (n > 1) {
    if (n % 2 === 1) return false;
    n = Math.floor(n / 2);
  }
  return n === 1;
}

/** The root of a list of leaf hashes (RFC 6962 §2.1 MTH), for tests and small lists. */
export function rootOf(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/**
 * A C2SP signed-note verifier key, `<name>+<hex key id>+<base64(0x01 ‖
 * Ed25519 public key)>`. Returns {name, id (4 bytes), publicKey (32 bytes)}.
 */
export function parseVerifierKey(vkey) {
  if (typeof vkey !== "string" || vkey.length > 512) {
    throw new TlogError("bad_key", "the log key is not a verifier key");
  }
  // The name holds no '+'; the base64 key may.
  const m = /^([^+]*)\+([^+]*)\+(.*)$/su.exec(vkey.trim());
  if (!m) throw new TlogError("bad_key", "the log key is not name+id+key");
  const [, name, idHex, keyB64] = m;
  if (!validKeyName(name)) throw new TlogError("bad_key", "the log key's name is not valid");
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new TlogError("bad_key", "the log key's id is not 8 hex digits");
  let key;
  try {
    key = base64.decode(keyB64);
  } catch {
    throw new TlogError("bad_key", "the log key is not base64");
  }
  if (key.length !== 33 || key[0] !== 0x01) {
    throw new TlogError("bad_key", "the log key is not an Ed25519 key (type 0x01)");
  }
  const id = keyId(name, key);
  if (hex(id) !== idHex) throw new TlogError("bad_key", "the log key's id does not match its key");
  return { name, id, publicKey: key.slice(1) };
}

/** signed-note: a key name is non-empty UTF-8 with no space, no newline and no '+'. */
function validKeyName(name) {
  return name.length > 0 && name.length <= 256 && !/[\s+]/u.test(name);
}

/** signed-note key id: the first 4 bytes of SHA-256(name ‖ "\n" ‖ type ‖ key). */
function keyId(name, typedKey) {
  return sha256(concat(enc.encode(name), Uint8Array.of(0x0a), typedKey)).slice(0, 4);
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Opens a signed note with one trusted key: returns its text (which ends in
 * "\n") if a signature line of that key verifies. Signatures of other keys
 * are ignored, as the signed-note spec says; a bad signature by the trusted
 * key, or none, throws.
 */
export function openNote(note, key) {
  if (typeof note !== "string" || note.length > NOTE_MAX) {
    throw new TlogError("bad_note", `a signed note is text of at most ${NOTE_MAX} bytes`);
  }
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) throw new TlogError("bad_note", "the note has no signature block");
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  let verified = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+=*)$/u.exec(line);
    if (!m) throw new TlogError("bad_note", "a signature line is malformed");
    if (m[1] !== key.name) continue;
    let sig;
    try {
      sig = base64.decode(m[2]);
    } catch {
      throw new TlogError("bad_note", "a signature is not base64");
    }
    if (sig.length < 5 || !equal(sig.slice(0, 4), key.id)) continue;
    if (sig.length !== 68 || !ed25519.verify(sig.slice(4), enc.encode(text), key.publicKey)) {
      throw new TlogError("bad_signature", "the log's signature does not verify");
    }
    verified = true;
  }
  if (!verified) throw new TlogError("bad_signature", "the note is not signed by the log's key");
  return text;
}

/**
 * A C2SP tlog-checkpoint, signed by `key`: returns {origin, size, root}. The
 * origin must be the key's name (the relay signs under its log origin).
 */
export function openCheckpoint(note, key) {
  const text = openNote(note, key);
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) throw new TlogError("bad_checkpoint", "a checkpoint has an origin, a size and a root");
  const [origin, sizeText, rootText] = lines;
  if (origin !== key.name) throw new TlogError("bad_checkpoint", "the checkpoint is of another log");
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new TlogError("bad_checkpoint", "the checkpoint's size is not a decimal number");
  }
  const root = decodeHash(rootText, "the checkpoint's root");
  return { origin, size: Number(sizeText), root };
}
