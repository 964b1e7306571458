import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as A from './_authz';
import { ROLE_NAMES, type RoleName } from './_authz';
import { call, tokenFor, versionBody, withOwnDatabase, type Handler } from './api-helpers';
import { PASSING_RAI } from './_governance';
import { makeComponent } from '../fixtures';
import { contextFor } from '@/lib/context';
import { prisma } from '@/lib/db';
import { parseQuarter } from '@/lib/quarterly-audit/quarter';
import { generateQuarterlyAudit } from '@/lib/quarterly-audit/snapshot';
import { filesNamed, relativePath } from '../source-files';

// Every route handler of the REST API tried with a bearer token of every role, as the handler
// function itself with a Request. Allowed roles are written out here; an allowed role must get a
// 2xx on data built for it, a refused one 403 with nothing written, no token 401. The public
// endpoints are listed with the reason they are public. Server actions: authorization-matrix.test.ts.

withOwnDatabase('mgr_authz_api');

const r = {
  missing: await import('@/app/api/[...missing]/route'),
  versions: await import('@/app/api/v1/versions/route'),
  version: await import('@/app/api/v1/versions/[ref]/route'),
  modelCard: await import('@/app/api/v1/versions/[ref]/model-card/route'),
  metrics: await import('@/app/api/v1/versions/[ref]/metrics/route'),
  testResults: await import('@/app/api/v1/versions/[ref]/test-results/route'),
  transitions: await import('@/app/api/v1/versions/[ref]/transitions/route'),
  compare: await import('@/app/api/v1/compare/route'),
  components: await import('@/app/api/v1/components/route'),
  metricDefinitions: await import('@/app/api/v1/metric-definitions/route'),
  metricDefinition: await import('@/app/api/v1/metric-definitions/[key]/route'),
  parameterSets: await import('@/app/api/v1/parameter-sets/route'),
  parameterImport: await import('@/app/api/v1/parameter-sets/import/route'),
  imports: await import('@/app/api/v1/imports/route'),
  importsKnown: await import('@/app/api/v1/imports/known/route'),
  tokens: await import('@/app/api/v1/tokens/route'),
  token: await import('@/app/api/v1/tokens/[id]/route'),
  auditVerify: await import('@/app/api/v1/audit/verify/route'),
  production: await import('@/app/api/v1/production/route'),
  audits: await import('@/app/api/v1/quarterly-audits/route'),
  audit: await import('@/app/api/v1/quarterly-audits/[id]/route'),
  auditFile: await import('@/app/api/v1/quarterly-audits/[id]/files/[name]/route'),
  auditSignoff: await import('@/app/api/v1/quarterly-audits/[id]/signoff/route'),
  auditRun: await import('@/app/api/v1/quarterly-audits/runs/[id]/route'),
  promotionRequests: await import('@/app/api/v1/promotion-requests/route'),
  promotionRequest: await import('@/app/api/v1/promotion-requests/[id]/route'),
  promotionVotes: await import('@/app/api/v1/promotion-requests/[id]/votes/route'),
  promotionWithdraw: await import('@/app/api/v1/promotion-requests/[id]/withdraw/route'),
  backport: await import('@/app/api/v1/versions/[ref]/backport/route'),
  rai: await import('@/app/api/v1/versions/[ref]/rai-assessments/route'),
  incidents: await import('@/app/api/v1/incidents/route'),
  incident: await import('@/app/api/v1/incidents/[id]/route'),
  trafficSteps: await import('@/app/api/v1/incidents/[id]/traffic-steps/route'),
  incidentLog: await import('@/app/api/v1/incidents/[id]/log/route'),
  rootCause: await import('@/app/api/v1/incidents/[id]/root-cause/route'),
  componentTraffic: await import('@/app/api/v1/components/[key]/traffic/route'),
  parameterVotes: await import('@/app/api/v1/parameter-sets/[id]/votes/route'),
  users: await import('@/app/api/v1/users/route'),
  user: await import('@/app/api/v1/users/[id]/route'),
  userPassword: await import('@/app/api/v1/users/[id]/password/route'),
  settings: await import('@/app/api/v1/settings/route'),
  auditEvents: await import('@/app/api/v1/audit/events/route'),
  webhooks: await import('@/app/api/v1/webhooks/route'),
  webhook: await import('@/app/api/v1/webhooks/[id]/route'),
  webhookDeliveries: await import('@/app/api/v1/webhooks/[id]/deliveries/route'),
  webhookRedeliver: await import('@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route'),
  health: await import('@/app/api/v1/health/route'),
  openapi: await import('@/app/api/v1/openapi.json/route'),
};

