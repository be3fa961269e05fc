// Serves the built app (dist/) at http://127.0.0.1:8080 (or the port given).
import { serve } from '../tests/e2e/util.mjs';

const dir = process.argv[2] || 'dist';
const port = Number(process.argv[3] || 8080);
const s = await serve(dir, port);
console.log(`Parcel Standoff is being served at ${s.url} (Ctrl+C to stop)`);
console.log(`  example article: ${s.url}article.html · single file: ${dir}/parcel-standoff.single.html`);
