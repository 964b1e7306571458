import { beforeAll, describe, expect, it } from 'vitest';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import * as tokenRoute from '@/app/api/v1/tokens/[id]/route';
import * as componentsRoute from '@/app/api/v1/components/route';
import * as metricDefinitionsRoute from '@/app/api/v1/metric-definitions/route';
import * as verifyRoute from '@/app/api/v1/audit/verify/route';
import * as parameterSetsRoute from '@/app/api/v1/parameter-sets/route';
import * as importRoute from '@/app/api/v1/parameter-sets/import/route';
import { hashToken } from '@/lib/auth/api-token';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/services/api-tokens';
import { makeUser } from '../fixtures';
import { call, counts, tokenFor, withOwnDatabase } from './api-helpers';
import { contextFor } from '@/lib/context';

const { db } = withOwnDatabase('mgr_api_tokens');

let admin: string;
let engineer: string;
let viewer: string;
let auditor: string;

beforeAll(async () => {
  [admin, engineer, viewer, auditor] = await Promise.all(
    (['admin', 'engineer', 'viewer', 'auditor'] as const).map(async (r) => (await tokenFor(r)).token),
  );
  // A quorum of committee members so proposals can be made.
  await makeUser('committee');
  await makeUser('committee');
});

describe('API tokens', () => {
  it('POST /tokens creates a token shown once; only its hash is stored; the audit event holds neither', async () => {
    const before = await counts(db());
    const r = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'ci-pipeline', role: 'engineer', expiresInDays: 30 } });
    expect(r.status).toBe(201);
    const token = r.json.token as string;
    expect(token).toMatch(/^mgr_[0-9a-f]{8}_/);
    expect(r.json).toMatchObject({ id: expect.any(String), prefix: token.slice(4, 12), name: 'ci-pipeline', kind: 'service', role: 'engineer', senior: false });
    const row = await db().apiToken.findUnique({ where: { id: r.json.id as string }, select: { tokenHash: true } });
    expect(row?.tokenHash).toBe(hashToken(token));
    const after = await counts(db());
    expect(after.tokens - before.tokens).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const event = await db().auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { action: true, change: true } });
    expect(event?.action).toBe('api_token.create');
    const serialized = JSON.stringify(event?.change);
    expect(serialized).not.toContain(token);
    expect(serialized).not.toContain(hashToken(token));

    // The new token works at once.
    const list = await call(componentsRoute.GET, 'GET', '/api/v1/components', { token });
    expect(list.status).toBe(200);
  });

  it('GET /tokens lists tokens without secrets or hashes', async () => {
    const r = await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token: admin });
    expect(r.status).toBe(200);
    const items = r.json.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item).not.toHaveProperty('tokenHash');
      expect(item).not.toHaveProperty('token');
      expect(item).toMatchObject({ id: expect.any(String), name: expect.any(String), prefix: expect.any(String), role: expect.any(String), createdAt: expect.any(String) });
    }
    expect(r.text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('DELETE /tokens/{id} revokes: the token gets 401 afterwards; revoking again is a no-op', async () => {
    const created = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'short-lived', role: 'viewer' } });
    const token = created.json.token as string;
    const id = created.json.id as string;
    expect((await call(componentsRoute.GET, 'GET', '/api/v1/components', { token })).status).toBe(200);
    const before = await counts(db());
    const r = await call(tokenRoute.DELETE, 'DELETE', `/api/v1/tokens/${id}`, { token: admin, params: { id } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id, active: false, revokedAt: expect.any(String) });
    expect((await counts(db())).audit - before.audit).toBe(1);
    expect((await call(componentsRoute.GET, 'GET', '/api/v1/components', { token })).status).toBe(401);
    const again = await call(tokenRoute.DELETE, 'DELETE', `/api/v1/tokens/${id}`, { token: admin, params: { id } });
    expect(again.status).toBe(200);
    expect((await counts(db())).audit - before.audit).toBe(1);
    expect((await call(tokenRoute.DELETE, 'DELETE', '/api/v1/tokens/nope', { token: admin, params: { id: 'nope' } })).status).toBe(404);
  });

  it('an expired token and a token of a disabled creator get 401', async () => {
    const creator = await makeUser('admin');
    const t = await createApiToken(contextFor(creator), { name: 'expiring', role: 'viewer', expiresInDays: 1 });
    await db().apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(componentsRoute.GET, 'GET', '/api/v1/components', { token: t.token })).status).toBe(401);
    const t2 = await createApiToken(contextFor(creator), { name: 'creator-disabled', role: 'viewer' });
    expect((await call(componentsRoute.GET, 'GET', '/api/v1/components', { token: t2.token })).status).toBe(200);
    await db().user.update({ where: { id: creator.id }, data: { active: false } });
    expect((await call(componentsRoute.GET, 'GET', '/api/v1/components', { token: t2.token })).status).toBe(401);
  });

  it('non-admins may not issue service tokens (403), see only their own tokens, and cannot reach others’; nothing written', async () => {
    const before = await counts(db());
    for (const t of [engineer, viewer, auditor]) {
      expect((await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: t, body: { name: 'x', role: 'engineer' } })).status).toBe(403);
      const list = await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token: t });
      expect(list.status).toBe(200);
      expect((list.json.items as { kind: string }[]).every((i) => i.kind === 'personal')).toBe(true);
      expect(list.json.items as unknown[]).toHaveLength(1); // the caller's own personal token
      expect((await call(tokenRoute.DELETE, 'DELETE', '/api/v1/tokens/x', { token: t, params: { id: 'x' } })).status).toBe(404);
    }
    expect(await counts(db())).toEqual(before);
  });

  it('400 with field errors on a bad token request; nothing written', async () => {
    const before = await counts(db());
    const cases: [unknown, string][] = [
      [{ name: '', role: 'engineer' }, 'name'],
      [{ name: 'x', role: 'root' }, 'role'],
      [{ name: 'x', role: 'viewer', senior: true }, 'senior'],
      [{ name: 'x', role: 'viewer', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: '<script>', role: 'viewer' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const r = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: admin, body });
      expect(r.status).toBe(400);
      expect(r.json.errors).toHaveProperty([field]);
    }
    expect(await counts(db())).toEqual(before);
  });

  it('service: list never selects the hash; someone else’s token cannot be revoked by a non-admin', async () => {
    const a = await makeUser('admin');
    const items = await listApiTokens(contextFor(a));
    expect(items.every((i) => !('tokenHash' in i))).toBe(true);
    const e = await makeUser('engineer');
    await expect(revokeApiToken(contextFor(e), items[0].id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('reference data, audit verification, parameter sets', () => {
  it('GET /components and /metric-definitions', async () => {
    const c = await call(componentsRoute.GET, 'GET', '/api/v1/components', { token: viewer });
    expect(c.status).toBe(200);
    expect((c.json.items as { key: string }[]).map((i) => i.key)).toEqual(expect.arrayContaining(['base', 'residual', 'super-res', 'fact-check']));
    const m = await call(metricDefinitionsRoute.GET, 'GET', '/api/v1/metric-definitions', { token: viewer });
    expect(m.json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'fvd', direction: 'lower_is_better' }),
        expect.objectContaining({ key: 'is', direction: 'higher_is_better' }),
      ]),
    );
    expect((await call(componentsRoute.GET, 'GET', '/api/v1/components', {})).status).toBe(401);
  });

  it('GET /audit/verify: ok with the head for auditors and engineers; 403 for viewers', async () => {
    const r = await call(verifyRoute.GET, 'GET', '/api/v1/audit/verify', { token: auditor });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, count: expect.any(Number), headSeq: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(r.json.count).toBe(r.json.headSeq);
    expect((await call(verifyRoute.GET, 'GET', '/api/v1/audit/verify', { token: engineer })).status).toBe(200);
    expect((await call(verifyRoute.GET, 'GET', '/api/v1/audit/verify', { token: viewer })).status).toBe(403);
  });

  const record = {
    parameter_id: 'lambda-20230615-1',
    base_noise_lambda: 0.7,
    residual_noise_lambda: 0.3,
    effective_date: '2023-06-15',
    approved_by: 'Model Governance Committee',
    performance_metrics: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93 },
    tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'Optimized for better temporal consistency in rapid motion scenes',
  };

  it('POST /parameter-sets/import is idempotent: 201, then 200 unchanged, then 409 on different content', async () => {
    const before = await counts(db());
    const first = await call(importRoute.POST, 'POST', '/api/v1/parameter-sets/import', { token: engineer, body: record });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ result: 'created', parameterId: 'lambda-20230615-1', status: 'approved' });
    const mid = await counts(db());
    expect(mid.parameterSets - before.parameterSets).toBe(1);
    // parameter_set.import, and history.imported on the file's effective date
    expect(mid.audit - before.audit).toBe(2);
    const again = await call(importRoute.POST, 'POST', '/api/v1/parameter-sets/import', { token: engineer, body: record });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ result: 'unchanged' });
    const changed = await call(importRoute.POST, 'POST', '/api/v1/parameter-sets/import', { token: engineer, body: { ...record, base_noise_lambda: 0.6 } });
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toContain('application/problem+json');
    expect(await counts(db())).toEqual(mid);
    const bad = await call(importRoute.POST, 'POST', '/api/v1/parameter-sets/import', { token: engineer, body: { ...record, parameter_id: 'lambda-x', base_noise_lambda: 1.5 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toHaveProperty(['parameter_id']);
    expect(bad.json.errors).toHaveProperty(['base_noise_lambda']);
    expect((await call(importRoute.POST, 'POST', '/api/v1/parameter-sets/import', { token: viewer, body: record })).status).toBe(403);
    expect(await counts(db())).toEqual(mid);
  });

  it('POST /parameter-sets proposes (201, status proposed); GET lists the seed format by kind', async () => {
    const { approved_by: _omit, ...proposal } = { ...record, parameter_id: 'lambda-20240101-1', effective_date: '2024-01-15' };
    void _omit;
    const r = await call(parameterSetsRoute.POST, 'POST', '/api/v1/parameter-sets', { token: engineer, body: proposal });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ parameter_id: 'lambda-20240101-1', status: 'proposed' });
    expect((await call(parameterSetsRoute.POST, 'POST', '/api/v1/parameter-sets', { token: engineer, body: proposal })).status).toBe(409);
    expect((await call(parameterSetsRoute.POST, 'POST', '/api/v1/parameter-sets', { token: engineer, body: record })).status).toBe(400);

    const list = await call(parameterSetsRoute.GET, 'GET', '/api/v1/parameter-sets', { token: viewer, query: 'kind=lambda' });
    expect(list.status).toBe(200);
    const items = list.json.items as Record<string, unknown>[];
    expect(items.map((i) => i.parameter_id)).toEqual(['lambda-20230615-1', 'lambda-20240101-1']);
    expect(items[0]).toMatchObject({ ...record, kind: 'lambda', status: 'approved' });
    expect(items[1]).toMatchObject({ status: 'proposed', base_noise_lambda: 0.7 });
    expect((await call(parameterSetsRoute.GET, 'GET', '/api/v1/parameter-sets', { token: viewer, query: 'kind=other' })).status).toBe(400);
    const training = await call(parameterSetsRoute.GET, 'GET', '/api/v1/parameter-sets', { token: viewer, query: 'kind=training' });
    expect(training.json.items).toEqual([]);
  });
});