type Req = { params?: Record<string, string>; body?: unknown; query?: string };
type Case = {
  route: string; method: string; name?: string; handler: Handler<Record<string, string>>; allowed: RoleName[]; build: (role: RoleName) => Promise<Req>;
  /** What an allowed write leaves behind (default: audit events). */
  written?: () => Promise<number>;
  /** A POST that only reads (its question is too long for a URL): an allowed call writes nothing either. */
  readOnly?: true;
  /** Wait for work the handler started in the background. */
  settle?: () => Promise<void>;
};

const ALL = ROLE_NAMES;
const ENGINEERS: RoleName[] = ['engineer', 'senior'];
const h = (x: unknown) => x as Handler<Record<string, string>>;
let n = 0;
const pid = (kind: string) => `${kind}-2032${String(1 + (n++ % 12)).padStart(2, '0')}01-${Date.now() % 1e7}${n}`;
let ownerId: string;
/** The person behind each role's token (withdrawals are the requester's own). */
const owners = {} as Record<RoleName, A.TestActor>;
const hotfix = { branch: 'origin/hotfix/authz', tags: ['emergency'] };

/** Without a job queue in the test process, POST /quarterly-audits generates in the background: wait for it. */
async function runsFinished(): Promise<void> {
  while ((await prisma.quarterlyAuditRun.count({ where: { status: { in: ['queued', 'running'] } } })) > 0) await new Promise((r) => setTimeout(r, 200));
}
/** A webhook endpoint row to read, change or delete (created straight in the database). */
const webhookEndpoint = async () =>
  (await prisma.webhookEndpoint.create({ data: { url: 'https://93.184.215.14/hook', events: ['promotion.decided'], secret: 'whsec_AAAA', createdById: ownerId }, select: { id: true } })).id;
let auditor: A.TestActor;
let sharedAuditId: string;
const Q = parseQuarter('2022Q4', new Date());
const snapshot = async () => (await generateQuarterlyAudit(contextFor(auditor), Q)).id;

