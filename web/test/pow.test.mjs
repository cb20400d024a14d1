// The proof-of-work solver (web/src/pow.js, docs/PROTOCOL.md §9): it agrees
// with the Rust solver on the shared vectors (tests/vectors/pow/), reads the
// relay's challenge answer strictly, and counts every bit.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { PowError, headerValue, leadingZeroBits, parseIssued, pickEngine, seed, solve } from "../src/pow.js";

const vectors = JSON.parse(readFileSync(new URL("../../tests/vectors/pow/solutions.json", import.meta.url), "utf8"));

test("the solver finds the nonces, seeds and header of the shared vectors", async () => {
  assert.ok(vectors.length >= 6);
  for (const v of vectors) {
    const issued = parseIssued({ challenge: v.challenge, bits: v.bits, parts: v.parts, expires_in: 600 });
    assert.equal(bytesToHex(seed(issued.challenge, 0)), v.seed_0);
    const nonces = await solve(issued);
    assert.deepEqual(nonces, v.nonces);
    for (const engine of ["noble", "webcrypto"]) {
      assert.deepEqual(await solve(issued, { engine }), v.nonces, engine);
    }
    assert.equal(headerValue(issued, nonces), v.header);
    const input = new Uint8Array(40);
    input.set(seed(issued.challenge, 0));
    new DataView(input.buffer).setBigUint64(32, BigInt(nonces[0]));
    const hash = sha256(input);
    assert.equal(bytesToHex(hash), v.attempt_0);
    assert.ok(leadingZeroBits(hash) >= v.bits);
  }
});

test("each nonce is the smallest that solves its part", async () => {
  const v = vectors.find((x) => x.bits === 8);
  const issued = parseIssued({ challenge: v.challenge, bits: v.bits, parts: v.parts });
  for (let part = 0; part < v.parts; part++) {
    const input = new Uint8Array(40);
    input.set(seed(issued.challenge, part));
    for (let n = 0; n <= v.nonces[part]; n++) {
      new DataView(input.buffer).setBigUint64(32, BigInt(n));
      const ok = leadingZeroBits(sha256(input)) >= v.bits;
      assert.equal(ok, n === v.nonces[part], `part ${part} nonce ${n}`);
    }
  }
});

test("leading zero bits are counted bit by bit", () => {
  for (let bit = 0; bit < 256; bit++) {
    const hash = new Uint8Array(32);
    hash[bit >> 3] = 0x80 >> (bit & 7);
    assert.equal(leadingZeroBits(hash), bit);
  }
  assert.equal(leadingZeroBits(new Uint8Array(32)), 256);
});

test("a challenge answer that is not the relay's shape is refused", () => {
  const good = { challenge: vectors[2].challenge, bits: vectors[2].bits, parts: vectors[2].parts, expires_in: 600 };
  assert.equal(parseIssued(good).parts, good.parts);
  const bad = [
    null,
    {},
    { ...good, challenge: `${good.challenge}A` },
    { ...good, challenge: good.challenge.replace(/^./, "!") },
    { ...good, bits: good.bits + 1 },
    { ...good, parts: good.parts + 1 },
    { ...good, bits: 33 },
    { ...good, parts: 0 },
    { ...good, challenge: `B${good.challenge.slice(1)}` },
  ];
  for (const answer of bad) {
    assert.throws(() => parseIssued(answer), PowError, JSON.stringify(answer));
  }
});

test("the engine probe names one of the two engines, and progress counts attempts", async () => {
  assert.ok(["noble", "webcrypto"].includes(await pickEngine()));
  const v = vectors.find((x) => x.bits === 8);
  const issued = parseIssued({ challenge: v.challenge, bits: v.bits, parts: v.parts });
  for (const engine of ["noble", "webcrypto"]) {
    let seen = 0;
    await solve(issued, { engine, onProgress: (a) => (seen = a) });
    // Every nonce from 0 to the solving one was tried, in each part.
    assert.equal(seen, v.nonces.reduce((sum, n) => sum + n + 1, 0), engine);
  }
});
