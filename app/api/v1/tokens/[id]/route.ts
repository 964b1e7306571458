import { route } from '@/lib/api/http';
import { revokeApiToken } from '@/lib/services/api-tokens';
import { canListOwnTokens } from '@/lib/permissions/admin';

export const dynamic = 'force-dynamic';

/**
 * Revoke a token (idempotent): your own personal token, or any token as an admin (the service
 * checks whose it is). Its next request gets 401.
 */
export const DELETE = route<{ id: string }>(canListOwnTokens, async ({ ctx, params }) => revokeApiToken(ctx, params.id));
