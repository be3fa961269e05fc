// The theme as an author and a reader meet it: an embed in a dark page on another origin (with
// theme=dark, and with theme=auto for a reader whose system prefers dark), the host's `theme`
// command, the reader's system switching while the page is open, the Embed dialog's choice in the
// snippet, and screenshots of the explorer and the story in dark (tests/e2e/artifacts/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import http from 'node:http';
import { serve, launch, openPage, ARTIFACTS, until, embedFrame } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const DARK_PAPER = 'rgb(18, 18, 18)';
const LIGHT_PAPER = 'rgb(255, 255, 255)';
/**
 * An author's page on another origin than the app's: its own server on another port, with the
 * usual dark background (a page the test made up under a public name would be refused a loopback
 * frame by the browser's local-network rules, whatever the app does).
 */
const HOST_PAGE = '<!DOCTYPE html><html style="background:#121212;color:#eee"><title>dark host</title><body style="margin:0;background:#121212"><h1>An article</h1></body></html>';
let hostServer;
const host = () => `http://127.0.0.1:${hostServer.address().port}/dark-article.html`;
before(async () => {
  hostServer = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(HOST_PAGE));
  await new Promise((r) => hostServer.listen(0, '127.0.0.1', r));
});
after(() => new Promise((r) => { hostServer?.closeAllConnections(); hostServer?.close(r); }));

/**
 * The host page in a new context (`colorScheme`: what the reader's system prefers), listening
 * before it adds the frame; resolves once the embed has told its first state.
 */
async function darkHost(src, colorScheme = 'light') {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(host());
  await embedFrame(page, src, 'width:900px;height:800px;border:0');
  await page.waitForFunction(() => window.events.some((e) => e.event === 'state'), null, { timeout: 20000 });
  const frame = page.frames().find((f) => f.url().startsWith(server.url));
  assert.ok(frame, 'the embed is a frame of the app’s origin');
  assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin, 'on another origin than the host');
  const send = (m) => page.evaluate((msg) => document.getElementById('f').contentWindow.postMessage(msg, '*'), m);
  return { page, context, frame, send, errors };
}

/** The computed backgrounds of the embed's <html> and <body>, and its data-theme. */
function looks(frame) {
  return frame.evaluate(() => ({
    html: getComputedStyle(document.documentElement).backgroundColor,
    body: getComputedStyle(document.body).backgroundColor,
    theme: document.documentElement.dataset.theme,
  }));
}

/**
 * What a canvas holds: its corner pixel (the paper), and the share of its pixels, sampled on a grid,
 * that are dark (luminance under 0.2) — a canvas drawn dark is mostly dark, a light one mostly not.
 */
function canvasLook(frame, selector) {
  return frame.evaluate((sel) => {
    const c = document.querySelector(sel);
    if (!c || !c.width || !c.height) return null;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const at = (x, y) => { const i = (y * c.width + x) * 4; return [d[i], d[i + 1], d[i + 2]]; };
    let dark = 0, n = 0;
    for (let y = 0; y < c.height; y += 7) {
      for (let x = 0; x < c.width; x += 7) {
        const [r, g, b] = at(x, y);
        if ((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.2) dark++;
        n++;
      }
    }
    return { corner: at(1, 1).join(','), dark: dark / n };
  }, selector);
}

/** Waits until `selector`'s canvas in `frame` is drawn in the dark palette (`dark`) or the light one. */
async function drawn(frame, selector, dark) {
  let seen;
  await until(async () => {
    seen = await canvasLook(frame, selector);
    return seen && (dark ? seen.corner === '18,18,18' && seen.dark > 0.6 : seen.corner === '255,255,255' && seen.dark < 0.3);
  }, () => `${selector} drawn ${dark ? 'dark' : 'light'} (seen ${JSON.stringify(seen)})`);
  return seen;
}

test('theme=dark: on a dark page of another origin the embed, its network and its chart are dark, and the host switches it with `theme`', async () => {
  const h = await darkHost(server.url + 'index.html#embed=1&view=network+chart&scenario=june-2017&t=2017-06-02T12:00&theme=dark');
  assert.deepEqual(await looks(h.frame), { html: DARK_PAPER, body: DARK_PAPER, theme: 'dark' }, 'no white slab: both carry the dark paper');
  await drawn(h.frame, '#network', true);
  await drawn(h.frame, '#chart-share canvas', true);
  assert.equal((await h.page.evaluate(() => window.events.filter((e) => e.event === 'state').pop())).theme, 'dark');
  // the host asks for light: the reply carries its id and the new theme, and everything is light
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'theme', theme: 'light', id: 'th1' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'th1'));
  assert.equal((await h.page.evaluate(() => window.events.find((e) => e.id === 'th1'))).theme, 'light');
  assert.deepEqual(await looks(h.frame), { html: LIGHT_PAPER, body: LIGHT_PAPER, theme: 'light' });
  await drawn(h.frame, '#network', false);
  await drawn(h.frame, '#chart-share canvas', false);
  // and back to dark
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'theme', theme: 'dark', id: 'th2' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'th2'));
  await drawn(h.frame, '#network', true);
  // a theme it does not know is refused with an error carrying the id; nothing changes
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'theme', theme: 'sepia', id: 'th3' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'th3'));
  const e = await h.page.evaluate(() => window.events.find((x) => x.id === 'th3'));
  assert.equal(e.event, 'error');
  assert.match(e.message, /unknown theme 'sepia'/);
  assert.equal((await looks(h.frame)).theme, 'dark');
  await h.page.screenshot({ path: path.join(ARTIFACTS, 'theme-embed-dark-host.png') });
  assert.deepEqual(h.errors, []);
  await h.context.close();
});

