// The release build of the page into dist/ (the first step of `make build`; the later steps —
// languages, csp, single-file, minify, compress — work on what this writes).
//
// It reads index.html's `<link data-build …>` tags, which say what the page is made of:
//   rel="rust" data-bin=NAME [data-type=worker|lazy] [data-global=NAME] [data-profile=P]
//              [data-no-default-features] [data-wasm-opt=LEVEL]
//       cargo builds the binary for wasm32-unknown-unknown (profile `release` unless named),
//       wasm-bindgen writes its glue (an ES module, `--target web`, for the page; a worker's, or
//       a module the page loads later (lazy), is `--target no-modules`, a classic script that
//       defines the global data-global names, `wasm_bindgen` unless named), wasm-opt -O<LEVEL>
//       shrinks the module, and its imports and the exports the glue calls for closures get
//       short names in the module and the glue (scripts/wasm-names.mjs).
//       The page's glue and module get content-hashed names, are preloaded (with their
//       integrity) and started by an inline module script (which also offers the glue's exports
//       as window.wasmBindings, for the tests); a worker's or a lazy module's keep their names
//       (their loaders name them: static/uncertainty-worker.js, src/view/panels_host.rs) and
//       the page does not load them at first.
//   rel="css" href=FILE          copied with a content-hashed name, linked as the stylesheet
//   rel="icon" href=FILE.svg     written into the page as a data: address (one response less
//                                at first load: ~0.5 KB of headers and body)
//   rel="copy-file" href=FILE    copied beside the page under its own name
// Every other line of index.html is kept as written. All paths in the page are relative (./),
// so the site works from any folder. The site is assembled in target/site and replaces dist/
// only when every step succeeded.
//
// Usage: node scripts/build.mjs [dist]
// Tools: cargo (with the wasm32-unknown-unknown target), wasm-bindgen (the version pinned in
// Cargo.toml) and node_modules/.bin/wasm-opt — scripts/setup.sh installs them.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { shortNames } from './wasm-names.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 'wasm32-unknown-unknown';
/** The data-type values of modules the page does not start itself. */
const LATER = ['worker', 'lazy'];

