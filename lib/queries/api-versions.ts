import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { prisma, type Db } from '../db';
import { STATUSES } from '../domain/lifecycle';
import { isoDate } from '../domain/naming';
import { AppError, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { MetricDirection, VersionStatus } from '../generated/prisma/enums';
import {
  DEFAULT_PAGE_SIZE,
  impactAgainstPrevious,
  listModelVersions,
  MAX_COMPARE,
  MAX_PAGE_SIZE,
  metricDefinitions,
  MIN_COMPARE,
  previousVersion,
  SORT_KEYS,
  VERSION_DETAIL_SELECT,
  type VersionListItem as ModelVersionListItem,
} from './model-versions';
import { parseVersionCommit } from '../domain/impact';
import { compareCells, type Verdict } from '../domain/metrics';

// Reads behind the REST API (/api/v1/versions, /compare). Every query names its select; sorting
// by version is numeric on (major, minor, patch), never on the text.
//
// The rules — the previous version by semver, overall values, % change, the direction-aware
// verdict, claims matched to metrics — are the pages' (lib/queries/model-versions.ts); this file
// only resolves refs strictly (404/400) and shapes the wire format: ISO dates, % rounded to 2
// decimals, deltas to 6, the verdict as `improved`/`better` (true better, false worse, null same
// or not judged).

// ───────────────────────────── list ─────────────────────────────
// The list itself is the pages' query (lib/queries/model-versions.ts), so the browser table and
// the API filter, search and sort alike; here it gets strict parsing (400 on a bad parameter)
// and the wire format (dates as YYYY-MM-DD).

const statusEnum = z.enum(STATUSES as [VersionStatus, ...VersionStatus[]]);

export const ListVersionsQuerySchema = z.object({
  component: z.string().max(64).optional().describe('component key, e.g. base'),
  status: statusEnum.optional(),
  tag: z.string().max(64).optional(),
  q: z.string().max(200).optional().describe('case-insensitive search in model id, description, commit message; a hex string also matches git commits by prefix'),
  sort: z.enum(SORT_KEYS).default('releaseDate').describe('version sorts numerically by MAJOR.MINOR.PATCH'),
  order: z.enum(['asc', 'desc']).optional().describe('default: desc for dates, asc otherwise'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type ListVersionsQuery = z.infer<typeof ListVersionsQuerySchema>;

/** The pages' list row with the release date as YYYY-MM-DD. */
export type VersionListItem = Omit<ModelVersionListItem, 'releaseDate' | 'keyMetrics'> & { releaseDate: string; keyMetrics: Record<string, number> };

export type VersionPage = { items: VersionListItem[]; total: number; page: number; pageSize: number; sort: string; order: 'asc' | 'desc' };

export async function listVersions(actor: Actor, query: ListVersionsQuery, opts: { db?: Db } = {}): Promise<VersionPage> {
  const page = await listModelVersions(actor, query, opts);
  return {
    ...page,
    items: page.items.map((r) => ({ ...r, releaseDate: isoDate(r.releaseDate), keyMetrics: { ...r.keyMetrics } })),
  };
}

// ───────────────────────────── detail ─────────────────────────────

const METRIC_SELECT = {
  scenario: true,
  language: true,
  value: true,
  recordedAt: true,
  definition: { select: { key: true, name: true, unit: true, direction: true } },
} as const satisfies Prisma.MetricSelect;

const DETAIL_SELECT = {
  ...VERSION_DETAIL_SELECT,
  artifacts: { orderBy: { path: 'asc' }, select: { path: true, sha256: true, sizeBytes: true } },
  metrics: { orderBy: [{ definition: { key: 'asc' } }, { scenario: 'asc' }, { language: 'asc' }], select: METRIC_SELECT },
  testResults: {
    orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }], // the order the gate judges in
    take: 100,
    select: { id: true, suite: true, passed: true, failed: true, skipped: true, ciRunUrl: true, runAt: true },
  },
  transitions: {
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { fromStatus: true, toStatus: true, reason: true, actorLabel: true, requestId: true, at: true },
  },
} as const satisfies Prisma.ModelVersionSelect;

export type MetricValue = { metric: string; name: string; unit: string; direction: MetricDirection; scenario: string; language: string; value: number };

export type MeasuredImpact = {
  metric: string;
  name: string;
  direction: MetricDirection;
  previous: number;
  current: number;
  /** Signed % change of the value: (current − previous) / |previous| × 100, rounded to 2 decimals. */
  changePct: number | null;
  /** true better, false worse, null when the change is below the 'same' threshold or not judged. */
  improved: boolean | null;
  /** The claim in the commit message for this metric, if any, for side-by-side display. */
  claimedPct: number | null;
};

export type ClaimedImpact = { metric: string; metricKey: string | null; percent: number; raw: string };

export type VersionDetail = {
  id: string;
  modelId: string;
  component: string;
  componentName: string;
  architecture: string;
  version: string;
  releaseDate: string;
  status: VersionStatus;
  statusChangedAt: string;
  description: string;
  metadata: unknown;
  configYaml: string;
  git: { commit: string | null; branch: string | null; message: string | null };
  tags: string[];
  registeredBy: string | null;
  createdAt: string;
  monitoringUntil: string | null;
  backport: { commit: string | null; at: string | null };
  artifacts: { path: string; sha256: string; sizeBytes: number }[];
  metrics: MetricValue[];
  testResults: { id: string; suite: string; passed: number; failed: number; skipped: number; ciRunUrl: string | null; runAt: string }[];
  transitions: { from: VersionStatus | null; to: VersionStatus; reason: string; actor: string; requestId: string | null; at: string }[];
  previousVersion: { id: string; modelId: string; version: string; status: VersionStatus } | null;
  claimedImpact: ClaimedImpact[];
  measuredImpact: MeasuredImpact[];
};

const refSchema = z.string().min(1).max(200);

/** A version by database id or model id, or 404. */
export async function resolveVersionId(db: Db, ref: string): Promise<string> {
  if (!refSchema.safeParse(ref).success) throw notFound(`Model version ${String(ref).slice(0, 200)}`);
  const row = await db.modelVersion.findFirst({ where: { OR: [{ id: ref }, { modelId: ref }] }, select: { id: true } });
  if (!row) throw notFound(`Model version ${ref}`);
  return row.id;
}

function metricValues(rows: { scenario: string; language: string; value: number; definition: { key: string; name: string; unit: string; direction: MetricDirection } }[]): MetricValue[] {
  return rows.map((m) => ({
    metric: m.definition.key,
    name: m.definition.name,
    unit: m.definition.unit,
    direction: m.definition.direction,
    scenario: m.scenario,
    language: m.language,
    value: m.value,
  }));
}

function round2(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

function round6(n: number | null): number | null {
  return n === null ? null : Math.round(n * 1e6) / 1e6;
}

/** The pages' verdict on the wire: true better, false worse, null same or not judged. */
function improvedOf(verdict: Verdict | null): boolean | null {
  return verdict === 'better' ? true : verdict === 'worse' ? false : null;
}

export async function getVersionDetail(actor: Actor, ref: string, opts: { db?: Db } = {}): Promise<VersionDetail> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const id = await resolveVersionId(db, ref);
  const v = await db.modelVersion.findUnique({ where: { id }, select: DETAIL_SELECT });
  if (!v) throw notFound(`Model version ${ref}`);
  const metrics = metricValues(v.metrics);
  const current: Record<string, number> = {};
  for (const m of metrics) if (m.scenario === '' && m.language === '') current[m.metric] = m.value;
  const commit = parseVersionCommit(v.commitMessage);
  const [defs, prev] = await Promise.all([metricDefinitions(db), previousVersion(db, v)]);
  const impact = await impactAgainstPrevious(db, defs, current, prev, commit);
  const claimedImpact: ClaimedImpact[] = (commit?.impacts ?? []).map((i) => ({ metric: i.metric, metricKey: i.metricKey, percent: i.percent, raw: i.raw }));
  // Measured: the metrics with an overall value in both versions, A→Z by key.
  const measuredImpact: MeasuredImpact[] = impact.rows
    .flatMap((r) =>
      r.previous === null || r.current === null
        ? []
        : [{ metric: r.metricKey, name: r.name, direction: r.direction, previous: r.previous, current: r.current, changePct: round2(r.changePct), improved: improvedOf(r.verdict), claimedPct: r.claimedPct }],
    )
    .sort((x, y) => x.metric.localeCompare(y.metric));
  return {
    id: v.id,
    modelId: v.modelId,
    component: v.component.key,
    componentName: v.component.name,
    architecture: v.architecture,
    version: v.version,
    releaseDate: isoDate(v.releaseDate),
    status: v.status,
    statusChangedAt: v.statusChangedAt.toISOString(),
    description: v.description,
    metadata: v.metadata,
    configYaml: v.configYaml,
    git: { commit: v.gitCommit, branch: v.gitBranch, message: v.commitMessage },
    tags: v.tags,
    registeredBy: v.registeredBy?.email ?? null,
    createdAt: v.createdAt.toISOString(),
    monitoringUntil: v.monitoringUntil?.toISOString() ?? null,
    backport: { commit: v.backportCommit, at: v.backportedAt?.toISOString() ?? null },
    artifacts: v.artifacts.map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: Number(a.sizeBytes) })),
    metrics,
    testResults: v.testResults.map((t) => ({ ...t, runAt: t.runAt.toISOString() })),
    transitions: v.transitions.map((t) => ({
      from: t.fromStatus,
      to: t.toStatus,
      reason: t.reason,
      actor: t.actorLabel,
      requestId: t.requestId,
      at: t.at.toISOString(),
    })),
    previousVersion: prev ? { id: prev.id, modelId: prev.modelId, version: prev.version, status: prev.status } : null,
    claimedImpact,
    measuredImpact,
  };
}

