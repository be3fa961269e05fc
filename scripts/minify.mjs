// Minifies the app's JavaScript glue (what wasm-bindgen writes: ~60 KB with its comments) and
// strips the stylesheet's comments and indentation in a built dist/, and updates the page's
// integrity hashes for them. Run after single-file.mjs (which reads the files as written) and
// before compress.mjs. The glue's exports keep their names.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minify } from 'terser';

const dir = process.argv[2] || 'dist';
const page = path.join(dir, 'index.html');
let html = fs.readFileSync(page, 'utf8');
const glue = fs.readdirSync(dir).filter((f) => /^parcel-standoff-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) fail(`expected one glue script in ${dir}, found ${glue.length}`);
const file = path.join(dir, glue[0]);
const before = fs.readFileSync(file, 'utf8');
const { code } = await minify(before, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
const names = (s) => [...s.matchAll(/export\s*(?:(?:async\s+)?function\*?\s*|class\s+|const\s+|let\s+|var\s+)(\w+)|export\s*\{([^}]*)\}/g)]
  .flatMap((m) => (m[1] ? [m[1]] : m[2].split(',').map((p) => p.trim().split(/\s+as\s+/).pop())))
  .filter(Boolean)
  .sort();
// `export default X` is written `export{X as default}` once minified
const wanted = names(before.replace(/^export default \w+;?$/m, 'export { x as default };'));
if (names(code).join() !== wanted.join()) fail(`the minified glue exports ${names(code)}, not ${wanted}`);
rewrite(glue[0], code);
const styles = fs.readdirSync(dir).filter((f) => /^style-[0-9a-f]+\.css$/.test(f));
for (const f of styles) {
  const css = fs.readFileSync(path.join(dir, f), 'utf8');
  // only whitespace that never separates tokens: indentation, blank lines, before '{', after '{' ';' '}'
  const stripped = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n');
  rewrite(f, stripped.replace(/[ \t]+\{/g, '{').replace(/([{};])\n+/g, '$1').replace(/\n+\}/g, '}'));
}
fs.writeFileSync(page, html);
console.log(`minify: ${glue[0]} ${before.length} → ${code.length} bytes`);

/** Write `name`'s new text, and the page's integrity hash for it (if it has one). */
function rewrite(name, text) {
  fs.writeFileSync(path.join(dir, name), text);
  const sri = `sha384-${crypto.createHash('sha384').update(text).digest('base64')}`;
  const tag = new RegExp(`<link[^>]*href="?\\./${name.replace(/\./g, '\\.')}"?[^>]*>`);
  const m = tag.exec(html);
  if (!m || !m[0].includes('integrity=')) return;
  html = html.replace(m[0], m[0].replace(/sha384-[A-Za-z0-9+/=]+/, sri));
}

function fail(msg) {
  console.error(`minify: ${msg}`);
  process.exit(1);
}
