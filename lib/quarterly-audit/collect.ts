import type { ServiceContext } from '../context';
import { readRows } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { PromotionKind, RequestStatus, VersionStatus, VoteDecision } from '../generated/prisma/enums';
import { parameterSetSelect, type ParameterSetRow } from '../data/parameter-sets';
import { getSettings, type Settings } from '../data/settings';
import { quarterVersions, readQuarterIncidentIds, readQuarterRai, readQuarterRequests, readQuarterTests, readQuarterTransitions, readQuarterVersions } from './collect-sql';
import type { Quarter } from './quarter';

// Everything a quarterly audit reads from the registry, in a handful of queries. The facts are the
// domain records (transitions, requests and votes, RAI assessments, incidents, parameter sets)
// with the times they carry; the audit chain itself goes into the bundle (see bundle.ts).

const personSelect = { id: true, name: true, email: true } as const;
export type Person = { id: string; name: string; email: string };

/** Read only for versions that were in production: the inventory, λ-in-use and claimed-impact checks. */
const productionVersionSelect = { id: true, commitMessage: true, configYaml: true, metadata: true, _count: { select: { artifacts: true } } } as const;

export type VersionFacts = {
  id: string; modelId: string; version: string; major: number; minor: number; patch: number; releaseDate: Date; status: VersionStatus;
  gitBranch: string | null; gitCommit: string | null; commitMessage: string | null; tags: string[]; configYaml: string; metadata: unknown;
  monitoringUntil: Date | null; backportCommit: string | null; backportedAt: Date | null; registeredById: string | null;
  component: { id: string; key: string; name: string }; registeredBy: Person | null; _count: { artifacts: number };
};

export type TransitionFacts = {
  id: string; versionId: string; fromStatus: VersionStatus | null; toStatus: VersionStatus; reason: string;
  actorLabel: string; actorId: string | null; requestId: string | null; at: Date;
};

export type VoteFacts = { voter: Person; decision: VoteDecision; comment: string; createdAt: Date };
export type RequestFacts = {
  id: string; versionId: string; kind: PromotionKind; status: RequestStatus; quorum: number; reason: string; dueAt: Date | null;
  createdAt: Date; decidedAt: Date | null; requestedBy: Person; votes: VoteFacts[];
};
export type RaiFacts = { versionId: string; result: 'pending' | 'pass' | 'fail'; assessedAt: Date; maxDisparity: number | null; reviewer: Person | null; notes: string };
export type TestFacts = { versionId: string; suite: string; passed: number; failed: number; runAt: Date };
export type MetricFacts = { versionId: string; metric: string; name: string; unit: string; direction: 'lower_is_better' | 'higher_is_better'; scenario: string; language: string; value: number };
export type RequirementFacts = { componentId: string; metric: string; name: string; threshold: number; maxRegressionPct: number | null; direction: 'lower_is_better' | 'higher_is_better' };
export type IncidentFacts = {
  id: string; title: string; severity: string; status: string; versionId: string; rollbackToVersionId: string | null;
  openedAt: Date; rcaDueAt: Date; rcaSubmittedAt: Date | null; rootCause: string | null; openedBy: Person;
  trafficSteps: { percent: number; at: Date; advancedBy: Person; metricsSnapshot: unknown }[];
};
export type ParameterSetFacts = ParameterSetRow & { proposedBy: Person | null; votes: VoteFacts[] };

export type AuditFacts = {
  quarter: Quarter;
  /** The report's clock (ctx.now()): deadlines after it are pending, not failed. */
  now: Date;
  /** Every status transition of the versions below, all time (production periods need history). */
  transitions: TransitionFacts[];
  versions: Map<string, VersionFacts>;
  requests: RequestFacts[];
  rai: RaiFacts[];
  tests: TestFacts[];
  metrics: MetricFacts[];
  requirements: RequirementFacts[];
  incidents: IncidentFacts[];
  parameterSets: ParameterSetFacts[];
  settings: Settings;
  /** The same facts grouped for lookups (see withIndex). */
  by: {
    transitions: Map<string, TransitionFacts[]>;
    tests: Map<string, TestFacts[]>;
    rai: Map<string, RaiFacts[]>;
    metrics: Map<string, MetricFacts[]>;
    requests: Map<string, RequestFacts>;
    /** componentId → the periods its versions spent in production, [from, to). */
    productionPeriods: Map<string, { versionId: string; from: Date; to: Date | null }[]>;
  };
};

