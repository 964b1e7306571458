import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createUser, expect, insertApiToken, makePromotion, test } from './fixtures';

// Issue 9's story: an admin registers a receiver through the API; a committee member gives the
// deciding approval in the browser; the receiver (started here, on loopback, which the admin
// allow-lists for this test) gets a `promotion.decided` event whose Standard Webhooks signature
// verifies with the secret shown once at registration. Delivery runs after commit, from the
// server's job queue, so the spec waits for it with expect.poll.

type Received = { headers: http.IncomingHttpHeaders; body: string };

test('the committee approves in the browser and a receiver gets the signed promotion.decided event', async ({ page, signIn, baseURL }) => {
  test.setTimeout(180_000);
  const received: Received[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => { received.push({ headers: req.headers, body }); res.writeHead(204).end(); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;

  const admin = await createUser('admin');
  const token = await insertApiToken(admin.id, { kind: 'personal', role: 'admin' });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${baseURL}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

  const before = (await (await api('/settings')).json()) as { webhookAllowedHosts: string[] };
  let endpointId: string | null = null;
  try {
    const allowed = await api('/settings', { method: 'PATCH', body: JSON.stringify({ webhookAllowedHosts: [...new Set([...before.webhookAllowedHosts, '127.0.0.1'])] }) });
    expect(allowed.status, await allowed.clone().text()).toBe(200);
    const created = await api('/webhooks', { method: 'POST', body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, events: ['promotion.decided'], description: 'e2e receiver' }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };
    endpointId = endpoint.id;
    expect(endpoint.secret).toMatch(/^whsec_/);

    const made = await makePromotion(1);
    await signIn('committee');
    await page.goto('/approvals');
    const card = page.getByTestId('promotion-request').filter({ hasText: made.modelId });
    await card.getByLabel(/Comment/).fill('Evidence reviewed; approved');
    await card.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('alertdialog');
    if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button', { name: /Approve|Confirm/ }).click();
    await expect(page.getByRole('region', { name: 'Decided' })).toContainText(made.modelId);

    // Other specs decide requests on the same server: pick this request's event.
    const mine = () => received.find((r) => r.body.includes(made.requestId) || r.body.includes(made.modelId));
    await expect.poll(() => mine() !== undefined, { timeout: 90_000, intervals: [500, 1000, 2000] }).toBe(true);
    const got = mine()!;
    const verified = new Webhook(endpoint.secret).verify(got.body, {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    }) as { type: string; data: { decision?: string } };
    expect(verified.type).toBe('promotion.decided');
    expect(verified.data.decision).toBe('approved');
    // A body changed in transit fails the same check.
    expect(() => new Webhook(endpoint.secret).verify(got.body.replace('approved', 'rejected'), {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    })).toThrow();
  } finally {
    if (endpointId) await api(`/webhooks/${endpointId}`, { method: 'DELETE' });
    await api('/settings', { method: 'PATCH', body: JSON.stringify({ webhookAllowedHosts: before.webhookAllowedHosts }) });
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
