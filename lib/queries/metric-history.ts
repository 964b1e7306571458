import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { lttb } from '../domain/downsample';

export type HistoryPoint = { versionId: string; modelId: string; version: string; releaseDate: string; x: number; y: number };

/**
 * A metric across all versions of a component, in release order (then semver), downsampled on the
 * server with LTTB when there are more than `maxPoints` (default 200) so charts stay light.
 */
export async function metricHistory(ctx: ServiceContext, component: string, metric: string, scenario = '', maxPoints = 200) {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const [comp, def] = await Promise.all([
    db.component.findUnique({ where: { key: component }, select: { id: true, key: true, name: true } }),
    db.metricDefinition.findUnique({ where: { key: metric }, select: { id: true, key: true, name: true, unit: true, direction: true } }),
  ]);
  if (!comp || !def) return null;
  const rows = await db.$queryRaw<{ id: string; model_id: string; version: string; release_date: Date; value: number }[]>`
    SELECT v.id, v.model_id, v.version, v.release_date, m.value
    FROM metrics m JOIN model_versions v ON v.id = m.version_id
    WHERE v.component_id = ${comp.id} AND m.definition_id = ${def.id} AND m.scenario = ${scenario} AND m.language = ''
    ORDER BY v.release_date, v.major, v.minor, v.patch`;
  const points: HistoryPoint[] = rows.map((r) => ({
    versionId: r.id,
    modelId: r.model_id,
    version: r.version,
    releaseDate: r.release_date.toISOString().slice(0, 10),
    x: r.release_date.getTime(),
    y: r.value,
  }));
  // Several versions can share a release date: spread x by rank so LTTB's buckets stay ordered.
  points.forEach((p, i) => (p.x = i));
  const budget = Math.max(3, Math.min(5000, Math.floor(maxPoints)));
  const sampled = lttb(points, budget);
  return { component: comp, metric: def, scenario, total: points.length, downsampled: sampled.length < points.length, points: sampled };
}
