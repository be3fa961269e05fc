// Post-build step: the texts of every language but English are not in the page's module; the
// build (build.rs) writes each as target/lang/<code>.txt. This puts them beside the page as
// lang-<code>.txt, fetched when a reader first chooses the language (src/view/page.rs).
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || 'dist';
const from = path.join('target', 'lang');
const files = fs.existsSync(from) ? fs.readdirSync(from).filter((f) => /^[a-z-]+\.txt$/.test(f)) : [];
if (!files.length) {
  console.error(`languages: no texts in ${from} (the wasm build writes them)`);
  process.exit(1);
}
for (const f of files) {
  fs.copyFileSync(path.join(from, f), path.join(dir, `lang-${f}`));
  console.log(`languages: ${dir}/lang-${f} (${fs.statSync(path.join(dir, `lang-${f}`)).size} bytes)`);
}
