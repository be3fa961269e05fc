// Builds dist/parcel-standoff.single.html: the whole app (HTML, CSS, JS glue, wasm) in one file
// that runs when opened straight from the file system — for classrooms without a server.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || 'dist';
let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const b64 = (p) => fs.readFileSync(path.join(dir, p)).toString('base64');

// stylesheet → inline <style>
html = html.replace(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*\/?>/, (_, f) => `<style>${fs.readFileSync(path.join(dir, f), 'utf8')}</style>`);
// favicon → data URI
html = html.replace(/<link rel="icon" href="\.\/([^"]+\.svg)"[^>]*\/?>/, (_, f) => `<link rel="icon" href="data:image/svg+xml;base64,${b64(f)}">`);
// preload hints point at files that will not exist
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
// the loader: import the glue from a data: URL and hand it the wasm bytes
const m = /<script type="module">[\s\S]*?from '\.\/([^']+\.js)';[\s\S]*?module_or_path: '\.\/([^']+\.wasm)'[\s\S]*?<\/script>/.exec(html);
if (!m) { console.error('single-file: the loader script was not found in index.html'); process.exit(1); }
const [script, js, wasm] = m;
const loader = `<script type="module">
const glue = await import('data:text/javascript;base64,${b64(js)}');
const bytes = Uint8Array.from(atob('${b64(wasm)}'), (c) => c.charCodeAt(0));
await glue.default({ module_or_path: bytes });
window.wasmBindings = glue;
</script>`;
html = html.replace(script, () => loader);
// no Content-Security-Policy in the single file: it must run from file:// with inline code
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
const out = path.join(dir, 'parcel-standoff.single.html');
fs.writeFileSync(out, html);
console.log(`single-file: wrote ${out} (${fs.statSync(out).size} bytes)`);
