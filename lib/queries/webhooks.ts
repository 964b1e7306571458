// Read models of webhook endpoints and their delivery log, for admins. The signing secret is never
// selected here: it leaves the server once, in the response that creates the endpoint.
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { canManageWebhooks } from '../permissions/webhook';
import { requireDecision } from '../permissions/decision';
import { parseInput } from '../validation/common';
import { ListDeliveriesQuerySchema } from '../validation/webhooks';

export const WEBHOOK_ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  consecutiveFailures: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { email: true } },
} as const;

type EndpointRow = {
  id: string; url: string; description: string; events: string[]; enabled: boolean; disabledReason: string | null;
  disabledAt: Date | null; consecutiveFailures: number; createdAt: Date; updatedAt: Date; createdBy: { email: string };
};

export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  /** Set when the registry disabled the endpoint itself (too many failures in a row). */
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deliveries: { pending: number; succeeded: number; failed: number };
};

export function toEndpointView(row: EndpointRow, deliveries: WebhookEndpointView['deliveries'] = { pending: 0, succeeded: 0, failed: 0 }): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    consecutiveFailures: row.consecutiveFailures,
    createdBy: row.createdBy.email,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deliveries,
  };
}

async function deliveryCounts(ctx: ServiceContext, ids: string[]): Promise<Map<string, WebhookEndpointView['deliveries']>> {
  const groups = ids.length ? await ctx.db.webhookDelivery.groupBy({ by: ['endpointId', 'status'], where: { endpointId: { in: ids } }, _count: { _all: true } }) : [];
  const out = new Map<string, WebhookEndpointView['deliveries']>();
  for (const g of groups) {
    const c = out.get(g.endpointId) ?? { pending: 0, succeeded: 0, failed: 0 };
    c[g.status] = g._count._all;
    out.set(g.endpointId, c);
  }
  return out;
}

export async function listWebhookEndpoints(ctx: ServiceContext): Promise<WebhookEndpointView[]> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  const rows = await ctx.db.webhookEndpoint.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: WEBHOOK_ENDPOINT_SELECT });
  const counts = await deliveryCounts(ctx, rows.map((r) => r.id));
  return rows.map((r) => toEndpointView(r, counts.get(r.id)));
}

export async function getWebhookEndpoint(ctx: ServiceContext, id: string): Promise<WebhookEndpointView> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  const row = await ctx.db.webhookEndpoint.findUnique({ where: { id: String(id) }, select: WEBHOOK_ENDPOINT_SELECT });
  if (!row) throw notFound(`Webhook endpoint ${id}`);
  return toEndpointView(row, (await deliveryCounts(ctx, [row.id])).get(row.id));
}

export type WebhookDeliveryView = {
  id: string;
  webhookId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  payload: unknown;
};

/** An endpoint's deliveries, newest first. */
export async function listWebhookDeliveries(ctx: ServiceContext, endpointId: string, rawQuery: unknown = {}): Promise<WebhookDeliveryView[]> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  const q = parseInput(ListDeliveriesQuerySchema, rawQuery, 'query');
  const exists = await ctx.db.webhookEndpoint.findUnique({ where: { id: String(endpointId) }, select: { id: true } });
  if (!exists) throw notFound(`Webhook endpoint ${endpointId}`);
  const rows = await ctx.db.webhookDelivery.findMany({
    where: { endpointId: exists.id, ...(q.status ? { status: q.status } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: q.limit,
    select: {
      id: true, webhookId: true, eventType: true, status: true, attempts: true, lastResponseCode: true, lastError: true,
      createdAt: true, lastAttemptAt: true, nextAttemptAt: true, deliveredAt: true, payload: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: r.status === 'pending' ? (r.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }));
}

/** Endpoints the registry disabled after repeated failures: the admin's dashboard notice (empty for anyone else). */
export async function autoDisabledWebhookEndpoints(ctx: ServiceContext): Promise<{ id: string; url: string; disabledAt: string | null; disabledReason: string }[]> {
  if (!canManageWebhooks(ctx.actor).ok) return [];
  const rows = await ctx.db.webhookEndpoint.findMany({
    where: { enabled: false, disabledReason: { not: null } },
    orderBy: { disabledAt: 'desc' },
    select: { id: true, url: true, disabledAt: true, disabledReason: true },
  });
  return rows.map((r) => ({ id: r.id, url: r.url, disabledAt: r.disabledAt?.toISOString() ?? null, disabledReason: r.disabledReason ?? '' }));
}
