// Age recipient strings (docs/PROTOCOL.md §3): which stanza type a recipient
// produces, checked by decoding its bech32 payload — never by prefix alone.
//
// Web-platform only: this module is bundled into the reporter's page.

import { bech32 } from "@scure/base";

/** Stanza type label of X25519 recipients (`age1…`, 32-byte key). */
export const X25519 = "X25519";
/** Stanza type label of hybrid post-quantum recipients (`age1pq1…`, 1 216-byte key). */
export const MLKEM768X25519 = "mlkem768x25519";

/** A recipient string that is not an accepted age recipient. */
export class RecipientError extends Error {
  constructor(message) {
    super(message);
    this.name = "RecipientError";
  }
}

/**
 * Returns the stanza type a recipient encrypts to: "X25519" for an age X25519
 * recipient (bech32, HRP "age", 32 bytes) or "mlkem768x25519" for a hybrid
 * post-quantum one (HRP "age1pq", 1 216 bytes). Throws RecipientError for
 * anything else: bad checksum, upper case, tag or plugin recipients, wrong length.
 */
export function recipientType(recipient) {
  if (typeof recipient !== "string" || recipient.length === 0) {
    throw new RecipientError("recipient must be a non-empty string");
  }
  const shown = recipient.length > 24 ? `${recipient.slice(0, 20)}…` : recipient;
  if (recipient !== recipient.toLowerCase()) {
    throw new RecipientError(`recipient ${shown} must be lower case`);
  }
  let prefix;
  let bytes;
  try {
    const decoded = bech32.decode(recipient, false);
    prefix = decoded.prefix;
    bytes = bech32.fromWords(decoded.words);
  } catch (e) {
    throw new RecipientError(`recipient ${shown} is not valid bech32: ${e.message}`);
  }
  if (prefix === "age" && bytes.length === 32) return X25519;
  if (prefix === "age1pq" && bytes.length === 1216) return MLKEM768X25519;
  throw new RecipientError(
    `recipient ${shown} is not an age X25519 (age1…) or mlkem768x25519 (age1pq1…) recipient`,
  );
}
