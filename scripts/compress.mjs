// Post-build step: writes a brotli (.br) and a gzip (.gz) copy beside every text or wasm file of
// the build, which the server (scripts/server.mjs) sends to clients that accept them and the size
// report (scripts/size-report.mjs) measures. Copies whose original is gone are removed.
// The gzip copies are made by Zopfli: ordinary gzip that any browser reads, about 6 % smaller
// than zlib's level 9 for the page's module (a reader without brotli downloads 22 KB less).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|json|csv|txt)$/;

/** Every file under `dir` (relative paths), dotfiles excepted. */
export function listFiles(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** Zopfli's gzip (5 iterations: 15 gain a few bytes more for twice the time). Zopfli is loaded
 * only to compress: loaded, it rethrows any uncaught error of the process with its whole source
 * (~20 KB on one line), which buried the message of every script and test that imports this
 * file for `listFiles` (the server, the size report, the browser tests). */
export const gzip = async (buf) => (await import('@gfx/zopfli')).gzipAsync(buf, { numiterations: 5 });
export const brotli = (buf) => zlib.brotliCompressSync(buf, {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_GENERIC,
  },
});

export async function compressDir(dir) {
  const written = [];
  for (const f of listFiles(dir)) {
    const p = path.join(dir, f);
    const m = /^(.*)\.(br|gz)$/.exec(f);
    if (m) {
      if (!fs.existsSync(path.join(dir, m[1]))) fs.rmSync(p); // stale copy of a removed file
      continue;
    }
    if (!COMPRESSIBLE.test(f)) continue;
    const raw = fs.readFileSync(p);
    const gz = Buffer.from(await gzip(raw));
    const br = brotli(raw);
    fs.writeFileSync(p + '.gz', gz);
    fs.writeFileSync(p + '.br', br);
    written.push({ file: f, raw: raw.length, gz: gz.length, br: br.length });
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || 'dist';
  const written = await compressDir(dir);
  for (const w of written) console.log(`compress: ${w.file}: ${w.raw} B → gzip ${w.gz} B, brotli ${w.br} B`);
}
