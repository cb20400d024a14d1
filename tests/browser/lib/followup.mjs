// The whole follow-up loop (PROTOCOL.md §8), end to end, in one browser:
// the page files a report under a fresh codename; the investigator CLI pulls
// it, writes a reply (with a file) and a status offline and pushes them; the
// reporter comes back with the codename alone and the page shows both; the
// reporter answers with text and a file; the CLI pulls the answer into the
// same case thread, byte-identical. On the way: a wrong codename looks exactly
// like an empty mailbox, and afterwards no form of the codename, the mailbox
// secret or the reply key is found in any URL, any relay log line (at
// RUST_LOG=trace) or any byte of the relay's data directory.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTokenFile, KEYS, pull, run, sha256, whistlebox, whistleboxOk } from './cli.mjs';
import {
  checkHygiene,
  checkOrigin,
  credentialsOf,
  makeEvidence,
  pseudoRandom,
  removeDir,
  scanForCredentials,
  tempDir,
} from './checks.mjs';
import { LOCALE_TABLES, chooseTeamAndSubmit, fillForm, openBrowser, ready, switchLanguage, waitReceipt } from './page.mjs';
import { startProxy } from './proxy.mjs';
import { RELAY_BIN, ROOT, startRelay, TEAM_TOML } from './relay.mjs';
import { REPORTS, stanzaLines } from './e2e.mjs';
import { downloadAttachment } from './mailbox.mjs';

const codenameModule = () => import(path.join(ROOT, 'web', 'src', 'codename.js'));

/** The codename the confirmation shows (words separated by spaces). */
async function shownCodename(d) {
  const text = await d.eval(() => document.getElementById('codename-text').textContent);
  const words = text.trim().split(/\s+/);
  assert.equal(words.length, 7, `the confirmation shows 7 words, got ${JSON.stringify(text)}`);
  return words.join(' ');
}

/** From a fresh load of the page (in `lang`): "Check my report", type `codename`, wait for the thread. */
async function openThread(d, startUrl, lang, codename) {
  await ready(d, startUrl);
  if (lang !== 'en') await switchLanguage(d, lang);
  await d.click('#check-start');
  await d.waitView('check');
  return enterCodename(d, codename);
}

/** In the check view: type `codename` and wait until the thread has loaded once more. */
async function enterCodename(d, codename) {
  const before = await d.eval(() => Number(document.getElementById('thread-box').dataset.loads ?? 0));
  await d.setValue('#codename-input', codename);
  await d.click('#check-open');
  await d.waitFor(
    (n) => {
      const box = document.getElementById('thread-box');
      return (box.dataset.state === 'ready' && Number(box.dataset.loads ?? 0) > n) || box.dataset.state === 'error';
    },
    before,
    { what: 'the thread to load', timeout: 300_000, interval: 250 },
  );
  assert.equal(await d.eval(() => document.getElementById('thread-box').dataset.state), 'ready', `${d.kind}: the thread did not load`);
  return readThread(d);
}

/** What the thread view shows, item by item. */
function readThread(d) {
  return d.eval(() => {
    const text = (el, sel) => el.querySelector(`[data-testid="${sel}"]`)?.textContent ?? null;
    const items = [...document.querySelectorAll('#thread li[data-testid="thread-item"]')].map((li) => ({
      kind: li.dataset.kind,
      state: li.dataset.state,
      statusState: li.dataset.statusState ?? null,
      message: text(li, 'message'),
      statusLabel: text(li, 'status-state'),
      note: text(li, 'status-note'),
      downloads: [...li.querySelectorAll('a[data-testid="download"]')].map((a) => ({ name: a.getAttribute('download'), sha256: a.dataset.sha256 })),
    }));
    const empty = document.getElementById('thread-empty');
    return {
      items,
      emptyShown: !!empty && !empty.hidden && !empty.closest('[hidden]'),
      // Everything the reporter sees in the thread box, for comparing two views.
      boxText: document.getElementById('thread-box').innerText,
    };
  });
}

