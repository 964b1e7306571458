import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as metricsRoute from '@/app/api/v1/versions/[ref]/metrics/route';
import * as testResultsRoute from '@/app/api/v1/versions/[ref]/test-results/route';
import * as transitionsRoute from '@/app/api/v1/versions/[ref]/transitions/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import * as tokenRoute from '@/app/api/v1/tokens/[id]/route';
import { actorFromToken } from '@/lib/auth/api-token';
import { can, PERMISSIONS, ROLES, SERVICE_TOKEN_PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { createApiToken } from '@/lib/services/api-tokens';
import { castVote } from '@/lib/services/cast-vote';
import { recordRaiAssessment } from '@/lib/services/rai';
import { makeComponent, makeUser } from '../fixtures';
import { call, serviceTokenFor, tokenFor, versionBody, withOwnDatabase } from './api-helpers';

// Finding 6: personal tokens act as their person (never with more than that person may do now);
// service tokens register and report but never decide; audit events name the person and the token.

const { db } = withOwnDatabase('mgr_api_personal');

let pipeline: string;
let component: string;
beforeAll(async () => {
  pipeline = (await serviceTokenFor('engineer')).token;
  component = (await makeComponent()).key;
});

const DECISIONS: Permission[] = ['vote:promotion', 'review:emergency', 'vote:parameter-set', 'record:rai-assessment', 'deprecate:model-version', 'signoff:quarterly-audit'];

async function register(token: string) {
  const r = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body: versionBody(component) });
  expect(r.status, r.text).toBe(201);
  return String(r.json.modelId);
}
async function inProduction(modelId: string) {
  const c = await db().modelVersion.findUniqueOrThrow({ where: { modelId }, select: { componentId: true } });
  await db().modelVersion.updateMany({ where: { componentId: c.componentId, status: 'production' }, data: { status: 'deprecated' } });
  await db().modelVersion.update({ where: { modelId }, data: { status: 'production' }, select: { id: true } });
}
const deprecate = (ref: string, token: string) => call(transitionsRoute.POST, 'POST', `/api/v1/versions/${ref}/transitions`, { token, params: { ref }, body: { to: 'deprecated', reason: 'superseded by a newer version' } });

describe('service tokens never decide', () => {
  it('no role gives a service token a decision the seed gives to people, or token/user administration', () => {
    for (const role of ROLES) {
      for (const senior of [false, true]) {
        for (const p of PERMISSIONS) {
          if (!SERVICE_TOKEN_PERMISSIONS.has(p)) expect(can({ role, senior, tokenKind: 'service' }, p), `${role}${senior ? ' senior' : ''} service token: ${p}`).toBe(false);
        }
      }
    }
    for (const p of DECISIONS) expect(SERVICE_TOKEN_PERMISSIONS.has(p)).toBe(false);
  });

  it('a pipeline registers, reports metrics and test results and moves a version to testing; deprecating is 403', async () => {
    const ref = await register(pipeline);
    expect((await call(metricsRoute.POST, 'POST', `/x`, { token: pipeline, params: { ref }, body: { metrics: [{ metric: 'is', value: 70 }] } })).status).toBe(200);
    expect((await call(testResultsRoute.POST, 'POST', `/x`, { token: pipeline, params: { ref }, body: { passed: 5, failed: 0 } })).status).toBe(201);
    const t = await call(transitionsRoute.POST, 'POST', `/x`, { token: pipeline, params: { ref }, body: { to: 'testing' } });
    expect(t.status, t.text).toBe(200);
    const prod = await register(pipeline);
    await inProduction(prod);
    expect((await deprecate(prod, pipeline)).status).toBe(403);
  });

  it('a service token’s actor cannot vote or record an RAI assessment (services refuse before reading)', async () => {
    const { token } = await serviceTokenFor('auditor');
    const actor = (await actorFromToken(token))!;
    expect(actor).toMatchObject({ type: 'api_token', tokenKind: 'service' });
    await expect(castVote(contextFor(actor), 'missing', { decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordRaiAssessment(contextFor(actor), 'missing', {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a service token makes no tokens, and stops when its issuer is no longer an admin', async () => {
    const { token, admin } = await serviceTokenFor('viewer');
    expect((await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token, body: { name: 'x' } })).status).toBe(403);
    expect((await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token })).status).toBe(403);
    await db().user.update({ where: { id: admin.id }, data: { role: 'engineer' } });
    expect((await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token })).status).toBe(401);
  });
});

