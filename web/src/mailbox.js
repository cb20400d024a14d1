// The reporter's follow-up mailbox (docs/PROTOCOL.md §8): what a codename
// opens on the relay, and how its items are read and answered.
//
// - mailboxKeys: codename → the `Whistlebox-Mailbox` header (§8.1) and the
//   two reply identities/recipients, X25519 and post-quantum (§7.3);
//   replyRecipientFor picks the one that matches the team's stanza type;
// - fetchListing / fetchItem: GET /api/mailbox and /api/mailbox/objects/{id}
//   (§8.2), both bounded, both treating the relay's answers as hostile;
// - openItem: decrypt with the reply identities, parse the container strictly
//   (§1) and verify it (§8.4: the manifest's kind is the listed kind, its
//   reply_key is one of our own recipients, its fields have the shape of the
//   kind);
// - followupManifest / followupRecipients: a `followup` container to the
//   investigators chosen (by default the whole team) and to our own reply
//   recipient (§8.4).
//
// Shared by the page's worker and web/scripts/mailbox.mjs. Web-platform only
// (fetch, ReadableStream); never logs or returns the codename or the secret
// beyond the object that mailboxKeys gives its caller.

import { Decrypter } from "age-encryption";
import { bytesToHex } from "@noble/hashes/utils.js";
import { deriveCodename } from "./codename.js";
import { ContainerError, decodeContainer, validateManifest } from "./container.js";
import { MAX_FOLLOWUP_RECIPIENTS, checkRecipients } from "./encrypt.js";
import { MLKEM768X25519, X25519 } from "./recipient.js";

/** The request header that carries the mailbox secret (§8.1). */
export const MAILBOX_HEADER = "Whistlebox-Mailbox";
/** Most items a mailbox holds, hence most that a listing may name (§8.2). */
export const MAX_ITEMS = 1000;
/** Most bytes of a GET /api/mailbox answer read: 1 000 items of ~100 bytes, with room. */
export const MAX_LISTING_BYTES = 1024 * 1024;
/** Kinds a mailbox lists (§8.2): never `report`. */
export const MAILBOX_KINDS = Object.freeze(["followup", "reply", "status"]);
/** Status states (§8.4), in the order a case moves through them. */
export const STATES = Object.freeze(["received", "acknowledged", "investigating", "need_more_information", "closed"]);
/** Outcomes of a closed case (§8.4). */
export const OUTCOMES = Object.freeze([
  "substantiated",
  "not_substantiated",
  "inconclusive",
  "resolved",
  "withdrawn",
  "referred",
]);

const ID = /^[0-9a-f]{32}$/;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * A mailbox operation that failed. `code`:
 * - `network`: the relay could not be reached;
 * - `http`: the relay answered with an error (`status`, `error` set);
 * - `bad_listing`: GET /api/mailbox gave something that is not a listing;
 * - `too_large`: an answer is larger than allowed;
 * - `unreadable`: an item does not decrypt, parse or verify (`reason` says why);
 * - `invalid`: a follow-up that cannot be sent (empty, too long…);
 * - `keys`: the team's keys cannot take a follow-up.
 */
export class MailboxError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.name = "MailboxError";
    this.code = code;
    Object.assign(this, extra);
  }
}

/**
 * Everything a codename gives (§7.3, §8.1): `{headers, mailboxId,
 * replyRecipient, replyIdentity, replyRecipientPq, replyIdentityPq}`, where
 * `headers` is the one header to send on every mailbox request. Throws
 * CodenameError for a codename §7.2 refuses. Keep the result no longer than
 * needed, and never print it.
 */
export function mailboxKeys(codename) {
  const d = deriveCodename(codename);
  const secretHex = bytesToHex(d.mailboxSecret);
  d.mailboxSecret.fill(0);
  return {
    headers: { [MAILBOX_HEADER]: secretHex },
    mailboxId: d.mailboxId,
    replyRecipient: d.replyRecipient,
    replyIdentity: d.replyIdentity,
    replyRecipientPq: d.replyRecipientPq,
    replyIdentityPq: d.replyIdentityPq,
  };
}

/**
 * The reply recipient that goes into a manifest's `reply_key` (§7.3, §8.4)
 * for a team whose stanza type is `stanzaType`: the post-quantum one
 * (`age1pq1…`) for an mlkem768x25519 team, the X25519 one (`age1…`) for an
 * X25519 team — so that every file of the thread, to the team and to the
 * reporter, has stanzas of one type (§2 E3). Throws MailboxError("keys") for
 * any other type.
 */
export function replyRecipientFor(keys, stanzaType) {
  if (stanzaType === MLKEM768X25519) return keys.replyRecipientPq;
  if (stanzaType === X25519) return keys.replyRecipient;
  throw new MailboxError("keys", `unknown stanza type ${JSON.stringify(String(stanzaType).slice(0, 20))}`);
}

