'use server';

import { revalidatePath } from 'next/cache';
import { actionError, type FormState } from '@/lib/api/action-error';
import { requireActionActor } from '@/lib/auth/session';
import { voteParameterSet } from '@/lib/services/parameter-sets';

export async function voteParameterSetAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await requireActionActor('vote:parameter-set');
    const r = await voteParameterSet(actor, String(form.get('parameterSetId') ?? ''), {
      decision: String(form.get('decision') ?? ''),
      comment: String(form.get('comment') ?? ''),
    });
    revalidatePath('/parameters');
    return { ok: `Vote recorded: ${r.approvals}/${r.quorum} approvals, ${r.status}` };
  } catch (e) {
    return actionError(e);
  }
}
