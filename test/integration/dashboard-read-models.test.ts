import { describe, expect, it } from 'vitest';
import { createCheckpoint } from '@/lib/audit/checkpoint';
import { contextFor } from '@/lib/context';
import { adminOverview } from '@/lib/queries/dashboard-admin';
import { chainStatus, lastQuarterlyReport, overdueItems } from '@/lib/queries/dashboard-auditor';
import { pendingVotesOf } from '@/lib/queries/dashboard-committee';
import { myVersions } from '@/lib/queries/dashboard-engineer';
import { getDashboardOverview } from '@/lib/queries/dashboard-overview';
import { voteParameterSet } from '@/lib/services/parameter-sets';
import { updateSettings } from '@/lib/services/settings';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { makeComponent, makeUser } from '../fixtures';
import * as A from './_authz';
import { appError, passUnitTests, prisma, register, withOwnDatabase } from './_governance';

// The dashboard's read models, one per role, on a database of their own (real Postgres).

withOwnDatabase('mgr_dashboards');

const DAY = 86_400_000;

describe('engineer: my versions and the next gate', () => {
  it('lists the versions I registered (not others\'), each with the gate it must pass next as the gates evaluate it', async () => {
    const me = await makeUser('engineer');
    const other = await makeUser('engineer');
    const c = await makeComponent();
    const mine = await register(me, c.key);
    const theirs = await register(other, c.key);
    const ctx = contextFor(me);

    let { versions } = await myVersions(ctx);
    expect(versions.map((v) => v.modelId)).toEqual([mine.modelId]);
    expect(versions.map((v) => v.modelId)).not.toContain(theirs.modelId);
    expect(versions[0].next).toMatchObject({ to: 'testing', state: 'blocked' });
    expect(versions[0].next!.failing[0].detail).toMatch(/no unit test result/);

    await passUnitTests(me, mine.id);
    ({ versions } = await myVersions(ctx));
    expect(versions[0].next).toMatchObject({ to: 'testing', state: 'passes', failing: [] });

    await transitionModelVersion(ctx, mine.id, { to: 'testing' });
    ({ versions } = await myVersions(ctx));
    expect(versions[0]).toMatchObject({ status: 'testing', next: { to: 'staging', label: 'Meets performance metrics' } });
  });

  it('says a production version waits for a newer one, and a deprecated one for the grace period', async () => {
    const me = await makeUser('engineer');
    const c = await makeComponent();
    const prod = await register(me, c.key);
    const old = await register(me, c.key);
    await prisma.modelVersion.update({ where: { id: prod.id }, data: { status: 'production' } });
    await prisma.modelVersion.update({ where: { id: old.id }, data: { status: 'deprecated', statusChangedAt: new Date('2023-06-01T00:00:00Z') } });
    const { versions } = await myVersions(contextFor(me, { now: () => new Date('2023-07-01T00:00:00Z') }));
    const byId = new Map(versions.map((v) => [v.id, v.next]));
    expect(byId.get(prod.id)).toMatchObject({ to: 'deprecated', state: 'waits' });
    expect(byId.get(old.id)).toMatchObject({ to: 'archived', state: 'waits' });
    expect(byId.get(old.id)!.failing[0].detail).toContain('ends 2023-08-30');
  });
});

describe('committee: what waits for my vote', () => {
  it('lists promotions, ratifications (with due dates, overdue marked) and parameter sets; a vote removes it; the proposer and the auditor see none', async () => {
    const member = await makeUser('committee');
    const engineer = await makeUser('engineer');
    const auditor = await makeUser('auditor');
    const committee = await A.openRequest('committee', engineer.id, 3);
    const ratification = await A.openRequest('ratification', engineer.id, 3);
    await prisma.promotionRequest.update({ where: { id: ratification.id }, data: { dueAt: new Date(Date.now() - DAY) } });
    const set = await A.proposedParameterSet(engineer.id);
    const ownSet = await A.proposedParameterSet(member.id);

    const pending = await pendingVotesOf(contextFor(member));
    const ids = pending.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([committee.id, ratification.id, set.id]));
    expect(ids).not.toContain(ownSet.id);
    const rat = pending.find((p) => p.id === ratification.id)!;
    expect(rat).toMatchObject({ type: 'promotion', kind: 'ratification', dueLabel: 'ratify by', overdue: true });
    expect(pending.find((p) => p.id === set.id)).toMatchObject({ type: 'parameter_set', kind: 'lambda', dueLabel: 'takes effect', overdue: false });
    expect(pending.find((p) => p.id === committee.id)).toMatchObject({ dueAt: null, overdue: false });
    // Deadlines first: the overdue ratification leads.
    expect(ids.indexOf(ratification.id)).toBeLessThan(ids.indexOf(committee.id));

    await voteParameterSet(contextFor(member), set.id, { decision: 'approve' });
    expect((await pendingVotesOf(contextFor(member))).map((p) => p.id)).not.toContain(set.id);
    expect(await pendingVotesOf(contextFor(auditor))).toEqual([]);
  });
});

