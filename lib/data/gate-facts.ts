import type { Db, Tx } from '../db';
import type { GateFacts, MetricValueFact } from '../domain/gates';
import { tallyVotes } from '../domain/votes';
import { notFound } from '../errors';
import { getSettings } from './settings';

// What the lifecycle gates read about a version (lib/domain/gates.ts evaluates them): used by the
// transition service inside its transaction and by the version page's lifecycle slice
// (lib/queries/version-lifecycle.ts).

function metricMap(rows: { scenario: string; language: string; value: number; definition: { key: string } }[]): Record<string, MetricValueFact[]> {
  const out: Record<string, MetricValueFact[]> = {};
  for (const r of rows) (out[r.definition.key] ??= []).push({ scenario: r.scenario, language: r.language, value: r.value });
  return out;
}

/** Everything the gates read about a version, from one database view (the transaction's, if given). */
export async function loadGateFacts(db: Db | Tx, versionId: string, opts: { now: Date; actorIsSystem?: boolean }) {
  const version = await db.modelVersion.findUnique({
    where: { id: versionId },
    select: { id: true, modelId: true, componentId: true, status: true, statusChangedAt: true },
  });
  if (!version) throw notFound(`Model version ${versionId}`);
  const metricSelect = { scenario: true, language: true, value: true, definition: { select: { key: true } } } as const;
  const [settings, latestUnitTest, requirements, metrics, production, latestRai, openPromotion] = await Promise.all([
    getSettings(db),
    db.testResult.findFirst({
      where: { versionId, suite: 'unit' },
      // Latest by when the registry received it, never by the runAt the client claims.
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
      select: { passed: true, failed: true, runAt: true },
    }),
    db.metricRequirement.findMany({
      where: { componentId: version.componentId },
      select: { threshold: true, maxRegressionPct: true, definition: { select: { key: true, name: true, direction: true } } },
      orderBy: { definition: { key: 'asc' } },
    }),
    db.metric.findMany({ where: { versionId, language: '' }, select: metricSelect }),
    db.modelVersion.findFirst({
      where: { componentId: version.componentId, status: 'production', id: { not: versionId } },
      select: { modelId: true, metrics: { where: { language: '' }, select: metricSelect } },
    }),
    db.raiAssessment.findFirst({ where: { versionId }, orderBy: { assessedAt: 'desc' }, select: { result: true, assessedAt: true } }),
    db.promotionRequest.findFirst({
      where: { versionId, status: 'open', kind: { in: ['committee', 'emergency'] } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, kind: true, quorum: true, votes: { select: { decision: true } } },
    }),
  ]);
  const facts: GateFacts = {
    now: opts.now,
    latestUnitTest,
    requirements: requirements.map((r) => ({
      metric: r.definition.key,
      name: r.definition.name,
      direction: r.definition.direction,
      threshold: r.threshold,
      maxRegressionPct: r.maxRegressionPct,
    })),
    metrics: metricMap(metrics),
    production: production ? { modelId: production.modelId, metrics: metricMap(production.metrics) } : null,
    regressionTolerancePct: settings.regressionTolerancePct,
    gracePeriodDays: settings.gracePeriodDays,
    statusChangedAt: version.statusChangedAt,
    latestRai,
    openPromotion: openPromotion
      ? { id: openPromotion.id, kind: openPromotion.kind, quorum: openPromotion.quorum, approvals: tallyVotes(openPromotion.votes).approvals }
      : null,
    actorIsSystem: opts.actorIsSystem ?? false,
  };
  return { version, facts };
}
