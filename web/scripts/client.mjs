// Shared by the Node clients web/scripts/submit.mjs and mailbox.mjs: the
// relay's team keyset (docs/PROTOCOL.md §3, §4.1), error answers (§4.4), a
// streaming POST, the proof of work of anonymous writes (§9), and
// attachments read from disk. Not part of the page.

import { openAsBlob } from "node:fs";
import http from "node:http";
import https from "node:https";
import { basename, extname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describeBlob } from "../src/container.js";
import { checkRecipients, MAX_RECIPIENTS } from "../src/encrypt.js";
import { POW_HEADER, PowError, solvedHeader } from "../src/pow.js";
import { recipientType } from "../src/recipient.js";

/** An error the script prints as its one line on stderr. */
export class SubmitError extends Error {}

export const MEDIA_TYPES = {
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".zip": "application/zip",
  ".eml": "message/rfc822",
};

/**
 * `{"Whistlebox-Pow": value}` for a fresh challenge of `relay`, solved
 * (PROTOCOL.md §9): one per anonymous write.
 */
export async function powHeaders(relay) {
  try {
    return { [POW_HEADER]: await solvedHeader(fetch, relay) };
  } catch (e) {
    if (e instanceof PowError) throw new SubmitError(`the relay's proof-of-work challenge failed: ${e.message}`);
    throw e;
  }
}

/** A relay URL given on the command line, checked. */
export function relayUrl(value) {
  let relay;
  try {
    relay = new URL(value);
  } catch {
    throw new SubmitError(`--relay ${value} is not a URL`);
  }
  if (relay.protocol !== "http:" && relay.protocol !== "https:") {
    throw new SubmitError(`--relay must be an http:// or https:// URL`);
  }
  return relay;
}

/** GET /api/team and check it (PROTOCOL.md §3, §4.1). */
export async function fetchTeam(relay) {
  const url = new URL("/api/team", relay);
  let res;
  try {
    res = await fetch(url, { redirect: "error" });
  } catch (e) {
    throw new SubmitError(`cannot reach the relay at ${url}: ${e.cause?.message ?? e.message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new SubmitError(`GET ${url} failed: ${relayError(res.status, text)}`);
  let team;
  try {
    team = JSON.parse(text);
  } catch {
    throw new SubmitError(`GET ${url} did not return JSON`);
  }
  checkTeam(team);
  return team;
}

export function checkTeam(team) {
  const bad = (why) => new SubmitError(`the relay's team keyset is unusable: ${why}`);
  if (typeof team !== "object" || team === null) throw bad("not a JSON object");
  const list = team.investigators;
  if (!Array.isArray(list) || list.length === 0) throw bad("it lists no investigators");
  if (list.length > MAX_RECIPIENTS) throw bad(`${list.length} investigators, at most ${MAX_RECIPIENTS}`);
  const ids = new Set();
  for (const inv of list) {
    if (typeof inv?.id !== "string" || inv.id === "") throw bad("an investigator has no id");
    if (ids.has(inv.id)) throw bad(`investigator id ${inv.id} appears twice`);
    ids.add(inv.id);
    try {
      recipientType(inv.recipient);
    } catch (e) {
      throw bad(`investigator ${inv.id}: ${e.message}`);
    }
  }
  let type;
  try {
    type = checkRecipients(list.map((inv) => inv.recipient));
  } catch (e) {
    throw bad(e.message.replace(/^refusing to encrypt: /, ""));
  }
  if (team.stanza_type !== type) {
    throw bad(`stanza_type is ${JSON.stringify(team.stanza_type)} but the recipients are ${type}`);
  }
  if (!Number.isSafeInteger(team.min_recipients) || team.min_recipients < 1) {
    throw bad("min_recipients must be a positive integer");
  }
  if (!Number.isSafeInteger(team.max_body_bytes) || team.max_body_bytes < 1) {
    throw bad("max_body_bytes must be a positive integer");
  }
}

/** Reads files given with --attach: `{blobs, attachments}` (manifest entries, §1.2). */
export async function loadAttachments(paths) {
  const blobs = [];
  const attachments = [];
  for (const path of paths) {
    let blob;
    try {
      blob = await openAsBlob(path);
    } catch (e) {
      throw new SubmitError(`--attach ${path}: ${e.message}`);
    }
    const type = MEDIA_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
    blobs.push(blob);
    attachments.push(await describeBlob(basename(path), type, blob));
  }
  return { blobs, attachments };
}

export function relayError(status, text) {
  try {
    const { error, message } = JSON.parse(text);
    if (typeof error === "string") return `HTTP ${status} ${error}: ${message}`;
  } catch {
    // not JSON: show the status only
  }
  return `HTTP ${status}`;
}

/** POSTs a stream of known length (with `extraHeaders`); resolves to {status, text} of the answer. */
export function post(url, body, length, extraHeaders = {}) {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...extraHeaders, "content-type": "application/octet-stream", "content-length": String(length) },
      },
      (res) => {
        answered = true;
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", (e) => {
      if (!answered) reject(new SubmitError(`uploading to ${url} failed: ${e.message}`));
    });
    pipeline(Readable.fromWeb(body), req).catch((e) => {
      if (!answered) reject(new SubmitError(`uploading to ${url} failed: ${e.message}`));
    });
  });
}

