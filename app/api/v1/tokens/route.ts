import { created, readJson, route } from '@/lib/api/http';
import { createApiToken, listApiTokens } from '@/lib/services/api-tokens';
import { canCreateApiToken, canListApiTokens } from '@/lib/permissions/admin';

export const dynamic = 'force-dynamic';

/** Every API token (never the secret or its hash). */
export const GET = route(canListApiTokens, async ({ ctx }) => ({ items: await listApiTokens(ctx) }));

/** Create a token: the plaintext is in this response only. */
export const POST = route(canCreateApiToken, async ({ request, ctx }) => {
  const t = await createApiToken(ctx, await readJson(request));
  return created(t, `/api/v1/tokens/${t.id}`);
});
