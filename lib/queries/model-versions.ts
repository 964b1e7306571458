// Reads behind the engineer's browser flow: the versions table, the version page, the comparison
// of 2–5 versions and a metric's history across a component. No React here; every function takes
// the Actor and checks `read:registry` first; every Prisma query names its select.
//
// Scale: built for 10k versions and ~1M metric rows. The table is one page query plus one count;
// key metrics are read only for the page's ids through the (version_id, definition_id, scenario,
// language) unique index. scripts/bench.mts measures it.

import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { prisma, type Db } from '../db';
import { branchKind } from '../domain/branch';
import type { ParsedCommit } from '../domain/commit-message';
import { buildImpact, parseVersionCommit, type ImpactComparison } from '../domain/impact';
import { compareCells, KEY_METRICS, orderDefinitions, type CompareCell, type KeyMetrics, type MetricDefinitionInfo } from '../domain/metrics';
import { lttb } from '../domain/downsample';
import { tallyVotes } from '../domain/votes';
import { STATUSES } from '../domain/lifecycle';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { VersionStatus } from '../generated/prisma/enums';

type Opts = { db?: Db };

// ───────────────────────────── shared helpers ─────────────────────────────

const DEFINITION_SELECT = { id: true, key: true, name: true, unit: true, direction: true } as const;

/** All metric definitions in display order (the key metrics first, then the others A→Z). */
export async function metricDefinitions(db: Db): Promise<MetricDefinitionInfo[]> {
  return orderDefinitions(await db.metricDefinition.findMany({ select: DEFINITION_SELECT }));
}

/** A version reference is its cuid or its model id (pib-vg-…). */
function refWhere(ref: string): Prisma.ModelVersionWhereInput {
  return ref.startsWith('pib-vg-') ? { modelId: ref } : { id: ref };
}

const SEMVER_DESC: Prisma.ModelVersionOrderByWithRelationInput[] = [{ major: 'desc' }, { minor: 'desc' }, { patch: 'desc' }];

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

// ───────────────────────────── the versions table ─────────────────────────────

export const SORT_KEYS = ['releaseDate', 'version', 'modelId', 'component', 'status', 'createdAt'] as const;
export type VersionSort = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export type ListVersionsParams = {
  component?: string;
  status?: VersionStatus;
  tag?: string;
  q?: string;
  sort?: VersionSort;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
};

export type VersionListItem = {
  id: string;
  modelId: string;
  component: string;
  architecture: string;
  version: string;
  releaseDate: Date;
  status: VersionStatus;
  tags: string[];
  keyMetrics: KeyMetrics;
};

export type VersionList = { items: VersionListItem[]; total: number; page: number; pageSize: number; sort: VersionSort; order: SortOrder };

type SearchParamValue = string | string[] | undefined;
const first = (v: SearchParamValue) => (Array.isArray(v) ? v[0] : v);

/** URL search params → normalized list params (unknown values fall back to defaults, never throw). */
export function parseListParams(sp: Record<string, SearchParamValue>): Required<Pick<ListVersionsParams, 'sort' | 'order' | 'page' | 'pageSize'>> & ListVersionsParams {
  const str = (k: string) => {
    const v = first(sp[k])?.trim();
    return v ? v.slice(0, 200) : undefined;
  };
  const sortRaw = str('sort');
  const sort: VersionSort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? '') ? (sortRaw as VersionSort) : 'releaseDate';
  const orderRaw = str('order');
  const order: SortOrder = orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : defaultOrder(sort);
  const statusRaw = str('status');
  const status = (STATUSES as readonly string[]).includes(statusRaw ?? '') ? (statusRaw as VersionStatus) : undefined;
  const page = Math.max(1, Math.min(1_000_000, Math.floor(Number(str('page') ?? 1)) || 1));
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(Number(str('pageSize') ?? DEFAULT_PAGE_SIZE)) || DEFAULT_PAGE_SIZE));
  return { component: str('component'), status, tag: str('tag'), q: str('q'), sort, order, page, pageSize };
}

