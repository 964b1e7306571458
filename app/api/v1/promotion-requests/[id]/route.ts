import { route } from '@/lib/api/http';
import { getPromotionRequest } from '@/lib/queries/promotion-requests';

export const dynamic = 'force-dynamic';

/** One promotion request with its votes, tally and state. */
export const GET = route<{ id: string }>('read:registry', async ({ ctx, params }) => getPromotionRequest(ctx, params.id));
