// The outbox: one delivery row per subscribed, enabled endpoint, written in the transaction of the
// change it announces. A rolled-back transaction leaves no row, so nothing is sent; the delivery
// job (lib/webhooks/deliver.ts) sends the rows after commit.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/permissions';
import type { AuditAction } from '../audit/events';
import type { Db, Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { decisionOf, webhookEventsFor, type WebhookEventType } from './events';

export type WebhookPayload = { type: WebhookEventType; timestamp: string; data: Record<string, unknown> };

/** Standard Webhooks message id: the same on every attempt, so a receiver can drop duplicates. */
export function newWebhookId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/** Queue `payload` for every enabled endpoint subscribed to its type; returns how many. */
export async function enqueueWebhookEvent(db: Tx | Db, payload: WebhookPayload): Promise<number> {
  const endpoints = await db.webhookEndpoint.findMany({ where: { enabled: true, events: { has: payload.type } }, select: { id: true } });
  if (endpoints.length === 0) return 0;
  const now = new Date();
  await db.webhookDelivery.createMany({
    data: endpoints.map((e) => ({
      endpointId: e.id,
      eventType: payload.type,
      payload: payload as unknown as Prisma.InputJsonValue,
      webhookId: newWebhookId(),
      nextAttemptAt: now,
    })),
  });
  return endpoints.length;
}

export type AuditedChange = {
  seq: number;
  action: AuditAction;
  actor: Actor;
  entityType: string;
  entityId: string;
  occurredAt: Date;
  change: Record<string, unknown>;
};

/** Called by appendAuditEvent for every event, inside its transaction. */
export async function enqueueWebhooksForAuditEvent(tx: Tx, e: AuditedChange): Promise<void> {
  await enqueueWebhooksForAuditEvents(tx, [e]);
}

/**
 * The outbox rows of several events appended together (appendAuditEvents), in their order: one
 * read of the subscribed endpoints and one insert for all of them — none at all when no event
 * announces anything (a bulk import used to ask for the endpoints once per version).
 */
export async function enqueueWebhooksForAuditEvents(tx: Tx, events: AuditedChange[]): Promise<number> {
  const announced = events.map((e) => ({ e, types: webhookEventsFor(e.action, e.change) })).filter((a) => a.types.length > 0);
  if (announced.length === 0) return 0;
  const wanted = [...new Set(announced.flatMap((a) => a.types))];
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true, events: { hasSome: wanted } }, select: { id: true, events: true } });
  if (endpoints.length === 0) return 0;
  const now = new Date();
  const data: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const { e, types } of announced) {
    const decision = decisionOf(e.action);
    for (const type of types) {
      const payload: WebhookPayload = {
        type,
        timestamp: e.occurredAt.toISOString(),
        data: {
          entityType: e.entityType,
          entityId: e.entityId,
          auditSeq: e.seq,
          auditAction: e.action,
          ...(decision ? { decision } : {}),
          actor: { type: e.actor.type, label: e.actor.label },
          change: e.change,
        },
      };
      for (const endpoint of endpoints) {
        if (!endpoint.events.includes(type)) continue;
        data.push({ endpointId: endpoint.id, eventType: type, payload: payload as unknown as Prisma.InputJsonValue, webhookId: newWebhookId(), nextAttemptAt: now });
      }
    }
  }
  if (data.length) await tx.webhookDelivery.createMany({ data });
  return data.length;
}

const VERIFY_FAILURE_QUIET_MS = 24 * 60 * 60 * 1000;

/**
 * A failed audit chain verification (which has no audit event of its own). The same break is
 * announced once a day at most, however often someone verifies.
 */
export async function notifyAuditVerificationFailed(db: Db, failure: { brokenSeq: number; reason: string; count: number }): Promise<number> {
  const since = new Date(Date.now() - VERIFY_FAILURE_QUIET_MS);
  const seen = await db.webhookDelivery.findFirst({
    where: { eventType: 'audit.verification_failed', createdAt: { gte: since }, payload: { path: ['data', 'reason'], equals: failure.reason } },
    select: { id: true },
  });
  if (seen) return 0;
  return enqueueWebhookEvent(db, {
    type: 'audit.verification_failed',
    timestamp: new Date().toISOString(),
    data: { brokenSeq: failure.brokenSeq, reason: failure.reason, verifiedEvents: failure.count },
  });
}
