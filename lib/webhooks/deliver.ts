// Sending the outbox (lib/webhooks/outbox.ts), run by the `deliver-webhooks` job
// (lib/jobs/webhook-queue.ts) after the changes committed. Each due delivery is claimed with a
// lease (SKIP LOCKED: instances never send the same row at once), its destination checked again
// and pinned, and the outcome recorded: success, or a retry with exponential back-off until the
// attempts run out. An endpoint that fails `disableAfter` attempts in a row is disabled, which the
// admin sees on the dashboard (components/webhooks/disabled-endpoints-notice.tsx).
import { appendAuditEvent } from '../audit/chain';
import { SYSTEM_ACTOR } from '../auth/permissions';
import { prisma, type Db } from '../db';
import { getSettings } from '../data/settings';
import { webhookHeaders } from './signature';
import { sendWebhookRequest, type SendResult } from './send';
import { checkDestination, systemResolver, urlOrigin, type Resolver } from './ssrf';

export const WEBHOOK_POLICY = {
  maxAttempts: 8,
  /** First retry after this; each next one waits twice as long (30 s, 1 min, 2 min … ≈ 1 h in all). */
  backoffBaseMs: 30_000,
  backoffMaxMs: 60 * 60_000,
  /** Failed attempts in a row (across deliveries) after which an endpoint is disabled. */
  disableAfter: 10,
  batch: 20,
};

export type DeliverOptions = Partial<typeof WEBHOOK_POLICY> & {
  db?: Db;
  timeoutMs?: number;
  maxResponseBytes?: number;
  resolve?: Resolver;
  /** Only this endpoint's deliveries (tests). */
  endpointId?: string;
};

export function backoffMs(attempts: number, base = WEBHOOK_POLICY.backoffBaseMs, max = WEBHOOK_POLICY.backoffMaxMs): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

type Outcome = 'succeeded' | 'retry' | 'failed';

/** Send every due delivery once; returns what happened to each. */
export async function deliverDueWebhooks(opts: DeliverOptions = {}): Promise<{ attempted: number; succeeded: number; retrying: number; failed: number }> {
  const db = opts.db ?? prisma;
  const policy = { ...WEBHOOK_POLICY, ...opts };
  const leaseMs = (opts.timeoutMs ?? 5_000) + 60_000;
  const endpointFilter = opts.endpointId ?? null;
  // Claim: push next_attempt_at past the lease so no other worker picks the rows meanwhile; a
  // worker that dies mid-send leaves them to be retried when the lease ends.
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    WHERE id IN (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND e.enabled AND d.next_attempt_at <= now()
        AND (${endpointFilter}::text IS NULL OR d.endpoint_id = ${endpointFilter}::text)
      ORDER BY d.next_attempt_at LIMIT ${policy.batch}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING id`;
  const counts = { attempted: claimed.length, succeeded: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return counts;
  const { webhookAllowedHosts } = await getSettings(db);
  const outcomes = await Promise.all(claimed.map(({ id }) => attemptOne(db, id, webhookAllowedHosts, policy, opts)));
  for (const o of outcomes) {
    if (o === 'succeeded') counts.succeeded += 1;
    else if (o === 'retry') counts.retrying += 1;
    else counts.failed += 1;
  }
  return counts;
}

async function attemptOne(db: Db, id: string, allowedHosts: string[], policy: typeof WEBHOOK_POLICY, opts: DeliverOptions): Promise<Outcome> {
  const d = await db.webhookDelivery.findUniqueOrThrow({
    where: { id },
    select: { id: true, webhookId: true, payload: true, attempts: true, endpoint: { select: { id: true, url: true, secret: true } } },
  });
  const body = JSON.stringify(d.payload);
  const dest = await checkDestination(d.endpoint.url, allowedHosts, opts.resolve ?? systemResolver);
  let result: SendResult;
  if (!dest.ok) {
    result = { ok: false, status: null, error: `refused: ${d.endpoint.url} ${dest.reason}`, responseBytes: 0 };
  } else {
    result = await sendWebhookRequest({
      url: d.endpoint.url,
      body,
      headers: webhookHeaders(d.endpoint.secret, d.webhookId, body, new Date()),
      address: dest.address,
      timeoutMs: opts.timeoutMs,
      maxResponseBytes: opts.maxResponseBytes,
    });
  }
  return recordAttempt(db, d, result, policy);
}

async function recordAttempt(
  db: Db,
  d: { id: string; attempts: number; endpoint: { id: string; url: string } },
  result: SendResult,
  policy: typeof WEBHOOK_POLICY,
): Promise<Outcome> {
  const attempts = d.attempts + 1;
  const now = new Date();
  const common = { attempts, lastAttemptAt: now, lastResponseCode: result.status, lastError: result.error?.slice(0, 500) ?? null };
  if (result.ok) {
    await db.$transaction([
      db.webhookDelivery.update({ where: { id: d.id }, data: { ...common, status: 'succeeded', deliveredAt: now, nextAttemptAt: null }, select: { id: true } }),
      db.webhookEndpoint.update({ where: { id: d.endpoint.id }, data: { consecutiveFailures: 0 }, select: { id: true } }),
    ]);
    return 'succeeded';
  }
  const giveUp = attempts >= policy.maxAttempts;
  const next = giveUp ? null : new Date(now.getTime() + backoffMs(attempts, policy.backoffBaseMs, policy.backoffMaxMs));
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: d.id }, data: { ...common, status: giveUp ? 'failed' : 'pending', nextAttemptAt: next }, select: { id: true } });
    const ep = await tx.webhookEndpoint.update({
      where: { id: d.endpoint.id },
      data: { consecutiveFailures: { increment: 1 } },
      select: { consecutiveFailures: true, enabled: true },
    });
    if (ep.enabled && ep.consecutiveFailures >= policy.disableAfter) {
      const reason = `disabled after ${ep.consecutiveFailures} failed delivery attempts in a row; last: ${common.lastError ?? 'unknown error'}`;
      await tx.webhookEndpoint.update({ where: { id: d.endpoint.id }, data: { enabled: false, disabledAt: now, disabledReason: reason }, select: { id: true } });
      await appendAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        occurredAt: now,
        action: 'webhook.update',
        entityType: 'webhook_endpoint',
        entityId: d.endpoint.id,
        change: { url: urlOrigin(d.endpoint.url), changes: { enabled: { before: true, after: false } }, reason },
      });
    }
  });
  return giveUp ? 'failed' : 'retry';
}
