import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { requirePermission, type Actor, type Permission } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { prisma } from '@/lib/db';
import { parseQuarter } from '@/lib/quarterly-audit/quarter';
import { generateQuarterlyAudit } from '@/lib/quarterly-audit/snapshot';
import { withOwnDatabase } from './_governance';
import * as A from './_authz';
import { ROLE_NAMES, type RoleName, type TestActor } from './_authz';
import { serverActionsUnder } from '../source-files';

// Every server action tried by every role, through the action itself (a public POST endpoint):
// the session lookup is replaced at the lib/auth/session boundary by "this actor is signed in",
// nothing else. The allowed roles are written out here, not derived from the role table, so a
// change that opens or closes an action fails this test. An allowed role must really complete the
// action on data built for it (ok result, an audit event written); a refused role gets the role
// refusal and nothing is written. route handlers: authorization-routes.test.ts.

let current: Actor | null = null;
vi.mock('@/lib/auth/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/session')>()),
  getSessionActor: async () => current,
  requireActionActor: async (p: Permission) => requirePermission(current, p),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

withOwnDatabase('mgr_authz');

const admin = await import('@/app/(app)/admin/actions');
const tokens = await import('@/app/(app)/admin/tokens/actions');
const webhooks = await import('@/app/(app)/admin/webhooks/actions');
const account = await import('@/app/(app)/account/tokens/actions');
const approvals = await import('@/app/(app)/approvals/actions');
const audit = await import('@/app/(app)/audit/actions');
const audits = await import('@/app/(app)/audits/actions');
const incidents = await import('@/app/(app)/incidents/actions');
const parameters = await import('@/app/(app)/parameters/actions');
const versions = await import('@/app/(app)/versions/[ref]/actions');

type Result = { ok?: string; error?: string; result?: unknown } | null;
type Action = (prev: never, form: FormData) => Promise<Result>;
type Case = {
  action: string; name?: string; fn: Action; allowed: RoleName[]; build: (a: TestActor) => Promise<Record<string, string | string[]>>;
  /** What an allowed action leaves behind (default: audit events). */
  written?: () => Promise<number>;
  /** Wait for work the action started in the background. */
  settle?: () => Promise<void>;
};

const ENGINEERS: RoleName[] = ['engineer', 'senior'];
let requester: TestActor; // someone else who asked for promotions, proposed sets, opened incidents
let sharedAuditId: string;

/** Without a job queue in the test process, generateAuditAction generates in the background: wait for it. */
async function runsFinished(): Promise<void> {
  while ((await prisma.quarterlyAuditRun.count({ where: { status: { in: ['queued', 'running'] } } })) > 0) await new Promise((r) => setTimeout(r, 200));
}
const Q = parseQuarter('2022Q4', new Date());
const snapshot = async (by: TestActor) => (await generateQuarterlyAudit(contextFor(by), Q)).id;

/** A webhook endpoint row to change, delete or redeliver from (created straight in the database). */
const webhookEndpoint = async () =>
  (await prisma.webhookEndpoint.create({ data: { url: 'https://93.184.215.14/hook', events: ['promotion.decided'], secret: 'whsec_AAAA', createdById: requester.id }, select: { id: true } })).id;

