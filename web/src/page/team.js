// The investigation team, from GET /api/team (PROTOCOL.md §4.1), checked
// before anything is encrypted to it (§3). Fails closed: anything unexpected
// is a TeamError, and the page then refuses to send.
//
// The page recomputes every fingerprint from the keys it will actually use —
// it never displays a fingerprint it was merely told — and refuses the keyset
// if the relay's own fingerprints disagree.

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { recipientType } from "../recipient.js";

/**
 * The keyset cannot be used: the page must not encrypt to it. `reason` is the
 * key of the locale string that explains it: `error.keys_mixed` for a keyset
 * that mixes X25519 and post-quantum keys (§3), `error.keys` otherwise.
 */
export class TeamError extends Error {
  constructor(message, reason = "error.keys") {
    super(message);
    this.name = "TeamError";
    this.reason = reason;
  }
}

const ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
// Control characters (C0, DEL, C1) and the bidirectional controls of
// PROTOCOL.md §3 / §6.3: a name must read as what it is.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const MAX_TEAM = 32;
const encoder = new TextEncoder();

function hexSha256(text) {
  return bytesToHex(sha256(encoder.encode(text)));
}

/** A recipient's short fingerprint (§3): 8 bytes of SHA-256 as 4 groups of 4 hex digits. */
export function shortFingerprint(recipient) {
  return hexSha256(recipient).slice(0, 16).match(/.{4}/g).join(" ");
}

/** The keyset fingerprint (§3) of a team name and investigators. */
export function keysetFingerprint(name, investigators) {
  const sorted = [...investigators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let text = `whistlebox-keyset-v1\nname ${name}\n`;
  for (const inv of sorted) {
    text += `investigator ${inv.id} ${inv.recipient}\nname ${inv.name}\nrole ${inv.role}\n`;
  }
  return hexSha256(text);
}

/**
 * The locale key that names a stanza type in plain words for the team view
 * (§3.1): `team.key_type.pq` for mlkem768x25519 (ML-KEM-768 + X25519),
 * `team.key_type.classic` for X25519. Call it with a verified team's
 * `stanzaType`; anything else throws.
 */
export function keyTypeText(stanzaType) {
  if (stanzaType === "mlkem768x25519") return "team.key_type.pq";
  if (stanzaType === "X25519") return "team.key_type.classic";
  throw new TeamError(`unknown stanza type ${JSON.stringify(stanzaType)}`);
}

/** A 64-hex fingerprint in groups of 4 for reading aloud and comparing. */
export function groupFingerprint(hex) {
  return hex.match(/.{1,4}/g).join(" ");
}

function text(value, what, min, max) {
  if (typeof value !== "string") throw new TeamError(`${what} is missing`);
  const len = encoder.encode(value).length;
  if (len < min || len > max || CONTROL.test(value)) {
    throw new TeamError(`${what} must be ${min}–${max} bytes without control or bidirectional-control characters`);
  }
  return value;
}

/**
 * Checks a GET /api/team answer and returns the team to show and encrypt to:
 * `{name, fingerprint, stanzaType, minRecipients, maxBodyBytes, investigators:
 * [{id, name, role, recipient, fingerprint}]}`. Every recipient must decode
 * (bech32) to the announced stanza type — one type only, never a mix — and
 * both kinds of fingerprint must match what the page computes.
 *
 * A keyset that mixes X25519 (`age1…`) and mlkem768x25519 (`age1pq1…`)
 * recipients is refused with reason `error.keys_mixed` whatever it announces:
 * typage would encrypt one file to both, and the X25519 stanzas would leave the
 * report open to a future quantum computer (PROTOCOL.md §3).
 */
export function verifyTeam(json) {
  if (typeof json !== "object" || json === null) throw new TeamError("the answer is not an object");
  const name = text(json.name, "the team name", 1, 128);
  const stanzaType = json.stanza_type;
  if (stanzaType !== "X25519" && stanzaType !== "mlkem768x25519") {
    throw new TeamError(`unknown stanza type ${JSON.stringify(stanzaType)}`);
  }
  const list = json.investigators;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_TEAM) {
    throw new TeamError(`the team must have 1–${MAX_TEAM} investigators`);
  }
  const types = new Set();
  for (const inv of list) {
    try {
      types.add(recipientType(inv?.recipient));
    } catch {
      // malformed: reported with the investigator's id below
    }
  }
  if (types.size > 1) {
    throw new TeamError(
      "the keyset mixes X25519 (age1…) and post-quantum mlkem768x25519 (age1pq1…) keys; the page never encrypts to a mix",
      "error.keys_mixed",
    );
  }
  const ids = new Set();
  const recipients = new Set();
  const investigators = list.map((inv, i) => {
    if (typeof inv !== "object" || inv === null) throw new TeamError(`investigator ${i} is not an object`);
    if (typeof inv.id !== "string" || !ID.test(inv.id)) throw new TeamError(`investigator ${i} has a bad id`);
    if (ids.has(inv.id)) throw new TeamError(`investigator id ${inv.id} appears twice`);
    ids.add(inv.id);
    const recipient = inv.recipient;
    let type;
    try {
      type = recipientType(recipient);
    } catch (e) {
      throw new TeamError(`the key of ${inv.id} is malformed: ${e.message}`);
    }
    if (type !== stanzaType) {
      throw new TeamError(
        `the keys are ${type}, the team announces ${stanzaType}`,
      );
    }
    if (recipients.has(recipient)) throw new TeamError(`the key of ${inv.id} appears twice`);
    recipients.add(recipient);
    const fingerprint = shortFingerprint(recipient);
    if (inv.fingerprint !== fingerprint) {
      throw new TeamError(`the fingerprint the relay gives for ${inv.id} does not match its key`);
    }
    return {
      id: inv.id,
      name: text(inv.name, `the name of ${inv.id}`, 1, 128),
      role: text(inv.role, `the role of ${inv.id}`, 0, 128),
      recipient,
      fingerprint,
    };
  });
  const fingerprint = keysetFingerprint(name, investigators);
  if (json.fingerprint !== fingerprint) {
    throw new TeamError("the keyset fingerprint the relay gives does not match the keys it serves");
  }
  const minRecipients = json.min_recipients;
  if (!Number.isSafeInteger(minRecipients) || minRecipients < 1 || minRecipients > investigators.length) {
    throw new TeamError(`min_recipients must be 1–${investigators.length}`);
  }
  const maxBodyBytes = json.max_body_bytes;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TeamError("max_body_bytes must be a positive integer");
  }
  return { name, fingerprint, stanzaType, minRecipients, maxBodyBytes, investigators };
}

/** Fetches and verifies the team. Network failures throw a plain Error, bad keysets a TeamError. */
export async function fetchTeam() {
  const res = await fetch("/api/team", { cache: "no-store" });
  if (!res.ok) throw new Error(`GET /api/team answered HTTP ${res.status}`);
  let json;
  try {
    json = await res.json();
  } catch {
    throw new TeamError("GET /api/team did not answer JSON");
  }
  return verifyTeam(json);
}
