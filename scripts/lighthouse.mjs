// `make lighthouse`: Lighthouse (desktop preset) on the built app, served by the project's own
// server, in the system's Chromium: prints the four category scores and the load figures, median
// of N runs (default 3). Lighthouse is not a project dependency (it is ~180 MB and only this
// benchmark uses it): it is installed on first use, pinned, into target/tools/lighthouse.
//   node scripts/lighthouse.mjs [dist] [runs]
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './server.mjs';

const VERSION = '12.8.2'; // 13.x needs Node 22; this machine has Node 20
const [dir = 'dist', runsArg = '3'] = process.argv.slice(2);
const runs = Math.max(1, Math.min(9, Number(runsArg) || 3));
const tools = path.resolve('target/tools/lighthouse');
const bin = path.join(tools, 'node_modules/.bin/lighthouse');
const installed = () => {
  try {
    return JSON.parse(fs.readFileSync(path.join(tools, 'node_modules/lighthouse/package.json'), 'utf8')).version === VERSION;
  } catch {
    return false;
  }
};
if (!installed()) {
  console.log(`lighthouse: installing lighthouse@${VERSION} into ${tools} (once)`);
  fs.mkdirSync(tools, { recursive: true });
  execFileSync('npm', ['install', '--prefix', tools, '--no-audit', '--no-fund', '--no-save', `lighthouse@${VERSION}`], { stdio: 'inherit' });
}
if (!fs.existsSync(path.join(dir, 'index.html'))) {
  console.error(`lighthouse: ${dir}/index.html does not exist; build first (make build)`);
  process.exit(2);
}

const server = await serve(dir, 0, '127.0.0.1');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'standoff-lh-'));
const reports = [];
try {
  for (let i = 0; i < runs; i++) {
    const file = path.join(out, `run${i}.json`);
    // asynchronously: the server answering Lighthouse runs in this process
    await promisify(execFile)(bin, [server.url, '--preset=desktop', '--quiet', '--output=json', `--output-path=${file}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run'],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
    reports.push(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
} finally {
  await server.close();
  fs.rmSync(out, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = os.loadavg()[0].toFixed(1);
console.log(`Lighthouse ${VERSION}, desktop, ${runs} run(s), median (min–max); load average ${load} on ${os.cpus().length} cores`);
for (const id of ['performance', 'accessibility', 'best-practices', 'seo']) {
  const xs = reports.map((r) => Math.round(r.categories[id].score * 100));
  console.log(`  ${id.padEnd(16)} ${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`);
}
for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'cumulative-layout-shift', 'max-potential-fid']) {
  const xs = reports.map((r) => r.audits[id].numericValue);
  const unit = id === 'cumulative-layout-shift' ? '' : ' ms';
  const f = (x) => (unit ? Math.round(x) : x.toFixed(3));
  console.log(`  ${id.padEnd(26)} ${f(median(xs))}${unit} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`);
}
const bytes = reports.map((r) => r.audits['total-byte-weight'].numericValue);
console.log(`  total-byte-weight          ${median(bytes)} B`);
