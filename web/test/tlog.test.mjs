// web/src/tlog.js: RFC 6962 proofs checked against proofs built here from the
// RFC's own recursive definitions (§2.1.1 PATH, §2.1.2 SUBPROOF), for every
// index and every pair of sizes of small trees; tampering of every kind must
// fail; signed notes against the C2SP signed-note example and notes signed here.

import { test } from "node:test";
import assert from "node:assert/strict";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64 } from "@scure/base";
import { path, signer, subproof } from "./tlog-helpers.mjs";
import {
  TlogError,
  leafHash,
  nodeHash,
  openCheckpoint,
  openNote,
  parseVerifierKey,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from "../src/tlog.js";

const enc = new TextEncoder();

const LEAVES = Array.from({ length: 33 }, (_, i) => leafHash(enc.encode(`leaf ${i}`)));

test("the empty tree's root is SHA-256 of nothing, a single leaf is its own root", () => {
  assert.deepEqual(rootOf([]), sha256(new Uint8Array(0)));
  assert.deepEqual(rootOf([LEAVES[0]]), LEAVES[0]);
  assert.deepEqual(rootOf(LEAVES.slice(0, 2)), nodeHash(LEAVES[0], LEAVES[1]));
});

test("every inclusion proof of trees of 1–33 leaves verifies, and only at its own index", () => {
  for (let n = 1; n <= LEAVES.length; n++) {
    const tree = LEAVES.slice(0, n);
    const root = rootOf(tree);
    for (let m = 0; m < n; m++) {
      const proof = path(m, tree);
      assert.equal(verifyInclusion(m, n, tree[m], proof, root), true, `index ${m} of ${n}`);
      if (n > 1) {
        const other = (m + 1) % n;
        assert.equal(verifyInclusion(other, n, tree[m], proof, root), false, `moved ${m}→${other} of ${n}`);
        assert.equal(verifyInclusion(m, n, tree[other], proof, root), false, `other leaf at ${m} of ${n}`);
      }
      // Base64 hashes, as the relay sends them, verify the same.
      assert.equal(verifyInclusion(m, n, tree[m], proof.map((h) => base64.encode(h)), root), true);
    }
  }
});

test("a tampered inclusion proof, leaf or root fails", () => {
  const n = 21;
  const tree = LEAVES.slice(0, n);
  const root = rootOf(tree);
  const proof = path(13, tree);
  for (let i = 0; i < proof.length; i++) {
    const bad = proof.map((h) => h.slice());
    bad[i][0] ^= 1;
    assert.equal(verifyInclusion(13, n, tree[13], bad, root), false, `hash ${i} flipped`);
  }
  assert.equal(verifyInclusion(13, n, tree[13], proof.slice(0, -1), root), false, "shortened");
  assert.equal(verifyInclusion(13, n, tree[13], [...proof, proof[0]], root), false, "lengthened");
  // The last leaf's proof read as if the tree were one leaf larger: the
  // sides of its path differ, so it cannot verify against the same root.
  assert.equal(verifyInclusion(n - 1, n + 1, tree[n - 1], path(n - 1, tree), root), false, "wrong size");
  const badRoot = root.slice();
  badRoot[31] ^= 0x80;
  assert.equal(verifyInclusion(13, n, tree[13], proof, badRoot), false, "wrong root");
});

test("every consistency proof between sizes 0–33 verifies; swapped roots do not", () => {
  for (let n = 1; n <= LEAVES.length; n++) {
    const root2 = rootOf(LEAVES.slice(0, n));
    for (let m = 0; m <= n; m++) {
      const root1 = rootOf(LEAVES.slice(0, m));
      const proof = m === 0 ? [] : subproof(m, LEAVES.slice(0, n), true);
      assert.equal(verifyConsistency(m, n, proof, root1, root2), true, `${m} → ${n}`);
      if (m > 0 && m < n) {
        assert.equal(verifyConsistency(m, n, proof, root2, root1), false, `${m} → ${n} swapped`);
        const forked = rootOf([...LEAVES.slice(0, m - 1), leafHash(enc.encode("forged"))]);
        assert.equal(verifyConsistency(m, n, proof, forked, root2), false, `${m} → ${n} forked`);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.map((h) => h.slice());
          bad[i][5] ^= 4;
          assert.equal(verifyConsistency(m, n, bad, root1, root2), false, `${m} → ${n} hash ${i}`);
        }
      }
    }
  }
});

