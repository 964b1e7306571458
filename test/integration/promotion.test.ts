import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/chain';
import { castVote } from '@/lib/services/cast-vote';
import { recordBackport, requestEmergencyPromotion, requestPromotion, withdrawRequest } from '@/lib/services/promotion';
import { recordRaiAssessment } from '@/lib/services/rai';
import { updateUser } from '@/lib/services/users';
import { makeComponent, makeUser } from '../fixtures';
import { appError, FAILING_RAI, makeCommittee, passRai, prisma, promoteViaCommittee, register, statusOf, toStaging, withOwnDatabase, type TestActor } from './_governance';
import { contextFor } from '@/lib/context';

withOwnDatabase('mgr_promotion');

let members: TestActor[];
beforeAll(async () => {
  members = await makeCommittee(3); // majority of 3 active members: quorum 2
});

async function stagingVersion(eng: TestActor, component?: string, extra: Parameters<typeof register>[2] = {}) {
  const key = component ?? (await makeComponent()).key;
  const v = await register(eng, key, extra);
  await toStaging(eng, v.id);
  return { ...v, component: key };
}

describe('committee promotion', () => {
  it('fixes the quorum at a majority of active committee members and promotes at quorum with a passed RAI', async () => {
    const eng = await makeUser('engineer');
    const v = await stagingVersion(eng);
    await passRai(members[2], v.id);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: 'FVD -15% on policy briefings' });
    expect(req).toMatchObject({ kind: 'committee', status: 'open', quorum: 2 });

    const first = await castVote(contextFor(members[0]), req.id, { decision: 'approve', comment: 'good numbers' });
    expect(first).toMatchObject({ state: 'open', approvals: 1, quorum: 2, promoted: null });
    expect(await statusOf(v.id)).toBe('staging');
    const second = await castVote(contextFor(members[1]), req.id, { decision: 'approve' });
    expect(second).toMatchObject({ state: 'approved', approvals: 2, promoted: v.modelId, deprecated: null });
    expect(await statusOf(v.id)).toBe('production');
    const t = await prisma.statusTransition.findFirst({ where: { versionId: v.id, toStatus: 'production' }, select: { requestId: true, actorId: true } });
    expect(t).toEqual({ requestId: req.id, actorId: members[1].id });
    expect((await prisma.promotionRequest.findUniqueOrThrow({ where: { id: req.id }, select: { status: true } })).status).toBe('approved');
    // A vote on a decided request is refused.
    expect((await appError(() => castVote(contextFor(members[2]), req.id, { decision: 'approve' }))).code).toBe('conflict');
  });

  it('keeps the requester from voting (separation of duties) and refuses a second vote with 409', async () => {
    const eng = await makeUser('engineer');
    const admin = await makeUser('admin');
    const v = await stagingVersion(eng);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: 'ready' });
    // The requester later joins the committee: still may not vote on their own request.
    await updateUser(contextFor(admin), eng.id, { role: 'committee' });
    const asMember: TestActor = { ...eng, role: 'committee' };
    const sod = await appError(() => castVote(contextFor(asMember), req.id, { decision: 'approve' }));
    expect(sod.code).toBe('forbidden');
    expect(sod.message).toMatch(/separation of duties/);
    await updateUser(contextFor(admin), eng.id, { role: 'engineer' });

    await castVote(contextFor(members[0]), req.id, { decision: 'reject', comment: 'need IS per scenario' });
    const dup = await appError(() => castVote(contextFor(members[0]), req.id, { decision: 'approve' }));
    expect(dup.code).toBe('conflict');
    expect(dup.status).toBe(409);
    expect(await prisma.vote.count({ where: { requestId: req.id } })).toBe(1);

    const noComment = await appError(() => castVote(contextFor(members[1]), req.id, { decision: 'reject' }));
    expect(noComment.code).toBe('validation_failed');
    expect(noComment.fieldErrors?.comment).toEqual(['a comment is required to reject']);
    expect((await appError(() => castVote(contextFor(eng), req.id, { decision: 'approve' }))).code).toBe('forbidden');
  });

  it('rejects the request once the remaining voters can no longer reach quorum', async () => {
    const eng = await makeUser('engineer');
    const v = await stagingVersion(eng);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: 'ready' });
    expect((await castVote(contextFor(members[0]), req.id, { decision: 'reject', comment: 'temporal coherence drops on hi' })).state).toBe('open');
    expect((await castVote(contextFor(members[1]), req.id, { decision: 'reject', comment: 'agree' })).state).toBe('rejected');
    expect(await statusOf(v.id)).toBe('staging');
    // A new request may now be opened.
    expect((await requestPromotion(contextFor(eng), v.id, { reason: 'fixed' })).status).toBe('open');
  });

  it('refuses a second open request and a version that is not staging; the requester may withdraw', async () => {
    const eng = await makeUser('engineer');
    const other = await makeUser('engineer');
    const v = await stagingVersion(eng);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: 'ready' });
    expect((await appError(() => requestPromotion(contextFor(other), v.id, { reason: 'me too' }))).code).toBe('conflict');
    expect((await appError(() => withdrawRequest(contextFor(other), req.id, {}))).code).toBe('forbidden');
    await withdrawRequest(contextFor(eng), req.id, { reason: 'found a bug' });
    expect((await prisma.promotionRequest.findUniqueOrThrow({ where: { id: req.id }, select: { status: true } })).status).toBe('withdrawn');

    const c = await makeComponent();
    const dev = await register(eng, c.key);
    const e = await appError(() => requestPromotion(contextFor(eng), dev.id, { reason: 'skip the line' }));
    expect(e.code).toBe('transition_refused');
    expect(e.message).toMatch(/only a staging version/);
  });

  it('requires a passed RAI assessment: waits at quorum, then promotes when RAI passes', async () => {
    const eng = await makeUser('engineer');
    const v = await stagingVersion(eng);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: 'ready' });
    await castVote(contextFor(members[0]), req.id, { decision: 'approve' });
    const atQuorum = await castVote(contextFor(members[1]), req.id, { decision: 'approve' });
    expect(atQuorum).toMatchObject({ state: 'approved_waiting_rai', approvals: 2, promoted: null });
    expect(await statusOf(v.id)).toBe('staging');

    const failed = await recordRaiAssessment(contextFor(members[2]), v.id, FAILING_RAI);
    expect(failed.result).toBe('fail');
    expect(failed.failures[0]).toMatch(/language disparity 0.22 exceeds 0.1/);
    expect(await statusOf(v.id)).toBe('staging');

    const passed = await passRai(members[2], v.id);
    expect(passed).toMatchObject({ result: 'pass', promoted: [v.modelId] });
    expect(await statusOf(v.id)).toBe('production');
    expect((await prisma.promotionRequest.findUniqueOrThrow({ where: { id: req.id }, select: { status: true } })).status).toBe('approved');
  });

  it('deprecates the previous production version of the component ("new version available")', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const old = await stagingVersion(eng, c.key, { version: '1.0.0' });
    await promoteViaCommittee(eng, members, old.id);
    const next = await stagingVersion(eng, c.key, { version: '1.1.0' });
    await passRai(members[2], next.id);
    const req = await requestPromotion(contextFor(eng), next.id, { reason: 'better FVD' });
    await castVote(contextFor(members[1]), req.id, { decision: 'approve' });
    const out = await castVote(contextFor(members[2]), req.id, { decision: 'approve' });
    expect(out).toMatchObject({ promoted: next.modelId, deprecated: old.modelId });
    expect(await statusOf(old.id)).toBe('deprecated');
    expect(await statusOf(next.id)).toBe('production');
    const t = await prisma.statusTransition.findFirst({ where: { versionId: old.id, toStatus: 'deprecated' }, select: { reason: true, actorLabel: true, actorId: true, requestId: true } });
    expect(t).toEqual({ reason: `new version available: ${next.modelId}`, actorLabel: 'system', actorId: members[2].id, requestId: req.id });
  });

  it('lets only one of two concurrent final votes promote; exactly one production version per component', async () => {
    const eng = await makeUser('engineer');
    const c = await makeComponent();
    const v = await stagingVersion(eng, c.key, { version: '2.0.0' });
    await passRai(members[0], v.id);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: 'ready' });
    await castVote(contextFor(members[0]), req.id, { decision: 'approve' });
    const results = await Promise.allSettled([
      castVote(contextFor(members[1]), req.id, { decision: 'approve' }),
      castVote(contextFor(members[2]), req.id, { decision: 'approve' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatchObject({ code: 'conflict' });
    expect(await prisma.vote.count({ where: { requestId: req.id } })).toBe(2);

    // Two versions of one component approved at the same moment: the index and the component lock
    // leave exactly one in production.
    const a = await stagingVersion(eng, c.key, { version: '2.1.0' });
    const b = await stagingVersion(eng, c.key, { version: '2.2.0' });
    const ra = await requestPromotion(contextFor(eng), a.id, { reason: 'a' });
    const rb = await requestPromotion(contextFor(eng), b.id, { reason: 'b' });
    await Promise.all([passRai(members[0], a.id), passRai(members[0], b.id)]);
    await castVote(contextFor(members[0]), ra.id, { decision: 'approve' });
    await castVote(contextFor(members[0]), rb.id, { decision: 'approve' });
    await Promise.allSettled([castVote(contextFor(members[1]), ra.id, { decision: 'approve' }), castVote(contextFor(members[1]), rb.id, { decision: 'approve' })]);
    expect(await prisma.modelVersion.count({ where: { componentId: c.id, status: 'production' } })).toBe(1);
    expect((await verifyAuditChain(prisma)).ok).toBe(true);
  });
});

