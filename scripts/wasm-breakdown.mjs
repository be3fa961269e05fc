// Where the page's module's bytes go: its code by crate and by module of this crate, its largest
// functions, and its data, read from cargo's output before wasm-bindgen and wasm-opt (which keep
// the functions' names). Sizes are of the code before wasm-opt and compression: compare builds
// with each other, and the size report for what a reader downloads.
//
//   cargo build --release --target wasm32-unknown-unknown --bin parcel-standoff
//   node scripts/wasm-breakdown.mjs [how many functions] [file.wasm]
// (without a file: cargo's output of the page's module, through wasm-bindgen into a folder of
// its own, as the build does before wasm-opt)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const top = Number(process.argv[2] || 30);
let file = process.argv[3];
if (!file) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-breakdown-'));
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'page',
    'target/wasm32-unknown-unknown/release/parcel-standoff.wasm'], { stdio: 'inherit' });
  file = path.join(out, 'page_bg.wasm');
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
}
const buf = fs.readFileSync(file);
let p = 8;
const leb = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
  return r;
};
let imports = 0, data = 0;
const bodies = [], names = new Map();
while (p < buf.length) {
  const id = buf[p++], size = leb(), end = p + size;
  if (id === 2) {
    for (let n = leb(), i = 0; i < n; i++) {
      // (module and field names: their length, then the bytes)
      for (let k = 0; k < 2; k++) { const l = leb(); p += l; }
      const kind = buf[p++];
      if (kind === 0) { leb(); imports++; }
      else if (kind === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) p += 2;
    }
  } else if (id === 10) {
    for (let n = leb(), i = 0; i < n; i++) { const l = leb(); bodies.push({ index: imports + i, size: l }); p += l; }
  } else if (id === 11) {
    data = size;
  } else if (id === 0) {
    const nl = leb(), name = buf.subarray(p, p + nl).toString(); p += nl;
    while (name === 'name' && p < end) {
      const sub = buf[p++], ss = leb(), se = p + ss;
      if (sub === 1) for (let n = leb(), i = 0; i < n; i++) { const idx = leb(), l = leb(); names.set(idx, buf.subarray(p, p + l).toString()); p += l; }
      p = se;
    }
  }
  p = end;
}
// legacy mangling (`_ZN…E`) to `a::b::c`, without the hash
const demangle = (s) => {
  const m = /^_ZN(.*)E$/.exec(s);
  if (!m) return s;
  let q = m[1]; const parts = [];
  for (let d; (d = /^(\d+)/.exec(q)); ) { const n = Number(d[1]); q = q.slice(d[1].length); parts.push(q.slice(0, n)); q = q.slice(n); }
  return parts.filter((x) => !/^h[0-9a-f]{16}$/.test(x)).join('::')
    .replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\.\./g, '::').replace(/\$C\$/g, ',');
};
const crates = new Map(), modules = new Map(), rows = [];
const add = (m, k, n) => m.set(k, (m.get(k) || 0) + n);
let code = 0;
for (const b of bodies) {
  const name = demangle(names.get(b.index) || `function ${b.index}`).replace(/::h[0-9a-f]{16}$/, '');
  const inner = /^<(?:&(?:mut )?)?([a-z_0-9]+)/.exec(name);
  add(crates, (inner ? inner[1] : name.split('::')[0]).replace(/\[.*$/, ''), b.size);
  const ours = /parcel_standoff::([a-z_]+)(?:::([a-z_]+))?/.exec(name);
  if (ours) add(modules, ours[1] + (ours[2] ? '::' + ours[2] : ''), b.size);
  rows.push([b.size, name]);
  code += b.size;
}
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
const list = (title, m, n) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${kb(v)}  ${k}`);
};
console.log(`${file}: code ${kb(code)}, data ${kb(data)}, ${bodies.length} functions`);
list('code by crate', crates, 15);
list('this crate by module', modules, 25);
console.log('largest functions');
for (const [size, name] of rows.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${kb(size)}  ${name.slice(0, 150)}`);
