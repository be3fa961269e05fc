// Links that carry the exact state, and hostile links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitAttr } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const readouts = (page) => page.evaluate(() => [...document.querySelectorAll('.readout-card .value')].map((e) => e.dataset.value));

test('a link reproduces the exact state: scenario, cut, time and language', async () => {
  const link = '#scenario=june-2017&cut=track.zto@2017-06-01T09:00&t=2017-06-02T12:00&lang=zh';
  const { page, errors, context } = await openPage(browser, server.url + link);
  await page.waitForSelector('#network');
  assert.equal(await page.locator('#scenario').inputValue(), 'june-2017');
  await waitAttr(page, "button[data-link='track.zto']", 'aria-checked', 'false');
  assert.equal(await page.locator('#clock time').textContent(), '2017-06-02 12:00');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('#notes').count(), 0, 'nothing was ignored');
  const first = await readouts(page);
  // the address bar keeps following the state; the same link in a new tab gives the same numbers
  await page.click("button[data-link='display.taobao']");
  await page.waitForFunction(() => location.hash.includes('cut=display.taobao@2017-06-02T12:00'));
  const url = page.url();
  const again = await openPage(browser, url);
  await again.page.waitForSelector('#network');
  await waitAttr(again.page, "button[data-link='display.taobao']", 'aria-checked', 'false');
  assert.deepEqual(await readouts(again.page), await readouts(page));
  const plain = await openPage(browser, server.url + link);
  await plain.page.waitForSelector('#network');
  assert.deepEqual(await readouts(plain.page), first);
  assert.deepEqual(errors, []);
  await again.context.close();
  await plain.context.close();
  await context.close();
});

test('a broken or hostile link starts the app anyway and says what it ignored', async () => {
  const hostile = '#scenario=june-2017&cut=track.dhl@2017-06-01T09:00&p.habit=<img src=x onerror=alert(1)>'
    + '&p.locker_share=1e308&view=<script>alert(2)</script>&t=2017-06-02T12:00&' + 'x'.repeat(20000);
  const { page, errors, context } = await openPage(browser, server.url + hostile);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.waitForSelector('#notes');
  const notes = await page.locator('#notes').textContent();
  for (const word of ['dhl', 'habit', 'locker_share', 'view']) assert.ok(notes.includes(word), `${word} explained: ${notes}`);
  assert.equal(await page.locator('#scenario').inputValue(), 'june-2017', 'the valid parts are kept');
  assert.equal(await page.locator('#clock time').textContent(), '2017-06-02 12:00');
  assert.equal(await page.locator('img[src=x], #notes script').count(), 0, 'nothing was parsed as HTML');
  await page.click('#step');
  await page.waitForFunction(() => document.querySelector('#clock time').textContent === '2017-06-02 13:00');
  assert.equal(dialogs, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the address follows the app: a cut is a history entry, Back undoes it, time moving is not; a link pasted into the open tab loads', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017&t=2017-05-30T00:00');
  await page.waitForSelector('#network');
  await page.click('#step');
  await page.waitForFunction(() => location.hash.includes('t=2017-05-30T01:00'));
  const entries = await page.evaluate(() => history.length);
  await page.click('#step');
  await page.waitForFunction(() => location.hash.includes('t=2017-05-30T02:00'));
  assert.equal(await page.evaluate(() => history.length), entries, 'time moving adds no entry');
  await page.click("button[data-link='track.sf']");
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  await page.waitForFunction(() => location.hash.includes('cut=track.sf'));
  assert.equal(await page.evaluate(() => history.length), entries + 1, 'the cut is an entry');
  // Back: the cut is gone, the app still open
  await page.goBack();
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'true');
  assert.equal(await page.locator('#clock time').textContent(), '2017-05-30 02:00');
  await page.goForward();
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  // a link pasted into the address bar of the open tab
  await page.evaluate(() => { location.hash = '#scenario=baseline-2017&t=2017-05-31T06:00&lang=zh'; });
  await page.waitForFunction(() => document.querySelector('#scenario')?.value === 'baseline-2017');
  assert.equal(await page.locator('#clock time').textContent(), '2017-05-31 06:00');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.deepEqual(errors, []);
  await context.close();
});
