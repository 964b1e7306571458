import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor, versionBody, withOwnDatabase, type Handler } from './api-helpers';
import { makeComponent, makeUser } from '../fixtures';
import { startReceiver, type Receiver } from '../webhook-receiver';
import { appendAuditEvent } from '@/lib/audit/chain';
import { contextFor } from '@/lib/context';
import { CreatedWebhookEndpointSchema, WebhookDeliverySchema, WebhookEndpointSchema } from '@/lib/contracts/webhooks';
import { verifyAuditLog } from '@/lib/queries/audit';
import { autoDisabledWebhookEndpoints, listWebhookDeliveries } from '@/lib/queries/webhooks';
import { updateSettings } from '@/lib/services/settings';
import { inTransaction } from '@/lib/services/transaction';
import { createWebhookEndpoint } from '@/lib/services/webhooks';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';

// Webhooks against a real HTTP receiver on 127.0.0.1, reached because the tests put 127.0.0.1 on the
// admin's allow-list (the same path an admin takes for an internal receiver).
const { db } = withOwnDatabase('mgr_webhooks');

const h = (x: unknown) => x as Handler<Record<string, string>>;
const r = {
  hooks: await import('@/app/api/v1/webhooks/route'),
  hook: await import('@/app/api/v1/webhooks/[id]/route'),
  deliveries: await import('@/app/api/v1/webhooks/[id]/deliveries/route'),
  redeliver: await import('@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route'),
  versions: await import('@/app/api/v1/versions/route'),
};

let admin: Awaited<ReturnType<typeof tokenFor>>;
let engineer: Awaited<ReturnType<typeof tokenFor>>;
let receiver: Receiver;

async function allow(hosts: string[]) {
  await updateSettings(contextFor(admin.owner, { db: db() }), { webhookAllowedHosts: hosts });
}

/** An endpoint on the receiver, subscribed to version.registered. */
async function endpoint(events = ['version.registered'], url = receiver.url) {
  const res = await call(h(r.hooks.POST), 'POST', '/api/v1/webhooks', { token: admin.token, body: { url, events, description: 'test receiver' } });
  expect(res.status, res.text).toBe(201);
  return CreatedWebhookEndpointSchema.parse(res.json);
}

async function registerVersion() {
  const res = await call(h(r.versions.POST), 'POST', '/api/v1/versions', { token: engineer.token, body: versionBody((await makeComponent()).key) });
  expect(res.status, res.text).toBe(201);
  return res.json as { modelId: string };
}

