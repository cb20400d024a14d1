// Issue 5 (post-quantum by default): the end-to-end report with a
// post-quantum team (keys/team-pq.toml, mlkem768x25519 keys) in Chromium,
// English, and in Firefox ESR Safer (简体中文, no JIT, no WebAssembly):
// every stanza of the upload is mlkem768x25519, the manifest's reply
// key is the post-quantum one (PROTOCOL.md §7.3), alice and bob decrypt
// byte-identical attachments with the CLI and their AGE-SECRET-KEY-PQ-1…
// keys, carol (excluded) opens nothing.
import { test } from 'node:test';
import { KEYS_PQ } from './lib/cli.mjs';
import { MiB } from './lib/checks.mjs';
import { reportEndToEnd } from './lib/e2e.mjs';
import { TEAM_PQ_TOML } from './lib/relay.mjs';

test('Chromium, English, post-quantum team: the report is mlkem768x25519 end to end', { timeout: 600_000 }, async (t) => {
  await reportEndToEnd(t, {
    kind: 'chromium',
    lang: 'en',
    bigSize: 5 * MiB,
    team: TEAM_PQ_TOML,
    keys: KEYS_PQ,
    stanzaType: 'mlkem768x25519',
  });
});

test('Firefox ESR Safer, 简体中文, post-quantum team: mlkem768x25519 without WebAssembly or JIT', { timeout: 900_000 }, async (t) => {
  await reportEndToEnd(t, {
    kind: 'firefox-safer',
    lang: 'zh-CN',
    bigSize: 1 * MiB,
    expectNoWasm: true,
    timeout: 840_000,
    team: TEAM_PQ_TOML,
    keys: KEYS_PQ,
    stanzaType: 'mlkem768x25519',
  });
});
