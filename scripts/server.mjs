// The static server behind `make serve` and every browser test (so what is tested is what is served).
//
// Files are served by `sirv` in its production mode: the folder is listed once at start-up and only
// the files in that list can ever be sent, so no request path (`..`, encoded dots or slashes, a
// sibling folder that shares the name's prefix, dotfiles) reaches anything else. Around it:
// - only GET and HEAD (others: 405);
// - every response carries `X-Content-Type-Options: nosniff` and a Content-Security-Policy: a page
//   gets the policy of scripts/csp.mjs computed from its own text (the same as its <meta> tag),
//   anything else a policy under which nothing runs;
// - precompressed `.br` / `.gz` files (scripts/compress.mjs) are sent when the client accepts them,
//   with the original's content type and `Vary: Accept-Encoding`;
// - `Range` is not honoured (the whole file is sent: allowed by HTTP, and the app needs no ranges),
//   because sirv's range parsing throws on ranges such as `bytes=9-1`;
// - a read error (a file removed while serving) ends that one response, never the server;
// - connections are bounded in time and number (`LIMITS`): a silent or idle one is closed within
//   10 s, a request whose headers take over 15 s gets a 408, at most 256 are open at once.
// Restart it after a rebuild: the file list and sizes are read at start-up.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sirv from 'sirv';
import { lookup } from 'mrmime';
import { policyFor, NOT_A_PAGE, WORKER, WORKER_SCRIPT } from './csp.mjs';
import { listFiles } from './compress.mjs';

const STRICT_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Every page (.html) under `root` by its URL path, with the policy computed from its text, and
 * every folder by its URL path (without the final slash).
 */
function scan(root) {
  const policies = new Map();
  const dirs = new Set();
  const walk = (dir, rel) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue; // never served
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) { dirs.add(rel + e.name); walk(abs, rel + e.name + '/'); }
      else if (e.isFile() && /\.html?$/.test(e.name)) {
        policies.set(rel + e.name, policyFor(e.name, fs.readFileSync(abs, 'utf8')));
      }
    }
  };
  walk(root, '/');
  return { policies, dirs };
}

/** Which encodings the client accepts, from Accept-Encoding (`q=0` refuses one; `*` stands for the rest). */
export function acceptedEncodings(header = '') {
  const q = new Map();
  for (const part of String(header).slice(0, 1000).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const v = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(v) ? v : 0);
  }
  const ok = (n) => (q.has(n) ? q.get(n) > 0 : (q.get('*') ?? 0) > 0);
  return ['br', 'gzip'].filter(ok);
}

/** The page a request path resolves to, in sirv's order (`/a/` → `/a/index.html`, `/a` → `/a.html`). */
function pageFor(policies, pathname) {
  if (pathname == null) return null;
  const p = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const c of [p, `${p}/index`, `${p}.html`, `${p}/index.html`, `${p}.htm`, `${p}/index.htm`]) {
    if (policies.has(c)) return c;
  }
  // a directly requested precompressed copy of a page is still that page
  const plain = p.replace(/\.(br|gz)$/, '');
  return plain !== p && policies.has(plain) ? plain : null;
}

/** The decoded path of a request target, as sirv reads it (a malformed escape stays as it is). */
function requestPath(url = '/') {
  let p = url.split('#', 1)[0].split('?', 1)[0];
  if (!p.startsWith('/')) return null; // `*`, absolute forms: no file
  if (p.includes('%')) {
    try { p = decodeURI(p); } catch { /* malformed: matches no file */ }
  }
  return p;
}

