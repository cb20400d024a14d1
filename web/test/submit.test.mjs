// Runs web/scripts/submit.mjs as a child process against a small stand-in
// relay (node:http on 127.0.0.1:0) that serves /api/team built from
// keys/team.toml and records what is POSTed; then decrypts the upload with the
// test keys in tests/fixtures/keys/ and checks the container inside.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decrypter, generateHybridIdentity, identityToRecipient } from "age-encryption";
import { normaliseCodename } from "../src/codename.js";
import { decodeContainer, isBucket } from "../src/container.js";
import { mailboxKeys } from "../src/mailbox.js";
import { PowDesk } from "./pow-relay.mjs";

const ROOT = new URL("../../", import.meta.url);
const SUBMIT = fileURLToPath(new URL("../scripts/submit.mjs", import.meta.url));

/** Parses keys/team.toml's [[investigator]] tables (id, name, role, recipient lines). */
async function loadTeam(path = "keys/team.toml") {
  const text = await readFile(new URL(path, ROOT), "utf8");
  const name = text.match(/^name = "(.*)"$/m)[1];
  const investigators = text
    .split("[[investigator]]")
    .slice(1)
    .map((block) => {
      const get = (key) => block.match(new RegExp(`^${key} = "(.*)"$`, "m"))[1];
      return { id: get("id"), name: get("name"), role: get("role"), recipient: get("recipient") };
    });
  assert.equal(investigators.length, 3);
  return { name, investigators };
}

/** The §4.1 /api/team answer for a team. */
function teamJson({ name, investigators }, overrides = {}) {
  const sorted = [...investigators].sort((a, b) => (a.id < b.id ? -1 : 1));
  let canonical = `whistlebox-keyset-v1\nname ${name}\n`;
  for (const i of sorted) canonical += `investigator ${i.id} ${i.recipient}\nname ${i.name}\nrole ${i.role}\n`;
  const sha = (s) => createHash("sha256").update(s).digest("hex");
  return {
    name,
    fingerprint: sha(canonical),
    stanza_type: investigators[0].recipient.startsWith("age1pq1") ? "mlkem768x25519" : "X25519",
    min_recipients: 1,
    max_body_bytes: 256 * 1024 * 1024,
    investigators: investigators.map((i) => ({ ...i, fingerprint: sha(i.recipient).slice(0, 16).match(/.{4}/g).join(" ") })),
    ...overrides,
  };
}

async function secretKey(id) {
  const text = await readFile(new URL(`tests/fixtures/keys/${id}.key`, ROOT), "utf8");
  return text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"));
}

// --- the stand-in relay -----------------------------------------------------

let server;
let relay;
let team;
/** What the relay does next: {team, reply: {status, body}}; and what it received. */
let behaviour;
let posts;
const desk = new PowDesk();

before(async () => {
  team = await loadTeam();
  server = http.createServer((req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/api/team") return send(200, behaviour.team);
    if (req.method === "POST" && req.url === "/api/pow") return send(201, desk.issue());
    if (req.method === "POST" && req.url === "/api/reports") {
      // §9: every report carries a solved, unspent proof of work.
      if (!desk.accept(req.headers["whistlebox-pow"])) return send(403, { error: "pow_invalid", message: "m" });
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        posts.push({ headers: req.headers, body: new Uint8Array(Buffer.concat(chunks)) });
        send(behaviour.reply.status, behaviour.reply.body);
      });
      return;
    }
    send(404, { error: "not_found", message: "no such route" });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  relay = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

function reset(overrides = {}) {
  posts = [];
  behaviour = {
    team: teamJson(team),
    reply: { status: 201, body: { id: "0123456789abcdef0123456789abcdef", day: "2025-03-20" } },
    ...overrides,
  };
}

/** Runs submit.mjs; resolves to {code, stdout, stderr}. */
function submit(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SUBMIT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// --- helpers on the upload --------------------------------------------------

function stanzas(body) {
  const text = Buffer.from(body.subarray(0, 4096)).toString("latin1");
  const header = text.slice(0, text.indexOf("\n--- "));
  return header.split("\n").filter((l) => l.startsWith("-> "));
}

async function decryptWith(id, body) {
  const d = new Decrypter();
  d.addIdentity(await secretKey(id));
  return d.decrypt(body);
}

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "whistlebox-submit-"));
});
after(() => rm(dir, { recursive: true, force: true }));

