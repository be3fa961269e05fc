// The build's page step (scripts/build.mjs): what it reads from index.html and the site it writes,
// checked against what the later build steps (single-file, minify) and the browser need. Uses
// small stand-ins for the compiled modules (no cargo, no wasm-bindgen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { buildTags, assemble, hashedName } from '../../scripts/build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const source = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
const read = (href) => fs.readFileSync(path.join(ROOT, href));
// the shape of wasm-bindgen's `--target web` glue: named exports, and init exported as default
const glue = 'let wasm;\nexport function ping() { return wasm; }\nfunction initSync(m) { wasm = m; }\nasync function __wbg_init(opts) { wasm = opts; }\nexport { initSync, __wbg_init as default };\n';
const modules = new Map([
  ['parcel-standoff', { js: Buffer.from(glue), wasm: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1]) }],
  ['parcel-standoff-worker', { js: Buffer.from('let wasm_bindgen;\n'), wasm: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2]) }],
  ['parcel-standoff-panels', { js: Buffer.from('let parcelStandoffPanels;\nglobalThis.parcelStandoffPanels = parcelStandoffPanels;\n'), wasm: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 3]) }],
]);
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;

test('index.html names the page module, the worker module and the panels\' module built apart, and files that exist', () => {
  const tags = buildTags(source).map((t) => t.attrs);
  const rust = tags.filter((a) => a.rel === 'rust');
  assert.deepEqual(rust.map((a) => [a['data-bin'], a['data-type'] ?? 'page', a['data-profile'] ?? 'release', 'data-no-default-features' in a, a['data-wasm-opt']]), [
    ['parcel-standoff', 'page', 'release', false, '2'],
    ['parcel-standoff-worker', 'worker', 'worker', true, '3'],
    ['parcel-standoff-panels', 'lazy', 'release', false, '2'],
  ]);
  assert.equal(rust[2]['data-global'], 'parcelStandoffPanels', 'the global src/view/panels_host.rs looks for');
  for (const a of tags.filter((a) => a.rel !== 'rust')) assert.ok(fs.existsSync(path.join(ROOT, a.href)), `${a.href} exists`);
});

test('the page links its files by hashed relative names with their integrity, and no build tag is left', () => {
  const files = assemble(source, modules, read);
  const html = files.get('index.html').toString();
  assert.doesNotMatch(html, /data-build/);
  const refs = [...html.matchAll(/(?:href|from|module_or_path:) ?=?["']\.\/([^"']+)["']/g)].map((m) => m[1]);
  assert.ok(refs.length >= 5, `the page refers to its files: ${refs}`);
  for (const r of refs) assert.ok(files.has(r), `${r} is written`);
  for (const m of html.matchAll(/<link[^>]*href="\.\/([^"]+)"[^>]*integrity="([^"]+)"/g)) assert.equal(m[2], sri(files.get(m[1])), `integrity of ${m[1]}`);
  const css = [...files.keys()].find((f) => /^style-[0-9a-f]{16}\.css$/.test(f));
  assert.ok(css, 'the stylesheet has a hashed name');
  assert.match(html, new RegExp(`<link rel="stylesheet" href="\\./${css}"`));
  // the icon is in the page (one response less at first load), and it is the same picture
  const icon = /<link rel="icon" href="data:image\/svg\+xml,([^"]+)">/.exec(html);
  assert.ok(icon, 'the icon is written into the page as a data: address');
  const drawn = decodeURIComponent(icon[1]);
  assert.equal(drawn, read('static/favicon.svg').toString().trim().replace(/"/g, "'"), 'the same SVG, its quotes single');
  assert.doesNotMatch(icon[1], /[#<>"]/, 'nothing in it ends the address or the attribute');
  assert.match(html, /<link rel="modulepreload" href="\.\/parcel-standoff-[0-9a-f]{16}\.js"/);
  assert.match(html, /<link rel="preload" href="\.\/parcel-standoff-[0-9a-f]{16}_bg\.wasm"[^>]* as="fetch" type="application\/wasm">/);
  // the worker's files keep the names its loader (static/uncertainty-worker.js) asks for, and the page does not load them
  assert.ok(files.has('parcel-standoff-worker.js') && files.has('parcel-standoff-worker_bg.wasm'));
  assert.doesNotMatch(html, /parcel-standoff-worker/);
  // so do the experiments panel's (src/view/panels_host.rs names them), fetched when it is near
  assert.ok(files.has('parcel-standoff-panels.js') && files.has('parcel-standoff-panels_bg.wasm'));
  assert.doesNotMatch(html, /parcel-standoff-panels/);
  for (const f of ['uncertainty-worker.js', 'article.html', 'embed-resize.js']) assert.ok(files.has(f), `${f} is copied`);
});

test('a changed file gets a new name; the same bytes keep theirs', () => {
  assert.equal(hashedName('style.css', 'a'), hashedName('style.css', 'a'));
  assert.notEqual(hashedName('style.css', 'a'), hashedName('style.css', 'b'));
  assert.match(hashedName('parcel-standoff_bg.wasm', 'a'), /^parcel-standoff-[0-9a-f]{16}_bg\.wasm$/);
});

test('the later steps read the page the build writes (in the order of the Makefile): the single file inlines it, minify keeps its integrity', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standoff-build-'));
  try {
    for (const [name, bytes] of assemble(source, modules, read)) fs.writeFileSync(path.join(dir, name), bytes);
    fs.writeFileSync(path.join(dir, 'lang-zh.txt'), 'zh');
    for (const step of ['publish', 'csp', 'single-file', 'minify']) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', `${step}.mjs`), dir], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `${step}: ${r.stderr}`);
    }
    const single = fs.readFileSync(path.join(dir, 'parcel-standoff.single.html'), 'utf8');
    assert.match(single, /export function ping/, 'the glue is inline');
    assert.match(single, /await __wbg_init\(\{ module_or_path: parcelStandoffBytes\('[A-Za-z0-9+/=]+'\) \}\)/, 'started with the bytes it carries');
    assert.match(single, /function parcelStandoffBytes\(b64\)/, 'decoded by the helper the file defines');
    assert.doesNotMatch(single, /<link rel="(?:modulepreload|preload|stylesheet)"/);
    assert.match(single, /globalThis\.parcelStandoffPanels = parcelStandoffPanels;/, 'the panels\' glue is inline');
    assert.match(single, /'parcelStandoffPanelsWasm', \{ get: /, 'its bytes are decoded when first asked for');
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    for (const m of html.matchAll(/<link[^>]*href="\.\/([^"]+)"[^>]*integrity="([^"]+)"/g)) {
      assert.equal(m[2], sri(fs.readFileSync(path.join(dir, m[1]))), `integrity of ${m[1]} after minify`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a tag the build does not know is refused with a short message', () => {
  assert.throws(() => buildTags('<head>\n  <link data-build rel="sass" href="x.scss">\n</head>'), /unknown <link data-build rel="sass">/);
  assert.throws(() => buildTags('<head>\n  <link data-build rel="rust">\n</head>'), /needs data-bin/);
  assert.throws(() => assemble('<head>\n  <link data-build rel="rust" data-bin="nope">\n</head>', modules, read), /no module was built for nope/);
});
