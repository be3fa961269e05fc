// Benchmarks in the browser. They print figures; they do not assert wall-clock times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, openPage, workerBindings, scrollToSure } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

test('bench: model replay, wasm vs native', async () => {
  const out = execFileSync(path.resolve('target/native/standoff'), ['bench']).toString();
  const native = Number(/replay[^:]*: ([\d.]+) ms/.exec(out)[1]);
  const { page, context } = await openPage(browser, server.url);
  await workerBindings(page);
  const wasm = await page.evaluate(() => wasm_bindgen.bench_replay(5));
  console.log(out.trim().split('\n').map((l) => `# native ${l}`).join('\n'));
  console.log(`# wasm june-2017 replay (run + baseline): ${wasm.toFixed(2)} ms (best of 5); wasm/native = ${(wasm / native).toFixed(2)}`);
  assert.ok(wasm > 0 && native > 0);
  await context.close();
});

test('bench: network frame with 10,000 sprites (headless, software canvas)', async () => {
  const { page, context } = await openPage(browser, server.url, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.BenchScene);
  const r = await page.evaluate(async () => {
    const scene = new window.wasmBindings.BenchScene();
    const wasmMs = [];
    const frameMs = [];
    let last = performance.now();
    for (let i = 0; i < 91; i++) {
      await new Promise((res) => requestAnimationFrame(res));
      const now = performance.now();
      if (i > 0) frameMs.push(now - last);
      last = now;
      if (i < 90) wasmMs.push(scene.draw('network', 10000));
    }
    return { wasmMs, frameMs };
  });
  console.log(`# draw with 10,000 sprites: wasm p50 ${pct(r.wasmMs, 0.5).toFixed(2)} ms, p95 ${pct(r.wasmMs, 0.95).toFixed(2)} ms; frame p50 ${pct(r.frameMs, 0.5).toFixed(2)} ms, p95 ${pct(r.frameMs, 0.95).toFixed(2)} ms`);
  assert.equal(r.wasmMs.length, 90);
  await context.close();
});

test("bench: a 64-run ensemble of june-2017 in workers (one and two), and the page's frames while it runs", async () => {
  const { page, context } = await openPage(browser, server.url + '#scenario=june-2017', { width: 1280, height: 800 });
  await page.waitForSelector('#network');
  // the app's own bands off (its switch comes once they are asked for and it is near the
  // screen): this bench drives the workers itself, with the page's top in view
  await scrollToSure(page);
  await page.click('#bands-on');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#play');
  const r = await page.evaluate(async () => {
    const one = (n) => new Promise((res, rej) => {
      const ws = [...Array(n)].map(() => new Worker('uncertainty-worker.js'));
      const t0 = performance.now();
      ws.forEach((w, k) => {
        w.onmessage = (e) => {
          const m = String(e.data);
          if (m.startsWith('o')) ws[0].postMessage('m' + m.slice(1));
          if (m.startsWith('a')) { ws.forEach((x) => x.terminate()); res({ ms: performance.now() - t0, digest: m.split('\n')[1].split('\t')[3] }); }
          if (m.startsWith('x')) rej(new Error(m));
        };
        w.postMessage(n === 1 ? '1\tbands\t#scenario=june-2017' : `1\tbands:${k}/${n}\t#scenario=june-2017`);
      });
    });
    // frame intervals of the page (playing) while `work` runs
    const framesDuring = async (work) => {
      const frames = [];
      let last = performance.now();
      let on = true;
      const tick = (now) => { frames.push(now - last); last = now; if (on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const x = await work();
      on = false;
      return { x, frames: frames.slice(1) };
    };
    const out = { frames: {} };
    out.frames[0] = (await framesDuring(() => new Promise((res) => setTimeout(res, 1500)))).frames;
    for (const n of [1, 2, 1, 2]) {
      const { x, frames } = await framesDuring(() => one(n));
      out[n] = Math.min(out[n] ?? Infinity, x.ms);
      out.frames[n] = (out.frames[n] ?? []).concat(frames);
      out.digest = x.digest;
    }
    return out;
  });
  console.log(`# ensemble june-2017, 64 runs + the set-up (run + baseline each), best of 2 incl. module start: 1 worker ${r[1].toFixed(0)} ms, 2 workers ${r[2].toFixed(0)} ms`);
  for (const n of [0, 1, 2]) {
    const f = r.frames[n];
    console.log(`# the page playing, ${n} worker(s) computing: frame p50 ${pct(f, 0.5).toFixed(1)} ms, p95 ${pct(f, 0.95).toFixed(1)} ms over ${f.length} frames`);
  }
  assert.match(r.digest, /^[0-9a-f]{16}$/);
  await context.close();
});
