import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { getSettings } from '../data/settings';
import { findVersionForUpdate } from '../data/versions';
import { evaluateRai } from '../domain/rai';
import { AppError } from '../errors';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canRecordRaiAssessment } from '../permissions/rai';
import { parseInput } from '../validation/common';
import { RaiAssessmentInputSchema } from '../validation/rai';
import { completeWaitingPromotions } from './cast-vote';
import { inTransaction } from './transaction';

// Responsible-AI assessment of one version: input in lib/validation/rai.ts, the verdict computed by
// lib/domain/rai.ts (never given by the caller).

/**
 * Record an RAI assessment (reviewer = the actor). A passing assessment also completes any
 * committee promotion of the version that reached quorum while waiting on RAI.
 */
export async function recordRaiAssessment(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canRecordRaiAssessment(actor));
  const input = parseInput(RaiAssessmentInputSchema, rawInput, 'RAI assessment');
  return inTransaction(ctx, async (tx) => {
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
        assessedAt: ctx.now(),
      },
      select: { id: true, result: true, maxDisparity: true, assessedAt: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor, action: 'rai.assess', entityType: 'model_version', entityId: version.id,
      change: {
        assessmentId: assessment.id, modelId: version.modelId, result: evaluation.result, maxDisparity: evaluation.maxDisparity,
        allowedDisparity: settings.raiMaxLanguageDisparity, failures: evaluation.failures,
      },
    });
    const promoted = evaluation.result === 'pass' && version.status === 'staging' ? await completeWaitingPromotions(tx, actor, ctx.now(), version.id) : [];
    return { ...assessment, modelId: version.modelId, failures: evaluation.failures, promoted };
  });
}
