import { parseQuery, route } from '@/lib/api/http';
import { canManageWebhooks } from '@/lib/permissions/webhook';
import { listWebhookDeliveries } from '@/lib/queries/webhooks';
import { ListDeliveriesQuerySchema } from '@/lib/validation/webhooks';

export const dynamic = 'force-dynamic';

/** The endpoint's delivery log, newest first (`?status=failed`, `?limit=`). */
export const GET = route<{ id: string }>(canManageWebhooks, async ({ request, ctx, params }) => ({
  items: await listWebhookDeliveries(ctx, params.id, parseQuery(request, ListDeliveriesQuerySchema)),
}));
