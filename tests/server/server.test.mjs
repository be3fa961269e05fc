// The static server that `make serve` runs and the browser tests use (scripts/server.mjs), probed
// as an attacker would: malformed and hostile requests, paths that try to leave the folder, huge
// headers, other methods; and what a browser needs: headers, content types, precompressed files.
// Runs over a small site it builds in a temporary folder (no build of the app needed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { until } from '../e2e/util.mjs';
import { serve, acceptedEncodings, LIMITS } from '../../scripts/server.mjs';
import { policyFor, withMetaPolicy, metaPolicy, NOT_A_PAGE, WORKER } from '../../scripts/csp.mjs';
import { compressDir } from '../../scripts/compress.mjs';

const SECRET = 'the sibling folder must never be served';
let tmp, site, server, port;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standoff-server-'));
  site = path.join(tmp, 'dist');
  fs.mkdirSync(path.join(site, 'courses', 'sim'), { recursive: true });
  const page = `<!DOCTYPE html>\n<html>\n<head>\n  <meta charset="utf-8">\n  <title>t</title>\n</head>\n<body><script type="module">import init from './app.js'; await init();</script></body>\n</html>\n`;
  fs.writeFileSync(path.join(site, 'index.html'), withMetaPolicy('index.html', page).html);
  fs.writeFileSync(path.join(site, 'courses', 'sim', 'index.html'), withMetaPolicy('index.html', page).html);
  fs.writeFileSync(path.join(site, 'article.html'), withMetaPolicy('article.html', '<meta charset="utf-8"><p>article</p>').html);
  fs.writeFileSync(path.join(site, 'app.js'), 'export default async function init() {}\n'.repeat(50));
  fs.writeFileSync(path.join(site, 'app_bg.wasm'), Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4000, 7)]));
  fs.writeFileSync(path.join(site, 'style.css'), 'body { color: #111; }\n'.repeat(40));
  fs.writeFileSync(path.join(site, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  fs.writeFileSync(path.join(site, 'notes.weird'), 'data of no known type');
  fs.writeFileSync(path.join(site, 'gone.js'), 'soon removed');
  fs.writeFileSync(path.join(site, '.env'), SECRET);
  await compressDir(site);
  // what must stay out of reach: a sibling whose name starts with the served folder's, and its parent
  fs.mkdirSync(path.join(tmp, 'dist-private'));
  fs.writeFileSync(path.join(tmp, 'dist-private', 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  server = await serve(site);
  port = server.port;
});

after(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Sends `head` (request line and headers, no final blank line) byte for byte; resolves to { status, headers, body }. */
function raw(head, { body = '' } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const text = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      const [line, ...lines] = text.split('\r\n');
      const headers = {};
      for (const l of lines) { const i = l.indexOf(':'); headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
      resolve({ status: Number(line.split(' ')[1]), headers, body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4) });
    });
    sock.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}
const get = (target, extra = '') => raw(`GET ${target} HTTP/1.1\r\nHost: x${extra}`);

async function stillServing() {
  const r = await get('/');
  assert.equal(r.status, 200, 'the server still answers after that');
}

test('malformed and absurd request paths get a 4xx answer and never stop the server', async () => {
  const probes = [
    '/%', '/%%', '/%E0%A4%A', '/%c0%ae%c0%ae/secret.txt', '/index.html%00', '/%00',
    '/' + 'a'.repeat(8000), '/' + 'a/'.repeat(3000), '/' + '%2e%2e/'.repeat(500) + 'etc/passwd',
    '/\u00e9', '/?%', '/#x', '/;/index.html',
  ];
  for (const p of probes) {
    const r = await get(encodeURI(p) === p ? p : p.replace(/[^\x21-\x7e]/g, encodeURIComponent));
    assert.ok(r.status >= 200 && r.status < 500, `${p.slice(0, 40)} → ${r.status}`);
    assert.ok(!r.body.toString().includes(SECRET));
    await stillServing();
  }
  assert.equal((await get('/%')).status, 404);
  assert.equal((await get('/' + 'a'.repeat(8000))).status, 404);
  // request targets that are not paths at all
  assert.equal((await raw('OPTIONS * HTTP/1.1\r\nHost: x')).status, 405);
  assert.equal((await get('http://evil.example/index.html')).status, 404);
  assert.ok((await raw('GET /a b c HTTP/1.1\r\nHost: x')).status >= 400);
  assert.equal((await raw('NOT-HTTP')).status, 400);
  await stillServing();
});

test('no path leaves the served folder: parent, sibling "dist-…" folder, encoded dots and slashes, dotfiles', async () => {
  const probes = [
    '/../secret.txt', '/../dist-private/secret.txt', '/%2e%2e/dist-private/secret.txt', '/%2E%2E%2Fdist-private%2Fsecret.txt',
    '/..%2fdist-private%2fsecret.txt', '/..%5cdist-private%5csecret.txt', '/..\\dist-private\\secret.txt',
    '//../dist-private/secret.txt', '/courses/../../dist-private/secret.txt', '/courses/%2e%2e/%2e%2e/secret.txt',
    '/.env', '/%2eenv', '/courses/../.env', `/${'../'.repeat(20)}etc/passwd`, '/../dist/../dist-private/secret.txt',
  ];
  for (const p of probes) {
    const r = await get(p);
    assert.ok(r.status === 404 || r.status === 400, `${p} → ${r.status}`);
    assert.ok(!r.body.toString().includes(SECRET), `${p} leaked the secret`);
  }
  // an encoded slash does not reach a sub-folder's file either
  assert.equal((await get('/courses%2Fsim%2Findex.html')).status, 404);
  // a folder is sent to its address with a slash (relative links then work); its page is served there
  const moved = await get('/courses/sim?x=1');
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.location, '/courses/sim/?x=1');
  assert.equal((await get('/courses/sim/')).status, 200);
});

