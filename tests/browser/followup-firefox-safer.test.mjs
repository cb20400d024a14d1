// The follow-up loop (see followup-chromium.test.mjs) in Firefox ESR with
// Tor Browser "Safer"-like prefs (no WebAssembly, no JIT), in Simplified
// Chinese; sizes kept small for the ~1.9 MB/s of encryption without a JIT.
// The reporter leaves bob out of the follow-up (PROTOCOL.md §8.4).
import { test } from 'node:test';
import { followupLoop } from './lib/followup.mjs';

test('Firefox ESR Safer, Chinese: the follow-up loop, no oracle, no credential anywhere', { timeout: 900_000 }, async (t) => {
  await followupLoop(t, { kind: 'firefox-safer', lang: 'zh-CN', sizes: { report: 256 * 1024, reply: 64 * 1024, followup: 200 * 1024 }, followupExclude: ['bob'] });
});
