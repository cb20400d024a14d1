// Tests of web/src/encrypt.js and web/src/recipient.js: fail-closed checks,
// and round trips through typage's Decrypter (X25519 and post-quantum).

import { test } from "node:test";
import assert from "node:assert/strict";
import { bech32 } from "@scure/base";
import {
  Decrypter,
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
} from "age-encryption";
import { containerLength, containerStream, decodeContainer, describeAttachment } from "../src/container.js";
import { EncryptError, checkRecipients, encryptContainer } from "../src/encrypt.js";
import { recipientType } from "../src/recipient.js";

const x1 = await generateX25519Identity();
const x2 = await generateX25519Identity();
const pq1 = await generateHybridIdentity();
const pq2 = await generateHybridIdentity();
const X1 = await identityToRecipient(x1);
const X2 = await identityToRecipient(x2);
const PQ1 = await identityToRecipient(pq1);
const PQ2 = await identityToRecipient(pq2);

function header(bytes) {
  const text = Buffer.from(bytes.subarray(0, 8192)).toString("latin1");
  return text.slice(0, text.indexOf("\n--- ") + 1);
}

async function collect(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

test("recipientType tells X25519 from mlkem768x25519 by decoding", () => {
  assert.equal(recipientType(X1), "X25519");
  assert.equal(recipientType(PQ1), "mlkem768x25519");
  const words = (n) => bech32.toWords(new Uint8Array(n));
  const refused = [
    "",
    X1.toUpperCase(),
    X1.slice(0, -1) + (X1.at(-1) === "q" ? "p" : "q"), // checksum
    bech32.encode("age", words(31)),
    bech32.encode("age", words(33)),
    bech32.encode("age1tag", words(33), false), // tag recipient
    bech32.encode("age1pq", words(1215), false),
    bech32.encode("agf", words(32)),
    "age1yubikey1qwerty", // plugin
    7,
  ];
  for (const r of refused) assert.throws(() => recipientType(r), { name: "RecipientError" }, String(r));
});

test("encryption is refused without valid, uniform recipients", async () => {
  const data = new Uint8Array(65_536);
  const refused = [
    [[], /no recipients/],
    ["age1…", /no recipients/],
    [[X1, PQ1], /mix X25519/],
    [[PQ1, X1], /mix X25519/],
    [[X1, X1], /listed twice/],
    [[X1, "age1notarecipient"], /not valid bech32/],
    [[X1, bech32.encode("age1tag", bech32.toWords(new Uint8Array(33)), false)], /not an age X25519/],
    [Array.from({ length: 33 }, () => X1), /at most 32/],
  ];
  for (const [recipients, message] of refused) {
    await assert.rejects(encryptContainer(recipients, data), (e) => {
      assert.ok(e instanceof EncryptError, `${e}`);
      assert.match(e.message, message);
      return true;
    });
  }
  await assert.rejects(encryptContainer([X1], "plain text"), EncryptError);
  assert.equal(checkRecipients([PQ1, PQ2]), "mlkem768x25519");
});

test("bytes round trip to two X25519 recipients", async () => {
  const plain = new Uint8Array(70_000).map((_, i) => i & 0xff);
  const out = await encryptContainer([X1, X2], plain);
  assert.ok(Buffer.from(out.subarray(0, 22)).equals(Buffer.from("age-encryption.org/v1\n")));
  assert.equal((header(out).match(/^-> X25519 /gm) ?? []).length, 2);
  for (const id of [x1, x2]) {
    const d = new Decrypter();
    d.addIdentity(id);
    assert.deepEqual(await d.decrypt(out), plain);
  }
});

test("a container stream round trips to post-quantum recipients", async () => {
  const file = new Uint8Array(300_000).map((_, i) => (i * 5) & 0xff);
  const manifest = {
    kind: "report",
    fields: { what: "pq" },
    attachments: [await describeAttachment("f.bin", "", file)],
    client_time: "",
    locale: "en",
  };
  const stream = await encryptContainer([PQ1, PQ2], containerStream(manifest, [new Blob([file])]));
  const out = await collect(stream);
  assert.equal(out.length, stream.size(containerLength(manifest)));
  const h = header(out);
  assert.equal((h.match(/^-> mlkem768x25519 /gm) ?? []).length, 2);
  assert.doesNotMatch(h, /X25519/);
  const d = new Decrypter();
  d.addIdentity(pq2);
  const { manifest: m, attachments } = decodeContainer(await d.decrypt(out));
  assert.deepEqual(m, manifest);
  assert.ok(Buffer.from(attachments[0]).equals(Buffer.from(file)));
});

test("a post-quantum team with the post-quantum reply key: one type, round trip; the X25519 reply key is refused", async () => {
  const { mailboxKeys, replyRecipientFor } = await import("../src/mailbox.js");
  const { MAX_FOLLOWUP_RECIPIENTS } = await import("../src/encrypt.js");
  const keys = mailboxKeys("correct battery staple velvet lantern quarry puzzle");
  const reply = replyRecipientFor(keys, "mlkem768x25519");
  assert.equal(reply, keys.replyRecipientPq);
  const manifest = {
    kind: "followup",
    fields: { message: "post-quantum all the way" },
    attachments: [],
    reply_key: reply,
    client_time: "2025-03-22",
    locale: "en",
  };
  const plainLen = containerLength(manifest);
  const out = await encryptContainer([PQ1, PQ2, reply], containerStream(manifest, []), {
    maxRecipients: MAX_FOLLOWUP_RECIPIENTS,
  });
  const bytes = await collect(out);
  assert.equal(bytes.length, out.size(plainLen));
  const stanzaLines = header(bytes).split("\n").filter((l) => l.startsWith("-> "));
  assert.equal(stanzaLines.length, 3);
  assert.ok(stanzaLines.every((l) => l.startsWith("-> mlkem768x25519 ")));
  for (const identity of [pq1, pq2, keys.replyIdentityPq]) {
    const d = new Decrypter();
    d.addIdentity(identity);
    assert.equal(decodeContainer(await d.decrypt(bytes)).manifest.fields.message, "post-quantum all the way");
  }
  const d = new Decrypter();
  d.addIdentity(keys.replyIdentity);
  await assert.rejects(d.decrypt(bytes));
  // The X25519 reply key beside a post-quantum team would mix types: nothing is encrypted.
  await assert.rejects(
    encryptContainer([PQ1, PQ2, keys.replyRecipient], containerStream(manifest, []), { maxRecipients: MAX_FOLLOWUP_RECIPIENTS }),
    (e) => e instanceof EncryptError && /mix X25519/.test(e.message),
  );
});
