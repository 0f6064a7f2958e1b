// HTTPS fixture server for the end-to-end tests.
//
// Serves tests/e2e/fixtures/<host>/<path> on 127.0.0.1 with a self-signed certificate made at run time
// (openssl CLI) for Meta's real host names plus a look-alike host. Responses carry Meta-like headers:
// a Content-Security-Policy with 'unsafe-inline' and 'unsafe-eval' (what facebook.com sends today),
// X-Frame-Options: DENY, nosniff, a CSP report endpoint (reports are recorded: the tests check that the
// extension never makes the site's CSP fire).
//
// Port: 443 when we may bind it (root, as on CI), so that Firefox's `network.dns.forceResolve` (which keeps
// the port) gives URLs that read exactly `https://www.facebook.com/...`. Otherwise (not root, or 443 busy)
// an ephemeral port is used and the browsers are told to map the port too (Chromium:
// --host-resolver-rules=MAP host 127.0.0.1:PORT; Firefox: network.socket.forcePort=443=PORT, as documented
// in shared/docs/browsers.md). OBJECTOR_E2E_PORT forces a port.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(HERE, 'fixtures');

/**
 * Hosts that only hostile.test.js uses: look-alikes of Meta's hosts, and facebook.com subdomains the rules do
 * not allow-list (the manifest's https://*.facebook.com/* still runs the content script there). The punycode
 * one is 'www.fаcebook.com' with a Cyrillic 'а'.
 */
export const HOSTILE_HOSTS = [
  'faceb00k.com', 'www.faceb00k.com', 'facebook.co', 'www.facebook.co', 'm-facebook.com',
  'www.facebook.com-login.example', 'facebook.com.evil.example', 'evilfacebook.com', 'facebook.evil.example',
  new URL('https://www.f\u0430cebook.com/').hostname,
  'instagram.com.evil.example', 'help.instagram.co', 'privacycenter-instagram.com', 'help.instagram.com.evil.example',
  'evil.facebook.com', 'l.facebook.com', 'help.facebook.com.evil.example',
];

/** Host names the certificate covers and the browsers map to 127.0.0.1. */
export const HOSTS = [
  'www.facebook.com',
  'web.facebook.com',
  'fr-fr.facebook.com',
  'www.instagram.com',
  'help.instagram.com',
  'privacycenter.instagram.com',
  'www.facebook.com.evil.example',
  // Look-alike and not-allow-listed hosts for hostile.test.js (served only through its page generator).
  ...HOSTILE_HOSTS,
];

const FACEBOOK_CSP = [
  "default-src * data: blob: 'self'",
  "script-src *.facebook.com *.fbcdn.net *.facebook.net 'unsafe-inline' 'unsafe-eval' blob: data: 'self'",
  "style-src data: blob: 'unsafe-inline' *",
  "connect-src *.facebook.com facebook.com *.fbcdn.net *.facebook.net wss://*.facebook.com:* blob: 'self'",
  'font-src data: *',
  "img-src 'self' *.fbcdn.net *.facebook.com data: blob: facebook.com",
  'media-src *.fbcdn.net *.facebook.com blob: data:',
  'frame-src *.facebook.com *.fbsbx.com data:',
  'worker-src blob: *.facebook.com data:',
  "frame-ancestors 'self'",
  'block-all-mixed-content',
  'upgrade-insecure-requests',
  'report-uri /csp/reporting/',
].join('; ');

const INSTAGRAM_CSP = [
  "default-src * data: blob: 'self'",
  "script-src *.instagram.com *.cdninstagram.com *.facebook.com *.fbcdn.net 'unsafe-inline' 'unsafe-eval' blob: data: 'self'",
  "style-src data: blob: 'unsafe-inline' *",
  "connect-src *.instagram.com *.cdninstagram.com *.facebook.com wss://*.instagram.com:* blob: 'self'",
  'font-src data: *',
  "img-src 'self' *.cdninstagram.com *.instagram.com *.fbcdn.net data: blob:",
  'media-src *.cdninstagram.com *.fbcdn.net blob: data:',
  'worker-src blob: *.instagram.com data:',
  "frame-ancestors 'self'",
  'block-all-mixed-content',
  'upgrade-insecure-requests',
  'report-uri /csp/reporting/',
].join('; ');

/**
 * A policy like Meta's in what the page may do (its inline scripts and styles run) but without 'unsafe-eval':
 * Chromium refuses a content script's wasm under it (strict-csp.test.js, stress-page.test.js, the bench).
 */
