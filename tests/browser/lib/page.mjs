// Drives the reporter page through its documented test hooks (element ids at
// the top of web/src/page/app.js), the same way in Chromium (playwright-core)
// and Firefox (puppeteer-core over WebDriver BiDi). Also watches what the
// browser does: every request URL, CSP violations, console messages, and
// navigations of the main frame.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, launchFirefoxSafer } from './browsers.mjs';
import { ROOT } from './relay.mjs';

/** The page's own locale tables, to assert translated text without hard-coding it. */
export const LOCALE_TABLES = {
  en: JSON.parse(readFileSync(path.join(ROOT, 'web', 'locales', 'en.json'), 'utf8')),
  'zh-CN': JSON.parse(readFileSync(path.join(ROOT, 'web', 'locales', 'zh-CN.json'), 'utf8')),
};

/** Runs before any page script: records CSP violations seen by the document. */
const WATCH_CSP = `(() => {
  window.__wbCsp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__wbCsp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber });
  }, true);
})();`;

export const CSP_CONSOLE = /Content[- ]Security[- ]Policy/i;

/**
 * Launches a browser. kind: 'chromium' | 'chromium-jitless' | 'firefox-safer'.
 * Returns a Driver.
 */
export async function openBrowser(kind, { locale = 'en-US', viewport } = {}) {
  let b;
  if (kind === 'chromium') b = await launchChromium({ locale, viewport });
  else if (kind === 'chromium-jitless') b = await launchChromium({ jitless: true, locale, viewport });
  else if (kind === 'firefox-safer') b = await launchFirefoxSafer({ locale });
  else throw new Error(`unknown browser ${kind}`);
  const d = new Driver(kind, b);
  await d.instrument();
  if (viewport && kind === 'firefox-safer') await d.setViewport(viewport);
  return d;
}

export class Driver {
  constructor(kind, launched) {
    this.kind = kind;
    this.launched = launched;
    this.page = launched.page;
    this.playwright = kind.startsWith('chromium');
    this.requests = []; // every request URL the browser made (page and workers)
    this.console = []; // console message texts
    this.navigations = []; // main-frame URLs
  }

  async instrument() {
    const { page } = this;
    if (this.playwright) {
      const ctx = this.launched.context;
      await ctx.addInitScript(WATCH_CSP);
      ctx.on('request', (r) => this.requests.push(r.url()));
      page.on('console', (m) => this.console.push(m.text()));
      page.on('worker', (w) => w.on('console', (m) => this.console.push(m.text())));
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) this.navigations.push(f.url());
      });
    } else {
      await page.evaluateOnNewDocument(WATCH_CSP);
      page.on('request', (r) => this.requests.push(r.url()));
      page.on('console', (m) => this.console.push(m.text()));
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) this.navigations.push(f.url());
      });
    }
  }

  close() {
    return this.launched.close();
  }

  async setViewport({ width, height }) {
    if (this.playwright) await this.page.setViewportSize({ width, height });
    else await this.page.setViewport({ width, height });
  }

  goto(url) {
    return this.page.goto(url, { waitUntil: 'load' });
  }

  url() {
    return this.page.url();
  }

  /** page.evaluate with one argument, in both libraries. */
  eval(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  async click(selector) {
    await this.page.click(selector);
  }

  /** Sets an input's, textarea's or select's value and fires input + change. */
  async setValue(selector, value) {
    const found = await this.eval(
      ([sel, v]) => {
        const el = document.querySelector(sel);
        if (!el) return false;
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      [selector, value],
    );
    if (!found) throw new Error(`no element ${selector}`);
  }

  async setFiles(selector, paths) {
    if (this.playwright) {
      await this.page.setInputFiles(selector, paths);
    } else {
      const input = await this.page.$(selector);
      await input.uploadFile(...paths);
    }
  }

  /** Polls `fn(arg)` in the page until it returns a truthy value; returns it. */
  async waitFor(fn, arg, { timeout = 60_000, what = 'a condition', interval = 100 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await this.eval(fn, arg);
      if (v) return v;
      if (Date.now() > deadline) {
        const state = await this.eval(() => ({
          view: document.body.dataset.view,
          state: document.body.dataset.state,
          error: document.getElementById('error')?.hidden ? null : document.getElementById('error')?.innerText,
        }));
        throw new Error(`${this.kind}: timed out after ${timeout} ms waiting for ${what}; page: ${JSON.stringify(state)}`);
      }
      await new Promise((r) => setTimeout(r, interval));
    }
  }

  waitView(view, opts = {}) {
    return this.waitFor((v) => document.body.dataset.view === v, view, { what: `view ${view}`, ...opts });
  }

  text(selector) {
    return this.eval((sel) => document.querySelector(sel)?.textContent ?? null, selector);
  }

  isVisible(selector) {
    return this.eval((sel) => {
      const el = document.querySelector(sel);
      if (!el || el.closest('[hidden]')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    }, selector);
  }

  cspViolations() {
    return this.eval(() => window.__wbCsp ?? null);
  }

  cspConsole() {
    return this.console.filter((t) => CSP_CONSOLE.test(t));
  }

  async cookies() {
    if (this.playwright) return this.launched.context.cookies();
    if (typeof this.launched.browser.cookies === 'function') return this.launched.browser.cookies();
    return this.page.cookies();
  }

  /** Everything the page could have left on the device. */
  storage() {
    return this.eval(async () => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      indexedDB: typeof indexedDB?.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name) : 'unsupported',
      serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 'unsupported',
      cookie: document.cookie,
      href: location.href,
    }));
  }

  screenshot(file) {
    return this.page.screenshot({ path: file, fullPage: true });
  }
}

