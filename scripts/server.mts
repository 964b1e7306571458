// The HTTP server in front of Next.js (spawned by scripts/start.mts; `next start` is not used).
// Next's route handlers cannot see the TCP peer, and Next fills X-Forwarded-For from the socket
// only when the client did not send one, so a client could pick its own address for the per-IP
// sign-in limit. Here the socket is known: each request's client address is resolved from it
// (and from X-Forwarded-For only behind a proxy listed in TRUSTED_PROXIES) and handed to the app
// in x-mgr-client-ip, overwriting anything the client sent under that name.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import sirv from 'sirv';
import { precompressStatic } from './precompress-static.mjs';
import { CLIENT_IP_HEADER, CLIENT_IP_HEADER_ENV, parseTrustedProxies, resolveClientIp } from '../lib/auth/client-ip.ts';
import { sessionLimits } from '../lib/auth/user-sessions.ts';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

let trusted;
try {
  // Settings read per request elsewhere are checked once here, so a typo stops the start
  // instead of failing every request.
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  sessionLimits();
} catch (e) {
  console.error(`[server] ${(e as Error).message}`);
  process.exit(1);
}
process.env[CLIENT_IP_HEADER_ENV] = '1'; // the app may believe CLIENT_IP_HEADER: we write it

const app = next({ dev: false, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

// Token-authenticated GETs of the hottest API reads skip Next.js's router (lib/http/hot-path.ts).
// Loaded after prepare(): the route code imports next/* modules that need Next's server environment.
const { hotPathEnabled, matchHot, serveHot } = await import('../lib/http/hot-path.ts');
const hot = hotPathEnabled();
// The build's static files (content-hashed, immutable) come from the files `npm run build`
// compressed once (scripts/build-runtime.mjs: x.js.br / x.js.gz beside x.js), not through Next.js,
// which would gzip each response again on the event loop that renders the pages.
const STATIC_PREFIX = '/_next/static/';
const staticDir = path.join(root, '.next', 'static');
// A build made by `next build` alone (scripts/start.mts builds that way) has no compressed
// companions yet: write the missing ones before sirv lists the directory.
await precompressStatic(staticDir, { onlyMissing: true, log: (m) => console.log(`[server] ${m}`) });
const staticFiles = sirv(staticDir, {
  maxAge: 31536000,
  immutable: true,
  etag: true,
  gzip: true,
  brotli: true,
  setHeaders(res, pathname) {
    if (/\.(js|css)$/.test(pathname)) res.setHeader('Content-Type', `${pathname.endsWith('.css') ? 'text/css' : 'application/javascript'}; charset=utf-8`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
  },
});
function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? '';
  if (!url.startsWith(STATIC_PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD') || req.headers.range) return false;
  req.url = url.slice(STATIC_PREFIX.length - 1);
  staticFiles(req, res, () => {
    // Not a file of this build (say, a chunk of the previous deployment): a plain 404, not a page
    // (app/(app)/[...missing] would answer a script request with a redirect to sign in).
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(`Not found: ${url.split('?')[0]}\n`);
  });
  return true;
}

const server = http.createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
  if (serveStatic(req, res)) return;
  const m = hot ? matchHot(req) : null;
  if (m) void serveHot(req, res, m);
  else void handle(req, res);
});
server.listen(port, host, () => {
  const via = trusted.size ? `; X-Forwarded-For trusted from ${trusted.size} TRUSTED_PROXIES entr${trusted.size === 1 ? 'y' : 'ies'}` : '';
  console.log(`[server] Ready on http://${host}:${port}${via}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
