// End-to-end tests: what a person does, in Debian's Chromium driven by Playwright,
// against the release build in dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, openPage, waitAttr, ARTIFACTS, settled, workerBindings } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function readout(page, id) {
  const el = page.locator(`#${id} .value`);
  return { value: Number(await el.getAttribute('data-value')), baseline: Number(await el.getAttribute('data-baseline')) };
}

async function clock(page) {
  return (await page.locator('#clock time').textContent()).trim();
}

/** Logical canvas point → page click (landscape layout is 1000 units wide). */
async function clickCanvas(page, x, y) {
  const box = await page.locator('#network').boundingBox();
  const k = box.width / 1000;
  await page.mouse.click(box.x + x * k, box.y + y * k);
}

/** Run the simulation for at least `hours` simulated hours with Play at the fastest speed. */
async function playHours(page, hours, keyboard = false) {
  const startText = await clock(page);
  const start = Date.parse(startText.replace(' ', 'T') + ':00+08:00');
  if (keyboard) {
    await page.locator('#speed').focus();
    await page.keyboard.press('End');
    await page.locator('#play').focus();
    await page.keyboard.press('Enter');
  } else {
    await page.selectOption('#speed', '5');
    await page.click('#play');
  }
  await page.waitForFunction((goal) => {
    const t = document.querySelector('#clock time').textContent.trim();
    return Date.parse(t.replace(' ', 'T') + ':00+08:00') >= goal;
  }, start + hours * 3600e3, { timeout: 20000 });
  if (keyboard) await page.keyboard.press('Enter'); else await page.click('#play');
}

test('the first screen shows the network and the charts, with no console errors', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await page.waitForSelector('#network');
  assert.match(await page.title(), /Parcel Standoff/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const painted = await page.evaluate(() => {
    const c = document.querySelector('#network');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
    return n;
  });
  assert.ok(painted > 10000, `network drawn (${painted} painted pixels)`);
  assert.equal(await page.locator('figure.chart canvas').count(), 7, "seven charts: the stock of untracked parcels and the rate of inquiries apart, and SF's share of Taobao parcels beside its national share");
  // a negative check: no error is logged in the 300 ms after the first screen either
  await page.waitForTimeout(300);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the network names every box in the reader\'s language: platforms, couriers, the Cainiao bar, the lockers and the buyers', async () => {
  const fs = await import('node:fs');
  for (const lang of ['en', 'zh']) {
    const words = JSON.parse(fs.readFileSync(`locales/${lang}.json`, 'utf8'));
    const want = ['cainiao', 'buyers', 'hivebox', ...Object.keys(words).filter((k) => /^(courier\.[a-z]+\.short|platform\.[a-z]+\.name)$/.test(k))].map((k) => words[k]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // every text written on the network's canvas (a maxWidth that is not a finite positive
    // number writes nothing in Chromium: not counted)
    await context.addInitScript(() => {
      window.netTexts = new Set();
      const orig = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...max) {
        if (this.canvas.id === 'network' && (max.length === 0 || (Number.isFinite(max[0]) && max[0] > 0))) window.netTexts.add(String(text));
        return orig.call(this, text, x, y, ...max);
      };
    });
    const page = await context.newPage();
    await page.goto(server.url + `#scenario=june-2017&lang=${lang}`);
    await page.waitForSelector('#network');
    await page.waitForFunction((n) => window.netTexts.size >= n, want.length);
    const drawn = await page.evaluate(() => [...window.netTexts]);
    for (const w of want) assert.ok(drawn.includes(w), `"${w}" is not written on the network (${lang}): ${JSON.stringify(drawn)}`);
    await context.close();
  }
});

test('a panic shows an error panel with a reload action, not a white page', async () => {
  const { page, context } = await openPage(browser, server.url + '?debug=panic');
  await page.waitForSelector('#error-panel');
  assert.match(await page.locator('#error-panel h1').textContent(), /Something went wrong/);
  const reload = page.locator('#reload');
  assert.equal(await reload.isVisible(), true);
  assert.ok((await reload.getAttribute('href')).includes('debug=panic'));
  await context.close();
});

test('native and wasm builds give bit-identical june-2017 outputs', async () => {
  const native = execFileSync(path.resolve('target/native/standoff'), ['digest', '--scenario', 'june-2017']).toString().trim();
  const { page, context } = await openPage(browser, server.url);
  await workerBindings(page);
  const wasm = await page.evaluate(() => wasm_bindgen.model_digest('june-2017'));
  console.log(`# digest native ${native} wasm ${wasm}`);
  assert.equal(wasm, native);
  await context.close();
});

async function coreStory(page, { keyboard }) {
  await page.waitForSelector('#network');
  const before = await readout(page, 'readout-sf-share');
  // let a few hours pass, then cut SF's tracking link
  await playHours(page, 6, keyboard);
  const cutAt = await clock(page);
  if (keyboard) {
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.dataset?.link)) !== 'track.sf') {
      await page.keyboard.press('Tab');
      assert.ok(++guard < 80, 'the SF tracking switch is reachable with Tab');
    }
    await page.keyboard.press('Space');
  } else {
    await clickCanvas(page, 79.5, 262);
  }
  const sw = page.locator("button[data-link='track.sf']");
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  assert.match(await page.locator('#event-log').textContent(), /Cut: SF Express → Cainiao tracking/);
  await playHours(page, 48, keyboard);
  const share = await readout(page, 'readout-sf-share');
  const untracked = await readout(page, 'readout-untracked');
  assert.ok(share.value < share.baseline, `SF share ${share.value} below baseline ${share.baseline}`);
  // a share's change reads in percentage points; a readout nests no brackets
  assert.match(await page.locator('#readout-sf-share .delta').textContent(), /^[+−][\d.]+ pp vs\. no cuts$/);
  for (const r of await page.locator('.chart .readout').allTextContents()) assert.doesNotMatch(r, /\([^)]*\(/, r);
  assert.ok(untracked.value > untracked.baseline + 0.5, `untracked ${untracked.value} M vs ${untracked.baseline} M`);
  // restore, then scrub back to before the cut: the original numbers return
  if (keyboard) { await sw.focus(); await page.keyboard.press('Enter'); } else { await clickCanvas(page, 79.5, 262); }
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'true');
  const start = Date.parse('2017-05-29T00:00:00+08:00');
  const cut = Date.parse(cutAt.replace(' ', 'T') + ':00+08:00');
  const target = Math.round((cut - start) / 3600e3) - 2;
  if (keyboard) {
    await page.locator('#scrubber').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowRight');
  } else {
    await page.locator('#scrubber').fill(String(target));
  }
  await page.waitForFunction((h) => document.querySelector('#scrubber').value === String(h), target);
  // the page has moved to that hour (the clock reads it) before its readouts are read
  const shownAt = new Date(start + target * 3600e3 + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
  await page.waitForFunction((t) => document.querySelector('#clock time')?.textContent.trim() === t, shownAt);
  const back = await readout(page, 'readout-sf-share');
  assert.equal(back.value, back.baseline, 'before the cut the run equals the baseline');
  assert.ok(Math.abs(back.value - before.value) < 0.5);
  const u = await readout(page, 'readout-untracked');
  assert.equal(u.value, 0);
}

