#!/usr/bin/env node
// The reporter's follow-up mailbox from the command line (docs/PROTOCOL.md
// §8), exactly as the page's "Check my report" view uses it; for the
// end-to-end tests and demos. Shares web/src/mailbox.js with the page.
//
// Read (default): GET /api/mailbox, fetch every item, decrypt it with the
// reply identities derived from the codename (§7.3), parse and verify it (§8.4),
// and print one JSON line
//   {"items":[{"id","kind","day","fields":{…},"attachments":[{"name","type","size","sha256"}]}]}
// in the relay's order. An item that does not decrypt or verify is printed as
//   {"id","kind","day","unreadable":"<reason>"}
// (reason: decrypt, container, kind, reply_key, fields, too_large, http, network).
// With --out-dir DIR, each readable item's attachments are written to
// DIR/<item id>/<sanitised name> (§6.3, never overwriting), and each attachment
// entry gains "file": that path.
//
// Write (--followup-message): pack a `followup` container (§8.4) with the
// message and --attach files, encrypt it to every investigator of GET
// /api/team not left out with --exclude (as the page's "Do not send to this
// person", at least min_recipients remain; web/src/selection.js) and to the
// reply recipient of the team's type (X25519 or post-quantum, §7.3), POST
// /api/mailbox; print the relay's answer {"id","day"}. A keyset that mixes
// X25519 and post-quantum keys is refused before anything is encrypted (§3).
//
// Exits 0 on success, 1 with a message on stderr otherwise. Never prints the
// codename, the mailbox secret or the reply identity.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CodenameError } from "../src/codename.js";
import { containerLength, containerStream } from "../src/container.js";
import { MAX_FOLLOWUP_RECIPIENTS, encryptContainer } from "../src/encrypt.js";
import { uniqueNames } from "../src/filename.js";
import {
  MAILBOX_HEADER,
  MailboxError,
  fetchItem,
  fetchListing,
  followupManifest,
  followupRecipients,
  mailboxKeys,
  openItem,
} from "../src/mailbox.js";
import { SelectionError, selectInvestigators } from "../src/selection.js";
import { SubmitError, fetchTeam, loadAttachments, post, powHeaders, relayError, relayUrl } from "./client.mjs";

const USAGE = `usage: node web/scripts/mailbox.mjs --relay URL --codename WORDS [options]

Reads the mailbox of a codename, or sends a follow-up to it.

  --relay URL              relay base URL, e.g. http://127.0.0.1:8080 (required)
  --codename WORDS         the reporter's codename, 7 words (required)
  --out-dir DIR            write the attachments of the items read to DIR/<id>/
  --followup-message TEXT  send a follow-up with this message instead of reading
  --attach PATH            attach a file to the follow-up (repeatable)
  --exclude ID             do not send the follow-up to this investigator
                           (repeatable)
  --locale TAG             the follow-up's language tag (default: en)
  --max-item-bytes N       read items of at most N bytes (default: the relay's
                           max_body_bytes)
  -h, --help               show this help`;

function parseFlags(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        relay: { type: "string" },
        codename: { type: "string" },
        "out-dir": { type: "string" },
        "followup-message": { type: "string" },
        attach: { type: "string", multiple: true, default: [] },
        exclude: { type: "string", multiple: true, default: [] },
        locale: { type: "string", default: "en" },
        "max-item-bytes": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    throw new SubmitError(`${e.message}\n\n${USAGE}`);
  }
  if (values.help) return { help: true };
  if (!values.relay) throw new SubmitError(`--relay is required\n\n${USAGE}`);
  if (values.codename === undefined) throw new SubmitError(`--codename is required\n\n${USAGE}`);
  const relay = relayUrl(values.relay);
  const send = values["followup-message"] !== undefined;
  if (send && values["out-dir"] !== undefined) {
    throw new SubmitError("--out-dir is for reading; it cannot be combined with --followup-message");
  }
  if (!send && values.attach.length > 0) throw new SubmitError("--attach needs --followup-message");
  if (!send && values.exclude.length > 0) throw new SubmitError("--exclude needs --followup-message");
  let maxItemBytes = null;
  if (values["max-item-bytes"] !== undefined) {
    maxItemBytes = Number(values["max-item-bytes"]);
    if (!Number.isSafeInteger(maxItemBytes) || maxItemBytes < 1) {
      throw new SubmitError("--max-item-bytes must be a positive integer");
    }
  }
  let keys;
  try {
    keys = mailboxKeys(values.codename);
  } catch (e) {
    // The message names a position or a count, never a word (§7.2).
    if (e instanceof CodenameError) throw new SubmitError(`--codename: ${e.message}`);
    throw e;
  }
  return {
    relay,
    keys,
    send,
    message: values["followup-message"],
    attach: values.attach,
    exclude: values.exclude,
    locale: values.locale,
    outDir: values["out-dir"],
    maxItemBytes,
  };
}

