// The reporter's codename and what is derived from it (docs/PROTOCOL.md §7):
// generation (§7.1), normalisation (§7.2), and the HKDF-SHA-256 derivation of
// the mailbox secret, the mailbox id and the two age reply keys, X25519 and
// post-quantum mlkem768x25519 (§7.3).
// The same rules are implemented in Rust by crates/core/src/codename.rs; both
// check the vectors in tests/vectors/codename/.
//
// Web-platform only: this module is bundled into the reporter's page. Nothing
// here is stored anywhere; errors name a word's position, never the word.

import { x25519 } from "@noble/curves/ed25519.js";
import { expand, extract } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
// The same ML-KEM-768 + X25519 (X-Wing) key generation typage uses for
// AGE-SECRET-KEY-PQ-1… identities (age-encryption's identityToRecipient).
import { MLKEM768X25519 } from "@noble/post-quantum/hybrid.js";
import { bech32 } from "@scure/base";
import { WORDS } from "./wordlist.js";

/** Number of words in a codename (§7.2). */
export const WORD_COUNT = 7;
/** HKDF-SHA-256 salt (§7.3). */
export const SALT = "whistlebox-codename-v1";
/** HKDF info string of the mailbox secret (§7.3). */
export const INFO_MAILBOX_SECRET = "mailbox-secret";
/** HKDF info string of the reply key (§7.3). */
export const INFO_REPLY_KEY = "reply-key";
/** HKDF info string of the post-quantum reply key's seed (§7.3). */
export const INFO_REPLY_KEY_PQ = "reply-key-pq";

const utf8 = (s) => new TextEncoder().encode(s);

/** A codename that cannot be used; `code` is `unknown_word` or `wrong_word_count` (§7.2). */
export class CodenameError extends Error {
  constructor(code, message, detail) {
    super(`${code}: ${message}`);
    this.name = "CodenameError";
    this.code = code;
    /** `{ position }` (from 1) for unknown_word, `{ found }` for wrong_word_count. */
    this.detail = detail;
  }
}

let wordSet;
/** Whether `word` is in the word list (§7.1). */
export function isWord(word) {
  wordSet ??= new Set(WORDS);
  return wordSet.has(word);
}

/**
 * A new codename: seven words drawn uniformly and independently from the word
 * list, joined by "-" (§7.1). `rng` provides `getRandomValues` (by default the
 * platform's CSPRNG); 32-bit draws at or above the largest multiple of the list
 * length are rejected, so every word is exactly equally likely.
 */
export function generateCodename(rng = globalThis.crypto) {
  const n = WORDS.length;
  const limit = Math.floor(2 ** 32 / n) * n;
  const words = [];
  const buf = new Uint32Array(1);
  while (words.length < WORD_COUNT) {
    rng.getRandomValues(buf);
    const r = buf[0];
    if (r >= limit) continue;
    words.push(WORDS[r % n]);
  }
  buf.fill(0);
  return words.join("-");
}

// ASCII white space (tab, line feed, vertical tab, form feed, carriage
// return, space), no-break space, "-", "_" and "." (§7.2).
const SEPARATORS = /[\t\n\v\f\r \u00a0._-]+/;

/**
 * The canonical form of a codename as typed (§7.2): ASCII letters lowercased
 * (and only those), runs of separators split words and are dropped at both
 * ends, words joined by single "-". Throws CodenameError: `unknown_word` for
 * the first word (from the left) not in the list, then `wrong_word_count`
 * unless there are exactly seven words (an empty input has none).
 */
export function normaliseCodename(input) {
  if (typeof input !== "string") throw new TypeError("a codename is a string");
  const words = input
    .split(SEPARATORS)
    .filter((w) => w !== "")
    .map((w) => w.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
  for (let i = 0; i < words.length; i++) {
    if (!isWord(words[i])) {
      throw new CodenameError("unknown_word", `word ${i + 1} of the codename is not in the word list`, {
        position: i + 1,
      });
    }
  }
  if (words.length !== WORD_COUNT) {
    throw new CodenameError(
      "wrong_word_count",
      `a codename has exactly ${WORD_COUNT} words, this one has ${words.length}`,
      { found: words.length },
    );
  }
  return words.join("-");
}

/** Lowercase hex SHA-256 of a 32-byte mailbox secret: the mailbox id (§7.3). */
export function mailboxIdOf(mailboxSecret) {
  if (!(mailboxSecret instanceof Uint8Array) || mailboxSecret.length !== 32) {
    throw new TypeError("a mailbox secret is 32 bytes");
  }
  return bytesToHex(sha256(mailboxSecret));
}

/**
 * Normalises `codename` and derives (§7.3), with HKDF-SHA-256 over the
 * normalised codename (UTF-8) and the salt "whistlebox-codename-v1":
 * - `mailboxSecret`: Expand(info "mailbox-secret", 32 bytes);
 * - `mailboxId`: hex SHA-256 of it, the only value the relay stores;
 * - `replyIdentity`: the age X25519 identity (`AGE-SECRET-KEY-1…`) whose
 *   scalar is Expand(info "reply-key", 32 bytes);
 * - `replyRecipient`: its recipient (`age1…`), the manifest's `reply_key`
 *   when the team is X25519;
 * - `replyIdentityPq`: the age mlkem768x25519 identity
 *   (`AGE-SECRET-KEY-PQ-1…`) whose seed is Expand(info "reply-key-pq", 32);
 * - `replyRecipientPq`: its recipient (`age1pq1…`), the manifest's
 *   `reply_key` when the team is mlkem768x25519.
 * Throws CodenameError for a codename that §7.2 refuses.
 */
export function deriveCodename(codename) {
  const normalised = utf8(normaliseCodename(codename));
  const prk = extract(sha256, normalised, utf8(SALT));
  const mailboxSecret = expand(sha256, prk, utf8(INFO_MAILBOX_SECRET), 32);
  const replySecret = expand(sha256, prk, utf8(INFO_REPLY_KEY), 32);
  const replySeedPq = expand(sha256, prk, utf8(INFO_REPLY_KEY_PQ), 32);
  // x25519 clamps the scalar, as age does.
  const replyPublic = x25519.getPublicKey(replySecret);
  const replyPublicPq = MLKEM768X25519.getPublicKey(replySeedPq);
  const result = {
    mailboxSecret,
    mailboxId: mailboxIdOf(mailboxSecret),
    replyRecipient: bech32.encode("age", bech32.toWords(replyPublic)),
    replyIdentity: bech32.encode("age-secret-key-", bech32.toWords(replySecret)).toUpperCase(),
    // 1 216 bytes: past bech32's 90-character limit, as in typage.
    replyRecipientPq: bech32.encode("age1pq", bech32.toWords(replyPublicPq), false),
    replyIdentityPq: bech32.encode("age-secret-key-pq-", bech32.toWords(replySeedPq)).toUpperCase(),
  };
  // Best effort: JavaScript strings cannot be wiped, byte arrays can.
  normalised.fill(0);
  prk.fill(0);
  replySecret.fill(0);
  replySeedPq.fill(0);
  return result;
}