// ───────────────────────────── compare ─────────────────────────────

const COMPARE_COUNT = `give ${MIN_COMPARE} to ${MAX_COMPARE} versions`;

export const CompareQuerySchema = z.object({
  ids: z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(1).max(200)).min(MIN_COMPARE, { message: COMPARE_COUNT }).max(MAX_COMPARE, { message: COMPARE_COUNT }))
    .describe('2–5 version ids or model ids, comma-separated; the first is the baseline'),
});

export type CompareCell = {
  versionId: string;
  value: number | null;
  /** Against the baseline (the first version): absolute and % change, and whether it is better. */
  delta: number | null;
  deltaPct: number | null;
  better: boolean | null;
};

export type CompareRow = {
  metric: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  scenario: string;
  language: string;
  values: CompareCell[];
};

export type Comparison = {
  baseline: string;
  versions: { id: string; modelId: string; component: string; version: string; releaseDate: string; status: VersionStatus }[];
  rows: CompareRow[];
};

export async function compareVersions(actor: Actor, refs: string[], opts: { db?: Db } = {}): Promise<Comparison> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  if (refs.length < MIN_COMPARE || refs.length > MAX_COMPARE) {
    throw new AppError('validation_failed', `Compare ${MIN_COMPARE} to ${MAX_COMPARE} versions`, { fieldErrors: { ids: [COMPARE_COUNT] } });
  }
  const ids: string[] = [];
  for (const ref of refs) {
    const id = await resolveVersionId(db, ref);
    if (ids.includes(id)) throw new AppError('validation_failed', `Version ${ref} is listed twice`, { fieldErrors: { ids: [`${ref} is listed twice`] } });
    ids.push(id);
  }
  const rows = await db.modelVersion.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      modelId: true,
      version: true,
      releaseDate: true,
      status: true,
      component: { select: { key: true } },
      metrics: { select: METRIC_SELECT },
    },
  });
  const ordered = ids.map((id) => rows.find((r) => r.id === id)!);
  // One row per metric × scenario × language; each version's value in its column.
  const table = new Map<string, Omit<CompareRow, 'values'> & { values: (number | null)[] }>();
  ordered.forEach((v, col) => {
    for (const m of metricValues(v.metrics)) {
      const key = `${m.metric}|${m.scenario}|${m.language}`;
      const row = table.get(key) ?? { metric: m.metric, name: m.name, unit: m.unit, direction: m.direction, scenario: m.scenario, language: m.language, values: ordered.map(() => null) };
      row.values[col] = m.value;
      table.set(key, row);
    }
  });
  const compared: CompareRow[] = [...table.values()].map((row) => ({
    ...row,
    values: compareCells(row.direction, row.values).map((c, i) => ({
      versionId: ordered[i].id,
      value: c.value,
      delta: round6(c.deltaAbs),
      deltaPct: round2(c.deltaPct),
      better: improvedOf(c.verdict),
    })),
  }));
  const sorted = compared.sort(
    (a, b) => a.metric.localeCompare(b.metric) || a.scenario.localeCompare(b.scenario) || a.language.localeCompare(b.language),
  );
  return {
    baseline: ordered[0].id,
    versions: ordered.map((v) => ({
      id: v.id,
      modelId: v.modelId,
      component: v.component.key,
      version: v.version,
      releaseDate: isoDate(v.releaseDate),
      status: v.status,
    })),
    rows: sorted,
  };
}
