import { created, parseQuery, readJson, route } from '@/lib/api/http';
import { CreatePromotionRequestBodySchema, ListPromotionRequestsQuerySchema } from '@/lib/contracts/promotion';
import { canRequestPromotion } from '@/lib/permissions/promotion';
import { listPromotionRequestPage } from '@/lib/queries/promotion-requests';
import { requestEmergencyPromotion, requestPromotion } from '@/lib/services/promotion';
import { parseInput } from '@/lib/validation/common';

export const dynamic = 'force-dynamic';

/** Promotion requests, newest first, with their votes and tally. */
export const GET = route('read:registry', async ({ request, ctx }) => listPromotionRequestPage(ctx, parseQuery(request, ListPromotionRequestsQuerySchema)));

/** Ask for a staging version's promotion: the committee path, or the emergency path for a hotfix (the approvals page's form). */
export const POST = route(canRequestPromotion, async ({ request, ctx }) => {
  const { version, kind, ...input } = parseInput(CreatePromotionRequestBodySchema, await readJson(request), 'promotion request');
  const r = kind === 'emergency' ? await requestEmergencyPromotion(ctx, version, input) : await requestPromotion(ctx, version, input);
  return created(r, `/api/v1/promotion-requests/${r.id}`);
});
