import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { versionRefWhere } from '../data/version-ref';
import { promotionState } from '../domain/promotion';
import { tallyVotes } from '../domain/votes';
import { notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { ListPromotionRequestsQuery, PromotionRequestView } from '../contracts/promotion';

// Promotion requests for the API (GET /api/v1/promotion-requests[/{id}]): the same facts the
// approvals page shows (tally, state, votes), without the per-viewer UI flags.

const select = {
  id: true, kind: true, status: true, reason: true, quorum: true, dueAt: true, createdAt: true, decidedAt: true,
  requestedBy: { select: { id: true, name: true, email: true } },
  version: {
    select: {
      id: true, modelId: true, status: true, component: { select: { key: true } },
      raiAssessments: { orderBy: { assessedAt: 'desc' }, take: 1, select: { result: true } },
    },
  },
  votes: { orderBy: { createdAt: 'asc' }, select: { id: true, decision: true, comment: true, createdAt: true, voterId: true, voter: { select: { id: true, name: true, email: true } } } },
} satisfies Prisma.PromotionRequestSelect;

type Row = Prisma.PromotionRequestGetPayload<{ select: typeof select }>;

function view(r: Row): PromotionRequestView {
  const { approvals, rejections } = tallyVotes(r.votes);
  const raiResult = r.version.raiAssessments[0]?.result ?? null;
  return {
    id: r.id, kind: r.kind, status: r.status, reason: r.reason, quorum: r.quorum, approvals, rejections, raiResult,
    state: promotionState({ status: r.status, kind: r.kind, quorum: r.quorum, approvals, raiResult }),
    version: { id: r.version.id, modelId: r.version.modelId, status: r.version.status, component: r.version.component.key },
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    dueAt: r.dueAt?.toISOString() ?? null,
    votes: r.votes.map((v) => ({ id: v.id, voter: v.voter, decision: v.decision, comment: v.comment, createdAt: v.createdAt.toISOString() })),
  };
}

/** Newest first, filtered by status, kind and version. */
export async function listPromotionRequestPage(ctx: ServiceContext, q: ListPromotionRequestsQuery) {
  requirePermission(ctx.actor, 'read:registry');
  const where: Prisma.PromotionRequestWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.version ? { version: versionRefWhere(q.version) as Prisma.ModelVersionWhereInput } : {}),
  };
  const [total, rows] = await Promise.all([
    ctx.db.promotionRequest.count({ where }),
    ctx.db.promotionRequest.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize, select }),
  ]);
  return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
}

export async function getPromotionRequest(ctx: ServiceContext, id: string): Promise<PromotionRequestView> {
  requirePermission(ctx.actor, 'read:registry');
  const row = await ctx.db.promotionRequest.findUnique({ where: { id }, select });
  if (!row) throw notFound(`Promotion request ${id.slice(0, 200)}`);
  return view(row);
}
