import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { prisma } from '../db';
import type { VersionStatus } from '../generated/prisma/enums';
import { STATUSES } from '../domain/lifecycle';

export type DashboardData = Awaited<ReturnType<typeof getDashboard>>;

/** Everything the dashboard shows, read in parallel. */
export async function getDashboard(actor: Actor) {
  requirePermission(actor, 'read:registry');
  const now = new Date();
  const [components, counts, recent, openRequests, overdueRcas, trendRows] = await Promise.all([
    prisma.component.findMany({
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
    prisma.modelVersion.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.auditEvent.findMany({
      orderBy: { seq: 'desc' },
      take: 10,
      select: { seq: true, occurredAt: true, actorLabel: true, action: true, entityType: true, entityId: true, change: true },
    }),
    prisma.promotionRequest.findMany({
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
    prisma.incident.findMany({
      where: { rcaSubmittedAt: null, rcaDueAt: { lt: now } },
      orderBy: { rcaDueAt: 'asc' },
      select: { id: true, title: true, rcaDueAt: true, version: { select: { modelId: true } } },
    }),
    // FVD trend: overall FVD of every version per component in release order.
    prisma.metric.findMany({
      where: { definition: { key: 'fvd' }, scenario: '', language: '' },
      orderBy: { version: { releaseDate: 'asc' } },
      take: 500,
      select: { value: true, version: { select: { version: true, releaseDate: true, component: { select: { key: true } } } } },
    }),
  ]);

  const countByStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<VersionStatus, number>;
  for (const c of counts) countByStatus[c.status] = c._count._all;

  const canVote = actor.role === 'committee' || (actor.role === 'engineer' && actor.senior);
  const myPendingVotes = canVote
    ? openRequests.filter(
        (r) =>
          r.requestedById !== actor.id &&
          !r.votes.some((v) => v.voterId === actor.id) &&
          ((r.kind === 'emergency' && actor.senior) || (r.kind !== 'emergency' && actor.role === 'committee')),
      )
    : [];

  return {
    production: components.map((c) => ({ component: c.key, name: c.name, version: c.versions[0] ?? null })),
    countByStatus,
    recent,
    openRequests: openRequests.map((r) => ({
      id: r.id,
      kind: r.kind,
      modelId: r.version.modelId,
      versionId: r.version.id,
      approvals: r.votes.filter((v) => v.decision === 'approve').length,
      quorum: r.quorum,
      dueAt: r.dueAt,
    })),
    myPendingVotes: myPendingVotes.map((r) => ({ id: r.id, kind: r.kind, modelId: r.version.modelId, versionId: r.version.id, createdAt: r.createdAt })),
    overdueRcas,
    fvdTrend: trendRows.map((m) => ({ component: m.version.component.key, version: m.version.version, date: m.version.releaseDate.toISOString().slice(0, 10), fvd: m.value })),
  };
}