test('HEAD answers like GET without a body', async () => {
  const g = await get('/app.js');
  const h = await raw('HEAD /app.js HTTP/1.1\r\nHost: x');
  assert.equal(h.status, 200);
  assert.equal(h.body.length, 0);
  for (const k of ['content-type', 'content-length', 'etag', 'x-content-type-options', 'content-security-policy']) {
    assert.equal(h.headers[k], g.headers[k], k);
  }
});

test('other methods are refused with 405 and the methods that are allowed', async () => {
  for (const m of ['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS']) {
    const r = await raw(`${m} /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 5`, { body: 'hello' });
    assert.equal(r.status, 405, m);
    assert.equal(r.headers.allow, 'GET, HEAD');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }
  // a tunnel request is not for a file server: the connection is closed without an answer
  assert.ok(Number.isNaN((await raw('CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443')).status));
  await stillServing();
});

test('huge or hostile headers are refused (431/400) and the server lives on', async () => {
  const huge = await get('/', `\r\nX-Big: ${'x'.repeat(64 * 1024)}`);
  assert.equal(huge.status, 431);
  const many = await get('/', Array.from({ length: 3000 }, (_, i) => `\r\nX-${i}: y`).join(''));
  assert.ok(many.status === 431 || many.status === 200, `3000 headers → ${many.status}`);
  const badRange = await get('/app.js', '\r\nRange: bytes=900-1');
  assert.equal(badRange.status, 200, 'a backwards range is ignored (the whole file is sent)');
  assert.equal(Number(badRange.headers['content-length']), fs.statSync(path.join(site, 'app.js')).size);
  for (const r of ['bytes=-5', 'bytes=abc', 'bytes=0-1,5-9', 'bytes=99999999-']) assert.equal((await get('/app.js', `\r\nRange: ${r}`)).status, 200);
  assert.equal((await get('/', `\r\nAccept-Encoding: ${'br;q=x,'.repeat(1500)}`)).status, 200);
  await stillServing();
});