/** Fails with the mailbox error's text (it never contains a secret). */
function explain(e) {
  if (e instanceof MailboxError) return new SubmitError(e.message);
  return e;
}

async function read(plan, team) {
  let listing;
  try {
    listing = await fetchListing({ base: plan.relay, keys: plan.keys });
  } catch (e) {
    throw explain(e);
  }
  const maxBytes = plan.maxItemBytes ?? team.max_body_bytes;
  const items = [];
  for (const item of listing) {
    const head = { id: item.id, kind: item.kind, day: item.day };
    let opened;
    try {
      const ciphertext = await fetchItem({ base: plan.relay, keys: plan.keys, item, maxBytes });
      opened = await openItem(ciphertext, item.kind, plan.keys);
    } catch (e) {
      if (!(e instanceof MailboxError)) throw e;
      items.push({ ...head, unreadable: e.reason ?? e.code });
      continue;
    }
    const { manifest, attachments } = opened;
    const entries = manifest.attachments.map(({ name, type, size, sha256 }) => ({ name, type, size, sha256 }));
    if (plan.outDir !== undefined && entries.length > 0) {
      const dir = join(plan.outDir, item.id);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const names = uniqueNames(entries.map((a) => a.name));
      for (const [i, entry] of entries.entries()) {
        const file = join(dir, names[i]);
        await writeFile(file, attachments[i], { flag: "wx", mode: 0o600 });
        entry.file = file;
      }
    }
    items.push({ ...head, fields: manifest.fields, attachments: entries });
  }
  console.log(JSON.stringify({ items }));
}

async function sendFollowup(plan, team) {
  // The investigators not excluded, as the page chooses them (§8.4).
  let chosen;
  try {
    chosen = selectInvestigators(team.investigators, plan.exclude, team.min_recipients);
  } catch (e) {
    if (!(e instanceof SelectionError)) throw e;
    throw new SubmitError(e.code === "unknown" ? `--exclude: ${e.message}` : e.message);
  }
  const { blobs, attachments } = await loadAttachments(plan.attach);
  let manifest;
  let recipients;
  try {
    // The reply key of the team's type (§7.3): the file never mixes types.
    const to = followupRecipients(team, plan.keys, chosen);
    recipients = to.recipients;
    manifest = followupManifest({
      message: plan.message,
      attachments,
      replyRecipient: to.replyRecipient,
      locale: plan.locale,
    });
  } catch (e) {
    throw explain(e);
  }
  const plainLen = containerLength(manifest);
  const ciphertext = await encryptContainer(recipients, containerStream(manifest, blobs), {
    maxRecipients: MAX_FOLLOWUP_RECIPIENTS,
  });
  const length = ciphertext.size(plainLen);
  if (length > team.max_body_bytes) {
    await ciphertext.cancel();
    throw new SubmitError(`the encrypted follow-up is ${length} bytes; this relay accepts at most ${team.max_body_bytes}`);
  }
  const url = new URL("/api/mailbox", plan.relay);
  const { status, text } = await post(url, ciphertext, length, {
    [MAILBOX_HEADER]: plan.keys.headers[MAILBOX_HEADER],
    ...(await powHeaders(plan.relay)), // §9
  });
  if (status !== 201) throw new SubmitError(`the relay refused the follow-up: ${relayError(status, text)}`);
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new SubmitError("the relay answered 201 with something that is not JSON");
  }
  if (typeof answer?.id !== "string" || typeof answer?.day !== "string") {
    throw new SubmitError(`the relay's answer lacks "id" or "day"`);
  }
  console.log(JSON.stringify({ id: answer.id, day: answer.day }));
}

async function run(argv) {
  const plan = parseFlags(argv);
  if (plan.help) {
    console.log(USAGE);
    return;
  }
  const team = await fetchTeam(plan.relay);
  if (plan.send) await sendFollowup(plan, team);
  else await read(plan, team);
}

try {
  await run(process.argv.slice(2));
} catch (e) {
  console.error(`mailbox: ${e instanceof SubmitError ? e.message : `${e.name}: ${e.message}`}`);
  process.exitCode = 1;
}