function finish(res, code, text, extra = {}) {
  res.writeHead(code, { ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request handler for the folder `dir`: (req, res) => void. */
export function createHandler(dir) {
  const root = path.resolve(dir);
  if (!fs.statSync(root).isDirectory()) throw new Error(`${dir} is not a folder`);
  const { policies, dirs } = scan(root);
  // a precompressed copy that is not its file (left from an older build) would send other
  // content to some clients: refuse to start
  for (const f of listFiles(root)) {
    const m = /^(.*)\.(br|gz)$/.exec(f);
    const orig = m && path.join(root, m[1]);
    if (!orig || !fs.existsSync(orig)) continue;
    const unpack = m[2] === 'br' ? zlib.brotliDecompressSync : zlib.gunzipSync;
    let same = false;
    try { same = unpack(fs.readFileSync(path.join(root, f))).equals(fs.readFileSync(orig)); } catch { /* corrupt */ }
    if (!same) throw new Error(`${path.join(dir, f)} does not match ${path.join(dir, m[1])}: run scripts/compress.mjs (make build)`);
  }
  const files = sirv(root, {
    dev: false, // list the folder once; serve only what is in the list
    dotfiles: false,
    etag: true,
    gzip: true,
    brotli: true,
    extensions: ['html'],
    setHeaders(res, pathname) {
      // an unknown extension gets a harmless type instead of none (never sniffed: nosniff)
      if (!lookup(pathname.replace(/\.(br|gz)$/, '')) && !pageFor(policies, pathname)) {
        res.setHeader('Content-Type', 'application/octet-stream');
      }
    },
  });

  function handle(req, res) {
    for (const [k, v] of Object.entries(STRICT_HEADERS)) res.setHeader(k, v);
    // the policy is set before sirv runs, so that a 304 carries the same one as the 200
    const page = pageFor(policies, requestPath(req.url));
    const worker = (requestPath(req.url) ?? '').endsWith('/' + WORKER_SCRIPT);
    res.setHeader('Content-Security-Policy', page ? policies.get(page) : worker ? WORKER : NOT_A_PAGE);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      finish(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    // a folder is addressed with its final slash, so that the page's relative links resolve
    const target = requestPath(req.url);
    if (target && dirs.has(target)) {
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')).split('#', 1)[0] : '';
      finish(res, 301, 'moved\n', { Location: encodeURI(target) + '/' + search });
      return;
    }
    req.headers['accept-encoding'] = acceptedEncodings(req.headers['accept-encoding']).join(', ');
    delete req.headers.range;
    delete req.headers['if-range'];
    // a file that cannot be read any more ends this response only
    res.once('pipe', (source) => source.once('error', () => res.destroy()));
    files(req, res, () => finish(res, 404, 'not found\n'));
  }

  return function guarded(req, res) {
    try {
      handle(req, res);
    } catch {
      // nothing a request carries may end the server
      if (!res.headersSent) finish(res, 400, 'bad request\n');
      else res.destroy();
    }
  };
}

/**
 * How long a connection may take and how many may be open. A connection that sends and receives
 * nothing for `idleMs` is closed (one that never sends a byte, one that stopped mid-request, one
 * left open after its answers), its request's headers must arrive within `headersMs` and the whole
 * request within `requestMs` (408), a kept-alive connection waits `keepAliveMs` for its next
 * request, and connections beyond `maxConnections` are closed as they arrive. A slow download is
 * not idle: it is never cut while bytes still move. `idleMs` stays below `headersMs`: in Node 20 a
 * silent connection whose idle deadline falls after the headers deadline was never closed
 * (measured: still open after 25 s with 12 s idle, 10 s headers).
 */
export const LIMITS = { idleMs: 10_000, headersMs: 15_000, requestMs: 30_000, keepAliveMs: 5_000, maxConnections: 256 };

/**
 * Serve `dir` on `host` (default 127.0.0.1) at `port` (0 = any free port); `limits` overrides
 * some of `LIMITS` (tests use short ones). Resolves to { url, port, close, server }.
 */
export async function serve(dir, port = 0, host = '127.0.0.1', limits = {}) {
  const l = { ...LIMITS, ...limits };
  const server = http.createServer({
    maxHeaderSize: 16 * 1024,
    // how often the headers and request deadlines are checked (Node's default: every 30 s)
    connectionsCheckingInterval: Math.min(1_000, l.headersMs),
  }, createHandler(dir));
  server.headersTimeout = l.headersMs;
  server.requestTimeout = l.requestMs;
  server.keepAliveTimeout = l.keepAliveMs;
  // without a 'timeout' listener, Node destroys a socket idle this long
  server.timeout = l.idleMs;
  server.maxConnections = l.maxConnections;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({
        url: `http://${shown}:${a.port}/`,
        port: a.port,
        server,
        close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }),
      });
    });
  });
}