test("a rollback (new size below the old) and absurd sizes are refused, not verified", () => {
  const root = rootOf(LEAVES.slice(0, 8));
  assert.throws(() => verifyConsistency(9, 8, [], root, root), (e) => e instanceof TlogError && e.code === "bad_proof");
  assert.throws(() => verifyInclusion(8, 8, LEAVES[0], [], root), (e) => e.code === "bad_proof");
  assert.throws(() => verifyInclusion(-1, 8, LEAVES[0], [], root), (e) => e.code === "bad_proof");
  assert.throws(() => verifyInclusion(0, 2 ** 60, LEAVES[0], [], root), (e) => e.code === "bad_proof");
  assert.throws(() => verifyInclusion(0, 8, LEAVES[0], new Array(65).fill(root), root), (e) => e.code === "bad_proof");
  assert.throws(() => verifyInclusion(0, 8, LEAVES[0], ["not base64!"], root), (e) => e.code === "bad_proof");
  assert.equal(verifyConsistency(8, 8, [], root, root), true);
  assert.equal(verifyConsistency(8, 8, [root], root, root), false);
});

// The example of the C2SP signed-note specification.
const SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const SPEC_NOTE =
  "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

test("the signed-note specification's example verifies, and a changed byte does not", () => {
  const key = parseVerifierKey(SPEC_VKEY);
  assert.equal(key.name, "example.com/foo");
  assert.equal(openNote(SPEC_NOTE, key), "This is an example message.\n");
  assert.throws(() => openNote(SPEC_NOTE.replace("example message", "example massage"), key), (e) => e.code === "bad_signature");
  const flipped = SPEC_NOTE.replace("Uw2QOkn8", "Uw2QOkn9");
  assert.throws(() => openNote(flipped, key), (e) => e instanceof TlogError);
});

test("verifier keys: a wrong id, type or shape is refused", () => {
  assert.throws(() => parseVerifierKey(SPEC_VKEY.replace("530d903a", "530d903b")), (e) => e.code === "bad_key");
  assert.throws(() => parseVerifierKey("example.com/foo+530d903a"), (e) => e.code === "bad_key");
  assert.throws(() => parseVerifierKey(SPEC_VKEY.replace("+Aek", "+Aak")), (e) => e.code === "bad_key");
  assert.throws(() => parseVerifierKey("a b+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"), (e) => e.code === "bad_key");
});

test("a checkpoint signed by the log's key opens to its origin, size and root", () => {
  const log = signer("whistlebox.invalid/abcd1234");
  const root = rootOf(LEAVES.slice(0, 5));
  const note = log.sign(`whistlebox.invalid/abcd1234\n5\n${base64.encode(root)}\n`);
  const checkpoint = openCheckpoint(note, parseVerifierKey(log.vkey));
  assert.equal(checkpoint.size, 5);
  assert.deepEqual(checkpoint.root, root);
  // Another key under the same name: the signature line is ignored, so unsigned.
  const other = signer("whistlebox.invalid/abcd1234");
  assert.throws(() => openCheckpoint(note, parseVerifierKey(other.vkey)), (e) => e.code === "bad_signature");
  // A checkpoint of another origin, signed by the right key, is refused.
  const elsewhere = log.sign(`another.example/log\n5\n${base64.encode(root)}\n`);
  assert.throws(() => openCheckpoint(elsewhere, parseVerifierKey(log.vkey)), (e) => e.code === "bad_checkpoint");
  // Malformed sizes and roots.
  for (const body of ["x\n", "05\n", "-1\n", "1e3\n"]) {
    const bad = log.sign(`whistlebox.invalid/abcd1234\n${body}${base64.encode(root)}\n`);
    assert.throws(() => openCheckpoint(bad, parseVerifierKey(log.vkey)), (e) => e.code === "bad_checkpoint", body);
  }
  const shortRoot = log.sign(`whistlebox.invalid/abcd1234\n5\n${base64.encode(root.slice(1))}\n`);
  assert.throws(() => openCheckpoint(shortRoot, parseVerifierKey(log.vkey)), (e) => e.code === "bad_proof");
  assert.throws(() => openCheckpoint("x".repeat(5000), parseVerifierKey(log.vkey)), (e) => e.code === "bad_note");
});
