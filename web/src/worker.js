// The reporter page's encryption worker (served as /assets/worker.js).
//
// One job per worker, of three kinds:
//
// - a report ({type: "start"}): generate the reporter's codename (§7.1) and
//   derive its mailbox secret and reply keys (§7.3); hash the attachments,
//   build the container (docs/PROTOCOL.md §1, reply_key set to the reply
//   recipient of the team's type: post-quantum for an mlkem768x25519 team,
//   X25519 otherwise; `recipients` naming the investigators chosen, §1.5) as
//   a stream, encrypt it with typage's streaming API to exactly those
//   investigators (§2), and upload the
//   ciphertext as it is produced, in parts, to an upload session (§4.7) filed
//   under the mailbox (§8.2), resuming after network failures. Then commit.
//   The session's opening carries a proof of work (§9): a challenge is
//   fetched and solved as soon as the job starts, alongside hashing and
//   encryption (web/src/pow.js yields between slices of attempts); a
//   challenge the relay refuses (invalid, expired, spent) is replaced and
//   solved again, at most twice;
//   The codename goes back to the page once, with "done";
// - a follow-up ({type: "start", kind: "followup", codename}): the same
//   upload, of a `followup` container (§8.4) encrypted to the investigators
//   the reporter chose and to the reply key of the team's type, in a session
//   opened with {"kind":"followup"} (§8.2);
// - reading the mailbox ({type: "read", codename}): normalise and derive
//   (§7.2, §7.3), list (GET /api/mailbox), fetch, decrypt and verify every
//   item (§8.4) with web/src/mailbox.js, and hand the thread to the page.
//
// The worker ends with its job (the page terminates it): the keys it derived
// are gone with it. It never logs the codename or anything derived from it.
//
// Fails closed. Every request body this worker sends is a slice of typage's
// output, and the first one is sent only after checking that the output
// starts with the age v1 magic. Any failure before that sends nothing; any
// failure after it deletes the session (the relay holds only ciphertext).
//
// Memory stays flat: files are read in 1 MiB slices; parts are assembled in
// one reused buffer of part_size and each is copied once into a Blob, which
// is what XMLHttpRequest sends (and sends again after a failure, until the
// relay acknowledges it). At most two parts exist at once — the one in
// flight and the next one. Parts are NOT sent as Uint8Arrays: Chromium
// copies an ArrayBufferView request body into a renderer buffer that it
// keeps for as long as the request object lives — a forced GC does not
// free it — so a Uint8Array per part made the renderer grow with the
// attachment (docs/BENCHMARKS.md, "Reporter page"); a Blob body does not.
//
// Messages to the page (postMessage):
//   {type: "phase", phase: "hashing" | "working" | "pow" | "committing"}
//                                            "pow": the upload waits for the proof of work
//   {type: "progress", done, total}          work units: bytes hashed + encrypted + uploaded
//   {type: "session", upload}                the upload id (the page deletes it on cancel)
//   {type: "retrying", delay}                connection lost; next try in `delay` ms
//   {type: "resumed"}                        connection back
//   {type: "done", id, day, codename?, receipt?, receiptError?}
//                                            committed (§4.7); codename for a report only;
//                                            receipt: the §10.5 receipt line once the
//                                            relay's log is checked, else receiptError (a code)
//   {type: "error", reason, detail, sent}    reason: a key of error.* in the locale files
//   {type: "codename", code, position, found} read/follow-up: the codename is refused (§7.2)
//   {type: "reading", done, total}           read: items fetched and opened so far
//   {type: "thread", items}                  read: [{id, kind, day, ok: true, fields,
//                                            attachments: [{name, type, size, sha256, blob}]}
//                                            | {id, kind, day, ok: false, reason}],
//                                            log: {ok: true, verified, size, extendsReceipt}
//                                            | {ok: false, code} (§10.6, web/src/receipt.js)

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { CodenameError, generateCodename } from "./codename.js";
import { ContainerError, containerLength, containerStream, validateManifest } from "./container.js";
import { EncryptError, MAX_FOLLOWUP_RECIPIENTS, MAX_RECIPIENTS, checkRecipients, encryptContainer } from "./encrypt.js";
import {
  MAILBOX_HEADER,
  MailboxError,
  fetchItem,
  fetchListing,
  followupManifest,
  mailboxKeys,
  openItem,
  replyRecipientFor,
} from "./mailbox.js";
import { ciphertextLength, headerMax } from "./page/limits.js";
import { recipientsOf, reportFields } from "./selection.js";
import { POW_HEADER, POW_RETRY_CODES, PowError, solvedHeader } from "./pow.js";
import { formatReceipt, parseReceipt, verifyCommit, verifyMailbox } from "./receipt.js";
import { TlogError } from "./tlog.js";
import { REFUSALS, retryAfterSeconds, retryWait } from "./refusal.js";

