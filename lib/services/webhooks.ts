// Webhook endpoints: register (the secret is generated here and returned once), change, enable or
// disable, delete, and redeliver one delivery. Admins only (lib/permissions/webhook.ts); each change
// is audited with the endpoint's origin, never its secret. A URL whose host is, or resolves to, a
// private, loopback or link-local address is refused (422 naming `url`) unless allow-listed.
import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { getSettings } from '../data/settings';
import { AppError, notFound } from '../errors';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canManageWebhooks } from '../permissions/webhook';
import { toEndpointView, WEBHOOK_ENDPOINT_SELECT, type WebhookEndpointView } from '../queries/webhooks';
import { parseInput } from '../validation/common';
import { CreateWebhookSchema, UpdateWebhookSchema } from '../validation/webhooks';
import { checkDestination, systemResolver, urlOrigin, urlProblem, type Resolver } from '../webhooks/ssrf';
import { generateWebhookSecret } from '../webhooks/signature';
import { inTransaction } from './transaction';

/** Refuse a URL before storing it: 400 for a malformed one, 422 for one that points inside. */
async function assertDeliverableUrl(ctx: ServiceContext, url: string, resolve: Resolver): Promise<void> {
  const problem = urlProblem(url);
  if (problem) throw new AppError('validation_failed', `Invalid webhook: url ${problem}`, { fieldErrors: { url: [problem] } });
  const { webhookAllowedHosts } = await getSettings(ctx.db);
  const dest = await checkDestination(url, webhookAllowedHosts, resolve);
  if (!dest.ok) {
    throw new AppError('unprocessable', `Webhook URL refused: ${url} ${dest.reason}`, {
      fieldErrors: { url: [dest.reason] },
      details: { title: 'Webhook destination refused' },
    });
  }
}

export type CreatedWebhookEndpoint = WebhookEndpointView & { secret: string };

export async function createWebhookEndpoint(ctx: ServiceContext, rawInput: unknown, opts: { resolve?: Resolver } = {}): Promise<CreatedWebhookEndpoint> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  const input = parseInput(CreateWebhookSchema, rawInput, 'webhook');
  await assertDeliverableUrl(ctx, input.url, opts.resolve ?? systemResolver);
  const secret = generateWebhookSecret();
  return inTransaction(ctx, async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { url: input.url, events: input.events, description: input.description, secret, createdById: actorUserId(ctx.actor)! },
      select: WEBHOOK_ENDPOINT_SELECT,
    });
    await appendAuditEvent(tx, {
      occurredAt: ctx.now(), actor: ctx.actor, action: 'webhook.create', entityType: 'webhook_endpoint', entityId: row.id,
      change: { url: urlOrigin(row.url), events: row.events, description: row.description },
    });
    return { ...toEndpointView(row), secret };
  });
}

export async function updateWebhookEndpoint(ctx: ServiceContext, id: string, rawInput: unknown, opts: { resolve?: Resolver } = {}): Promise<WebhookEndpointView> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  const input = parseInput(UpdateWebhookSchema, rawInput, 'webhook');
  if (input.url !== undefined) await assertDeliverableUrl(ctx, input.url, opts.resolve ?? systemResolver);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id: String(id) }, select: WEBHOOK_ENDPOINT_SELECT });
    if (!before) throw notFound(`Webhook endpoint ${id}`);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (input.url !== undefined && input.url !== before.url) changes.url = { before: urlOrigin(before.url), after: urlOrigin(input.url) };
    if (input.events !== undefined && input.events.join() !== before.events.join()) changes.events = { before: before.events, after: input.events };
    if (input.description !== undefined && input.description !== before.description) changes.description = { before: before.description, after: input.description };
    if (input.enabled !== undefined && input.enabled !== before.enabled) changes.enabled = { before: before.enabled, after: input.enabled };
    if (Object.keys(changes).length === 0) return toEndpointView(before);
    const reenabled = input.enabled === true && !before.enabled;
    const row = await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: {
        url: input.url,
        events: input.events,
        description: input.description,
        enabled: input.enabled,
        // Enabled again: a fresh start. Disabled by an admin: no automatic reason to show.
        ...(input.enabled !== undefined && changes.enabled ? { disabledReason: null, disabledAt: input.enabled ? null : ctx.now() } : {}),
        ...(reenabled ? { consecutiveFailures: 0 } : {}),
      },
      select: WEBHOOK_ENDPOINT_SELECT,
    });
    await appendAuditEvent(tx, {
      occurredAt: ctx.now(), actor: ctx.actor, action: 'webhook.update', entityType: 'webhook_endpoint', entityId: row.id,
      change: { url: urlOrigin(row.url), changes },
    });
    return toEndpointView(row);
  });
}

/** Delete an endpoint and its delivery log; pending deliveries are dropped with it. */
export async function deleteWebhookEndpoint(ctx: ServiceContext, id: string): Promise<{ id: string; deleted: true }> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id: String(id) }, select: { id: true, url: true, events: true } });
    if (!row) throw notFound(`Webhook endpoint ${id}`);
    await tx.webhookEndpoint.delete({ where: { id: row.id }, select: { id: true } });
    await appendAuditEvent(tx, {
      occurredAt: ctx.now(), actor: ctx.actor, action: 'webhook.delete', entityType: 'webhook_endpoint', entityId: row.id,
      change: { url: urlOrigin(row.url), events: row.events },
    });
    return { id: row.id, deleted: true as const };
  });
}

/**
 * Send a delivery again (same `webhook-id`, so a receiver that got it before can tell): it goes
 * back to pending, due now, with a fresh retry budget. The endpoint must be enabled.
 */
export async function redeliverWebhook(ctx: ServiceContext, endpointId: string, deliveryId: string): Promise<{ id: string; status: 'pending' }> {
  requireDecision(ctx.actor, canManageWebhooks(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const d = await tx.webhookDelivery.findFirst({
      where: { id: String(deliveryId), endpointId: String(endpointId) },
      select: { id: true, webhookId: true, eventType: true, endpoint: { select: { id: true, url: true, enabled: true } } },
    });
    if (!d) throw notFound(`Delivery ${deliveryId} of webhook endpoint ${endpointId}`);
    if (!d.endpoint.enabled) throw new AppError('conflict', 'The endpoint is disabled: enable it first, then redeliver');
    await tx.webhookDelivery.update({ where: { id: d.id }, data: { status: 'pending', attempts: 0, nextAttemptAt: new Date() /* due now, on the wall clock the worker polls by */ }, select: { id: true } });
    await appendAuditEvent(tx, {
      occurredAt: ctx.now(), actor: ctx.actor, action: 'webhook.redeliver', entityType: 'webhook_endpoint', entityId: d.endpoint.id,
      change: { url: urlOrigin(d.endpoint.url), deliveryId: d.id, webhookId: d.webhookId, eventType: d.eventType },
    });
    return { id: d.id, status: 'pending' as const };
  });
}
