// web/src/receipt.js: leaves, receipts, and a mailbox verified against a log
// built here (proofs from the RFC's definitions, checkpoints signed here).

import { test } from "node:test";
import assert from "node:assert/strict";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64 } from "@scure/base";
import { path, signer, subproof } from "./tlog-helpers.mjs";
import { formatReceipt, leafBytes, objectLeafHash, parseReceipt, verifyCommit, verifyMailbox } from "../src/receipt.js";
import { leafHash, rootOf } from "../src/tlog.js";

const ORIGIN = "whistlebox.invalid/0123abcd";

test("a leaf is 0x01, the kind, the id, the SHA-256 and the size, big-endian (§10.1)", () => {
  const digest = sha256(new Uint8Array([1, 2, 3]));
  const leaf = leafBytes("reply", "00112233445566778899aabbccddeeff", digest, 0x0102030405);
  assert.equal(leaf.length, 58);
  assert.deepEqual([...leaf.slice(0, 2)], [1, 3]);
  assert.equal(Buffer.from(leaf.slice(2, 18)).toString("hex"), "00112233445566778899aabbccddeeff");
  assert.deepEqual(leaf.slice(18, 50), digest);
  assert.deepEqual([...leaf.slice(50)], [0, 0, 0, 1, 2, 3, 4, 5]);
  assert.throws(() => leafBytes("tombstone", "00".repeat(16), digest, 1), (e) => e.code === "bad_leaf");
  assert.throws(() => leafBytes("report", "00".repeat(15), digest, 1), (e) => e.code === "bad_leaf");
});

test("a receipt line round-trips and anything else is refused", () => {
  const r = { id: "ab".repeat(16), leaf: 4, size: 9, root: sha256(new Uint8Array([9])) };
  const line = formatReceipt(r);
  assert.match(line, /^wbr1-[0-9a-f]{32}-4-9-[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(parseReceipt(`  ${line.slice(0, 20)}\n${line.slice(20)} `), r);
  for (const bad of ["", "wbr2" + line.slice(4), line.replace("-4-9-", "-9-9-"), line.replace("-4-9-", "-04-9-"), line.slice(0, -1), line + "A"]) {
    assert.throws(() => parseReceipt(bad), (e) => e.code === "bad_receipt", bad);
  }
});

/** A log of `objects` (in order), served by functions as the relay's routes are. */
function makeLog(objects, key = signer(ORIGIN)) {
  const leaves = objects.map((o) => objectLeafHash(o.kind, o.id, o.bytes));
  const checkpointAt = (n) => key.sign(`${ORIGIN}\n${n}\n${base64.encode(rootOf(leaves.slice(0, n)))}\n`);
  return {
    vkey: key.vkey,
    leaves,
    checkpointAt,
    routes: (n = leaves.length) => ({
      checkpoint: async () => checkpointAt(n),
      inclusion: async (i, size) => path(i, leaves.slice(0, size)).map((h) => base64.encode(h)),
      consistency: async (from, to) => subproof(from, leaves.slice(0, to), true).map((h) => base64.encode(h)),
    }),
  };
}

function object(kind, i, leaf) {
  const bytes = new TextEncoder().encode(`ciphertext ${kind} ${i}`);
  return { id: i.toString(16).padStart(32, "0"), kind, leaf, bytes };
}

test("a commit's answer verifies into a receipt; another object's digest does not", async () => {
  const objects = [object("report", 1, 0), object("report", 2, 1), object("followup", 3, 2)];
  const log = makeLog(objects);
  const mine = objects[1];
  const answer = { id: mine.id, leaf: 1, checkpoint: log.checkpointAt(2) };
  const receipt = await verifyCommit({ kind: "report", answer, digest: sha256(mine.bytes), size: mine.bytes.length, vkey: log.vkey, log: log.routes(2) });
  assert.deepEqual(receipt, { id: mine.id, leaf: 1, size: 2, root: rootOf(log.leaves.slice(0, 2)) });
  await assert.rejects(
    verifyCommit({ kind: "report", answer, digest: sha256(objects[0].bytes), size: mine.bytes.length, vkey: log.vkey, log: log.routes(2) }),
    (e) => e.code === "not_included",
  );
  await assert.rejects(
    verifyCommit({ kind: "report", answer: { ...answer, leaf: 2 }, digest: sha256(mine.bytes), size: mine.bytes.length, vkey: log.vkey, log: log.routes(2) }),
    (e) => e.code === "bad_receipt",
  );
  const stranger = signer(ORIGIN);
  await assert.rejects(
    verifyCommit({ kind: "report", answer, digest: sha256(mine.bytes), size: mine.bytes.length, vkey: stranger.vkey, log: log.routes(2) }),
    (e) => e.code === "bad_signature",
  );
});

test("a mailbox verifies against a grown log and the receipt of an earlier size", async () => {
  const objects = [object("report", 1, 0), object("report", 2, 1), object("reply", 3, 2), object("report", 4, 3), object("status", 5, 4)];
  const log = makeLog(objects);
  const receipt = { id: objects[1].id, leaf: 1, size: 2, root: rootOf(log.leaves.slice(0, 2)) };
  // The mailbox lists the reply and the status; the report is proved by the receipt.
  const mailbox = [objects[2], objects[4]];
  const result = await verifyMailbox({ objects: mailbox, vkey: log.vkey, log: log.routes(), receipt });
  assert.equal(result.verified, 2);
  assert.equal(result.size, 5);
  assert.equal(result.extendsReceipt, true);
  const plain = await verifyMailbox({ objects: mailbox, vkey: log.vkey, log: log.routes() });
  assert.equal(plain.extendsReceipt, null);
});

test("a replaced ciphertext, a rewritten log and a rollback are each named", async () => {
  const objects = [object("report", 1, 0), object("report", 2, 1), object("reply", 3, 2), object("followup", 4, 3)];
  const log = makeLog(objects);
  const receipt = { id: objects[1].id, leaf: 1, size: 3, root: rootOf(log.leaves.slice(0, 3)) };
  const mailbox = [objects[1], objects[2], objects[3]];

  const replaced = mailbox.map((o) => (o === objects[2] ? { ...o, bytes: new TextEncoder().encode("other") } : o));
  await assert.rejects(verifyMailbox({ objects: replaced, vkey: log.vkey, log: log.routes() }), (e) => e.code === "not_included");

  // The relay rewrote history: the report at leaf 1 is gone from a new log.
  const rewritten = makeLog([objects[0], object("report", 9, 1), objects[2], objects[3]]);
  const forged = { ...rewritten.routes(), checkpoint: async () => rewritten.checkpointAt(4) };
  await assert.rejects(verifyMailbox({ objects: mailbox, vkey: rewritten.vkey, log: forged, receipt }), (e) => e.code === "not_consistent");

  await assert.rejects(verifyMailbox({ objects: mailbox.slice(0, 1), vkey: log.vkey, log: log.routes(2), receipt }), (e) => e.code === "rolled_back");

  // An object listed at a leaf index past the signed size.
  const beyond = [...mailbox, object("followup", 7, 9)];
  await assert.rejects(verifyMailbox({ objects: beyond, vkey: log.vkey, log: log.routes() }), (e) => e.code === "not_included");
});