const CASES: Case[] = [
  { route: 'versions', method: 'GET', handler: h(r.versions.GET), allowed: ALL, build: async () => ({}) },
  { route: 'versions', method: 'POST', handler: h(r.versions.POST), allowed: ENGINEERS, build: async () => ({ body: versionBody((await makeComponent()).key) }) },
  {
    route: 'imports', method: 'POST', handler: h(r.imports.POST), allowed: ENGINEERS,
    build: async () => { const k = (await makeComponent()).key; return { body: { versions: [versionBody(k), versionBody(k)] } }; },
    written: () => prisma.modelVersion.count(),
  },
  { route: 'imports/known', method: 'POST', handler: h(r.importsKnown.POST), allowed: ENGINEERS, readOnly: true, build: async () => ({ body: { hashes: ['a'.repeat(64)] } }), written: () => prisma.modelVersion.count() },
  { route: 'versions/[ref]', method: 'GET', handler: h(r.version.GET), allowed: ALL, build: async () => ({ params: { ref: (await A.version('development')).modelId } }) },
  { route: 'versions/[ref]/model-card', method: 'GET', handler: h(r.modelCard.GET), allowed: ALL, build: async () => ({ params: { ref: (await A.version('staging')).modelId } }) },
  { route: 'versions/[ref]/metrics', method: 'POST', handler: h(r.metrics.POST), allowed: ENGINEERS, build: async () => ({ params: { ref: (await A.version('development')).id }, body: { metrics: [{ metric: 'fvd', value: 200 }] } }) },
  { route: 'versions/[ref]/test-results', method: 'POST', handler: h(r.testResults.POST), allowed: ENGINEERS, build: async () => ({ params: { ref: (await A.version('development')).id }, body: { suite: 'unit', passed: 3, failed: 0 } }) },
  { route: 'versions/[ref]/transitions', method: 'POST', name: 'to testing', handler: h(r.transitions.POST), allowed: ENGINEERS, build: async () => ({ params: { ref: (await A.version('development', { unitTestsPass: true })).id }, body: { to: 'testing' } }) },
  { route: 'versions/[ref]/transitions', method: 'POST', name: 'deprecate', handler: h(r.transitions.POST), allowed: ['committee'], build: async () => ({ params: { ref: (await A.version('production')).id }, body: { to: 'deprecated', reason: 'superseded' } }) },
  { route: 'compare', method: 'GET', handler: h(r.compare.GET), allowed: ALL, build: async () => ({ query: `ids=${(await A.version('testing')).id},${(await A.version('testing')).id}` }) },
  { route: 'components', method: 'GET', handler: h(r.components.GET), allowed: ALL, build: async () => ({}) },
  { route: 'production', method: 'GET', handler: h(r.production.GET), allowed: ALL, build: async () => ({ query: 'at=2023-06-30' }) },
  { route: 'metric-definitions', method: 'GET', handler: h(r.metricDefinitions.GET), allowed: ALL, build: async () => ({}) },
  { route: 'metric-definitions/[key]', method: 'PATCH', handler: h(r.metricDefinition.PATCH), allowed: ['admin'], build: async () => ({ params: { key: 'fvd' }, body: { minValue: 0, maxValue: 100000 } }) },
  { route: 'parameter-sets', method: 'GET', handler: h(r.parameterSets.GET), allowed: ALL, build: async () => ({}) },
  { route: 'parameter-sets', method: 'POST', handler: h(r.parameterSets.POST), allowed: ENGINEERS, build: async () => ({ body: { parameter_id: pid('lambda'), base_noise_lambda: 0.6, residual_noise_lambda: 0.4, effective_date: '2032-01-01' } }) },
  { route: 'parameter-sets/import', method: 'POST', handler: h(r.parameterImport.POST), allowed: ENGINEERS, build: async () => ({ body: { parameter_id: pid('training'), effective_date: '2032-01-01', approved_by: 'Model Governance Committee', epochs: 3 } }) },
  // Everyone lists their own tokens and makes personal ones; only admins issue service tokens.
  { route: 'tokens', method: 'GET', handler: h(r.tokens.GET), allowed: [...ROLE_NAMES], build: async () => ({}) },
  { route: 'tokens', method: 'POST', name: 'personal', handler: h(r.tokens.POST), allowed: [...ROLE_NAMES], build: async () => ({ body: { name: `me ${A.uniqueSuffix()}` } }) },
  { route: 'tokens', method: 'POST', name: 'service', handler: h(r.tokens.POST), allowed: ['admin'], build: async () => ({ body: { name: `ci ${A.uniqueSuffix()}`, role: 'viewer' } }) },
  { route: 'tokens/[id]', method: 'DELETE', handler: h(r.token.DELETE), allowed: ['admin'], build: async () => ({ params: { id: (await A.apiToken(ownerId)).id } }) },
  { route: 'quarterly-audits', method: 'GET', handler: h(r.audits.GET), allowed: ['auditor'], build: async () => ({}) },
  {
    route: 'quarterly-audits', method: 'POST', handler: h(r.audits.POST), allowed: ['auditor'], build: async () => ({ body: { quarter: Q.id } }),
    written: () => prisma.quarterlyAuditRun.count(), settle: runsFinished,
  },
  { route: 'quarterly-audits/[id]', method: 'GET', handler: h(r.audit.GET), allowed: ['auditor'], build: async () => ({ params: { id: sharedAuditId } }) },
  { route: 'quarterly-audits/[id]/files/[name]', method: 'GET', handler: h(r.auditFile.GET), allowed: ['auditor'], build: async () => ({ params: { id: sharedAuditId, name: 'compliance_checklist.md' } }) },
  // A snapshot is signed off once: the auditor gets a fresh one, the others try the shared one.
  { route: 'quarterly-audits/[id]/signoff', method: 'POST', handler: h(r.auditSignoff.POST), allowed: ['auditor'], build: async (role) => ({ params: { id: role === 'auditor' ? await snapshot() : sharedAuditId }, body: { comment: 'checked the gates and votes' } }) },
  {
    route: 'quarterly-audits/runs/[id]', method: 'GET', handler: h(r.auditRun.GET), allowed: ['auditor'],
    build: async () => ({ params: { id: (await prisma.quarterlyAuditRun.create({ data: { quarter: Q.id, requestedById: auditor.id }, select: { id: true } })).id } }),
  },
  // Webhooks: admins only. A literal public address needs no DNS; nothing is sent from these tests.
  { route: 'webhooks', method: 'GET', handler: h(r.webhooks.GET), allowed: ['admin'], build: async () => ({}) },
  { route: 'webhooks', method: 'POST', handler: h(r.webhooks.POST), allowed: ['admin'], build: async () => ({ body: { url: 'https://93.184.215.14/hook', events: ['promotion.decided'] } }) },
  { route: 'webhooks/[id]', method: 'GET', handler: h(r.webhook.GET), allowed: ['admin'], build: async () => ({ params: { id: await webhookEndpoint() } }) },
  { route: 'webhooks/[id]', method: 'PATCH', handler: h(r.webhook.PATCH), allowed: ['admin'], build: async () => ({ params: { id: await webhookEndpoint() }, body: { enabled: false } }) },
  { route: 'webhooks/[id]', method: 'DELETE', handler: h(r.webhook.DELETE), allowed: ['admin'], build: async () => ({ params: { id: await webhookEndpoint() } }) },
  { route: 'webhooks/[id]/deliveries', method: 'GET', handler: h(r.webhookDeliveries.GET), allowed: ['admin'], build: async () => ({ params: { id: await webhookEndpoint() } }) },
  {
    route: 'webhooks/[id]/deliveries/[deliveryId]/redeliver', method: 'POST', handler: h(r.webhookRedeliver.POST), allowed: ['admin'],
    build: async () => {
      const id = await webhookEndpoint();
      const d = await prisma.webhookDelivery.create({ data: { endpointId: id, eventType: 'promotion.decided', payload: {}, webhookId: `msg_${A.uniqueSuffix()}`, status: 'failed' }, select: { id: true } });
      return { params: { id, deliveryId: d.id } };
    },
  },
  { route: 'audit/verify', method: 'GET', handler: h(r.auditVerify.GET), allowed: ['admin', 'committee', 'engineer', 'senior', 'auditor'], build: async () => ({}) },
  { route: 'audit/events', method: 'GET', handler: h(r.auditEvents.GET), allowed: ['admin', 'committee', 'auditor'], build: async () => ({ query: 'action=version.register&pageSize=5' }) },
  // The browser's decisions, as API operations (twins of the server actions: action-twins.test.ts).
  { route: 'promotion-requests', method: 'GET', handler: h(r.promotionRequests.GET), allowed: ALL, build: async () => ({ query: 'status=open' }) },
  { route: 'promotion-requests', method: 'POST', name: 'committee path', handler: h(r.promotionRequests.POST), allowed: ENGINEERS, build: async () => ({ body: { version: (await A.version('staging')).modelId, reason: 'ready' } }) },
  { route: 'promotion-requests', method: 'POST', name: 'emergency path', handler: h(r.promotionRequests.POST), allowed: ENGINEERS, build: async () => ({ body: { version: (await A.version('staging', hotfix)).id, kind: 'emergency', reason: 'urgent' } }) },
  { route: 'promotion-requests/[id]', method: 'GET', handler: h(r.promotionRequest.GET), allowed: ALL, build: async () => ({ params: { id: (await A.openRequest('committee', ownerId)).id } }) },
  // Who votes is decided from the request: committee members, senior engineers on emergency reviews.
  { route: 'promotion-requests/[id]/votes', method: 'POST', name: 'committee request', handler: h(r.promotionVotes.POST), allowed: ['committee'], build: async () => ({ params: { id: (await A.openRequest('committee', ownerId)).id }, body: { decision: 'approve', comment: 'ok' } }) },
  { route: 'promotion-requests/[id]/votes', method: 'POST', name: 'emergency review', handler: h(r.promotionVotes.POST), allowed: ['senior'], build: async () => ({ params: { id: (await A.openRequest('emergency', ownerId)).id }, body: { decision: 'approve', comment: 'diff reviewed' } }) },
  { route: 'promotion-requests/[id]/votes', method: 'POST', name: 'ratification', handler: h(r.promotionVotes.POST), allowed: ['committee'], build: async () => ({ params: { id: (await A.openRequest('ratification', ownerId)).id }, body: { decision: 'approve' } }) },
  { route: 'promotion-requests/[id]/withdraw', method: 'POST', handler: h(r.promotionWithdraw.POST), allowed: ENGINEERS, build: async (role) => ({ params: { id: (await A.openRequest('committee', owners[role].id)).id }, body: { reason: 'not yet' } }) },
  { route: 'versions/[ref]/backport', method: 'POST', handler: h(r.backport.POST), allowed: ENGINEERS, build: async () => ({ params: { ref: (await A.version('production', hotfix)).id }, body: { commit: 'abcdef1' } }) },
  { route: 'versions/[ref]/rai-assessments', method: 'POST', handler: h(r.rai.POST), allowed: ['committee'], build: async () => ({ params: { ref: (await A.version('staging')).id }, body: PASSING_RAI }) },
  { route: 'incidents', method: 'GET', handler: h(r.incidents.GET), allowed: ALL, build: async () => ({}) },
  { route: 'incidents', method: 'POST', handler: h(r.incidents.POST), allowed: ENGINEERS, build: async () => ({ body: { version: (await A.productionWithPrevious()).id, title: 'Flicker', severity: 'critical' } }) },
  { route: 'incidents/[id]', method: 'GET', handler: h(r.incident.GET), allowed: ALL, build: async () => ({ params: { id: (await A.openIncident(ownerId)).id } }) },
  { route: 'incidents/[id]/traffic-steps', method: 'POST', handler: h(r.trafficSteps.POST), allowed: ENGINEERS, build: async () => ({ params: { id: (await A.openIncident(ownerId)).id }, body: { metricsSnapshot: { fvd: 190 } } }) },
  { route: 'incidents/[id]/log', method: 'POST', handler: h(r.incidentLog.POST), allowed: ENGINEERS, build: async () => ({ params: { id: (await A.openIncident(ownerId)).id }, body: { text: 'Error rate back to baseline' } }) },
  { route: 'incidents/[id]/root-cause', method: 'POST', handler: h(r.rootCause.POST), allowed: ENGINEERS, build: async () => ({ params: { id: (await A.openIncident(ownerId)).id }, body: { rootCause: 'Scheduler config drift after the dependency upgrade.' } }) },
  { route: 'components/[key]/traffic', method: 'GET', handler: h(r.componentTraffic.GET), allowed: ALL, build: async () => ({ params: { key: (await makeComponent()).key } }) },
  { route: 'parameter-sets/[id]/votes', method: 'POST', handler: h(r.parameterVotes.POST), allowed: ['committee'], build: async () => ({ params: { id: (await A.proposedParameterSet(ownerId)).id }, body: { decision: 'approve' } }) },
  { route: 'users', method: 'GET', handler: h(r.users.GET), allowed: ['admin'], build: async () => ({}) },
  { route: 'users', method: 'POST', handler: h(r.users.POST), allowed: ['admin'], build: async () => ({ body: { email: `u${A.uniqueSuffix()}@authz.local`, name: 'New', role: 'viewer' } }) },
  { route: 'users/[id]', method: 'PATCH', handler: h(r.user.PATCH), allowed: ['admin'], build: async () => ({ params: { id: (await A.makeRoleActor('viewer')).id }, body: { role: 'auditor' } }) },
  // Someone else's password: only an admin (a person sets their own from their session).
  { route: 'users/[id]/password', method: 'PUT', handler: h(r.userPassword.PUT), allowed: ['admin'], build: async () => ({ params: { id: (await A.makeRoleActor('viewer')).id }, body: { password: 'longenough1' } }) },
  { route: 'settings', method: 'GET', handler: h(r.settings.GET), allowed: ['admin'], build: async () => ({}) },
  { route: 'settings', method: 'PATCH', handler: h(r.settings.PATCH), allowed: ['admin'], build: async () => ({ body: { rcaDueHours: 24 } }) },
];

