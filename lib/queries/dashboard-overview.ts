import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { VersionStatus } from '../generated/prisma/enums';
import { STATUSES } from '../domain/lifecycle';
import { underHeightenedMonitoring } from '../domain/promotion';

// What every role's dashboard shows under its own panel: the production version of each
// component, counts by status, recent activity and the FVD trend (lib/queries/production-at.ts
// gives the production timeline).

export type DashboardOverview = Awaited<ReturnType<typeof getDashboardOverview>>;
export type FvdSeries = { component: string; name: string; points: { version: string; modelId: string; date: string; t: number; fvd: number }[] };

export async function getDashboardOverview(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const now = ctx.now();
  const [components, counts, recent, trendRows] = await Promise.all([
    db.component.findMany({
      orderBy: { key: 'asc' },
      select: {
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
      take: 8,
      select: { seq: true, occurredAt: true, actorLabel: true, action: true, entityType: true, entityId: true },
    }),
    // Overall FVD of every version, per component, by release date.
    db.metric.findMany({
      where: { definition: { key: 'fvd' }, scenario: '', language: '' },
      orderBy: [{ version: { releaseDate: 'asc' } }, { version: { major: 'asc' } }, { version: { minor: 'asc' } }, { version: { patch: 'asc' } }],
      take: 1000,
      select: { value: true, version: { select: { version: true, modelId: true, releaseDate: true, componentId: true, component: { select: { key: true } } } } },
    }),
  ]);

  const countByStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<VersionStatus, number>;
  for (const c of counts) countByStatus[c.status] = c._count._all;

  const fvd: FvdSeries[] = components.map((c) => ({
    component: c.key,
    name: c.name,
    points: trendRows
      .filter((m) => m.version.component.key === c.key)
      .map((m) => ({ version: m.version.version, modelId: m.version.modelId, date: m.version.releaseDate.toISOString().slice(0, 10), t: m.version.releaseDate.getTime(), fvd: m.value })),
  }));

  return {
    production: components.map((c) => ({
      component: c.key,
      name: c.name,
      version: c.versions[0] ?? null,
      monitoring: !!c.versions[0] && underHeightenedMonitoring(c.versions[0], now),
    })),
    countByStatus,
    recent,
    /** Components with FVD values, and (named) those without any: the chart says why they are absent. */
    fvdTrend: fvd.filter((s) => s.points.length > 0),
    withoutFvd: fvd.filter((s) => s.points.length === 0).map((s) => s.name),
  };
}
