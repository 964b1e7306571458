import { readJson, route } from '@/lib/api/http';
import { canRequestPromotion } from '@/lib/permissions/promotion';
import { withdrawRequest } from '@/lib/services/promotion';

export const dynamic = 'force-dynamic';

/** The requester withdraws an open committee or emergency request (the service checks it is theirs). */
export const POST = route<{ id: string }>(canRequestPromotion, async ({ request, ctx, params }) => withdrawRequest(ctx, params.id, await readJson(request)));
