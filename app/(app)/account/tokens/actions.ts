'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import type { CreateTokenState } from '@/components/tokens/create-token-form';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens';

// Anyone signed in manages their own personal tokens; the service checks it is theirs.

export async function createPersonalTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  return runAction(async (ctx) => {
    const days = String(form.get('expiresInDays') ?? '').trim();
    const created = await createApiToken(ctx, { name: String(form.get('name') ?? ''), kind: 'personal', ...(days ? { expiresInDays: Number(days) } : {}) });
    revalidatePath('/account/tokens');
    return { ok: `Created personal token "${created.name}"`, token: created.token, prefix: created.prefix, name: created.name };
  });
}

export async function revokePersonalTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const t = await revokeApiToken(ctx, String(form.get('tokenId') ?? ''));
    revalidatePath('/account/tokens');
    return { ok: `Revoked "${t.name}"` };
  });
}
