// Charts a reader can read: every line is named at its end and no two names overlap, on a phone
// and on a laptop, early in the run and at its end (the label boxes are the ones drawn; the chart
// publishes them on its canvas as data-labels).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, ARTIFACTS, settled } from './util.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve('dist', 0); });
after(async () => { await browser?.close(); await server?.close(); });

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

for (const [w, h] of [[390, 844], [1280, 800]]) {
  for (const t of ['2017-06-02T12:00', '2017-06-10T23:00']) {
    test(`at ${w}×${h}, ${t}: every chart line is named and no two names overlap`, async () => {
      const { page, errors, context } = await openPage(browser, server.url + `#scenario=june-2017&t=${t}`, { width: w, height: h });
      await page.waitForSelector('#chart-sharediff canvas[data-labels]');
      // read once the charts' labels have settled (the same two frames apart)
      const charts = await settled(page, () => [...document.querySelectorAll('figure.chart canvas[data-labels]')].map((c) => ({
        id: c.closest('figure').id,
        w: c.clientWidth,
        h: c.clientHeight,
        boxes: c.dataset.labels ? c.dataset.labels.split(';').map((s) => { const [x, y, w, h] = s.split(',').map(Number); return { x, y, w, h }; }) : [],
      })));
      assert.ok(charts.length >= 5, `${charts.length} charts`);
      const named = Object.fromEntries(charts.map((c) => [c.id, c.boxes.length]));
      assert.equal(named['chart-sharediff'], 9, 'who gains: all nine couriers named');
      assert.equal(named['chart-untracked'], 1);
      assert.equal(named['chart-inquiries'], 1, 'a rate on its own axis, apart from the stock');
      for (const c of charts) {
        for (const [i, a] of c.boxes.entries()) {
          assert.ok(a.x >= 0 && a.x + a.w <= c.w + 0.5 && a.y >= 0 && a.y + a.h <= c.h + 0.5, `${c.id}: label ${i} inside its chart`);
          for (const b of c.boxes.slice(i + 1)) assert.ok(!overlap(a, b), `${c.id}: labels overlap ${JSON.stringify([a, b])}`);
        }
      }
      if (t.startsWith('2017-06-10')) await page.screenshot({ path: path.join(ARTIFACTS, `charts-${w}x${h}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
