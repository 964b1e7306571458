import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as versionRoute from '@/app/api/v1/versions/[ref]/route';
import * as metricsRoute from '@/app/api/v1/versions/[ref]/metrics/route';
import * as modelCardRoute from '@/app/api/v1/versions/[ref]/model-card/route';
import * as compareRoute from '@/app/api/v1/compare/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import { proxy } from '@/proxy';
import { call, tokenFor, withOwnDatabase, type ApiResult } from './api-helpers';

// Finding 7: bad URLs and headers answered 500. Each must be a 400/403/404 problem+json naming
// the field — both at the proxy (before Next.js routes the request; the only place a path that is
// not valid UTF-8 can be caught) and in the route handlers themselves (reached without the proxy).

withOwnDatabase('mgr_api_badurl');

let engineer: string;
let admin: string;
beforeAll(async () => {
  engineer = (await tokenFor('engineer')).token;
  admin = (await tokenFor('admin')).token;
});

function expectProblem(r: ApiResult, status: number, field: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(Object.keys((r.json.errors ?? {}) as Record<string, unknown>), r.text).toContain(field);
}

describe('route handlers refuse NUL characters in the query and the path with 400 naming the field', () => {
  it('GET /api/v1/versions?q=%00, ?tag=%00, ?component=%00', async () => {
    for (const key of ['q', 'tag', 'component']) {
      expectProblem(await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token: engineer, query: `${key}=%00` }), 400, key);
    }
  });

  it('GET /api/v1/compare?ids=a%00,b', async () => {
    expectProblem(await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: engineer, query: 'ids=a%00,b' }), 400, 'ids');
  });

  it('GET /api/v1/versions/a%00b, its model card, and POST its metrics', async () => {
    const params = { ref: 'a\u0000b' };
    expectProblem(await call(versionRoute.GET, 'GET', '/api/v1/versions/a%00b', { token: engineer, params }), 400, 'ref');
    expectProblem(await call(modelCardRoute.GET, 'GET', '/api/v1/versions/a%00b/model-card', { token: engineer, params }), 400, 'ref');
    expectProblem(await call(metricsRoute.POST, 'POST', '/api/v1/versions/a%00b/metrics', { token: engineer, params, body: { metrics: [{ metric: 'fvd', value: 1 }] } }), 400, 'ref');
  });
});

describe('a cookie write with an Origin that is not a URL is refused, not a 500', () => {
  it.each(['null', '::::', 'http://', '%'])('Origin: %s → 403', async (origin) => {
    const r = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { body: { name: 'x' }, headers: { cookie: 'next-auth.session-token=abc', origin, host: 'localhost' } });
    expect(r.status, r.text).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });
  it('a bearer-token write is unaffected by the Origin header', async () => {
    const r = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'from-ci', role: 'engineer' }, headers: { origin: 'null' } });
    expect(r.status, r.text).toBe(201);
  });
});

async function viaProxy(url: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const res = proxy(new NextRequest(new URL(url, 'http://localhost:3000'), { method: init.method ?? 'GET', headers: { host: 'localhost:3000', ...init.headers } }));
  // Passed on to Next.js (NextResponse.next(), with security headers): no refusal.
  if (!res || res.headers.get('x-middleware-next') === '1') return null;
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as { errors: Record<string, string[]> }) : null };
}

describe('proxy: what Next.js would answer with a 500 is refused before routing', () => {
  it.each([
    ['/api/v1/versions?q=%00', 'q'],
    ['/api/v1/versions/a%00b', 'path'],
    ['/api/v1/versions/a%00b/metrics', 'path'],
    ['/api/v1/versions/a%00b/model-card', 'path'],
    ['/api/v1/versions?tag=%00', 'tag'],
    ['/api/v1/versions?component=%00', 'component'],
    ['/api/v1/compare?ids=a%00,b', 'ids'],
    ['/api/v1/versions/%ED%A0%80', 'path'],
  ])('%s → 400 problem+json naming %s', async (url, field) => {
    const r = await viaProxy(url);
    expect(r?.status).toBe(400);
    expect(r?.type).toContain('application/problem+json');
    expect(Object.keys(r!.json!.errors)).toEqual([field]);
  });

  it.each(['/versions/a%00b', '/versions?q=%00', '/versions/%ED%A0%80'])('page %s → the 400 page', async (url) => {
    const r = await viaProxy(url, { headers: { accept: 'text/html' } });
    expect(r?.status).toBe(400);
    expect(r?.type).toContain('text/html');
    expect(r?.text).toContain('400 · Bad request');
  });

  it('lets ordinary URLs through', async () => {
    for (const url of ['/', '/versions?q=base%20diffusion&tag=emergency', '/versions/pib-vg-base-diffusion-1.2.3-20230615', '/api/v1/versions?q=%C3%A9', '/compare?ids=a,b']) {
      expect(await viaProxy(url), url).toBeNull();
    }
  });

  it('a cross-origin server action → 403; same origin or no Origin passes', async () => {
    const action = { method: 'POST', headers: { 'next-action': 'abc123', accept: 'text/x-component' } };
    for (const origin of ['http://evil.example', 'null', '::::']) {
      const r = await viaProxy('/versions', { ...action, headers: { ...action.headers, origin } });
      expect(r?.status, origin).toBe(403);
      expect(r?.json?.errors).toEqual({ origin: ['is not this registry'] });
    }
    expect(await viaProxy('/versions', { ...action, headers: { ...action.headers, origin: 'http://localhost:3000' } })).toBeNull();
    expect(await viaProxy('/versions', action)).toBeNull();
    // An ordinary cross-origin form post (no Next-Action) is not the proxy's business.
    expect(await viaProxy('/versions', { method: 'POST', headers: { origin: 'http://evil.example' } })).toBeNull();
  });
});