const CASES: Case[] = [
  { action: 'admin/actions.ts#createUserAction', fn: admin.createUserAction, allowed: ['admin'], build: async () => ({ email: `u${A.uniqueSuffix()}@authz.local`, name: 'New', role: 'viewer' }) },
  { action: 'admin/actions.ts#updateUserAction', fn: admin.updateUserAction, allowed: ['admin'], build: async () => ({ userId: (await A.makeRoleActor('viewer')).id, role: 'auditor', active: 'on' }) },
  { action: 'admin/actions.ts#setPasswordAction', fn: admin.setPasswordAction, allowed: ['admin'], build: async () => ({ userId: (await A.makeRoleActor('viewer')).id, password: 'longenough1' }) },
  {
    action: 'admin/actions.ts#updateSettingsAction', fn: admin.updateSettingsAction, allowed: ['admin'],
    build: async () => ({ quorumMode: 'majority', regressionTolerancePct: '5', gracePeriodDays: '90', rcaDueHours: '24', ratificationDueDays: '7', monitoringDays: '14', raiMaxLanguageDisparity: '0.1' }),
  },
  { action: 'admin/actions.ts#updateMetricRangeAction', fn: admin.updateMetricRangeAction, allowed: ['admin'], build: async () => ({ key: 'fvd', minValue: '0', maxValue: '100000' }) },
  { action: 'admin/tokens/actions.ts#createServiceTokenAction', fn: tokens.createServiceTokenAction, allowed: ['admin'], build: async () => ({ name: `ci ${A.uniqueSuffix()}`, role: 'viewer' }) },
  { action: 'admin/tokens/actions.ts#revokeTokenAction', fn: tokens.revokeTokenAction, allowed: ['admin'], build: async () => ({ tokenId: (await A.apiToken(requester.id)).id }) },
  // Webhooks: admins only (a literal public address: no DNS, nothing sent).
  { action: 'admin/webhooks/actions.ts#createWebhookAction', fn: webhooks.createWebhookAction, allowed: ['admin'], build: async () => ({ url: 'https://93.184.215.14/hook', events: ['promotion.decided'], description: '' }) },
  { action: 'admin/webhooks/actions.ts#setWebhookEnabledAction', fn: webhooks.setWebhookEnabledAction, allowed: ['admin'], build: async () => ({ endpointId: await webhookEndpoint(), enabled: 'false' }) },
  { action: 'admin/webhooks/actions.ts#deleteWebhookAction', fn: webhooks.deleteWebhookAction, allowed: ['admin'], build: async () => ({ endpointId: await webhookEndpoint() }) },
  {
    action: 'admin/webhooks/actions.ts#redeliverWebhookAction', fn: webhooks.redeliverWebhookAction, allowed: ['admin'],
    build: async () => {
      const endpointId = await webhookEndpoint();
      const d = await prisma.webhookDelivery.create({ data: { endpointId, eventType: 'promotion.decided', payload: {}, webhookId: `msg_${A.uniqueSuffix()}`, status: 'failed' }, select: { id: true } });
      return { endpointId, deliveryId: d.id };
    },
  },
  { action: 'admin/webhooks/actions.ts#updateWebhookAllowListAction', fn: webhooks.updateWebhookAllowListAction, allowed: ['admin'], build: async () => ({ hosts: `hooks-${A.uniqueSuffix()}.internal` }) },
  // Everyone makes and revokes their own personal tokens.
  { action: 'account/tokens/actions.ts#createPersonalTokenAction', fn: account.createPersonalTokenAction, allowed: ROLE_NAMES, build: async () => ({ name: `me ${A.uniqueSuffix()}` }) },
  { action: 'account/tokens/actions.ts#revokePersonalTokenAction', fn: account.revokePersonalTokenAction, allowed: ROLE_NAMES, build: async (a) => ({ tokenId: (await A.personalToken(a.id)).id }) },
  // No `kind` field: who may vote is decided from the request, never from the form.
  { action: 'approvals/actions.ts#castVoteAction', name: 'committee request', fn: approvals.castVoteAction, allowed: ['committee'], build: async () => ({ requestId: (await A.openRequest('committee', requester.id)).id, decision: 'approve', comment: 'ok' }) },
  { action: 'approvals/actions.ts#castVoteAction', name: 'emergency request', fn: approvals.castVoteAction, allowed: ['senior'], build: async () => ({ requestId: (await A.openRequest('emergency', requester.id)).id, decision: 'approve', comment: 'diff reviewed' }) },
  { action: 'approvals/actions.ts#castVoteAction', name: 'ratification request', fn: approvals.castVoteAction, allowed: ['committee'], build: async () => ({ requestId: (await A.openRequest('ratification', requester.id)).id, decision: 'approve' }) },
  { action: 'approvals/actions.ts#requestPromotionAction', name: 'committee path', fn: approvals.requestPromotionAction, allowed: ENGINEERS, build: async () => ({ versionId: (await A.version('staging')).id, reason: 'ready' }) },
  {
    action: 'approvals/actions.ts#requestPromotionAction', name: 'emergency path', fn: approvals.requestPromotionAction, allowed: ENGINEERS,
    build: async () => ({ versionId: (await A.version('staging', { branch: 'origin/hotfix/authz', tags: ['emergency'] })).id, reason: 'urgent', path: 'emergency' }),
  },
  { action: 'approvals/actions.ts#withdrawAction', fn: approvals.withdrawAction, allowed: ENGINEERS, build: async (a) => ({ requestId: (await A.openRequest('committee', a.id)).id, reason: 'not yet' }) },
  { action: 'audit/actions.ts#verifyChainAction', fn: audit.verifyChainAction as unknown as Action, allowed: ['admin', 'committee', 'engineer', 'senior', 'auditor'], build: async () => ({}) },
  { action: 'audits/actions.ts#generateAuditAction', fn: audits.generateAuditAction, allowed: ['auditor'], build: async () => ({ quarter: Q.id }), written: () => prisma.quarterlyAuditRun.count(), settle: runsFinished },
  // A snapshot is signed off once: the auditor gets a fresh one, the others try the shared one.
  { action: 'audits/actions.ts#signOffAction', fn: audits.signOffAction, allowed: ['auditor'], build: async (a) => ({ auditId: a.role === 'auditor' ? await snapshot(a) : sharedAuditId, comment: 'gates and votes checked' }) },
  { action: 'incidents/actions.ts#openIncidentAction', fn: incidents.openIncidentAction, allowed: ENGINEERS, build: async () => ({ versionId: (await A.productionWithPrevious()).id, title: 'Flicker', severity: 'critical' }) },
  { action: 'incidents/actions.ts#advanceTrafficAction', fn: incidents.advanceTrafficAction, allowed: ENGINEERS, build: async () => ({ incidentId: (await A.openIncident(requester.id)).id, fvd: '190' }) },
  { action: 'incidents/actions.ts#addLogAction', fn: incidents.addLogAction, allowed: ENGINEERS, build: async () => ({ incidentId: (await A.openIncident(requester.id)).id, text: 'Error rate back to baseline' }) },
  { action: 'incidents/actions.ts#submitRcaAction', fn: incidents.submitRcaAction, allowed: ENGINEERS, build: async () => ({ incidentId: (await A.openIncident(requester.id)).id, rootCause: 'Scheduler config drift after the dependency upgrade.' }) },
  { action: 'parameters/actions.ts#voteParameterSetAction', fn: parameters.voteParameterSetAction, allowed: ['committee'], build: async () => ({ parameterSetId: (await A.proposedParameterSet(requester.id)).id, decision: 'approve' }) },
  {
    action: 'parameters/actions.ts#proposeParameterSetAction', fn: parameters.proposeParameterSetAction, allowed: ENGINEERS,
    build: async () => ({ parameter_id: `lambda-20310201-${Date.now() % 1e6}${A.uniqueSuffix().replace(/\D/g, '').slice(0, 3)}`, kind: 'lambda', base_noise_lambda: '0.6', residual_noise_lambda: '0.4', effective_date: '2031-02-01' }),
  },
  { action: 'versions/[ref]/actions.ts#transitionAction', name: 'to testing', fn: versions.transitionAction, allowed: ENGINEERS, build: async () => ({ versionId: (await A.version('development', { unitTestsPass: true })).id, to: 'testing' }) },
  { action: 'versions/[ref]/actions.ts#transitionAction', name: 'deprecate', fn: versions.transitionAction, allowed: ['committee'], build: async () => ({ versionId: (await A.version('production')).id, to: 'deprecated', reason: 'superseded' }) },
  { action: 'versions/[ref]/actions.ts#recordRaiAction', fn: versions.recordRaiAction, allowed: ['committee'], build: async () => ({ versionId: (await A.version('staging')).id, ...A.PASSING_RAI_FORM }) },
  {
    action: 'versions/[ref]/actions.ts#recordBackportAction', fn: versions.recordBackportAction, allowed: ENGINEERS,
    build: async () => ({ versionId: (await A.version('production', { branch: 'origin/hotfix/authz', tags: ['emergency'] })).id, commit: 'abcdef1' }),
  },
];