const AGE_MAGIC = new TextEncoder().encode("age-encryption.org/v1\n");
/** Slice size when hashing files. */
const SLICE = 1024 * 1024;
/** Retry back-off (§4.7 resumption): 1 s, doubling, at most 15 s, for about 10 minutes. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15_000;
const RETRY_FOR_MS = 10 * 60 * 1000;
/** A part that makes no progress for this long is treated as a lost connection. */
const PART_TIMEOUT_MS = 10 * 60 * 1000;
/** Progress messages at most this often. */
const PROGRESS_EVERY_MS = 100;
/** New challenges solved after the relay refused one (§9.4), before giving up. */
const POW_RESOLVES = 2;
/** Reading: the most ciphertext bytes fetched for one thread (items past it are "too_large"). */
const MAX_THREAD_BYTES = 512 * 1024 * 1024;

/** A failure with a reason the page can explain (a key of `error.*` in the locale files). */
class JobError extends Error {
  constructor(reason, detail, retryAfter = null) {
    super(detail);
    this.reason = reason;
    /** Seconds the relay asked to wait (PROTOCOL.md §4.4), or null. */
    this.retryAfter = retryAfter;
  }
}

/** An HTTP failure; `retryable` for network errors, 429 and 5xx (§4.4). */
class HttpError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(`${status ? `HTTP ${status}` : "network error"}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}`);
    this.status = status;
    this.code = code;
    this.retryable = status === 0 || status === 429 || status >= 500;
    /** Seconds from Retry-After, or null. */
    this.retryAfter = retryAfter;
  }
}

let started = false;
let upload = null; // session id, once created
let sentAnything = false; // whether any ciphertext has left the worker
let keys = null; // mailbox header and reply key of this job's codename (never posted back)

self.onmessage = (event) => {
  const type = event.data?.type;
  if (started || (type !== "start" && type !== "read")) return;
  started = true;
  const work = type === "start" ? run(event.data) : read(event.data);
  work.then(
    (result) => {
      keys = null;
      self.postMessage(result);
    },
    async (err) => {
      keys = null;
      if (err instanceof CodenameError) {
        // A position or a count, never the word (§7.2).
        self.postMessage({ type: "codename", code: err.code, position: err.detail?.position ?? null, found: err.detail?.found ?? null });
        return;
      }
      const reason = err instanceof JobError ? err.reason : "encrypt";
      if (upload !== null && reason !== "commit_unknown") await deleteSession();
      const retryAfter = err instanceof JobError ? err.retryAfter : null;
      self.postMessage({ type: "error", reason, detail: String(err?.message ?? err), sent: sentAnything, retryAfter });
    },
  );
};

// ---------------------------------------------------------------------------
// Progress

const progress = { done: 0, total: 1, last: 0 };

function report(force = false) {
  const now = Date.now();
  if (!force && now - progress.last < PROGRESS_EVERY_MS) return;
  progress.last = now;
  self.postMessage({ type: "progress", done: progress.done, total: progress.total });
}

// ---------------------------------------------------------------------------
// The job

/**
 * job: {kind: "report" (default) | "followup", fields, files: File[],
 * chosen: [{id, recipient}] (the investigators chosen, in keyset order,
 * web/src/selection.js; without the reply key), stanzaType, minRecipients,
 * maxBodyBytes, locale, clientTime, codename (followup only)}. For a
 * follow-up, `fields` is {message}. The file is encrypted to exactly the
 * chosen investigators' recipients, and a report's `recipients` field is set
 * from the same list (§1.5).
 */
