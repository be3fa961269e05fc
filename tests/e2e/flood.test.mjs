// Floods of input and the page's memory: 300 fragment changes made to an embed by its page, 2,000
// seeks and 1,000 cut/restores from a host in one go, a first load untouched, and a heavy link then a
// light one. Each prints the longest main-thread task it caused (CPU time of the renderer's main
// thread, from a trace: a busy machine stretches wall time, not CPU time) and asserts what is not a
// matter of the clock: the final state is the last one sent, every request id is answered once and in
// order, and memory after heavy → light is within 2× of a fresh page's, or the page reloaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, longestTasks, until } from './util.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve('dist', 0); });
after(async () => { await browser?.close(); await server?.close(); });

const P = { protocol: 'parcel-standoff', version: 1 };
/** `2017-05-29T00:00` plus `h` hours, as the protocol writes times. */
const at = (h) => new Date(Date.UTC(2017, 4, 29, h)).toISOString().slice(0, 16);

const summary = (r) => {
  const over = (ms) => r.tasks.filter((t) => t.cpuMs > ms).length;
  return `longest task cpu ${r.cpuMs} ms (wall ${r.wallMs} ms); ${over(50)} tasks over 50 ms, ${over(200)} over 200 ms of cpu`;
};

/** A host page on the app's origin with the embed `src` in a frame; its events land in `window.events`. */
async function hostPage(src) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(server.url + 'host.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>host</title>' }));
  await page.goto(server.url + 'host.html');
  await page.evaluate((url) => {
    window.events = [];
    window.addEventListener('message', (e) => { if (e.data?.protocol === 'parcel-standoff') window.events.push(e.data); });
    const f = document.createElement('iframe');
    f.id = 'f';
    f.src = url;
    f.style.cssText = 'width:900px;height:600px';
    document.body.append(f);
  }, server.url + src);
  await page.waitForFunction(() => window.events.some((e) => e.event === 'state'), null, { timeout: 30000 });
  return { page, context, errors };
}

/** Ids of the replies the host got (state or error), in the order they came. */
const replies = (page) => page.evaluate(() => window.events.filter((e) => e.id !== undefined).map((e) => e.id));

test('300 fragment changes made by the embedding page: no long task, and the embed ends on the last address', async () => {
  const h = await hostPage('index.html#embed=1&view=network&scenario=june-2017&t=2017-05-30T00:00');
  const N = 300;
  const last = at(N - 1 + 12);
  const t0 = Date.now();
  const r = await longestTasks(browser, h.page, async () => {
    // what any page may do to a frame it embeds (no `origins=` needed): set its address, in one task
    await h.page.evaluate(([n, base]) => {
      const f = document.getElementById('f');
      for (let i = 0; i < n; i++) {
        const t = new Date(Date.UTC(2017, 4, 29, i + 12)).toISOString().slice(0, 16);
        f.src = `${base}#embed=1&view=network&scenario=${i === n - 1 ? 'baseline-2017' : 'june-2017'}&t=${t}`;
      }
    }, [N, server.url + 'index.html']);
    await h.page.waitForFunction((t) => window.events.some((e) => e.event === 'state' && e.t === t && e.scenario === 'baseline-2017'), last, { timeout: 180000 });
  });
  const applied = await h.page.evaluate(() => window.events.filter((e) => e.event === 'state' && e.id === undefined).length);
  console.log(`# ${N} fragment changes: the last address shown after ${Date.now() - t0} ms (${applied} states told on the way); ${summary(r)}`);
  // the aim is no task over 200 ms (the figures above); this bound catches a freeze (one task of
  // 10 s of CPU before the changes were gathered) without failing on a loaded machine
  assert.ok(r.cpuMs < 500, `no task over 500 ms (cpu): ${summary(r)}`);
  // nothing older comes after it: a request sent now is answered with the last address's state
  await h.page.evaluate((p) => document.getElementById('f').contentWindow.postMessage({ ...p, command: 'get', id: 'after' }, '*'), P);
  await h.page.waitForFunction(() => window.events.some((e) => e.id === 'after'), null, { timeout: 30000 });
  const st = await h.page.evaluate(() => window.events.find((e) => e.id === 'after'));
  assert.equal(st.t, last);
  assert.equal(st.scenario, 'baseline-2017');
  assert.equal(await h.page.frameLocator('#f').locator('#clock time').textContent(), last.replace('T', ' '));
  assert.deepEqual(h.errors, []);
  await h.context.close();
});

