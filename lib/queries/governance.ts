import type { Actor } from '../auth/permissions';
import { can, requirePermission } from '../auth/permissions';
import { prisma } from '../db';
import { isRcaOverdue } from '../domain/incident';
import { promotionState } from '../domain/promotion';

/** Open and recently decided promotion requests, with the votes and what the viewer may do. */
export async function listPromotionRequests(actor: Actor) {
  requirePermission(actor, 'read:registry');
  const rows = await prisma.promotionRequest.findMany({
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
  const staging = await prisma.modelVersion.findMany({
    where: { status: 'staging' },
    orderBy: { modelId: 'asc' },
    select: { id: true, modelId: true, gitBranch: true, tags: true },
  });
  return {
    requests: rows.map((r) => {
      const approvals = r.votes.filter((v) => v.decision === 'approve').length;
      const raiResult = r.version.raiAssessments[0]?.result ?? null;
      const mayVoteKind = r.kind === 'emergency' ? can(actor, 'review:emergency') : can(actor, 'vote:promotion');
      const alreadyVoted = r.votes.some((v) => v.voterId === actor.id);
      return {
        ...r,
        approvals,
        rejections: r.votes.length - approvals,
        raiResult,
        state: promotionState({ status: r.status, kind: r.kind, quorum: r.quorum, approvals, raiResult }),
        canVote: r.status === 'open' && mayVoteKind && !alreadyVoted && r.requestedById !== actor.id,
        whyNoVote:
          r.status !== 'open' ? null : !mayVoteKind ? null : alreadyVoted ? 'You have voted' : r.requestedById === actor.id ? 'You requested this (separation of duties)' : null,
        canWithdraw: r.status === 'open' && r.kind !== 'ratification' && r.requestedById === actor.id,
      };
    }),
    stagingVersions: can(actor, 'request:promotion') ? staging : [],
  };
}

export async function listIncidents(actor: Actor) {
  requirePermission(actor, 'read:registry');
  const now = new Date();
  const rows = await prisma.incident.findMany({
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
  const production = can(actor, 'open:incident')
    ? await prisma.modelVersion.findMany({ where: { status: 'production' }, orderBy: { modelId: 'asc' }, select: { id: true, modelId: true } })
    : [];
  return { incidents: rows.map((i) => ({ ...i, overdue: isRcaOverdue(i, now) })), production };
}

export async function listParameterSets(actor: Actor) {
  requirePermission(actor, 'read:registry');
  const rows = await prisma.parameterSet.findMany({
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
    approvals: p.votes.filter((v) => v.decision === 'approve').length,
    canVote: p.status === 'proposed' && can(actor, 'vote:parameter-set') && p.proposedById !== actor.id && !p.votes.some((v) => v.voterId === actor.id),
  }));
}
