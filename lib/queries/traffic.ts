import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { trafficAt } from '../domain/production-periods';
import { notFound } from '../errors';
import type { ComponentTraffic } from '../contracts/incidents';

// The serving layer's question (GET /api/v1/components/{key}/traffic): which versions of a
// component get which share of traffic now. The registry flips production at once when an incident
// opens; serving moves in the rollback's traffic steps (lib/services/incidents.ts advanceTraffic),
// so while a rollback is in progress the bad version keeps what the target has not yet taken.
// The split itself is the domain rule trafficAt, the one the point-in-time answer uses.

export async function getComponentTraffic(ctx: ServiceContext, key: string): Promise<ComponentTraffic> {
  requirePermission(ctx.actor, 'read:registry');
  const now = ctx.now();
  const component = await ctx.db.component.findUnique({ where: { key }, select: { id: true, key: true } });
  if (!component) throw notFound(`Component ${key.slice(0, 100)}`);
  const [production, rollbacks] = await Promise.all([
    ctx.db.modelVersion.findFirst({ where: { componentId: component.id, status: 'production' }, select: { id: true, modelId: true, status: true } }),
    ctx.db.incident.findMany({
      where: { status: 'open', version: { componentId: component.id }, rollbackToVersionId: { not: null } },
      orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
      select: {
        id: true, openedAt: true,
        version: { select: { id: true, modelId: true, status: true } },
        rollbackToVersion: { select: { id: true, modelId: true, status: true } },
        trafficSteps: { select: { percent: true, at: true } },
      },
    }),
  ]);
  for (const r of rollbacks) {
    const target = r.rollbackToVersion!;
    const split = trafficAt([{ component: key, from: r.version.modelId, to: target.modelId, openedAt: r.openedAt, steps: r.trafficSteps }], key, now);
    if (!split) continue;
    const byModel = new Map([r.version, target].map((v) => [v.modelId, v]));
    return {
      component: key, at: now.toISOString(),
      rollback: { incidentId: r.id, from: r.version.modelId, to: target.modelId, percent: split.find((s) => s.modelId === target.modelId)?.percent ?? 0 },
      versions: split.map((s) => ({ modelId: s.modelId, versionId: byModel.get(s.modelId)!.id, status: byModel.get(s.modelId)!.status, percent: s.percent })),
    };
  }
  return {
    component: key, at: now.toISOString(), rollback: null,
    versions: production ? [{ modelId: production.modelId, versionId: production.id, status: production.status, percent: 100 }] : [],
  };
}
