// Embeds as an author uses them: the example article driven by scrolling, the host API,
// the Embed dialog, and pausing when out of sight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the example article drives the embedded simulation step by step as the reader scrolls', async () => {
  const { page, errors, context } = await openPage(browser, server.url + 'article.html', { width: 1280, height: 800 });
  await page.waitForFunction(() => window.embedState && window.embedState.t === '2017-05-31T12:00');
  const expected = { 2: '2017-06-01T12:00', 3: '2017-06-02T12:00', 4: '2017-06-04T12:00', 5: '2017-06-10T12:00' };
  for (const [step, t] of Object.entries(expected)) {
    await page.locator(`.step[data-step="${step}"]`).scrollIntoViewIfNeeded();
    await page.evaluate((s) => document.querySelector(`.step[data-step="${s}"]`).scrollIntoView({ block: 'center' }), step);
    await page.waitForFunction((x) => window.embedState && window.embedState.t === x, t, { timeout: 10000 });
  }
  const st = await page.evaluate(() => window.embedState);
  assert.equal(st.scenario, 'june-2017');
  assert.ok(st.sf_share < st.sf_share_baseline, 'a week later SF is still below the baseline');
  // going back up replays the earlier moment exactly
  await page.evaluate(() => document.querySelector('.step[data-step="3"]').scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => window.embedState.t === '2017-06-02T12:00');
  assert.ok((await page.evaluate(() => window.embedState.cut)).includes('list.taobao.sf'));
  const log = await page.evaluate(() => window.embedLog);
  assert.ok(log.includes('ready') && log.includes('height'));
  assert.ok(parseFloat(await page.locator('#sim').evaluate((f) => f.style.height)) > 200, 'the host sized the iframe');
  assert.deepEqual(errors, []);
  await context.close();
});

async function hostPage(src, waitState = true) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(server.url + 'article.css'); // any same-origin page
  await page.setContent(`<iframe id="f" src="${src}" style="width:900px;height:600px"></iframe><div style="height:3000px"></div>`);
  await page.evaluate(() => {
    window.events = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.protocol === 'parcel-standoff') window.events.push(e.data); });
  });
  if (waitState) await page.waitForFunction(() => window.events.some((e) => e.event === 'state'), null, { timeout: 15000 });
  else await page.frameLocator('#f').locator('#network').waitFor();
  const send = (m) => page.evaluate((msg) => document.getElementById('f').contentWindow.postMessage(msg, '*'), m);
  const last = () => page.evaluate(() => window.events.filter((e) => e.event === 'state').pop());
  return { page, context, send, last, warnings };
}

test('the host API: commands change the simulation and replies carry the request id', async () => {
  const h = await hostPage(server.url + 'index.html#embed=1&view=network&scenario=baseline-2017');
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'cut', link: 'track.sf', id: 'c1' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'c1'));
  assert.deepEqual((await h.last()).cut, ['track.sf']);
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'seek', t: '2017-05-31T00:00', id: 'c2' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'c2'));
  const s = await h.last();
  assert.equal(s.t, '2017-05-31T00:00');
  assert.ok(s.untracked > s.untracked_baseline);
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'lang', lang: 'zh', id: 'c3' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'c3'));
  assert.equal(await h.page.frameLocator('#f').locator('html').getAttribute('lang'), 'zh-CN');
  // malformed messages are ignored with a warning (and an error event); the embed keeps working
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'explode' });
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'cut', link: '<img src=x onerror=alert(1)>' });
  await h.send('not even an object');
  await h.page.waitForFunction(() => window.events.filter((e) => e.event === 'error').length >= 2);
  assert.ok(h.warnings.some((w) => w.includes('ignored a message')));
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'get', id: 'c4' });
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'c4'));
  assert.deepEqual((await h.last()).cut, ['track.sf']);
  await h.context.close();
});

test('an allow-list of host origins makes the embed ignore other pages', async () => {
  const h = await hostPage(server.url + 'index.html#embed=1&view=network&origins=https://news.example', false);
  await h.send({ protocol: 'parcel-standoff', version: 1, command: 'seek', t: '2017-05-31T00:00' });
  await h.page.waitForTimeout(500);
  assert.ok(h.warnings.some((w) => w.includes('not in origins')), h.warnings.join('\n'));
  assert.equal(await h.page.frameLocator('#f').locator('#clock time').textContent(), '2017-05-29 00:00', 'the command was not obeyed');
  assert.equal(await h.page.evaluate(() => window.events.length), 0, 'nothing is told to a page that is not allowed');
  await h.context.close();
});

test('the embed pauses when scrolled out of sight', async () => {
  const h = await hostPage(server.url + 'index.html#embed=1&view=network&autoplay=1&scenario=june-2017');
  await h.page.waitForFunction(() => window.events.filter((e) => e.event === 'state').pop().playing === true);
  await h.page.evaluate(() => window.scrollTo(0, 2500));
  await h.page.waitForFunction(() => window.events.filter((e) => e.event === 'state').pop().playing === false, null, { timeout: 10000 });
  await h.context.close();
});

test('the Embed dialog gives an iframe snippet that opens the same state in embed mode', async () => {
  const { page, context } = await openPage(browser, server.url + '#scenario=june-2017&t=2017-06-02T12:00');
  await page.click('#embed-button');
  const code = await page.locator('#embed-code').inputValue();
  assert.match(code, /^<iframe src="[^"]+embed=1&amp;/);
  assert.match(code, /title="Parcel Standoff/);
  assert.match(code, /allowfullscreen/);
  const src = /src="([^"]+)"/.exec(code)[1].replaceAll('&amp;', '&');
  const e = await openPage(browser, src);
  await e.page.waitForSelector('#open-full');
  assert.equal(await e.page.locator('#clock time').textContent(), '2017-06-02 12:00');
  assert.equal(await e.page.locator('#scenario').count(), 0, 'compact chrome');
  const full = await e.page.locator('#open-full').getAttribute('href');
  assert.ok(!full.includes('embed=1'));
  await e.context.close();
  await context.close();
});

test('an embed shows just the view it was asked for', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#embed=1&view=chart:lost&scenario=june-2017&t=2017-06-02T12:00');
  await page.waitForSelector('#chart-lost canvas');
  assert.equal(await page.locator('figure.chart').count(), 1);
  assert.equal(await page.locator('#network').isVisible(), false, 'no network canvas on show');
  const both = await openPage(browser, server.url + '#embed=1&view=network+chart');
  await both.page.waitForSelector('#chart-share canvas');
  assert.equal(await both.page.locator('#network').isVisible(), true);
  assert.equal(await both.page.locator('figure.chart').count(), 1);
  assert.deepEqual(errors, []);
  await both.context.close();
  await context.close();
});