describe('emergency path', () => {
  it('promotes a hotfix on two senior approvals, with monitoring, a ratification request and a recorded backport', async () => {
    const eng = await makeUser('engineer', { senior: true });
    const s1 = await makeUser('engineer', { senior: true });
    const s2 = await makeUser('engineer', { senior: true });
    const junior = await makeUser('engineer');
    const c = await makeComponent();
    const prod = await stagingVersion(eng, c.key, { version: '1.1.0' });
    await promoteViaCommittee(eng, members, prod.id);

    const plain = await stagingVersion(eng, c.key, { version: '1.1.1', branch: 'release/v1.1.0' });
    const notHotfix = await appError(() => requestEmergencyPromotion(contextFor(eng), plain.id, { reason: 'urgent' }));
    expect(notHotfix.code).toBe('transition_refused');
    expect(notHotfix.details?.failures).toEqual(['branch is release/v1.1.0, not hotfix/*', 'version is not tagged emergency']);

    const fix = await stagingVersion(eng, c.key, { version: '1.1.2', branch: 'hotfix/emergency-mode-fix', tags: ['emergency'] });
    const req = await requestEmergencyPromotion(contextFor(eng), fix.id, { reason: 'emergency_alert clips render black frames' });
    expect(req).toMatchObject({ kind: 'emergency', quorum: 2 });

    expect((await appError(() => castVote(contextFor(eng), req.id, { decision: 'approve' }))).message).toMatch(/separation of duties/);
    expect((await appError(() => castVote(contextFor(junior), req.id, { decision: 'approve' }))).code).toBe('forbidden');
    expect((await appError(() => castVote(contextFor(members[0]), req.id, { decision: 'approve' }))).code).toBe('forbidden');

    expect((await castVote(contextFor(s1), req.id, { decision: 'approve', comment: 'diff reviewed' })).state).toBe('open');
    const before = Date.now();
    const done = await castVote(contextFor(s2), req.id, { decision: 'approve', comment: 'tested on staging' });
    expect(done).toMatchObject({ state: 'approved', promoted: fix.modelId, deprecated: prod.modelId });
    expect(await statusOf(fix.id)).toBe('production');
    expect(await statusOf(prod.id)).toBe('deprecated');

    const v = await prisma.modelVersion.findUniqueOrThrow({ where: { id: fix.id }, select: { monitoringUntil: true } });
    const days = (v.monitoringUntil!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);
    const ratification = await prisma.promotionRequest.findUniqueOrThrow({ where: { id: done.ratificationRequestId! }, select: { kind: true, status: true, quorum: true, dueAt: true, requestedById: true } });
    expect(ratification).toMatchObject({ kind: 'ratification', status: 'open', quorum: 2, requestedById: eng.id });
    expect((ratification.dueAt!.getTime() - before) / 86_400_000).toBeCloseTo(7, 2);
    expect((await appError(() => withdrawRequest(contextFor(eng), done.ratificationRequestId!, {}))).code).toBe('conflict');

    await castVote(contextFor(members[0]), done.ratificationRequestId!, { decision: 'approve', comment: 'ratified' });
    expect((await castVote(contextFor(members[1]), done.ratificationRequestId!, { decision: 'approve' })).state).toBe('approved');
    expect(await statusOf(fix.id)).toBe('production');

    expect(await recordBackport(contextFor(eng), fix.id, { commit: 'a1b2c3d4e5f6' })).toMatchObject({ result: 'recorded' });
    expect(await recordBackport(contextFor(eng), fix.id, { commit: 'a1b2c3d4e5f6' })).toMatchObject({ result: 'unchanged' });
    expect((await appError(() => recordBackport(contextFor(eng), fix.id, { commit: 'ffffffffffff' }))).code).toBe('conflict');
    expect((await appError(() => recordBackport(contextFor(eng), plain.id, { commit: 'a1b2c3d4e5f6' }))).code).toBe('conflict');
    const row = await prisma.modelVersion.findUniqueOrThrow({ where: { id: fix.id }, select: { backportCommit: true, backportedAt: true } });
    expect(row.backportCommit).toBe('a1b2c3d4e5f6');
    expect(row.backportedAt).toBeInstanceOf(Date);
  });
});
