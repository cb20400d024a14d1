// Runs web/scripts/mailbox.mjs as a child process against a small stand-in
// relay (node:http on 127.0.0.1:0) that implements the §8.2 mailbox routes
// over an in-memory map; checks what it prints, writes and uploads.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decrypter, Encrypter, generateHybridIdentity, identityToRecipient } from "age-encryption";
import { decodeContainer, describeAttachment, encodeContainer } from "../src/container.js";
import { mailboxKeys } from "../src/mailbox.js";
import { PowDesk } from "./pow-relay.mjs";

const desk = new PowDesk();

const ROOT = new URL("../../", import.meta.url);
const SCRIPT = fileURLToPath(new URL("../scripts/mailbox.mjs", import.meta.url));
const CODE_A = "zoom-abacus-lantern-quarry-puzzle-velvet-staple";
const CODE_B = "correct-battery-staple-velvet-lantern-quarry-puzzle";
const keysA = mailboxKeys(CODE_A);
const keysB = mailboxKeys(CODE_B);

async function secretKey(id) {
  const text = await readFile(new URL(`tests/fixtures/keys/${id}.key`, ROOT), "utf8");
  return text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"));
}

async function loadTeam(path = "keys/team.toml") {
  const text = await readFile(new URL(path, ROOT), "utf8");
  const investigators = text
    .split("[[investigator]]")
    .slice(1)
    .map((block) => {
      const get = (key) => block.match(new RegExp(`^${key} = "(.*)"$`, "m"))[1];
      return { id: get("id"), name: get("name"), role: get("role"), recipient: get("recipient"), fingerprint: "0000 0000 0000 0000" };
    });
  const stanza_type = investigators[0].recipient.startsWith("age1pq1") ? "mlkem768x25519" : "X25519";
  return { name: "Team", fingerprint: "0".repeat(64), stanza_type, min_recipients: 1, max_body_bytes: 1 << 24, investigators };
}

// --- the stand-in relay -----------------------------------------------------

let server;
let relay;
let team;
/** mailbox secret hex → [{id, kind, day, size, body}] */
let boxes;
let requests;
let postAnswer;

const sha = (s) => createHash("sha256").update(Buffer.from(s, "hex")).digest("hex");

before(async () => {
  team = await loadTeam();
  server = http.createServer((req, res) => {
    const send = (status, body, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(type === "application/json" ? JSON.stringify(body) : body);
    };
    const secret = req.headers["whistlebox-mailbox"];
    requests.push({ method: req.method, url: req.url, secret });
    if (req.method === "GET" && req.url === "/api/team") return send(200, team);
    if (req.method === "POST" && req.url === "/api/pow") return send(201, desk.issue());
    if (req.url.startsWith("/api/mailbox")) {
      if (secret === undefined) return send(400, { error: "mailbox_required", message: "m" });
      if (!/^[0-9a-f]{64}$/.test(secret)) return send(400, { error: "bad_mailbox", message: "m" });
    }
    const box = boxes.get(sha(secret ?? "")) ?? [];
    if (req.method === "GET" && req.url === "/api/mailbox") {
      return send(200, { items: box.map(({ id, kind, day, size }) => ({ id, kind, day, size })) });
    }
    const m = req.url.match(/^\/api\/mailbox\/objects\/([0-9a-f]{32})$/);
    if (req.method === "GET" && m) {
      const it = box.find((i) => i.id === m[1]);
      return it ? send(200, Buffer.from(it.body), "application/octet-stream") : send(404, { error: "not_found", message: "m" });
    }
    if (req.method === "POST" && req.url === "/api/mailbox") {
      // §9: every follow-up carries a solved, unspent proof of work.
      if (!desk.accept(req.headers["whistlebox-pow"])) return send(403, { error: "pow_invalid", message: "m" });
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = new Uint8Array(Buffer.concat(chunks));
        if (postAnswer.status === 201) {
          const id = createHash("sha256").update(body).digest("hex").slice(0, 32);
          const list = boxes.get(sha(secret)) ?? [];
          list.push({ id, kind: "followup", day: "2025-03-22", size: body.length, body });
          boxes.set(sha(secret), list);
          return send(201, { id, day: "2025-03-22" });
        }
        send(postAnswer.status, postAnswer.body);
      });
      return;
    }
    send(404, { error: "not_found", message: "no such route" });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  relay = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "whistlebox-mailbox-"));
});
after(() => rm(dir, { recursive: true, force: true }));

