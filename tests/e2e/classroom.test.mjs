// A teacher's session: the guided story with the keyboard only, presenter mode, exports, both
// languages, and axe-core accessibility checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, openPage, ARTIFACTS, waitAttr, settled } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function axe(page, label) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target}`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

for (const lang of ['en', 'zh']) test(`the story from start to end with the keyboard only, on a projector-sized screen (${lang})`, async () => {
  const { page, errors, context } = await openPage(browser, server.url + `#lang=${lang}`, { width: 1920, height: 1080 });
  await page.waitForSelector('#network');
  await page.keyboard.press('p');
  assert.equal(await page.locator('.app.presenter').count(), 1, 'P turns presenter mode on');
  await page.keyboard.press('s');
  await page.waitForSelector('#story');
  assert.match(await page.locator('#story-title').textContent(), lang === 'en' ? /110 million/ : /1\.1亿/);
  let steps = 1;
  let questions = 0;
  for (;;) {
    if (await page.locator('.question').count()) {
      questions++;
      const clock = await page.locator('#clock time').textContent();
      // predict: Tab to the first choice, choose it, then Tab to Reveal
      await page.locator('.choice').first().focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('.choice').first().getAttribute('aria-pressed'), 'true');
      await page.locator('#story-reveal').focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('#story-explain');
      assert.notEqual(await page.locator('#clock time').textContent(), clock, 'reveal moves the simulation on');
      assert.equal(await page.locator('.choice.right').count(), 1, 'the supported answer is marked');
      // the first choice was chosen: the verdict says in words whether it was right, and a wrong
      // choice is marked too
      const firstRight = await page.locator('.choice').first().evaluate((b) => b.classList.contains('right'));
      const verdict = page.locator('#story-verdict');
      assert.equal(await verdict.evaluate((v, cls) => v.classList.contains(cls), firstRight ? 'right' : 'wrong'), true);
      assert.match(await verdict.textContent(), firstRight ? (lang === 'en' ? /^Right/ : /^答对了/) : (lang === 'en' ? /^Not this time/ : /^这次没答对/));
      assert.equal(await page.locator('.choice.wrong').count(), firstRight ? 0 : 1);
    }
    if (!(await page.locator('#story-next').count())) break;
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight');
    steps++;
    assert.ok(steps < 20);
    // the next step is on screen before it is read
    await page.waitForFunction((n) => document.querySelector('.story-count')?.textContent.includes(` ${n} / `), steps);
  }
  assert.equal(steps, 8);
  assert.equal(questions, 3);
  await page.screenshot({ path: path.join(ARTIFACTS, `story-presenter-${lang}-1920x1080.png`) });
  // the end of the story opens the sandbox
  await page.locator('#story-sandbox').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#story').count(), 0);
  assert.equal(await page.locator('#scenario').inputValue(), 'june-2017');
  // ? opens the help overlay with every shortcut, Esc closes it
  await page.keyboard.press('?');
  await page.waitForSelector('#help');
  for (const k of ['Space', 'R', 'F', '?']) assert.ok((await page.locator('#help').textContent()).includes(k));
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#help').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Space plays and pauses, R resets, arrows step', async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.waitForSelector('#network');
  const clock = () => page.locator('#clock time').textContent();
  const shows = (t) => page.waitForFunction((x) => document.querySelector('#clock time').textContent === x, t, { timeout: 5000 });
  const t0 = await clock();
  await page.keyboard.press('ArrowRight');
  await shows('2017-05-29 01:00');
  await page.keyboard.press('ArrowRight');
  await shows('2017-05-29 02:00');
  await page.keyboard.press('ArrowLeft');
  await shows('2017-05-29 01:00');
  await page.keyboard.press(' ');
  await page.waitForFunction((t) => document.querySelector('#clock time').textContent !== t, '2017-05-29 01:00');
  await page.keyboard.press(' ');
  await page.keyboard.press('r');
  await shows(t0);
  await context.close();
});

