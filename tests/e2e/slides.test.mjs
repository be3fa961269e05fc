// The story as slides: every step on one screen (nothing scrolls, page or panel) at projector and
// laptop sizes in both languages; the reveal shows its evidence (the answer marked on the chart,
// the same number in the panel, the model's answer the strongest text); on a projector no text is
// under 18 px, canvases included; the focus follows the step; and on a phone, while playing, the
// network, a chart and Pause are on one screen. Screenshots of every step go to artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, ARTIFACTS, settled } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// what a person sees of the slide: whether anything scrolls or spills, and where its parts are
const measure = () => {
  const box = (sel) => { const e = document.querySelector(sel); if (!e) return null; const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, h: r.height, w: r.width }; };
  const body = document.querySelector('.story-body');
  const last = body && [...body.querySelectorAll('*')].filter((e) => e.getClientRects().length).reduce((m, e) => Math.max(m, e.getBoundingClientRect().bottom), 0);
  return {
    page: { sh: document.scrollingElement.scrollHeight, sw: document.scrollingElement.scrollWidth, h: innerHeight, w: innerWidth },
    contentBottom: last, nav: box('.story-nav'), next: box('#story-next') || box('#story-sandbox'), back: box('#story-back'),
    net: box('#network'), chart: box('.slide-chart canvas'), story: box('#story'),
    focus: document.activeElement?.id || document.activeElement?.tagName,
  };
};

// every visible piece of text on the page, with its size in CSS pixels
const smallTexts = (min) => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('.sr-only, [hidden], details:not([open]) > :not(summary)')) continue;
    const r = el.getBoundingClientRect();
    if (!el.getClientRects().length || r.bottom < 0 || r.top > innerHeight || getComputedStyle(el).visibility === 'hidden') continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < min) out.push(`${px}px: ${n.textContent.trim().slice(0, 40)}`);
  }
  for (const c of document.querySelectorAll('canvas')) {
    const px = parseFloat(c.dataset.minTextPx || 'NaN');
    if (c.getClientRects().length && !(px >= min)) out.push(`${px}px on canvas ${c.id || c.className}`);
  }
  return out;
};

const SCREENS = [
  { w: 1920, h: 1080, presenter: true },
  { w: 1280, h: 800, presenter: false },
  { w: 1024, h: 768, presenter: false },
  { w: 1024, h: 768, presenter: true },
];

