// The few reads the version read models share: metric definitions in display order, the previous
// version by semantic version, overall values, and the impact against the previous version. The
// rules they apply are pure and live in lib/domain (metrics.ts, impact.ts, branch.ts). The read
// models built on them: version-list.ts, version-core.ts + version-slices.ts (the version page and
// the API's detail), version-compare.ts, metric-history.ts.

import type { Db } from '../db';
import type { ParsedCommit } from '../domain/commit-message';
import { buildImpact, type ImpactComparison } from '../domain/impact';
import { orderDefinitions, type MetricDefinitionInfo } from '../domain/metrics';
import type { Prisma } from '../generated/prisma/client';

const DEFINITION_SELECT = { id: true, key: true, name: true, unit: true, direction: true } as const;

/** All metric definitions in display order (the key metrics first, then the others A→Z). */
export async function metricDefinitions(db: Db): Promise<MetricDefinitionInfo[]> {
  return orderDefinitions(await db.metricDefinition.findMany({ select: DEFINITION_SELECT }));
}

export const SEMVER_DESC: Prisma.ModelVersionOrderByWithRelationInput[] = [{ major: 'desc' }, { minor: 'desc' }, { patch: 'desc' }];

/** The version of the same component just below this one by semantic version (not by date). */
export async function previousVersion(db: Db, v: { componentId: string; major: number; minor: number; patch: number }) {
  return db.modelVersion.findFirst({
    where: {
      componentId: v.componentId,
      OR: [
        { major: { lt: v.major } },
        { major: v.major, minor: { lt: v.minor } },
        { major: v.major, minor: v.minor, patch: { lt: v.patch } },
      ],
    },
    orderBy: SEMVER_DESC,
    select: { id: true, modelId: true, version: true, status: true, releaseDate: true },
  });
}

/** Overall values (scenario '' and language '') of the given versions: versionId → key → value. */
export async function overallValues(db: Db, versionIds: string[], defs: MetricDefinitionInfo[], onlyKeys?: readonly string[]) {
  const wanted = onlyKeys ? defs.filter((d) => onlyKeys.includes(d.key)) : defs;
  const keyOf = new Map(wanted.map((d) => [d.id, d.key]));
  const out = new Map<string, Record<string, number>>();
  if (versionIds.length === 0 || wanted.length === 0) return out;
  const rows = await db.metric.findMany({
    where: { versionId: { in: versionIds }, definitionId: { in: [...keyOf.keys()] }, scenario: '', language: '' },
    select: { versionId: true, definitionId: true, value: true },
  });
  for (const r of rows) {
    const rec = out.get(r.versionId) ?? {};
    rec[keyOf.get(r.definitionId)!] = r.value;
    out.set(r.versionId, rec);
  }
  return out;
}

/** buildImpact against the previous version's overall values, read here (no read without a previous). */
export async function impactAgainstPrevious(
  db: Db,
  defs: MetricDefinitionInfo[],
  current: Record<string, number>,
  previous: { id: string; modelId: string; version: string } | null,
  commit: ParsedCommit | null,
): Promise<ImpactComparison> {
  const previousValues = previous ? ((await overallValues(db, [previous.id], defs)).get(previous.id) ?? {}) : {};
  return buildImpact(defs, current, previous, previousValues, commit);
}
