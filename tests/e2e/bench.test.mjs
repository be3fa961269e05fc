// Benchmarks in the browser. They print figures; they do not assert wall-clock times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, openPage } from './util.mjs';

let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

test('bench: model replay, wasm vs native', async () => {
  const out = execFileSync(path.resolve('target/native/standoff'), ['bench']).toString();
  const native = Number(/replay[^:]*: ([\d.]+) ms/.exec(out)[1]);
  const { page, context } = await openPage(browser, server.url);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_replay);
  const wasm = await page.evaluate(() => window.wasmBindings.bench_replay(5));
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