/** The local date `YYYY-MM-DD` (client_time of §1.5 and §8.4: never a time of day). */
export function localDate(d = new Date()) {
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// ---------------------------------------------------------------------------
// HTTP

function urlOf(base, path) {
  return base ? new URL(path, base).href : path;
}

async function request(fetchImpl, url, init) {
  try {
    return await fetchImpl(url, { cache: "no-store", redirect: "error", ...init });
  } catch (e) {
    throw new MailboxError("network", `cannot reach the relay: ${e?.cause?.message ?? e?.message ?? e}`);
  }
}

/** Reads a response body, at most `max` bytes (then cancels it and throws too_large). */
export async function readBounded(res, max) {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw new MailboxError("too_large", `the answer is ${declared} bytes, at most ${max} expected`);
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    let r;
    try {
      r = await reader.read();
    } catch (e) {
      throw new MailboxError("network", `the answer broke off: ${e?.message ?? e}`);
    }
    if (r.done) break;
    total += r.value.length;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new MailboxError("too_large", `the answer is over ${max} bytes`);
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Throws MailboxError("http") for a non-2xx answer, with the relay's error code (§4.4). */
async function failUnlessOk(res, what) {
  if (res.ok) return;
  let body = null;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBounded(res, 64 * 1024)));
  } catch {
    // not JSON, or too long: the status says enough
  }
  const error = typeof body?.error === "string" ? body.error.slice(0, 64) : null;
  const message = typeof body?.message === "string" ? body.message.slice(0, 512) : "";
  throw new MailboxError("http", `${what}: HTTP ${res.status}${error ? ` ${error}` : ""}${message ? `: ${message}` : ""}`, {
    status: res.status,
    error,
  });
}

/**
 * Checks a GET /api/mailbox answer (§8.2): `{"items":[{id,kind,day,size}]}`,
 * at most MAX_ITEMS, ids unique, kinds of MAILBOX_KINDS. Returns the items as
 * fresh plain objects (no other keys carried over).
 */
export function checkListing(listing) {
  const bad = (why) => new MailboxError("bad_listing", `the relay's mailbox listing is unusable: ${why}`);
  if (typeof listing !== "object" || listing === null || !Array.isArray(listing.items)) throw bad("no items array");
  if (listing.items.length > MAX_ITEMS) throw bad(`${listing.items.length} items, at most ${MAX_ITEMS}`);
  const seen = new Set();
  return listing.items.map((it, i) => {
    if (typeof it !== "object" || it === null) throw bad(`item ${i} is not an object`);
    const { id, kind, day, size } = it;
    if (typeof id !== "string" || !ID.test(id)) throw bad(`item ${i} has no valid id`);
    if (seen.has(id)) throw bad(`item ${i} repeats an id`);
    seen.add(id);
    if (!MAILBOX_KINDS.includes(kind)) throw bad(`item ${i} has kind ${JSON.stringify(String(kind).slice(0, 20))}`);
    if (typeof day !== "string" || !DAY.test(day)) throw bad(`item ${i} has no valid day`);
    if (!Number.isSafeInteger(size) || size < 0) throw bad(`item ${i} has no valid size`);
    // Its index in the relay's transparency log (§10.6), when the relay has one.
    if (it.leaf !== undefined) {
      if (!Number.isSafeInteger(it.leaf) || it.leaf < 0) throw bad(`item ${i} has no valid leaf`);
      return { id, kind, day, size, leaf: it.leaf };
    }
    return { id, kind, day, size };
  });
}


/** GET /api/mailbox (§8.2): the checked list of items, in the relay's order. */
export async function fetchListing({ base = "", keys, fetchImpl = fetch }) {
  const res = await request(fetchImpl, urlOf(base, "/api/mailbox"), { headers: keys.headers });
  await failUnlessOk(res, "GET /api/mailbox");
  let listing;
  try {
    listing = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await readBounded(res, MAX_LISTING_BYTES)));
  } catch (e) {
    if (e instanceof MailboxError) throw e;
    throw new MailboxError("bad_listing", "the relay's mailbox listing is not JSON");
  }
  return checkListing(listing);
}

/**
 * GET /api/mailbox/objects/{id} (§8.2): the ciphertext of a listed item, at
 * most min(its listed size, maxBytes) bytes.
 */
export async function fetchItem({ base = "", keys, item, maxBytes, fetchImpl = fetch }) {
  if (!ID.test(item.id)) throw new MailboxError("bad_listing", "not an object id");
  if (item.size > maxBytes) {
    throw new MailboxError("too_large", `item of ${item.size} bytes, at most ${maxBytes} are read`);
  }
  const res = await request(fetchImpl, urlOf(base, `/api/mailbox/objects/${item.id}`), { headers: keys.headers });
  await failUnlessOk(res, `GET /api/mailbox/objects/${item.id}`);
  return readBounded(res, item.size);
}

// ---------------------------------------------------------------------------
// Reading an item

