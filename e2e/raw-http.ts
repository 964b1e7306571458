import http from 'node:http';
import { randomInt } from 'node:crypto';

// Node's http client, so a test can pick the local address it connects from: a random 127.x.y.z
// (all of 127/8 is loopback on Linux) gives each test a client address of its own, so the
// per-IP sign-in limit it trips never blocks the other tests (which connect from 127.0.0.1).
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** 127.200.0.0/16 is the suite's TRUSTED_PROXIES range (playwright.config.ts): a "reverse proxy". */
export const PROXY_RANGE_PREFIX = '127.200';

export function randomLoopback(): string {
  let second = randomInt(1, 250);
  if (second === 200) second = 201;
  return `127.${second}.${randomInt(1, 250)}.${randomInt(2, 250)}`;
}

export function randomProxyAddress(): string {
  return `${PROXY_RANGE_PREFIX}.${randomInt(1, 250)}.${randomInt(2, 250)}`;
}

export function rawRequest(
  baseURL: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  const u = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.localAddress },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** One credentials sign-in attempt through next-auth's own endpoint (CSRF token and cookie included). */
export async function credentialsAttempt(
  baseURL: string,
  creds: { email: string; password: string },
  opts: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const csrf = await rawRequest(baseURL, '/api/auth/csrf', { localAddress: opts.localAddress, headers: opts.headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return rawRequest(baseURL, '/api/auth/callback/credentials', {
    method: 'POST',
    localAddress: opts.localAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-auth-return-redirect': '1', ...opts.headers },
    body: new URLSearchParams({ ...creds, csrfToken, callbackUrl: baseURL, json: 'true' }).toString(),
  });
}