for (const [what, n, command] of [
  ['2,000 seeks', 2000, (i) => ({ command: 'seek', t: at(24 + (i * 7) % 240) })],
  ['1,000 cuts and restores', 1000, (i) => ({ command: i % 2 ? 'restore' : 'cut', link: 'track.sf' })],
]) {
  test(`${what} posted by the host in one task: every id answered once and in order, the last state wins, no long task`, async () => {
    const h = await hostPage('index.html#embed=1&view=network&scenario=june-2017&t=2017-06-02T12:00');
    const msgs = Array.from({ length: n }, (_, i) => ({ ...P, ...command(i), id: i }));
    const before = (await replies(h.page)).length;
    const t0 = Date.now();
    const r = await longestTasks(browser, h.page, async () => {
      await h.page.evaluate((m) => { const w = document.getElementById('f').contentWindow; for (const x of m) w.postMessage(x, '*'); }, msgs);
      await h.page.waitForFunction((k) => window.events.some((e) => e.id === k), n - 1, { timeout: 180000 });
    });
    console.log(`# ${what} from the host: all answered after ${Date.now() - t0} ms; ${summary(r)}`);
    // aim: none over 200 ms; the bound catches a freeze (1.6 s and 3.8 s of CPU in one task before
    // bursts were handled together) without failing on a loaded machine
    assert.ok(r.cpuMs < 500, `no task over 500 ms (cpu): ${summary(r)}`);
    const ids = (await replies(h.page)).slice(before);
    assert.deepEqual(ids, msgs.map((m) => m.id), 'each id answered exactly once, in the order sent');
    const events = await h.page.evaluate(() => window.events.filter((e) => typeof e.id === 'number'));
    assert.ok(events.every((e) => e.event === 'state'), 'none refused');
    // the reply to the last command, and the state after everything, are the last command's
    const final = events.at(-1);
    await h.page.evaluate((p) => document.getElementById('f').contentWindow.postMessage({ ...p, command: 'get', id: 'after' }, '*'), P);
    await h.page.waitForFunction(() => window.events.some((e) => e.id === 'after'), null, { timeout: 30000 });
    const after = await h.page.evaluate(() => window.events.find((e) => e.id === 'after'));
    if (command(0).command === 'seek') {
      assert.equal(final.t, msgs.at(-1).t);
      assert.equal(after.t, msgs.at(-1).t);
    } else {
      assert.ok(!final.cut.includes('track.sf') && !after.cut.includes('track.sf'), 'an even number of toggles leaves the link up');
      assert.equal(after.t, '2017-06-02T12:00');
    }
    assert.deepEqual(h.errors, []);
    await h.context.close();
  });
}

test('a first load, untouched: the longest task of the page until its charts are drawn', async () => {
  // a fresh browser profile, the project's server, the default page
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('about:blank');
  const r = await longestTasks(browser, page, async () => {
    await page.goto(server.url);
    await page.waitForSelector('#network');
    // every chart on the page has been drawn (a drawn canvas is not blank)
    await page.waitForFunction(() => {
      const cs = [...document.querySelectorAll('.chart canvas, canvas.chart')];
      return cs.length > 0 && cs.every((c) => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0));
    }, null, { timeout: 60000, polling: 100 });
  });
  const boot = r.tasks.filter((t) => t.cpuMs > 50).map((t) => Math.round(t.cpuMs));
  console.log(`# first load untouched: ${summary(r)}; tasks over 50 ms (cpu): ${boot.join(', ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

const LIGHT = '#scenario=june-2017&t=2017-06-02T12:00';
const HEAVY = '#scenario=june-2017&t=2017-06-10T12:00&p.merchants=60000&p.review_days=1&cut=track.sf@2017-05-30T10:00';
const LIGHT2 = '#scenario=baseline-2017&t=2017-06-03T06:00';

test('memory after a heavy link and then a light one: within 2× of a fresh page, or the page reloaded into the light state', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // the page's WebAssembly memories, however the glue instantiates its module
  await page.addInitScript(() => {
    window.wasmMemories = [];
    const keep = (r) => { const i = r.instance ?? r; for (const v of Object.values(i.exports ?? {})) if (v instanceof WebAssembly.Memory) window.wasmMemories.push(v); return r; };
    for (const f of ['instantiate', 'instantiateStreaming']) {
      const orig = WebAssembly[f];
      WebAssembly[f] = (...a) => orig.apply(WebAssembly, a).then(keep);
    }
  });
  const mb = () => page.evaluate(() => Math.max(...window.wasmMemories.map((m) => m.buffer.byteLength)) / 2 ** 20);
  const shown = (t) => page.waitForFunction((x) => document.querySelector('#clock time')?.textContent === x && !document.querySelector('#building'), t, { timeout: 240000 });
  await page.goto(server.url + LIGHT);
  await shown('2017-06-02 12:00');
  const fresh = await mb();
  // links followed within the page (what Back, Forward and a pasted link do)
  await page.evaluate(() => { window.samePage = true; });
  await page.evaluate((x) => { location.hash = x; }, HEAVY);
  await page.waitForSelector('#building', { timeout: 30000 }).catch(() => {});
  await shown('2017-06-10 12:00');
  const heavy = await mb();
  await page.evaluate((x) => { location.hash = x; }, LIGHT2);
  await shown('2017-06-03 06:00');
  // a reload shows the light state: wait until its module is up (its memory captured again)
  await until(() => page.evaluate(() => window.wasmMemories.length > 0), 'the module after a reload');
  const reloaded = await page.evaluate(() => !window.samePage);
  const light = await mb();
  console.log(`# wasm memory: fresh ${fresh.toFixed(1)} MB, after the heavy link ${heavy.toFixed(1)} MB, after a light one then ${light.toFixed(1)} MB (${(light / fresh).toFixed(2)}× fresh${reloaded ? ', after the page reloaded itself' : ''})`);
  assert.ok(light <= 2 * fresh || reloaded, `memory after heavy → light: ${light.toFixed(1)} MB, ${(light / fresh).toFixed(2)}× a fresh page's ${fresh.toFixed(1)} MB, and no reload`);
  // the light state is what the address says, whichever way it came back
  assert.match(await page.evaluate(() => location.hash), /scenario=baseline-2017/);
  assert.match(await page.evaluate(() => location.hash), /t=2017-06-03T06:00/);
  assert.deepEqual(errors, []);
  await context.close();
});