test('theme=auto follows the reader’s system: dark when it prefers dark, live when it changes', async () => {
  // no theme key: auto, the default
  const h = await darkHost(server.url + 'index.html#embed=1&view=network+chart&scenario=june-2017&t=2017-06-02T12:00', 'dark');
  assert.deepEqual(await looks(h.frame), { html: DARK_PAPER, body: DARK_PAPER, theme: 'dark' });
  await drawn(h.frame, '#network', true);
  await drawn(h.frame, '#chart-share canvas', true);
  assert.equal((await h.page.evaluate(() => window.events.filter((e) => e.event === 'state').pop())).theme, 'auto');
  // the reader's system turns light while the page is open: the embed follows without a reload
  await h.page.emulateMedia({ colorScheme: 'light' });
  await until(async () => (await looks(h.frame)).theme === 'light', 'the embed to turn light');
  assert.equal((await looks(h.frame)).body, LIGHT_PAPER);
  await drawn(h.frame, '#network', false);
  await drawn(h.frame, '#chart-share canvas', false);
  await h.page.emulateMedia({ colorScheme: 'dark' });
  await drawn(h.frame, '#network', true);
  assert.deepEqual(h.errors, []);
  await h.context.close();
});

test('the Embed dialog offers the theme and its snippet carries the choice', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017&t=2017-06-02T12:00');
  await page.click('#embed-button');
  await page.waitForSelector('#embed-theme');
  const options = await page.locator('#embed-theme option').evaluateAll((os) => os.map((o) => o.textContent));
  assert.deepEqual(options, ['Light', 'Dark', 'Follows the reader']);
  assert.equal(await page.locator('#embed-theme option:checked').textContent(), 'Follows the reader', 'unless the author chooses');
  assert.equal(await page.locator('label[for=embed-theme]').textContent(), 'Theme', 'a named control');
  assert.match(await page.locator('#embed-code').inputValue(), /&amp;theme=auto&amp;/);
  await page.selectOption('#embed-theme', { label: 'Dark' });
  const code = await page.locator('#embed-code').inputValue();
  assert.match(code, /&amp;theme=dark&amp;/);
  assert.equal(code.match(/theme=/g).length, 1, 'one theme in the snippet');
  // the snippet opens dark
  const src = /src="([^"]+)"/.exec(code)[1].replaceAll('&amp;', '&');
  const e = await openPage(browser, src);
  await e.page.waitForSelector('#network');
  assert.equal(await e.page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_PAPER);
  await drawn(e.page.mainFrame(), '#network', true);
  await e.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page: a link’s theme holds across the page and its address; an unknown theme is a short note, not a clamp', async () => {
  const light = await openPage(browser, server.url + '#scenario=june-2017&t=2017-06-02T12:00');
  await light.page.waitForSelector('#network');
  assert.equal(await light.page.evaluate(() => document.documentElement.dataset.theme), 'light', 'auto on a light system');
  await drawn(light.page.mainFrame(), '#network', false);
  await light.context.close();
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017&t=2017-06-02T12:00&theme=dark');
  await page.waitForSelector('#network');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'on a light system too');
  await drawn(page.mainFrame(), '#network', true);
  await drawn(page.mainFrame(), '#chart-sharediff canvas', true);
  // the address the page writes as time moves keeps it
  await page.getByRole('button', { name: 'Step 1 hour' }).click();
  await page.waitForFunction(() => location.hash.includes('t=2017-06-02T13:00'));
  assert.match(await page.evaluate(() => location.hash), /theme=dark/);
  const bad = await openPage(browser, server.url + '#scenario=june-2017&theme=sepia&lang=zh');
  await bad.page.waitForSelector('#network');
  const note = await bad.page.locator('.notice').textContent();
  assert.match(note, /sepia/);
  assert.match(note, /主题/, 'in the reader’s language');
  assert.equal(await bad.page.evaluate(() => document.documentElement.dataset.theme), 'light', 'the reader’s system (light here)');
  await bad.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots: the explorer and the story in dark, on a laptop and a phone', async () => {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: 'dark', locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url + '#scenario=june-2017&t=2017-06-02T12:00&cut=track.sf@2017-06-01T09:00');
    await page.waitForSelector('#network');
    await drawn(page.mainFrame(), '#network', true);
    await page.screenshot({ path: path.join(ARTIFACTS, `theme-dark-explorer-${w}.png`) });
    await page.screenshot({ path: path.join(ARTIFACTS, `theme-dark-explorer-${w}-full.png`), fullPage: true });
    await page.click('#story-start');
    await page.waitForSelector('.story');
    await drawn(page.mainFrame(), '#network', true);
    await page.screenshot({ path: path.join(ARTIFACTS, `theme-dark-story-${w}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});