test('core story with the mouse: cut SF tracking on the canvas, watch, restore, scrub back', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await coreStory(page, { keyboard: false });
  assert.deepEqual(errors, []);
  await context.close();
});

test('core story with the keyboard only', async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await coreStory(page, { keyboard: true });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [w, h] of [[390, 844], [1280, 800], [1920, 1080]]) {
  test(`layout at ${w}×${h}: nothing overflows sideways (screenshot kept)`, async () => {
    const { page, errors, context } = await openPage(browser, server.url, { width: w, height: h });
    await page.waitForSelector('#network');
    // measured once every chart has drawn and the layout has settled
    await page.waitForFunction(() => document.querySelectorAll('figure.chart canvas').length > 0
      && [...document.querySelectorAll('figure.chart canvas')].every((c) => c.hasAttribute('data-labels')));
    const { overflow } = await settled(page, () => ({ overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth }));
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    await page.screenshot({ path: path.join(ARTIFACTS, `explorer-${w}x${h}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('touch: tapping a data link on the canvas cuts it, tapping again restores it', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#network');
  await page.locator('#network').evaluate((c) => c.scrollIntoView({ block: 'start' }));
  await settled(page, () => { const b = document.querySelector('#network').getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; });
  const box = await page.locator('#network').boundingBox();
  // phone layout (420 units wide): SF's tracking link runs up from the first courier at x ≈ 36
  const k = box.width / 420;
  const at = { x: box.x + 36 * k, y: box.y + 235 * k };
  await page.touchscreen.tap(at.x, at.y);
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  await page.touchscreen.tap(at.x, at.y);
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'true');
  await context.close();
});

test('reduced motion: an embed does not start playing by itself', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(server.url + '#embed=1&autoplay=1&view=network');
  await page.waitForSelector('#network');
  // a negative check: it has not started within 600 ms (playing moves the clock within a frame or two)
  await page.waitForTimeout(600);
  assert.equal(await page.locator('#clock time').textContent(), '2017-05-29 00:00');
  assert.match(await page.locator('#play').textContent(), /Play/);
  await context.close();
});

test('cause next to effect: at 1280×800 the network, the controls and the chart that answers "what did my cut do?" are on the first screen', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=baseline-2017', { width: 1280, height: 800 });
  await page.waitForSelector('#network');
  const box = async (sel) => page.locator(sel).first().boundingBox();
  for (const sel of ['#network', '.controls', '.focus-chart canvas', '#readout-sf-share']) {
    const b = await box(sel);
    assert.ok(b && b.y >= 0 && b.y + Math.min(b.height, 120) <= 800, `${sel} on the first screen (${JSON.stringify(b)})`);
  }
  assert.ok((await box('.focus-chart canvas')).y + (await box('.focus-chart canvas')).height <= 800, 'the whole focus chart is above the fold');
  assert.equal(await page.locator('.focus-chart #chart-share').count(), 1, 'with nothing cut yet, the focus is SF share');
  // cutting a data link turns the focus to untracked parcels, beside the network
  await page.locator('.links button', { hasText: 'Hive Box' }).first().click();
  await page.waitForSelector('.focus-chart #chart-untracked');
  assert.equal(await page.locator('#chart-untracked').count(), 1, 'each chart is shown once');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the canvas speaks: hovering a data link names it, its state and what a click does; a tap on the parcel routes cuts nothing', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=baseline-2017');
  await page.waitForSelector('#network');
  const box = await page.locator('#network').boundingBox();
  const k = box.width / 1000;
  await page.mouse.move(box.x + 79.5 * k, box.y + 262 * k);
  await page.waitForSelector('#net-tip');
  assert.match(await page.locator('#net-tip').textContent(), /SF Express → Cainiao tracking: connected.*Click to cut/);
  await page.mouse.move(box.x + 500 * k, box.y + 530 * k);
  await page.waitForFunction(() => !document.querySelector('#net-tip'));
  // the middle of the bundle of routes from Taobao: no listing is toggled by a tap there
  const before = await page.evaluate(() => [...document.querySelectorAll('button[data-link]')].map((b) => b.getAttribute('aria-checked')).join());
  for (const [x, y] of [[250, 120], [300, 160], [230, 140]]) await page.mouse.click(box.x + x * k, box.y + y * k);
  // a negative check: no switch has changed 200 ms after the taps (a toggle shows within a frame or two)
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('button[data-link]')].map((b) => b.getAttribute('aria-checked')).join()), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a number typed slowly into a parameter field while the run plays stays as typed', async () => {
  // the page renders ten times a second while playing; a field drawn again each time lost
  // what was being typed ("0.25" typed at 4 keys a second became "0.525")
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017');
  await page.waitForSelector('#network');
  await page.evaluate(() => document.querySelector('#param-switch_cost').closest('details')?.setAttribute('open', ''));
  const stopped = await page.locator('#clock time').textContent();
  await page.click('#play');
  // typed while it plays: once the clock has moved
  await page.waitForFunction((t) => document.querySelector('#clock time').textContent !== t, stopped);
  await page.click('#param-switch_cost', { clickCount: 3 });
  await page.keyboard.type('0.25', { delay: 250 });
  assert.equal(await page.locator('#param-switch_cost').inputValue(), '0.25');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Copy link" on a page just opened copies the address and says so', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017&seed=3');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.waitForSelector('#network');
  await page.click('#copy-link');
  await page.waitForFunction(() => document.querySelector('#copy-link').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.evaluate(() => location.href));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Chinese is fetched only when chosen: an English first load does not download it, the language button does, and the page redraws in it', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017&t=2017-06-02T12:00');
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.waitForSelector('#network');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(!asked.some((p) => p.includes('lang-zh')), 'not part of an English first load');
  // the button names the language it switches to, in that language, before its texts are here
  assert.equal((await page.locator('.tools button.lang').textContent()).trim(), '中文');
  await page.locator('.tools button.lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('h1').textContent.includes('快递'));
  assert.ok(asked.some((p) => p.endsWith('/lang-zh.txt')), 'fetched on the switch');
  // the charts are drawn again in Chinese, not left in English
  await page.waitForFunction(() => document.querySelector('#chart-share canvas').getAttribute('aria-label').includes('顺丰'));
  // and back: English needs nothing more
  await page.locator('.tools button.lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Chinese texts that cannot be fetched: the page opens in English and says so, in both languages; so does a switch to Chinese', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(/lang-zh\.txt/, (r) => r.abort());
  const page = await context.newPage();
  await page.goto(server.url + '#scenario=june-2017&lang=zh');
  await page.waitForSelector('#network');
  await page.waitForSelector('#notes');
  const note = await page.locator('#notes li').first().textContent();
  assert.match(note, /^The 中文 texts could not be loaded, so the page is in English; reload to try again\. \(未能加载中文文本/);
  assert.equal(await page.locator('h1').textContent(), 'Parcel Standoff', 'English, not a blank page');
  assert.equal(await page.locator('#notes strong').textContent(), 'Please note', 'not a part of the link');
  await page.close();
  // the same when a reader switches
  const second = await context.newPage();
  await second.goto(server.url + '#scenario=june-2017');
  await second.waitForSelector('#network');
  assert.equal(await second.locator('#notes').count(), 0);
  await second.click('button.lang');
  await second.waitForFunction(() => /could not be loaded/.test(document.querySelector('#notes')?.textContent ?? ''));
  await context.close();
});
