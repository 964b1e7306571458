import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlainAnswer } from '../api/http';
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

type HotRoute = { pattern: RegExp; answer: (request: Request, params: Record<string, string>) => Promise<PlainAnswer>; params: (m: RegExpExecArray) => Record<string, string> };

const HOT_ROUTES: HotRoute[] = [
  { pattern: /^\/api\/v1\/versions\/?$/, answer: (r) => listVersionsGET.answer(r, {}), params: () => ({}) },
  { pattern: /^\/api\/v1\/versions\/([^/]+)\/?$/, answer: (r, p) => versionDetailGET.answer(r, { ref: p.ref }), params: (m) => ({ ref: decodeURIComponent(m[1]) }) },
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

/**
 * The request as the route handlers of the hot routes read it: a GET's method, URL (path and
 * query) and headers' get/has — not a Fetch Request, whose construction (an AbortSignal, a parsed
 * URL, a Headers copy) was a measurable part of each request. Node lower-cases header names;
 * a repeated header reads as Fetch joins it. Both hot handlers are GETs that read nothing else
 * (test/integration/hot-path.test.ts compares their answers with the route's own).
 */
class HotRequest {
  readonly method = 'GET';
  readonly url: string;
  readonly headers: Pick<Headers, 'get' | 'has'>;
  constructor(req: IncomingMessage, m: HotMatch) {
    this.url = `http://${HOST_FOR_URL}${m.path}${m.search}`;
    const h = req.headers;
    this.headers = {
      get: (name: string) => {
        const v = h[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
      has: (name: string) => h[name.toLowerCase()] !== undefined,
    };
  }
}

// Route handlers read only the path and query of request.url; a fixed origin keeps a client's Host
// header from making the URL unparseable (Next.js answers that case itself).
const HOST_FOR_URL = '127.0.0.1';

// proxy.ts's headers for API responses: the same for every hot answer (no nonce, no page) while
// the public URL (https or not: HSTS) stays the same.
let apiHeaders: { publicUrl: string | undefined; list: [string, string][] } | null = null;
function securityHeaderList(): [string, string][] {
  const publicUrl = process.env.NEXTAUTH_URL;
  if (!apiHeaders || apiHeaders.publicUrl !== publicUrl) {
    apiHeaders = { publicUrl, list: Object.entries(securityHeaders({ nonce: null, publicUrl })).map(([k, v]) => [k.toLowerCase(), v]) };
  }
  return apiHeaders.list;
}

/** Answer a matched request with the route's handler and proxy.ts's API headers. */
export async function serveHot(req: IncomingMessage, res: ServerResponse, m: HotMatch): Promise<void> {
  let answer: PlainAnswer;
  try {
    answer = await m.route.answer(new HotRequest(req, m) as unknown as Request, m.params);
  } catch (e) {
    console.error('[hot-path] unhandled error', e);
    answer = {
      status: 500,
      headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
      body: JSON.stringify({ type: 'https://model-registry.local/problems/500', title: 'Internal server error', status: 500, detail: 'Something went wrong on the server; the change was not applied' }),
    };
  }
  const headers = answer.headers;
  for (const [k, v] of securityHeaderList()) headers[k] = v;
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
