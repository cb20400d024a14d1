#!/usr/bin/env node
// Submits a report to a Whistlebox relay from the command line, exactly as the
// reporter's page does: fetch the team keyset (PROTOCOL.md §4.1), pack the
// container (§1), encrypt it to every investigator not excluded (§2), POST the
// ciphertext (§4.1). Used by the README tour and the end-to-end tests.
//
// Prints the relay's answer ({"id":…,"day":…}) as one line on stdout and exits
// 0; on any error prints a message on stderr and exits 1.

import { openAsBlob } from "node:fs";
import { writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { basename, extname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { containerLength, containerStream, describeBlob } from "../src/container.js";
import { checkRecipients, encryptContainer, MAX_RECIPIENTS } from "../src/encrypt.js";
import { recipientType } from "../src/recipient.js";

const USAGE = `usage: node web/scripts/submit.mjs --relay URL [options]

Encrypts a report to the team published by the relay and uploads it.

  --relay URL          relay base URL, e.g. http://127.0.0.1:8080 (required)
  --exclude ID         leave out this investigator (repeatable)
  --field KEY=VALUE    a report field (repeatable); default: a small sample report
  --attach PATH        attach a file (repeatable)
  --locale TAG         BCP 47 language tag (default: en)
  --reply-key AGE1…    an age recipient the team may answer to
  --out FILE           also write the ciphertext to FILE
  --no-post            do not upload (needs --out)
  -h, --help           show this help`;

const SAMPLE_FIELDS = {
  category: "harassment",
  what: "My team lead keeps making comments about my appearance in meetings.",
  when: "Since March, most recently last Tuesday",
  where: "Building B, 3rd floor meeting rooms",
};

const MEDIA_TYPES = {
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

class SubmitError extends Error {}

/** Parses and checks the flags into a plan, before any network or file access. */
function parseFlags(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        relay: { type: "string" },
        exclude: { type: "string", multiple: true, default: [] },
        field: { type: "string", multiple: true, default: [] },
        attach: { type: "string", multiple: true, default: [] },
        locale: { type: "string", default: "en" },
        "reply-key": { type: "string" },
        out: { type: "string" },
        "no-post": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    throw new SubmitError(`${e.message}\n\n${USAGE}`);
  }
  if (values.help) return { help: true };
  if (!values.relay) throw new SubmitError(`--relay is required\n\n${USAGE}`);
  let relay;
  try {
    relay = new URL(values.relay);
  } catch {
    throw new SubmitError(`--relay ${values.relay} is not a URL`);
  }
  if (relay.protocol !== "http:" && relay.protocol !== "https:") {
    throw new SubmitError(`--relay must be an http:// or https:// URL`);
  }
  if (values["no-post"] && !values.out) {
    throw new SubmitError("--no-post needs --out FILE (otherwise nothing would be done)");
  }
  let fields = SAMPLE_FIELDS;
  if (values.field.length > 0) {
    fields = {};
    for (const f of values.field) {
      const eq = f.indexOf("=");
      if (eq < 1) throw new SubmitError(`--field ${f}: expected KEY=VALUE`);
      const key = f.slice(0, eq);
      if (Object.hasOwn(fields, key)) throw new SubmitError(`--field ${key} is given twice`);
      fields[key] = f.slice(eq + 1);
    }
  }
  const replyKey = values["reply-key"];
  if (replyKey !== undefined) {
    try {
      recipientType(replyKey);
    } catch (e) {
      throw new SubmitError(`--reply-key: ${e.message}`);
    }
  }
  return {
    relay,
    exclude: values.exclude,
    fields,
    attach: values.attach,
    locale: values.locale,
    replyKey,
    out: values.out,
    post: !values["no-post"],
  };
}

/** GET /api/team and check it (PROTOCOL.md §3, §4.1). */
async function fetchTeam(relay) {
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

function checkTeam(team) {
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

function selectRecipients(team, exclude) {
  const ids = new Set(team.investigators.map((inv) => inv.id));
  for (const id of exclude) {
    if (!ids.has(id)) {
      throw new SubmitError(`--exclude ${id}: no such investigator (the team is: ${[...ids].join(", ")})`);
    }
  }
  const chosen = team.investigators.filter((inv) => !exclude.includes(inv.id));
  if (chosen.length < team.min_recipients) {
    throw new SubmitError(
      `after the exclusions ${chosen.length} investigator(s) remain; this relay needs at least ${team.min_recipients}`,
    );
  }
  return chosen.map((inv) => inv.recipient);
}

function relayError(status, text) {
  try {
    const { error, message } = JSON.parse(text);
    if (typeof error === "string") return `HTTP ${status} ${error}: ${message}`;
  } catch {
    // not JSON: show the status only
  }
  return `HTTP ${status}`;
}

/** POSTs a stream of known length; resolves to {status, text} of the answer. */
function post(url, body, length) {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/octet-stream", "content-length": String(length) },
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

async function run(argv) {
  const plan = parseFlags(argv);
  if (plan.help) {
    console.log(USAGE);
    return;
  }
  const team = await fetchTeam(plan.relay);
  const recipients = selectRecipients(team, plan.exclude);

  const blobs = [];
  const attachments = [];
  for (const path of plan.attach) {
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
  const manifest = { kind: "report", fields: plan.fields, attachments };
  if (plan.replyKey !== undefined) manifest.reply_key = plan.replyKey;
  // The local date only, as the page sends (PROTOCOL §1.5): even inside the
  // encryption, an exact time is more than the team needs.
  const now = new Date();
  manifest.client_time = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, "0"))
    .join("-");
  manifest.locale = plan.locale;

  let plainLen;
  try {
    plainLen = containerLength(manifest); // validates the manifest
  } catch (e) {
    throw new SubmitError(`the report is not valid: ${e.message}`);
  }
  const ciphertext = await encryptContainer(recipients, containerStream(manifest, blobs));
  const length = ciphertext.size(plainLen);
  if (length > team.max_body_bytes) {
    await ciphertext.cancel();
    throw new SubmitError(`the encrypted report is ${length} bytes; this relay accepts at most ${team.max_body_bytes}`);
  }

  let body = ciphertext;
  if (plan.out) {
    await writeFile(plan.out, Readable.fromWeb(ciphertext), { mode: 0o600 });
    if (!plan.post) {
      console.log(JSON.stringify({ out: plan.out, size: length }));
      return;
    }
    body = (await openAsBlob(plan.out)).stream();
  }
  const url = new URL("/api/reports", plan.relay);
  const { status, text } = await post(url, body, length);
  if (status !== 201) throw new SubmitError(`the relay refused the report: ${relayError(status, text)}`);
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new SubmitError(`the relay answered 201 with something that is not JSON`);
  }
  if (typeof answer?.id !== "string" || typeof answer?.day !== "string") {
    throw new SubmitError(`the relay's answer lacks "id" or "day": ${text}`);
  }
  console.log(JSON.stringify(answer));
}

try {
  await run(process.argv.slice(2));
} catch (e) {
  console.error(`submit: ${e instanceof SubmitError ? e.message : `${e.name}: ${e.message}`}`);
  process.exitCode = 1;
}