test('exports: CSV of every series with its baseline, PNG pictures, and a set-up file that loads back', async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.waitForSelector('#network');
  await page.selectOption('#scenario', 'june-2017');
  for (let i = 0; i < 30; i++) await page.click('#step');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 31, 'a header and one row per simulated hour');
  assert.equal(csv.suggestedFilename(), 'parcel-standoff-june-2017-to-2017-05-30T06.csv', 'the name says which hours it holds');
  // the whole run, from the middle of it: the command line's CSV, byte for byte
  const [whole] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-all')]);
  assert.equal(whole.suggestedFilename(), 'parcel-standoff-june-2017-whole-run.csv');
  const cliWhole = execFileSync(path.resolve('target/native/standoff'), ['run', '--scenario', 'june-2017', '--csv', '-'], { maxBuffer: 64 << 20 }).toString();
  assert.equal(fs.readFileSync(await whole.path(), 'utf8'), cliWhole);
  assert.equal(await page.locator('#clock time').textContent(), '2017-05-30 06:00', 'exporting the whole run does not move the clock');
  assert.ok(lines[0].includes('share.sf') && lines[0].includes('baseline.share.sf'));
  // the app tells the same story as the command line: the whole run, byte for byte
  await page.locator('#scrubber').fill('312');
  await page.waitForFunction(() => document.querySelector('#clock time').textContent === '2017-06-11 00:00');
  const [all] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const cli = execFileSync(path.resolve('target/native/standoff'), ['run', '--scenario', 'june-2017', '--csv', '-'], { maxBuffer: 64 << 20 }).toString();
  assert.equal(fs.readFileSync(await all.path(), 'utf8'), cli);
  await page.locator('#scrubber').fill('30');
  await page.waitForFunction(() => document.querySelector('#clock time').textContent === '2017-05-30 06:00');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-network')]);
  const bytes = fs.readFileSync(await png.path());
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  const [chart] = await Promise.all([page.waitForEvent('download'), page.click('#chart-share button.png')]);
  const img = fs.readFileSync(await chart.path());
  assert.equal(img.subarray(1, 4).toString(), 'PNG');
  // the picture carries its title, scenario, time and key: it is taller than the chart on screen
  const shown = await page.locator('#chart-share canvas').evaluate((c) => c.height);
  assert.ok(img.readUInt32BE(20) > shown + 40, `picture ${img.readUInt32BE(20)} px tall, chart ${shown} px`);
  // a set-up with a cut, saved and loaded back
  await page.click("button[data-link='locker.hivebox']");
  const [setup] = await Promise.all([page.waitForEvent('download'), page.click('#save-setup')]);
  const saved = fs.readFileSync(await setup.path(), 'utf8');
  assert.match(saved, /locker\.hivebox/);
  await page.click('#reset');
  assert.equal(await page.locator("button[data-link='locker.hivebox']").getAttribute('aria-checked'), 'true');
  await page.setInputFiles('#load-setup', { name: 'setup.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await page.waitForFunction(() => document.querySelector("button[data-link='locker.hivebox']").getAttribute('aria-checked') === 'false');
  assert.equal(await page.locator('#clock time').textContent(), '2017-05-30 06:00');
  // a broken file is explained and changes nothing
  const broken = saved.replace('locker.hivebox', 'locker.amazon');
  await page.setInputFiles('#load-setup', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await page.waitForSelector('#load-error');
  assert.match(await page.locator('#load-error').textContent(), /locker\.amazon/);
  assert.equal(await page.locator("button[data-link='locker.hivebox']").getAttribute('aria-checked'), 'false');
  await context.close();
});

test('Chinese from the link, and every visible control translated', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#lang=zh');
  await page.waitForSelector('#network');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('h1').textContent(), '快递数据之争');
  assert.match(await page.locator('#play').textContent(), /播放/);
  assert.match(await page.locator("button[data-link='track.sf']").getAttribute('aria-label'), /顺丰速运 → 菜鸟/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-zh-1280x800.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const lang of ['en', 'zh']) {
  test(`axe finds no WCAG 2.1 AA or best-practice violations (${lang}): explorer, story, presenter`, async () => {
    const { page, context } = await openPage(browser, server.url + `#lang=${lang}`);
    await page.waitForSelector('#network');
    await axe(page, `explorer (${lang})`);
    await page.click('#story-start');
    await page.waitForSelector('#story');
    await page.click('#story-next');
    await axe(page, `story (${lang})`);
    await page.click('#presenter');
    await axe(page, `presenter (${lang})`);
    await page.keyboard.press('?');
    await axe(page, `help overlay (${lang})`);
    await context.close();
  });
}

test('a screen reader hears what happened, with SF\'s share against the baseline', async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.waitForSelector('#network');
  await page.selectOption('#scenario', 'june-2017');
  // to the evening of 1 June, just after Taobao removes SF
  await page.locator('#scrubber').fill(String(3 * 24 + 19));
  await page.waitForFunction(() => document.querySelector('#announce').textContent.includes('remove SF Express'));
  const said = await page.locator('#announce').textContent();
  assert.match(said, /SF's share is now \d+\.\d%, without the cuts \d+\.\d%\./);
  assert.equal(await page.locator('#announce').getAttribute('aria-live'), 'polite');
  await context.close();
});

test('the browser language chooses Chinese when the link does not say', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#network');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('h1').textContent(), '快递数据之争');
  await page.goto(server.url + '#lang=en');
  await page.reload();
  await page.waitForSelector('#network');
  assert.equal(await page.locator('h1').textContent(), 'Parcel Standoff');
  await context.close();
});