// --- tests ------------------------------------------------------------------

test("submits an encrypted report with attachments to all three investigators", async () => {
  reset();
  const photo = new Uint8Array(200 * 1024).map((_, i) => (i * 13 + 7) & 0xff);
  const notes = new TextEncoder().encode("Dates and names, in order. — 日本語も\n");
  await writeFile(join(dir, "photo.jpg"), photo);
  await writeFile(join(dir, "notes.txt"), notes);
  const r = await submit(["--relay", relay, "--attach", join(dir, "photo.jpg"), "--attach", join(dir, "notes.txt")]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, '{"id":"0123456789abcdef0123456789abcdef","day":"2025-03-20"}\n');

  assert.equal(posts.length, 1);
  const { headers, body } = posts[0];
  assert.equal(headers["content-type"], "application/octet-stream");
  assert.equal(Number(headers["content-length"]), body.length);
  assert.ok(Buffer.from(body.subarray(0, 22)).equals(Buffer.from("age-encryption.org/v1\n")));
  const lines = stanzas(body);
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.startsWith("-> X25519 ")));

  for (const id of ["alice", "bob", "carol"]) {
    const plain = await decryptWith(id, body);
    assert.ok(isBucket(plain.length), `plaintext length ${plain.length} is not a padding bucket`);
    const { manifest, attachments } = decodeContainer(plain);
    assert.equal(manifest.kind, "report");
    assert.deepEqual(Object.keys(manifest.fields), ["category", "recipients", "what", "when", "where"]);
    // The whole keyset, in keyset order (PROTOCOL.md §1.5).
    assert.equal(manifest.fields.recipients, "alice,bob,carol");
    assert.equal(manifest.locale, "en");
    assert.match(manifest.client_time, /^\d{4}-\d{2}-\d{2}$/, "the date only, never a time");
    assert.equal(manifest.reply_key, undefined);
    assert.deepEqual(
      manifest.attachments.map((a) => [a.name, a.type, a.size]),
      [
        ["photo.jpg", "image/jpeg", photo.length],
        ["notes.txt", "text/plain", notes.length],
      ],
    );
    assert.ok(Buffer.from(attachments[0]).equals(Buffer.from(photo)));
    assert.ok(Buffer.from(attachments[1]).equals(Buffer.from(notes)));
  }
});