for (const lang of ['en', 'zh']) for (const s of SCREENS) test(`every story step is one screen with its evidence: ${s.w}×${s.h}${s.presenter ? ' presenter' : ''} (${lang})`, async () => {
  const { page, errors, context } = await openPage(browser, server.url + `#lang=${lang}${s.presenter ? '&presenter=1' : ''}`, { width: s.w, height: s.h });
  await page.waitForSelector('#network');
  await page.keyboard.press('s');
  await page.waitForSelector('#story');
  const name = `slide-${lang}-${s.w}x${s.h}${s.presenter ? '-presenter' : ''}`;
  const fits = async (label) => {
    const m = await page.evaluate(measure);
    assert.ok(m.page.sh <= m.page.h + 1 && m.page.sw <= m.page.w + 1, `${label}: the page scrolls (${JSON.stringify(m.page)})`);
    assert.ok(m.contentBottom <= m.nav.top + 1, `${label}: the step's words run under Back/Next (${m.contentBottom} > ${m.nav.top})`);
    for (const k of ['next', 'back', 'net', 'chart']) assert.ok(m[k] && m[k].top >= 0 && m[k].bottom <= m.page.h + 1, `${label}: ${k} is not on screen (${JSON.stringify(m[k])})`);
    assert.ok(m.net.h >= 200 && m.chart.h >= 120, `${label}: the network (${m.net.h} px) or the chart (${m.chart.h} px) is too small to read`);
    if (s.presenter) {
      assert.ok(m.net.w + m.story.w >= 0.75 * s.w, `${label}: the slide leaves the screen's width empty`);
      // 18 px on a 1920-px projector; in proportion on a smaller one (its pixels are larger)
      const floor = Math.min(18, Math.max(11, (s.w * 18) / 1920));
      assert.deepEqual(await page.evaluate(smallTexts, floor), [], `${label}: text under ${floor} px on a projector`);
    }
    return m;
  };
  let questions = 0;
  for (let step = 1; ; step++) {
    await page.waitForFunction((n) => document.querySelector('.story-count')?.textContent.includes(` ${n} / `), step);
    const hasQuestion = (await page.locator('.question').count()) > 0;
    // the focus follows the step: its first choice, or its words
    const want = hasQuestion ? 'story-choice-0' : 'story-text';
    await page.waitForFunction((id) => document.activeElement?.id === id, want, { timeout: 10000 }).catch(async () => {
      assert.fail(`step ${step}: the focus is on ${await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName)}, not ${want}`);
    });
    await fits(`step ${step}`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-step${step}.png`) });
    if (hasQuestion) {
      questions++;
      // arrows move between the choices; Enter chooses; Tab reaches Reveal
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'story-choice-2');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#story-choice-2').getAttribute('aria-pressed'), 'true');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'story-reveal');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'story-answer', null, { timeout: 10000 });
      // the answer marked on the chart: the point, its value and the no-cuts value — the
      // numbers the panel gives
      await page.waitForFunction(() => (document.querySelector('.slide-chart canvas')?.dataset.marks || '').includes('|'));
      const marks = await page.locator('.slide-chart canvas').getAttribute('data-marks');
      const evidence = await page.locator('#story-evidence').textContent();
      for (const n of marks.match(/-?\d+(\.\d+)?/g)) assert.ok(evidence.includes(n), `the chart marks ${n}, the panel says "${evidence}"`);
      // the model's answer is the strongest text in the panel: marked in words, ✓, bold, largest
      const right = page.locator('.choice.right');
      assert.equal(await right.count(), 1);
      assert.match(await right.textContent(), lang === 'en' ? /✓.*the model's answer/ : /✓.*模型的答案/);
      const style = await right.evaluate((e) => { const c = getComputedStyle(e); return { size: parseFloat(c.fontSize), weight: +c.fontWeight, opacity: +c.opacity }; });
      const largest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('#story .answer p, #story .prompt, #story .choice:not(.right)')].map((e) => parseFloat(getComputedStyle(e).fontSize))));
      assert.ok(style.weight >= 700 && style.opacity === 1 && style.size >= largest, `the answer is not the strongest text: ${JSON.stringify(style)} vs ${largest}`);
      if (!(await page.locator('#story-choice-2.right').count())) assert.match(await page.locator('#story-choice-2').textContent(), /✗/);
      await fits(`step ${step}, revealed`);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-step${step}-reveal.png`) });
    }
    if (!(await page.locator('#story-next').count())) break;
    await page.locator('#story-next').focus();
    await page.keyboard.press('Enter');
    assert.ok(step < 20);
  }
  assert.equal(questions, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const lang of ['en', 'zh']) test(`on a phone, while playing, the network, a chart and Pause are on one screen; every story step pictured (${lang})`, async () => {
  const { page, errors, context } = await openPage(browser, server.url + `#scenario=june-2017&lang=${lang}`, { width: 390, height: 844 });
  await page.waitForSelector('#network');
  const together = async (label, chart) => {
    await page.locator('#play').click();
    await page.waitForFunction(() => document.querySelector('#play').textContent.includes('❚❚'));
    // Play brings the network on screen (smoothly or not): wait until the scroll has settled
    await settled(page, () => document.scrollingElement.scrollTop);
    const seen = await page.evaluate((chartSel) => {
      const on = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; };
      return { net: on('#network'), chart: on(chartSel), pause: on('#play'), netWidth: Math.round(document.querySelector('#network').getBoundingClientRect().width) };
    }, chart);
    const netWidth = seen.netWidth;
    delete seen.netWidth;
    assert.deepEqual(seen, { net: true, chart: true, pause: true }, label);
    // large enough to read: the phone's portrait picture at 36 % of the screen's height
    assert.ok(netWidth >= 220, `${label}: the network is ${netWidth} px wide`);
    await page.screenshot({ path: path.join(ARTIFACTS, `phone-playing-${label}-${lang}-390x844.png`) });
    await page.locator('#play').click();
  };
  await together('explorer', '.focus-chart canvas');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.press('s');
  await page.waitForSelector('#story');
  for (let step = 1; ; step++) {
    await page.waitForFunction((n) => document.querySelector('.story-count')?.textContent.includes(` ${n} / `), step);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, `slide-${lang}-390x844-step${step}.png`), fullPage: true });
    if (step === 2) await together('story', '.slide-chart canvas');
    if (!(await page.locator('#story-next').count())) break;
    await page.locator('#story-next').click();
  }
  assert.deepEqual(errors, []);
  await context.close();
});