test('R or S never lose a prepared set-up silently: the page offers it back, and U brings it back', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=baseline-2017&t=2017-05-30T05:00&cut=track.sf@2017-05-29T03:00');
  await page.waitForSelector('#network');
  await page.locator('body').focus();
  await page.keyboard.press('r');
  await page.waitForSelector('#undo-offer');
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'true');
  await page.keyboard.press('u');
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  assert.equal(await page.locator('#undo-offer').count(), 0);
  // the story replaces the scenario: the offer's button brings it back
  await page.keyboard.press('s');
  await page.waitForSelector('#story');
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelector('#scenario')?.value === 'baseline-2017');
  await waitAttr(page, "button[data-link='track.sf']", 'aria-checked', 'false');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [w, h, presenter] of [[1920, 1080, true], [1280, 800, false], [1024, 768, false]]) {
  test(`story at ${w}×${h}${presenter ? ' (presenter)' : ''}: at Reveal the network and the verdict are on screen together`, async () => {
    const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017', { width: w, height: h });
    await page.waitForSelector('#network');
    await page.locator('body').focus();
    if (presenter) await page.keyboard.press('p');
    await page.keyboard.press('s');
    await page.waitForSelector('#story');
    // (→ from the page; on a question the focus is on a choice, where arrows move between
    // choices: each step's own focus — its text or first choice, set a frame after it is drawn —
    // is waited for and then taken away, so that a late focus on a busy machine cannot catch the →)
    for (let i = 1; i <= 3; i++) {
      await page.waitForFunction((n) => document.querySelector('.story-count')?.textContent.includes(` ${n} / `), i);
      await page.waitForFunction(() => ['story-text', 'story-choice-0'].includes(document.activeElement?.id));
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('ArrowRight');
    }
    await page.waitForFunction(() => document.querySelector('.story-count')?.textContent.includes(' 4 / '));
    await page.locator('.choice').nth(1).click();
    await page.click('#story-reveal');
    await page.waitForSelector('#story-verdict');
    // measured once the layout has settled (the same two frames apart)
    const r = await settled(page, () => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      return { net: box('#network'), verdict: box('#story-verdict'), vh: innerHeight, vw: innerWidth, title: parseFloat(getComputedStyle(document.querySelector('#story-title')).fontSize), text: parseFloat(getComputedStyle(document.querySelector('.story-text')).fontSize) };
    });
    assert.ok(r.net.top >= 0 && r.net.top + 0.6 * r.net.height <= r.vh, `most of the network on screen: ${JSON.stringify(r.net)}`);
    assert.ok(r.verdict.top >= 0 && r.verdict.bottom <= r.vh, `the verdict on screen: ${JSON.stringify(r.verdict)}`);
    assert.ok(r.verdict.left > r.net.right - 1, 'the story sits beside the network');
    assert.ok(r.title >= r.text, `the story title (${r.title}px) is not smaller than its text (${r.text}px)`);
    assert.match(await page.locator('#story-verdict').textContent(), /^Not this time/);
    await page.screenshot({ path: path.join(ARTIFACTS, `story-reveal-${w}x${h}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
