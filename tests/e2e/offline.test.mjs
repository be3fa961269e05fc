// Offline and security: the single self-contained file from file://, the site from a sub-folder,
// the Content-Security-Policy, and hostile set-up files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitAttr } from './util.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function story(page) {
  await page.waitForSelector('#network');
  await page.click("button[data-link='track.sf']");
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  for (let i = 0; i < 30; i++) await page.click('#step');
  await page.waitForFunction(() => document.querySelector('#clock time').textContent === '2017-05-30 06:00');
  const v = await page.locator('#readout-untracked .value').getAttribute('data-value');
  assert.ok(Number(v) > 0.5, `untracked ${v} M after cutting SF tracking`);
}

test('the single-file build runs the core story from the file system, under its own policy that refuses injected scripts', async () => {
  const file = path.resolve('dist/parcel-standoff.single.html');
  assert.ok(fs.existsSync(file));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(fs.readFileSync(file, 'utf8'))?.[1];
  assert.ok(csp, 'the single file carries a policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+'){3}(;|$)/, 'exactly its three scripts (the app, the uncertainty module, the start check), by hash');
  assert.doesNotMatch(csp, /script-src[^;]*('unsafe-inline'|data:|blob:|\*)/);
  const { page, errors, context } = await openPage(browser, 'file://' + file);
  await page.evaluate(() => { window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective)); });
  await story(page);
  assert.equal(await page.evaluate(() => typeof window.wasmBindings.BenchScene), 'function', 'the bindings are offered as when served');
  // an injected inline script, a data: script and an inline handler are all refused
  await page.evaluate(() => {
    const a = document.createElement('script'); a.textContent = 'window.pwned = 1'; document.body.appendChild(a);
    const b = document.createElement('script'); b.src = 'data:text/javascript,window.pwned=2'; document.body.appendChild(b);
    const c = document.createElement('img'); c.setAttribute('onerror', 'window.pwned = 3'); c.src = 'x:'; document.body.appendChild(c);
  });
  await page.waitForFunction(() => window.violations.length >= 3);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors.filter((e) => !e.includes('Content Security Policy')), []);
  await context.close();
});

test('the single file carries Chinese too: opened with lang=zh from the file system, it reads in Chinese, and switches back and forth', async () => {
  const file = path.resolve('dist/parcel-standoff.single.html');
  const { page, errors, context } = await openPage(browser, 'file://' + file + '#lang=zh');
  await page.waitForSelector('#network');
  assert.match(await page.locator('h1').textContent(), /快递/);
  await page.locator('.tools button.lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('.tools button.lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('h1').textContent.includes('快递'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('an app that cannot start says so within 5 seconds instead of loading forever', async () => {
  const server = await serve('dist', 0);
  const context = await browser.newContext();
  const page = await context.newPage();
  // the wasm cannot be fetched (a proxy, a policy, a broken host)
  await page.route(/\.wasm$/, (r) => r.abort());
  await page.goto(server.url);
  await page.waitForFunction(() => /could not start here/.test(document.querySelector('#app').textContent), null, { timeout: 7000 });
  // with a way on: the same state where it may run (its own tab); tests/e2e/fallback.test.mjs has the rest
  assert.ok(await page.getByRole('link', { name: 'Open the interactive version' }).isVisible());
  await context.close();
  await server.close();
});

test('the built site works from any sub-folder', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'standoff-'));
  fs.mkdirSync(path.join(root, 'courses', 'logistics'), { recursive: true });
  fs.cpSync('dist', path.join(root, 'courses', 'logistics', 'sim'), { recursive: true });
  const s = await serve(root);
  const { page, errors, context } = await openPage(browser, s.url + 'courses/logistics/sim/');
  await story(page);
  assert.deepEqual(errors, []);
  await context.close();
  await s.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('a Content-Security-Policy allows only what the app needs, and the app runs under it', async () => {
  const html = fs.readFileSync('dist/index.html', 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(csp, 'the page carries a policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  const s = await serve('dist');
  // the server sends the same policy as a header, with nosniff
  const res = await fetch(s.url);
  assert.equal(res.headers.get('content-security-policy'), csp);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const { page, errors, context } = await openPage(browser, s.url);
  await page.evaluate(() => { window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective)); });
  await story(page);
  // an injected inline script is refused
  await page.evaluate(() => { const sc = document.createElement('script'); sc.textContent = 'window.pwned = 1'; document.body.appendChild(sc); });
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // refused by both copies of the policy (header and <meta>): each reports it
  const violations = await page.evaluate(() => window.violations);
  assert.ok(violations.length >= 1 && violations.every((d) => d === 'script-src-elem'), violations.join());
  assert.deepEqual(errors.filter((e) => !e.includes('Content Security Policy')), []);
  await context.close();
  await s.close();
});

test('a hostile set-up file is refused in words, executes nothing, and the app keeps working', async () => {
  const s = await serve('dist');
  const { page, context } = await openPage(browser, s.url);
  await page.waitForSelector('#network');
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  const hostile = JSON.stringify({
    format: 'parcel-standoff/1',
    setup: { scenario: '<img src=x onerror=alert(1)>', params: { habit: 1e308 }, events: [{ link: '<script>alert(2)</script>', at: 'x'.repeat(100000), up: false }], t: 1e15, view: 'explorer', lang: 'en' },
  });
  await page.setInputFiles('#load-setup', { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(hostile) });
  await page.waitForSelector('#load-error');
  const msg = await page.locator('#load-error').textContent();
  assert.match(msg, /unknown scenario/);
  assert.equal(await page.locator('#load-error img, #load-error script').count(), 0, 'shown as text, not HTML');
  assert.equal(dialogs, 0);
  await page.click('#step');
  await page.waitForFunction(() => document.querySelector('#clock time').textContent === '2017-05-29 01:00');
  await context.close();
  await s.close();
});