test("--exclude leaves an investigator out of the envelope", async () => {
  reset();
  const replyKey = team.investigators[2].recipient; // any valid age1 recipient
  const r = await submit([
    "--relay", relay, "--exclude", "bob",
    "--field", "what=The accused is on the team.", "--field", "category=conflict_of_interest",
    "--locale", "fr-CA", "--reply-key", replyKey,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const body = posts[0].body;
  assert.equal(stanzas(body).length, 2);
  await assert.rejects(decryptWith("bob", body), /no identity matched/);
  const { manifest, attachments } = decodeContainer(await decryptWith("alice", body));
  // `recipients` names exactly the investigators who can open it (§1.5).
  assert.deepEqual(manifest.fields, {
    what: "The accused is on the team.",
    category: "conflict_of_interest",
    recipients: "alice,carol",
  });
  assert.equal(manifest.locale, "fr-CA");
  assert.equal(manifest.reply_key, replyKey);
  assert.deepEqual(attachments, []);
  await decryptWith("carol", body);
});

test("--out with --no-post writes the ciphertext and uploads nothing", async () => {
  reset();
  const out = join(dir, "report.age");
  const r = await submit(["--relay", relay, "--out", out, "--no-post", "--exclude", "alice", "--exclude", "carol"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(posts.length, 0);
  const body = new Uint8Array(await readFile(out));
  assert.deepEqual(JSON.parse(r.stdout), { out, size: body.length });
  assert.equal(stanzas(body).length, 1);
  const { manifest } = decodeContainer(await decryptWith("bob", body));
  assert.equal(manifest.fields.recipients, "bob");
  await assert.rejects(decryptWith("alice", body), /no identity matched/);
});

test("--out while posting uploads the same bytes it wrote", async () => {
  reset();
  const out = join(dir, "posted.age");
  const r = await submit(["--relay", relay, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Buffer.from(posts[0].body).equals(await readFile(out)));
});

test("a relay error is shown on stderr with its code and message", async () => {
  reset({ reply: { status: 400, body: { error: "not_padding_bucket", message: "rule E7: not a bucket" } } });
  const r = await submit(["--relay", relay]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /HTTP 400 not_padding_bucket: rule E7: not a bucket/);
});

test("an unusable keyset is refused before anything is encrypted or sent", async () => {
  const pq = await identityToRecipient(await generateHybridIdentity());
  const [a, b, c] = team.investigators;
  const cases = [
    [teamJson(team, { investigators: [] }), /lists no investigators/],
    [teamJson({ ...team, investigators: [a, { ...b, recipient: "age1qqqqqqqqqqqqqqqq" }, c] }), /investigator bob: .*bech32/],
    [teamJson({ ...team, investigators: [a, { ...b, recipient: b.recipient.toUpperCase() }] }), /lower case/],
    [teamJson({ ...team, investigators: [a, { ...b, recipient: pq }] }), /mix X25519/],
    [teamJson({ ...team, investigators: [{ ...a, recipient: pq }, b, c] }), /mix X25519/],
    [teamJson({ ...team, investigators: [a, { ...b, id: "alice" }] }), /appears twice/],
    [teamJson(team, { stanza_type: "mlkem768x25519" }), /stanza_type/],
    [teamJson(team, { min_recipients: 0 }), /min_recipients/],
  ];
  for (const [json, message] of cases) {
    reset({ team: json });
    const r = await submit(["--relay", relay]);
    assert.equal(r.code, 1, `accepted: ${JSON.stringify(json)}`);
    assert.match(r.stderr, message);
    assert.equal(posts.length, 0);
  }
});

test("bad flags and impossible exclusions exit 1 with a clear message", async () => {
  reset({ team: teamJson(team, { min_recipients: 2 }) });
  const cases = [
    [[], /--relay is required/],
    [["--relay", relay, "--exclude", "mallory"], /no such investigator.*alice, bob, carol/],
    [["--relay", relay, "--exclude", "alice", "--exclude", "bob"], /at least 2/],
    [["--relay", relay, "--field", "novalue"], /expected KEY=VALUE/],
    [["--relay", relay, "--field", "Bad=1"], /field key "Bad"/],
    // The field is derived from the chosen investigators, never typed.
    [["--relay", relay, "--field", "what=x", "--field", "recipients=alice"], /--field: the field "recipients" is set from the chosen investigators/],
    [["--relay", relay, "--locale", "en_US"], /locale/],
    [["--relay", relay, "--reply-key", "age1nope"], /--reply-key/],
    [["--relay", relay, "--attach", join(dir, "missing.bin")], /--attach .*missing\.bin/],
    [["--relay", relay, "--no-post"], /--no-post needs --out/],
    [["--relay", relay, "--bogus"], /Unknown option/],
  ];
  for (const [args, message] of cases) {
    const r = await submit(args);
    assert.equal(r.code, 1, `accepted: ${args.join(" ")}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, message);
  }
  assert.equal(posts.length, 0);
});

test("a report bigger than the relay's max_body_bytes is not sent", async () => {
  reset({ team: teamJson(team, { max_body_bytes: 70_000 }) });
  await writeFile(join(dir, "big.bin"), new Uint8Array(100_000));
  const r = await submit(["--relay", relay, "--attach", join(dir, "big.bin")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /accepts at most 70000/);
  assert.equal(posts.length, 0);
});

test("--codename files the report under its mailbox and sets its reply key (§8.1, §8.2)", async () => {
  reset();
  const typed = "Zoom abacus_lantern.quarry  puzzle-velvet-staple";
  const keys = mailboxKeys(typed);
  const r = await submit(["--relay", relay, "--codename", typed]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { id: "0123456789abcdef0123456789abcdef", day: "2025-03-20" });
  assert.equal(posts[0].headers["whistlebox-mailbox"], keys.headers["Whistlebox-Mailbox"]);
  const { manifest } = decodeContainer(await decryptWith("alice", posts[0].body));
  assert.equal(manifest.reply_key, keys.replyRecipient);
  assert.equal(stanzas(posts[0].body).length, 3, "a report goes to the team only");
  // Nothing derived from the codename is printed.
  for (const secret of [keys.headers["Whistlebox-Mailbox"], keys.replyIdentity, "zoom", "abacus"]) {
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
  }
});

test("a post-quantum team: the report is all mlkem768x25519 and --codename sets the PQ reply key (§7.3)", async () => {
  const teamPq = await loadTeam("keys/team-pq.toml");
  reset({ team: teamJson(teamPq) });
  const keys = mailboxKeys("zoom abacus lantern quarry puzzle velvet staple");
  const r = await submit(["--relay", relay, "--codename", "zoom abacus lantern quarry puzzle velvet staple"]);
  assert.equal(r.code, 0, r.stderr);
  const lines = stanzas(posts[0].body);
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.startsWith("-> mlkem768x25519 ")));
  for (const id of ["pq-alice", "pq-bob", "pq-carol"]) {
    const { manifest } = decodeContainer(await decryptWith(id, posts[0].body));
    assert.equal(manifest.reply_key, keys.replyRecipientPq);
    assert.equal(manifest.fields.recipients, "alice,bob,carol");
  }
  for (const secret of [keys.headers["Whistlebox-Mailbox"], keys.replyIdentity, keys.replyIdentityPq, "zoom", "abacus"]) {
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
  }
  // An explicit --reply-key of the other type could never be answered: refused.
  posts = [];
  const wrong = await submit(["--relay", relay, "--reply-key", keys.replyRecipient]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /--reply-key is X25519 but the team's keys are mlkem768x25519/);
  reset();
  const wrong2 = await submit(["--relay", relay, "--reply-key", keys.replyRecipientPq]);
  assert.equal(wrong2.code, 1);
  assert.match(wrong2.stderr, /--reply-key is mlkem768x25519 but the team's keys are X25519/);
  assert.equal(posts.length, 0);
});

test("--new-codename generates a 7-word codename, uses it, and prints it once as \"codename\"", async () => {
  reset();
  const r = await submit(["--relay", relay, "--new-codename"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["id", "day", "codename"]);
  assert.equal(normaliseCodename(out.codename), out.codename);
  assert.equal(out.codename.split("-").length, 7);
  const keys = mailboxKeys(out.codename);
  assert.equal(posts[0].headers["whistlebox-mailbox"], keys.headers["Whistlebox-Mailbox"]);
  const { manifest } = decodeContainer(await decryptWith("bob", posts[0].body));
  assert.equal(manifest.reply_key, keys.replyRecipient);
  const again = await submit(["--relay", relay, "--new-codename"]);
  assert.notEqual(JSON.parse(again.stdout).codename, out.codename);
});

test("without a codename no mailbox header is sent; codename flags are checked before anything is sent", async () => {
  reset();
  const r = await submit(["--relay", relay]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(posts[0].headers["whistlebox-mailbox"], undefined);
  reset();
  const replyKey = team.investigators[0].recipient;
  const cases = [
    [["--relay", relay, "--codename", "zoom abacus lantrn quarry puzzle velvet staple"], /--codename: unknown_word: word 3 /],
    [["--relay", relay, "--codename", "zoom abacus"], /wrong_word_count/],
    [["--relay", relay, "--codename", "zoom", "--new-codename"], /exclude each other/],
    [["--relay", relay, "--new-codename", "--reply-key", replyKey], /exclude each other/],
  ];
  for (const [args, message] of cases) {
    const c = await submit(args);
    assert.equal(c.code, 1, `accepted: ${args.join(" ")}`);
    assert.match(c.stderr, message);
    assert.ok(!c.stderr.includes("lantrn"), "the mistyped word is not echoed");
  }
  assert.equal(posts.length, 0);
});
