'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { proposeParameterSet, voteParameterSet } from '@/lib/services/parameter-sets';

export async function voteParameterSetAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const r = await voteParameterSet(ctx, String(form.get('parameterSetId') ?? ''), {
      decision: String(form.get('decision') ?? ''),
      comment: String(form.get('comment') ?? ''),
    });
    revalidatePath('/parameters');
    revalidatePath('/approvals');
    revalidatePath('/');
    return { ok: `Vote recorded: ${r.approvals}/${r.quorum} approvals, ${r.status}` };
  });
}

/**
 * Propose a parameter set. λ sets take the two λ fields; any kind may add more parameters as
 * `name = value` lines (numbers are stored as numbers).
 */
export async function proposeParameterSetAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const kind = String(form.get('kind') ?? '');
    const num = (k: string) => (String(form.get(k) ?? '').trim() === '' ? undefined : Number(form.get(k)));
    const parameters: Record<string, number | string> = {};
    for (const line of String(form.get('parameters') ?? '').split('\n')) {
      const m = /^\s*([A-Za-z0-9_.-]+)\s*[=:]\s*(.+?)\s*$/.exec(line);
      if (m) parameters[m[1]] = Number.isFinite(Number(m[2])) ? Number(m[2]) : m[2];
    }
    const scenarios = String(form.get('tested_scenarios') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const row = await proposeParameterSet(ctx, {
      parameter_id: String(form.get('parameter_id') ?? '').trim(),
      kind,
      ...(kind === 'lambda' ? { base_noise_lambda: num('base_noise_lambda'), residual_noise_lambda: num('residual_noise_lambda') } : {}),
      effective_date: String(form.get('effective_date') ?? ''),
      tested_scenarios: scenarios,
      notes: String(form.get('notes') ?? ''),
      ...(Object.keys(parameters).length ? { parameters } : {}),
    });
    revalidatePath('/parameters');
    return { ok: `Proposed ${row.parameterId}; the committee votes on it (quorum ${row.quorum})` };
  });
}