/** Make every pending delivery of the endpoint due now (instead of waiting out the back-off). */
const dueNow = (endpointId: string) => db().webhookDelivery.updateMany({ where: { endpointId, status: 'pending' }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

beforeAll(async () => {
  admin = await tokenFor('admin');
  engineer = await tokenFor('engineer');
  await allow(['127.0.0.1']);
});
afterEach(async () => {
  await receiver?.close();
  // Only the endpoints of the test that ran: each test starts with none.
  await db().webhookEndpoint.deleteMany({});
});

describe('delivery', () => {
  it('sends a signed Standard Webhooks request after commit that a standard verifier accepts; the secret is shown once', async () => {
    receiver = await startReceiver();
    const ep = await endpoint();
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await call(h(r.hook.GET), 'GET', `/api/v1/webhooks/${ep.id}`, { token: admin.token, params: { id: ep.id } });
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(ep.secret);
    expect(read.json.secret).toBeUndefined();
    WebhookEndpointSchema.parse(read.json);
    z.object({ items: z.array(WebhookEndpointSchema) }).parse((await call(h(r.hooks.GET), 'GET', '/api/v1/webhooks', { token: admin.token })).json);

    const v = await registerVersion();
    expect(receiver.received).toHaveLength(0); // nothing is sent from the request itself
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 1, succeeded: 1 });
    const got = await receiver.nth(1);
    const payload = new Webhook(ep.secret).verify(got.body, got.headers) as { type: string; data: { entityId: string; change: { modelId: string } } };
    expect(payload.type).toBe('version.registered');
    expect(payload.data.change.modelId).toBe(v.modelId);
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    // A wrong secret or a changed body does not verify.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(got.body, got.headers)).toThrow();
    expect(() => new Webhook(ep.secret).verify(got.body.replace(v.modelId, 'other'), got.headers)).toThrow();

    const log = await call(h(r.deliveries.GET), 'GET', `/api/v1/webhooks/${ep.id}/deliveries`, { token: admin.token, params: { id: ep.id } });
    z.object({ items: z.array(WebhookDeliverySchema) }).parse(log.json);
    expect(log.json.items).toMatchObject([{ eventType: 'version.registered', status: 'succeeded', attempts: 1, lastResponseCode: 204 }]);
  });

  it('retries with back-off (500, then 200) under the same webhook-id, and redelivers on request', async () => {
    receiver = await startReceiver();
    receiver.respond((_req, i) => ({ status: i === 1 ? 500 : 200 }));
    const ep = await endpoint();
    await registerVersion();
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 1, retrying: 1 });
    const [first] = await listWebhookDeliveries(contextFor(admin.owner, { db: db() }), ep.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastResponseCode: 500, lastError: 'HTTP 500' });
    const wait = new Date(first.nextAttemptAt!).getTime() - new Date(first.lastAttemptAt!).getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000); // not due again at once
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 0 });
    await dueNow(ep.id);
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
    expect(new Webhook(ep.secret).verify(receiver.received[1].body, receiver.received[1].headers)).toBeTruthy();

    const redo = await call(h(r.redeliver.POST), 'POST', `/api/v1/webhooks/${ep.id}/deliveries/${first.id}/redeliver`, { token: admin.token, params: { id: ep.id, deliveryId: first.id } });
    expect(redo.status, redo.text).toBe(200);
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(receiver.received).toHaveLength(3);
  });

  it('sends nothing for a change whose transaction rolled back', async () => {
    receiver = await startReceiver();
    const ep = await endpoint(['version.transitioned']);
    const actor = await makeUser('engineer');
    await expect(
      inTransaction({ db: db() }, async (tx) => {
        await appendAuditEvent(tx, {
          actor, occurredAt: new Date(), action: 'version.transition', entityType: 'model_version', entityId: 'v-rolled-back',
          change: { modelId: 'pib-vg-x', from: 'development', to: 'testing', reason: null, requestId: null, incidentId: null },
        });
        expect(await tx.webhookDelivery.count({ where: { endpointId: ep.id } })).toBe(1); // written inside…
        throw new Error('the change failed after its audit event');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db().webhookDelivery.count({ where: { endpointId: ep.id } })).toBe(0); // …and gone with the rollback
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(0);
  });

  it('a slow receiver does not hold up the requests that cause events', async () => {
    receiver = await startReceiver();
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    receiver.respond(() => ({ hold: held }));
    const ep = await endpoint();
    await registerVersion();
    const sending = deliverDueWebhooks({ db: db(), endpointId: ep.id, timeoutMs: 60_000 });
    await receiver.nth(1); // the delivery is in flight and the receiver is not answering…
    await registerVersion(); // …and the next change commits all the same
    expect(await db().webhookDelivery.count({ where: { endpointId: ep.id } })).toBe(2);
    release();
    expect(await sending).toMatchObject({ attempted: 1, succeeded: 1 });
  });
});

describe('limits', () => {
  it('gives up on a receiver that does not answer in time (timeout) and keeps the delivery for a retry', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({ hold: new Promise(() => undefined) }));
    const ep = await endpoint();
    await registerVersion();
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id, timeoutMs: 300 })).toMatchObject({ attempted: 1, retrying: 1 });
    const [d] = await listWebhookDeliveries(contextFor(admin.owner, { db: db() }), ep.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastResponseCode: null, lastError: 'no complete answer within 300 ms' });
  });

  it('reads at most the size cap of an answer that never ends, then hangs up (no timeout)', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({ stream: true }));
    const ep = await endpoint();
    await registerVersion();
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id, timeoutMs: 20_000, maxResponseBytes: 64 * 1024 })).toMatchObject({ succeeded: 1 });
  });

  it('disables an endpoint after repeated failures, records it, tells the admin and stops sending', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({ status: 503 }));
    const ep = await endpoint();
    await registerVersion();
    for (let i = 0; i < 3; i += 1) {
      await dueNow(ep.id);
      await deliverDueWebhooks({ db: db(), endpointId: ep.id, disableAfter: 3 });
    }
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id }, select: { enabled: true, disabledReason: true, consecutiveFailures: true } });
    expect(row).toMatchObject({ enabled: false, consecutiveFailures: 3, disabledReason: expect.stringContaining('3 failed delivery attempts in a row; last: HTTP 503') });
    const audit = await db().auditEvent.findFirst({ where: { action: 'webhook.update', entityId: ep.id, actorType: 'system' }, select: { change: true } });
    expect(audit?.change).toMatchObject({ changes: { enabled: { before: true, after: false } } });
    expect(await autoDisabledWebhookEndpoints(contextFor(admin.owner, { db: db() }))).toMatchObject([{ id: ep.id }]);
    expect(await autoDisabledWebhookEndpoints(contextFor(engineer.owner, { db: db() }))).toEqual([]);
    await dueNow(ep.id);
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(3);
    // Enabled again by the admin: a fresh start, and the waiting delivery goes out.
    receiver.respond(() => ({ status: 200 }));
    const on = await call(h(r.hook.PATCH), 'PATCH', `/api/v1/webhooks/${ep.id}`, { token: admin.token, params: { id: ep.id }, body: { enabled: true } });
    expect(on.json).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    await dueNow(ep.id);
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ succeeded: 1 });
  });
});

