'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { currentJobRunner } from '@/lib/jobs/queue';
import { enqueueQuarterlyAudit } from '@/lib/jobs/quarterly-audit-queue';
import { requestQuarterlyAudit, signOffQuarterlyAudit } from '@/lib/quarterly-audit/runs';

export type GenerateState = (FormState & { runId?: string }) | null;

/** Queue a quarterly audit; the form then polls the run's progress. */
export async function generateAuditAction(_prev: GenerateState, form: FormData): Promise<GenerateState> {
  return runAction(async (ctx) => {
    const run = await requestQuarterlyAudit(ctx, { quarter: String(form.get('quarter') ?? '') });
    const runner = await currentJobRunner();
    await enqueueQuarterlyAudit(run.id, { boss: runner?.boss ?? null });
    return { ok: `Generating ${run.quarter}…`, runId: run.id };
  });
}

export async function signOffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const id = String(form.get('auditId') ?? '');
    const r = await signOffQuarterlyAudit(ctx, id, { comment: String(form.get('comment') ?? '') });
    revalidatePath(`/audits/${id}`);
    revalidatePath('/audits');
    return { ok: `Signed off ${r.quarter} on ${r.signedOffAt.slice(0, 16).replace('T', ' ')} UTC` };
  });
}
