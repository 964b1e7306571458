// mgr webhooks against a stub registry that records what it was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFrom, mgr, stubRegistry, type SeenRequest } from './fixtures';

let stub: Awaited<ReturnType<typeof stubRegistry>>;
let seen: SeenRequest[];
let url: string;
const EP = { id: 'wh1', url: 'https://hooks.example.com/r', description: '', events: ['promotion.decided'], enabled: true, disabledReason: null, deliveries: { succeeded: 3, pending: 1, failed: 0 } };
const ANSWERS: Record<string, [number, unknown]> = {
  'POST /api/v1/webhooks': [201, { ...EP, secret: 'whsec_c2VjcmV0' }],
  'GET /api/v1/webhooks': [200, { items: [EP] }],
  'DELETE /api/v1/webhooks/wh1': [200, { id: 'wh1', deleted: true }],
  'GET /api/v1/webhooks/wh1/deliveries': [200, { items: [{ id: 'd1', eventType: 'promotion.decided', status: 'failed', attempts: 8, lastResponseCode: 500, lastError: 'HTTP 500', createdAt: '2026-11-30T12:00:00.000Z' }] }],
  'POST /api/v1/webhooks/wh1/deliveries/d1/redeliver': [200, { id: 'd1', status: 'pending' }],
};

beforeAll(async () => {
  const table = answersFrom(ANSWERS);
  // A loopback URL is refused as the registry refuses it (422 naming url).
  stub = await stubRegistry((req) =>
    req.method === 'POST' && req.path === '/api/v1/webhooks' && req.raw.includes('127.0.0.1')
      ? [422, { type: 'x', title: 'Webhook destination refused', status: 422, detail: 'Webhook URL refused', errors: { url: ['points to a loopback address'] } }]
      : table(req),
  );
  ({ seen, url } = stub);
});
afterAll(() => stub.close());

const run = (args: string[]) => mgr([...args, '--url', url, '--token', 'mgr_admin']);

describe('mgr webhooks', () => {
  it('add posts the url and events and prints the secret once; a refused url exits 1 naming url', async () => {
    const r = await run(['webhooks', 'add', EP.url, '--event', 'promotion.decided', '--event', 'incident.opened']);
    expect(r.code, r.stderr).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/webhooks', body: { url: EP.url, events: ['promotion.decided', 'incident.opened'] } });
    expect(r.stdout).toContain('whsec_c2VjcmV0');
    const bad = await run(['webhooks', 'add', 'http://127.0.0.1/x', '--event', 'promotion.decided']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('url');
  });

  it('list, deliveries, redeliver and remove make their calls', async () => {
    expect((await run(['webhooks', 'list'])).stdout).toContain('wh1  enabled  promotion.decided  https://hooks.example.com/r  3/1/0');
    const d = await run(['webhooks', 'deliveries', 'wh1', '--status', 'failed']);
    expect(seen.at(-1)?.path).toBe('/api/v1/webhooks/wh1/deliveries?status=failed');
    expect(d.stdout).toContain('d1  promotion.decided  failed  attempts 8  500  HTTP 500');
    expect((await run(['webhooks', 'redeliver', 'wh1', 'd1'])).code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/webhooks/wh1/deliveries/d1/redeliver' });
    expect((await run(['webhooks', 'remove', 'wh1'])).stdout).toContain('removed wh1');
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/v1/webhooks/wh1' });
  });
});
