'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { contextFor } from '@/lib/context';
import { currentJobRunner } from '@/lib/jobs/queue';
import { enqueueQuarterlyAudit } from '@/lib/jobs/quarterly-audit-queue';
import { requestQuarterlyAudit, signOffQuarterlyAudit } from '@/lib/quarterly-audit/runs';

export type GenerateState = (FormState & { runId?: string }) | null;

/** Queue a quarterly audit; the form then polls the run's progress. */
export async function generateAuditAction(_prev: GenerateState, form: FormData): Promise<GenerateState> {
  return runAction('generate:quarterly-audit', async (actor) => {
    const run = await requestQuarterlyAudit(contextFor(actor), { quarter: String(form.get('quarter') ?? '') });
    const runner = await currentJobRunner();
    await enqueueQuarterlyAudit(run.id, { boss: runner?.boss ?? null });
    return { ok: `Generating ${run.quarter}…`, runId: run.id };
  });
}

export async function signOffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction('signoff:quarterly-audit', async (actor) => {
    const id = String(form.get('auditId') ?? '');
    const r = await signOffQuarterlyAudit(contextFor(actor), id, { comment: String(form.get('comment') ?? '') });
    revalidatePath(`/audits/${id}`);
    revalidatePath('/audits');
    return { ok: `Signed off ${r.quarter} on ${r.signedOffAt.slice(0, 16).replace('T', ' ')} UTC` };
  });
}
