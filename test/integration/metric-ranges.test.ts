import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as metricsRoute from '@/app/api/v1/versions/[ref]/metrics/route';
import * as definitionsRoute from '@/app/api/v1/metric-definitions/route';
import * as definitionRoute from '@/app/api/v1/metric-definitions/[key]/route';
import { makeComponent } from '../fixtures';
import { call, counts, tokenFor, versionBody, withOwnDatabase } from './api-helpers';

// Finding 9: FVD −5, temporal coherence 7 and 1.7e308 were accepted. Each metric definition has a
// valid range (admin-editable); a value outside it is a 400 naming the metric.

const { db } = withOwnDatabase('mgr_api_ranges');

let engineer: string;
let admin: string;
let component: string;
beforeAll(async () => {
  engineer = (await tokenFor('engineer')).token;
  admin = (await tokenFor('admin')).token;
  component = (await makeComponent()).key;
});

const register = (metrics: unknown[]) => call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: versionBody(component, { metrics }) });

describe('metric values outside the definition’s range', () => {
  it.each([
    ['fvd', -5, /fvd/],
    ['temporal_coherence', 7, /temporal_coherence/],
    ['temporal_coherence', -0.1, /temporal_coherence/],
    ['fvd', 1.7e308, /fvd/],
    ['is', 0.5, /\bis\b/],
    ['generation_time', -1, /generation_time/],
  ])('registering %s = %d → 400 naming the metric, nothing written', async (metric, value, names) => {
    const before = await counts(db());
    const r = await register([{ metric: 'fvd', value: 185.3, scenario: 'policy_briefing' }, { metric, value }]);
    expect(r.status, r.text).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const errors = r.json.errors as Record<string, string[]>;
    expect(Object.keys(errors)).toEqual(['metrics.1.value']);
    expect(errors['metrics.1.value'][0]).toMatch(names);
    expect(String(r.json.detail)).toMatch(names);
    expect(await counts(db())).toEqual(before);
  });

  it('values inside every range are accepted (the seed’s own figures)', async () => {
    const r = await register([{ metric: 'fvd', value: 185.3 }, { metric: 'is', value: 72.6 }, { metric: 'temporal_coherence', value: 0.93 }, { metric: 'temporal_coherence', value: 1, scenario: 'policy_briefing' }, { metric: 'generation_time', value: 2.3 }, { metric: 'fvd', value: 0, scenario: 'instructional' }]);
    expect(r.status, r.text).toBe(201);
  });

  it('POST …/metrics applies the same ranges', async () => {
    const created = await register([]);
    expect(created.status).toBe(201);
    const ref = String(created.json.modelId);
    const r = await call(metricsRoute.POST, 'POST', `/api/v1/versions/${ref}/metrics`, { token: engineer, params: { ref }, body: { metrics: [{ metric: 'temporal_coherence', value: 7 }] } });
    expect(r.status, r.text).toBe(400);
    expect(Object.keys(r.json.errors as object)).toEqual(['metrics.0.value']);
  });
});

describe('ranges are part of the definition and admin-editable', () => {
  it('GET /api/v1/metric-definitions shows each range', async () => {
    const r = await call(definitionsRoute.GET, 'GET', '/api/v1/metric-definitions', { token: engineer });
    const items = r.json.items as { key: string; minValue: number | null; maxValue: number | null }[];
    expect(items.find((d) => d.key === 'temporal_coherence')).toMatchObject({ minValue: 0, maxValue: 1 });
    expect(items.find((d) => d.key === 'fvd')).toMatchObject({ minValue: 0 });
  });

  it('an admin widens a range (audited); then the value is accepted. Others get 403; min > max is 400', async () => {
    const patch = (token: string, body: unknown) => call(definitionRoute.PATCH, 'PATCH', '/api/v1/metric-definitions/generation_time', { token, params: { key: 'generation_time' }, body });
    expect((await patch(engineer, { maxValue: 1e6 })).status).toBe(403);
    const bad = await patch(admin, { minValue: 5, maxValue: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.errors as object)).toContain('minValue');
    expect((await call(definitionRoute.PATCH, 'PATCH', '/api/v1/metric-definitions/nope', { token: admin, params: { key: 'nope' }, body: { minValue: 0 } })).status).toBe(404);

    expect((await register([{ metric: 'generation_time', value: 5000 }])).status).toBe(400);
    const ok = await patch(admin, { maxValue: 1e6 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ key: 'generation_time', minValue: 0, maxValue: 1e6 });
    const event = await db().auditEvent.findFirst({ where: { action: 'metric_definition.update' }, orderBy: { seq: 'desc' }, select: { change: true } });
    expect(event?.change).toMatchObject({ key: 'generation_time', before: { maxValue: 3600 }, after: { maxValue: 1e6 } });
    expect((await register([{ metric: 'generation_time', value: 5000 }])).status).toBe(201);
  });
});
