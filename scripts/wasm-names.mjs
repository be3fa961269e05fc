// Short import names for a module and its wasm-bindgen glue (a step of scripts/build.mjs, after
// wasm-opt). wasm-bindgen names each function the module imports from its glue after what it
// wraps and a hash: `__wbg_setAttribute_2704501201f15687`. The page's module imports ~250 of them;
// the names travel twice, in the module and in the glue, and the hashes do not compress (measured:
// 6.7 KB of the page's first load, brotli). This gives each a short name (`a`, `b`, … `ba`, …) in
// both. Nothing else refers to them: the glue hands its import object to the module. So do the
// exports the glue calls for closures (`wasm_bindgen__convert__closures_____invoke__h41fa…`,
// another 0.3 KB); the module's other exports keep their names.
//
// The glue lists the imports in one object literal, a key at the start of a line each
// (`        __wbg_now_043d245551b22f9c: function(arg0) {`), and calls those exports as
// `wasm.NAME(`; a name that is not there as that (exactly once, for an import) stops the build.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `i`-th short name: a … Z, ba … ZZ, baa … */
export function shortName(i) {
  let s = '';
  do {
    s = ALPHABET[i % ALPHABET.length] + s;
    i = Math.floor(i / ALPHABET.length);
  } while (i > 0);
  return s;
}

function reader(buf) {
  let p = 0;
  const r = {
    get at() { return p; },
    set at(v) { p = v; },
    byte: () => buf[p++],
    leb() {
      let v = 0, shift = 0, b;
      do {
        if (p >= buf.length) throw new Error('the module ends inside a number');
        b = buf[p++];
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return v;
    },
    name() {
      const len = r.leb();
      const s = buf.subarray(p, p + len).toString('utf8');
      p += len;
      return s;
    },
  };
  return r;
}

const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
};
const name = (s) => Buffer.concat([leb(Buffer.byteLength(s)), Buffer.from(s, 'utf8')]);

/** Skips an import's description (function, table, memory, global, tag) at `r`. */
function skipDescription(r) {
  const kind = r.byte();
  const limits = () => { const flags = r.leb(); r.leb(); if (flags & 1) r.leb(); };
  if (kind === 0) r.leb(); // a function: its type
  else if (kind === 1) { r.byte(); limits(); } // a table: its element type, its limits
  else if (kind === 2) limits(); // a memory
  else if (kind === 3) { r.byte(); r.byte(); } // a global: its type, mutability
  else if (kind === 4) { r.byte(); r.leb(); } // a tag
  else throw new Error(`an import of unknown kind ${kind}`);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The exports renamed: the glue's calls for closures, named by wasm-bindgen with a hash. */
const CLOSURE_EXPORT = /^wasm_bindgen__convert__closures_+invoke__h[0-9a-f]{16}$/;

/**
 * `{ js, wasm, renamed }`: the glue (text or bytes) and the module (bytes) with every function the
 * module imports from the glue, and every closure's export, under a short name, and how many
 * were renamed.
 */
export function shortNames(js, wasm) {
  let glue = Buffer.isBuffer(js) ? js.toString('utf8') : js;
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly module');
  const r = reader(wasm);
  r.at = 8;
  const parts = [wasm.subarray(0, 8)];
  let imported = 0, exported = 0;
  while (r.at < wasm.length) {
    const id = r.byte();
    const size = r.leb();
    const start = r.at;
    if (start + size > wasm.length) throw new Error('a section runs past the end of the module');
    if (id !== 2 && id !== 7) {
      parts.push(Buffer.from([id]), leb(size), wasm.subarray(start, start + size));
      r.at = start + size;
      continue;
    }
    const count = r.leb();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        // an import: its module, its name, its description
        const module = r.name();
        const field = r.name();
        const from = r.at;
        skipDescription(r);
        const key = new RegExp(`^([ \\t]*)${escape(field)}(: function\\()`, 'gm');
        const found = glue.match(key)?.length ?? 0;
        if (found !== 1) throw new Error(`the glue has the import ${module}.${field} ${found} times as a key, not once`);
        const short = shortName(imported++);
        glue = glue.replace(key, (_, indent, rest) => `${indent}${short}${rest}`);
        entries.push(name(module), name(short), wasm.subarray(from, r.at));
      } else {
        // an export: its name, its kind and index
        const field = r.name();
        const from = r.at;
        r.byte();
        r.leb();
        let out = field;
        if (CLOSURE_EXPORT.test(field)) {
          const call = new RegExp(`\\bwasm\\.${escape(field)}\\(`, 'g');
          if (!call.test(glue)) throw new Error(`the glue never calls the export ${field} as wasm.${field}(`);
          out = `_${shortName(exported++)}`;
          glue = glue.replace(call, `wasm.${out}(`);
        }
        entries.push(name(out), wasm.subarray(from, r.at));
      }
    }
    if (r.at !== start + size) throw new Error(`the ${id === 2 ? 'import' : 'export'} section is longer than its entries`);
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([id]), leb(body.length), body);
  }
  return { js: Buffer.from(glue, 'utf8'), wasm: Buffer.concat(parts), renamed: imported + exported };
}