test('every answer says nosniff; pages carry their policy as a header (the same as their <meta>), other files one under which nothing runs', async () => {
  for (const p of ['/', '/index.html', '/app.js', '/missing', '/%']) {
    assert.equal((await get(p)).headers['x-content-type-options'], 'nosniff', p);
  }
  const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  const home = await get('/');
  assert.equal(home.headers['content-security-policy'], metaPolicy(index));
  assert.equal(home.headers['content-security-policy'], policyFor('index.html', index));
  assert.match(home.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
  const article = fs.readFileSync(path.join(site, 'article.html'), 'utf8');
  assert.equal((await get('/article.html')).headers['content-security-policy'], metaPolicy(article));
  assert.equal((await get('/courses/sim/')).headers['content-security-policy'], metaPolicy(index));
  for (const p of ['/app.js', '/favicon.svg', '/missing', '/notes.weird']) {
    assert.equal((await get(p)).headers['content-security-policy'], NOT_A_PAGE, p);
  }
  // the uncertainty worker runs under the policy of its script: its own module, nothing else
  const worker = (await get('/uncertainty-worker.js')).headers['content-security-policy'];
  assert.equal(worker, WORKER);
  assert.match(worker, /script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'$/);
  assert.doesNotMatch(worker, /unsafe-inline|\*|data:|blob:/);
  // a revalidated page keeps its policy (a 304 must not carry another one)
  const again = await get('/', `\r\nIf-None-Match: ${home.headers.etag}`);
  assert.equal(again.status, 304);
  assert.equal(again.headers['content-security-policy'], metaPolicy(index));
  assert.equal(again.headers['x-content-type-options'], 'nosniff');
});

test('content types are right, wasm included; an unknown kind is plain bytes', async () => {
  const types = {
    '/': 'text/html;charset=utf-8', '/index.html': 'text/html;charset=utf-8', '/app.js': 'text/javascript',
    '/app_bg.wasm': 'application/wasm', '/style.css': 'text/css', '/favicon.svg': 'image/svg+xml',
    '/notes.weird': 'application/octet-stream', '/missing': 'text/plain; charset=utf-8',
  };
  for (const [p, t] of Object.entries(types)) {
    for (const enc of ['', '\r\nAccept-Encoding: gzip', '\r\nAccept-Encoding: br']) {
      assert.equal((await get(p, enc)).headers['content-type'], t, `${p} ${enc}`);
    }
  }
});

test('precompressed copies are sent when accepted, and decode to the file itself', async () => {
  const file = fs.readFileSync(path.join(site, 'app_bg.wasm'));
  const br = await get('/app_bg.wasm', '\r\nAccept-Encoding: gzip, deflate, br, zstd');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.ok(zlib.brotliDecompressSync(br.body).equals(file));
  assert.ok(br.body.length < file.length / 5);
  const gz = await get('/app_bg.wasm', '\r\nAccept-Encoding: gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(zlib.gunzipSync(gz.body).equals(file));
  for (const enc of ['', '\r\nAccept-Encoding: identity', '\r\nAccept-Encoding: br;q=0, gzip;q=0', '\r\nAccept-Encoding: *;q=0']) {
    const plain = await get('/app_bg.wasm', enc);
    assert.equal(plain.headers['content-encoding'], undefined, enc);
    assert.ok(plain.body.equals(file));
  }
  assert.equal((await get('/', '\r\nAccept-Encoding: br;q=0, gzip')).headers['content-encoding'], 'gzip');
  assert.equal((await get('/', '\r\nAccept-Encoding: *')).headers['content-encoding'], 'br');
  assert.deepEqual(acceptedEncodings('gzip;q=0.5, br;q=0'), ['gzip']);
});

test('a file removed while serving ends that answer only', async () => {
  fs.rmSync(path.join(site, 'gone.js'));
  const r = await get('/gone.js');
  assert.ok(!r.body.toString().includes('soon removed'));
  assert.ok(Number.isNaN(r.status) || r.status >= 400, `→ ${r.status}: the connection is cut, not answered as if all were well`);
  await stillServing();
});

test('stale or corrupt precompressed copies stop the server from starting; make serve explains bad arguments', async () => {
  const d = path.join(tmp, 'stale');
  fs.mkdirSync(d);
  fs.writeFileSync(path.join(d, 'a.js'), 'old');
  await compressDir(d);
  fs.writeFileSync(path.join(d, 'a.js'), 'new');
  await assert.rejects(serve(d), /a\.js\.(br|gz) does not match/);
  fs.writeFileSync(path.join(d, 'a.js'), 'old');
  fs.writeFileSync(path.join(d, 'a.js.gz'), 'not gzip at all');
  await assert.rejects(serve(d), /a\.js\.gz does not match/);
  const cli = (...args) => spawnSync(process.execPath, ['scripts/serve.mjs', ...args], { encoding: 'utf8', timeout: 10000 });
  const badPort = cli(site, 'eighty');
  assert.equal(badPort.status, 2);
  assert.match(badPort.stderr, /not a port number/);
  const noDir = cli(path.join(tmp, 'nothing-here'), '0');
  assert.equal(noDir.status, 2);
  assert.match(noDir.stderr, /does not exist/);
  const busy = cli(site, String(port));
  assert.equal(busy.status, 1);
  assert.match(busy.stderr, /in use/);
});

/** A connection to `p` that sends nothing; resolves when the server closes it, with what it received. */
function silent(p) {
  const sock = net.connect(p, '127.0.0.1');
  const chunks = [];
  sock.on('data', (c) => chunks.push(c));
  const closed = new Promise((resolve, reject) => {
    sock.on('error', reject);
    sock.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
  const connected = new Promise((resolve) => sock.once('connect', resolve));
  return { sock, closed, connected };
}


test('the server closes connections that stay silent or idle, and bounds how many are open', { timeout: 20_000 }, async () => {
  assert.ok(LIMITS.idleMs >= 5_000 && LIMITS.idleMs <= 20_000, `make serve closes a silent connection within ${LIMITS.idleMs} ms`);
  assert.ok(LIMITS.idleMs < LIMITS.headersMs, 'the idle deadline comes first (else Node leaves a silent connection open)');
  assert.equal(LIMITS.maxConnections, 256);
  const quick = await serve(site, 0, '127.0.0.1', { idleMs: 300, headersMs: 600, keepAliveMs: 300, maxConnections: 3 });
  try {
    // one that sends its headers a byte at a time, never idle: 408 when the headers take too long
    const slow = net.connect(quick.port, '127.0.0.1');
    let said = '';
    slow.on('data', (c) => { said += c.toString('latin1'); });
    const drip = setInterval(() => slow.write('x'), 50);
    slow.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    await new Promise((resolve) => slow.on('close', resolve).on('error', resolve));
    clearInterval(drip);
    assert.match(said, /^HTTP\/1\.1 408/);
    // one that never sends a byte
    const t0 = Date.now();
    assert.equal(await silent(quick.port).closed, '', 'closed without an answer');
    assert.ok(Date.now() - t0 < 5_000, `closed after ${Date.now() - t0} ms`);
    // one that stops in the middle of its request line
    const half = net.connect(quick.port, '127.0.0.1');
    half.write('GET /ind');
    await new Promise((resolve) => half.on('close', resolve).on('error', resolve));
    // one kept alive after its answer
    const kept = net.connect(quick.port, '127.0.0.1');
    let answer = '';
    kept.on('data', (c) => { answer += c.toString('latin1'); });
    kept.write('GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => kept.on('close', resolve));
    assert.match(answer, /^HTTP\/1\.1 200/, 'answered, then closed when idle');
    // beyond the limit a connection is closed at once, while the others stay open
    const open = [silent(quick.port), silent(quick.port), silent(quick.port)];
    await Promise.all(open.map((c) => c.connected));
    await until(() => new Promise((r) => quick.server.getConnections((_, n) => r(n === 3))), 'three open connections', { every: 10 });
    const fourth = silent(quick.port);
    const first = await Promise.race([fourth.closed.then(() => 'fourth'), ...open.map((c) => c.closed.then(() => 'an earlier one'))]);
    assert.equal(first, 'fourth', 'the connection over the limit is the one closed');
    await Promise.all(open.map((c) => c.closed));
    // and once they are gone it serves again
    await until(() => new Promise((r) => quick.server.getConnections((_, n) => r(n === 0))), 'every connection closed', { every: 10 });
    const r = await fetch(quick.url + 'style.css');
    assert.equal(r.status, 200);
    await r.text();
  } finally {
    await quick.close();
  }
});
