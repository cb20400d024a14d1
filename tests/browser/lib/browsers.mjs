// Launches Debian's browsers for the page tests. Browsers that download
// themselves cannot be installed here, so these drive the system ones:
// Chromium through playwright-core, Firefox ESR through puppeteer-core
// (WebDriver BiDi). Every launch gets a fresh profile that is deleted on close.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.WHISTLEBOX_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.WHISTLEBOX_FIREFOX ?? '/usr/bin/firefox-esr';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/// Tor Browser "Safer" turns off WebAssembly and the JIT; these prefs are the
/// stand-in (README, DEVELOPERS notes).
export const SAFER_PREFS = {
  'javascript.options.wasm': false,
  'javascript.options.ion': false,
  'javascript.options.baselinejit': false,
  'javascript.options.native_regexp': false,
  'javascript.options.asmjs': false,
};

async function freshProfile(prefix) {
  return mkdtemp(path.join(tmpdir(), `whistlebox-${prefix}-`));
}

/**
 * Chromium with a fresh profile. `jitless` adds `--js-flags=--jitless`.
 * Returns { context, page, close, name }.
 */
export async function launchChromium({ jitless = false, locale = 'en-US', viewport } = {}) {
  const profile = await freshProfile('chromium');
  const args = [...CHROMIUM_ARGS];
  if (jitless) args.push('--js-flags=--jitless');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    locale,
    viewport: viewport ?? { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    name: jitless ? 'chromium-jitless' : 'chromium',
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Firefox ESR with Tor-Browser-"Safer"-like prefs (no WebAssembly, no JIT),
 * over WebDriver BiDi. Returns { browser, page, close, name }.
 */
export async function launchFirefoxSafer({ locale = 'en-US' } = {}) {
  const profile = await freshProfile('firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    userDataDir: profile,
    headless: true,
    extraPrefsFirefox: {
      ...SAFER_PREFS,
      'intl.accept_languages': locale,
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const page = await browser.newPage();
  return {
    name: 'firefox-safer',
    browser,
    page,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
