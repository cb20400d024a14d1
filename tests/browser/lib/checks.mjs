// Shared pieces of the end-to-end browser tests: test files, the plaintext
// leak scan over captured request bodies, and the hygiene checks.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { partPuts } from './proxy.mjs';
import { ROOT as ROOT_FOR_CHECKS } from './relay.mjs';

export const AGE_MAGIC = Buffer.from('age-encryption.org/v1\n');
export const MiB = 1024 * 1024;

export async function tempDir(prefix) {
  return mkdtemp(path.join(tmpdir(), `whistlebox-${prefix}-`));
}

export function removeDir(dir) {
  return rm(dir, { recursive: true, force: true });
}

/** `size` pseudo-random bytes (AES-CTR keystream of a random key: fast, incompressible). */
export function pseudoRandom(size) {
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

/** Writes the test's evidence files into `dir`: a small text file and a pseudo-random one. */
export async function makeEvidence(dir, bigSize, { textName = 'notes.txt', bigName = 'evidence.bin' } = {}) {
  const marker = randomBytes(12).toString('hex');
  const text = Buffer.from(`Meeting notes, written the same evening. Marker ${marker}.\nHe said it would cost me my job.\n`);
  const big = pseudoRandom(bigSize);
  const files = [
    { name: textName, path: path.join(dir, textName), bytes: text },
    { name: bigName, path: path.join(dir, bigName), bytes: big },
  ];
  for (const f of files) await writeFile(f.path, f.bytes);
  return files;
}

/**
 * Finds any 32-byte window of `secret` inside `haystack`. Every such window
 * contains a whole 16-byte block of `secret` at an offset that is a multiple
 * of 16, so indexing those blocks (by their first 4 bytes, then comparing all
 * 16) finds every leak in one pass. Returns the haystack offset or -1.
 */
export class LeakScanner {
  constructor(secret) {
    this.secret = secret;
    this.index = new Map(); // u32 of a block's first bytes -> block offset(s)
    for (let off = 0; off + 16 <= secret.length; off += 16) {
      const key = secret.readUInt32LE(off);
      const prev = this.index.get(key);
      if (prev === undefined) this.index.set(key, off);
      else if (Array.isArray(prev)) prev.push(off);
      else this.index.set(key, [prev, off]);
    }
  }

  find(haystack) {
    const { secret, index } = this;
    for (let i = 0; i + 16 <= haystack.length; i++) {
      const hit = index.get(haystack.readUInt32LE(i));
      if (hit === undefined) continue;
      for (const off of Array.isArray(hit) ? hit : [hit]) {
        if (haystack.compare(secret, off, off + 16, i, i + 16) === 0) return i;
      }
    }
    return -1;
  }
}

/**
 * Every request body the proxy captured from the page: only PUT parts carry a
 * body; part 0 starts with the age magic; nothing contains the form text or a
 * 32-byte window of any attachment. Returns the committed upload's
 * ciphertext (each part as the relay acknowledged it, concatenated).
 */
export function checkCapturedBodies(log, { texts, attachments, uploadId = null }) {
  const withBody = log.filter((e) => e.body.length > 0);
  assert.ok(withBody.length > 0, 'the proxy captured no request body at all');
  for (const e of withBody) {
    assert.match(`${e.method} ${e.path}`, /^PUT \/api\/uploads\/[0-9a-f]{32}\/parts\/\d+$/, 'only part uploads carry a body');
  }
  for (const e of log) {
    for (const t of texts) {
      const needle = Buffer.from(t);
      assert.equal(e.body.indexOf(needle), -1, `${e.method} ${e.path} contains the form text ${JSON.stringify(t.slice(0, 40))}`);
      assert.ok(!e.path.includes(t) && !JSON.stringify(e.headers).includes(t), `${e.method} ${e.path}: form text in the path or headers`);
    }
  }
  const scanners = attachments.map((a) => ({ name: a.name, scanner: new LeakScanner(a.bytes), bytes: a.bytes }));
  for (const e of withBody) {
    for (const { name, scanner, bytes } of scanners) {
      if (bytes.length >= 32) {
        assert.equal(scanner.find(e.body), -1, `${e.method} ${e.path} contains a 32-byte window of ${name}`);
      } else {
        assert.equal(e.body.indexOf(bytes), -1, `${e.method} ${e.path} contains ${name}`);
      }
    }
  }
  const puts = partPuts(log).filter((p) => uploadId === null || p.upload === uploadId);
  const uploads = new Set(puts.map((p) => p.upload));
  assert.equal(uploads.size, 1, `expected parts of one upload session, saw ${[...uploads].join(', ')}`);
  // For each part number, the body the relay acknowledged (200 or part_duplicate).
  const acked = new Map();
  for (const p of puts) {
    if (p.status === 200 || (p.status === 409 && /part_duplicate/.test(p.response?.toString() ?? ''))) {
      if (acked.has(p.part)) assert.ok(acked.get(p.part).equals(p.body), `part ${p.part} was sent twice with different bytes`);
      else acked.set(p.part, p.body);
    }
  }
  const count = acked.size;
  assert.ok(count >= 1, 'no part was acknowledged');
  for (let n = 0; n < count; n++) assert.ok(acked.has(n), `part ${n} was never acknowledged`);
  assert.ok(acked.get(0).subarray(0, AGE_MAGIC.length).equals(AGE_MAGIC), 'part 0 does not start with age-encryption.org/v1\\n');
  const sizes = [...acked.values()].map((b) => b.length);
  for (const s of sizes.slice(0, -1)) assert.equal(s, sizes[0], 'every part but the last has the same size');
  return { upload: [...uploads][0], parts: count, partSize: sizes[0], ciphertext: Buffer.concat([...Array(count).keys()].map((n) => acked.get(n))) };
}

/** No request left the origin (seen by the browser), and the proxy saw requests. */
export function checkOrigin(d, proxy) {
  // data: URLs are not network requests (the page's empty `data:,` favicon;
  // Firefox reports its built-in data: fonts too); anything else must be ours.
  const foreign = d.requests.filter((u) => !u.startsWith(`${proxy.origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], `${d.kind}: requests outside ${proxy.origin}`);
  assert.ok(d.requests.length > 0, `${d.kind}: the browser reported no request at all`);
  assert.ok(proxy.log.length > 0, 'the proxy saw no request');
  // Every request the proxy saw is same-origin by construction; the page's
  // own asset and API requests must all have gone through it.
  for (const p of ['/', '/api/team']) {
    assert.ok(proxy.log.some((e) => e.path === p), `the proxy never saw GET ${p}`);
  }
}

/** No CSP violation, no cookie, no storage, no service worker, the URL never changed. */
export async function checkHygiene(d, startUrl) {
  assert.deepEqual(await d.cspViolations(), [], `${d.kind}: securitypolicyviolation events`);
  assert.deepEqual(d.cspConsole(), [], `${d.kind}: CSP messages on the console`);
  assert.deepEqual(await d.cookies(), [], `${d.kind}: cookies`);
  const s = await d.storage();
  assert.equal(s.localStorage, 0, `${d.kind}: localStorage entries`);
  assert.equal(s.sessionStorage, 0, `${d.kind}: sessionStorage entries`);
  if (s.indexedDB !== 'unsupported') assert.deepEqual(s.indexedDB, [], `${d.kind}: IndexedDB databases`);
  if (s.serviceWorkers !== 'unsupported') assert.equal(s.serviceWorkers, 0, `${d.kind}: service workers`);
  assert.equal(s.cookie, '', `${d.kind}: document.cookie`);
  assert.equal(s.href, startUrl, `${d.kind}: the URL changed`);
  assert.equal(d.url(), startUrl, `${d.kind}: the URL changed`);
  for (const u of d.navigations) assert.equal(u, startUrl, `${d.kind}: the main frame navigated to ${u}`);
}

/**
 * Every form of the reporter's credentials that must never leave the browser
 * in the clear (PROTOCOL.md §7.3, §8.1): the codename (canonical, and as
 * shown with spaces), the mailbox secret (hex and raw), the reply identities
 * (X25519 and post-quantum: as printed, lower-cased, and the raw scalar or
 * seed) and the reply recipients.
 * The mailbox id (SHA-256 of the secret) is what the relay may store, so it
 * is not in the list. Derived with the page's own code.
 */
export async function credentialsOf(codename) {
  const { deriveCodename, normaliseCodename, SALT, INFO_REPLY_KEY, INFO_REPLY_KEY_PQ } = await import(path.join(ROOT_FOR_CHECKS, 'web', 'src', 'codename.js'));
  const { hkdf } = await import(path.join(ROOT_FOR_CHECKS, 'web', 'node_modules', '@noble', 'hashes', 'hkdf.js'));
  const { sha256 } = await import(path.join(ROOT_FOR_CHECKS, 'web', 'node_modules', '@noble', 'hashes', 'sha2.js'));
  const canonical = normaliseCodename(codename);
  const d = deriveCodename(canonical);
  const enc = new TextEncoder();
  const replyScalar = Buffer.from(hkdf(sha256, enc.encode(canonical), enc.encode(SALT), enc.encode(INFO_REPLY_KEY), 32));
  const replySeedPq = Buffer.from(hkdf(sha256, enc.encode(canonical), enc.encode(SALT), enc.encode(INFO_REPLY_KEY_PQ), 32));
  const secret = Buffer.from(d.mailboxSecret);
  return {
    mailboxId: d.mailboxId,
    mailboxSecretHex: secret.toString('hex'),
    replyRecipient: d.replyRecipient,
    replyIdentity: d.replyIdentity,
    replyRecipientPq: d.replyRecipientPq,
    needles: [
      { name: 'codename', bytes: Buffer.from(canonical) },
      { name: 'codename (spaced)', bytes: Buffer.from(canonical.replaceAll('-', ' ')) },
      { name: 'mailbox secret (hex)', bytes: Buffer.from(secret.toString('hex')) },
      { name: 'mailbox secret (HEX)', bytes: Buffer.from(secret.toString('hex').toUpperCase()) },
      { name: 'mailbox secret (base64)', bytes: Buffer.from(secret.toString('base64').replace(/=+$/, '')) },
      { name: 'mailbox secret (raw)', bytes: secret },
      { name: 'reply identity', bytes: Buffer.from(d.replyIdentity) },
      { name: 'reply identity (lower case)', bytes: Buffer.from(d.replyIdentity.toLowerCase()) },
      { name: 'reply key scalar (raw)', bytes: replyScalar },
      { name: 'reply key scalar (hex)', bytes: Buffer.from(replyScalar.toString('hex')) },
      { name: 'reply recipient', bytes: Buffer.from(d.replyRecipient) },
      { name: 'post-quantum reply identity', bytes: Buffer.from(d.replyIdentityPq) },
      { name: 'post-quantum reply identity (lower case)', bytes: Buffer.from(d.replyIdentityPq.toLowerCase()) },
      { name: 'post-quantum reply seed (raw)', bytes: replySeedPq },
      { name: 'post-quantum reply seed (hex)', bytes: Buffer.from(replySeedPq.toString('hex')) },
      { name: 'post-quantum reply recipient', bytes: Buffer.from(d.replyRecipientPq) },
    ],
  };
}

/** Every regular file under `dir`, recursively (symlinks are not followed). */
export async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/**
 * Asserts that no needle of `credentials` occurs in any file under `dirs`, in
 * any of `texts` ({ name, text }: logs, captured URLs…). Returns how many
 * bytes were scanned, so a caller can assert the scan saw something.
 */
export async function scanForCredentials(credentials, { dirs = [], texts = [] }) {
  let scanned = 0;
  const check = (where, haystack) => {
    scanned += haystack.length;
    for (const { name, bytes } of credentials.needles) {
      assert.equal(haystack.indexOf(bytes), -1, `the ${name} appears in ${where}`);
    }
  };
  for (const dir of dirs) {
    for (const file of await filesUnder(dir)) check(file, await readFile(file));
  }
  for (const { name, text } of texts) check(name, Buffer.from(text));
  return scanned;
}