/** Public on purpose: load balancers, API clients reading the contract, and next-auth's own sign-in endpoints. */
const PUBLIC: Record<string, string> = {
  'health GET': 'liveness for load balancers; no data',
  'openapi.json GET': 'the API contract',
  'auth/[...nextauth] GET': "next-auth's sign-in endpoints (tested in health-and-signin.test.ts)",
  'auth/[...nextauth] POST': "next-auth's sign-in endpoints (tested in health-and-signin.test.ts)",
  // app/api/[...missing]: an address no route matches; it reads nothing and answers 404 problem+json.
  ...Object.fromEntries(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [`[...missing] ${m}`, 'unknown API address: 404 problem+json, reads nothing'])),
};

const tokens = {} as Record<RoleName, string>;
const isWrite = (m: string) => m !== 'GET';

beforeAll(async () => {
  for (const role of ROLE_NAMES) {
    const t = await tokenFor(role === 'senior' ? 'engineer' : role, { senior: role === 'senior' });
    tokens[role] = t.token;
    owners[role] = t.owner;
  }
  ownerId = (await A.makeRoleActor('admin')).id;
  // Two more senior engineers, so an emergency request by the matrix's senior can reach its two reviews.
  await A.makeRoleActor('senior');
  await A.makeRoleActor('senior');
  auditor = await A.makeRoleActor('auditor');
  sharedAuditId = await snapshot();
  await A.extraCommittee(2);
});

