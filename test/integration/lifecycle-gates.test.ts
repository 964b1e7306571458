import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { verifyAuditChain } from '@/lib/audit/chain';
import { addMetrics } from '@/lib/services/add-metrics';
import { addTestResult } from '@/lib/services/add-test-results';
import { loadVersionLifecycle } from '@/lib/queries/version-lifecycle';
import { archiveExpiredVersions, transitionModelVersion } from '@/lib/services/transition-version';
import { makeComponent, makeUser } from '../fixtures';
import { appError, makeCommittee, prisma, promoteViaCommittee, register, statusOf, toStaging, withOwnDatabase, type TestActor } from './_governance';
import { contextFor } from '@/lib/context';

withOwnDatabase('mgr_lifecycle');

let members: TestActor[];
beforeAll(async () => {
  members = await makeCommittee(3); // majority quorum: 2
});

async function withRequirements() {
  const c = await makeComponent();
  await prisma.metricRequirement.createMany({
    data: [
      { componentId: c.id, definitionId: 'met_fvd', threshold: 250 },
      { componentId: c.id, definitionId: 'met_tc', threshold: 0.85 },
    ],
  });
  return c;
}

describe('development → testing: passes unit tests', () => {
  it('refuses without a unit run, with failures, with nothing passed; passes on a clean latest run', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v = await register(eng, c.key);

    let e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'testing' }));
    expect(e.code).toBe('transition_refused');
    expect(e.details).toMatchObject({ gate: 'unit_tests_pass', failures: ['no unit test result recorded (suite "unit")'] });

    await addTestResult(contextFor(eng), v.id, { suite: 'unit', passed: 40, failed: 2, runAt: '2023-06-01T10:00:00Z' });
    e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'testing' }));
    expect(e.message).toMatch(/2 failed tests/);

    await addTestResult(contextFor(eng), v.id, { suite: 'unit', passed: 0, failed: 0, runAt: '2023-06-02T10:00:00Z' });
    e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'testing' }));
    expect(e.message).toMatch(/passed no tests/);

    // Another suite does not count; the latest *unit* run does.
    await addTestResult(contextFor(eng), v.id, { suite: 'integration', passed: 5, failed: 0, runAt: '2023-06-04T10:00:00Z' });
    await addTestResult(contextFor(eng), v.id, { suite: 'unit', passed: 42, failed: 0, runAt: '2023-06-03T10:00:00Z' });
    const r = await transitionModelVersion(contextFor(eng), v.id, { to: 'testing' });
    expect(r).toMatchObject({ from: 'development', to: 'testing' });
    expect(await statusOf(v.id)).toBe('testing');

    const rows = await prisma.statusTransition.findMany({ where: { versionId: v.id }, orderBy: { at: 'asc' }, select: { fromStatus: true, toStatus: true, actorLabel: true } });
    expect(rows).toEqual([
      { fromStatus: null, toStatus: 'development', actorLabel: eng.label },
      { fromStatus: 'development', toStatus: 'testing', actorLabel: eng.label },
    ]);
    const ev = await prisma.auditEvent.findFirst({ where: { entityId: v.id, action: 'version.transition' }, select: { change: true, actorLabel: true } });
    expect(ev).toMatchObject({ actorLabel: eng.label, change: { from: 'development', to: 'testing' } });
  });
});

describe('testing → staging: meets performance metrics', () => {
  it('is direction-aware: FVD above its threshold fails, temporal coherence above its threshold passes', async () => {
    const eng = await makeUser('engineer');
    const c = await withRequirements();
    const v = await register(eng, c.key, { metrics: [{ metric: 'fvd', value: 300 }, { metric: 'temporal_coherence', value: 0.9 }] });
    await addTestResult(contextFor(eng), v.id, { passed: 3, failed: 0 });
    await transitionModelVersion(contextFor(eng), v.id, { to: 'testing' });
    const e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'staging' }));
    expect(e.code).toBe('transition_refused');
    expect(e.details?.gate).toBe('meets_metrics');
    expect(e.details?.failures).toEqual(['FVD is 300, threshold ≤ 250 not met']);
    await addMetrics(contextFor(eng), v.id, { metrics: [{ metric: 'fvd', value: 240 }] });
    await transitionModelVersion(contextFor(eng), v.id, { to: 'staging' });
    expect(await statusOf(v.id)).toBe('staging');
  });

  it('falls back to the mean of the scenario values and says so; a missing metric fails', async () => {
    const eng = await makeUser('engineer');
    const c = await withRequirements();
    const v = await register(eng, c.key, {
      metrics: [
        { metric: 'fvd', value: 200, scenario: 'policy_briefing' },
        { metric: 'fvd', value: 260, scenario: 'emergency_alert' },
      ],
    });
    await addTestResult(contextFor(eng), v.id, { passed: 3, failed: 0 });
    await transitionModelVersion(contextFor(eng), v.id, { to: 'testing' });
    const e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'staging' }));
    expect(e.details?.failures).toEqual(['no Temporal coherence value recorded']);
    expect(e.details?.notes).toContain('FVD: no overall value; used the mean of 2 scenario values (230)');
    await addMetrics(contextFor(eng), v.id, { metrics: [{ metric: 'temporal_coherence', value: 0.91, scenario: 'policy_briefing' }] });
    const ok = await transitionModelVersion(contextFor(eng), v.id, { to: 'staging' });
    expect(ok.notes).toEqual(expect.arrayContaining(['FVD: no overall value; used the mean of 2 scenario values (230)']));
  });

  it('refuses a regression beyond the tolerance against the production version; a per-requirement tolerance overrides', async () => {
    const eng = await makeUser('engineer');
    const c = await withRequirements();
    const prod = await register(eng, c.key, { version: '1.0.0', metrics: [{ metric: 'fvd', value: 200 }, { metric: 'temporal_coherence', value: 0.9 }] });
    await toStaging(eng, prod.id);
    await promoteViaCommittee(eng, members, prod.id);
    expect(await statusOf(prod.id)).toBe('production');

    // FVD 230 meets the 250 threshold but is 15% worse than production's 200 (tolerance 5%).
    const cand = await register(eng, c.key, { version: '1.1.0', metrics: [{ metric: 'fvd', value: 230 }, { metric: 'temporal_coherence', value: 0.92 }] });
    await addTestResult(contextFor(eng), cand.id, { passed: 3, failed: 0 });
    await transitionModelVersion(contextFor(eng), cand.id, { to: 'testing' });
    const e = await appError(() => transitionModelVersion(contextFor(eng), cand.id, { to: 'staging' }));
    expect(e.details?.failures).toEqual([`FVD 230 vs production 200: 15% worse, more than the 5% tolerance`]);

    await prisma.metricRequirement.update({ where: { componentId_definitionId: { componentId: c.id, definitionId: 'met_fvd' } }, data: { maxRegressionPct: 20 } });
    const checklist = { transitions: await loadVersionLifecycle(contextFor(eng), cand.id) };
    const staging = checklist.transitions.find((t) => t.to === 'staging')!;
    expect(staging.evaluation.ok).toBe(true);
    expect(staging.evaluation.checks.map((c) => [c.key, c.ok])).toEqual([
      ['metric:fvd', true], ['regression:fvd', true], ['metric:temporal_coherence', true], ['regression:temporal_coherence', true],
    ]);
    await transitionModelVersion(contextFor(eng), cand.id, { to: 'staging' });
    expect(await statusOf(cand.id)).toBe('staging');
  });
});

