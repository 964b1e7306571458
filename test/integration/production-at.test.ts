import { beforeAll, describe, expect, it } from 'vitest';
import * as productionRoute from '@/app/api/v1/production/route';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { loadDemoStory } from '@/lib/demo/story';
import { getProductionAt, getProductionTimeline, ProductionAtQuerySchema } from '@/lib/queries/production-at';
import { call, tokenFor, withOwnDatabase } from './api-helpers';

// Point in time over the demo story: the answers are checked against its calendar (lib/demo/chapters).
const { db } = withOwnDatabase('mgr_prod_at');
let viewer: string;

beforeAll(async () => {
  await loadDemoStory(db());
  viewer = (await tokenFor('viewer')).token;
}, 180_000);

const id = (component: string, version: string, date: string) => `pib-vg-${component}-diffusion-${version}-${date}`;

async function at(when: string) {
  const r = await getProductionAt(contextFor(SYSTEM_ACTOR, { db: db() }), ProductionAtQuerySchema.parse({ at: when }).at);
  return Object.fromEntries(r.components.map((c) => [c.component, c]));
}

describe('which version of each component was in production on a date, and since when', () => {
  it('nothing before the first promotion (27 January); base 1.0.0 from then, by the committee', async () => {
    const jan15 = await at('2023-01-15');
    expect(Object.values(jan15).map((c) => c.modelId)).toEqual([null, null, null, null]);
    expect((await at('2023-01-27')).base).toMatchObject({ modelId: id('base', '1.0.0', '20230120'), via: 'committee', since: expect.stringMatching(/^2023-01-27T/) });
  });

  it('follows each replacement on its day: base 1.1.0 on 5 April, base 1.2.3 on 15 June (not on the 14th)', async () => {
    const mar1 = await at('2023-03-01');
    expect(mar1.residual.modelId).toBe(id('residual', '1.0.0', '20230210'));
    expect(mar1['super-res'].modelId).toBeNull(); // promoted on 2 March
    expect((await at('2023-04-05')).base).toMatchObject({ modelId: id('base', '1.1.0', '20230328'), since: expect.stringMatching(/^2023-04-05T/) });
    expect((await at('2023-06-14')).base.modelId).toBe(id('base', '1.1.0', '20230328'));
    const jun15 = await at('2023-06-15');
    expect(jun15.base).toMatchObject({ modelId: id('base', '1.2.3', '20230615'), since: expect.stringMatching(/^2023-06-15T/) });
    expect(jun15['super-res'].modelId).toBe(id('super-res', '1.0.0', '20230225'));
    expect(jun15['fact-check'].modelId).toBe(id('fact-check', '1.0.0', '20230305'));
  });

  it('shows the emergency path (fact-check 1.0.1 on 12 July)', async () => {
    expect((await at('2023-07-11'))['fact-check'].modelId).toBe(id('fact-check', '1.0.0', '20230305'));
    expect((await at('2023-07-12'))['fact-check']).toMatchObject({ modelId: id('fact-check', '1.0.1', '20230712'), via: 'emergency' });
  });

  it('shows the rollback of residual 1.2.0 on 16 August, with the traffic split while it ran', async () => {
    expect((await at('2023-08-15')).residual.modelId).toBe(id('residual', '1.1.0', '20230502'));
    const morning = await at('2023-08-16T12:00:00Z');
    expect(morning.residual).toMatchObject({ modelId: id('residual', '1.2.0', '20230808'), via: 'committee', traffic: null });
    const during = await at('2023-08-16T14:00:00Z'); // opened 13:07, first 20% step 13:44, second 14:21
    expect(during.residual).toMatchObject({ modelId: id('residual', '1.1.0', '20230502'), via: 'rollback', since: expect.stringMatching(/^2023-08-16T13:/) });
    expect(during.residual.traffic).toEqual([{ modelId: id('residual', '1.1.0', '20230502'), percent: 20 }, { modelId: id('residual', '1.2.0', '20230808'), percent: 80 }]);
    const evening = await at('2023-08-16');
    expect(evening.residual).toMatchObject({ modelId: id('residual', '1.1.0', '20230502'), via: 'rollback', traffic: null });
  });

  it('gives each component its production timeline', async () => {
    const timeline = await getProductionTimeline(contextFor(SYSTEM_ACTOR, { db: db() }));
    const residual = timeline.find((t) => t.component === 'residual')!;
    expect(residual.periods.map((p) => [p.modelId.split('-')[4], p.from.slice(0, 10), p.to?.slice(0, 10) ?? null, p.via])).toEqual([
      ['1.0.0', '2023-02-16', '2023-05-10', 'committee'],
      ['1.1.0', '2023-05-10', '2023-08-16', 'committee'],
      ['1.2.0', '2023-08-16', '2023-08-16', 'committee'],
      ['1.1.0', '2023-08-16', null, 'rollback'],
    ]);
  });
});

describe('GET /api/v1/production', () => {
  it('answers for a date or a UTC time', async () => {
    const r = await call(productionRoute.GET, 'GET', '/api/v1/production', { token: viewer, query: 'at=2023-06-15' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ at: '2023-06-15T23:59:59.999Z' });
    expect(r.json.components).toContainEqual(expect.objectContaining({ component: 'base', modelId: id('base', '1.2.3', '20230615') }));
    expect((await call(productionRoute.GET, 'GET', '/api/v1/production', { token: viewer, query: 'at=2023-06-15T00:00:00Z' })).json.components)
      .toContainEqual(expect.objectContaining({ component: 'base', modelId: id('base', '1.1.0', '20230328') }));
  });

  it('400 naming `at` for a missing, malformed or impossible date; 401 without a token', async () => {
    for (const query of ['', 'at=yesterday', 'at=2023-02-30', 'at=2023-06-15T25:00:00Z', 'at=2023-06-15T10:00:00']) {
      const r = await call(productionRoute.GET, 'GET', '/api/v1/production', { token: viewer, query });
      expect(r.status, query).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(Object.keys(r.json.errors ?? r.json.fieldErrors ?? {}), query).toEqual(['at']);
    }
    expect((await call(productionRoute.GET, 'GET', '/api/v1/production', { query: 'at=2023-06-15' })).status).toBe(401);
  });
});
