// Receipts and their verification (docs/PROTOCOL.md §10.6).
//
// When a report or follow-up is committed, the relay answers with the leaf
// index of the new object in its transparency log and a signed checkpoint
// that includes it. The worker checks both at once (verifyCommit) and the
// page shows a receipt: the object id, the leaf index and the checkpoint's
// size and root, as one line the reporter may copy (formatReceipt). The page
// never stores it.
//
// When the reporter comes back with the codename (and, if they kept it, the
// receipt), the worker verifies that every item of the mailbox is in the log
// at the index the relay names, against a fresh checkpoint signed by the
// relay's log key — and, given a receipt, that the fresh checkpoint extends
// the receipt's: the tree in which the page saw the report at submission is
// still the start of today's, so its leaf is still there (verifyMailbox). The
// report itself is not listed in the mailbox (§10.6), so the receipt is its
// proof.
//
// Network access is injected (`log` below), so this module is pure logic;
// every failure is a TlogError, and the caller reports it as "not verified".

import { sha256 } from "@noble/hashes/sha2.js";
import { base64urlnopad, hex } from "@scure/base";
import {
  TlogError,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from "./tlog.js";

/** Leaf kinds (§10.1). */
export const LEAF_KINDS = { report: 1, followup: 2, reply: 3, status: 4 };
const LEAF_VERSION = 1;
const RECEIPT_PREFIX = "wbr1";

/**
 * The canonical leaf of an object (§10.1): 0x01 ‖ kind ‖ id (16 bytes) ‖
 * SHA-256 of the ciphertext ‖ size (u64 big-endian).
 */
export function leafBytes(kind, id, digest, size) {
  const k = LEAF_KINDS[kind];
  if (!k) throw new TlogError("bad_leaf", `no leaf kind for ${JSON.stringify(kind)}`);
  if (typeof id !== "string" || !/^[0-9a-f]{32}$/.test(id)) throw new TlogError("bad_leaf", "an object id is 32 hex digits");
  if (!(digest instanceof Uint8Array) || digest.length !== 32) throw new TlogError("bad_leaf", "a digest is 32 bytes");
  if (!Number.isSafeInteger(size) || size < 0) throw new TlogError("bad_leaf", "a size is a whole number");
  const out = new Uint8Array(58);
  out[0] = LEAF_VERSION;
  out[1] = k;
  out.set(hex.decode(id), 2);
  out.set(digest, 18);
  new DataView(out.buffer).setBigUint64(50, BigInt(size));
  return out;
}

/** The leaf hash of an object whose ciphertext is `bytes` (a Uint8Array). */
export function objectLeafHash(kind, id, bytes) {
  return leafHash(leafBytes(kind, id, sha256(bytes), bytes.length));
}

/**
 * Checks a commit's answer (`{id, leaf, checkpoint}`) for the object whose
 * ciphertext digest and size the worker computed while uploading it:
 * the checkpoint is signed by the log key, includes the leaf index, and the
 * inclusion proof leads from this very object to its root.
 * Returns the receipt {id, leaf, size, root}.
 */
export async function verifyCommit({ kind, answer, digest, size, vkey, log }) {
  const key = parseVerifierKey(vkey);
  const checkpoint = openCheckpoint(answer.checkpoint, key);
  const leaf = answer.leaf;
  if (!Number.isSafeInteger(leaf) || leaf < 0 || leaf >= checkpoint.size) {
    throw new TlogError("bad_receipt", "the relay's checkpoint does not include the new object");
  }
  const hash = leafHash(leafBytes(kind, answer.id, digest, size));
  const proof = await log.inclusion(leaf, checkpoint.size);
  if (!verifyInclusion(leaf, checkpoint.size, hash, proof, checkpoint.root)) {
    throw new TlogError("not_included", "the relay's log does not hold this object as sent");
  }
  return { id: answer.id, leaf, size: checkpoint.size, root: checkpoint.root };
}

/** One line to copy: `wbr1-<id>-<leaf>-<size>-<root, base64url>`. */
export function formatReceipt({ id, leaf, size, root }) {
  return `${RECEIPT_PREFIX}-${id}-${leaf}-${size}-${base64urlnopad.encode(root)}`;
}

/** Parses a receipt line (spaces and line breaks around it ignored); throws bad_receipt. */
export function parseReceipt(text) {
  const m = /^wbr1-([0-9a-f]{32})-(0|[1-9][0-9]{0,15})-([1-9][0-9]{0,15})-([A-Za-z0-9_-]{43})$/.exec(
    String(text).replace(/\s+/g, ""),
  );
  if (!m) throw new TlogError("bad_receipt", "this is not a Whistlebox receipt");
  const leaf = Number(m[2]);
  const size = Number(m[3]);
  if (!Number.isSafeInteger(size) || leaf >= size) throw new TlogError("bad_receipt", "the receipt's entry is not in its log");
  let root;
  try {
    root = base64urlnopad.decode(m[4]);
  } catch {
    throw new TlogError("bad_receipt", "the receipt's root is not base64url");
  }
  if (root.length !== 32) throw new TlogError("bad_receipt", "the receipt's root is not 32 bytes");
  return { id: m[1], leaf, size, root };
}

/**
 * Verifies a mailbox against the log. `objects` is [{id, kind, leaf,
 * bytes}] — every item the relay lists for the mailbox, with its downloaded
 * ciphertext. `log` has
 * checkpoint() → note text, inclusion(index, size) → proof,
 * consistency(from, to) → proof. Returns {size, verified, extendsReceipt}
 * (extendsReceipt null without a receipt); throws a TlogError naming the
 * first thing that does not hold.
 */
export async function verifyMailbox({ objects, vkey, log, receipt = null }) {
  const key = parseVerifierKey(vkey);
  const checkpoint = openCheckpoint(await log.checkpoint(), key);
  let extendsReceipt = null;
  if (receipt) {
    if (checkpoint.size < receipt.size) {
      throw new TlogError("rolled_back", `the log is smaller now (${checkpoint.size}) than on your receipt (${receipt.size})`);
    }
    const proof = checkpoint.size === receipt.size ? [] : await log.consistency(receipt.size, checkpoint.size);
    if (!verifyConsistency(receipt.size, checkpoint.size, proof, receipt.root, checkpoint.root)) {
      throw new TlogError("not_consistent", "the log today does not extend the log on your receipt: it was rewritten");
    }
    extendsReceipt = true;
  }
  let verified = 0;
  for (const object of objects) {
    if (!Number.isSafeInteger(object.leaf) || object.leaf < 0 || object.leaf >= checkpoint.size) {
      throw new TlogError("not_included", `object ${object.id} is not in the signed log`);
    }
    const hash = objectLeafHash(object.kind, object.id, object.bytes);
    const proof = await log.inclusion(object.leaf, checkpoint.size);
    if (!verifyInclusion(object.leaf, checkpoint.size, hash, proof, checkpoint.root)) {
      throw new TlogError("not_included", `object ${object.id} is not in the log as the relay lists it`);
    }
    verified += 1;
  }
  return { size: checkpoint.size, root: checkpoint.root, verified, extendsReceipt };
}
