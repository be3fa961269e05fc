// Shared helpers for the end-to-end tests: the project's static server over dist/ and Chromium from Debian.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Serve `dir` on 127.0.0.1 (port 0 = any free port) with the server `make serve` runs. Resolves to { url, close }. */
export { serve } from '../../scripts/server.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page that records console errors and page errors into `errors`. */
export async function openPage(browser, url, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, errors };
}

export const ARTIFACTS = path.resolve(new URL('.', import.meta.url).pathname, 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

/** Wait until `selector`'s attribute `name` equals `value` (the UI re-renders asynchronously). */
export async function waitAttr(page, selector, name, value, timeout = 5000) {
  await page.waitForFunction(([s, n, v]) => document.querySelector(s)?.getAttribute(n) === v, [selector, name, value], { timeout });
}

/**
 * Waits until `measure` (run in the page with `arg`) gives the same result on two checks two
 * animation frames apart, and until no CSS transition or animation is running; returns that result.
 * For "once the layout has settled" (a fixed sleep is not enough on a busy machine, and longer than
 * needed on an idle one).
 */
export async function settled(page, measure, arg, { timeout = 15000 } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    const m = await page.evaluate(measure, arg);
    const json = JSON.stringify(m);
    const idle = await page.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return document.getAnimations().every((a) => a.playState !== 'running');
    });
    if (json === last && idle) return m;
    if (Date.now() > end) throw new Error(`not settled after ${timeout} ms: last ${json}`);
    last = idle ? json : null;
  }
}

/** Polls `check` (in Node) until it returns something truthy; fails with `what` (text, or a function giving it) after `timeout` ms. */
export async function until(check, what, { timeout = 15000, every = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * The page's main-thread tasks while `action` runs, from a Chromium trace: every `RunTask` on every
 * renderer main thread (`CrRendererMain`) the trace holds: the page's own and, for a frame in
 * another process, that frame's (a trace started for a page covers the processes of its frames).
 * Each task has `wallMs` (its `dur`, wall clock) and `cpuMs` (its `tdur`, the time the thread was
 * on a CPU): a busy machine stretches the wall time of a task, not its CPU time, so limits on what
 * the page does are checked on `cpuMs`. Resolves to { wallMs, cpuMs } (the longest of each, which
 * may be two different tasks), `tasks` ([{ start, end, wallMs, cpuMs }], in trace milliseconds),
 * `marks` ({ name: trace milliseconds } of the page's `console.timeStamp(name)` calls) and `result`
 * (what `action` returned). Tasks still running when the trace stops are left out; if a frame's
 * renderer was not yet recording when `action` began, this throws instead of missing tasks.
 */
export async function longestTasks(browser, page, action) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let result, buffer;
  // a renderer may start recording a little after the browser: a mark from each frame already
  // loaded must be in the trace, or tasks at the start of `action` could be missing unseen
  const probes = [];
  try {
    for (const [i, frame] of page.frames().entries()) {
      if (frame.url().startsWith('about:')) continue;
      probes.push(`longestTasks:start:${i}`);
      await frame.evaluate((m) => console.timeStamp(m), probes.at(-1));
    }
    result = await action();
    // the task that ended `action` (say, the one whose change a wait saw) may still be running
    // when the trace stops, and would then be left out: a timer's task in each frame runs after it
    for (const frame of page.frames()) await frame.evaluate(() => new Promise((r) => setTimeout(r, 0))).catch(() => {});
  } finally {
    buffer = await browser.stopTracing();
  }
  const events = JSON.parse(buffer.toString()).traceEvents;
  const marked = new Set(events.filter((e) => e.name === 'TimeStamp').map((e) => e.args?.data?.message));
  const late = probes.filter((m) => !marked.has(m));
  if (late.length) throw new Error(`the trace began after the action: ${late.join(', ')} not recorded`);
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events
    .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && main.has(`${e.pid}:${e.tid}`))
    .map((e) => {
      if (typeof e.tdur !== 'number') throw new Error(`a RunTask without thread time (tdur): ${JSON.stringify(e)}`);
      return { start: e.ts / 1000, end: (e.ts + e.dur) / 1000, wallMs: e.dur / 1000, cpuMs: e.tdur / 1000 };
    })
    .sort((a, b) => a.start - b.start);
  if (!tasks.length) throw new Error(`no RunTask on a renderer main thread in the trace (${main.size} CrRendererMain threads)`);
  const marks = {};
  for (const e of events) if (e.name === 'TimeStamp' && e.args?.data?.message) marks[e.args.data.message] ??= e.ts / 1000;
  const wallMs = Math.round(Math.max(...tasks.map((t) => t.wallMs)));
  const cpuMs = Math.round(Math.max(...tasks.map((t) => t.cpuMs)));
  return { wallMs, cpuMs, tasks, marks, result };
}

/**
 * As an author embeds the app: on `page` (the host), a listener collecting the embed's events in
 * `window.events` first, then an iframe `#f` showing `url`, styled `css`.
 */
export async function embedFrame(page, url, css) {
  await page.evaluate(([url, css]) => {
    window.events = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.protocol === 'parcel-standoff') window.events.push(e.data); });
    const f = document.createElement('iframe');
    f.id = 'f';
    f.src = url;
    f.style.cssText = css;
    document.body.append(f);
  }, [url, css]);
}

/** Scroll to the experiments panel as a reader would: its module is fetched only when it comes
 * near the screen (src/view/panels_host.rs); resolves when its form is there. */
export async function scrollToExperiments(page) {
  await page.waitForSelector('#panels');
  await page.locator('#panels').scrollIntoViewIfNeeded();
  await page.waitForSelector('#exp-run', { timeout: 30000 });
}

/** Scroll to "How sure is this?" as a reader would: the panels' module is fetched for it only
 * once the bands are asked for and its place is near the screen (src/view/panels_host.rs). */
export async function scrollToSure(page) {
  await page.waitForSelector('#unc-place');
  await page.locator('#unc-place').scrollIntoViewIfNeeded();
}

/** The workers' module on the page, for its test functions (`model_digest`, `bench_replay`:
 * `src/bin/worker.rs`); its glue's global (`wasm_bindgen`, a script's own binding, not a property of `window`), ready. */
/* global wasm_bindgen */
export async function workerBindings(page) {
  await page.addScriptTag({ url: 'parcel-standoff-worker.js' });
  await page.evaluate(() => wasm_bindgen({ module_or_path: 'parcel-standoff-worker_bg.wasm' }));
}
