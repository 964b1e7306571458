import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { listVersionsGET, versionDetailGET } from '@/lib/api/routes/versions';
import { contextFor } from '@/lib/context';
import { prisma } from '@/lib/db';
import { matchHot, serveHot } from '@/lib/http/hot-path';
import { revokeApiToken } from '@/lib/services/api-tokens';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { makeComponent } from '../fixtures';
import { call, tokenFor } from './api-helpers';

// The HTTP server answers token-authenticated GETs of the list and the detail before Next.js
// (lib/http/hot-path.ts). Here a node:http server with the same dispatch as scripts/server.mts
// answers 599 where Next.js would take over, so each case shows which path answered and what.

let server: http.Server;
let origin: string;
let token: string;
let modelId: string;
let component: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const m = matchHot(req);
    if (m) void serveHot(req, res, m);
    else {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end('left to Next.js');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ token } = await tokenFor('viewer'));
  component = (await makeComponent()).key;
  const base = { component, architecture: 'diffusion', configYaml: '', artifacts: [], metrics: [{ metric: 'fvd', value: 200 }] };
  await registerModelVersion(contextFor(SYSTEM_ACTOR), { ...base, version: '1.0.0', releaseDate: '2023-01-01' });
  modelId = (await registerModelVersion(contextFor(SYSTEM_ACTOR), { ...base, version: '1.1.0', releaseDate: '2023-02-01' })).modelId;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });
const bearer = (t = token) => ({ authorization: `Bearer ${t}` });

describe('the hot path answers what the route handler answers', () => {
  it('the list: same status and body as the route handler, with the API headers proxy.ts sets', async () => {
    const path = `/api/v1/versions?component=${component}&pageSize=1&sort=version&order=asc`;
    const res = await get(path, bearer());
    expect(res.status).toBe(200);
    const direct = await call(listVersionsGET, 'GET', path, { token });
    expect(await res.json()).toEqual(direct.json);
    expect(direct.json.total).toBe(2);
    expect((direct.json.items as { version: string }[]).map((i) => i.version)).toEqual(['1.0.0']);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('the detail by model id, percent-encoded or not, and by id', async () => {
    const direct = await call(versionDetailGET, 'GET', `/api/v1/versions/${modelId}`, { token, params: { ref: modelId } });
    expect(direct.status).toBe(200);
    for (const ref of [modelId, encodeURIComponent(modelId).replace(/-/g, '%2D'), direct.json.id as string]) {
      const res = await get(`/api/v1/versions/${ref}`, bearer());
      expect(res.status, ref).toBe(200);
      expect(await res.json()).toEqual(direct.json);
    }
  });

  it('errors are the route handler’s problem+json: a bad query parameter named, an unknown version, a bad token', async () => {
    const bad = await get('/api/v1/versions?pageSize=abc', bearer());
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(((await bad.json()) as { errors: Record<string, string[]> }).errors).toHaveProperty('pageSize');
    const missing = await get('/api/v1/versions/pib-vg-nope-diffusion-9.9.9-20230101', bearer());
    expect(missing.status).toBe(404);
    const forged = await get('/api/v1/versions', bearer('mgr_00000000_forgedforgedforgedforgedforgedforged'));
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('a revoked token is refused at once, and a deactivated owner’s token too', async () => {
    const t = await tokenFor('engineer');
    expect((await get('/api/v1/versions?limit=1', bearer(t.token))).status).toBe(200);
    await revokeApiToken(contextFor(t.owner), t.id);
    expect((await get('/api/v1/versions?limit=1', bearer(t.token))).status).toBe(401);
    const u = await tokenFor('viewer');
    await prisma.user.update({ where: { id: u.owner.id }, data: { active: false } });
    expect((await get('/api/v1/versions?limit=1', bearer(u.token))).status).toBe(401);
  });
});

describe('everything else is left to Next.js', () => {
  it.each<[string, string, string, () => Record<string, string>]>([
    ['no token (a cookie session)', 'GET', '/api/v1/versions', () => ({ cookie: 'next-auth.session-token=x' })],
    ['a write with a token', 'POST', '/api/v1/versions', () => bearer()],
    ['a path segment that does not decode', 'GET', '/api/v1/versions/%E0%A4%A', () => bearer()],
    ['a NUL in the query', 'GET', '/api/v1/versions?q=%00', () => bearer()],
    ['Basic credentials', 'GET', '/api/v1/versions', () => ({ authorization: 'Basic dTpw' })],
  ])('%s', async (_what, method, path, headers) => {
    const write = method !== 'GET';
    const res = await fetch(`${origin}${path}`, { method, headers: { ...headers(), ...(write ? { 'content-type': 'application/json' } : {}) }, body: write ? '{}' : undefined });
    expect(res.status).toBe(599);
  });

  it('only the list and the detail: their sub-resources go to Next.js with a token too', async () => {
    for (const p of [`/api/v1/versions/${modelId}/model-card`, `/api/v1/versions/${modelId}/metrics`, '/api/v1/health']) {
      expect((await get(p, bearer())).status, p).toBe(599);
    }
  });
});