/** Dates newest first by default; names and versions A→Z / low→high. */
export function defaultOrder(sort: VersionSort): SortOrder {
  return sort === 'releaseDate' || sort === 'createdAt' ? 'desc' : 'asc';
}

function listOrderBy(sort: VersionSort, order: SortOrder): Prisma.ModelVersionOrderByWithRelationInput[] {
  const semver: Prisma.ModelVersionOrderByWithRelationInput[] = [{ major: order }, { minor: order }, { patch: order }];
  const tail: Prisma.ModelVersionOrderByWithRelationInput[] = [{ id: 'asc' }]; // stable pages
  switch (sort) {
    case 'version':
      return [...semver, { componentId: 'asc' }, ...tail]; // no join: the tie-break only has to be stable
    case 'modelId':
      return [{ modelId: order }, ...tail];
    case 'component':
      return [{ component: { key: order } }, { major: 'desc' }, { minor: 'desc' }, { patch: 'desc' }, ...tail];
    case 'status':
      // Postgres orders an enum by declaration order: the lifecycle order.
      return [{ status: order }, { releaseDate: 'desc' }, ...tail];
    case 'createdAt':
      return [{ createdAt: order }, ...tail];
    case 'releaseDate':
    default:
      return [{ releaseDate: order }, ...semver, ...tail];
  }
}

function listWhere(p: ListVersionsParams): Prisma.ModelVersionWhereInput {
  const where: Prisma.ModelVersionWhereInput = {};
  if (p.component) where.component = { key: p.component };
  if (p.status) where.status = p.status;
  if (p.tag) where.tags = { has: p.tag };
  const q = p.q?.trim();
  if (q) {
    const or: Prisma.ModelVersionWhereInput[] = [
      { modelId: { contains: q, mode: 'insensitive' } },
      { description: { contains: q, mode: 'insensitive' } },
      { commitMessage: { contains: q, mode: 'insensitive' } },
    ];
    if (/^[0-9a-f]{4,40}$/i.test(q)) or.push({ gitCommit: { startsWith: q.toLowerCase() } });
    where.OR = or;
  }
  return where;
}

/** One page of versions (filter, search, sort) with their overall key metrics. */
export async function listModelVersions(actor: Actor, params: ListVersionsParams = {}, opts: Opts = {}): Promise<VersionList> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const sort = params.sort ?? 'releaseDate';
  const order = params.order ?? defaultOrder(sort);
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(params.pageSize ?? DEFAULT_PAGE_SIZE)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const where = listWhere(params);
  const [rows, total, defs] = await Promise.all([
    db.modelVersion.findMany({
      where,
      orderBy: listOrderBy(sort, order),
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        modelId: true,
        architecture: true,
        version: true,
        releaseDate: true,
        status: true,
        tags: true,
        component: { select: { key: true } },
      },
    }),
    db.modelVersion.count({ where }),
    metricDefinitions(db),
  ]);
  const values = await overallValues(
    db,
    rows.map((r) => r.id),
    defs,
    KEY_METRICS,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      modelId: r.modelId,
      component: r.component.key,
      architecture: r.architecture,
      version: r.version,
      releaseDate: r.releaseDate,
      status: r.status,
      tags: r.tags,
      keyMetrics: (values.get(r.id) ?? {}) as KeyMetrics,
    })),
    total,
    page,
    pageSize,
    sort,
    order,
  };
}