async function run(job) {
  checkEnvironment();
  const kind = job.kind === "followup" ? "followup" : "report";
  let codename = null;
  if (kind === "report") {
    // A new codename for every report (§7.1), from the platform's CSPRNG.
    codename = generateCodename(self.crypto);
    keys = mailboxKeys(codename);
  } else {
    keys = mailboxKeys(job.codename); // CodenameError if mistyped
  }
  // The reply key of the team's type: a reply or follow-up is encrypted to it
  // and to the team in one file, which never mixes types (§2 E3, §7.3).
  let replyRecipient;
  try {
    replyRecipient = replyRecipientFor(keys, job.stanzaType);
  } catch (e) {
    throw new JobError(kind === "followup" ? "followup_keys" : "keys", e.message);
  }
  // One list gives both the recipients and, for a report, the `recipients`
  // field (§1.5): they cannot disagree.
  let team;
  let fields;
  try {
    team = recipientsOf(job.chosen);
    fields = kind === "report" ? reportFields(job.fields, job.chosen) : job.fields;
  } catch (e) {
    throw new JobError(kind === "followup" ? "followup_keys" : "keys", e.message);
  }
  // At least min_recipients investigators, the reply key not counted.
  checkKeys({ ...job, recipients: team, kind });
  const recipients = kind === "report" ? team : [...team, replyRecipient];
  // The proof of work (§9) is solved while the files are hashed and encrypted.
  const pow = startPow();
  /** The manifest for these attachment entries (§1.5 report, §8.4 follow-up). */
  const head = (attachments) => {
    if (kind === "report") {
      return { kind, fields, attachments, reply_key: replyRecipient, client_time: job.clientTime, locale: job.locale };
    }
    try {
      return followupManifest({
        message: fields?.message,
        attachments,
        replyRecipient,
        locale: job.locale,
        clientTime: job.clientTime,
      });
    } catch (e) {
      throw new JobError("invalid", e.message);
    }
  };

  self.postMessage({ type: "phase", phase: "hashing" });
  const files = job.files;
  const hashTotal = files.reduce((sum, f) => sum + f.size, 0);
  // The container's length does not depend on the hashes' values, so the
  // amount of work is known before hashing (the header length is estimated
  // by its upper bound until typage has produced it).
  const sketch = files.map((f) => ({ ...entryOf(f), sha256: "0".repeat(64) }));
  try {
    const estimate = ciphertextLength(
      containerLength(head(sketch)),
      headerMax(job.stanzaType, recipients.length),
    );
    progress.total = hashTotal + 2 * estimate;
  } catch (e) {
    if (e instanceof JobError) throw e;
    throw new JobError(e instanceof ContainerError ? "invalid" : "encrypt", e.message);
  }
  report(true);
  const attachments = [];
  for (const file of files) attachments.push(await describe(file));

  const manifest = head(attachments);
  let plainLen;
  try {
    validateManifest(manifest);
    plainLen = containerLength(manifest);
  } catch (e) {
    throw new JobError(e instanceof ContainerError ? "invalid" : "encrypt", e.message);
  }

  let ciphertext;
  try {
    ciphertext = await encryptContainer(recipients, containerStream(manifest, files, { verifyHashes: false }), {
      maxRecipients: kind === "followup" ? MAX_FOLLOWUP_RECIPIENTS : MAX_RECIPIENTS,
    });
  } catch (e) {
    throw new JobError(e instanceof EncryptError ? "keys" : "encrypt", e.message);
  }
  const cipherLen = ciphertext.size(plainLen);
  if (cipherLen > job.maxBodyBytes) {
    await ciphertext.cancel().catch(() => {});
    throw new JobError("too_large", `the encrypted report would be ${cipherLen} bytes, the relay accepts ${job.maxBodyBytes}`);
  }
  // Work units: hashing, then encryption and upload of each ciphertext byte.
  progress.total = hashTotal + 2 * cipherLen;
  progress.done = hashTotal;
  self.postMessage({ type: "phase", phase: "working" });
  report(true);

  const source = new PartReader(ciphertext.getReader());
  // Fail closed: look at typage's first bytes before the relay is contacted.
  await source.checkMagic();

  // The session is filed under the mailbox (§8.2): no body for a report,
  // {"kind":"followup"} for a follow-up.
  const create = { headers: { [MAILBOX_HEADER]: keys.headers[MAILBOX_HEADER] } };
  if (kind === "followup") {
    create.headers["Content-Type"] = "application/json";
    create.body = JSON.stringify({ kind: "followup" });
  }
  const session = await openSession(create, pow);
  if (typeof session.upload !== "string" || !/^[0-9a-f]{32}$/.test(session.upload)) {
    throw new JobError("rejected", "POST /api/uploads gave no upload id");
  }
  upload = session.upload;
  self.postMessage({ type: "session", upload });
  const partSize = session.part_size;
  if (!Number.isSafeInteger(partSize) || partSize < 1 || partSize > 64 * 1024 * 1024) {
    throw new JobError("rejected", `unusable part_size ${partSize}`);
  }
  if (Number.isSafeInteger(session.max_parts) && Math.ceil(cipherLen / partSize) > session.max_parts) {
    throw new JobError("too_large", `the report needs more than ${session.max_parts} parts`);
  }

  // Pipeline of depth one: part n is uploaded while part n + 1 is encrypted;
  // part n + 2 is not read before part n is acknowledged.
  let uploaded = 0;
  let next = source.readPart(partSize);
  next.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
  for (let n = 0; ; n++) {
    const part = await next;
    if (part === null) break;
    next = source.readPart(partSize);
    next.catch(() => {});
    await sendPart(n, part, (loaded) => {
      progress.done = hashTotal + source.readBytes + uploaded + loaded;
      report();
    });
    uploaded += part.size;
    progress.done = hashTotal + source.readBytes + uploaded;
    report(true);
  }

  self.postMessage({ type: "phase", phase: "committing" });
  const committed = await commit();
  // The object is stored from here on: a log that does not confirm it is
  // reported beside the codename, never in its place (§10.5).
  const receipt = await checkReceipt(kind, committed, source.digest(), uploaded);
  const done = { type: "done", id: committed.id, day: committed.day, ...receipt };
  return kind === "report" ? { ...done, codename } : done;
}

