import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { findVersionForUpdate } from '../data/versions';
import { validationFailed } from '../errors';
import { parseInput } from '../validation/common';
import { TestResultInputSchema } from '../validation/model-version';
import { inTransaction } from './transaction';
import { requireDecision } from '../permissions/decision';
import { canReportResults } from '../permissions/model-version';

/** How far a CI runner's clock may be ahead of the registry's. */
export const TEST_RESULT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Record a test run for a version; the unit run the registry received last is what the
 * development → testing gate reads. A run dated beyond the clock skew in the future is refused.
 */
export async function addTestResult(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canReportResults(actor));
  const input = parseInput(TestResultInputSchema, rawInput, 'test result');
  const receivedAt = ctx.now();
  const runAt = input.runAt ? new Date(input.runAt) : receivedAt;
  if (runAt.getTime() > receivedAt.getTime() + TEST_RESULT_CLOCK_SKEW_MS) {
    const reason = `must not be in the future: ${input.runAt} is more than ${TEST_RESULT_CLOCK_SKEW_MS / 60_000} minutes after the registry's clock (${receivedAt.toISOString()})`;
    throw validationFailed(`Invalid test result: runAt ${reason}`, { runAt: [reason] });
  }
  return inTransaction(ctx, async (tx) => {
    const version = await findVersionForUpdate(tx, versionRef);
    const result = await tx.testResult.create({
      data: {
        versionId: version.id,
        suite: input.suite,
        passed: input.passed,
        failed: input.failed,
        skipped: input.skipped,
        ciRunUrl: input.ciRunUrl ?? null,
        runAt,
        recordedAt: receivedAt,
      },
      select: { id: true, suite: true, passed: true, failed: true, skipped: true, runAt: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor,
      action: 'test_results.add',
      entityType: 'model_version',
      entityId: version.id,
      change: { modelId: version.modelId, suite: result.suite, passed: result.passed, failed: result.failed, skipped: result.skipped, ciRunUrl: input.ciRunUrl ?? null },
    });
    return { ...result, modelId: version.modelId };
  });
}
