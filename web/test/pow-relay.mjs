// For the stand-in relays of the Node script tests: POST /api/pow answers
// (docs/PROTOCOL.md §9.1) and a check that a Whistlebox-Pow header solves
// one of the challenges issued (§9.2, §9.3), used once.

import { randomBytes } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { leadingZeroBits, parseIssued, seed } from "../src/pow.js";

export const TEST_BITS = 4;
export const TEST_PARTS = 8;

/** Issues challenges and checks solutions, like the relay (without the tag). */
export class PowDesk {
  constructor() {
    this.open = new Set();
  }

  /** The body of a `201` answer to POST /api/pow. */
  issue() {
    const bytes = randomBytes(39);
    bytes[0] = 1;
    bytes[1] = TEST_BITS;
    bytes[2] = TEST_PARTS;
    const challenge = bytes.toString("base64url");
    this.open.add(challenge);
    return { challenge, bits: TEST_BITS, parts: TEST_PARTS, expires_in: 600 };
  }

  /** Whether `value` solves an issued, unspent challenge; spends it. */
  accept(value) {
    if (typeof value !== "string") return false;
    const [text, ...nonces] = value.split(".");
    if (!this.open.has(text) || nonces.length !== TEST_PARTS) return false;
    const issued = parseIssued({ challenge: text, bits: TEST_BITS, parts: TEST_PARTS });
    const solved = nonces.every((n, part) => {
      if (!/^(0|[1-9][0-9]{0,15})$/.test(n)) return false;
      const input = new Uint8Array(40);
      input.set(seed(issued.challenge, part));
      new DataView(input.buffer).setBigUint64(32, BigInt(n));
      return leadingZeroBits(sha256(input)) >= TEST_BITS;
    });
    if (solved) this.open.delete(text);
    return solved;
  }
}