// ---------------------------------------------------------------------------
// Reading the mailbox

/**
 * job: {codename, maxItemBytes}. Lists the mailbox and opens every item
 * (§8.4); an item that cannot be fetched, decrypted or verified is kept as
 * {ok: false, reason} and never shown as content. Attachments go back as
 * Blobs of type application/octet-stream, so that nothing is ever rendered.
 */
async function read(job) {
  keys = mailboxKeys(job.codename); // CodenameError if mistyped
  const maxItemBytes = Number.isSafeInteger(job.maxItemBytes) && job.maxItemBytes > 0 ? job.maxItemBytes : 256 * 1024 * 1024;
  let listing;
  try {
    listing = await fetchListing({ keys });
  } catch (e) {
    throw mailboxFailure(e);
  }
  // Every item whose ciphertext was fetched, for the log check (§10.6).
  const logged = [];
  self.postMessage({ type: "reading", done: 0, total: listing.length });
  const items = [];
  let budget = MAX_THREAD_BYTES;
  for (const item of listing) {
    const head = { id: item.id, kind: item.kind, day: item.day };
    try {
      if (item.size > budget) throw new MailboxError("too_large", "the thread is too large to read at once");
      const ciphertext = await fetchItem({ keys, item, maxBytes: maxItemBytes });
      budget -= ciphertext.length;
      logged.push({ id: item.id, kind: item.kind, leaf: item.leaf, bytes: ciphertext });
      const { manifest, attachments } = await openItem(ciphertext, item.kind, keys);
      items.push({
        ...head,
        ok: true,
        fields: manifest.fields,
        attachments: manifest.attachments.map((a, i) => ({
          name: a.name,
          type: a.type,
          size: a.size,
          sha256: a.sha256, // checked against the bytes by decodeContainer
          blob: new Blob([attachments[i]], { type: "application/octet-stream" }),
        })),
      });
    } catch (e) {
      if (!(e instanceof MailboxError)) throw e;
      // A relay that stops answering mid-thread is an error, not an unreadable item.
      if (e.code === "network") throw mailboxFailure(e);
      items.push({ ...head, ok: false, reason: e.reason ?? e.code });
    }
    self.postMessage({ type: "reading", done: items.length, total: listing.length });
  }
  const log = logged.length !== listing.length
    ? { ok: false, code: "incomplete" }
    : await checkMailboxLog(logged, typeof job.receipt === "string" ? job.receipt : "");
  return { type: "thread", items, log };
}

