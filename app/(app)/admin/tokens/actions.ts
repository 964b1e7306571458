'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import type { CreateTokenState } from '@/components/tokens/create-token-form';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens';

// Server actions are public POST endpoints: runAction establishes who is acting from the session,
// and the service decides whether they may (lib/permissions/admin.ts).

export async function createServiceTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  return runAction(async (ctx) => {
    const days = String(form.get('expiresInDays') ?? '').trim();
    const created = await createApiToken(ctx, {
      name: String(form.get('name') ?? ''),
      kind: 'service',
      role: String(form.get('role') ?? ''),
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    revalidatePath('/admin/tokens');
    // The plaintext goes back to this browser once, in the action's response; it is not stored.
    return { ok: `Created service token "${created.name}"`, token: created.token, prefix: created.prefix, name: created.name };
  });
}

export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const t = await revokeApiToken(ctx, String(form.get('tokenId') ?? ''));
    revalidatePath('/admin/tokens');
    return { ok: `Revoked "${t.name}"` };
  });
}