describe('personal tokens act as their person', () => {
  it('a committee member deprecates with their token; the audit event names the person and the token', async () => {
    const { token, id, owner } = await tokenFor('committee');
    const ref = await register(pipeline);
    await inProduction(ref);
    const r = await deprecate(ref, token);
    expect(r.status, r.text).toBe(200);
    const event = await db().auditEvent.findFirst({ where: { action: 'version.transition' }, orderBy: { seq: 'desc' }, select: { actorType: true, actorId: true, actorLabel: true } });
    expect(event).toMatchObject({ actorType: 'api_token', actorId: id });
    expect(event!.actorLabel).toContain(owner.email);
    expect(event!.actorLabel).toMatch(/token me-committee-/);
    const transition = await db().statusTransition.findFirst({ where: { version: { modelId: ref }, toStatus: 'deprecated' }, select: { actorId: true } });
    expect(transition?.actorId).toBe(owner.id);
  });

  it('follows the person: after a role change the token has the new role (403); disabled → 401', async () => {
    const { token, owner } = await tokenFor('committee');
    await db().user.update({ where: { id: owner.id }, data: { role: 'viewer' } });
    const ref = await register(pipeline);
    await inProduction(ref);
    expect((await deprecate(ref, token)).status).toBe(403);
    await db().user.update({ where: { id: owner.id }, data: { active: false } });
    expect((await deprecate(ref, token)).status).toBe(401);
    expect((await db().modelVersion.findUniqueOrThrow({ where: { modelId: ref }, select: { status: true } })).status).toBe('production');
  });

  it('an admin’s personal token is an admin’s: it cannot deprecate (admins do not decide), whatever it asks for', async () => {
    const { token } = await tokenFor('admin');
    const ref = await register(pipeline);
    await inProduction(ref);
    expect((await deprecate(ref, token)).status).toBe(403);
    const asked = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token, body: { name: 'x', kind: 'personal', role: 'engineer' } });
    expect(asked.status).toBe(400);
    expect(Object.keys(asked.json.errors as object)).toContain('role');
  });

  it('anyone creates, lists and revokes their own tokens; another person’s token is not theirs to see (list) or revoke (403)', async () => {
    const a = await tokenFor('auditor');
    const b = await tokenFor('engineer');
    const made = await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: a.token, body: { name: 'export-script' } });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ kind: 'personal', role: 'auditor', name: 'export-script' });
    const listA = await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token: a.token });
    const names = (listA.json.items as { name: string }[]).map((t) => t.name);
    expect(names).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining(['export-script', expect.stringMatching(/^me-auditor-/)]));
    expect((await call(tokenRoute.DELETE, 'DELETE', '/x', { token: b.token, params: { id: String(made.json.id) } })).status).toBe(403);
    const revoked = await call(tokenRoute.DELETE, 'DELETE', '/x', { token: a.token, params: { id: String(made.json.id) } });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ active: false });
    expect((await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token: String(made.json.token) })).status).toBe(401);
  });

  it('a person signed in (session actor) makes a personal token with just a name', async () => {
    const person = await makeUser('committee');
    const t = await createApiToken(contextFor(person), { name: 'from-the-browser' });
    expect(t).toMatchObject({ kind: 'personal', role: 'committee' });
    expect(await actorFromToken(t.token)).toMatchObject({ tokenKind: 'personal', role: 'committee', userId: person.id });
  });
});
