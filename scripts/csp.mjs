// Adds a Content-Security-Policy to the built pages that allows only what the app needs:
// its own files, its one inline loader script (by hash), WebAssembly compilation, and
// images made from its own canvases.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.argv[2] || 'dist';

function addCsp(file, policy) {
  const p = path.join(dir, file);
  let html = fs.readFileSync(p, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');
  const hashes = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`);
  const csp = policy.replace('{INLINE}', hashes.join(' '));
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`);
  fs.writeFileSync(p, html);
  console.log(`csp: ${file}: ${csp}`);
}

const common = "default-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
addCsp('index.html', `${common}; script-src 'self' 'wasm-unsafe-eval' {INLINE}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'`);
addCsp('article.html', `${common}; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'`);
