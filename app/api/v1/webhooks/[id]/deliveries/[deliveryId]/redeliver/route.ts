import { route } from '@/lib/api/http';
import { canManageWebhooks } from '@/lib/permissions/webhook';
import { redeliverWebhook } from '@/lib/services/webhooks';

export const dynamic = 'force-dynamic';

/** Queue the delivery again (same webhook-id); the job queue sends it within seconds. */
export const POST = route<{ id: string; deliveryId: string }>(canManageWebhooks, async ({ ctx, params }) => redeliverWebhook(ctx, params.id, params.deliveryId));