describe('server-side request forgery', () => {
  it.each([
    ['http://127.0.0.1:9/hook', 'loopback'],
    ['http://10.1.2.3/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['http://[::1]:8080/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://localhost:9/hook', 'localhost resolves to'],
  ])('refuses %s at registration with 422 naming url', async (url, why) => {
    await allow([]);
    try {
      const before = await db().webhookEndpoint.count();
      const res = await call(h(r.hooks.POST), 'POST', '/api/v1/webhooks', { token: admin.token, body: { url, events: ['version.registered'] } });
      expect(res.status, res.text).toBe(422);
      expect((res.json.errors as Record<string, string[]>).url[0]).toContain(why);
      expect(await db().webhookEndpoint.count()).toBe(before);
    } finally {
      await allow(['127.0.0.1']);
    }
  });

  it('checks again at delivery: a host taken off the allow-list is not contacted', async () => {
    receiver = await startReceiver();
    const ep = await endpoint();
    await registerVersion();
    await allow([]);
    try {
      expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id })).toMatchObject({ attempted: 1, retrying: 1 });
    } finally {
      await allow(['127.0.0.1']);
    }
    const [d] = await listWebhookDeliveries(contextFor(admin.owner, { db: db() }), ep.id);
    expect(d.lastError).toMatch(/^refused: .*loopback/);
    expect(receiver.received).toHaveLength(0);
  });

  it('resolves again at delivery (DNS rebinding refused) and connects to the address it checked', async () => {
    receiver = await startReceiver();
    const url = `http://hooks.rebind.test:${receiver.port}/hook`;
    const ctx = contextFor(admin.owner, { db: db() });
    const ep = await createWebhookEndpoint(ctx, { url, events: ['version.registered'] }, { resolve: async () => [{ address: '93.184.215.14', family: 4 }] });
    await registerVersion();
    // Now the name answers with loopback: refused, nothing sent.
    const toLoopback = async () => [{ address: '127.0.0.1', family: 4 as const }];
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id, resolve: toLoopback })).toMatchObject({ retrying: 1 });
    expect(receiver.received).toHaveLength(0);
    // Allow-listed, the request goes to the checked address — a name the system resolver has never heard of.
    await allow(['127.0.0.1', 'hooks.rebind.test']);
    await dueNow(ep.id);
    expect(await deliverDueWebhooks({ db: db(), endpointId: ep.id, resolve: toLoopback })).toMatchObject({ succeeded: 1 });
    expect((await receiver.nth(1)).headers.host).toBe(`hooks.rebind.test:${receiver.port}`);
    await allow(['127.0.0.1']);
  });
});

describe('administration', () => {
  it('audits create, update and delete without the secret; refuses other roles', async () => {
    receiver = await startReceiver();
    const ep = await endpoint();
    const patch = await call(h(r.hook.PATCH), 'PATCH', `/api/v1/webhooks/${ep.id}`, { token: admin.token, params: { id: ep.id }, body: { events: ['version.registered', 'promotion.decided'], enabled: false } });
    expect(patch.status, patch.text).toBe(200);
    const del = await call(h(r.hook.DELETE), 'DELETE', `/api/v1/webhooks/${ep.id}`, { token: admin.token, params: { id: ep.id } });
    expect(del.json).toEqual({ id: ep.id, deleted: true });
    const events = await db().auditEvent.findMany({ where: { entityType: 'webhook_endpoint', entityId: ep.id }, orderBy: { seq: 'asc' }, select: { action: true, change: true } });
    expect(events.map((e) => e.action)).toEqual(['webhook.create', 'webhook.update', 'webhook.delete']);
    expect(JSON.stringify(events)).not.toContain(ep.secret);
    expect(JSON.stringify(events)).not.toContain('whsec_');
    expect(events[0].change).toMatchObject({ url: `http://127.0.0.1:${receiver.port}` }); // origin only
    for (const token of [engineer.token, (await tokenFor('committee')).token]) {
      expect((await call(h(r.hooks.GET), 'GET', '/api/v1/webhooks', { token })).status).toBe(403);
    }
  });

  it('announces a failed audit verification (once per break)', async () => {
    const ep = await endpoint(['audit.verification_failed']);
    const raw = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await raw.connect();
    try {
      await raw.query('SET session_replication_role = replica');
      await raw.query(`UPDATE audit_events SET change = '{"tampered": true}' WHERE seq = (SELECT min(seq) FROM audit_events)`);
    } finally {
      await raw.end();
    }
    const ctx = contextFor(admin.owner, { db: db() });
    expect((await verifyAuditLog(ctx)).ok).toBe(false);
    expect((await verifyAuditLog(ctx)).ok).toBe(false);
    const deliveries = await db().webhookDelivery.findMany({ where: { endpointId: ep.id }, select: { eventType: true, payload: true } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ eventType: 'audit.verification_failed', payload: { data: { reason: expect.any(String) } } });
  });
});