function reset() {
  boxes = new Map();
  requests = [];
  postAnswer = { status: 201 };
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => {
      for (const keys of [keysA, keysB]) {
        for (const secret of [keys.headers["Whistlebox-Mailbox"], keys.replyIdentity, keys.replyIdentityPq, keys.mailboxId]) {
          assert.ok(!stdout.includes(secret) && !stderr.includes(secret), "a secret was printed");
        }
      }
      assert.ok(!stdout.includes("abacus") && !stderr.includes("abacus"), "the codename was printed");
      resolve({ code, stdout, stderr });
    });
  });
}

async function seal(recipients, manifest, bodies = []) {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(encodeContainer(manifest, bodies));
}

function file(keys, n, kind, body) {
  const list = boxes.get(keys.mailboxId) ?? [];
  list.push({ id: n.toString(16).padStart(32, "0"), kind, day: "2025-03-21", size: body.length, body });
  boxes.set(keys.mailboxId, list);
}

const base = (keys, o) => ({ attachments: [], reply_key: keys.replyRecipient, client_time: "2025-03-21", locale: "und", ...o });

// --- tests ------------------------------------------------------------------

test("reads a mailbox: replies, status and unreadable items, in order, attachments to --out-dir", async () => {
  reset();
  const alice = team.investigators[0].recipient;
  const doc = new TextEncoder().encode("<script>alert(1)</script>\n");
  const entry = await describeAttachment("../../evil\u202etxt.exe", "text/html", doc);
  file(keysA, 1, "reply", await seal([keysA.replyRecipient, alice], base(keysA, { kind: "reply", fields: { message: "Hello" }, attachments: [entry] }), [doc]));
  file(keysA, 2, "status", await seal([keysA.replyRecipient, alice], base(keysA, { kind: "status", fields: { note: "Looking.", state: "investigating" } })));
  // Addressed to someone else, and one mislabelled by the relay.
  file(keysA, 3, "reply", await seal([keysB.replyRecipient, alice], base(keysB, { kind: "reply", fields: { message: "not yours" } })));
  file(keysA, 4, "status", await seal([keysA.replyRecipient], base(keysA, { kind: "reply", fields: { message: "relabelled" } })));

  const out = join(dir, "read");
  const r = await run(["--relay", relay, "--codename", CODE_A.replaceAll("-", " "), "--out-dir", out]);
  assert.equal(r.code, 0, r.stderr);
  const { items } = JSON.parse(r.stdout);
  assert.equal(items.length, 4);
  const path = join(out, items[0].id, "eviltxt.exe");
  assert.deepEqual(items[0], {
    id: "00000000000000000000000000000001",
    kind: "reply",
    day: "2025-03-21",
    fields: { message: "Hello" },
    attachments: [{ ...entry, file: path }],
  });
  assert.deepEqual(items[1].fields, { note: "Looking.", state: "investigating" });
  assert.deepEqual(items[1].attachments, []);
  assert.deepEqual(items[2], { id: "00000000000000000000000000000003", kind: "reply", day: "2025-03-21", unreadable: "decrypt" });
  assert.equal(items[3].unreadable, "kind");
  assert.deepEqual(await readFile(path), Buffer.from(doc));
  assert.deepEqual(await readdir(out), [items[0].id]);
  // Every mailbox request carried the secret, in the header only.
  const mailboxRequests = requests.filter((q) => q.url.startsWith("/api/mailbox"));
  assert.equal(mailboxRequests.length, 5);
  assert.ok(mailboxRequests.every((q) => q.secret === keysA.headers["Whistlebox-Mailbox"]));
  assert.ok(requests.every((q) => !q.url.includes(keysA.headers["Whistlebox-Mailbox"])));
});

test("an unknown mailbox reads as empty", async () => {
  reset();
  const r = await run(["--relay", relay, "--codename", CODE_B]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '{"items":[]}\n');
});

