import { z } from 'zod';
import { isoDate } from '../domain/naming';
import type { VersionComparison } from '../queries/version-compare';
import { directionSchema, improvedOf, isoDateSchema, round2, round6, statusSchema } from './common';

// GET /api/v1/compare and the /compare page: one parameter schema, one comparison (per metric ×
// scenario × language), the wire format below.

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 5;
const COMPARE_COUNT = `give ${MIN_COMPARE} to ${MAX_COMPARE} versions`;

/** ?ids=a,b,c or repeated ?ids= (the page's GET form sends one per slot, empty ones included). */
export const CompareQuerySchema = z.object({
  ids: z
    .preprocess((v) => (Array.isArray(v) ? v.join(',') : v ?? ''), z.string().max(2000))
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(1).max(200)).min(MIN_COMPARE, { message: COMPARE_COUNT }).max(MAX_COMPARE, { message: COMPARE_COUNT }))
    .describe('2–5 version ids or model ids, comma-separated; the first is the baseline'),
});

export const ComparisonSchema = z.object({
  baseline: z.string(),
  versions: z.array(z.object({ id: z.string(), modelId: z.string(), component: z.string(), version: z.string(), releaseDate: isoDateSchema, status: statusSchema })),
  rows: z.array(z.object({
    metric: z.string(),
    name: z.string(),
    unit: z.string(),
    direction: directionSchema,
    scenario: z.string(),
    language: z.string(),
    values: z.array(z.object({
      versionId: z.string(),
      value: z.number().nullable(),
      delta: z.number().nullable(),
      deltaPct: z.number().nullable(),
      better: z.boolean().nullable().describe('direction-aware: true when better than the baseline'),
    })),
  })),
});
export type ComparisonResponse = z.infer<typeof ComparisonSchema>;

export function comparisonResponse(c: VersionComparison): ComparisonResponse {
  const rows = c.metrics.flatMap((m) =>
    m.rows.map((r) => ({
      metric: m.key,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      scenario: r.scenario,
      language: r.language,
      values: r.cells.map((cell, i) => ({ versionId: c.versions[i].id, value: cell.value, delta: round6(cell.deltaAbs), deltaPct: round2(cell.deltaPct), better: improvedOf(cell.verdict) })),
    })),
  );
  rows.sort((a, b) => a.metric.localeCompare(b.metric) || a.scenario.localeCompare(b.scenario) || a.language.localeCompare(b.language));
  return {
    baseline: c.versions[0].id,
    versions: c.versions.map((v) => ({ id: v.id, modelId: v.modelId, component: v.component, version: v.version, releaseDate: isoDate(v.releaseDate), status: v.status })),
    rows,
  };
}
