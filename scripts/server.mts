// The HTTP server in front of Next.js (spawned by scripts/start.mts; `next start` is not used).
// Next's route handlers cannot see the TCP peer, and Next fills X-Forwarded-For from the socket
// only when the client did not send one, so a client could pick its own address for the per-IP
// sign-in limit. Here the socket is known: each request's client address is resolved from it
// (and from X-Forwarded-For only behind a proxy listed in TRUSTED_PROXIES) and handed to the app
// in x-mgr-client-ip, overwriting anything the client sent under that name.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
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
const server = http.createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
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
