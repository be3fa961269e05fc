// `make serve`: serves the built app (dist/) at http://127.0.0.1:8080, or the folder, port and
// address given:  node scripts/serve.mjs [folder] [port] [address]
import fs from 'node:fs';
import { serve } from './server.mjs';

const [dir = 'dist', portArg = '8080', host = '127.0.0.1'] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: "${portArg.slice(0, 20)}" is not a port number (0–65535)`);
  process.exit(2);
}
if (!fs.existsSync(dir)) {
  console.error(`serve: ${dir} does not exist; build first (make build)`);
  process.exit(2);
}
try {
  const s = await serve(dir, port, host);
  console.log(`Parcel Standoff is being served at ${s.url} (Ctrl+C to stop; restart after a rebuild)`);
  console.log(`  example article: ${s.url}article.html · single file: ${dir}/parcel-standoff.single.html`);
} catch (e) {
  console.error(`serve: ${e.code === 'EADDRINUSE' ? `port ${port} is in use (give another: node scripts/serve.mjs ${dir} 8081)` : e.message}`);
  process.exit(1);
}
