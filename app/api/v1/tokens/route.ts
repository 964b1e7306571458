import { created, parseQuery, readJson, route } from '@/lib/api/http';
import { createApiToken, listApiTokens } from '@/lib/services/api-tokens';
import { canCreatePersonalToken, canListOwnTokens } from '@/lib/permissions/admin';
import { ListTokensQuerySchema } from '@/lib/validation/api-token';

export const dynamic = 'force-dynamic';

/** Tokens (never the secret or its hash): an admin's view is every token (?mine=1: their own), anyone else's their own. */
export const GET = route(canListOwnTokens, async ({ request, ctx }) => ({ items: await listApiTokens(ctx, { mine: Boolean(parseQuery(request, ListTokensQuerySchema).mine) }) }));

/**
 * Create a token: `{name}` a personal token (any person), `{name, role}` a service token (admins;
 * the service checks). The plaintext is in this response only.
 */
export const POST = route(canCreatePersonalToken, async ({ request, ctx }) => {
  const t = await createApiToken(ctx, await readJson(request));
  return created(t, `/api/v1/tokens/${t.id}`);
});
