#!/usr/bin/env node
// Submits a report to a Whistlebox relay from the command line, exactly as the
// reporter's page does: fetch the team keyset (PROTOCOL.md §4.1), pack the
// container (§1), encrypt it to every investigator not excluded (§2), POST the
// ciphertext (§4.1). Used by the README tour and the end-to-end tests. Like
// the page, it records the ids of the investigators the report is encrypted
// to in the field `recipients` (§1.5), which --field cannot set.
//
// With a codename (PROTOCOL.md §7, §8.1) the report carries the reply key
// derived from it — the post-quantum one for an mlkem768x25519 team, the
// X25519 one otherwise (§7.3) — and is filed under its mailbox
// (Whistlebox-Mailbox header). A keyset that mixes X25519 and post-quantum
// keys is refused before anything is encrypted (§3).
//
// Prints the relay's answer ({"id":…,"day":…}) as one line on stdout and exits
// 0; on any error prints a message on stderr and exits 1. With --new-codename
// the line also has "codename": the words generated — a convenience for tests
// and demos only (a real reporter's codename is never printed by anything).

import { openAsBlob } from "node:fs";
import { writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { CodenameError, generateCodename } from "../src/codename.js";
import { containerLength, containerStream } from "../src/container.js";
import { encryptContainer } from "../src/encrypt.js";
import { localDate, mailboxKeys, replyRecipientFor } from "../src/mailbox.js";
import { recipientType } from "../src/recipient.js";
import { SelectionError, recipientsOf, reportFields, selectInvestigators } from "../src/selection.js";
import { SubmitError, fetchTeam, loadAttachments, post, powHeaders, relayError, relayUrl } from "./client.mjs";

const USAGE = `usage: node web/scripts/submit.mjs --relay URL [options]

Encrypts a report to the team published by the relay and uploads it.

  --relay URL          relay base URL, e.g. http://127.0.0.1:8080 (required)
  --exclude ID         leave out this investigator (repeatable); the report's
                       field "recipients" lists the ids it is encrypted to
  --field KEY=VALUE    a report field (repeatable; not "recipients"); default:
                       a small sample report
  --attach PATH        attach a file (repeatable)
  --locale TAG         BCP 47 language tag (default: en)
  --reply-key AGE1…    an age recipient the team may answer to (of the
                       team's key type: age1… or age1pq1…)
  --codename WORDS     file the report under this codename's mailbox and set
                       its reply key (PROTOCOL.md §7, §8)
  --new-codename       generate a codename (7 words, §7.1), use it as with
                       --codename, and print it as "codename" in the output
                       line (for tests and demos: the terminal keeps it)
  --out FILE           also write the ciphertext to FILE
  --no-post            do not upload (needs --out)
  -h, --help           show this help`;

const SAMPLE_FIELDS = {
  category: "harassment",
  what: "My team lead keeps making comments about my appearance in meetings.",
  when: "Since March, most recently last Tuesday",
  where: "Building B, 3rd floor meeting rooms",
};

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
        codename: { type: "string" },
        "new-codename": { type: "boolean", default: false },
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
  const relay = relayUrl(values.relay);
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
  const given = [values.codename !== undefined, values["new-codename"], replyKey !== undefined];
  if (given.filter(Boolean).length > 1) {
    throw new SubmitError("--codename, --new-codename and --reply-key exclude each other (a codename sets the reply key)");
  }
  let codename = values.codename;
  const newCodename = values["new-codename"];
  if (newCodename) codename = generateCodename();
  let keys = null;
  if (codename !== undefined) {
    try {
      keys = mailboxKeys(codename);
    } catch (e) {
      // The message names a position or a count, never a word (§7.2).
      if (e instanceof CodenameError) throw new SubmitError(`--codename: ${e.message}`);
      throw e;
    }
  }
  return {
    relay,
    keys,
    codename: newCodename ? codename : undefined,
    exclude: values.exclude,
    fields,
    attach: values.attach,
    locale: values.locale,
    replyKey, // with a codename, chosen once the team's type is known
    out: values.out,
    post: !values["no-post"],
  };
}

/** The investigators not excluded, in keyset order, as the page chooses them (web/src/selection.js). */
function choose(team, exclude) {
  try {
    return selectInvestigators(team.investigators, exclude, team.min_recipients);
  } catch (e) {
    if (!(e instanceof SelectionError)) throw e;
    throw new SubmitError(e.code === "unknown" ? `--exclude: ${e.message}` : e.message);
  }
}

async function run(argv) {
  const plan = parseFlags(argv);
  if (plan.help) {
    console.log(USAGE);
    return;
  }
  const team = await fetchTeam(plan.relay); // refuses a mixed keyset (§3)
  const chosen = choose(team, plan.exclude);
  // The reply key must be of the team's type: the team answers to it and to
  // itself in one file, which never mixes types (§2 E3, §8.4).
  const replyKey = plan.keys ? replyRecipientFor(plan.keys, team.stanza_type) : plan.replyKey;
  if (replyKey !== undefined && recipientType(replyKey) !== team.stanza_type) {
    throw new SubmitError(
      `--reply-key is ${recipientType(replyKey)} but the team's keys are ${team.stanza_type}; the team could not answer to it`,
    );
  }

  const { blobs, attachments } = await loadAttachments(plan.attach);
  // The recipients and the `recipients` field (§1.5) come from one list.
  let fields;
  try {
    fields = reportFields(plan.fields, chosen);
  } catch (e) {
    throw new SubmitError(`--field: ${e.message}`);
  }
  const manifest = { kind: "report", fields, attachments };
  if (replyKey !== undefined) manifest.reply_key = replyKey;
  // The local date only, as the page sends (PROTOCOL §1.5): even inside the
  // encryption, an exact time is more than the team needs.
  manifest.client_time = localDate();
  manifest.locale = plan.locale;

  let plainLen;
  try {
    plainLen = containerLength(manifest); // validates the manifest
  } catch (e) {
    throw new SubmitError(`the report is not valid: ${e.message}`);
  }
  const ciphertext = await encryptContainer(recipientsOf(chosen), containerStream(manifest, blobs));
  const length = ciphertext.size(plainLen);
  if (length > team.max_body_bytes) {
    await ciphertext.cancel();
    throw new SubmitError(`the encrypted report is ${length} bytes; this relay accepts at most ${team.max_body_bytes}`);
  }

  // Only a generated codename is printed (the caller has no other copy).
  const withCodename = (answer) => (plan.codename === undefined ? answer : { ...answer, codename: plan.codename });
  let body = ciphertext;
  if (plan.out) {
    await writeFile(plan.out, Readable.fromWeb(ciphertext), { mode: 0o600 });
    if (!plan.post) {
      console.log(JSON.stringify(withCodename({ out: plan.out, size: length })));
      return;
    }
    body = (await openAsBlob(plan.out)).stream();
  }
  const url = new URL("/api/reports", plan.relay);
  // The mailbox header files the report under the codename's mailbox (§8.2);
  // every anonymous write carries a solved proof of work (§9).
  const headers = { ...(plan.keys ? plan.keys.headers : {}), ...(await powHeaders(plan.relay)) };
  const { status, text } = await post(url, body, length, headers);
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
  console.log(JSON.stringify(withCodename({ id: answer.id, day: answer.day })));
}

try {
  await run(process.argv.slice(2));
} catch (e) {
  console.error(`submit: ${e instanceof SubmitError ? e.message : `${e.name}: ${e.message}`}`);
  process.exitCode = 1;
}