function mailboxFailure(e) {
  if (!(e instanceof MailboxError)) return e;
  if (e.code === "network") return new JobError("mailbox_network", e.message);
  return new JobError("mailbox_rejected", e.message);
}

/** Everything the job needs from the browser; "unsupported" otherwise. */
function checkEnvironment() {
  const missing = [
    ["ReadableStream", typeof ReadableStream],
    ["TransformStream", typeof TransformStream],
    ["XMLHttpRequest", typeof XMLHttpRequest],
    ["fetch", typeof fetch],
    ["crypto.getRandomValues", typeof self.crypto?.getRandomValues],
    ["Blob", typeof Blob],
    ["Blob.arrayBuffer", typeof Blob?.prototype?.arrayBuffer],
  ].filter(([, type]) => type !== "function");
  if (missing.length > 0) {
    throw new JobError("unsupported", `missing: ${missing.map(([name]) => name).join(", ")}`);
  }
}

/**
 * The chosen investigators' recipients: valid, of one type (never a mix of
 * X25519 and post-quantum keys, §3), the team's type, and at least
 * min_recipients. A follow-up is also encrypted to the reply key of the
 * team's type (§7.3), which does not count towards min_recipients.
 */
function checkKeys(job) {
  let type;
  try {
    type = checkRecipients(job.recipients, job.kind === "followup" ? MAX_FOLLOWUP_RECIPIENTS : MAX_RECIPIENTS);
  } catch (e) {
    throw new JobError(job.kind === "followup" ? "followup_keys" : "keys", e.message);
  }
  if (type !== job.stanzaType) {
    throw new JobError("keys", `the keys are ${type} but the team announces ${job.stanzaType}`);
  }
  if (job.recipients.length < job.minRecipients) {
    throw new JobError("keys", `${job.recipients.length} recipients; the team requires ${job.minRecipients}`);
  }
}

/** `{name, type, size, sha256}` of a File, hashed incrementally in 1 MiB slices (§1.2). */
async function describe(file) {
  const hash = sha256.create();
  for (let pos = 0; pos < file.size; pos += SLICE) {
    let chunk;
    try {
      chunk = new Uint8Array(await file.slice(pos, pos + SLICE).arrayBuffer());
    } catch (e) {
      throw new JobError("file_read", `${file.name}: ${e.message}`);
    }
    hash.update(chunk);
    progress.done += chunk.length;
    report();
  }
  return { ...entryOf(file), sha256: bytesToHex(hash.digest()) };
}

/**
 * The manifest's name, type and size for a File, within §1.2's limits: a name
 * of 1–1 024 bytes (cut on a character boundary, "attachment" if empty) and a
 * media type of at most 255 bytes (else left empty).
 */
function entryOf(file) {
  const encoder = new TextEncoder();
  let name = file.name || "attachment";
  while (encoder.encode(name).length > 1024) name = Array.from(name).slice(0, -1).join("");
  const type = encoder.encode(file.type).length <= 255 ? file.type : "";
  return { name, type, size: file.size };
}

// ---------------------------------------------------------------------------
// Reading typage's output in parts

/**
 * Cuts a ReadableStream of ciphertext into parts of a fixed size, assembled
 * in one reused buffer (one read at a time: a read overwrites the last one).
 */
