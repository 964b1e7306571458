import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { MAX_COMPARE, MIN_COMPARE } from '../contracts/compare';
import { AppError } from '../errors';
import { buildImpact, parseVersionCommit } from '../domain/impact';
import { compareVerdicts, shortVersionLabels } from '../domain/compare-verdict';
import { compareCells, type CompareCell, type MetricDefinitionInfo } from '../domain/metrics';
import { getSettings } from '../data/settings';
import { metricDefinitions, overallValues, previousVersion, SEMVER_DESC } from './model-versions';
import { isVersionRef, matchesRef, versionRefWhere } from '../data/version-ref';

// Compare 2–5 versions, for the /compare page and GET /api/v1/compare alike: per metric ×
// scenario × language, each version's value and its delta against the first (the baseline)
// judged by the metric's direction; and per version the claimed impact of its commit message
// beside the measured change against its own previous version.

export type CompareRow = { scenario: string; language: string; cells: CompareCell[] };
export type CompareMetric = MetricDefinitionInfo & { rows: CompareRow[] };

/** Overall first, then A→Z (for scenarios and languages alike). */
const overallFirst = (a: string, b: string) => (a === b ? 0 : a === '' ? -1 : b === '' ? 1 : a.localeCompare(b));

async function resolveRefs(ctx: ServiceContext, refs: string[]) {
  if (refs.length < MIN_COMPARE || refs.length > MAX_COMPARE) {
    throw new AppError('validation_failed', `Choose between ${MIN_COMPARE} and ${MAX_COMPARE} versions to compare`, { fieldErrors: { ids: [`got ${refs.length}`] } });
  }
  const valid = refs.filter(isVersionRef);
  const found = valid.length
    ? await ctx.db.modelVersion.findMany({
        where: { OR: valid.map(versionRefWhere) },
        select: { id: true, modelId: true, componentId: true, component: { select: { key: true } }, architecture: true, version: true, major: true, minor: true, patch: true, releaseDate: true, status: true, tags: true, commitMessage: true },
      })
    : [];
  const versions = refs.map((ref) => found.find((f) => matchesRef(f, ref)));
  const missing = refs.filter((_, i) => !versions[i]);
  if (missing.length) throw new AppError('not_found', `No model version ${missing.join(', ')}`, { details: { missing } });
  const vs = versions.map((v) => v!);
  const twice = refs.find((ref, i) => vs.findIndex((v) => v.id === vs[i].id) !== i);
  if (twice) throw new AppError('validation_failed', `Version ${twice} is listed twice`, { fieldErrors: { ids: [`${twice} is listed twice`] } });
  return vs;
}