/**
 * The loop in browser `kind` with the page in `lang`. `sizes`: bytes of the
 * report's pseudo-random evidence, of the investigators' reply attachment
 * and of the reporter's follow-up attachment. `team`: the relay's keyset file
 * with `keys` the investigators' secret key files (default: the X25519
 * example team); with `keys/team-pq.toml` every file of the thread must be
 * post-quantum (`stanzaType`) and carry the post-quantum reply key
 * (PROTOCOL.md §7.3). `followupExclude`: investigators the reporter ticks
 * "Do not send to this person" for in the follow-up form (§8.4; never carol,
 * whose key reads the thread): their key must not open the follow-up.
 */
export async function followupLoop(
  t,
  { kind, lang, sizes, timeout = 600_000, team = TEAM_TOML, keys = KEYS, stanzaType = 'X25519', followupExclude = [] },
) {
  const dir = await tempDir('followup');
  const cleanup = [];
  try {
    const relay = await startRelay({ team, env: { RUST_LOG: 'trace' }, keepLog: true });
    cleanup.push(() => relay.close());
    const proxy = await startProxy(relay.url);
    cleanup.push(() => proxy.close());
    const d = await openBrowser(kind);
    cleanup.push(() => d.close());
    const startUrl = `${proxy.origin}/`;
    const tr = LOCALE_TABLES[lang];

    // 1. The report, filed under a fresh codename.
    await ready(d, startUrl);
    if (lang !== 'en') await switchLanguage(d, lang);
    const evidence = await makeEvidence(dir, sizes.report);
    const marker = Math.random().toString(36).slice(2, 10);
    await fillForm(d, REPORTS[lang](marker), evidence.map((f) => f.path));
    await chooseTeamAndSubmit(d, []);
    const receipt = await waitReceipt(d, timeout);
    const codename = await shownCodename(d);
    const creds = await credentialsOf(codename);
    // The reply key of the team's type (§7.3).
    const replyKey = stanzaType === 'mlkem768x25519' ? creds.replyRecipientPq : creds.replyRecipient;
    const { generateCodename, normaliseCodename } = await codenameModule();
    assert.equal(normaliseCodename(codename), codename.replaceAll(' ', '-'), 'the shown codename is canonical');
    assert.ok(await d.isVisible('#codename-copy'), 'a copy button is next to the codename');
    await d.click('#codename-copy');
    await d.waitFor(() => (document.getElementById('codename-copy-status').textContent ?? '').trim().length > 0, undefined, {
      what: 'the copy button to say what it did',
    });

    // 2. Before any answer: the right codename and a wrong one look the same.
    await d.click('#check-from-done');
    await d.waitView('check');
    assert.equal(await d.eval(() => document.getElementById('codename-text').textContent), '', 'the codename is gone from the confirmation once left');
    const empty = await enterCodename(d, codename);
    assert.equal(empty.items.length, 0, 'a mailbox holding only the report shows no item');
    assert.ok(empty.emptyShown, 'the "no messages" view is shown');
    await d.click('#check-leave');
    const wrongCodename = generateCodename();
    const wrong = await openThread(d, startUrl, lang, wrongCodename.replaceAll('-', ' '));
    assert.equal(wrong.items.length, 0);
    assert.ok(wrong.emptyShown);
    assert.equal(wrong.boxText, empty.boxText, 'a wrong codename shows exactly what an empty mailbox shows');
    const mailboxGets = proxy.log.filter((e) => e.method === 'GET' && e.path === '/api/mailbox');
    assert.equal(mailboxGets.length, 2, 'the page read the mailbox twice');
    const [a, b] = mailboxGets;
    assert.equal(a.headers['whistlebox-mailbox'], creds.mailboxSecretHex, 'the first read used the real mailbox secret');
    assert.notEqual(b.headers['whistlebox-mailbox'], creds.mailboxSecretHex);
    assert.equal(a.status, b.status, 'unknown and empty mailbox: same status');
    assert.ok(a.response.equals(b.response), 'unknown and empty mailbox: same body');
    await d.click('#check-leave');

    // 3. The investigators: pull, reply with a file, set a status, push.
    const tokenFile = await createTokenFile(relay.data, path.join(dir, 'token'));
    const store = path.join(dir, 'store');
    const pulled = await pull({ relayUrl: relay.url, tokenFile, store });
    assert.deepEqual(pulled.map((o) => o.id), [receipt.id]);
    const replyText = `Thank you for your report. Could you tell us who else was there? (${marker})`;
    const replyFile = { name: 'questions.txt', bytes: Buffer.concat([Buffer.from('Questions from the team\n'), pseudoRandom(sizes.reply)]) };
    await writeFile(path.join(dir, replyFile.name), replyFile.bytes);
    await whistleboxOk(['reply', receipt.id, '--store', store, '-i', keys.alice, '--team', team, '--message', replyText, '--attach', path.join(dir, replyFile.name)]);
    const note = `We have opened an investigation (${marker}).`;
    await whistleboxOk(['status', receipt.id, 'investigating', '--note', note, '--store', store, '-i', keys.bob, '--team', team]);
    await whistleboxOk(['push', '--relay', relay.url, '--token-file', tokenFile, '--store', store]);

    // 4. The reporter comes back (a fresh load) with the codename alone.
    const thread = await openThread(d, startUrl, lang, codename);
    assert.deepEqual(thread.items.map((i) => [i.kind, i.state]), [['reply', 'ok'], ['status', 'ok']], `${kind}: the thread shows the reply, then the status`);
    const [reply, status] = thread.items;
    assert.equal(reply.message, replyText);
    assert.equal(reply.downloads.length, 1);
    assert.equal(reply.downloads[0].name, replyFile.name);
    assert.equal(reply.downloads[0].sha256, sha256(replyFile.bytes), 'the page verified the reply attachment against the hash of what was sent');
    if (d.playwright) {
      // Chromium hands the download to the test: the bytes themselves.
      const got = await downloadAttachment(d, 0, 0);
      assert.equal(got.name, replyFile.name);
      assert.equal(sha256(got.bytes), sha256(replyFile.bytes), 'the reply attachment downloads byte-identical');
    }
    assert.equal(status.statusState, 'investigating');
    assert.equal(status.statusLabel.trim(), tr['status.state.investigating'], 'the status label is the localised one');
    assert.equal(status.note, note);
    assert.ok(!thread.emptyShown);
    // Both items were hashed and found in the relay's signed log (§10.6).
    const logCheck = await d.eval(() => ({ result: document.getElementById('thread-log').dataset.result, text: document.getElementById('thread-log').textContent }));
    assert.equal(logCheck.result, 'verified', `${kind}: the thread is checked against the log: ${logCheck.text}`);
    assert.equal(logCheck.text, tr['check.log.ok'].replace('{verified}', '2'));

    // 5. The reporter answers with text and a file.
    const followText = lang === 'en' ? `Two colleagues from the day shift were there. ${marker}` : `当时还有两位同事在场。${marker}`;
    const followFile = { name: lang === 'en' ? 'shift-rota.bin' : '排班表.bin', bytes: pseudoRandom(sizes.followup) };
    await writeFile(path.join(dir, followFile.name), followFile.bytes);
    await d.setValue('#followup-message', followText);
    await d.setFiles('#followup-files', [path.join(dir, followFile.name)]);
    await d.waitFor(() => document.querySelectorAll('#followup-file-list li').length === 1, undefined, { what: 'the follow-up file in the list' });
    // The follow-up form shows the whole team again, nobody excluded (§8.4).
    const members = await d.eval(() =>
      [...document.querySelectorAll('#followup-team-list li[data-testid="followup-member"]')].map((li) => [
        li.dataset.id,
        document.getElementById(`followup-exclude-${li.dataset.id}`).checked,
      ]),
    );
    assert.deepEqual(members, [['alice', false], ['bob', false], ['carol', false]], 'the follow-up form lists the team, nobody ticked');
    assert.equal((await d.text('#followup-team-count')).trim(), tr['team.count'].replace('{count}', '3').replace('{total}', '3'));
    for (const id of followupExclude) {
      assert.notEqual(id, 'carol', 'carol reads the thread below');
      await d.click(`#followup-exclude-${id}`);
      await d.waitFor((i) => document.getElementById(`followup-exclude-${i}`).checked, id, { what: `#followup-exclude-${id} checked` });
    }
    if (followupExclude.length > 0) {
      const left = String(3 - followupExclude.length);
      assert.equal((await d.text('#followup-team-count')).trim(), tr['team.count'].replace('{count}', left).replace('{total}', '3'));
    }
    await d.click('#followup-send');
    await d.waitFor((s) => ['sent', 'error'].includes(document.getElementById('followup-form').dataset.state), undefined, {
      what: 'the follow-up to be sent',
      timeout,
      interval: 250,
    });
    assert.equal(await d.eval(() => document.getElementById('followup-form').dataset.state), 'sent', `${kind}: ${await d.text('#followup-error')}`);
    const after = await d.waitFor(
      () => [...document.querySelectorAll('#thread li[data-testid="thread-item"]')].map((li) => li.dataset.kind).join(',') === 'reply,status,followup',
      undefined,
      { what: 'the follow-up in the thread', timeout: 120_000, interval: 250 },
    );
    assert.ok(after);
    const shownFollowup = (await readThread(d)).items[2];
    assert.equal(shownFollowup.state, 'ok', 'the reporter can read their own follow-up');
    assert.equal(shownFollowup.message, followText);

    // 6. The CLI pulls the answer into the same case thread, byte-identical.
    const all = await pull({ relayUrl: relay.url, tokenFile, store });
    assert.deepEqual(all.map((o) => o.kind), ['report', 'reply', 'status', 'followup']);
    const shown = JSON.parse((await whistleboxOk(['show', receipt.id, '--store', store, '-i', keys.carol, '--json'])).stdout);
    assert.equal(shown.case, receipt.id);
    assert.equal(shown.orphan, false);
    assert.deepEqual(shown.items.map((i) => [i.kind, i.from]), [['report', 'reporter'], ['reply', 'team'], ['status', 'team'], ['followup', 'reporter']], 'show prints the whole thread in order');
    assert.deepEqual(shown.items.map((i) => i.object?.id), all.map((o) => o.id), 'each thread item is the pulled object, once');
    const fu = shown.items[3].manifest;
    assert.equal(fu.fields.message, followText);
    // The follow-up went to the investigators left ticked-in, and to the reply
    // key: one stanza each; an excluded investigator's key opens nothing.
    const followObject = all[3];
    assert.equal(
      stanzaLines(await readFile(followObject.age)).length,
      3 - followupExclude.length + 1,
      'one stanza per chosen investigator, plus the reply key',
    );
    for (const who of ['alice', 'bob']) {
      const opened = await whistlebox(['decrypt', followObject.age, '-i', keys[who], '-o', path.join(dir, `followup-${who}.bin`)]);
      if (followupExclude.includes(who)) {
        assert.equal(opened.code, 4, `${who} was excluded from the follow-up but their key opened it (exit ${opened.code}): ${opened.stderr}`);
      } else {
        assert.equal(opened.code, 0, `${who} was chosen but cannot open the follow-up: ${opened.stderr}`);
      }
    }
    assert.equal(fu.reply_key, replyKey, 'the follow-up carries the reply key of the report');
    assert.equal(fu.attachments.length, 1);
    assert.equal(fu.attachments[0].name, followFile.name);
    assert.equal(fu.attachments[0].size, followFile.bytes.length);
    // show verified every attachment's SHA-256 against the decrypted bytes.
    assert.equal(fu.attachments[0].sha256, sha256(followFile.bytes), 'the follow-up attachment is byte-identical');
    assert.equal(shown.items[0].manifest.reply_key, replyKey, 'the report carries the reply key of the team\'s type');
    // Every file of the thread, both ways, has stanzas of the team's type only
    // (a reply or status may add the age crate's one grease stanza, §8.3).
    for (const o of all) {
      const stanzas = stanzaLines(await readFile(o.age)).filter((l) => !/^-> \S+-grease( |$)/.test(l));
      assert.ok(stanzas.length >= 2, `${o.kind}: stanzas`);
      for (const l of stanzas) assert.ok(l.startsWith(`-> ${stanzaType} `), `${o.kind}: a stanza of another type: ${l.slice(0, 24)}…`);
    }
    const human = await whistleboxOk(['show', receipt.id, '--store', store, '-i', keys.alice]);
    assert.ok(human.stdout.includes(followText), 'show prints the follow-up');
    assert.ok(human.stdout.includes(replyText), 'show prints the reply');
    const due = JSON.parse((await whistleboxOk(['cases', '--store', store, '-i', keys.alice, '--due', '--json'])).stdout);
    assert.deepEqual(due, [], 'acknowledged and investigating: nothing is due');

    // 7. Hygiene and the credential scans.
    checkOrigin(d, proxy);
    await checkHygiene(d, startUrl);
    for (const e of proxy.log) {
      const where = `${e.method} ${e.path}`;
      for (const { name, bytes } of creds.needles) {
        assert.ok(!e.path.includes(bytes.toString()), `the ${name} is in the URL ${where}`);
        assert.equal(e.body.indexOf(bytes), -1, `the ${name} is in the body of ${where}`);
        for (const [h, v] of Object.entries(e.headers)) {
          if (h === 'whistlebox-mailbox') continue;
          assert.ok(!String(v).includes(bytes.toString()), `the ${name} is in the ${h} header of ${where}`);
        }
      }
    }
    for (const u of d.requests) {
      for (const { name, bytes } of creds.needles) assert.ok(!u.includes(bytes.toString()), `the ${name} is in the request URL ${u}`);
    }
    assert.ok(proxy.log.some((e) => e.headers['whistlebox-mailbox'] === creds.mailboxSecretHex), 'the secret did travel, in its header');

    // 8. The relay after this whole exchange passes the three audits (issue 6):
    // the site and the log while it runs, the store of a consistent backup
    // taken from the running relay, and the store itself once stopped.
    const audited = async (args, what) => {
      const r = await whistlebox([...args, '--json']);
      assert.equal(r.code, 0, `${what} found something:\n${r.stdout}\n${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    await audited(['audit', 'site', relay.url, '--team', team, '--dist', path.join(ROOT, 'web', 'dist')], 'audit site');
    const vkey = (await run(RELAY_BIN, ['log-key', '--data', relay.data])).stdout.trim();
    await writeFile(path.join(dir, 'log.vkey'), `${vkey}\n`);
    await audited(['audit', 'log', relay.url, '--state', path.join(dir, 'monitor'), '--log-key', path.join(dir, 'log.vkey')], 'audit log');
    const backup = path.join(dir, 'backup');
    const copied = await run(RELAY_BIN, ['backup', '--data', relay.data, '--out', backup]);
    assert.equal(copied.code, 0, `backup of the running relay: ${copied.stderr}`);
    await audited(['audit', 'store', backup, '--team', team], 'audit store of the backup');
    await relay.stop();
    await audited(['audit', 'store', relay.data, '--team', team], 'audit store');
    const log = relay.output();
    assert.ok(log.split('\n').length > 20, 'the relay logged the session at trace level');
    const scanned = await scanForCredentials(creds, { dirs: [relay.data], texts: [{ name: 'the relay log', text: log }] });
    assert.ok(scanned > 65_536, 'the scan read the data directory');
    const dataHasId = await containsInDir(relay.data, Buffer.from(creds.mailboxId));
    t.diagnostic(`${kind} ${lang}: scanned ${scanned} bytes of relay data and log; mailbox id stored: ${dataHasId}`);
  } finally {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    await removeDir(dir);
  }
}

async function containsInDir(dir, needle) {
  const { filesUnder } = await import('./checks.mjs');
  for (const f of await filesUnder(dir)) if ((await readFile(f)).indexOf(needle) !== -1) return true;
  return false;
}