class PartReader {
  constructor(reader) {
    this.reader = reader;
    this.queue = []; // bytes read from the stream but not yet returned, in order
    this.done = false;
    this.readBytes = 0;
    this.buffer = null; // the reused assembly buffer
    this.hash = sha256.create(); // of the parts handed out (the receipt's leaf, §10.1)
  }

  async chunk() {
    if (this.queue.length > 0) return this.queue.shift();
    if (this.done) return null;
    let result;
    try {
      result = await this.reader.read();
    } catch (e) {
      throw new JobError(e instanceof ContainerError ? "file_read" : "encrypt", e.message);
    }
    if (result.done) {
      this.done = true;
      return null;
    }
    this.readBytes += result.value.length;
    progress.done += result.value.length;
    report();
    return result.value;
  }

  /** Reads the first bytes and throws unless they are the age v1 magic (E1). */
  async checkMagic() {
    const first = (await this.read(AGE_MAGIC.length))?.slice() ?? null;
    if (first === null || first.length !== AGE_MAGIC.length || !AGE_MAGIC.every((b, i) => first[i] === b)) {
      throw new JobError("encrypt", "the encrypted output does not start with age-encryption.org/v1");
    }
    this.queue.unshift(first); // put it back: it is the start of part 0
  }

  /** The next part of `size` bytes (fewer at the end) as a Blob, or null when the stream is over. */
  async readPart(size) {
    const bytes = await this.read(size);
    if (bytes !== null) this.hash.update(bytes);
    return bytes === null ? null : new Blob([bytes], { type: "application/octet-stream" });
  }

  /** SHA-256 of every byte handed out by readPart: the whole ciphertext, once read. */
  digest() {
    return this.hash.digest();
  }

  /**
   * The next `size` bytes (fewer at the end), or null when the stream is
   * over: a view of the reused buffer, valid until the next read.
   */
  async read(size) {
    if (this.buffer === null || this.buffer.length !== size) this.buffer = new Uint8Array(size);
    const out = this.buffer;
    let used = 0;
    while (used < size) {
      const c = await this.chunk();
      if (c === null) break;
      const n = Math.min(size - used, c.length);
      out.set(c.subarray(0, n), used);
      used += n;
      if (n < c.length) this.queue.unshift(c.subarray(n));
    }
    if (used === 0) return null;
    return out.subarray(0, used);
  }
}

// ---------------------------------------------------------------------------
// HTTP

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A JSON request (`init`: optional headers and body). Resolves to the parsed answer; HttpError otherwise. */
async function requestJson(method, path, init = {}) {
  let res;
  try {
    res = await fetch(path, { method, cache: "no-store", ...init });
  } catch (e) {
    throw new HttpError(0, null, e.message);
  }
  if (res.status === 204) return {};
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: keep body null
  }
  if (!res.ok) {
    const retryAfter = retryAfterSeconds(res.headers.get("Retry-After"), body);
    throw new HttpError(res.status, body?.error ?? null, body?.message ?? null, retryAfter);
  }
  return body ?? {};
}

/** Turns an HttpError that will not get better into a JobError. */
function fatal(err, path) {
  if (err instanceof JobError) return err;
  if (err instanceof HttpError) {
    if (err.code === "unknown_upload") return new JobError("session_lost", `${path}: ${err.message}`);
    if (POW_RETRY_CODES.includes(err.code)) return new JobError("pow", `${path}: ${err.message}`);
    if (err.status === 413) return new JobError("too_large", `${path}: ${err.message}`);
    return new JobError("rejected", `${path}: ${err.message}`);
  }
  return new JobError("encrypt", String(err?.message ?? err));
}

/** The error after retrying stopped: a §4.4 refusal keeps its code and wait. */
function givenUp(err, path) {
  const reason = Object.hasOwn(REFUSALS, err.code ?? "") ? REFUSALS[err.code] : "network";
  return new JobError(reason, `${path}: ${err.message}`, err.retryAfter);
}

