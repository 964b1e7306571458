import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { VersionStatus } from '../generated/prisma/enums';
import { STATUSES } from '../domain/lifecycle';
import { underHeightenedMonitoring } from '../domain/promotion';
import { tallyVotes } from '../domain/votes';
import { canVote } from '../permissions/promotion';

export type DashboardData = Awaited<ReturnType<typeof getDashboard>>;

/** Everything the dashboard shows, read in parallel. */
export async function getDashboard(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const now = ctx.now();
  const [components, counts, recent, openRequests, overdueRcas, trendRows] = await Promise.all([
    db.component.findMany({
      orderBy: { key: 'asc' },
      select: {
        id: true,
        key: true,
        name: true,
        versions: {
          where: { status: 'production' },
          select: { id: true, modelId: true, version: true, releaseDate: true, statusChangedAt: true, tags: true, monitoringUntil: true },
        },
      },
    }),
    db.modelVersion.groupBy({ by: ['status'], _count: { _all: true } }),
    db.auditEvent.findMany({
      orderBy: { seq: 'desc' },
      take: 10,
      select: { seq: true, occurredAt: true, actorLabel: true, action: true, entityType: true, entityId: true, change: true },
    }),
    db.promotionRequest.findMany({
      where: { status: 'open' },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        kind: true,
        quorum: true,
        createdAt: true,
        dueAt: true,
        requestedById: true,
        version: { select: { id: true, modelId: true } },
        votes: { select: { voterId: true, decision: true } },
      },
    }),
    db.incident.findMany({
      where: { rcaSubmittedAt: null, rcaDueAt: { lt: now } },
      orderBy: { rcaDueAt: 'asc' },
      select: { id: true, title: true, rcaDueAt: true, version: { select: { modelId: true } } },
    }),
    // FVD trend: overall FVD of every version per component in release order.
    db.metric.findMany({
      where: { definition: { key: 'fvd' }, scenario: '', language: '' },
      orderBy: { version: { releaseDate: 'asc' } },
      take: 500,
      select: { value: true, version: { select: { version: true, releaseDate: true, component: { select: { key: true } } } } },
    }),
  ]);

  const countByStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<VersionStatus, number>;
  for (const c of counts) countByStatus[c.status] = c._count._all;

  // Requests waiting on this person's vote: who may vote is lib/permissions/promotion.ts's rule.
  const myPendingVotes = openRequests.filter((r) => canVote(actor, r).ok && !r.votes.some((v) => v.voterId === actor.id));

  return {
    production: components.map((c) => ({ component: c.key, name: c.name, version: c.versions[0] ?? null, monitoring: !!c.versions[0] && underHeightenedMonitoring(c.versions[0], now) })),
    countByStatus,
    recent,
    openRequests: openRequests.map((r) => ({
      id: r.id,
      kind: r.kind,
      modelId: r.version.modelId,
      versionId: r.version.id,
      approvals: tallyVotes(r.votes).approvals,
      quorum: r.quorum,
      dueAt: r.dueAt,
    })),
    myPendingVotes: myPendingVotes.map((r) => ({ id: r.id, kind: r.kind, modelId: r.version.modelId, versionId: r.version.id, createdAt: r.createdAt })),
    overdueRcas,
    fvdTrend: trendRows.map((m) => ({ component: m.version.component.key, version: m.version.version, date: m.version.releaseDate.toISOString().slice(0, 10), fvd: m.value })),
  };
}
