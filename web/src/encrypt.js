// Encrypts a container (docs/PROTOCOL.md §1) to the investigation team as one
// age v1 file (§2), with typage (npm `age-encryption`).
//
// Fails closed: every check happens before any byte is encrypted, and an
// error is thrown — there is no path that returns the plaintext.
//
// Web-platform only: this module runs in the reporter's page Web Worker.

import { Encrypter } from "age-encryption";
import { recipientType } from "./recipient.js";

/** Most recipients a file may have: the team size limit of §3. */
export const MAX_RECIPIENTS = 32;
/** Most recipients of a follow-up: the team and the reporter's reply key (§8.3). */
export const MAX_FOLLOWUP_RECIPIENTS = MAX_RECIPIENTS + 1;

const AGE_MAGIC = new TextEncoder().encode("age-encryption.org/v1\n");

/** Encryption refused before it started (no recipients, bad or mixed recipients). */
export class EncryptError extends Error {
  constructor(message) {
    super(message);
    this.name = "EncryptError";
  }
}

/**
 * Checks a recipient list: 1–`max` (default 32) distinct age recipients, all
 * of one stanza type (§3). Returns that type, "X25519" or "mlkem768x25519".
 * Only a follow-up may pass `max` = MAX_FOLLOWUP_RECIPIENTS (§8.3).
 */
export function checkRecipients(recipients, max = MAX_RECIPIENTS) {
  if (max !== MAX_RECIPIENTS && max !== MAX_FOLLOWUP_RECIPIENTS) {
    throw new EncryptError("refusing to encrypt: unsupported recipient limit");
  }
  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw new EncryptError("refusing to encrypt: there are no recipients");
  }
  if (recipients.length > max) {
    throw new EncryptError(`refusing to encrypt: ${recipients.length} recipients, at most ${max}`);
  }
  if (new Set(recipients).size !== recipients.length) {
    throw new EncryptError("refusing to encrypt: a recipient is listed twice");
  }
  let type;
  try {
    type = recipientType(recipients[0]);
    for (const r of recipients.slice(1)) {
      if (recipientType(r) !== type) {
        throw new EncryptError(
          "refusing to encrypt: recipients mix X25519 (age1…) and post-quantum (age1pq1…) keys",
        );
      }
    }
  } catch (e) {
    if (e instanceof EncryptError) throw e;
    throw new EncryptError(`refusing to encrypt: ${e.message}`);
  }
  return type;
}

/**
 * Encrypts `input` — a Uint8Array or a ReadableStream<Uint8Array> (e.g. from
 * containerStream) — to every recipient. Resolves to the age file as a
 * Uint8Array, or for a stream input to a ReadableStream of it whose
 * `size(plaintextLength)` gives the ciphertext length. `maxRecipients` as for
 * checkRecipients.
 */
export async function encryptContainer(recipients, input, { maxRecipients = MAX_RECIPIENTS } = {}) {
  checkRecipients(recipients, maxRecipients);
  const isStream = input instanceof ReadableStream;
  if (!isStream && !(input instanceof Uint8Array)) {
    throw new EncryptError("refusing to encrypt: input must be a Uint8Array or a ReadableStream");
  }
  const encrypter = new Encrypter();
  for (const r of recipients) encrypter.addRecipient(r);
  const out = await encrypter.encrypt(input);
  if (!isStream && !AGE_MAGIC.every((b, i) => out[i] === b)) {
    throw new EncryptError("encryption produced something that is not an age file");
  }
  return out;
}
