// When the app cannot run: an embed on another origin whose WebAssembly is blocked shows the
// state's still picture (the author's `picture=`, else its scenario's, made by `make pictures`),
// a link to the interactive version, and tells the host page why; with JavaScript off, one
// sentence and the picture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { serve, launch, ARTIFACTS, embedFrame } from './util.mjs';

let server, hostServer, browser;
before(async () => {
  server = await serve('dist');
  // the author's page, on another origin (another port) and with no policy of ours (our
  // server's pages may frame nothing)
  hostServer = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!DOCTYPE html><title>host</title><body style="background:#121212">');
  });
  await new Promise((r) => hostServer.listen(0, '127.0.0.1', r));
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); hostServer?.close(); });

const host = () => `http://127.0.0.1:${hostServer.address().port}/article.html`;

/** An author's page on another origin with the embed of `state`; `block` breaks WebAssembly in the context. */
async function embed(state, block) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await block(context);
  const page = await context.newPage();
  await page.goto(host());
  await embedFrame(page, server.url + 'index.html#' + state, 'width:760px;height:700px;border:0;background:#fff');
  const frame = page.frameLocator('#f');
  return { page, context, frame };
}

const noWasm = (context) => context.addInitScript(() => { delete window.WebAssembly; });

/** The picture in the frame once it has loaded: its address and natural size. */
async function loadedPicture(frame) {
  const img = frame.locator('.fallback img');
  await img.waitFor();
  await img.evaluate((i) => i.complete && i.naturalWidth > 0 || new Promise((r) => { i.onload = r; }));
  return img.evaluate((i) => ({ src: i.src, w: i.naturalWidth, h: i.naturalHeight, alt: i.alt, shown: i.getBoundingClientRect().width }));
}

test('WebAssembly blocked: the scenario picture, a link to the interactive version, and an error event for the host', async () => {
  const state = 'embed=1&view=network%2Bchart&scenario=june-2017&t=2017-06-02T12:00';
  const { page, context, frame } = await embed(state, noWasm);
  const pic = await loadedPicture(frame);
  assert.match(pic.src, /\/pictures\/june-2017\.en\.png$/);
  assert.deepEqual([pic.w, pic.h], [720, 560]);
  assert.ok(pic.shown > 300 && pic.alt.length > 20, JSON.stringify(pic));
  await page.waitForFunction(() => window.events.some((e) => e.event === 'error'));
  const ev = await page.evaluate(() => window.events.find((e) => e.event === 'error'));
  assert.equal(ev.reason, 'no-webassembly');
  assert.ok(ev.message.length > 20 && ev.message.length <= 400, ev.message);
  assert.equal(await frame.locator('.boot').count(), 0, 'no "Loading…" beside the picture');
  await page.screenshot({ path: path.join(ARTIFACTS, 'fallback-no-wasm.png') });
  // the link opens the same state, not embedded, in a new tab
  const link = frame.getByRole('link', { name: 'Open the interactive version' });
  assert.equal(await link.getAttribute('target'), '_blank');
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState('domcontentloaded');
  const u = new URL(tab.url());
  assert.ok(u.hash.includes('scenario=june-2017') && u.hash.includes('t=2017-06-02T12:00') && !u.hash.includes('embed='), u.hash);
  await context.close();
});

test("the author's picture and the link's language: a Chinese embed whose module fails to load", async () => {
  const state = 'embed=1&lang=zh&scenario=hivebox-only&picture=pictures%2Fjune-2017.zh.png';
  const { page, context, frame } = await embed(state, (c) => c.route('**/*.wasm', (r) => r.fulfill({ status: 404, body: '' })));
  const pic = await loadedPicture(frame);
  assert.match(pic.src, /\/pictures\/june-2017\.zh\.png$/, "the author's picture, not the scenario's");
  await page.waitForFunction(() => window.events.some((e) => e.event === 'error'));
  const ev = await page.evaluate(() => window.events.find((e) => e.event === 'error'));
  assert.ok(['load-failed', 'start-failed'].includes(ev.reason), ev.reason);
  assert.ok(await frame.getByRole('link', { name: '打开交互版本' }).isVisible());
  await page.screenshot({ path: path.join(ARTIFACTS, 'fallback-zh.png') });
  await context.close();
});

test('a picture that is not an address is not used: the scenario picture instead', async () => {
  const { context, frame } = await embed('embed=1&scenario=no-mediation&picture=javascript%3Aalert(1)', noWasm);
  const pic = await loadedPicture(frame);
  assert.match(pic.src, /\/pictures\/no-mediation\.en\.png$/);
  await context.close();
});

test('JavaScript off: one sentence and the picture, no "Loading…"', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + 'index.html#scenario=june-2017');
  const text = (await page.locator('body').innerText()).trim();
  assert.ok(!/Loading|正在加载/.test(text), text);
  assert.match(text, /needs JavaScript/);
  assert.equal(text.split('\n').filter((l) => l.trim()).length, 1, `one sentence (English / Chinese): ${text}`);
  const img = page.locator('noscript img, .fallback img').first();
  await page.waitForFunction(() => [...document.images].some((i) => i.complete && i.naturalWidth === 720));
  assert.ok(await img.isVisible());
  await page.screenshot({ path: path.join(ARTIFACTS, 'fallback-no-js.png') });
  await context.close();
});