const voteSelect = { decision: true, comment: true, createdAt: true, voter: { select: personSelect } } as const;

/** Load the facts of one quarter. The versions are those with a transition in the quarter or in production during it. */
export async function collectAuditFacts(ctx: ServiceContext, quarter: Quarter): Promise<AuditFacts> {
  const db = ctx.db;
  // The quarter's versions are a CTE on the quarter's window joined into each read (collect-sql.ts):
  // no list of 10,000 ids bound as parameters, no per-row ORM models for the big reads.
  const [versions, transitions, requests, rai, tests, incidentIds, parameterSets, settings] = await Promise.all([
    readQuarterVersions(ctx, quarter),
    readQuarterTransitions(ctx, quarter),
    readQuarterRequests(ctx, quarter),
    readQuarterRai(ctx, quarter),
    readQuarterTests(ctx, quarter),
    readQuarterIncidentIds(ctx, quarter),
    db.parameterSet.findMany({
      orderBy: [{ effectiveDate: 'asc' }, { parameterId: 'asc' }],
      select: { ...parameterSetSelect, proposedBy: { select: personSelect }, votes: { select: voteSelect, orderBy: { createdAt: 'asc' } } },
    }),
    getSettings(ctx.db),
  ]);
  const incidents = incidentIds.length === 0 ? [] : await db.incident.findMany({
    where: { id: { in: incidentIds } },
    orderBy: { openedAt: 'asc' },
    select: {
      id: true, title: true, severity: true, status: true, versionId: true, rollbackToVersionId: true, openedAt: true, rcaDueAt: true,
      rcaSubmittedAt: true, rootCause: true, openedBy: { select: personSelect },
      trafficSteps: { orderBy: { at: 'asc' }, select: { percent: true, at: true, metricsSnapshot: true, advancedBy: { select: personSelect } } },
    },
  });
  // Metrics: what the gates read of every version (the overall value, or the scenario values when
  // there is none: resolveMetric), and everything of the versions that were in production (the
  // performance review shows them per scenario and language).
  const productionIds = [...new Set(transitions.filter((t) => t.toStatus === 'production').map((t) => t.versionId))];
  // In a transaction of its own with JIT off: the planner's estimate for this scan of the metrics
  // table crosses jit_above_cost, and compiling took longer than the query (1.6 s vs 0.5 s at 1M rows).
  // Parts joined by UNION ALL, not one WHERE with OR: inside an OR, `version_id IN (SELECT id
  // FROM qv)` became a subplan that was not hashed once qv outgrew work_mem, and was scanned for
  // every metric row (at 100k versions, 2M rows × 209k ids: the query ran for over 10 minutes).
  //  1. every row of the production versions;
  //  2. of the other versions of the quarter, each (version, metric) pair with its overall value (no
  //     scenario, no language) if it has one (pairs: a left join on the unique index's prefix);
  //  3. the scenario values of the pairs without one.
  // Measured at 10k versions (0.6 s of 0.85 s was an earlier part 3 joining all 153,600 scenario
  // rows and sorting them on disk before an anti-join on the overall values): 0.22-0.28 s, the same
  // rows (the "metric values read" integration test covers versions with and without overall values).
  // Through readRows (plain pg, decision 017): Prisma's raw-result mapping of these ~80,000 rows at 10k versions was a
  // fifth of the read.
  const metrics = await readRows<{ versionId: string; metric: string; name: string; unit: string; direction: 'lower_is_better' | 'higher_is_better'; scenario: string; language: string; value: number }>(db, Prisma.sql`${quarterVersions(quarter)},
    pairs AS MATERIALIZED (
      SELECT qv.id AS version_id, d.id AS definition_id, m.version_id AS has_overall, m.value
      FROM qv CROSS JOIN metric_definitions d
      LEFT JOIN metrics m ON m.version_id = qv.id AND m.definition_id = d.id AND m.scenario = '' AND m.language = ''
      WHERE NOT (qv.id = ANY(${productionIds})))
    SELECT m.version_id AS "versionId", d.key AS metric, d.name, d.unit, d.direction::text AS direction, m.scenario, m.language, m.value
    FROM metrics m JOIN metric_definitions d ON d.id = m.definition_id
    WHERE m.version_id = ANY(${productionIds})
    UNION ALL
    SELECT p.version_id, d.key, d.name, d.unit, d.direction::text, '', '', p.value
    FROM pairs p JOIN metric_definitions d ON d.id = p.definition_id WHERE p.has_overall IS NOT NULL
    UNION ALL
    SELECT m.version_id, d.key, d.name, d.unit, d.direction::text, m.scenario, m.language, m.value
    FROM pairs p JOIN metrics m ON m.version_id = p.version_id AND m.definition_id = p.definition_id AND m.language = '' AND m.scenario <> ''
    JOIN metric_definitions d ON d.id = m.definition_id WHERE p.has_overall IS NULL`, { jitOff: true });
  const heavy = new Map((await db.modelVersion.findMany({ where: { id: { in: productionIds } }, select: productionVersionSelect })).map((v) => [v.id, v]));
  const componentIds = [...new Set(versions.map((v) => v.component.id))];
  const requirements = await db.metricRequirement.findMany({
    where: { componentId: { in: componentIds } },
    select: { componentId: true, threshold: true, maxRegressionPct: true, definition: { select: { key: true, name: true, direction: true } } },
  });
  return withIndex({
    quarter,
    now: ctx.now(),
    versions: new Map(versions.map((v) => [v.id, { ...v, commitMessage: null, configYaml: '', metadata: {}, _count: { artifacts: 0 }, ...heavy.get(v.id) }])),
    transitions,
    requests,
    rai: rai.map((r) => ({ ...r, result: r.result })),
    tests,
    metrics,
    requirements: requirements.map((r) => ({ componentId: r.componentId, metric: r.definition.key, name: r.definition.name, threshold: r.threshold, maxRegressionPct: r.maxRegressionPct, direction: r.definition.direction })),
    incidents,
    parameterSets,
    settings,
  });
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Lookups by version (and production periods by component), built once: checks stay linear at scale. */
function withIndex(f: Omit<AuditFacts, 'by'>): AuditFacts {
  const transitions = groupBy(f.transitions, (t) => t.versionId);
  const periods = new Map<string, { versionId: string; from: Date; to: Date | null }[]>();
  for (const [versionId, ts] of transitions) {
    const componentId = f.versions.get(versionId)?.component.id;
    if (!componentId) continue;
    let from: Date | null = null;
    for (const t of ts) {
      if (t.toStatus === 'production') from ??= t.at;
      else if (from) {
        (periods.get(componentId) ?? periods.set(componentId, []).get(componentId)!).push({ versionId, from, to: t.at });
        from = null;
      }
    }
    if (from) (periods.get(componentId) ?? periods.set(componentId, []).get(componentId)!).push({ versionId, from, to: null });
  }
  return {
    ...f,
    by: {
      transitions,
      tests: groupBy(f.tests, (t) => t.versionId),
      rai: groupBy(f.rai, (r) => r.versionId),
      metrics: groupBy(f.metrics, (m) => m.versionId),
      requests: new Map(f.requests.map((r) => [r.id, r])),
      productionPeriods: periods,
    },
  };
}
