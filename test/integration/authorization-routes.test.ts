import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as A from './_authz';
import { ROLE_NAMES, type RoleName } from './_authz';
import { call, tokenFor, versionBody, withOwnDatabase, type Handler } from './api-helpers';
import { makeComponent } from '../fixtures';
import { contextFor } from '@/lib/context';
import { prisma } from '@/lib/db';
import { parseQuarter } from '@/lib/quarterly-audit/quarter';
import { generateQuarterlyAudit } from '@/lib/quarterly-audit/snapshot';

// Every route handler of the REST API tried with a bearer token of every role, as the handler
// function itself with a Request. Allowed roles are written out here; an allowed role must get a
// 2xx on data built for it, a refused one 403 with nothing written, no token 401. The public
// endpoints are listed with the reason they are public. Server actions: authorization-matrix.test.ts.

withOwnDatabase('mgr_authz_api');

const r = {
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
  tokens: await import('@/app/api/v1/tokens/route'),
  token: await import('@/app/api/v1/tokens/[id]/route'),
  auditVerify: await import('@/app/api/v1/audit/verify/route'),
  production: await import('@/app/api/v1/production/route'),
  audits: await import('@/app/api/v1/quarterly-audits/route'),
  audit: await import('@/app/api/v1/quarterly-audits/[id]/route'),
  auditFile: await import('@/app/api/v1/quarterly-audits/[id]/files/[name]/route'),
  auditSignoff: await import('@/app/api/v1/quarterly-audits/[id]/signoff/route'),
  auditRun: await import('@/app/api/v1/quarterly-audits/runs/[id]/route'),
  health: await import('@/app/api/v1/health/route'),
  openapi: await import('@/app/api/v1/openapi.json/route'),
};

type Req = { params?: Record<string, string>; body?: unknown; query?: string };
type Case = {
  route: string; method: string; name?: string; handler: Handler<Record<string, string>>; allowed: RoleName[]; build: (role: RoleName) => Promise<Req>;
  /** What an allowed write leaves behind (default: audit events). */
  written?: () => Promise<number>;
  /** Wait for work the handler started in the background. */
  settle?: () => Promise<void>;
};

const ALL = ROLE_NAMES;
const ENGINEERS: RoleName[] = ['engineer', 'senior'];
const h = (x: unknown) => x as Handler<Record<string, string>>;
let n = 0;
const pid = (kind: string) => `${kind}-2032${String(1 + (n++ % 12)).padStart(2, '0')}01-${Date.now() % 1e7}${n}`;
let ownerId: string;

/** Without a job queue in the test process, POST /quarterly-audits generates in the background: wait for it. */
async function runsFinished(): Promise<void> {
  while ((await prisma.quarterlyAuditRun.count({ where: { status: { in: ['queued', 'running'] } } })) > 0) await new Promise((r) => setTimeout(r, 200));
}
let auditor: A.TestActor;
let sharedAuditId: string;
const Q = parseQuarter('2022Q4', new Date());
const snapshot = async () => (await generateQuarterlyAudit(contextFor(auditor), Q)).id;

const CASES: Case[] = [
  { route: 'versions', method: 'GET', handler: h(r.versions.GET), allowed: ALL, build: async () => ({}) },
  { route: 'versions', method: 'POST', handler: h(r.versions.POST), allowed: ENGINEERS, build: async () => ({ body: versionBody((await makeComponent()).key) }) },
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
  { route: 'audit/verify', method: 'GET', handler: h(r.auditVerify.GET), allowed: ['admin', 'committee', 'engineer', 'senior', 'auditor'], build: async () => ({}) },
];

/** Public on purpose: load balancers, API clients reading the contract, and next-auth's own sign-in endpoints. */
const PUBLIC: Record<string, string> = {
  'health GET': 'liveness for load balancers; no data',
  'openapi.json GET': 'the API contract',
  'auth/[...nextauth] GET': "next-auth's sign-in endpoints (tested in health-and-signin.test.ts)",
  'auth/[...nextauth] POST': "next-auth's sign-in endpoints (tested in health-and-signin.test.ts)",
};

const tokens = {} as Record<RoleName, string>;
const isWrite = (m: string) => m !== 'GET';

beforeAll(async () => {
  for (const role of ROLE_NAMES) tokens[role] = (await tokenFor(role === 'senior' ? 'engineer' : role, { senior: role === 'senior' })).token;
  ownerId = (await A.makeRoleActor('admin')).id;
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
          if (isWrite(c.method)) expect(written, `${role}: the change and its audit event`).toBeGreaterThan(0);
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
  });
});

/** Every exported HTTP method of every app/api/**\/route.ts, as "dir METHOD". */
function listRouteHandlers(): string[] {
  const root = path.resolve(import.meta.dirname, '../../app/api');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e === 'route.ts') {
        const text = readFileSync(p, 'utf8');
        const rel = path.relative(root, path.dirname(p)).split(path.sep).join('/').replace(/^v1\//, '');
        const methods = new Set<string>();
        for (const m of text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
        for (const m of text.matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
        for (const m of methods) out.push(`${rel} ${m}`);
      }
    }
  };
  walk(root);
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