describe('authorization matrix: every role × every route handler (bearer tokens)', () => {
  for (const c of CASES) {
    it(`${c.method} /api/v1/${c.route}${c.name ? ` (${c.name})` : ''}`, async () => {
      for (const role of ROLE_NAMES) {
        const req = await c.build(role);
        const count = c.written ?? A.auditCount;
        const before = await count();
        const res = await call(c.handler, c.method, `/api/v1/${c.route}`, { token: tokens[role], ...req });
        const written = (await count()) - before;
        if (c.allowed.includes(role)) {
          expect(res.status, `${role}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
          expect(res.status, `${role}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
          if (c.readOnly) expect(written, `${role}: a read writes nothing`).toBe(0);
          else if (isWrite(c.method)) expect(written, `${role}: the change and its audit event`).toBeGreaterThan(0);
        } else {
          expect(res.status, `${role} must be refused: ${res.text.slice(0, 200)}`).toBe(403);
          expect(res.json.code).toBe('forbidden');
          expect(written, `${role}: nothing written`).toBe(0);
        }
      }
      await c.settle?.();
    });
  }

  it('answers 401 without a token on every protected handler, writing nothing', async () => {
    for (const c of CASES) {
      const before = await A.auditCount();
      const res = await call(c.handler, c.method, `/api/v1/${c.route}`, await c.build('viewer'));
      expect(res.status, `${c.method} ${c.route}`).toBe(401);
      expect(await A.auditCount()).toBe(before);
    }
  });

  it('serves the public endpoints without a token', async () => {
    expect((await call(h(r.health.GET), 'GET', '/api/v1/health')).status).toBe(200);
    expect((await call(h(r.openapi.GET), 'GET', '/api/v1/openapi.json')).json.openapi).toMatch(/^3\./);
    for (const [method, handler] of [['GET', r.missing.GET], ['POST', r.missing.POST], ['DELETE', r.missing.DELETE]] as const) {
      const before = await A.auditCount();
      const res = await call(h(handler), method, '/api/v1/no-such-endpoint');
      expect(res.status, method).toBe(404);
      expect(res.json.code, method).toBe('not_found');
      expect(await A.auditCount()).toBe(before);
    }
  });
});

/** Every exported HTTP method of every app/api/**\/route.ts, as "dir METHOD". */
function listRouteHandlers(): string[] {
  const root = path.resolve(import.meta.dirname, '../../app/api');
  const out: string[] = [];
  for (const p of filesNamed(root, 'route.ts')) {
    const text = readFileSync(p, 'utf8');
    const rel = relativePath(root, path.dirname(p)).replace(/^v1\//, '');
    const methods = new Set<string>();
    for (const m of text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
    for (const m of text.matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
    for (const m of methods) out.push(`${rel} ${m}`);
  }
  return out.sort();
}

describe('coverage', () => {
  it('exercises every route handler of the API (or names why it is public)', () => {
    const found = listRouteHandlers();
    expect(found.length).toBeGreaterThan(15);
    const covered = new Set([...CASES.map((c) => `${c.route} ${c.method}`), ...Object.keys(PUBLIC)]);
    expect(found.filter((x) => !covered.has(x)), 'route handlers missing from the matrix').toEqual([]);
  });
});