/** Waits until the page has loaded its locales and the team. */
export async function ready(d, url) {
  await d.goto(url);
  await d.waitFor(() => document.body.dataset.state === 'ready', undefined, { what: 'the page to be ready', timeout: 60_000 });
}

/** Switches to `lang` with the visible switch and checks that it took. */
export async function switchLanguage(d, lang) {
  await d.click(`#lang-${lang}`);
  await d.waitFor((l) => document.documentElement.lang === l, lang, { what: `<html lang=${lang}>` });
}

/**
 * Fills the intake form (from the welcome view) with `report`:
 * { category, what, whenFrom, where, people, witnesses, outcome }, attaches `files`,
 * and continues to the team view.
 */
export async function fillForm(d, report, files) {
  await d.click('#start');
  await d.waitView('form');
  await d.setValue('#category', report.category);
  await d.setValue('#what', report.what);
  if (report.whenFrom) await d.setValue('#when-from', report.whenFrom);
  if (report.where) await d.setValue('#where', report.where);
  if (report.people) await d.setValue('#people-reported', report.people);
  if (report.witnesses) await d.setValue('#witnesses', report.witnesses);
  await d.click('#reported-before-no');
  if (report.outcome) await d.setValue('#desired-outcome', report.outcome);
  if (files.length > 0) {
    await d.setFiles('#files', files);
    await d.waitFor((n) => document.querySelectorAll('#file-list li[data-testid="file"]').length === n, files.length, {
      what: `${files.length} files in the list`,
    });
  }
}

/**
 * From the form: to the team view, exclude members, submit. Does not wait for
 * the end. `onTeam(d)`, if given, runs once the team is shown, before anything
 * is excluded.
 */
export async function chooseTeamAndSubmit(d, exclude = [], onTeam = null) {
  await d.click('#to-team');
  await d.waitView('team');
  await d.waitFor(() => !document.getElementById('team-box').hidden && !document.getElementById('submit').disabled, undefined, {
    what: 'the team to be shown',
  });
  if (onTeam) await onTeam(d);
  for (const id of exclude) {
    await d.click(`#exclude-${id}`);
    await d.waitFor((i) => document.getElementById(`exclude-${i}`).checked, id, { what: `#exclude-${id} checked` });
  }
  await d.click('#submit');
}

/** Waits for the confirmation; returns { id, day }. */
export async function waitReceipt(d, timeout) {
  await d.waitFor(
    () => document.body.dataset.view === 'done' || (document.body.dataset.view === 'team' && !document.getElementById('error').hidden),
    undefined,
    { what: 'the confirmation', timeout, interval: 500 },
  );
  const view = await d.eval(() => document.body.dataset.view);
  if (view !== 'done') {
    throw new Error(`${d.kind}: the upload failed: ${await d.text('#error-text')} / ${await d.text('#error-detail-text')}`);
  }
  return d.eval(() => ({
    id: document.getElementById('receipt-id').textContent,
    day: document.getElementById('receipt-day').getAttribute('datetime'),
  }));
}
