import type { ServiceContext } from '../context';
import type { MetricDirection } from '../generated/prisma/enums';
import type { ImpactComparison } from '../domain/impact';
import type { MetricDefinitionInfo } from '../domain/metrics';
import { tallyVotes } from '../domain/votes';
import { buildImpact } from '../domain/impact';
import { metricDefinitions, overallValues } from './model-versions';
import type { VersionCore } from './version-core';

// The slices of the version read model, each one read once: the page's sections load the slice
// they show (inside <Suspense>), getVersionDetail loads them all for the model card, getVersionApiDetail those the API sends.
// Each takes the VersionCore (already permission-checked) or its id.

export type MetricGroup = MetricDefinitionInfo & {
  rows: { scenario: string; language: string; value: number; recordedAt: Date }[];
};

export type VersionMetrics = {
  /** Per metric (display order), every scenario × language value. */
  groups: MetricGroup[];
  scenarios: string[];
  /** Overall values against the previous version by semver, beside the commit message's claims. */
  impact: ImpactComparison;
};

export async function loadVersionMetrics(ctx: ServiceContext, v: Pick<VersionCore, 'id' | 'previous' | 'commit'>): Promise<VersionMetrics> {
  const db = ctx.db;
  const [defs, metrics] = await Promise.all([
    metricDefinitions(db),
    db.metric.findMany({
      where: { versionId: v.id },
      orderBy: [{ scenario: 'asc' }, { language: 'asc' }],
      select: { definitionId: true, scenario: true, language: true, value: true, recordedAt: true },
    }),
  ]);
  const previousValues = v.previous ? ((await overallValues(db, [v.previous.id], defs)).get(v.previous.id) ?? {}) : {};
  return versionMetricsOf(defs, metrics, v, previousValues);
}

export type MetricRow = { definitionId: string; scenario: string; language: string; value: number; recordedAt: Date };

/**
 * The metrics slice from the definitions (display order), the version's values (by scenario, then
 * language) and the previous version's overall values by metric key, however they were read.
 */
export function versionMetricsOf(defs: MetricDefinitionInfo[], metrics: MetricRow[], v: Pick<VersionCore, 'previous' | 'commit'>, previousValues: Record<string, number>): VersionMetrics {
  const defById = new Map(defs.map((d) => [d.id, d]));
  const groups = new Map<string, MetricGroup>();
  for (const m of metrics) {
    const d = defById.get(m.definitionId);
    if (!d) continue;
    const g = groups.get(d.key) ?? { ...d, rows: [] };
    g.rows.push({ scenario: m.scenario, language: m.language, value: m.value, recordedAt: m.recordedAt });
    groups.set(d.key, g);
  }
  const ordered = defs.filter((d) => groups.has(d.key)).map((d) => groups.get(d.key)!);
  const current: Record<string, number> = {};
  for (const g of ordered) for (const r of g.rows) if (r.scenario === '' && r.language === '') current[g.key] = r.value;
  const impact = buildImpact(defs, current, v.previous, previousValues, v.commit);
  return { groups: ordered, scenarios: [...new Set(metrics.map((m) => m.scenario))], impact };
}

/** Flat metric values, A→Z by metric key, then scenario and language (the API's and the card's order). */
export function flatMetricValues(groups: MetricGroup[]): { metric: string; name: string; unit: string; direction: MetricDirection; scenario: string; language: string; value: number }[] {
  return groups
    .flatMap((g) => g.rows.map((r) => ({ metric: g.key, name: g.name, unit: g.unit, direction: g.direction, scenario: r.scenario, language: r.language, value: r.value })))
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.scenario.localeCompare(b.scenario) || a.language.localeCompare(b.language));
}

const TEST_RUNS = 100;

export async function loadVersionTests(ctx: ServiceContext, versionId: string) {
  const runs = await ctx.db.testResult.findMany({
    where: { versionId },
    orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }], // the order the unit-test gate judges in
    take: TEST_RUNS,
    select: { id: true, suite: true, passed: true, failed: true, skipped: true, ciRunUrl: true, runAt: true },
  });
  return { runs, latestUnit: latestUnitOf(runs) };
}

/** The run the unit-test gate judges: the latest unit-suite run, else the latest run. */
export function latestUnitOf<T extends { suite: string }>(runs: T[]): T | null {
  return runs.find((t) => t.suite === 'unit') ?? runs[0] ?? null;
}
export type VersionTests = Awaited<ReturnType<typeof loadVersionTests>>;

export async function loadVersionArtifacts(ctx: ServiceContext, versionId: string) {
  const rows = await ctx.db.artifact.findMany({
    where: { versionId },
    orderBy: { path: 'asc' },
    select: { id: true, path: true, sha256: true, sizeBytes: true, createdAt: true },
  });
  return rows.map((a) => ({ ...a, sizeBytes: Number(a.sizeBytes), sizeBytesText: a.sizeBytes.toString() }));
}
export type VersionArtifact = Awaited<ReturnType<typeof loadVersionArtifacts>>[number];

/** The status changes of a version, oldest first (the API's detail needs only these of the governance slice). */
export async function loadVersionTransitions(ctx: ServiceContext, versionId: string) {
  const rows = await ctx.db.statusTransition.findMany({
    where: { versionId },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { id: true, fromStatus: true, toStatus: true, reason: true, actorLabel: true, requestId: true, at: true, actor: { select: { name: true } } },
  });
  return rows.map(({ actor: who, ...t }) => ({ ...t, actorName: who?.name ?? null }));
}

/** Status changes, promotion requests with their votes, incidents and RAI assessments. */
export async function loadVersionGovernance(ctx: ServiceContext, versionId: string) {
  const db = ctx.db;
  const person = { select: { name: true, email: true } } as const;
  const [transitions, requests, incidents, rai] = await Promise.all([
    loadVersionTransitions(ctx, versionId),
    db.promotionRequest.findMany({
      where: { versionId },
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
        requestedBy: person,
        votes: { orderBy: { createdAt: 'asc' }, select: { id: true, decision: true, comment: true, createdAt: true, voter: person } },
      },
    }),
    db.incident.findMany({
      where: { OR: [{ versionId }, { rollbackToVersionId: versionId }] },
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
      where: { versionId },
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
        reviewer: person,
      },
    }),
  ]);
  return {
    transitions,
    /** Newest first. */
    promotionRequests: requests.map((r) => {
      const { approvals, rejections } = tallyVotes(r.votes);
      return { ...r, approvals, rejections };
    }),
    /** Newest first; `role` says whether this version was the problem or the rollback target. */
    incidents: incidents.map((i) => ({ ...i, role: i.versionId === versionId ? ('problem' as const) : ('rollback_target' as const) })),
    /** Newest first. */
    raiAssessments: rai,
  };
}
export type VersionGovernance = Awaited<ReturnType<typeof loadVersionGovernance>>;
