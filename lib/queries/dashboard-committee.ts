import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { tallyVotes } from '../domain/votes';
import { actorUserId } from '../permissions/actor';
import { canVoteParameterSet } from '../permissions/parameter-set';
import { canVote } from '../permissions/promotion';

// "What waits for my vote": open promotion requests (committee, ratification; emergency reviews
// for senior engineers) and proposed parameter sets this person may still vote on — who may vote
// is lib/permissions' rule — each with its due date, oldest deadline first.

export type PendingVote = {
  id: string;
  type: 'promotion' | 'parameter_set';
  kind: string; // committee | emergency | ratification | lambda | training | inference
  subject: string; // model id or parameter id
  href: string;
  openedAt: Date;
  /** Ratification deadline; for a parameter set, the date it would take effect. */
  dueAt: Date | null;
  dueLabel: string | null;
  overdue: boolean;
  approvals: number;
  quorum: number;
};

export async function pendingVotesOf(ctx: ServiceContext): Promise<PendingVote[]> {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const now = ctx.now();
  const me = actorUserId(actor);
  const [requests, sets] = await Promise.all([
    db.promotionRequest.findMany({
      where: { status: 'open' },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true, kind: true, quorum: true, createdAt: true, dueAt: true, requestedById: true,
        version: { select: { modelId: true } },
        votes: { select: { voterId: true, decision: true } },
      },
    }),
    db.parameterSet.findMany({
      where: { status: 'proposed' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, parameterId: true, kind: true, quorum: true, createdAt: true, effectiveDate: true, proposedById: true, votes: { select: { voterId: true, decision: true } } },
    }),
  ]);
  const out: PendingVote[] = [];
  for (const r of requests) {
    if (!canVote(actor, r).ok || r.votes.some((v) => v.voterId === me)) continue;
    out.push({
      id: r.id, type: 'promotion', kind: r.kind, subject: r.version.modelId, href: `/approvals#${r.id}`, openedAt: r.createdAt,
      dueAt: r.dueAt, dueLabel: r.dueAt ? 'ratify by' : null, overdue: !!r.dueAt && r.dueAt.getTime() < now.getTime(),
      approvals: tallyVotes(r.votes).approvals, quorum: r.quorum,
    });
  }
  for (const s of sets) {
    if (!canVoteParameterSet(actor, s).ok || s.votes.some((v) => v.voterId === me)) continue;
    out.push({
      id: s.id, type: 'parameter_set', kind: s.kind, subject: s.parameterId, href: `/parameters#${s.id}`, openedAt: s.createdAt,
      dueAt: s.effectiveDate, dueLabel: 'takes effect', overdue: s.effectiveDate.getTime() < now.getTime(),
      approvals: tallyVotes(s.votes).approvals, quorum: s.quorum,
    });
  }
  // Deadlines first (soonest first), then the longest waiting.
  return out.sort((a, b) => (a.dueAt && b.dueAt ? a.dueAt.getTime() - b.dueAt.getTime() : a.dueAt ? -1 : b.dueAt ? 1 : a.openedAt.getTime() - b.openedAt.getTime()));
}

/** Every open promotion request with its quorum progress (the committee sees the whole queue). */
export async function openPromotionRequests(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'read:registry');
  const rows = await ctx.db.promotionRequest.findMany({
    where: { status: 'open' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, kind: true, quorum: true, dueAt: true, createdAt: true, version: { select: { modelId: true } }, votes: { select: { decision: true } } },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, modelId: r.version.modelId, approvals: tallyVotes(r.votes).approvals, quorum: r.quorum, dueAt: r.dueAt, createdAt: r.createdAt }));
}
