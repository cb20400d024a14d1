// Writes tests/vectors/pow/solutions.json: challenges with the seeds, the
// smallest solving nonces and the attempt hashes that the JavaScript solver
// (web/src/pow.js) finds. crates/core/src/pow.rs checks the same file, so
// the two solvers agree byte for byte (docs/PROTOCOL.md §9.2).
//
//   node scripts/make-pow-vectors.mjs     (from web/)

import { writeFileSync } from "node:fs";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { headerValue, parseIssued, seed, solve } from "../src/pow.js";

const cases = [
  { bits: 0, parts: 1 },
  { bits: 1, parts: 3 },
  { bits: 4, parts: 8 },
  { bits: 8, parts: 8 },
  { bits: 12, parts: 2 },
  { bits: 5, parts: 16 },
];

function b64url(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

const vectors = [];
for (const [i, { bits, parts }] of cases.entries()) {
  const bytes = new Uint8Array(39);
  bytes[0] = 1;
  bytes[1] = bits;
  bytes[2] = parts;
  new DataView(bytes.buffer).setUint32(3, 600 + i);
  // Deterministic "random" and "tag" bytes: a hash of the case number.
  bytes.set(sha256(Uint8Array.of(i)).subarray(0, 32), 7);
  const issued = parseIssued({ challenge: b64url(bytes), bits, parts, expires_in: 600 });
  const nonces = await solve(issued);
  const input = new Uint8Array(40);
  input.set(seed(issued.challenge, 0));
  new DataView(input.buffer).setBigUint64(32, BigInt(nonces[0]));
  vectors.push({
    challenge: issued.text,
    bits,
    parts,
    seed_0: bytesToHex(seed(issued.challenge, 0)),
    nonces,
    attempt_0: bytesToHex(sha256(input)),
    header: headerValue(issued, nonces),
  });
}
const out = new URL("../../tests/vectors/pow/solutions.json", import.meta.url);
writeFileSync(out, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${vectors.length} vectors to ${out.pathname}`);
