import { readJson, route } from '@/lib/api/http';
import { canManageWebhooks } from '@/lib/permissions/webhook';
import { getWebhookEndpoint } from '@/lib/queries/webhooks';
import { deleteWebhookEndpoint, updateWebhookEndpoint } from '@/lib/services/webhooks';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(canManageWebhooks, async ({ ctx, params }) => getWebhookEndpoint(ctx, params.id));

/** Change `url`, `events`, `description` or `enabled` (enabling again clears the failure count). */
export const PATCH = route<{ id: string }>(canManageWebhooks, async ({ request, ctx, params }) => updateWebhookEndpoint(ctx, params.id, await readJson(request)));

/** Delete the endpoint with its delivery log. */
export const DELETE = route<{ id: string }>(canManageWebhooks, async ({ ctx, params }) => deleteWebhookEndpoint(ctx, params.id));