export async function compareVersions(ctx: ServiceContext, refs: string[]) {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const vs = await resolveRefs(ctx, refs.map((r) => r.trim()));
  const [defs, rows, previous, settings, requirements] = await Promise.all([
    metricDefinitions(db),
    db.metric.findMany({
      where: { versionId: { in: vs.map((v) => v.id) } },
      select: { versionId: true, definitionId: true, scenario: true, language: true, value: true },
    }),
    Promise.all(vs.map((v) => previousVersion(db, v))),
    getSettings(db),
    db.metricRequirement.findMany({
      where: { componentId: { in: [...new Set(vs.map((v) => v.componentId))] } },
      select: { componentId: true, maxRegressionPct: true, definition: { select: { key: true } } },
    }),
  ]);
  const prevValues = await overallValues(db, previous.flatMap((p) => (p ? [p.id] : [])), defs);

  const index = new Map(vs.map((v, i) => [v.id, i]));
  const byMetric = new Map<string, Map<string, { scenario: string; language: string; values: (number | null)[] }>>();
  for (const r of rows) {
    const perRow = byMetric.get(r.definitionId) ?? new Map();
    const key = `${r.scenario}|${r.language}`;
    const row = perRow.get(key) ?? { scenario: r.scenario, language: r.language, values: vs.map(() => null) };
    row.values[index.get(r.versionId)!] = r.value;
    perRow.set(key, row);
    byMetric.set(r.definitionId, perRow);
  }
  const metrics: CompareMetric[] = [];
  for (const d of defs) {
    const perRow = byMetric.get(d.id);
    if (!perRow) continue;
    const sorted = [...perRow.values()].sort((a, b) => overallFirst(a.scenario, b.scenario) || overallFirst(a.language, b.language));
    metrics.push({ ...d, rows: sorted.map((r) => ({ scenario: r.scenario, language: r.language, cells: compareCells(d.direction, r.values) })) });
  }

  const keyOf = new Map(defs.map((d) => [d.id, d.key]));
  const overall = (versionId: string) => {
    const rec: Record<string, number> = {};
    for (const r of rows) if (r.versionId === versionId && r.scenario === '' && r.language === '') rec[keyOf.get(r.definitionId) ?? ''] = r.value;
    return rec;
  };
  const impacts = vs.map((v, i) => {
    const prev = previous[i];
    const prevRef = prev ? { id: prev.id, modelId: prev.modelId, version: prev.version } : null;
    return { versionId: v.id, modelId: v.modelId, ...buildImpact(defs, overall(v.id), prevRef, prev ? (prevValues.get(prev.id) ?? {}) : {}, parseVersionCommit(v.commitMessage)) };
  });

  // The verdict per version against the baseline, by the gates' rules (lib/domain/compare-verdict.ts):
  // overall values (else the scenario mean) over all languages, and each component's tolerance.
  const labels = shortVersionLabels(vs.map((v) => ({ component: v.component.key, version: v.version })));
  const verdicts = compareVerdicts(
    labels,
    defs.flatMap((d) => {
      const mine = rows.filter((r) => r.definitionId === d.id && r.language === '');
      return mine.length ? [{ key: d.key, name: d.name, direction: d.direction, values: vs.map((v) => mine.filter((r) => r.versionId === v.id)) }] : [];
    }),
    (key, i) => requirements.find((r) => r.componentId === vs[i].componentId && r.definition.key === key)?.maxRegressionPct ?? settings.regressionTolerancePct,
  );

  return {
    labels,
    verdicts,
    versions: vs.map((v) => ({ id: v.id, modelId: v.modelId, component: v.component.key, architecture: v.architecture, version: v.version, releaseDate: v.releaseDate, status: v.status, tags: v.tags })),
    metrics,
    impacts,
  };
}

export type VersionComparison = Awaited<ReturnType<typeof compareVersions>>;

/**
 * The model ids of version references (ids or model ids), for old /compare?ids= links: each
 * reference that names a version becomes its model id; others are kept (the page says they are unknown).
 */
export async function modelIdsOf(ctx: ServiceContext, refs: string[]): Promise<string[]> {
  requirePermission(ctx.actor, 'read:registry');
  const valid = refs.filter(isVersionRef);
  const found = valid.length ? await ctx.db.modelVersion.findMany({ where: { OR: valid.map(versionRefWhere) }, select: { id: true, modelId: true } }) : [];
  return refs.map((ref) => found.find((f) => matchesRef(f, ref))?.modelId ?? ref);
}

/**
 * Versions to offer in the compare form, grouped by component: the newest `perComponent` by
 * semantic version, plus any version already selected (so a choice never disappears).
 */
export async function listCompareChoices(ctx: ServiceContext, selected: string[] = [], perComponent = 50) {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const select = { id: true, modelId: true, version: true, status: true } as const;
  const components = await db.component.findMany({
    orderBy: { key: 'asc' },
    select: { id: true, key: true, name: true, versions: { orderBy: SEMVER_DESC, take: perComponent, select } },
  });
  const refs = selected.filter(isVersionRef);
  const extra = refs.length ? await db.modelVersion.findMany({ where: { OR: refs.map(versionRefWhere) }, select: { ...select, componentId: true } }) : [];
  return components.map((c) => {
    const versions = [...c.versions];
    for (const e of extra) if (e.componentId === c.id && !versions.some((x) => x.id === e.id)) versions.push({ id: e.id, modelId: e.modelId, version: e.version, status: e.status });
    return { key: c.key, name: c.name, versions };
  });
}
