import type { IncomingMessage, ServerResponse } from 'node:http';
import { listVersionsGET, versionDetailGET } from '../api/routes/versions';
import { bearerFrom } from '../auth/api-token';
import { securityHeaders } from '../security-headers';
import { checkRequestUrl } from './url-guard';

// The API's hottest reads, answered by the HTTP server (scripts/server.mts) before Next.js routes
// them — decision record 019. Profiled at 10k versions, a token-authenticated list request cost
// ~4.6 ms of CPU, of which Next.js's router, middleware (proxy.ts) and Response plumbing took about
// a third. Only what needs no Next.js request scope comes here: GET with a bearer token on the
// routes below. The handler is the route's own (lib/api/routes/versions.ts: the same
// authentication, permission check, parsing, read and problem+json errors), with the headers
// proxy.ts sets on every API response. Anything else — a cookie session, a URL proxy.ts would
// refuse, a path that does not decode — is left to Next.js, unchanged. MGR_HOT_PATH=0 turns it off.

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type HotRoute = { pattern: RegExp; handler: RouteHandler<Record<string, string>>; params: (m: RegExpExecArray) => Record<string, string> };

const HOT_ROUTES: HotRoute[] = [
  { pattern: /^\/api\/v1\/versions\/?$/, handler: listVersionsGET as RouteHandler<Record<string, string>>, params: () => ({}) },
  { pattern: /^\/api\/v1\/versions\/([^/]+)\/?$/, handler: versionDetailGET as RouteHandler<Record<string, string>>, params: (m) => ({ ref: decodeURIComponent(m[1]) }) },
];

export type HotMatch = { route: HotRoute; params: Record<string, string>; path: string; search: string };

export function hotPathEnabled(): boolean {
  return process.env.MGR_HOT_PATH !== '0';
}

/** The hot route this request is for, or null when Next.js should answer it. Synchronous: the request is untouched either way. */
export function matchHot(req: IncomingMessage): HotMatch | null {
  if (req.method !== 'GET' || !req.url) return null;
  const auth = req.headers.authorization;
  if (!auth || !bearerFrom(auth)) return null;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const search = q < 0 ? '' : req.url.slice(q);
  for (const route of HOT_ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (checkRequestUrl(path, search)) return null; // proxy.ts answers it, as for any other URL
    try {
      return { route, params: route.params(m), path, search };
    } catch {
      return null; // a path segment that does not decode: Next.js's answer
    }
  }
  return null;
}

/** The request as the Fetch API Request a route handler takes (GET: headers only). */
function fetchRequest(req: IncomingMessage, m: HotMatch): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return new Request(`http://${HOST_FOR_URL}${m.path}${m.search}`, { method: 'GET', headers });
}

// Route handlers read only the path and query of request.url; a fixed origin keeps a client's Host
// header from making the URL unparseable (Next.js answers that case itself).
const HOST_FOR_URL = '127.0.0.1';

/** Answer a matched request with the route's handler and proxy.ts's API headers. */
export async function serveHot(req: IncomingMessage, res: ServerResponse, m: HotMatch): Promise<void> {
  let status: number;
  let headers: Record<string, string>;
  let body: Buffer;
  try {
    const response = await m.route.handler(fetchRequest(req, m), { params: Promise.resolve(m.params) });
    status = response.status;
    headers = Object.fromEntries(response.headers);
    body = Buffer.from(await response.arrayBuffer());
  } catch (e) {
    console.error('[hot-path] unhandled error', e);
    status = 500;
    headers = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' };
    body = Buffer.from(JSON.stringify({ type: 'https://model-registry.local/problems/500', title: 'Internal server error', status: 500, detail: 'Something went wrong on the server; the change was not applied' }));
  }
  for (const [k, v] of Object.entries(securityHeaders({ nonce: null, publicUrl: process.env.NEXTAUTH_URL }))) headers[k.toLowerCase()] = v;
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
}
