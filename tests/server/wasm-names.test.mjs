// The build's short names (scripts/wasm-names.mjs): a module and its glue renamed alike
// still link and run, and a glue that does not list an import stops the build with its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortNames, shortName } from '../../scripts/wasm-names.mjs';

const ONE = '__wbg_one_0123456789abcdef';
const TWO = '__wbg_two_fedcba9876543210';
const CLOSURE = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';
const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, bytes.length, ...bytes];
/** A module importing ONE and TWO from "./app_bg.js" (each `() -> i32`) and exporting
 * `run() = ONE() - TWO()`, also as CLOSURE (the name wasm-bindgen gives a closure's call). */
const module = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  ...section(1, [1, 0x60, 0, 1, 0x7f]),
  ...section(2, [2, ...str('./app_bg.js'), ...str(ONE), 0, 0, ...str('./app_bg.js'), ...str(TWO), 0, 0]),
  ...section(3, [1, 0]),
  ...section(7, [2, ...str('run'), 0, 2, ...str(CLOSURE), 0, 2]),
  ...section(10, [1, 7, 0, 0x10, 0, 0x10, 1, 0x6b, 0x0b]),
]);
// the shape of wasm-bindgen's glue: one object literal, a key at the start of a line each
const glue = `function imports() {
    const import0 = {
        __proto__: null,
        ${TWO}: function() {
            return 40;
        },
        ${ONE}: function() {
            return 2;
        },
    };
    return { __proto__: null, "./app_bg.js": import0 };
}
function call(wasm) {
    return wasm.${CLOSURE}() * 10;
}
`;

test('short names run a, b … Z, then two letters, and never repeat', () => {
  assert.deepEqual([0, 1, 25, 26, 51, 52, 53].map(shortName), ['a', 'b', 'z', 'A', 'Z', 'ba', 'bb']);
  const names = new Set(Array.from({ length: 3000 }, (_, i) => shortName(i)));
  assert.equal(names.size, 3000);
  for (const n of names) assert.match(n, /^[a-zA-Z]+$/);
});

test('the module and its glue renamed alike still link, and the module computes what it did', async () => {
  const { js, wasm, renamed } = shortNames(glue, module);
  assert.equal(renamed, 3);
  const text = js.toString();
  assert.doesNotMatch(text, /__wbg_|closures_/, 'no long name is left in the glue');
  assert.equal(wasm.includes(Buffer.from('__wbg_')) || wasm.includes(Buffer.from('closures_')), false, 'nor in the module');
  assert.ok(wasm.length < module.length);
  const [imports, call] = new Function(`${text}\nreturn [imports(), call];`)();
  const compiled = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(compiled).map((i) => `${i.module} ${i.name}`), ['./app_bg.js a', './app_bg.js b']);
  assert.deepEqual(WebAssembly.Module.exports(compiled).map((e) => e.name), ['run', '_a'], 'the closure\'s export renamed, the others as they were');
  const { instance } = await WebAssembly.instantiate(wasm, imports);
  assert.equal(instance.exports.run(), 2 - 40, "each import still reaches its own function (swapped, it would be 40 - 2)");
  assert.equal(call(instance.exports), (2 - 40) * 10, 'the glue calls the closure\'s export by its new name');
});

test('a glue that does not list an import once stops the build, naming the import', () => {
  assert.throws(() => shortNames(glue.replace(ONE, '__wbg_other'), module), /the glue has the import \.\/app_bg\.js\.__wbg_one_0123456789abcdef 0 times as a key, not once/);
  assert.throws(() => shortNames(glue, Buffer.from('not wasm at all')), /not a WebAssembly module/);
  assert.throws(() => shortNames(glue.replace(`wasm.${CLOSURE}`, 'wasm.other'), module), /the glue never calls the export wasm_bindgen__convert__closures_____invoke__h0123456789abcdef/);
});
