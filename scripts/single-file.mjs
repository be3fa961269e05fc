// Builds dist/parcel-standoff.single.html: the whole app (HTML, CSS, JS glue, wasm) in one file
// that runs when opened straight from the file system — for classrooms without a server.
import fs from 'node:fs';
import path from 'node:path';
import { withMetaPolicy } from './csp.mjs';

const dir = process.argv[2] || 'dist';
let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const b64 = (p) => fs.readFileSync(path.join(dir, p)).toString('base64');

// stylesheet → inline <style>
html = html.replace(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*\/?>/, (_, f) => `<style>${fs.readFileSync(path.join(dir, f), 'utf8')}</style>`);
// preload hints point at files that will not exist
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
// the loader: the glue module's own text inline (so the page's policy can allow exactly this one
// script by its hash, and no data: or blob: scripts), started with the wasm bytes it carries
const m = /<script type="module">[\s\S]*?from '\.\/([^']+\.js)';[\s\S]*?module_or_path: '\.\/([^']+\.wasm)'[\s\S]*?<\/script>/.exec(html);
if (!m) fail('the loader script was not found in index.html');
const [script, js, wasm] = m;
const glue = fs.readFileSync(path.join(dir, js), 'utf8');
if (/<\/script|<!--/i.test(glue)) fail(`${js} contains text that would end an inline script`);
const init = /^export default (\w+);?$/m.exec(glue)?.[1] ?? /^export \{[^}]*\b(\w+) as default\b[^}]*\};?$/m.exec(glue)?.[1];
if (!init) fail(`${js} exports no default (init) function`);
// the names the glue exports, offered as window.wasmBindings as the served loader does
const names = new Set();
for (const e of glue.matchAll(/^export (?:async )?(?:function\*?|class|const|let|var) (\w+)/gm)) names.add(e[1]);
for (const e of glue.matchAll(/^export \{([^}]*)\};?$/gm)) {
  for (const part of e[1].split(',')) {
    const [local, as] = part.trim().split(/\s+as\s+/);
    if (local && as !== 'default') names.add(as ? `${as}: ${local}` : local);
  }
}
const loader = `<script type="module">
${glue}
{
  // (parcelStandoffBytes: the classic script at the end of the body, run before this module)
  await ${init}({ module_or_path: parcelStandoffBytes('${b64(wasm)}') });
  window.wasmBindings = { default: ${init}, ${[...names].join(', ')} };
}
</script>`;
html = html.replace(script, () => loader);
// "how sure is this?": a file cannot start a Web Worker, so the worker's script and module come
// inline and run on the page in slices (the app finds window.parcelStandoffLocal)
const workerGlue = fs.readFileSync(path.join(dir, 'parcel-standoff-worker.js'), 'utf8');
const workerScript = fs.readFileSync(path.join(dir, 'uncertainty-worker.js'), 'utf8');
// the Embed dialog's publishing tools (scripts/publish.mjs wrote them with their words), which
// the served page fetches when the dialog opens: here inline, computing on the page
const publishScript = fs.readFileSync(path.join(dir, 'publish.js'), 'utf8');
// the experiments panel's module, which the served page fetches when the panel comes near the
// screen (src/view/panels_host.rs): its glue inline, its bytes decoded only when first asked for
const panelsGlue = fs.readFileSync(path.join(dir, 'parcel-standoff-panels.js'), 'utf8');
if (/<\/script|<!--/i.test(workerGlue + workerScript + publishScript + panelsGlue)) fail('the worker scripts contain text that would end an inline script');
// (base64 to bytes with a plain loop: Uint8Array.from with a function per character took a
// quarter of a second for the panels' module, in one task)
const local = `<script>
function parcelStandoffBytes(b64) {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
${workerGlue}
window.parcelStandoffWorkerWasm = parcelStandoffBytes('${b64('parcel-standoff-worker_bg.wasm')}');
${workerScript}
${publishScript}
${panelsGlue}
Object.defineProperty(window, 'parcelStandoffPanelsWasm', { get: () => parcelStandoffBytes('${b64('parcel-standoff-panels_bg.wasm')}') });
</script>`;
// the other languages' texts, which the served page fetches when chosen (src/view/page.rs)
const languages = fs.readdirSync(dir).filter((f) => /^lang-[a-z-]+\.txt$/.test(f)).map((f) => {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  if (/<\/script|<!--/i.test(text)) fail(`${f} contains text that would end an inline script`);
  return `<script type="text/plain" id="${f.slice(0, -4)}">${text}</script>`;
});
if (!html.includes('</body>')) fail('no </body> in index.html');
html = html.replace('</body>', () => `${languages.join('\n')}\n${local}\n</body>`);
// its own Content-Security-Policy: this one script by hash, wasm compiled from memory, inline styles
const { html: withPolicy, csp } = withMetaPolicy('parcel-standoff.single.html', html);
const out = path.join(dir, 'parcel-standoff.single.html');
fs.writeFileSync(out, withPolicy);
console.log(`single-file: wrote ${out} (${fs.statSync(out).size} bytes); policy: ${csp.replace(/'sha256-[^']+'/, "'sha256-…'")}`);

function fail(msg) {
  console.error(`single-file: ${msg}`);
  process.exit(1);
}