test("--followup-message sends a followup to the whole team and to the reply key, then reads back", async () => {
  reset();
  const notes = join(dir, "notes.txt");
  await writeFile(notes, "Names of the witnesses.\n");
  const r = await run(["--relay", relay, "--codename", CODE_A, "--followup-message", "Here is more.", "--attach", notes, "--locale", "zh-CN"]);
  assert.equal(r.code, 0, r.stderr);
  const answer = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(answer), ["id", "day"]);
  const posted = boxes.get(keysA.mailboxId)[0].body;
  assert.equal(requests.find((q) => q.method === "POST" && q.url === "/api/mailbox").secret, keysA.headers["Whistlebox-Mailbox"]);
  const header = Buffer.from(posted.subarray(0, 4096)).toString("latin1");
  assert.equal(header.slice(0, header.indexOf("\n---")).split("\n").filter((l) => l.startsWith("-> X25519 ")).length, 4);
  for (const identity of [await secretKey("alice"), await secretKey("bob"), await secretKey("carol"), keysA.replyIdentity]) {
    const d = new Decrypter();
    d.addIdentity(identity);
    const { manifest, attachments } = decodeContainer(await d.decrypt(posted));
    assert.equal(manifest.kind, "followup");
    assert.deepEqual(manifest.fields, { message: "Here is more." });
    assert.equal(manifest.reply_key, keysA.replyRecipient);
    assert.equal(manifest.locale, "zh-CN");
    assert.match(manifest.client_time, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(new TextDecoder().decode(attachments[0]), "Names of the witnesses.\n");
  }
  const back = await run(["--relay", relay, "--codename", CODE_A]);
  const { items } = JSON.parse(back.stdout);
  assert.equal(items.length, 1);
  assert.equal(items[0].kind, "followup");
  assert.deepEqual(items[0].fields, { message: "Here is more." });
  assert.equal(items[0].attachments[0].name, "notes.txt");
});

test("--exclude leaves investigators out of the follow-up, as the page's choice does (§8.4)", async () => {
  reset();
  const r = await run(["--relay", relay, "--codename", CODE_A, "--followup-message", "Not for bob.", "--exclude", "bob"]);
  assert.equal(r.code, 0, r.stderr);
  const posted = boxes.get(keysA.mailboxId)[0].body;
  const header = Buffer.from(posted.subarray(0, 4096)).toString("latin1");
  assert.equal(header.slice(0, header.indexOf("\n---")).split("\n").filter((l) => l.startsWith("-> X25519 ")).length, 3);
  for (const identity of [await secretKey("alice"), await secretKey("carol"), keysA.replyIdentity]) {
    const d = new Decrypter();
    d.addIdentity(identity);
    assert.deepEqual(decodeContainer(await d.decrypt(posted)).manifest.fields, { message: "Not for bob." });
  }
  const bob = new Decrypter();
  bob.addIdentity(await secretKey("bob"));
  await assert.rejects(bob.decrypt(posted), /no identity matched/);

  // The minimum rule and unknown ids, before anything is encrypted or sent.
  reset();
  const saved = team;
  team = { ...team, min_recipients: 2 };
  try {
    const cases = [
      [["--exclude", "alice", "--exclude", "carol"], /1 investigator\(s\) remain; the team needs at least 2/],
      [["--exclude", "mallory"], /--exclude: no such investigator "mallory" \(the team is: alice, bob, carol\)/],
    ];
    for (const [extra, message] of cases) {
      const e = await run(["--relay", relay, "--codename", CODE_A, "--followup-message", "x", ...extra]);
      assert.equal(e.code, 1, `accepted: ${extra.join(" ")}`);
      assert.equal(e.stdout, "");
      assert.match(e.stderr, message);
    }
    const noSend = await run(["--relay", relay, "--codename", CODE_A, "--exclude", "bob"]);
    assert.equal(noSend.code, 1);
    assert.match(noSend.stderr, /--exclude needs --followup-message/);
  } finally {
    team = saved;
  }
  assert.equal(requests.filter((q) => q.method === "POST").length, 0);
});