/** The `<link data-build …>` tags of a page: each its line's text and its attributes. */
export function buildTags(html) {
  const tags = [];
  for (const m of html.matchAll(/^[ \t]*<link data-build\b([^>]*?)\/?>[ \t]*\r?\n/gm)) {
    const attrs = {};
    for (const a of m[1].matchAll(/([\w-]+)(?:="([^"]*)")?/g)) attrs[a[1]] = a[2] ?? '';
    if (!['rust', 'css', 'icon', 'copy-file'].includes(attrs.rel)) throw new Error(`index.html: unknown <link data-build rel="${attrs.rel}">`);
    if (attrs.rel === 'rust' && !attrs['data-bin']) throw new Error('index.html: a rel="rust" link needs data-bin');
    if (attrs.rel !== 'rust' && !attrs.href) throw new Error(`index.html: a rel="${attrs.rel}" link needs href`);
    tags.push({ line: m[0], attrs });
  }
  return tags;
}

/** A file name with a hash of `bytes` after its stem: `style.css` → `style-0123abcd….css`;
 * a module keeps its `_bg` after the hash, as wasm-bindgen's names go: `app-0123…_bg.wasm`. */
export function hashedName(name, bytes) {
  const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const [, stem, tail] = /^(.*?)((?:_bg)?\.[^.]*)$/.exec(name);
  return `${stem}-${hash}${tail}`;
}

/** The value of an `integrity` attribute for `bytes`. */
export const integrity = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;

/** An SVG as a `data:` address for a double-quoted attribute: its quotes made single, and only
 * what an address or the attribute cannot hold escaped (smaller than base64, and it compresses). */
export function svgDataUrl(bytes) {
  const svg = bytes.toString('utf8').trim().replace(/"/g, "'").replace(/\s*\n\s*/g, ' ');
  return `data:image/svg+xml,${svg.replace(/[%#<>&]/g, (c) => encodeURIComponent(c))}`;
}

/** The inline script that starts the page's module. */
export function loaderScript(js, wasm) {
  return `<script type="module">
import init, * as bindings from './${js}';
await init({ module_or_path: './${wasm}' });
window.wasmBindings = bindings;
</script>`;
}

function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    if (capture) child.stdout.on('data', (d) => (out += d));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.code === 'ENOENT' ? 'not found (run scripts/setup.sh)' : e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code})`))));
  });
}

/** cargo build of one wasm binary; returns the path of the .wasm cargo wrote. */
async function cargoBuild({ bin, profile, noDefaultFeatures }) {
  const args = ['build', `--target=${TARGET}`, '--profile', profile, '--bin', bin, '--message-format=json-render-diagnostics'];
  if (noDefaultFeatures) args.push('--no-default-features');
  const out = await run('cargo', args, { capture: true });
  let wasm = null;
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line);
    if (msg.reason === 'compiler-artifact' && msg.target?.name === bin && msg.target.kind.includes('bin')) {
      wasm = msg.filenames.find((f) => f.endsWith('.wasm')) ?? wasm;
    }
  }
  if (!wasm) throw new Error(`cargo wrote no .wasm for ${bin}`);
  return wasm;
}

/** wasm-bindgen then wasm-opt: the glue's and the module's bytes. */
async function bindgenAndOpt({ bin, later, global, level, profile }, wasm, wasmBindgen, wasmOpt) {
  const out = path.join(ROOT, 'target', 'wasm-bindgen', profile);
  fs.mkdirSync(out, { recursive: true });
  const target = later ? ['--target=no-modules', ...(global ? [`--no-modules-global=${global}`] : [])] : ['--target=web'];
  await run(wasmBindgen, [...target, `--out-dir=${out}`, `--out-name=${bin}`, '--no-typescript', wasm]);
  const bindgenWasm = path.join(out, `${bin}_bg.wasm`);
  let final = bindgenWasm;
  if (level !== 'off') {
    final = path.join(out, `${bin}_opt.wasm`);
    await run(wasmOpt, [`--output=${final}`, `-O${level}`, bindgenWasm]);
  }
  const snippets = path.join(out, 'snippets');
  let js = fs.readFileSync(path.join(out, `${bin}.js`));
  // a classic script's top-level `let` is not a property of window: a lazy module's loader
  // (Rust, through js_sys) finds the global there
  if (later && global) js = Buffer.concat([js, Buffer.from(`\nglobalThis.${global} = ${global};\n`)]);
  // the imports' and the closures' exports' names, long and hashed, shortened in the module and the glue alike
  const short = shortNames(js, fs.readFileSync(final));
  return { js: short.js, wasm: short.wasm, renamed: short.renamed, snippets: fs.existsSync(snippets) ? snippets : null };
}

/** Checks the tools before a long build: wasm-bindgen must be the version Cargo.toml pins. */
async function tools() {
  const pinned = /^wasm-bindgen = "=([^"]+)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
  if (!pinned) throw new Error('Cargo.toml pins no wasm-bindgen version (wasm-bindgen = "=x.y.z")');
  const version = (await run('wasm-bindgen', ['--version'], { capture: true })).trim().split(/\s+/)[1];
  if (version !== pinned) throw new Error(`wasm-bindgen ${version} is installed, Cargo.toml pins ${pinned} (run scripts/setup.sh)`);
  const wasmOpt = path.join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  if (!fs.existsSync(wasmOpt)) throw new Error(`${wasmOpt} is missing (run scripts/setup.sh)`);
  return { wasmBindgen: 'wasm-bindgen', wasmOpt };
}

/** The site's files (name → bytes), index.html among them, from the source page, the modules
 * built for its rel="rust" tags (bin → { js, wasm }: the glue's and the module's bytes) and a
 * reader of the files its other tags name. */
export function assemble(source, modules, read) {
  const files = new Map();
  const preloads = [];
  let html = source;
  for (const { line, attrs } of buildTags(source)) {
    const indent = /^[ \t]*/.exec(line)[0];
    if (attrs.rel === 'rust') {
      const bin = attrs['data-bin'];
      const built = modules.get(bin);
      if (!built) throw new Error(`no module was built for ${bin}`);
      if (LATER.includes(attrs['data-type'])) {
        // a worker's or a lazy module's files keep their names: their loaders name them
        files.set(`${bin}.js`, built.js);
        files.set(`${bin}_bg.wasm`, built.wasm);
        html = html.replace(line, '');
        continue;
      }
      const js = hashedName(`${bin}.js`, built.js);
      const wasm = hashedName(`${bin}_bg.wasm`, built.wasm);
      files.set(js, built.js);
      files.set(wasm, built.wasm);
      preloads.push(`<link rel="modulepreload" href="./${js}" crossorigin="anonymous" integrity="${integrity(built.js)}">`);
      preloads.push(`<link rel="preload" href="./${wasm}" crossorigin="anonymous" integrity="${integrity(built.wasm)}" as="fetch" type="application/wasm">`);
      html = html.replace(line, () => `${indent}${loaderScript(js, wasm).replace(/\n/g, `\n${indent}`)}\n`);
      continue;
    }
    const bytes = read(attrs.href);
    const base = path.basename(attrs.href);
    if (attrs.rel === 'copy-file') {
      files.set(base, bytes);
      html = html.replace(line, '');
    } else if (attrs.rel === 'icon') {
      if (!base.endsWith('.svg')) throw new Error(`index.html: the icon ${attrs.href} is not an .svg (it is written into the page as text)`);
      html = html.replace(line, () => `${indent}<link rel="icon" href="${svgDataUrl(bytes)}">\n`);
    } else {
      const name = hashedName(base, bytes);
      files.set(name, bytes);
      html = html.replace(line, () => `${indent}<link rel="stylesheet" href="./${name}" integrity="${integrity(bytes)}">\n`);
    }
  }
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  files.set('index.html', Buffer.from(html.replace('</head>', () => `  ${preloads.join('\n  ')}\n</head>`)));
  return files;
}

export async function build(dist) {
  const started = Date.now();
  const source = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const tags = buildTags(source);
  const apps = tags.filter((t) => t.attrs.rel === 'rust').map(({ attrs }) => ({
    bin: attrs['data-bin'],
    later: LATER.includes(attrs['data-type']),
    global: attrs['data-global'],
    profile: attrs['data-profile'] || 'release',
    noDefaultFeatures: 'data-no-default-features' in attrs,
    level: attrs['data-wasm-opt'] ?? 'off',
  }));
  if (apps.filter((a) => !a.later).length !== 1) throw new Error('index.html must name one page module (<link data-build rel="rust"> without data-type)');
  const { wasmBindgen, wasmOpt } = await tools();

  const stage = path.join(ROOT, 'target', 'site');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  const write = (name, bytes) => fs.writeFileSync(path.join(stage, name), bytes);

  // cargo: one at a time (cargo locks the target folder); each module's wasm-bindgen and wasm-opt
  // start as soon as its cargo build is done, beside the next cargo build
  const pending = [];
  for (const app of apps) {
    const t = Date.now();
    const wasm = await cargoBuild(app);
    console.log(`build: cargo ${app.bin} (${app.profile}) ${((Date.now() - t) / 1000).toFixed(1)} s`);
    pending.push(bindgenAndOpt(app, wasm, wasmBindgen, wasmOpt).then((r) => ({ app, ...r })));
  }
  const modules = new Map();
  for (const { app, js, wasm, renamed, snippets } of await Promise.all(pending)) {
    if (snippets) throw new Error(`${app.bin}: wasm-bindgen wrote snippets (inline JS), which this build does not ship`);
    modules.set(app.bin, { js, wasm });
    console.log(`build: ${app.bin}: glue ${js.length} B, module ${wasm.length} B (wasm-opt -O${app.level}; ${renamed} names shortened)`);
  }
  for (const [name, bytes] of assemble(source, modules, (href) => fs.readFileSync(path.join(ROOT, href)))) write(name, bytes);

  // the finished site replaces the old one (a failed build leaves dist/ as it was)
  const out = path.resolve(ROOT, dist);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(stage, out);
  console.log(`build: ${path.relative(ROOT, out) || out}/ written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await build(process.argv[2] || 'dist');
  } catch (e) {
    console.error(`build: ${e.message}`);
    process.exit(1);
  }
}
