// What a reader who touches nothing downloads, and the page that cannot start a worker. Bands wait
// for the reader's first action (or ten seconds of frames): the workers' module is not fetched in
// the first seconds. Without a worker (the offline file, a policy that forbids workers) the page
// computes the same jobs itself a slice of each frame, so a heavy experiment never freezes it.
// The figures (bytes, tasks) are printed; what is asserted is not wall-clock: what was requested
// before an action, that a click is handled while an experiment computes, that it finishes, and
// the CPU time of the page's longest task.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, longestTasks, until } from './util.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve('dist', 0); });
after(async () => { await browser?.close(); await server?.close(); });

const WORKER = /uncertainty-worker\.js|parcel-standoff-worker/;
const PANELS = /parcel-standoff-panels/;

test('a reader who touches nothing downloads the page alone; the first action fetches the workers and the bands come', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // bytes over the wire, counted by the server on its sockets (headers and the precompressed
  // bodies), for every request the page or its workers make
  const got = []; // [ms since the start, path, bytes]
  let t0 = 0;
  const count = (req, res) => {
    const before = req.socket.bytesWritten;
    res.on('finish', () => got.push([Date.now() - t0, req.url, req.socket.bytesWritten - before]));
  };
  server.server.on('request', count);
  // the page's long tasks from its first moment (a printout: the model's run is built over several
  // tasks before the first drawing, which has one of its own)
  await page.addInitScript(() => {
    window.longTasks_ = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks_.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  });
  t0 = Date.now();
  await page.goto(server.url + '#scenario=june-2017&t=2017-06-03T12:00');
  await page.waitForSelector('#network');
  // six seconds untouched (a reader reading): a condition on the test's clock, nothing waited on the page
  await until(() => Date.now() - t0 >= 6000, 'six seconds', { timeout: 10000 });
  const first = got.filter(([ms]) => ms <= 6000);
  const bytes = first.reduce((a, [, , b]) => a + b, 0);
  const name = (u) => path.basename(u.split(/[?#]/)[0]) || 'index.html';
  console.log(`# first 6 s untouched: ${bytes} B over the wire in ${first.length} responses (${first.map(([, u, b]) => `${name(u)} ${b}`).join(', ')})`);
  const longs = await page.evaluate(() => window.longTasks_);
  console.log(`# first 6 s untouched: longest main-thread task ${Math.max(0, ...longs)} ms (tasks over 50 ms: ${longs.join(', ') || 'none'}); first contentful paint ${await page.evaluate(() => Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1))} ms`);
  assert.deepEqual(got.map(([, u]) => u).filter((u) => WORKER.test(u)), [], 'no worker script nor module before the reader does anything');
  assert.deepEqual(got.map(([, u]) => u).filter((u) => PANELS.test(u)), [], 'no experiments panel module before the reader scrolls to it');
  assert.equal(await page.locator('#unc-effects, #bands-progress, .readout-card .likely').count(), 0, 'no interval and no progress shown before they are asked for');
  // the first action (Play) asks for the bands: the workers start and the ranges come
  await page.click('#play');
  await page.waitForSelector('#readout-untracked .likely', { timeout: 60000 });
  // "How sure is this?" waits for its place to come near the screen: not fetched in the first
  // seconds of play (tests/e2e/uncertainty.test.mjs)
  assert.deepEqual(got.map(([, u]) => u).filter((u) => PANELS.test(u)), [], 'no panels\' module while the reader has not scrolled');
  const later = got.filter(([, u]) => WORKER.test(u));
  console.log(`# after the first action: the workers fetched ${later.reduce((a, [, , b]) => a + b, 0)} B (${later.map(([, u, b]) => `${name(u)} ${b}`).join(', ')})`);
  server.server.off('request', count);
  assert.ok(later.some(([, u]) => /parcel-standoff-worker_bg\.wasm/.test(u)), 'the module came once asked for');
  assert.equal(await page.locator('#readout-untracked .likely').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

// An A/B comparison on a world three times the default, one side reviewing couriers daily: 16 runs
// of about a second each on this machine (each was one task before).
const HEAVY_AB = '#scenario=june-2017&p.merchants=30000&a=review_days:1&b=review_days:30';

/** Open `url` (its experiment computes on the page), then time the page's tasks while the experiment
 * computes; a click on Play is handled while it still does. */
async function computesInSlices(page, url, what) {
  await page.goto(url);
  await page.waitForSelector('#unc-in-page', { timeout: 60000 });
  await page.waitForSelector('#exp-progress', { timeout: 60000 });
  const t0 = Date.now();
  const { cpuMs, wallMs, tasks } = await longestTasks(browser, page, async () => {
    // the page answers a click while the experiment is still computing
    await page.click('#play');
    await page.waitForFunction(() => /Pause/.test(document.querySelector('#play')?.textContent ?? ''));
    const during = await page.locator('#exp-progress').count();
    await page.waitForSelector('#exp-result', { timeout: 300000 });
    return during;
  }).then((r) => { assert.equal(r.result, 1, `${what}: the click was handled before the experiment was done`); return r; });
  const over = tasks.filter((t) => t.cpuMs > 50).length;
  console.log(`# ${what}: heavy A/B (16 runs, 30,000 merchants) in ${((Date.now() - t0) / 1000).toFixed(1)} s; longest task cpu ${cpuMs} ms, wall ${wallMs} ms; ${over} tasks over 50 ms cpu`);
  assert.ok(cpuMs < 200, `${what}: no page task over 200 ms (cpu) while the experiment computes: ${cpuMs} ms (wall ${wallMs} ms)`);
  assert.match(await page.locator('#exp-verdict').textContent(), /\S/);
}

test('the offline file computes a heavy experiment on the page in slices: it finishes, and a click is handled meanwhile', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await computesInSlices(page, 'file://' + path.resolve('dist/parcel-standoff.single.html') + HEAVY_AB, 'offline file');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a served page whose policy forbids workers computes on the page in slices too', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // a second policy, sent by the server: workers forbidden, everything else as the page's own
  await page.route((u) => u.pathname === '/' || u.pathname.endsWith('/index.html'), async (route) => {
    const r = await route.fetch();
    await route.fulfill({ response: r, headers: { ...r.headers(), 'content-security-policy': "worker-src 'none'" } });
  });
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await computesInSlices(page, server.url + HEAVY_AB, 'served, workers forbidden');
  assert.deepEqual(workers, [], 'no worker ran');
  assert.deepEqual(errors, []);
  await context.close();
});

test("bench: the page's frames while its own bands compute, playing: one worker on two cores, two on four", async () => {
  const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
  for (const cores of [2, 4]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // the cores the page is told it has (the machine is the same)
    await page.addInitScript((c) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => c }), cores);
    await page.goto(server.url + '#scenario=june-2017');
    await page.waitForSelector('#network');
    await page.evaluate(() => {
      window.frames_ = [];
      let last = performance.now();
      const tick = (now) => { window.frames_.push(now - last); last = now; if (!window.stop_) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    await page.click('#play'); // the first action: the bands start
    await page.waitForSelector('#readout-untracked .likely', { timeout: 120000 });
    const f = await page.evaluate(() => { window.stop_ = true; return window.frames_.slice(2); });
    const workers = page.workers().length;
    console.log(`# ${cores} cores → ${workers} worker(s): bands in ${((Date.now() - t0) / 1000).toFixed(1)} s; the page playing meanwhile: frame p50 ${pct(f, 0.5).toFixed(1)} ms, p95 ${pct(f, 0.95).toFixed(1)} ms over ${f.length} frames`);
    assert.equal(workers, cores === 2 ? 1 : 2, 'a worker per core but one, at most two');
    await context.close();
  }
});
