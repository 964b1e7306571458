'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { castVote } from '@/lib/services/cast-vote';
import { requestEmergencyPromotion, requestPromotion, withdrawRequest } from '@/lib/services/promotion';

export async function castVoteAction(_prev: FormState, form: FormData): Promise<FormState> {
  // Who may vote on this request is decided by castVote (lib/permissions/promotion.ts), from the
  // request itself: nothing in the form chooses the permission.
  return runAction(async (ctx) => {
    const outcome = await castVote(ctx, String(form.get('requestId') ?? ''), {
      decision: String(form.get('decision') ?? ''),
      comment: String(form.get('comment') ?? ''),
    });
    revalidatePath('/approvals');
    revalidatePath('/');
    revalidatePath('/versions/[ref]', 'page'); // the decision panel on the version page
    const what = outcome.promoted ? ` — ${outcome.promoted} is now in production` : outcome.state === 'approved_waiting_rai' ? ' — quorum reached, waiting on the RAI assessment' : outcome.state === 'rejected' ? ' — the request is rejected' : '';
    return { ok: `Vote recorded (${outcome.approvals}/${outcome.quorum} approvals)${what}` };
  });
}

export async function requestPromotionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const versionId = String(form.get('versionId') ?? '');
    const input = { reason: String(form.get('reason') ?? '') };
    const r = form.get('path') === 'emergency' ? await requestEmergencyPromotion(ctx, versionId, input) : await requestPromotion(ctx, versionId, input);
    revalidatePath('/approvals');
    revalidatePath('/versions/[ref]', 'page');
    return { ok: `Requested promotion of ${r.modelId} (quorum ${r.quorum})` };
  });
}

export async function withdrawAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    await withdrawRequest(ctx, String(form.get('requestId') ?? ''), { reason: String(form.get('reason') ?? '') });
    revalidatePath('/approvals');
    return { ok: 'Request withdrawn' };
  });
}