function unreadable(reason, message) {
  return new MailboxError("unreadable", message, { reason });
}

const FIELD_KEYS = {
  followup: ["message"],
  reply: ["message"],
  status: ["note", "outcome", "state"],
};

/** Checks a decrypted manifest's fields against its kind (§8.4); throws "unreadable". */
function checkFields(manifest) {
  const f = manifest.fields;
  const allowed = FIELD_KEYS[manifest.kind];
  for (const key of Object.keys(f)) {
    if (!allowed.includes(key)) throw unreadable("fields", `a ${manifest.kind} has no field ${key}`);
  }
  if (manifest.kind === "status") {
    if (!STATES.includes(f.state)) throw unreadable("fields", "a status without a known state");
    if (typeof f.note !== "string") throw unreadable("fields", "a status without a note");
    if (f.state === "closed") {
      if (!OUTCOMES.includes(f.outcome)) throw unreadable("fields", "a closed status without a known outcome");
    } else if (f.outcome !== undefined) {
      throw unreadable("fields", "an outcome on a status that is not closed");
    }
    if (manifest.attachments.length > 0) throw unreadable("fields", "a status with attachments");
  } else if (typeof f.message !== "string") {
    throw unreadable("fields", `a ${manifest.kind} without a message`);
  }
}

/**
 * Decrypts and verifies one mailbox item (§8.4): the age file must open with
 * one of the reply identities (X25519 or post-quantum, §7.3), hold a valid
 * container (§1), and its manifest must be of the kind the relay listed
 * (`listedKind`), carry one of our own reply recipients as `reply_key`, and
 * have the fields of its kind. Returns `{manifest, attachments}` (attachments
 * as Uint8Arrays); throws MailboxError("unreadable").
 */
export async function openItem(ciphertext, listedKind, keys) {
  let plain;
  try {
    const d = new Decrypter();
    d.addIdentity(keys.replyIdentity);
    d.addIdentity(keys.replyIdentityPq);
    plain = await d.decrypt(ciphertext);
  } catch (e) {
    throw unreadable("decrypt", `the item does not decrypt with the reply key: ${e?.message ?? e}`);
  }
  let opened;
  try {
    opened = decodeContainer(plain);
  } catch (e) {
    throw unreadable("container", e instanceof ContainerError ? e.message : String(e?.message ?? e));
  }
  const m = opened.manifest;
  if (m.kind !== listedKind) throw unreadable("kind", `listed as ${listedKind}, but the item is a ${m.kind}`);
  if (m.reply_key !== keys.replyRecipient && m.reply_key !== keys.replyRecipientPq) {
    throw unreadable("reply_key", "the item is not addressed to this codename");
  }
  checkFields(m);
  return opened;
}

// ---------------------------------------------------------------------------
// Writing a follow-up

/**
 * The manifest of a follow-up (§8.4): fields {message}, the attachments'
 * entries (`{name,type,size,sha256}`), reply_key = our own recipient, the
 * local date, the locale. Throws MailboxError("invalid") for an empty
 * follow-up or one that breaks §1.2.
 */
export function followupManifest({ message, attachments = [], replyRecipient, locale, clientTime = localDate() }) {
  if (typeof message !== "string") throw new MailboxError("invalid", "the message must be a string");
  if (message.trim() === "" && attachments.length === 0) {
    throw new MailboxError("invalid", "a follow-up needs a message or an attachment");
  }
  const manifest = {
    kind: "followup",
    fields: { message },
    attachments,
    reply_key: replyRecipient,
    client_time: clientTime,
    locale,
  };
  try {
    validateManifest(manifest);
  } catch (e) {
    throw new MailboxError("invalid", e.message);
  }
  return manifest;
}

/**
 * The recipients of a follow-up (§8.4): the investigators `chosen` — a
 * selection of the team (GET /api/team's answer) by web/src/selection.js
 * after the reporter's exclusions; by default every investigator — and our
 * own reply recipient (so that we can read it back), `replyRecipientFor(keys,
 * team.stanza_type)`. One age file never mixes X25519 with post-quantum
 * stanzas (§2 E3): a team that mixes them, or whose keys are not of its
 * announced type, throws MailboxError("keys") before anything is encrypted.
 * Returns `{recipients, replyRecipient}`.
 */
export function followupRecipients(team, keys, chosen = team?.investigators) {
  const team_ = (chosen ?? []).map((inv) => inv?.recipient);
  if (team_.length === 0) throw new MailboxError("keys", "the team lists no investigators");
  const replyRecipient = replyRecipientFor(keys, team?.stanza_type);
  const all = [...team_, replyRecipient];
  try {
    const type = checkRecipients(all, MAX_FOLLOWUP_RECIPIENTS);
    if (type !== team.stanza_type) throw new Error(`the recipients are ${type}, the team announces ${team.stanza_type}`);
  } catch (e) {
    throw new MailboxError("keys", e.message);
  }
  return { recipients: all, replyRecipient };
}
