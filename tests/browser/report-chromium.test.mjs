// Test 1 (and the wire checks of test 3): Chromium, English, a small text
// file and a 20 MiB pseudo-random file, carol excluded. alice and bob decrypt
// byte-identical attachments with the CLI; carol's key opens nothing.
import { test } from 'node:test';
import { MiB } from './lib/checks.mjs';
import { reportEndToEnd } from './lib/e2e.mjs';

test('Chromium, English: 20 MiB report reaches alice and bob intact, not carol', { timeout: 600_000 }, async (t) => {
  await reportEndToEnd(t, { kind: 'chromium', lang: 'en', bigSize: 20 * MiB });
});
