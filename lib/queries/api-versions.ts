import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { prisma, type Db } from '../db';
import { parseCommitMessage } from '../domain/commit-message';
import { resolveMetric } from '../domain/gates';
import { STATUSES } from '../domain/lifecycle';
import { isoDate } from '../domain/naming';
import { AppError, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { MetricDirection, VersionStatus } from '../generated/prisma/enums';
import { DEFAULT_PAGE_SIZE, listModelVersions, MAX_PAGE_SIZE, SORT_KEYS } from './model-versions';

// Reads behind the REST API (/api/v1/versions, /compare). Every query names its select; sorting
// by version is numeric on (major, minor, patch), never on the text.

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

export type VersionListItem = {
  id: string;
  modelId: string;
  component: string;
  architecture: string;
  version: string;
  releaseDate: string;
  status: VersionStatus;
  tags: string[];
  keyMetrics: Record<string, number>;
};

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
  id: true,
  modelId: true,
  componentId: true,
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
  updatedAt: true,
  component: { select: { key: true, name: true, folder: true } },
  registeredBy: { select: { email: true, name: true } },
  artifacts: { orderBy: { path: 'asc' }, select: { path: true, sha256: true, sizeBytes: true } },
  metrics: { orderBy: [{ definition: { key: 'asc' } }, { scenario: 'asc' }, { language: 'asc' }], select: METRIC_SELECT },
  testResults: {
    orderBy: [{ runAt: 'desc' }, { id: 'desc' }],
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
  /** Signed % change of the value: (current − previous) / |previous| × 100. */
  changePct: number | null;
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

/** Signed % change, or null when the baseline is 0. */
export function pctChange(previous: number, current: number): number | null {
  if (previous === 0) return null;
  return round2(((current - previous) / Math.abs(previous)) * 100);
}

export function isImprovement(direction: MetricDirection, previous: number, current: number): boolean | null {
  if (current === previous) return null;
  return direction === 'lower_is_better' ? current < previous : current > previous;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The component's version just below this one by semver (numeric), if any. */
async function previousVersionOf(db: Db, v: { componentId: string; major: number; minor: number; patch: number }) {
  return db.modelVersion.findFirst({
    where: {
      componentId: v.componentId,
      OR: [
        { major: { lt: v.major } },
        { major: v.major, minor: { lt: v.minor } },
        { major: v.major, minor: v.minor, patch: { lt: v.patch } },
      ],
    },
    orderBy: [{ major: 'desc' }, { minor: 'desc' }, { patch: 'desc' }],
    select: { id: true, modelId: true, version: true, status: true, metrics: { where: { language: '' }, select: METRIC_SELECT } },
  });
}

function byMetric(values: MetricValue[]): Map<string, MetricValue[]> {
  const out = new Map<string, MetricValue[]>();
  for (const v of values) {
    const list = out.get(v.metric) ?? [];
    list.push(v);
    out.set(v.metric, list);
  }
  return out;
}

export function measureImpact(current: MetricValue[], previous: MetricValue[], claims: ClaimedImpact[]): MeasuredImpact[] {
  const cur = byMetric(current.filter((m) => m.language === ''));
  const prev = byMetric(previous.filter((m) => m.language === ''));
  const out: MeasuredImpact[] = [];
  for (const [key, values] of cur) {
    const a = resolveMetric(prev.get(key));
    const b = resolveMetric(values);
    if (!a || !b) continue;
    const def = values[0];
    const claim = claims.find((c) => c.metricKey === key);
    out.push({
      metric: key,
      name: def.name,
      direction: def.direction,
      previous: a.value,
      current: b.value,
      changePct: pctChange(a.value, b.value),
      improved: isImprovement(def.direction, a.value, b.value),
      claimedPct: claim ? claim.percent : null,
    });
  }
  return out.sort((x, y) => x.metric.localeCompare(y.metric));
}

export async function getVersionDetail(actor: Actor, ref: string, opts: { db?: Db } = {}): Promise<VersionDetail> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const id = await resolveVersionId(db, ref);
  const v = await db.modelVersion.findUnique({ where: { id }, select: DETAIL_SELECT });
  if (!v) throw notFound(`Model version ${ref}`);
  const prev = await previousVersionOf(db, v);
  const claimedImpact: ClaimedImpact[] = v.commitMessage
    ? parseCommitMessage(v.commitMessage, { requireImpact: false, requireReviewedBy: false }).impacts.map((i) => ({
        metric: i.metric,
        metricKey: i.metricKey,
        percent: i.percent,
        raw: i.raw,
      }))
    : [];
  const metrics = metricValues(v.metrics);
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
    measuredImpact: prev ? measureImpact(metrics, metricValues(prev.metrics), claimedImpact) : [],
  };
}

// ───────────────────────────── compare ─────────────────────────────

export const CompareQuerySchema = z.object({
  ids: z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(1).max(200)).min(2, { message: 'give 2 to 5 versions' }).max(5, { message: 'give 2 to 5 versions' }))
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
  if (refs.length < 2 || refs.length > 5) {
    throw new AppError('validation_failed', 'Compare 2 to 5 versions', { fieldErrors: { ids: ['give 2 to 5 versions'] } });
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
  const table = new Map<string, CompareRow>();
  ordered.forEach((v, col) => {
    for (const m of metricValues(v.metrics)) {
      const key = `${m.metric}|${m.scenario}|${m.language}`;
      let row = table.get(key);
      if (!row) {
        row = {
          metric: m.metric,
          name: m.name,
          unit: m.unit,
          direction: m.direction,
          scenario: m.scenario,
          language: m.language,
          values: ordered.map((o) => ({ versionId: o.id, value: null, delta: null, deltaPct: null, better: null })),
        };
        table.set(key, row);
      }
      row.values[col].value = m.value;
    }
  });
  for (const row of table.values()) {
    const base = row.values[0].value;
    row.values.forEach((cell, i) => {
      if (i === 0 || base === null || cell.value === null) return;
      cell.delta = round6(cell.value - base);
      cell.deltaPct = pctChange(base, cell.value);
      cell.better = isImprovement(row.direction, base, cell.value);
    });
  }
  const sorted = [...table.values()].sort(
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