describe('reasons, direct production, illegal pairs, deprecation and archival', () => {
  it('testing → development and staging → testing need a reason', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v = await register(eng, c.key);
    await toStaging(eng, v.id);
    let e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'testing', reason: '   ' }));
    expect(e.details).toMatchObject({ gate: 'reason_required', failures: ['a reason is required'] });
    await transitionModelVersion(contextFor(eng), v.id, { to: 'testing', reason: 'flicker found in emergency_alert clips' });
    e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'development' }));
    expect(e.code).toBe('transition_refused');
    await transitionModelVersion(contextFor(eng), v.id, { to: 'development', reason: 'fails FVD on instructional' });
    const last = await prisma.statusTransition.findFirst({ where: { versionId: v.id }, orderBy: { at: 'desc' }, select: { reason: true, toStatus: true } });
    expect(last).toEqual({ reason: 'fails FVD on instructional', toStatus: 'development' });
  });

  it('refuses staging → production as a direct transition, pointing to the promotion flow', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v = await register(eng, c.key);
    await toStaging(eng, v.id);
    const e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'production' }));
    expect(e.code).toBe('transition_refused');
    expect(e.message).toMatch(/promotion request/);
    expect(await statusOf(v.id)).toBe('staging');
  });

  it('refuses pairs outside the workflow, naming from, to and the allowed targets', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v = await register(eng, c.key);
    const e = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'production' }));
    expect(e.code).toBe('transition_refused');
    expect(e.status).toBe(422);
    expect(e.message).toBe(`Transition development → production is not allowed for ${v.modelId}; allowed from development: testing`);
    const e2 = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'archived' }));
    expect(e2.message).toMatch(/development → archived is not allowed/);
    const e3 = await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'bogus' }));
    expect(e3.code).toBe('validation_failed');
    expect(e3.fieldErrors?.to).toBeDefined();
    const viewer = await makeUser('viewer');
    expect((await appError(() => transitionModelVersion(contextFor(viewer), v.id, { to: 'testing' }))).code).toBe('forbidden');
  });

  it('production → deprecated only by the committee with a reason; archival only by the system after the grace period', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v = await register(eng, c.key);
    await toStaging(eng, v.id);
    await promoteViaCommittee(eng, members, v.id);

    expect((await appError(() => transitionModelVersion(contextFor(eng), v.id, { to: 'deprecated', reason: 'x' }))).code).toBe('forbidden');
    expect((await appError(() => transitionModelVersion(contextFor(members[0]), v.id, { to: 'deprecated' }))).details?.failures).toEqual(['a reason is required']);
    await transitionModelVersion(contextFor(members[0]), v.id, { to: 'deprecated', reason: 'superseded by the fact-check pipeline' });
    expect(await statusOf(v.id)).toBe('deprecated');

    // An engineer may not archive, even after the grace period.
    const later = new Date(Date.now() + 91 * 86_400_000);
    const e = await appError(() => transitionModelVersion(contextFor(eng, { now: () => later }), v.id, { to: 'archived' }));
    expect(e.details?.failures).toEqual(['only the system archives versions']);
    // The system may not archive before the grace period ends.
    const early = await appError(() => transitionModelVersion(contextFor(SYSTEM_ACTOR, { now: () => new Date(Date.now() + 89 * 86_400_000) }), v.id, { to: 'archived' }));
    expect(early.details?.failures).toEqual([expect.stringMatching(/^ends /)]);
    expect((await archiveExpiredVersions(contextFor(SYSTEM_ACTOR, { now: () => new Date(Date.now() + 10 * 86_400_000) }))).archived).not.toContain(v.modelId);
    expect((await archiveExpiredVersions(contextFor(SYSTEM_ACTOR, { now: () => later }))).archived).toContain(v.modelId);
    expect(await statusOf(v.id)).toBe('archived');
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});
