// Issue "anonymous two-way follow-up", the full loop in Chromium (English):
// report → CLI reply (with a file) + status → push → the page, given the
// codename alone, shows both → the reporter answers with a file → the CLI
// pulls it into the same thread, byte-identical; the reporter leaves bob out
// of the follow-up ("Do not send to this person", PROTOCOL.md §8.4), and bob's
// key cannot open it. Plus: a wrong codename looks
// like an empty mailbox, and no form of the credentials is in any URL, relay
// log line or stored byte.
import { test } from 'node:test';
import { MiB } from './lib/checks.mjs';
import { followupLoop } from './lib/followup.mjs';

test('Chromium, English: the follow-up loop, no oracle, no credential anywhere', { timeout: 900_000 }, async (t) => {
  await followupLoop(t, { kind: 'chromium', lang: 'en', sizes: { report: 2 * MiB, reply: 300 * 1024, followup: 1 * MiB }, followupExclude: ['bob'] });
});
