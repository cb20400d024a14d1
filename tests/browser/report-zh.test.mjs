// Test 2 (and the wire checks of test 3): the same report in Simplified
// Chinese, in Firefox ESR with Tor-Browser-"Safer" prefs and in Chromium
// --jitless. Both must run without WebAssembly (asserted inside the page).
// Firefox Safer runs typage without any JIT: minutes for 20 MiB, so the
// timeouts are generous and nothing here measures time.
import { test } from 'node:test';
import { MiB } from './lib/checks.mjs';
import { reportEndToEnd } from './lib/e2e.mjs';

test('Firefox ESR Safer, 简体中文: 20 MiB report without WebAssembly or JIT', { timeout: 900_000 }, async (t) => {
  await reportEndToEnd(t, { kind: 'firefox-safer', lang: 'zh-CN', bigSize: 20 * MiB, expectNoWasm: true, timeout: 840_000 });
});

test('Chromium --jitless, 简体中文: 20 MiB report without WebAssembly', { timeout: 900_000 }, async (t) => {
  await reportEndToEnd(t, { kind: 'chromium-jitless', lang: 'zh-CN', bigSize: 20 * MiB, expectNoWasm: true, timeout: 840_000 });
});
