import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/chain';
import { contextFor } from '@/lib/context';
import { AuditSearchSchema, searchAuditEvents } from '@/lib/queries/audit';
import { verifyPassword } from '@/lib/auth/password';
import { createPrismaClient, type Db } from '@/lib/db';
import { loadDemoStory, type DemoSummary } from '@/lib/demo/story';
import { getActiveParameterSet } from '@/lib/data/parameter-sets';
import { rowToRecord } from '@/lib/domain/parameter-set';
import { createDatabaseFromTemplate } from '../db';

// The demo runs on an empty database of its own.
let db: Db;
let drop: () => Promise<void>;
let summary: DemoSummary;

beforeAll(async () => {
  const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_demo');
  drop = created.drop;
  db = createPrismaClient(created.url);
  summary = await loadDemoStory(db);
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

describe('demo story', () => {
  it('writes only through the services: the chain verifies and every row of every entity has its audit event', async () => {
    const chain = await verifyAuditChain(db);
    expect(chain.ok).toBe(true);
    // The chain walked every stored event (counted independently of the story's own summary).
    expect(chain.ok && chain.count).toBe(await db.auditEvent.count());

    // Per entity: the ids the audit log names for an action are exactly the rows in the table.
    const audited = async (action: string, key?: string): Promise<string[]> => {
      const rows = await db.auditEvent.findMany({ where: { action }, select: { entityId: true, change: true } });
      return rows.map((r) => (key ? String((r.change as Record<string, unknown>)[key]) : r.entityId)).sort();
    };
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(await audited('user.create')).toEqual(ids(await db.user.findMany({ select: { id: true } })));
    expect(await audited('version.register')).toEqual(ids(await db.modelVersion.findMany({ select: { id: true } })));
    expect(await audited('promotion.request')).toEqual(ids(await db.promotionRequest.findMany({ select: { id: true } })));
    expect(await audited('vote.cast', 'voteId')).toEqual(ids(await db.vote.findMany({ select: { id: true } })));
    expect(await audited('rai.assess', 'assessmentId')).toEqual(ids(await db.raiAssessment.findMany({ select: { id: true } })));
    expect(await audited('incident.open')).toEqual(ids(await db.incident.findMany({ select: { id: true } })));
    expect([...(await audited('parameter_set.propose')), ...(await audited('parameter_set.import'))].sort())
      .toEqual(ids(await db.parameterSet.findMany({ select: { id: true } })));
    // Each parameter-set vote, test run and traffic step: one event per row, on the right entity.
    const perEntity = async (action: string) => (await audited(action)).reduce<Record<string, number>>((m, id) => ({ ...m, [id]: (m[id] ?? 0) + 1 }), {});
    const countBy = (rows: { key: string }[]) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.key]: (m[r.key] ?? 0) + 1 }), {});
    expect(await perEntity('parameter_set.vote')).toEqual(countBy((await db.parameterSetVote.findMany({ select: { parameterSetId: true } })).map((v) => ({ key: v.parameterSetId }))));
    expect(await perEntity('test_results.add')).toEqual(countBy((await db.testResult.findMany({ select: { versionId: true } })).map((t) => ({ key: t.versionId }))));
    expect(await perEntity('incident.traffic')).toEqual(countBy((await db.trafficStep.findMany({ select: { incidentId: true } })).map((t) => ({ key: t.incidentId }))));
    // Each status change (after registration) has a version.transition event with the same from → to.
    const transitions = await db.statusTransition.findMany({ where: { fromStatus: { not: null } }, select: { versionId: true, fromStatus: true, toStatus: true } });
    const events = await db.auditEvent.findMany({ where: { action: 'version.transition' }, select: { entityId: true, change: true } });
    const key = (v: string, f: unknown, t: unknown) => `${v} ${String(f)}→${String(t)}`;
    expect(events.map((e) => key(e.entityId, (e.change as { from: unknown }).from, (e.change as { to: unknown }).to)).sort())
      .toEqual(transitions.map((t) => key(t.versionId, t.fromStatus, t.toStatus)).sort());
  });

  it('has the expected people, versions and statuses', async () => {
    expect(summary).toMatchObject({ users: 9, versions: 12, parameterSets: 7, incidents: 1 });
    // Archived by the hourly job in the story once their 90-day grace period ended: base 1.0.0
    // (deprecated 5 April), residual 1.0.0 (10 May), base 1.1.0 (15 June).
    expect(summary.byStatus).toEqual({ production: 4, deprecated: 2, archived: 3, staging: 1, testing: 1, development: 1 });
    const prod = await db.modelVersion.findMany({ where: { status: 'production' }, orderBy: { modelId: 'asc' }, select: { modelId: true } });
    expect(prod.map((p) => p.modelId)).toEqual([
      'pib-vg-base-diffusion-1.2.3-20230615',
      'pib-vg-fact-check-diffusion-1.0.1-20230712',
      'pib-vg-residual-diffusion-1.1.0-20230502',
      'pib-vg-super-res-diffusion-1.0.0-20230225',
    ]);
    const chair = await db.user.findUniqueOrThrow({ where: { email: 'chair@demo.local' }, select: { passwordHash: true, role: true } });
    expect(chair.role).toBe('committee');
    expect(await verifyPassword('demo1234', chair.passwordHash!)).toBe(true);
    expect(await db.user.count({ where: { role: 'engineer', senior: true } })).toBe(2);
  });

  it("keeps the seed's records verbatim", async () => {
    const v = await db.modelVersion.findUniqueOrThrow({ where: { modelId: 'pib-vg-base-diffusion-1.2.3-20230615' }, select: { metadata: true, commitMessage: true, gitBranch: true } });
    expect(v.metadata).toMatchObject({ architecture: { type: 'diffusion', layers: 24, attention_heads: 16, parameters: 1.2e9 }, approval: { approval_date: '2023-06-10' } });
    expect(v.commitMessage).toContain('Performance impact: -15% on FVD, +2% on temporal coherence');
    const active = await getActiveParameterSet({ db, now: () => new Date() }, 'lambda', '2023-07-01');
    expect(rowToRecord(active!)).toEqual({
      parameter_id: 'lambda-20230615-1', kind: 'lambda', base_noise_lambda: 0.7, residual_noise_lambda: 0.3, effective_date: '2023-06-15',
      approved_by: 'Model Governance Committee', performance_metrics: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93 },
      tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'], notes: 'Optimized for better temporal consistency in rapid motion scenes', parameters: {},
    });
    expect((await getActiveParameterSet({ db, now: () => new Date() }, 'lambda', '2023-02-01'))?.parameterId).toBe('lambda-20230115-1');
  });

  it('has a pending promotion with one vote, an open ratification, a resolved rollback and a pending parameter set', async () => {
    const open = await db.promotionRequest.findMany({ where: { status: 'open' }, orderBy: { kind: 'asc' }, select: { kind: true, quorum: true, votes: { select: { voter: { select: { email: true } } } } } });
    expect(open).toEqual([
      { kind: 'committee', quorum: 2, votes: [{ voter: { email: 'chair@demo.local' } }] },
      { kind: 'ratification', quorum: 2, votes: [] },
    ]);
    const incident = await db.incident.findFirstOrThrow({ select: { status: true, rootCause: true, trafficSteps: { orderBy: { percent: 'asc' }, select: { percent: true } }, version: { select: { modelId: true, tags: true } }, rollbackToVersion: { select: { modelId: true } } } });
    expect(incident.status).toBe('resolved');
    expect(incident.trafficSteps.map((s) => s.percent)).toEqual([20, 40, 60, 80, 100]);
    expect(incident.version).toEqual({ modelId: 'pib-vg-residual-diffusion-1.2.0-20230808', tags: ['critical-issue'] });
    expect(incident.rollbackToVersion?.modelId).toBe('pib-vg-residual-diffusion-1.1.0-20230502');
    expect(await db.parameterSet.count({ where: { status: 'proposed' } })).toBe(1);
    const hotfix = await db.modelVersion.findUniqueOrThrow({ where: { modelId: 'pib-vg-fact-check-diffusion-1.0.1-20230712' }, select: { monitoringUntil: true, backportCommit: true, tags: true } });
    expect(hotfix.tags).toEqual(['emergency']);
    expect(hotfix.monitoringUntil).toBeInstanceOf(Date);
    expect(hotfix.backportCommit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('happens on its 2023 calendar: business time on the story dates, append time now, a signed checkpoint per quarter', async () => {
    const auditor = await db.user.findUniqueOrThrow({ where: { email: 'auditor@demo.local' }, select: { id: true, email: true, role: true, senior: true } });
    const ctx = contextFor({ type: 'user', id: auditor.id, label: auditor.email, role: auditor.role, senior: auditor.senior }, { db });
    const q3 = await searchAuditEvents(ctx, AuditSearchSchema.parse({ from: '2023-07-01', to: '2023-09-30', pageSize: 200 }));
    expect(q3.total).toBeGreaterThan(40);
    for (const e of q3.items) {
      expect(e.occurredAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2023-07-01T00:00:00Z'));
      expect(e.occurredAt.getTime()).toBeLessThan(Date.parse('2023-10-01T00:00:00Z'));
      expect(e.recordedAt.getFullYear()).toBeGreaterThan(2023);
      expect(e.valid).toBe(true);
    }
    const actions = new Set(q3.items.map((e) => e.action));
    for (const a of ['incident.open', 'incident.traffic', 'incident.rca', 'vote.cast', 'version.transition', 'promotion.ratification_overdue', 'parameter_set.propose']) expect(actions).toContain(a);
    // Each thing on its own date.
    const at = async (action: string, entityWhere: object = {}) =>
      (await db.auditEvent.findFirstOrThrow({ where: { action, ...entityWhere }, orderBy: { seq: 'asc' }, select: { occurredAt: true } })).occurredAt.toISOString().slice(0, 10);
    const base123 = await db.modelVersion.findUniqueOrThrow({ where: { modelId: 'pib-vg-base-diffusion-1.2.3-20230615' }, select: { id: true } });
    expect(await at('version.register', { entityId: base123.id })).toBe('2023-06-06');
    const toProd = await db.statusTransition.findFirstOrThrow({ where: { versionId: base123.id, toStatus: 'production' }, select: { at: true } });
    expect(toProd.at.toISOString().slice(0, 10)).toBe('2023-06-15');
    expect(await at('incident.open')).toBe('2023-08-16');
    expect(await at('incident.rca')).toBe('2023-08-17');
    // Append time never goes backwards; a checkpoint closes each quarter and the chain matches it.
    const times = (await db.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { recordedAt: true } })).map((r) => r.recordedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const checkpoints = await db.auditCheckpoint.findMany({ orderBy: { seq: 'asc' }, select: { at: true, reason: true } });
    expect(checkpoints.map((c) => [c.at.toISOString(), c.reason])).toEqual([
      ['2023-03-31T23:59:59.000Z', 'demo: end of 2023Q1'], ['2023-06-30T23:59:59.000Z', 'demo: end of 2023Q2'], ['2023-09-30T23:59:59.000Z', 'demo: end of 2023Q3'],
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checkpoint: { reason: 'demo: end of 2023Q3' } });
  });

  it('refuses to load twice', async () => {
    await expect(loadDemoStory(db)).rejects.toThrow(/already has data/);
  });
});
