import { route } from '@/lib/api/http';
import { revokeApiToken } from '@/lib/services/api-tokens';
import { canRevokeApiToken } from '@/lib/permissions/admin';

export const dynamic = 'force-dynamic';

/** Revoke a token (idempotent); its next request gets 401. */
export const DELETE = route<{ id: string }>(canRevokeApiToken, async ({ ctx, params }) => revokeApiToken(ctx, params.id));
