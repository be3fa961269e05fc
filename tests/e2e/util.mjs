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