export const NO_WASM_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; report-uri /csp/reporting/";

const TYPES = { '.html': 'text/html; charset="utf-8"', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/** Makes a self-signed certificate for HOSTS in a fresh temporary folder. */
function makeCertificate(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const san = HOSTS.map((h) => `DNS:${h}`).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', '/CN=www.facebook.com/O=Objector test fixtures',
    '-addext', `subjectAltName=${san}`,
    '-addext', 'extendedKeyUsage=serverAuth',
    '-keyout', key, '-out', cert,
  ], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** `{{include:name}}` in a fixture is replaced by tests/e2e/fixtures/_shared/name (inline scripts). */
function expandIncludes(text) {
  return text.replace(/\{\{include:([\w.-]+)\}\}/g, (_, name) =>
    readFileSync(path.join(FIXTURES, '_shared', name), 'utf8'));
}

function resolveFile(host, urlPath) {
  const root = path.join(FIXTURES, host);
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const base = path.normalize(path.join(root, rel));
  if (!base.startsWith(root)) return null; // no ../ escapes
  const candidates = rel.endsWith('/') ? [path.join(base, 'index.html')] : [base, `${base}.html`, path.join(base, 'index.html')];
  for (const file of candidates) {
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // try the next one
    }
  }
  return null;
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => { server.off('listening', onListening); reject(err); };
    const onListening = () => { server.off('error', onError); resolve(server.address().port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Starts the fixture server. Returns { port, hosts, requests, cspReports, url(host, path), close() }.
 * `dynamic(host, url)`, when given, may answer a GET with generated HTML (a string) before the fixture files
 * are looked at; null/undefined falls through to the files (the benchmark's generated pages use this). It may also
 * answer `{ head, rest }`: `head` is sent at once, and the rest of the page when the promise `rest` resolves.
 *
 * Options (hostile.test.js): `generate({ host, port, scheme, url })` may answer a GET with a page of its own
 * (`{ body, headers }`, or null for the usual fixtures; any Host, IP literals included); `extraPorts` are more
 * HTTPS listeners (other-port URLs); `httpPort` a plain-HTTP listener (http:// URLs). The extra listeners only
 * come up when the main one is on 443 (the browsers then keep the URL's port, see browsers.js).
 * `headers(host, url)` (strict-csp.test.js) may return headers that replace or add to the usual ones on fixture
 * files and `dynamic` pages: another Content-Security-Policy, or a report-only one. A header set to null is left
 * out. `rewrite(host, url, html)` may return another text for a fixture HTML file (null keeps it).
 */
export async function startFixtureServer({ dynamic = null, generate = null, extraPorts = [], httpPort = null, headers = null, rewrite = null } = {}) {
  const certDir = mkdtempSync(path.join(tmpdir(), 'objector-e2e-cert-'));
  let tls;
  try {
    tls = makeCertificate(certDir);
  } catch (err) {
    throw new Error(`could not make the test certificate with openssl (install it: apt-get install openssl): ${err.message}`);
  } finally {
    rmSync(certDir, { recursive: true, force: true }); // key and certificate are in memory now
  }
  const requests = [];
  const cspReports = [];
  /** The host name (TLS SNI) of every connection, including ones that fail the handshake. */
  const connections = [];

  const handler = (scheme) => (req, res) => {
    const hostHeader = String(req.headers.host ?? '').toLowerCase();
    const host = hostHeader.replace(/:\d+$/, '');
    const url = new URL(req.url, `${scheme}://${hostHeader || 'invalid'}`);
    const localPort = req.socket.localPort;
    requests.push({
      method: req.method, scheme, host, port: localPort, path: url.pathname, search: url.search, at: Date.now(),
      // Who asked: a navigation, an image, a report, or a script's fetch (empty) — and from which origin.
      dest: req.headers['sec-fetch-dest'] ?? null, mode: req.headers['sec-fetch-mode'] ?? null,
      origin: req.headers.origin ?? null,
    });
    const made = generate && req.method === 'GET' ? generate({ host, port: localPort, scheme, url }) : null;
    if (made) {
      const body = Buffer.from(expandIncludes(made.body));
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', 'Content-Length': body.length, ...made.headers });
      res.end(body);
      return;
    }
    const isInstagram = host.endsWith('instagram.com');
    const common = {
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'X-XSS-Protection': '0',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Origin-Agent-Cluster': '?0',
      'Permissions-Policy': 'camera=(self), geolocation=(self), microphone=(self), payment=(), usb=()',
      'Document-Policy': 'force-load-at-top',
      'Cache-Control': 'private, no-cache, no-store, must-revalidate',
      Pragma: 'no-cache',
      Expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
      Vary: 'Accept-Encoding',
      'X-FB-Debug': 'objector-e2e-fixture',
    };

    if (req.method === 'POST' && url.pathname === '/csp/reporting/') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => { if (body.length < 100_000) body += c; });
      req.on('end', () => {
        try {
          cspReports.push({ host, report: JSON.parse(body) });
        } catch {
          cspReports.push({ host, report: body });
        }
        res.writeHead(204, common).end();
      });
      return;
    }
    if (!HOSTS.includes(host) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(host && HOSTS.includes(host) ? 405 : 421, { ...common, 'Content-Type': 'text/plain' });
      res.end('not served by the Objector fixture server\n');
      return;
    }
    const metaHeaders = (more) => {
      const all = { ...common, 'Content-Security-Policy': isInstagram ? INSTAGRAM_CSP : FACEBOOK_CSP, ...more, ...headers?.(host, url) };
      return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null && v !== undefined));
    };
    const generated = dynamic ? dynamic(host, url) : null;
    if (generated?.rest) {
      // A page sent in two parts, the second when `rest` resolves: the browser has started the document (and the
      // extension its document_start script) and waits for the remainder.
      res.writeHead(200, metaHeaders({ 'Content-Type': TYPES['.html'] }));
      res.write(generated.head);
      generated.rest.then((rest) => res.end(rest), () => res.destroy());
      return;
    }
    if (generated != null) {
      const body = Buffer.from(generated);
      res.writeHead(200, metaHeaders({ 'Content-Type': TYPES['.html'], 'Content-Length': body.length }));
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const file = resolveFile(host, url.pathname);
    if (!file) {
      res.writeHead(404, { ...common, 'Content-Type': 'text/html; charset="utf-8"' });
      res.end('<!DOCTYPE html><html lang="en"><head><title>Page not found</title></head><body><h1>This content isn\'t available right now</h1></body></html>');
      return;
    }
    const ext = path.extname(file);
    let body = readFileSync(file);
    if (ext === '.html') {
      const html = expandIncludes(body.toString('utf8'));
      body = Buffer.from(rewrite?.(host, url, html) ?? html);
    }
    res.writeHead(200, metaHeaders({ 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Content-Length': body.length }));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = https.createServer(tls, handler('https'));
  server.keepAliveTimeout = 1000;

  const forced = process.env.OBJECTOR_E2E_PORT ? Number(process.env.OBJECTOR_E2E_PORT) : null;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let port;
  if (forced !== null) {
    port = await listen(server, forced);
  } else if (isRoot) {
    try {
      port = await listen(server, 443);
    } catch (err) {
      if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') throw err;
      port = await listen(server, 0); // 443 busy: fall back to a mapped ephemeral port
    }
  } else {
    port = await listen(server, 0);
  }

  const servers = [server];
  if (port === 443) {
    for (const p of extraPorts) {
      const extra = https.createServer(tls, handler('https'));
      await listen(extra, p);
      servers.push(extra);
    }
    if (httpPort !== null) {
      const plain = http.createServer(handler('http'));
      await listen(plain, httpPort);
      servers.push(plain);
    }
  }

  const sockets = new Set();
  for (const srv of servers) {
    srv.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
    srv.on('secureConnection', (s) => connections.push({ host: s.servername ?? null, ok: true }));
    srv.on('tlsClientError', (_err, s) => connections.push({ host: s?.servername ?? null, ok: false }));
  }

  return {
    port,
    hosts: HOSTS,
    /** The ports of the extra listeners that are up (other-port and http cases need them). */
    extraListeners: servers.length - 1,
    requests,
    cspReports,
    connections,
    /** The URL the browsers use: always the real host name, port only in the TCP mapping. */
    url: (host, p = '/') => `https://${host}${p}`,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(() => resolve()))));
    },
  };
}

// `node tests/e2e/server.js` serves the fixtures by hand (for looking at them with a browser).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srv = await startFixtureServer();
  writeFileSync(1, `fixture server on 127.0.0.1:${srv.port} for ${HOSTS.join(', ')}\n`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
