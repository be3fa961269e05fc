// Prints the gzipped size of the built app by kind and fails if the total exceeds the budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// The budget ratchets: the size before the architecture change (277,786 B) + 5 KB. Lower it
// when the bundle shrinks; never raise it to let growth through.
const BUDGET = 277786 + 5 * 1024;
const dir = process.argv[2] || 'dist';
const kinds = { wasm: 0, js: 0, css: 0, html: 0, other: 0 };
for (const f of fs.readdirSync(dir)) {
  const p = path.join(dir, f);
  // the example article ships beside the app but is not part of it
  if (!fs.statSync(p).isFile() || f.startsWith('.') || f.startsWith('article') || f.endsWith('.single.html')) continue;
  const gz = zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length;
  const ext = path.extname(f).slice(1);
  kinds[ext in kinds ? ext : 'other'] += gz;
}
const total = Object.values(kinds).reduce((a, b) => a + b, 0);
console.log('size report (gzip -9 bytes)');
for (const [k, v] of Object.entries(kinds)) console.log(`  ${k.padEnd(6)} ${String(v).padStart(8)}`);
console.log(`  ${'total'.padEnd(6)} ${String(total).padStart(8)}  (budget ${BUDGET})`);
if (total > BUDGET) { console.error(`size budget exceeded by ${total - BUDGET} bytes`); process.exit(1); }