const actors = {} as Record<RoleName, TestActor>;

beforeAll(async () => {
  for (const r of ROLE_NAMES) actors[r] = await A.makeRoleActor(r);
  requester = await A.makeRoleActor('engineer');
  // Enough voters that every request and proposal can reach its quorum whoever asks.
  await A.extraCommittee(2);
  await A.makeRoleActor('senior');
  await A.makeRoleActor('senior');
  sharedAuditId = await snapshot(await A.makeRoleActor('auditor'));
});

async function run(c: Case, r: RoleName): Promise<{ result: Result; written: number }> {
  const fields = await c.build(actors[r]);
  const count = c.written ?? A.auditCount;
  const before = await count();
  current = actors[r];
  try {
    const result = await c.fn(null as never, A.form(fields));
    return { result, written: (await count()) - before };
  } finally {
    current = null;
  }
}

describe('authorization matrix: every role × every server action', () => {
  for (const c of CASES) {
    it(`${c.action}${c.name ? ` (${c.name})` : ''}`, async () => {
      for (const r of ROLE_NAMES) {
        const { result, written } = await run(c, r);
        if (c.allowed.includes(r)) {
          expect(result?.error, `${r} should complete it`).toBeUndefined();
          expect(result?.ok ?? result?.result, `${r} should complete it`).toBeTruthy();
          if (!c.action.includes('verifyChainAction')) expect(written, `${r}: the change and its audit event`).toBeGreaterThan(0);
        } else {
          expect(result?.error, `${r} must be refused`).toMatch(/^Your role \(/);
          expect(written, `${r}: nothing written`).toBe(0);
        }
      }
      await c.settle?.();
    });
  }

  it('refuses every action without a session, writing nothing', async () => {
    for (const c of CASES) {
      const fields = await c.build(actors.admin);
      const count = c.written ?? A.auditCount;
      const before = await count();
      const result = await c.fn(null as never, A.form(fields));
      expect(result?.error, c.action).toBeTruthy();
      expect(await count(), c.action).toBe(before);
      await c.settle?.();
    }
  });
});

/** Every exported function of every app/(app)/**\/actions.ts file, as "dir/actions.ts#name". */
const listServerActions = () => serverActionsUnder(path.resolve(import.meta.dirname, '../../app/(app)'));

describe('coverage', () => {
  it('exercises every server action of the app', () => {
    const found = listServerActions();
    expect(found.length).toBeGreaterThan(15);
    expect(found.filter((a) => !CASES.some((c) => c.action === a)), 'server actions missing from the matrix').toEqual([]);
  });
});
