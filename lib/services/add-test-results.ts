import { requirePermission } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { findVersionForUpdate } from '../data/versions';
import { parseInput } from '../validation/common';
import { TestResultInputSchema } from '../validation/model-version';
import { inTransaction } from './transaction';

/** Record a test run for a version; the latest unit run is what the development → testing gate reads. */
export async function addTestResult(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requirePermission(actor, 'create:model-version');
  const input = parseInput(TestResultInputSchema, rawInput, 'test result');
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
        runAt: input.runAt ? new Date(input.runAt) : ctx.now(),
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
