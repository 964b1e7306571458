import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { isRcaOverdue } from '../domain/incident';
import { promotionState } from '../domain/promotion';
import { tallyVotes } from '../domain/votes';
import { canOpenIncident } from '../permissions/incident';
import { canVoteParameterSet } from '../permissions/parameter-set';
import { canRequestPromotion, canVote, canWithdraw } from '../permissions/promotion';

/** Open and recently decided promotion requests, with the votes and what the viewer may do. */
export async function listPromotionRequests(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const rows = await db.promotionRequest.findMany({
    orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
    take: 100,
    select: {
      id: true, kind: true, status: true, reason: true, quorum: true, dueAt: true, createdAt: true, decidedAt: true, requestedById: true,
      requestedBy: { select: { name: true, email: true } },
      version: {
        select: {
          id: true, modelId: true, status: true, gitBranch: true, tags: true,
          component: { select: { key: true } },
          raiAssessments: { orderBy: { assessedAt: 'desc' }, take: 1, select: { result: true, assessedAt: true } },
        },
      },
      votes: { orderBy: { createdAt: 'asc' }, select: { id: true, decision: true, comment: true, createdAt: true, voterId: true, voter: { select: { name: true, email: true } } } },
    },
  });
  const staging = await db.modelVersion.findMany({
    where: { status: 'staging' },
    orderBy: { modelId: 'asc' },
    select: { id: true, modelId: true, gitBranch: true, tags: true },
  });
  return {
    requests: rows.map((r) => {
      const { approvals, rejections } = tallyVotes(r.votes);
      const raiResult = r.version.raiAssessments[0]?.result ?? null;
      const vote = canVote(actor, r);
      const alreadyVoted = r.votes.some((v) => v.voterId === actor.id);
      return {
        ...r,
        approvals,
        rejections,
        raiResult,
        state: promotionState({ status: r.status, kind: r.kind, quorum: r.quorum, approvals, raiResult }),
        canVote: r.status === 'open' && vote.ok && !alreadyVoted,
        // Say why only to people whose role votes on this kind (not to every viewer).
        whyNoVote: r.status !== 'open' ? null : alreadyVoted ? 'You have voted' : !vote.ok && !vote.permission ? vote.reason : null,
        canWithdraw: r.status === 'open' && r.kind !== 'ratification' && canWithdraw(actor, r).ok,
      };
    }),
    stagingVersions: canRequestPromotion(actor).ok ? staging : [],
  };
}

export async function listIncidents(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const now = ctx.now();
  const rows = await db.incident.findMany({
    orderBy: { openedAt: 'desc' },
    take: 100,
    select: {
      id: true, title: true, description: true, severity: true, status: true, openedAt: true, rcaDueAt: true, rcaSubmittedAt: true, rootCause: true,
      openedBy: { select: { name: true } },
      version: { select: { id: true, modelId: true, status: true } },
      rollbackToVersion: { select: { id: true, modelId: true, status: true } },
      trafficSteps: { orderBy: { percent: 'asc' }, select: { percent: true, at: true, metricsSnapshot: true, advancedBy: { select: { name: true } } } },
      log: { orderBy: { at: 'asc' }, select: { id: true, at: true, text: true, author: { select: { name: true } } } },
    },
  });
  const production = canOpenIncident(actor).ok
    ? await db.modelVersion.findMany({ where: { status: 'production' }, orderBy: { modelId: 'asc' }, select: { id: true, modelId: true } })
    : [];
  return { incidents: rows.map((i) => ({ ...i, overdue: isRcaOverdue(i, now) })), production };
}

export async function listParameterSets(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const rows = await db.parameterSet.findMany({
    orderBy: [{ kind: 'asc' }, { effectiveDate: 'desc' }, { parameterId: 'desc' }],
    select: {
      id: true, parameterId: true, kind: true, values: true, baseNoiseLambda: true, residualNoiseLambda: true, effectiveDate: true, status: true,
      approvedBy: true, approvedAt: true, performanceMetrics: true, testedScenarios: true, notes: true, quorum: true, createdAt: true, proposedById: true,
      proposedBy: { select: { name: true } },
      votes: { select: { decision: true, comment: true, voterId: true, voter: { select: { name: true } } } },
    },
  });
  return rows.map((p) => ({
    ...p,
    approvals: tallyVotes(p.votes).approvals,
    canVote: p.status === 'proposed' && canVoteParameterSet(actor, p).ok && !p.votes.some((v) => v.voterId === actor.id),
  }));
}
