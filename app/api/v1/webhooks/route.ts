import { created, readJson, route } from '@/lib/api/http';
import { canManageWebhooks } from '@/lib/permissions/webhook';
import { listWebhookEndpoints } from '@/lib/queries/webhooks';
import { createWebhookEndpoint } from '@/lib/services/webhooks';

export const dynamic = 'force-dynamic';

/** Webhook endpoints (never their secrets), newest first. Admins only. */
export const GET = route(canManageWebhooks, async ({ ctx }) => ({ items: await listWebhookEndpoints(ctx) }));

/**
 * Register an endpoint `{url, events, description?}`. The signing secret (`whsec_…`) is in this
 * response only. A URL that is, or resolves to, a private/loopback/link-local address → 422 on `url`.
 */
export const POST = route(canManageWebhooks, async ({ request, ctx }) => {
  const endpoint = await createWebhookEndpoint(ctx, await readJson(request));
  return created(endpoint, `/api/v1/webhooks/${endpoint.id}`);
});