/** Choices for the table's filter form: components, statuses and the tags in use. */
export async function listVersionFilterOptions(actor: Actor, opts: Opts = {}) {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const [components, tags] = await Promise.all([
    db.component.findMany({ orderBy: { key: 'asc' }, select: { key: true, name: true } }),
    db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest(tags) AS tag FROM model_versions ORDER BY 1 LIMIT 200`,
  ]);
  return { components, statuses: STATUSES, tags: tags.map((t) => t.tag) };
}

// ───────────────────────────── the version page ─────────────────────────────

/** A version's own fields as the version page and the REST API's detail read them. */
export const VERSION_DETAIL_SELECT = {
  id: true,
  modelId: true,
  componentId: true,
  component: { select: { key: true, name: true, folder: true } },
  architecture: true,
  version: true,
  major: true,
  minor: true,
  patch: true,
  releaseDate: true,
  description: true,
  metadata: true,
  configYaml: true,
  gitCommit: true,
  gitBranch: true,
  commitMessage: true,
  tags: true,
  status: true,
  statusChangedAt: true,
  monitoringUntil: true,
  backportCommit: true,
  backportedAt: true,
  createdAt: true,
  registeredBy: { select: { name: true, email: true } },
} as const satisfies Prisma.ModelVersionSelect;

export type MetricGroup = MetricDefinitionInfo & {
  rows: { scenario: string; language: string; value: number; recordedAt: Date }[];
};

/** Everything the version page shows, or null when no version has this id or model id. */
export async function getModelVersionDetail(actor: Actor, ref: string, opts: Opts = {}) {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  if (!ref || ref.length > 200) return null;
  const v = await db.modelVersion.findFirst({ where: refWhere(ref), select: VERSION_DETAIL_SELECT });
  if (!v) return null;

  const [defs, artifacts, metrics, testResults, transitions, requests, incidents, rai, previous] = await Promise.all([
    metricDefinitions(db),
    db.artifact.findMany({ where: { versionId: v.id }, orderBy: { path: 'asc' }, select: { id: true, path: true, sha256: true, sizeBytes: true, createdAt: true } }),
    db.metric.findMany({
      where: { versionId: v.id },
      orderBy: [{ scenario: 'asc' }, { language: 'asc' }],
      select: { definitionId: true, scenario: true, language: true, value: true, recordedAt: true },
    }),
    db.testResult.findMany({
      where: { versionId: v.id },
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }], // the order the gate judges in
      take: 20,
      select: { id: true, suite: true, passed: true, failed: true, skipped: true, ciRunUrl: true, runAt: true },
    }),
    db.statusTransition.findMany({
      where: { versionId: v.id },
      orderBy: { at: 'asc' },
      select: { id: true, fromStatus: true, toStatus: true, reason: true, actorLabel: true, requestId: true, at: true, actor: { select: { name: true } } },
    }),
    db.promotionRequest.findMany({
      where: { versionId: v.id },
      orderBy: { createdAt: 'desc' },
      select: {
        id: true,
        kind: true,
        status: true,
        reason: true,
        quorum: true,
        dueAt: true,
        createdAt: true,
        decidedAt: true,
        requestedBy: { select: { name: true, email: true } },
        votes: { orderBy: { createdAt: 'asc' }, select: { id: true, decision: true, comment: true, createdAt: true, voter: { select: { name: true, email: true } } } },
      },
    }),
    db.incident.findMany({
      where: { OR: [{ versionId: v.id }, { rollbackToVersionId: v.id }] },
      orderBy: { openedAt: 'desc' },
      select: {
        id: true,
        title: true,
        severity: true,
        status: true,
        openedAt: true,
        rcaDueAt: true,
        rcaSubmittedAt: true,
        versionId: true,
        version: { select: { modelId: true } },
        rollbackToVersion: { select: { modelId: true } },
        openedBy: { select: { name: true } },
      },
    }),
    db.raiAssessment.findMany({
      where: { versionId: v.id },
      orderBy: { assessedAt: 'desc' },
      select: {
        id: true,
        result: true,
        maxDisparity: true,
        biasMetrics: true,
        languageMetrics: true,
        robustness: true,
        ethicsChecklist: true,
        notes: true,
        assessedAt: true,
        reviewer: { select: { name: true } },
      },
    }),
    previousVersion(db, v),
  ]);

  const defById = new Map(defs.map((d) => [d.id, d]));
  const groups = new Map<string, MetricGroup>();
  for (const m of metrics) {
    const d = defById.get(m.definitionId);
    if (!d) continue;
    const g = groups.get(d.key) ?? { ...d, rows: [] };
    g.rows.push({ scenario: m.scenario, language: m.language, value: m.value, recordedAt: m.recordedAt });
    groups.set(d.key, g);
  }
  const metricGroups = defs.filter((d) => groups.has(d.key)).map((d) => groups.get(d.key)!);
  const current: Record<string, number> = {};
  for (const g of metricGroups) for (const r of g.rows) if (r.scenario === '' && r.language === '') current[g.key] = r.value;

  const commit = parseVersionCommit(v.commitMessage);
  const impact = await impactAgainstPrevious(db, defs, current, previous, commit);
  const latestTest = testResults[0] ?? null;

  const { componentId: _componentId, major: _major, minor: _minor, patch: _patch, ...version } = v;
  return {
    ...version,
    component: v.component,
    metadata: (v.metadata && typeof v.metadata === 'object' && !Array.isArray(v.metadata) ? v.metadata : {}) as Record<string, unknown>,
    branchKind: branchKind(v.gitBranch),
    commit,
    artifacts: artifacts.map((a) => ({ ...a, sizeBytes: Number(a.sizeBytes), sizeBytesText: a.sizeBytes.toString() })),
    metrics: metricGroups,
    scenarios: [...new Set(metrics.map((m) => m.scenario))],
    testResults,
    latestTest: testResults.find((t) => t.suite === 'unit') ?? latestTest,
    transitions: transitions.map(({ actor: who, ...t }) => ({ ...t, actorName: who?.name ?? null })),
    promotionRequests: requests.map((r) => ({
      ...r,
      approvals: tallyVotes(r.votes).approvals,
      rejections: r.votes.filter((x) => x.decision === 'reject').length,
    })),
    incidents: incidents.map((i) => ({ ...i, role: i.versionId === v.id ? ('problem' as const) : ('rollback_target' as const) })),
    raiAssessments: rai,
    previous,
    impact,
  };
}

export type ModelVersionDetail = NonNullable<Awaited<ReturnType<typeof getModelVersionDetail>>>;

// ───────────────────────────── compare ─────────────────────────────

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 5;

export type CompareRow = { scenario: string; cells: CompareCell[] };
export type CompareMetric = MetricDefinitionInfo & { rows: CompareRow[] };

/** Refs from ?ids=a,b,c (or repeated ?ids=) — trimmed, de-duplicated, order kept. */
export function parseCompareIds(v: SearchParamValue): string[] {
  const all = (Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.split(','));
  return [...new Set(all.map((s) => s.trim()).filter(Boolean))].slice(0, 20);
}

/**
 * Compare 2–5 versions: per metric × scenario (overall language), each version's value and its
 * delta against the first (the baseline) judged by the metric's direction; and per version the
 * claimed impact of its commit message beside the measured change against its own previous version.
 */
export async function compareModelVersions(actor: Actor, refs: string[], opts: Opts = {}) {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const unique = [...new Set(refs.map((r) => r.trim()).filter(Boolean))];
  if (unique.length < MIN_COMPARE || unique.length > MAX_COMPARE) {
    throw new AppError('validation_failed', `Choose between ${MIN_COMPARE} and ${MAX_COMPARE} different versions to compare`, {
      fieldErrors: { ids: [`got ${unique.length}`] },
    });
  }
  const found = await db.modelVersion.findMany({
    where: { OR: unique.map(refWhere) },
    select: {
      id: true,
      modelId: true,
      componentId: true,
      component: { select: { key: true } },
      architecture: true,
      version: true,
      major: true,
      minor: true,
      patch: true,
      releaseDate: true,
      status: true,
      tags: true,
      commitMessage: true,
    },
  });
  const versions = unique.map((ref) => found.find((f) => f.id === ref || f.modelId === ref));
  const missing = unique.filter((_, i) => !versions[i]);
  if (missing.length) {
    throw new AppError('not_found', `No model version ${missing.join(', ')}`, { details: { missing } });
  }
  const vs = versions as NonNullable<(typeof versions)[number]>[];
  if (new Set(vs.map((v) => v.id)).size !== vs.length) {
    throw new AppError('validation_failed', 'The same version is listed twice (by id and by model id)', { fieldErrors: { ids: ['duplicate'] } });
  }

  const [defs, rows, previous] = await Promise.all([
    metricDefinitions(db),
    db.metric.findMany({
      where: { versionId: { in: vs.map((v) => v.id) }, language: '' },
      select: { versionId: true, definitionId: true, scenario: true, value: true },
    }),
    Promise.all(vs.map((v) => previousVersion(db, v))),
  ]);
  const prevValues = await overallValues(
    db,
    previous.flatMap((p) => (p ? [p.id] : [])),
    defs,
  );

  const index = new Map(vs.map((v, i) => [v.id, i]));
  const byMetric = new Map<string, Map<string, (number | null)[]>>();
  for (const r of rows) {
    const perScenario = byMetric.get(r.definitionId) ?? new Map<string, (number | null)[]>();
    const values = perScenario.get(r.scenario) ?? vs.map(() => null);
    values[index.get(r.versionId)!] = r.value;
    perScenario.set(r.scenario, values);
    byMetric.set(r.definitionId, perScenario);
  }
  const metrics: CompareMetric[] = [];
  for (const d of defs) {
    const perScenario = byMetric.get(d.id);
    if (!perScenario) continue;
    const scenarios = [...perScenario.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
    metrics.push({
      ...d,
      rows: scenarios.map((scenario) => {
        return { scenario, cells: compareCells(d.direction, perScenario.get(scenario)!) };
      }),
    });
  }

  const overall = (versionId: string) => {
    const rec: Record<string, number> = {};
    for (const r of rows) if (r.versionId === versionId && r.scenario === '') rec[defs.find((d) => d.id === r.definitionId)?.key ?? ''] = r.value;
    return rec;
  };
  const impacts = vs.map((v, i) => {
    const commit = parseVersionCommit(v.commitMessage);
    const prev = previous[i];
    return {
      versionId: v.id,
      modelId: v.modelId,
      ...buildImpact(defs, overall(v.id), prev ? { id: prev.id, modelId: prev.modelId, version: prev.version } : null, prev ? (prevValues.get(prev.id) ?? {}) : {}, commit),
    };
  });

  return {
    versions: vs.map((v) => ({
      id: v.id,
      modelId: v.modelId,
      component: v.component.key,
      architecture: v.architecture,
      version: v.version,
      releaseDate: v.releaseDate,
      status: v.status,
      tags: v.tags,
    })),
    metrics,
    impacts,
  };
}

export type VersionComparison = Awaited<ReturnType<typeof compareModelVersions>>;

/**
 * Versions to offer in the compare form, grouped by component: the newest `perComponent` by
 * semantic version, plus any version already selected (so a choice never disappears).
 */
export async function listCompareChoices(actor: Actor, selected: string[] = [], perComponent = 50, opts: Opts = {}) {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const select = { id: true, modelId: true, version: true, status: true } as const;
  const components = await db.component.findMany({
    orderBy: { key: 'asc' },
    select: { id: true, key: true, name: true, versions: { orderBy: SEMVER_DESC, take: perComponent, select } },
  });
  const extra = selected.length
    ? await db.modelVersion.findMany({ where: { OR: selected.map(refWhere) }, select: { ...select, componentId: true } })
    : [];
  return components.map((c) => {
    const versions = [...c.versions];
    for (const e of extra) if (e.componentId === c.id && !versions.some((x) => x.id === e.id)) versions.push({ id: e.id, modelId: e.modelId, version: e.version, status: e.status });
    return { key: c.key, name: c.name, versions };
  });
}

// ───────────────────────────── metric history ─────────────────────────────

export type HistoryPoint = { versionId: string; modelId: string; version: string; releaseDate: string; x: number; y: number };

/**
 * A metric across all versions of a component, in release order (then semver), downsampled on the
 * server with LTTB when there are more than `maxPoints` (default 200) so charts stay light.
 */
export async function metricHistory(actor: Actor, component: string, metric: string, scenario = '', maxPoints = 200, opts: Opts = {}) {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const [comp, def] = await Promise.all([
    db.component.findUnique({ where: { key: component }, select: { id: true, key: true, name: true } }),
    db.metricDefinition.findUnique({ where: { key: metric }, select: DEFINITION_SELECT }),
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
