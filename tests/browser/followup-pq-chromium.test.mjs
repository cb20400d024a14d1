// Issue 5: the follow-up loop with a post-quantum team (keys/team-pq.toml) in
// Chromium (English). The report, the team's reply and status and the
// reporter's follow-up are all mlkem768x25519 (the reply key is the
// post-quantum one, PROTOCOL.md §7.3), and everything else the X25519 loop
// checks holds: no oracle, no credential anywhere.
import { test } from 'node:test';
import { KEYS_PQ } from './lib/cli.mjs';
import { MiB } from './lib/checks.mjs';
import { followupLoop } from './lib/followup.mjs';
import { TEAM_PQ_TOML } from './lib/relay.mjs';

test('Chromium, English, post-quantum team: the follow-up loop is mlkem768x25519 throughout', { timeout: 900_000 }, async (t) => {
  await followupLoop(t, {
    kind: 'chromium',
    lang: 'en',
    sizes: { report: 1 * MiB, reply: 100 * 1024, followup: 300 * 1024 },
    team: TEAM_PQ_TOML,
    keys: KEYS_PQ,
    stanzaType: 'mlkem768x25519',
  });
});