describe('auditor: chain, last report, overdue items', () => {
  it('compares the head with the last signed checkpoint and counts the events since', async () => {
    const auditor = await makeUser('auditor');
    const ctx = contextFor(auditor);
    expect((await chainStatus(ctx)).checkpoint).toBeNull();
    const cp = await createCheckpoint(ctx, 'manual');
    let s = await chainStatus(ctx);
    expect(s.checkpoint).toMatchObject({ seq: cp.seq, signatureOk: true, eventMatches: true, eventsSince: 0 });
    await updateSettings(contextFor(await makeUser('admin')), { gracePeriodDays: 91 });
    s = await chainStatus(ctx);
    expect(s.checkpoint!.eventsSince).toBe(1);
    expect(s.head!.seq).toBe(cp.seq + 1);
    const viewer = await makeUser('viewer');
    expect((await appError(() => chainStatus(contextFor(viewer)))).code).toBe('forbidden');
  });

  it('shows the newest quarterly report and whether it is signed off', async () => {
    const auditor = await makeUser('auditor');
    const ctx = contextFor(auditor);
    expect(await lastQuarterlyReport(ctx)).toBeNull();
    const summary = { checks: 10, passed: 9, failed: 1, pending: 0, compliant: false, deployments: 2, transitions: 5, parameterChanges: 1, flagged: 1, gaps: ['ISO 42001 A.6.2.6'] };
    const base = { generatedById: auditor.id, chainHeadSeq: 1, chainHeadHash: 'a'.repeat(64), summary };
    await prisma.quarterlyAudit.create({ data: { ...base, quarter: '2031Q1', generatedAt: new Date('2031-04-02T00:00:00Z') }, select: { id: true } });
    const newest = await prisma.quarterlyAudit.create({ data: { ...base, quarter: '2031Q2', generatedAt: new Date('2031-07-02T00:00:00Z') }, select: { id: true } });
    let r = await lastQuarterlyReport(ctx);
    expect(r).toMatchObject({ id: newest.id, quarter: '2031Q2', signOff: null, summary: { passed: 9, checks: 10, gaps: ['ISO 42001 A.6.2.6'] } });
    await prisma.quarterlyAudit.update({ where: { id: newest.id }, data: { signedOffById: auditor.id, signedOffAt: new Date('2031-07-03T00:00:00Z'), signOffComment: 'ok' } });
    r = await lastQuarterlyReport(ctx);
    expect(r!.signOff).toMatchObject({ at: '2031-07-03T00:00:00.000Z', comment: 'ok' });
  });

  it('lists RCAs and ratifications past their deadline, and not those still in time or done', async () => {
    const engineer = await makeUser('engineer');
    const late = await A.openIncident(engineer.id);
    const inTime = await A.openIncident(engineer.id);
    const done = await A.openIncident(engineer.id);
    await prisma.incident.update({ where: { id: late.id }, data: { rcaDueAt: new Date(Date.now() - DAY) } });
    await prisma.incident.update({ where: { id: done.id }, data: { rcaDueAt: new Date(Date.now() - DAY), rcaSubmittedAt: new Date() } });
    const lateRat = await A.openRequest('ratification', engineer.id);
    const okRat = await A.openRequest('ratification', engineer.id);
    await prisma.promotionRequest.update({ where: { id: lateRat.id }, data: { dueAt: new Date(Date.now() - DAY) } });
    await prisma.promotionRequest.update({ where: { id: okRat.id }, data: { dueAt: new Date(Date.now() + DAY) } });
    const o = await overdueItems(contextFor(await makeUser('auditor')));
    expect(o.rcas.map((i) => i.id)).toContain(late.id);
    expect(o.rcas.map((i) => i.id)).not.toContain(inTime.id);
    expect(o.rcas.map((i) => i.id)).not.toContain(done.id);
    expect(o.ratifications.map((r) => r.id)).toContain(lateRat.id);
    expect(o.ratifications.map((r) => r.id)).not.toContain(okRat.id);
  });
});

describe('admin: users, expiring tokens, recent settings changes', () => {
  it('lists tokens expiring within 14 days (not later, not revoked) and settings changes with before and after', async () => {
    const admin = await makeUser('admin');
    const ctx = contextFor(admin);
    const tok = async (days: number, revoked = false) =>
      (await prisma.apiToken.update({ where: { id: (await A.apiToken(admin.id)).id }, data: { expiresAt: new Date(Date.now() + days * DAY), revokedAt: revoked ? new Date() : null }, select: { id: true } })).id;
    const soon = await tok(3);
    const later = await tok(30);
    const revoked = await tok(2, true);
    await updateSettings(ctx, { regressionTolerancePct: 7 });
    const a = await adminOverview(ctx);
    const ids = a.expiringTokens.map((t) => t.id);
    expect(ids).toContain(soon);
    expect(ids).not.toContain(later);
    expect(ids).not.toContain(revoked);
    expect(a.expiringTokens.find((t) => t.id === soon)!.daysLeft).toBe(3);
    expect(a.settingChanges[0]).toMatchObject({ what: 'Regression tolerance (%)', before: '5', after: '7', by: admin.email });
    expect(a.users.activeByRole.admin).toBeGreaterThanOrEqual(1);
    const member = await makeUser('committee');
    expect((await appError(() => adminOverview(contextFor(member)))).code).toBe('forbidden');
  });
});

describe('everyone: the overview', () => {
  it('names the components with no FVD value instead of leaving them out silently', async () => {
    const engineer = await makeUser('engineer');
    const withFvd = await makeComponent();
    const without = await makeComponent();
    await register(engineer, withFvd.key, { metrics: [{ metric: 'fvd', value: 200 }] });
    await register(engineer, without.key, { metrics: [{ metric: 'is', value: 30 }] });
    const o = await getDashboardOverview(contextFor(await makeUser('viewer')));
    expect(o.fvdTrend.find((s) => s.component === withFvd.key)!.points.map((p) => p.fvd)).toEqual([200]);
    expect(o.fvdTrend.map((s) => s.component)).not.toContain(without.key);
    expect(o.withoutFvd).toContain(without.key);
  });
});
