import { route } from '@/lib/api/http';
import { revokeApiToken } from '@/lib/services/api-tokens';

export const dynamic = 'force-dynamic';

/** Revoke a token (idempotent); its next request gets 401. */
export const DELETE = route<{ id: string }>('manage:api-tokens', async ({ ctx, params }) => revokeApiToken(ctx, params.id));
