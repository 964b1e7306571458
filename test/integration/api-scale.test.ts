import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as versionRoute from '@/app/api/v1/versions/[ref]/route';
import { call, tokenFor, withOwnDatabase } from './api-helpers';

// Correctness at 10,000 versions: every query shape answers, counts and semver order hold.
// Speed is measured by the benchmark (`npm run bench`), not asserted here: shared machines are noisy.

const { db } = withOwnDatabase('mgr_api_scale');
let viewer: string;

beforeAll(async () => {
  viewer = (await tokenFor('viewer')).token;
  await db().$executeRawUnsafe(`
    INSERT INTO model_versions (id, model_id, component_id, architecture, version, major, minor, patch, release_date, description, tags, status, updated_at)
    SELECT 'scale-' || c.key || '-' || g,
           'pib-vg-' || c.key || '-diffusion-' || (g / 100) || '.' || (g % 100) || '.0-' || to_char(date '2020-01-01' + (g % 1500), 'YYYYMMDD'),
           c.id, 'diffusion', (g / 100) || '.' || (g % 100) || '.0', g / 100, g % 100, 0,
           date '2020-01-01' + (g % 1500), 'synthetic version ' || g,
           CASE WHEN g % 10 = 0 THEN ARRAY['emergency'] ELSE ARRAY[]::text[] END,
           (ARRAY['development','testing','staging','deprecated','archived']::"VersionStatus"[])[1 + g % 5],
           now()
    FROM generate_series(1, 2500) g CROSS JOIN components c`);
  await db().$executeRawUnsafe(`
    INSERT INTO metrics (id, version_id, definition_id, scenario, language, value)
    SELECT 'm' || v.id, v.id, 'met_fvd', '', '', 150 + (random() * 100) FROM model_versions v`);
  await db().$executeRawUnsafe('ANALYZE');
});

describe('GET /api/v1/versions at 10k versions', () => {
  it('answers each query shape with the right totals and numeric semver order', async () => {
    expect(await db().modelVersion.count()).toBeGreaterThanOrEqual(10_000);
    const queries = [
      'sort=version&order=desc',
      'component=base&sort=version&order=asc&page=20',
      'sort=releaseDate&order=desc&page=300',
      'status=staging&sort=modelId',
      'tag=emergency&sort=status',
      'q=synthetic%20version%20123&sort=createdAt',
      'component=super-res&status=archived&sort=version&pageSize=100',
    ];
    const totals: Record<string, number> = {};
    for (const q of queries) {
      const r = await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token: viewer, query: q });
      expect(r.status, q).toBe(200);
      totals[q] = r.json.total as number;
    }
    expect(totals['component=base&sort=version&order=asc&page=20']).toBe(2500);
    expect(totals['status=staging&sort=modelId']).toBe(2000); // g % 5 = 2, per component
    expect(totals['tag=emergency&sort=status']).toBe(1000); // g % 10 = 0, per component
    expect(totals['component=super-res&status=archived&sort=version&pageSize=100']).toBe(500);
    const top = await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token: viewer, query: 'component=base&sort=version&order=desc&pageSize=3' });
    expect((top.json.items as { version: string }[]).map((i) => i.version)).toEqual(['25.0.0', '24.99.0', '24.98.0']);
  });

  it('finds the previous version by semver (9.99.0 before 10.0.0, not by text) for detail', async () => {
    const r = await call(versionRoute.GET, 'GET', '/api/v1/versions/scale-base-1000', { token: viewer, params: { ref: 'scale-base-1000' } });
    expect(r.status).toBe(200);
    expect((r.json.previousVersion as { version: string }).version).toBe('9.99.0');
  });
});
