// The language follows the browser's Accept-Language (navigator.languages)
// without any click, and Cancel during the upload deletes the upload session
// on the relay and returns to the form with everything still filled in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeEvidence, removeDir, tempDir } from './lib/checks.mjs';
import { REPORTS } from './lib/e2e.mjs';
import { LOCALE_TABLES, chooseTeamAndSubmit, fillForm, openBrowser, ready } from './lib/page.mjs';
import { startProxy } from './lib/proxy.mjs';
import { startRelay } from './lib/relay.mjs';

test('a browser set to Chinese gets the page in Chinese without a click', { timeout: 120_000 }, async () => {
  const relay = await startRelay();
  const proxy = await startProxy(relay.url);
  const d = await openBrowser('chromium', { locale: 'zh-CN' });
  try {
    await ready(d, `${proxy.origin}/`);
    assert.equal(await d.eval(() => document.documentElement.lang), 'zh-CN');
    assert.equal((await d.text('#welcome-heading')).trim(), LOCALE_TABLES['zh-CN']['welcome.heading']);
    assert.equal(await d.eval(() => document.getElementById('lang-zh-CN').getAttribute('aria-pressed')), 'true');
    const accept = proxy.log.find((e) => e.path === '/')?.headers['accept-language'] ?? '';
    assert.match(accept, /^zh-CN/, 'the browser really asked for Chinese');
  } finally {
    await d.close();
    await proxy.close();
    await relay.close();
  }
});

test('Cancel mid-upload deletes the upload on the relay and keeps the form filled in', { timeout: 300_000 }, async () => {
  const dir = await tempDir('cancel');
  const relay = await startRelay();
  const proxy = await startProxy(relay.url);
  const d = await openBrowser('chromium');
  try {
    const files = await makeEvidence(dir, 9 * 1024 * 1024);
    await ready(d, `${proxy.origin}/`);
    const report = REPORTS.en('cancel');
    await fillForm(d, report, files.map((f) => f.path));
    // Let part 0 through, then hold every later part: the page sits in the progress view.
    proxy.hold((e) => e.method === 'PUT' && !/\/parts\/0$/.test(e.path));
    await chooseTeamAndSubmit(d);
    await d.waitView('progress');
    const deadline = Date.now() + 120_000;
    while (!proxy.log.some((e) => e.method === 'PUT' && /\/parts\/1$/.test(e.path))) {
      assert.ok(Date.now() < deadline, 'part 1 was sent');
      await new Promise((r) => setTimeout(r, 100));
    }
    const upload = proxy.log.find((e) => e.method === 'PUT').path.split('/')[3];
    assert.match(upload, /^[0-9a-f]{32}$/);

    await d.click('#cancel');
    proxy.release();
    await d.waitView('form', { timeout: 60_000 });
    assert.equal(await d.eval(() => document.getElementById('what').value), report.what, 'the text is still there');
    assert.equal(
      await d.eval(() => document.querySelectorAll('#file-list li[data-testid="file"]').length),
      files.length,
      'the files are still attached',
    );
    // The page told the relay, and the relay kept nothing of the upload.
    const waitDelete = Date.now() + 30_000;
    while (!proxy.log.some((e) => e.method === 'DELETE' && e.path === `/api/uploads/${upload}`)) {
      assert.ok(Date.now() < waitDelete, 'DELETE /api/uploads/{id} was sent');
      await new Promise((r) => setTimeout(r, 100));
    }
    const status = await fetch(`${relay.url}/api/uploads/${upload}`);
    assert.equal(status.status, 404);
    assert.equal((await status.json()).error, 'unknown_upload');
    assert.ok(!proxy.log.some((e) => e.method === 'POST' && e.path.endsWith('/commit')), 'nothing was committed');
  } finally {
    proxy.release();
    await d.close();
    await proxy.close();
    await relay.close();
    await removeDir(dir);
  }
});