/**
 * Runs `attempt` until it succeeds, retrying network errors, 429 and 5xx with
 * back-off for about ten minutes, never sooner than the relay's Retry-After
 * (PROTOCOL.md §4.4); a Retry-After beyond five minutes, or beyond the ten,
 * ends the retries at once with the refusal's reason. `recover` (optional) runs before each retry
 * and may return true when the work turns out to be done already. When the
 * relay is unreachable, `recover` itself is retried (with the same back-off)
 * until it answers: the attempt is repeated only once the relay has said where
 * it stands (PROTOCOL.md §4.7: resume from `GET /api/uploads/{upload}`).
 */
async function withRetry(attempt, recover = null, path = "") {
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  let delay = RETRY_FIRST_MS;
  let retrying = false;
  for (;;) {
    let lastError;
    try {
      const result = await attempt();
      if (retrying) self.postMessage({ type: "resumed" });
      return result;
    } catch (err) {
      if (!(err instanceof HttpError) || !err.retryable) throw fatal(err, path);
      lastError = err;
    }
    retrying = true;
    for (;;) {
      const wait = retryWait(delay, lastError.retryAfter, Date.now(), giveUpAt);
      if (wait === null) throw givenUp(lastError, path);
      self.postMessage({ type: "retrying", delay: wait });
      await sleep(wait);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
      if (recover === null) break;
      let finished;
      try {
        finished = await recover();
      } catch (e) {
        if (e instanceof HttpError && e.retryable) {
          lastError = e;
          continue;
        }
        throw fatal(e, path);
      }
      if (finished) {
        self.postMessage({ type: "resumed" });
        return null;
      }
      break;
    }
  }
}

/** A fresh challenge, solved (§9); failures become JobErrors. Never rejects unhandled. */
function startPow() {
  const solving = solvedHeader(fetch, self.location.href).catch((e) => {
    if (e instanceof PowError) throw new JobError(e.code === "network" ? "network" : "rejected", e.message);
    throw new JobError("pow", String(e?.message ?? e));
  });
  solving.catch(() => {}); // awaited by openSession
  return solving;
}

/**
 * POST /api/uploads (§4.7) with the solved proof of work `pow` (a promise of
 * the header value): shows the "pow" phase while it is still being solved;
 * retries 429/5xx and network errors with the same solution (a refused
 * opening does not spend it, §9.4); after pow_invalid, pow_expired or
 * pow_spent solves a new challenge, at most POW_RESOLVES times.
 */
async function openSession(create, pow) {
  let pending = pow;
  for (let resolves = 0; ; resolves++) {
    let settled = false;
    pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    if (!settled) self.postMessage({ type: "phase", phase: "pow" });
    const header = await pending;
    if (!settled) self.postMessage({ type: "phase", phase: "working" });
    const init = { ...create, headers: { ...create.headers, [POW_HEADER]: header } };
    try {
      return await withRetry(() => requestJson("POST", "/api/uploads", init), null, "POST /api/uploads");
    } catch (err) {
      if (!(err instanceof JobError) || err.reason !== "pow" || resolves >= POW_RESOLVES) throw err;
      pending = startPow();
    }
  }
}

/** How many parts the relay holds (GET /api/uploads/{upload}, §4.7). */
async function received() {
  const status = await requestJson("GET", `/api/uploads/${upload}`);
  if (!Number.isSafeInteger(status.received) || status.received < 0) {
    throw new JobError("rejected", "GET /api/uploads gave no part count");
  }
  return status.received;
}

/** PUT one part (a Blob, see the top of this file) with XMLHttpRequest, reporting upload progress; resolves once acknowledged. */
function putPart(n, bytes, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/uploads/${upload}/parts/${n}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.timeout = PART_TIMEOUT_MS;
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status === 200) resolve(body);
      else {
        const retryAfter = retryAfterSeconds(xhr.getResponseHeader("Retry-After"), body);
        reject(new HttpError(xhr.status, body?.error ?? null, body?.message ?? null, retryAfter));
      }
    };
    xhr.onerror = () => reject(new HttpError(0, null, "the connection failed"));
    xhr.ontimeout = () => reject(new HttpError(0, null, "the part timed out"));
    xhr.onabort = () => reject(new HttpError(0, null, "the request was aborted"));
    sentAnything = true;
    xhr.send(bytes);
  });
}

