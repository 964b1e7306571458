'use server';

import { revalidatePath } from 'next/cache';
import { actionError, type FormState } from '@/lib/api/action-error';
import { requireActionActor } from '@/lib/auth/session';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens';

// Server actions are public POST endpoints: each checks the session and permission, and the
// service checks manage:api-tokens again.

export type CreateTokenState = (NonNullable<FormState> & { token?: string; prefix?: string; name?: string }) | null;

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const actor = await requireActionActor('manage:api-tokens');
    const days = String(form.get('expiresInDays') ?? '').trim();
    const created = await createApiToken(actor, {
      name: String(form.get('name') ?? ''),
      role: String(form.get('role') ?? ''),
      senior: form.get('senior') === 'on',
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    revalidatePath('/admin/tokens');
    // The plaintext goes back to this browser once, in the action's response; it is not stored.
    return { ok: `Created token "${created.name}"`, token: created.token, prefix: created.prefix, name: created.name };
  } catch (e) {
    return actionError(e);
  }
}

export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await requireActionActor('manage:api-tokens');
    const t = await revokeApiToken(actor, String(form.get('tokenId') ?? ''));
    revalidatePath('/admin/tokens');
    return { ok: `Revoked "${t.name}"` };
  } catch (e) {
    return actionError(e);
  }
}
