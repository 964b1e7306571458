'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { castVote, requestEmergencyPromotion, requestPromotion, withdrawRequest } from '@/lib/services/promotion';

export async function castVoteAction(_prev: FormState, form: FormData): Promise<FormState> {
  // Committee members vote on committee/ratification requests, senior engineers on emergency
  // ones; castVote checks which applies to this request.
  return runAction(form.get('kind') === 'emergency' ? 'review:emergency' : 'vote:promotion', async (actor) => {
    const outcome = await castVote(actor, String(form.get('requestId') ?? ''), {
      decision: String(form.get('decision') ?? ''),
      comment: String(form.get('comment') ?? ''),
    });
    revalidatePath('/approvals');
    revalidatePath('/');
    const what = outcome.promoted ? ` — ${outcome.promoted} is now in production` : outcome.state === 'approved_waiting_rai' ? ' — quorum reached, waiting on the RAI assessment' : outcome.state === 'rejected' ? ' — the request is rejected' : '';
    return { ok: `Vote recorded (${outcome.approvals}/${outcome.quorum} approvals)${what}` };
  });
}

export async function requestPromotionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction('request:promotion', async (actor) => {
    const versionId = String(form.get('versionId') ?? '');
    const input = { reason: String(form.get('reason') ?? '') };
    const r = form.get('path') === 'emergency' ? await requestEmergencyPromotion(actor, versionId, input) : await requestPromotion(actor, versionId, input);
    revalidatePath('/approvals');
    return { ok: `Requested promotion of ${r.modelId} (quorum ${r.quorum})` };
  });
}

export async function withdrawAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction('request:promotion', async (actor) => {
    await withdrawRequest(actor, String(form.get('requestId') ?? ''), { reason: String(form.get('reason') ?? '') });
    revalidatePath('/approvals');
    return { ok: 'Request withdrawn' };
  });
}