test("errors: mistyped codename by position, bad flag combinations, empty follow-up, relay refusal", async () => {
  reset();
  const cases = [
    [["--relay", relay], /--codename is required/],
    [["--relay", relay, "--codename", "zoom abacus lantrn quarry puzzle velvet staple"], /word 3 of the codename/],
    [["--relay", relay, "--codename", CODE_A, "--attach", "x"], /--attach needs --followup-message/],
    [["--relay", relay, "--codename", CODE_A, "--followup-message", "x", "--out-dir", dir], /cannot be combined/],
    [["--relay", relay, "--codename", CODE_A, "--followup-message", " "], /needs a message or an attachment/],
    [["--relay", relay, "--codename", CODE_A, "--max-item-bytes", "0"], /positive integer/],
  ];
  for (const [args, message] of cases) {
    const r = await run(args);
    assert.equal(r.code, 1, `accepted: ${args.join(" ")}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, message);
  }
  assert.equal(requests.filter((q) => q.method === "POST").length, 0);
  postAnswer = { status: 409, body: { error: "mailbox_full", message: "at most 1000 items" } };
  const r = await run(["--relay", relay, "--codename", CODE_A, "--followup-message", "x"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /HTTP 409 mailbox_full: at most 1000 items/);
});

test("a post-quantum team: the follow-up is all mlkem768x25519 with the PQ reply key, and reads back", async () => {
  reset();
  const saved = team;
  team = await loadTeam("keys/team-pq.toml");
  try {
    const r = await run(["--relay", relay, "--codename", CODE_A, "--followup-message", "More, post-quantum."]);
    assert.equal(r.code, 0, r.stderr);
    const posted = boxes.get(keysA.mailboxId)[0].body;
    const header = Buffer.from(posted.subarray(0, 16384)).toString("latin1");
    const stanzas = header.slice(0, header.indexOf("\n---")).split("\n").filter((l) => l.startsWith("-> "));
    assert.equal(stanzas.length, 4, "three investigators and the reply key");
    assert.ok(stanzas.every((l) => l.startsWith("-> mlkem768x25519 ")), "no X25519 stanza");
    for (const identity of [await secretKey("pq-alice"), await secretKey("pq-bob"), await secretKey("pq-carol"), keysA.replyIdentityPq]) {
      const d = new Decrypter();
      d.addIdentity(identity);
      const { manifest } = decodeContainer(await d.decrypt(posted));
      assert.equal(manifest.reply_key, keysA.replyRecipientPq);
      assert.deepEqual(manifest.fields, { message: "More, post-quantum." });
    }
    // The X25519 reply identity cannot open it.
    const x = new Decrypter();
    x.addIdentity(keysA.replyIdentity);
    await assert.rejects(x.decrypt(posted));
    // A PQ reply from the team reads back beside it.
    const alice = team.investigators[0].recipient;
    file(keysA, 9, "reply", await seal([keysA.replyRecipientPq, alice], base(keysA, { kind: "reply", reply_key: keysA.replyRecipientPq, fields: { message: "Received." } })));
    const back = await run(["--relay", relay, "--codename", CODE_A]);
    assert.equal(back.code, 0, back.stderr);
    const { items } = JSON.parse(back.stdout);
    assert.deepEqual(items.map((it) => [it.kind, it.fields?.message]), [["followup", "More, post-quantum."], ["reply", "Received."]]);
  } finally {
    team = saved;
  }
});

test("a keyset that mixes X25519 and post-quantum keys is refused before anything is sent", async () => {
  reset();
  const saved = team;
  const pq = await identityToRecipient(await generateHybridIdentity());
  for (const stanza_type of ["X25519", "mlkem768x25519"]) {
    team = { ...saved, stanza_type, investigators: [saved.investigators[0], { ...saved.investigators[1], recipient: pq }] };
    try {
      const r = await run(["--relay", relay, "--codename", CODE_A, "--followup-message", "x"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /mix X25519 \(age1…\) and post-quantum \(age1pq1…\) keys/);
      assert.equal(requests.filter((q) => q.method === "POST").length, 0);
    } finally {
      team = saved;
    }
  }
});
