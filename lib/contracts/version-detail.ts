import { z } from 'zod';
import { isoDate } from '../domain/naming';
import type { ImpactComparison } from '../domain/impact';
import type { VersionApiDetail } from '../queries/version-detail';
import { flatMetricValues } from '../queries/version-slices';
import { directionSchema, improvedOf, isoDateSchema, isoDateTimeSchema, round2, statusSchema } from './common';

// GET /api/v1/versions/{ref}: the version read model (lib/queries/version-detail.ts) on the wire.

export const MetricValueSchema = z.object({
  metric: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: directionSchema,
  scenario: z.string().describe('"" = overall'),
  language: z.string().describe('"" = all languages'),
  value: z.number(),
});

export const MeasuredImpactSchema = z.object({
  metric: z.string(),
  name: z.string(),
  direction: directionSchema,
  previous: z.number(),
  current: z.number(),
  changePct: z.number().nullable().describe('signed % change of the value: (current − previous) / |previous| × 100, rounded to 2 decimals'),
  improved: z.boolean().nullable().describe('true better, false worse, null when the change is below the "same" threshold or not judged'),
  claimedPct: z.number().nullable().describe('the claim in the commit message for this metric, if any'),
});
export type MeasuredImpact = z.infer<typeof MeasuredImpactSchema>;

export const ClaimedImpactSchema = z.object({ metric: z.string(), metricKey: z.string().nullable(), percent: z.number(), raw: z.string() });

export const VersionDetailSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  component: z.string(),
  componentName: z.string(),
  architecture: z.string(),
  version: z.string(),
  releaseDate: isoDateSchema,
  status: statusSchema,
  statusChangedAt: isoDateTimeSchema,
  description: z.string(),
  metadata: z.record(z.string(), z.unknown()).describe("the seed's metadata.json"),
  configYaml: z.string(),
  git: z.object({ commit: z.string().nullable(), branch: z.string().nullable(), message: z.string().nullable() }),
  tags: z.array(z.string()),
  registeredBy: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  monitoringUntil: isoDateTimeSchema.nullable(),
  backport: z.object({ commit: z.string().nullable(), at: isoDateTimeSchema.nullable() }),
  artifacts: z.array(z.object({ path: z.string(), sha256: z.string(), sizeBytes: z.number().int() })),
  metrics: z.array(MetricValueSchema),
  testResults: z.array(z.object({ id: z.string(), suite: z.string(), passed: z.number().int(), failed: z.number().int(), skipped: z.number().int(), ciRunUrl: z.string().nullable(), runAt: isoDateTimeSchema })),
  transitions: z.array(z.object({ from: statusSchema.nullable(), to: statusSchema, reason: z.string(), actor: z.string(), requestId: z.string().nullable(), at: isoDateTimeSchema })),
  previousVersion: z.object({ id: z.string(), modelId: z.string(), version: z.string(), status: statusSchema }).nullable().describe('the version just below by semver in the same component'),
  claimedImpact: z.array(ClaimedImpactSchema).describe('from the "Performance impact:" line of the commit message'),
  measuredImpact: z.array(MeasuredImpactSchema).describe('overall metrics against the previous version'),
});
export type VersionDetailResponse = z.infer<typeof VersionDetailSchema>;

/** The overall metrics recorded on both versions, A→Z by key, rounded for the wire. */
export function measuredImpactOf(impact: ImpactComparison): MeasuredImpact[] {
  return impact.rows
    .flatMap((r) =>
      r.previous === null || r.current === null
        ? []
        : [{ metric: r.metricKey, name: r.name, direction: r.direction, previous: r.previous, current: r.current, changePct: round2(r.changePct), improved: improvedOf(r.verdict), claimedPct: r.claimedPct }],
    )
    .sort((x, y) => x.metric.localeCompare(y.metric));
}

export function versionDetailResponse(d: VersionApiDetail): VersionDetailResponse {
  const prev = d.previous;
  return {
    id: d.id,
    modelId: d.modelId,
    component: d.component.key,
    componentName: d.component.name,
    architecture: d.architecture,
    version: d.version,
    releaseDate: isoDate(d.releaseDate),
    status: d.status,
    statusChangedAt: d.statusChangedAt.toISOString(),
    description: d.description,
    metadata: d.metadata,
    configYaml: d.configYaml,
    git: { commit: d.gitCommit, branch: d.gitBranch, message: d.commitMessage },
    tags: d.tags,
    registeredBy: d.registeredBy?.email ?? null,
    createdAt: d.createdAt.toISOString(),
    monitoringUntil: d.monitoringUntil?.toISOString() ?? null,
    backport: { commit: d.backportCommit, at: d.backportedAt?.toISOString() ?? null },
    artifacts: d.artifacts.map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: a.sizeBytes })),
    metrics: flatMetricValues(d.metrics.groups),
    testResults: d.tests.runs.map((t) => ({ ...t, runAt: t.runAt.toISOString() })),
    transitions: d.governance.transitions.map((t) => ({ from: t.fromStatus, to: t.toStatus, reason: t.reason, actor: t.actorLabel, requestId: t.requestId, at: t.at.toISOString() })),
    previousVersion: prev ? { id: prev.id, modelId: prev.modelId, version: prev.version, status: prev.status } : null,
    claimedImpact: (d.commit?.impacts ?? []).map((i) => ({ metric: i.metric, metricKey: i.metricKey, percent: i.percent, raw: i.raw })),
    measuredImpact: measuredImpactOf(d.metrics.impact),
  };
}
