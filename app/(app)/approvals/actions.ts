'use server';

import { revalidatePath } from 'next/cache';
import { actionError, type FormState } from '@/lib/api/action-error';
import { requireActionActor } from '@/lib/auth/session';
import { castVote, requestEmergencyPromotion, requestPromotion, withdrawRequest } from '@/lib/services/promotion';

export async function castVoteAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    // Committee members vote on committee/ratification requests, senior engineers on emergency
    // ones; castVote checks which applies to this request.
    const actor = await requireActionActor(form.get('kind') === 'emergency' ? 'review:emergency' : 'vote:promotion');
    const outcome = await castVote(actor, String(form.get('requestId') ?? ''), {
      decision: String(form.get('decision') ?? ''),
      comment: String(form.get('comment') ?? ''),
    });
    revalidatePath('/approvals');
    revalidatePath('/');
    const what = outcome.promoted ? ` — ${outcome.promoted} is now in production` : outcome.state === 'approved_waiting_rai' ? ' — quorum reached, waiting on the RAI assessment' : outcome.state === 'rejected' ? ' — the request is rejected' : '';
    return { ok: `Vote recorded (${outcome.approvals}/${outcome.quorum} approvals)${what}` };
  } catch (e) {
    return actionError(e);
  }
}

export async function requestPromotionAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await requireActionActor('request:promotion');
    const versionId = String(form.get('versionId') ?? '');
    const input = { reason: String(form.get('reason') ?? '') };
    const r = form.get('path') === 'emergency' ? await requestEmergencyPromotion(actor, versionId, input) : await requestPromotion(actor, versionId, input);
    revalidatePath('/approvals');
    return { ok: `Requested promotion of ${r.modelId} (quorum ${r.quorum})` };
  } catch (e) {
    return actionError(e);
  }
}

export async function withdrawAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await requireActionActor('request:promotion');
    await withdrawRequest(actor, String(form.get('requestId') ?? ''), { reason: String(form.get('reason') ?? '') });
    revalidatePath('/approvals');
    return { ok: 'Request withdrawn' };
  } catch (e) {
    return actionError(e);
  }
}
