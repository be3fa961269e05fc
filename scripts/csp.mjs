// The Content-Security-Policy of every built page, in one place. Each page may run only what it
// needs: its own files, its inline scripts by hash, WebAssembly compilation where the app runs,
// and images made from its own canvases (the app's page also an author's still picture over https,
// shown when WebAssembly cannot start: docs/embed.md).
//
// Used three ways:
//   node scripts/csp.mjs dist      writes the policy into each page as a <meta> tag (build step);
//   scripts/single-file.mjs        gives the offline single file its own policy;
//   scripts/server.mjs             sends the same policy as a header with each page it serves.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const COMMON = "default-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

/** Policies by page name; `{INLINE}` becomes the hashes of the page's inline scripts. */
export const POLICIES = {
  'index.html': `${COMMON}; script-src 'self' 'wasm-unsafe-eval' {INLINE}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self'; font-src 'self'; worker-src 'self'; frame-src 'self'`,
  'article.html': `${COMMON}; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'`,
  // everything is inline in the offline file (it must run from file://): its one script by hash,
  // the wasm bytes compiled from memory, the stylesheet and favicon inline
  'parcel-standoff.single.html': `${COMMON}; script-src 'wasm-unsafe-eval' {INLINE}; style-src 'unsafe-inline'; img-src data: blob:`,
};

/** The uncertainty worker's script (a worker runs under the policy its script is served with):
 * its own glue and wasm module, nothing else. */
export const WORKER_SCRIPT = 'uncertainty-worker.js';
export const WORKER = `${COMMON}; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'`;

/** Any other page (none ships today): no scripts at all. */
export const OTHER_PAGE = `${COMMON}; style-src 'self'; img-src 'self' data:`;

/** Responses that are not pages: nothing may run or load if one is ever opened as a document. */
export const NOT_A_PAGE = `${COMMON}; frame-ancestors 'none'; sandbox`;

/** 'sha256-…' sources for every inline script of a page (those without a src attribute; not a
 * data block such as `<script type="text/plain">`, which is never run). */
export function inlineScriptHashes(html) {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*\btype="text\/plain")[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}

/** The policy for the page `name` (a file name) whose text is `html`. */
export function policyFor(name, html) {
  const base = path.basename(name);
  const policy = POLICIES[base] ?? OTHER_PAGE;
  const hashes = inlineScriptHashes(html);
  if (hashes.length && !policy.includes('{INLINE}')) {
    throw new Error(`${base} has inline scripts but its policy allows none`);
  }
  return policy.replace(' {INLINE}', hashes.length ? ' ' + hashes.join(' ') : '');
}

const META = /\n?[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>/;

/** The page with its policy as a <meta> tag right after <meta charset>, replacing any older one. */
export function withMetaPolicy(name, html) {
  html = html.replace(META, '');
  const csp = policyFor(name, html);
  if (!html.includes('<meta charset="utf-8">')) throw new Error(`${name}: no <meta charset="utf-8"> to put the policy after`);
  return { html: html.replace('<meta charset="utf-8">', () => `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`), csp };
}

/** The policy a page carries in its <meta> tag, or null. */
export function metaPolicy(html) {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || 'dist';
  for (const file of ['index.html', 'article.html']) {
    const p = path.join(dir, file);
    const { html, csp } = withMetaPolicy(file, fs.readFileSync(p, 'utf8'));
    fs.writeFileSync(p, html);
    console.log(`csp: ${file}: ${csp}`);
  }
}