/** Sends part `n` until the relay holds it; after a failure, first asks how far it got. */
async function sendPart(n, bytes, onProgress) {
  const path = `PUT part ${n}`;
  await withRetry(
    async () => {
      try {
        await putPart(n, bytes, onProgress);
      } catch (err) {
        // Sent before, but the answer was lost: the relay already has it.
        if (err instanceof HttpError && err.code === "part_duplicate") return;
        throw err;
      } finally {
        onProgress(0);
      }
    },
    async () => {
      const count = await received();
      if (count > n) return true;
      if (count < n) throw new JobError("session_lost", `the relay holds ${count} parts, expected ${n}`);
      return false;
    },
    path,
  );
}

/** POST …/commit (§4.7). If the answer is lost and the session is gone, the outcome is unknown. */
async function commit() {
  const path = `/api/uploads/${upload}/commit`;
  let outcome = null;
  const result = await withRetry(
    () => requestJson("POST", path),
    async () => {
      try {
        await received();
      } catch (e) {
        if (e instanceof HttpError && e.code === "unknown_upload") {
          outcome = "unknown";
          return true;
        }
        throw e;
      }
      return false;
    },
    "commit",
  );
  if (outcome === "unknown") {
    throw new JobError("commit_unknown", "the commit answer was lost and the session is gone");
  }
  upload = null;
  if (typeof result?.id !== "string" || typeof result?.day !== "string") {
    throw new JobError("commit_unknown", "the commit answer has no id or day");
  }
  return { id: result.id, day: result.day, leaf: result.leaf, checkpoint: result.checkpoint };
}

// ---------------------------------------------------------------------------
// The transparency log (§10)

/** The relay's log, read through its public routes (§10.4). */
const relayLog = {
  checkpoint: () => requestText("/api/log/checkpoint"),
  inclusion: async (index, size) => (await requestJson("GET", `/api/log/inclusion?index=${index}&size=${size}`)).proof,
  consistency: async (from, to) => (await requestJson("GET", `/api/log/consistency?from=${from}&to=${to}`)).proof,
};

/** GET a short text answer (a checkpoint or the log key), at most 4 KiB. */
async function requestText(path) {
  let res;
  try {
    res = await fetch(path, { cache: "no-store" });
  } catch (e) {
    throw new HttpError(0, null, e.message);
  }
  const text = await res.text();
  if (!res.ok || text.length > 4096) throw new HttpError(res.status, "log", `${path} gave no usable answer`);
  return text;
}

/**
 * Checks the commit's receipt (§10.5): the checkpoint is signed by the log
 * key and its tree holds this very ciphertext at the leaf the relay named.
 * Returns {receipt} (the line to keep) or {receiptError} (a code).
 */
async function checkReceipt(kind, committed, digest, size) {
  try {
    const vkey = await requestText("/api/log/key");
    const receipt = await verifyCommit({ kind, answer: committed, digest, size, vkey, log: relayLog });
    return { receipt: formatReceipt(receipt) };
  } catch (e) {
    return { receiptError: e instanceof TlogError ? e.code : "log_unavailable" };
  }
}

/**
 * Verifies the mailbox's items against a fresh checkpoint, and that
 * checkpoint against the receipt if one was given (§10.6). `objects` holds
 * {id, kind, leaf, bytes}. Never throws.
 */
async function checkMailboxLog(objects, receiptText) {
  try {
    const receipt = receiptText ? parseReceipt(receiptText) : null;
    const vkey = await requestText("/api/log/key");
    const result = await verifyMailbox({ objects, vkey, log: relayLog, receipt });
    return { ok: true, verified: result.verified, size: result.size, extendsReceipt: result.extendsReceipt };
  } catch (e) {
    return { ok: false, code: e instanceof TlogError ? e.code : "log_unavailable" };
  }
}

/** DELETE the session, best effort (§4.7). */
async function deleteSession() {
  try {
    await fetch(`/api/uploads/${upload}`, { method: "DELETE", cache: "no-store" });
  } catch {
    // The relay expires idle sessions anyway.
  }
  upload = null;
}
