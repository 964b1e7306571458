import { readJson, route } from '@/lib/api/http';
import { castVote } from '@/lib/services/cast-vote';
import { canVoteOnAny } from '@/lib/permissions/promotion';

export const dynamic = 'force-dynamic';

/**
 * Vote on a request: committee members on committee requests and ratifications, senior engineers
 * on emergency reviews; never the requester, never a service token (castVote decides from the request).
 */
export const POST = route<{ id: string }>(canVoteOnAny, async ({ request, ctx, params }) => castVote(ctx, params.id, await readJson(request)));
