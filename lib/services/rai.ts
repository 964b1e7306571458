import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import type { Db } from '../db';
import { AppError } from '../errors';
import { languageCode, parseInput } from '../validation/common';
import { actorUserId } from './actor-user';
import { findVersionForUpdate } from './add-metrics';
import { completeWaitingPromotions } from './promotion';
import { getSettings } from './settings';
import { inTransaction } from './transaction';

// Responsible-AI assessment of one version (the seed's four considerations). The result is computed
// here, never given by the caller: pass only if every check passes.
//   biasMetrics:     per diverse test set, a bias measure and the limit it must respect
//   languageMetrics: one quality score per language; disparity = max − min ≤ rai_max_language_disparity
//   robustness:      adversarial test suites, each passed or not
//   ethicsChecklist: PIB ethical guidelines, item → satisfied

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const BiasMetricSchema = z.object({
  testSet: z.string().trim().min(1).max(200),
  metric: z.string().trim().min(1).max(100),
  value: finite,
  threshold: finite,
  direction: z.enum(['lower_is_better', 'higher_is_better']).default('lower_is_better'),
});

export const RobustnessCheckSchema = z.object({
  attack: z.string().trim().min(1).max(200),
  passed: z.boolean(),
  score: finite.optional(),
  notes: z.string().max(2000).optional(),
});

export const RaiAssessmentInputSchema = z.object({
  biasMetrics: z.array(BiasMetricSchema).min(1, { message: 'give at least one bias metric on a diverse test set' }).max(200),
  languageMetrics: z
    .record(languageCode, z.number().min(0).max(1))
    .refine((r) => Object.keys(r).length >= 1, { message: 'give a score for at least one language' }),
  robustness: z.array(RobustnessCheckSchema).min(1, { message: 'give at least one adversarial robustness result' }).max(200),
  ethicsChecklist: z
    .record(z.string().trim().min(1).max(300), z.boolean())
    .refine((r) => Object.keys(r).length >= 1, { message: 'the ethics checklist needs at least one item' }),
  notes: z.string().max(5000).optional(),
});
export type RaiAssessmentInput = z.infer<typeof RaiAssessmentInputSchema>;

export type RaiEvaluation = { result: 'pass' | 'fail'; maxDisparity: number; failures: string[] };

/** Pure: what passes and what fails in an assessment. */
export function evaluateRai(input: RaiAssessmentInput, maxLanguageDisparity: number): RaiEvaluation {
  const failures: string[] = [];
  for (const b of input.biasMetrics) {
    const ok = b.direction === 'lower_is_better' ? b.value <= b.threshold : b.value >= b.threshold;
    if (!ok) failures.push(`bias: ${b.metric} on ${b.testSet} is ${b.value} (limit ${b.direction === 'lower_is_better' ? '≤' : '≥'} ${b.threshold})`);
  }
  const scores = Object.values(input.languageMetrics);
  const maxDisparity = Math.round((Math.max(...scores) - Math.min(...scores)) * 1e9) / 1e9;
  if (maxDisparity > maxLanguageDisparity) {
    failures.push(`fairness: language disparity ${maxDisparity} exceeds ${maxLanguageDisparity} (${Object.entries(input.languageMetrics).map(([l, v]) => `${l} ${v}`).join(', ')})`);
  }
  for (const r of input.robustness) if (!r.passed) failures.push(`robustness: ${r.attack} not passed`);
  for (const [item, ok] of Object.entries(input.ethicsChecklist)) if (!ok) failures.push(`ethics: "${item}" not satisfied`);
  return { result: failures.length ? 'fail' : 'pass', maxDisparity, failures };
}

/**
 * Record an RAI assessment (reviewer = the actor). A passing assessment also completes any
 * committee promotion of the version that reached quorum while waiting on RAI.
 */
export async function recordRaiAssessment(actor: Actor, versionRef: string, rawInput: unknown, opts: { db?: Db } = {}) {
  requirePermission(actor, 'record:rai-assessment');
  const input = parseInput(RaiAssessmentInputSchema, rawInput, 'RAI assessment');
  return inTransaction(async (tx) => {
    // Same lock order as castVote (request, then version) so a vote and an assessment never deadlock.
    await tx.$queryRaw`
      SELECT r.id FROM promotion_requests r JOIN model_versions v ON v.id = r.version_id
      WHERE (v.id = ${versionRef} OR v.model_id = ${versionRef}) AND r.status = 'open' ORDER BY r.id FOR UPDATE OF r`;
    const version = await findVersionForUpdate(tx, versionRef);
    if (version.status === 'archived') throw new AppError('conflict', `${version.modelId} is archived: no new assessments`);
    const settings = await getSettings(tx);
    const evaluation = evaluateRai(input, settings.raiMaxLanguageDisparity);
    const robustness = Object.fromEntries(input.robustness.map((r) => [r.attack, { passed: r.passed, score: r.score ?? null, notes: r.notes ?? '' }]));
    const assessment = await tx.raiAssessment.create({
      data: {
        versionId: version.id,
        biasMetrics: input.biasMetrics,
        languageMetrics: input.languageMetrics,
        maxDisparity: evaluation.maxDisparity,
        robustness,
        ethicsChecklist: input.ethicsChecklist,
        result: evaluation.result,
        notes: [input.notes ?? '', ...evaluation.failures.map((f) => `FAIL ${f}`)].filter(Boolean).join('\n'),
        reviewerId: actorUserId(actor),
      },
      select: { id: true, result: true, maxDisparity: true, assessedAt: true },
    });
    await appendAuditEvent(tx, {
      actor, action: 'rai.assess', entityType: 'model_version', entityId: version.id,
      change: {
        assessmentId: assessment.id, modelId: version.modelId, result: evaluation.result, maxDisparity: evaluation.maxDisparity,
        allowedDisparity: settings.raiMaxLanguageDisparity, failures: evaluation.failures,
      },
    });
    const promoted = evaluation.result === 'pass' && version.status === 'staging' ? await completeWaitingPromotions(tx, actor, version.id) : [];
    return { ...assessment, modelId: version.modelId, failures: evaluation.failures, promoted };
  }, { db: opts.db });
}
