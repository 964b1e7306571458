import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { insertMetricRows } from '../data/version-import';
import { findVersionForUpdate } from '../data/versions';
import type { Tx } from '../db';
import { AppError, validationFailed } from '../errors';
import { rangeProblem } from '../domain/metric-range';
import { unitProblem } from '../domain/metric-unit';
import { parseInput } from '../validation/common';
import { AddMetricsSchema, type MetricInput } from '../validation/model-version';
import { inTransaction } from './transaction';
import { requireDecision } from '../permissions/decision';
import { canReportResults } from '../permissions/model-version';

const FROZEN = new Set(['production', 'deprecated', 'archived']);

export type MetricDefinitionRule = { id: string; key: string; unit: string; minValue: number | null; maxValue: number | null };

/** The definitions metric values are checked against (key, unit, valid range). */
export function loadMetricDefinitions(tx: Tx): Promise<MetricDefinitionRule[]> {
  return tx.metricDefinition.findMany({ select: { id: true, key: true, unit: true, minValue: true, maxValue: true } });
}

/** Field errors of a list of metric values (unknown metric, unit, range, duplicate); {} when valid. */
export function metricProblems(defs: MetricDefinitionRule[], metrics: MetricInput[]): Record<string, string[]> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: Record<string, string[]> = {};
  const seen = new Set<string>();
  metrics.forEach((m, i) => {
    const def = byKey.get(m.metric);
    if (!def) errors[`metrics.${i}.metric`] = [`unknown metric "${m.metric}"; known: ${[...byKey.keys()].sort().join(', ')}`];
    const wrongUnit = def && m.unit !== undefined ? unitProblem(m.metric, m.unit, def.unit) : null;
    if (wrongUnit) errors[`metrics.${i}.unit`] = [wrongUnit];
    const outside = def ? rangeProblem(m.metric, def, m.value) : null;
    if (outside) errors[`metrics.${i}.value`] = [outside];
    const k = `${m.metric}|${m.scenario ?? ''}|${m.language ?? ''}`;
    if (seen.has(k)) errors[`metrics.${i}`] = [`duplicate entry for ${m.metric} (scenario ${m.scenario ?? 'overall'}, language ${m.language ?? 'all'})`];
    seen.add(k);
  });
  return errors;
}

/** Upsert metric values for a version (one row per metric × scenario × language). */
export async function writeMetrics(tx: Tx, versionId: string, metrics: MetricInput[], at: Date): Promise<{ written: number; replaced: { key: string; old: number; new: number }[] }> {
  const defs = await loadMetricDefinitions(tx);
  const byKey = new Map(defs.map((d) => [d.key, d.id]));
  const errors = metricProblems(defs, metrics);
  if (Object.keys(errors).length) {
    const [field, reasons] = Object.entries(errors)[0];
    throw validationFailed(`Invalid metrics: ${field} ${reasons[0]}`, errors);
  }
  const existing = await tx.metric.findMany({
    where: { versionId },
    select: { definitionId: true, scenario: true, language: true, value: true },
  });
  const old = new Map(existing.map((e) => [`${e.definitionId}|${e.scenario}|${e.language}`, e.value]));
  const replaced: { key: string; old: number; new: number }[] = [];
  const fresh: { versionId: string; definitionId: string; scenario: string; language: string; value: number }[] = [];
  for (const m of metrics) {
    const definitionId = byKey.get(m.metric)!;
    const scenario = m.scenario ?? '';
    const language = m.language ?? '';
    const k = `${definitionId}|${scenario}|${language}`;
    if (old.has(k)) {
      if (old.get(k) !== m.value) {
        replaced.push({ key: `${m.metric}|${scenario}|${language}`, old: old.get(k)!, new: m.value });
        // The value as text, cast by PostgreSQL: Prisma rounds a number parameter to ~15
        // significant digits (0.1 + 0.2 would be stored as 0.3; prisma/orm#11096).
        await tx.$executeRaw`UPDATE metrics SET value = ${String(m.value)}::double precision, recorded_at = ${at} WHERE version_id = ${versionId} AND definition_id = ${definitionId} AND scenario = ${scenario} AND language = ${language}`;
      }
    } else {
      fresh.push({ versionId, definitionId, scenario, language, value: m.value });
    }
  }
  // In one statement with the values as text (exact doubles, as a bulk import writes them).
  await insertMetricRows(tx, fresh.map((f) => ({ ...f, recordedAt: at })));
  return { written: fresh.length + replaced.length, replaced };
}

/**
 * Add (or correct) metrics of a version. Values of a version that is or was in production are
 * frozen: the evidence the committee approved on may not change afterwards.
 */
export async function addMetrics(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canReportResults(actor));
  const input = parseInput(AddMetricsSchema, rawInput, 'metrics');
  return inTransaction(ctx, async (tx) => {
    const version = await findVersionForUpdate(tx, versionRef);
    if (FROZEN.has(version.status)) {
      throw new AppError('conflict', `Metrics of ${version.modelId} are frozen: it is ${version.status}`);
    }
    const result = await writeMetrics(tx, version.id, input.metrics, ctx.now());
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor,
      action: 'metrics.add',
      entityType: 'model_version',
      entityId: version.id,
      change: {
        modelId: version.modelId,
        metrics: input.metrics.map((m) => ({ metric: m.metric, scenario: m.scenario ?? '', language: m.language ?? '', value: m.value })),
        replaced: result.replaced,
      },
    });
    return { modelId: version.modelId, written: result.written, replaced: result.replaced.length };
  });
}
