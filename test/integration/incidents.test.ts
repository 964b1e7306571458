import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/chain';
import { isRcaOverdue } from '@/lib/domain/incident';
import { addIncidentLog, advanceTraffic, openIncident, submitRootCause } from '@/lib/services/incidents';
import { makeComponent, makeUser } from '../fixtures';
import { appError, makeCommittee, prisma, promoteViaCommittee, register, statusOf, toStaging, withOwnDatabase, type TestActor } from './_governance';
import { contextFor } from '@/lib/context';

withOwnDatabase('mgr_incidents');

let members: TestActor[];
beforeAll(async () => {
  members = await makeCommittee(3);
});

async function produce(eng: TestActor, component: string, version: string) {
  const v = await register(eng, component, { version });
  await toStaging(eng, v.id);
  await promoteViaCommittee(eng, members, v.id);
  return v;
}

describe('incidents and rollback', () => {
  it('rolls back to the last stable production version, skipping one tagged critical-issue', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v1 = await produce(eng, c.key, '1.0.0');
    const v2 = await produce(eng, c.key, '1.1.0');
    // v2 goes bad: back to v1.
    const inc1 = await openIncident(contextFor(eng), v2.id, { title: 'Flicker in emergency alerts', description: 'Frame drops above 30 fps' });
    expect(inc1).toMatchObject({ modelId: v2.modelId, rollbackTo: v1.modelId, status: 'open' });
    expect(await statusOf(v2.id)).toBe('deprecated');
    expect(await statusOf(v1.id)).toBe('production');
    const tags = (await prisma.modelVersion.findUniqueOrThrow({ where: { id: v2.id }, select: { tags: true } })).tags;
    expect(tags).toContain('critical-issue');
    expect((inc1.rcaDueAt.getTime() - inc1.openedAt.getTime()) / 3_600_000).toBe(24);
    expect(await prisma.incidentLogEntry.count({ where: { incidentId: inc1.id } })).toBe(1);

    // v3 reaches production, then fails too: the previous stable one is v1 (v2 is critical).
    const v3 = await produce(eng, c.key, '1.2.0');
    expect(await statusOf(v1.id)).toBe('deprecated');
    const inc2 = await openIncident(contextFor(eng), v3.id, { title: 'Hallucinated captions' });
    expect(inc2.rollbackTo).toBe(v1.modelId);
    expect(await statusOf(v1.id)).toBe('production');
    expect(await prisma.modelVersion.count({ where: { componentId: c.id, status: 'production' } })).toBe(1);
    const trans = await prisma.statusTransition.findMany({ where: { versionId: v1.id }, orderBy: { at: 'asc' }, select: { toStatus: true } });
    expect(trans.map((t) => t.toStatus)).toEqual(['development', 'testing', 'staging', 'production', 'deprecated', 'production', 'deprecated', 'production']);
  });

  it('refuses when there is no previous stable version, or the version is not in production', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const only = await produce(eng, c.key, '1.0.0');
    const e = await appError(() => openIncident(contextFor(eng), only.id, { title: 'Broken' }));
    expect(e.code).toBe('transition_refused');
    expect(e.message).toMatch(/No previous stable version/);
    expect(await statusOf(only.id)).toBe('production');
    const dev = await register(eng, c.key, { version: '1.1.0' });
    expect((await appError(() => openIncident(contextFor(eng), dev.id, { title: 'x' }))).message).toMatch(/is development/);
    expect((await appError(() => openIncident(contextFor(members[0]), only.id, { title: 'x' }))).code).toBe('forbidden');
  });

  it('moves traffic in 20% steps in order, then resolves with the root cause; RCA overdue after 24 hours', async () => {
    const eng = await makeUser('engineer');
    const other = await makeUser('engineer');
    const c = await makeComponent();
    await produce(eng, c.key, '1.0.0');
    const v2 = await produce(eng, c.key, '1.1.0');
    const inc = await openIncident(contextFor(eng), v2.id, { title: 'FVD spike' });

    expect(isRcaOverdue(inc, new Date(inc.openedAt.getTime() + 23 * 3_600_000))).toBe(false);
    expect(isRcaOverdue(inc, new Date(inc.openedAt.getTime() + 25 * 3_600_000))).toBe(true);

    const seen: number[] = [];
    for (let i = 0; i < 4; i++) seen.push((await advanceTraffic(contextFor(i % 2 ? other : eng), inc.id, { metricsSnapshot: { fvd: 190 + i, error_rate: 0.01 } })).percent);
    expect(seen).toEqual([20, 40, 60, 80]);
    await submitRootCause(contextFor(eng), inc.id, { rootCause: 'Scheduler config drift: λ residual 0.4 deployed without approval.' });
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: inc.id }, select: { status: true } })).status).toBe('open');
    const last = await advanceTraffic(contextFor(other), inc.id, { metricsSnapshot: { fvd: 186 } });
    expect(last).toMatchObject({ percent: 100, status: 'resolved' });
    expect((await appError(() => advanceTraffic(contextFor(eng), inc.id, {}))).code).toBe('conflict');

    const steps = await prisma.trafficStep.findMany({ where: { incidentId: inc.id }, orderBy: { at: 'asc' }, select: { percent: true, advancedById: true } });
    expect(steps.map((s) => s.percent)).toEqual([20, 40, 60, 80, 100]);
    expect(steps.map((s) => s.advancedById)).toEqual([eng.id, other.id, eng.id, other.id, other.id]);
    const row = await prisma.incident.findUniqueOrThrow({ where: { id: inc.id }, select: { rcaDueAt: true, rcaSubmittedAt: true, closedAt: true } });
    expect(isRcaOverdue(row, new Date(Date.now() + 48 * 3_600_000))).toBe(false);
    expect(row.closedAt).toBeInstanceOf(Date);
  });

  it('lets concurrent advances record each step once, and resolves at RCA after a full rollback', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    await produce(eng, c.key, '1.0.0');
    const v2 = await produce(eng, c.key, '1.1.0');
    const inc = await openIncident(contextFor(eng), v2.id, { title: 'Audio desync' });
    const results = await Promise.allSettled([advanceTraffic(contextFor(eng), inc.id, {}), advanceTraffic(contextFor(eng), inc.id, {})]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled']);
    expect((await prisma.trafficStep.findMany({ where: { incidentId: inc.id }, orderBy: { percent: 'asc' }, select: { percent: true } })).map((s) => s.percent)).toEqual([20, 40]);
    for (let i = 0; i < 3; i++) await advanceTraffic(contextFor(eng), inc.id, {});
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: inc.id }, select: { status: true } })).status).toBe('rolled_back');
    await addIncidentLog(contextFor(eng), inc.id, { text: 'Error rate back to baseline.' });
    expect((await appError(() => submitRootCause(contextFor(eng), inc.id, { rootCause: 'short' }))).fieldErrors?.rootCause).toBeDefined();
    const late = new Date(inc.rcaDueAt.getTime() + 3_600_000);
    expect(await submitRootCause(contextFor(eng, { now: () => late }), inc.id, { rootCause: 'Audio resampler changed in dependency upgrade.' })).toMatchObject({ status: 'resolved', late: true });
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});
