import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '@/lib/auth/permissions';
import { contextFor, manualClock, type ServiceContext } from '@/lib/context';
import { CompareQuerySchema } from '@/lib/contracts/compare';
import { ListVersionsQuerySchema, listParamsFromSearch } from '@/lib/contracts/version-list';
import { prisma } from '@/lib/db';
import { metricHistory } from '@/lib/queries/metric-history';
import { renderModelCard } from '@/lib/queries/model-card';
import { branchKind } from '@/lib/domain/branch';
import { checkClaim } from '@/lib/domain/impact';
import { judgeChange, percentChange } from '@/lib/domain/metrics';
import { compareVersions as compareModelVersions } from '@/lib/queries/version-compare';
import { getVersionDetail } from '@/lib/queries/version-detail';
import { listModelVersions } from '@/lib/queries/version-list';
import { listSql, type ListRow } from '@/lib/queries/version-list-sql';
import { KEY_METRICS } from '@/lib/domain/metrics';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { makeComponent, makeUser, uniq } from '../fixtures';

const sha = (c: string) => c.repeat(64).slice(0, 64);

let comp: { id: string; key: string };
let viewer: ServiceContext;
const ids: Record<string, string> = {};

async function register(version: string, date: string, opts: { fvd?: number; is?: number; tc?: number; message?: string; branch?: string; tags?: string[]; description?: string; scenarios?: boolean } = {}) {
  const metrics: { metric: string; value: number; scenario?: string; language?: string }[] = [];
  if (opts.fvd != null) metrics.push({ metric: 'fvd', value: opts.fvd });
  if (opts.is != null) metrics.push({ metric: 'is', value: opts.is });
  if (opts.tc != null) metrics.push({ metric: 'temporal_coherence', value: opts.tc });
  if (opts.scenarios && opts.fvd != null) {
    metrics.push({ metric: 'fvd', value: opts.fvd + 10, scenario: 'policy_briefing' });
    metrics.push({ metric: 'fvd', value: opts.fvd + 20, scenario: 'emergency_alert' });
    metrics.push({ metric: 'fvd', value: opts.fvd + 5, scenario: 'policy_briefing', language: 'hi' });
  }
  const v = await registerModelVersion(contextFor(SYSTEM_ACTOR), {
    component: comp.key,
    architecture: 'diffusion',
    version,
    releaseDate: date,
    description: opts.description ?? `version ${version}`,
    configYaml: 'model:\n  layers: 24 # deep\n  name: "base"\n',
    artifacts: [{ path: 'model.pt', sha256: sha('ab'), sizeBytes: 5_000_000_000 }],
    git: { commit: 'abcdef1234567', branch: opts.branch ?? 'develop', message: opts.message },
    tags: opts.tags,
    metrics,
  });
  ids[version] = v.id;
  return v;
}

beforeAll(async () => {
  comp = await makeComponent();
  viewer = contextFor(await makeUser('viewer'));
  await register('1.2.0', '2023-03-01', { fvd: 200, is: 70, tc: 0.9, scenarios: true });
  await register('1.10.0', '2023-06-15', {
    fvd: 170,
    is: 71,
    tc: 0.95,
    scenarios: true,
    branch: 'release/v1.10.0',
    message: '[BASE] TUNE: Adjust attention\n\nBody.\n\nPerformance impact: -15% on FVD, +2% on temporal coherence, +10% on IS\nReviewed-by: Dr. Sharma',
  });
  await register('1.9.3', '2023-05-01', { fvd: 190, is: 69, tc: 0.91, branch: 'hotfix/emergency-mode-fix', tags: ['emergency'], description: 'Needle in a haystack' });
  await register('2.0.0', '2023-07-01', { fvd: 210 });
});

describe('pure helpers', () => {
  it('judges changes by direction', () => {
    expect(judgeChange('lower_is_better', -10)).toBe('better');
    expect(judgeChange('lower_is_better', 10)).toBe('worse');
    expect(judgeChange('higher_is_better', 10)).toBe('better');
    expect(judgeChange('higher_is_better', 0.01)).toBe('same');
    expect(judgeChange('higher_is_better', null)).toBeNull();
    expect(percentChange(200, 170)).toBeCloseTo(-15);
    expect(percentChange(0, 1)).toBeNull();
  });
  it('checks claims against measurements', () => {
    expect(checkClaim(-15, -14)).toBe('matches');
    expect(checkClaim(-15, -3)).toBe('overstated');
    expect(checkClaim(-15, 4)).toBe('contradicts');
    expect(checkClaim(2, null)).toBe('unmeasured');
  });
  it('classifies branches', () => {
    expect(branchKind('hotfix/x')).toBe('hotfix');
    expect(branchKind('release/v1.1.0')).toBe('release');
    expect(branchKind('feature/a')).toBe('feature');
    expect(branchKind('develop')).toBe('develop');
    expect(branchKind('main')).toBe('main');
    expect(branchKind('wip')).toBe('other');
    expect(branchKind(null)).toBeNull();
  });
  it('parses list params with one schema: the page drops what the API refuses, with the same limits', () => {
    const bad = { sort: 'bogus', pageSize: '1000', page: '-3', status: 'nope' };
    expect(listParamsFromSearch(bad)).toMatchObject({ sort: 'releaseDate', order: 'desc', page: 1, pageSize: 25 });
    expect(listParamsFromSearch(bad).status).toBeUndefined();
    expect(ListVersionsQuerySchema.safeParse(bad).success).toBe(false);
    expect(listParamsFromSearch({ sort: 'version', status: 'testing', q: '  x ' })).toMatchObject({ sort: 'version', order: 'asc', status: 'testing', q: 'x' });
    // One limit for both: a page number the API refuses is not accepted by the page either
    // (the page's own parser allowed up to 1,000,000, the API 100,000).
    expect(ListVersionsQuerySchema.safeParse({ page: '500000' }).success).toBe(false);
    expect(listParamsFromSearch({ page: '500000' }).page).toBe(1);
  });
  it('parses compare ids from a list or repeated parameters, empty slots left out', () => {
    expect(CompareQuerySchema.parse({ ids: 'a, b,,c' }).ids).toEqual(['a', 'b', 'c']);
    expect(CompareQuerySchema.parse({ ids: ['a,b', 'c', '', ''] }).ids).toEqual(['a', 'b', 'c']);
    expect(CompareQuerySchema.safeParse({ ids: 'a' }).success).toBe(false);
  });
});

describe('listModelVersions', () => {
  it('refuses without read:registry', async () => {
    await expect(listModelVersions(contextFor(null as unknown as Actor))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('sorts by semantic version numerically, not as text', async () => {
    const asc = await listModelVersions(viewer, { component: comp.key, sort: 'version', order: 'asc' });
    expect(asc.items.map((i) => i.version)).toEqual(['1.2.0', '1.9.3', '1.10.0', '2.0.0']);
    const desc = await listModelVersions(viewer, { component: comp.key, sort: 'version', order: 'desc' });
    expect(desc.items.map((i) => i.version)).toEqual(['2.0.0', '1.10.0', '1.9.3', '1.2.0']);
  });

  it('defaults to newest release first with overall key metrics only', async () => {
    const r = await listModelVersions(viewer, { component: comp.key });
    expect(r.items[0].version).toBe('2.0.0');
    const v110 = r.items.find((i) => i.version === '1.10.0')!;
    expect(v110.keyMetrics).toEqual({ fvd: 170, is: 71, temporal_coherence: 0.95 });
    expect(r.total).toBe(4);
  });

  it('filters by status and tag, searches case-insensitively, paginates', async () => {
    expect((await listModelVersions(viewer, { component: comp.key, tag: 'emergency' })).items.map((i) => i.version)).toEqual(['1.9.3']);
    expect((await listModelVersions(viewer, { component: comp.key, status: 'production' })).total).toBe(0);
    expect((await listModelVersions(viewer, { q: 'NEEDLE IN A' })).items.map((i) => i.id)).toEqual([ids['1.9.3']]);
    expect((await listModelVersions(viewer, { q: `${comp.key}-diffusion-1.10` })).items.map((i) => i.id)).toEqual([ids['1.10.0']]);
    // A model id part through the folded trigram index ('.' and '-' indexed as letters): the text
    // itself still decides — its folded form, LIKE's wildcards and other case never match more.
    const byModelId = async (q: string) => (await listModelVersions(viewer, { q, component: comp.key })).items.map((i) => i.version);
    expect(await byModelId(`${comp.key.toUpperCase()}-DIFFUSION-1.2`)).toEqual(['1.2.0']);
    expect(await byModelId('diffusion-1.')).toEqual(['2.0.0', '1.10.0', '1.9.3', '1.2.0'].filter((v) => v.startsWith('1.')));
    expect(await byModelId(`${comp.key}jdiffusionj1q2`)).toEqual([]);
    expect(await byModelId(`${comp.key}_diffusion`)).toEqual([]);
    expect(await byModelId('1%2')).toEqual([]);
    // A search reads up to SEARCH_READ_ONCE matches once; past it, the page and the total are read
    // as for any filter. Both ways answer alike, in every order and on a later page.
    for (const [sort, order] of [['releaseDate', 'desc'], ['version', 'asc'], ['component', 'desc'], ['modelId', 'asc'], ['status', 'asc'], ['createdAt', 'desc']] as const) {
      const read = async (readOnce: number) => (await prisma.$queryRaw<ListRow[]>(listSql({ q: 'diffusion-1.', component: comp.key }, sort, order, 2, 2, KEY_METRICS, readOnce)))[0];
      const [once, twice] = [await read(5000), await read(0)];
      expect(once.total).toBe(3);
      expect(once).toEqual(twice);
    }
    const p2 = await listModelVersions(viewer, { component: comp.key, sort: 'version', order: 'asc', page: 2, pageSize: 3 });
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.items.map((i) => i.version)).toEqual(['2.0.0']);
  });
});

describe('getVersionDetail', () => {
  it('is a not_found error for an unknown, empty or overlong ref', async () => {
    for (const ref of ['pib-vg-nope-diffusion-1.0.0-20230101', uniq('id'), '', 'x'.repeat(201)]) {
      await expect(getVersionDetail(viewer, ref)).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('loads by model id with lineage, metrics, artifacts and the impact vs the previous semver version', async () => {
    const modelId = `pib-vg-${comp.key}-diffusion-1.10.0-20230615`;
    const d = await getVersionDetail(viewer, modelId);
    expect(d.id).toBe(ids['1.10.0']);
    expect(d.branchKind).toBe('release');
    expect(d.commit?.reviewedBy).toEqual(['Dr. Sharma']);
    expect(d.artifacts[0]).toMatchObject({ path: 'model.pt', sizeBytes: 5_000_000_000, sizeBytesText: '5000000000' });
    // previous by semver is 1.9.3, not 1.2.0 (text order) and not by date
    expect(d.previous?.version).toBe('1.9.3');
    const fvd = d.metrics.groups.find((m) => m.key === 'fvd')!;
    expect(fvd.rows.map((r) => `${r.scenario}|${r.language}`)).toEqual(['|', 'emergency_alert|', 'policy_briefing|', 'policy_briefing|hi']);
    const row = d.metrics.impact.rows.find((r) => r.metricKey === 'fvd')!;
    expect(row.previous).toBe(190);
    expect(row.changePct).toBeCloseTo(((170 - 190) / 190) * 100);
    expect(row.verdict).toBe('better');
    expect(row.claimedPct).toBe(-15);
    expect(row.claimCheck).toBe('matches');
    const is = d.metrics.impact.rows.find((r) => r.metricKey === 'is')!;
    expect(is.claimCheck).toBe('overstated'); // +10% claimed, +2.9% measured
    expect(d.governance.transitions[0]).toMatchObject({ toStatus: 'development', actorLabel: 'system' });
  });

  it('has no previous version for the first one', async () => {
    const d = await getVersionDetail(viewer, ids['1.2.0']);
    expect(d.previous).toBeNull();
    expect(d.metrics.impact.rows.every((r) => r.changePct === null)).toBe(true);
  });
});

describe('compareModelVersions', () => {
  it('computes direction-aware deltas against the first version per scenario and language', async () => {
    const c = await compareModelVersions(viewer, [ids['1.2.0'], `pib-vg-${comp.key}-diffusion-1.10.0-20230615`, ids['2.0.0']]);
    expect(c.versions.map((v) => v.version)).toEqual(['1.2.0', '1.10.0', '2.0.0']);
    const fvd = c.metrics.find((m) => m.key === 'fvd')!;
    // Every scenario × language (the page's copy read only the overall language and hid 'hi').
    expect(fvd.rows.map((r) => `${r.scenario}|${r.language}`)).toEqual(['|', 'emergency_alert|', 'policy_briefing|', 'policy_briefing|hi']);
    const overall = fvd.rows[0].cells;
    expect(overall[0]).toMatchObject({ value: 200, deltaPct: null });
    expect(overall[1]).toMatchObject({ value: 170, deltaAbs: -30, verdict: 'better' });
    expect(overall[1].deltaPct).toBeCloseTo(-15);
    expect(overall[2]).toMatchObject({ value: 210, verdict: 'worse' });
    const pb = fvd.rows.find((r) => r.scenario === 'policy_briefing' && r.language === '')!;
    expect(pb.cells[2].value).toBeNull();
    const is = c.metrics.find((m) => m.key === 'is')!;
    expect(is.rows[0].cells[1].verdict).toBe('better');
    expect(c.impacts[1].rows.find((r) => r.metricKey === 'fvd')?.claimCheck).toBe('matches');
    expect(c.impacts[0].previous).toBeNull();
  });

  it('refuses fewer than 2 or more than 5 versions, and unknown refs', async () => {
    await expect(compareModelVersions(viewer, [ids['1.2.0']])).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(compareModelVersions(viewer, ['a', 'b', 'c', 'd', 'e', 'f'])).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(compareModelVersions(viewer, [ids['1.2.0'], 'pib-vg-x-y-1.0.0-20230101'])).rejects.toMatchObject({ code: 'not_found' });
  });

  it('names every unknown ref at once and refuses one version listed twice (by id and by model id)', async () => {
    await expect(compareModelVersions(viewer, ['pib-vg-x-y-1.0.0-20230101', 'nope'])).rejects.toMatchObject({ code: 'not_found', details: { missing: ['pib-vg-x-y-1.0.0-20230101', 'nope'] } });
    await expect(compareModelVersions(viewer, [ids['1.2.0'], `pib-vg-${comp.key}-diffusion-1.2.0-20230301`])).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('metricHistory', () => {
  it('returns the component history in release order, downsampled above the budget', async () => {
    const h = (await metricHistory(viewer, comp.key, 'fvd'))!;
    expect(h.points.map((p) => p.version)).toEqual(['1.2.0', '1.9.3', '1.10.0', '2.0.0']);
    expect(h.downsampled).toBe(false);
    const small = (await metricHistory(viewer, comp.key, 'fvd', '', 3))!;
    expect(small.points).toHaveLength(3);
    expect(small.total).toBe(4);
    expect(small.downsampled).toBe(true);
    expect(await metricHistory(viewer, 'nope', 'fvd')).toBeNull();
  });
});

describe('model card', () => {
  it("is rendered from the read model on the context's clock", async () => {
    const clock = manualClock('2023-06-30T12:00:00Z');
    const ctx = contextFor(viewer.actor, { now: clock.now });
    const d = await getVersionDetail(ctx, ids['1.10.0']);
    const md = renderModelCard(d, ctx.now());
    expect(md).toContain('_Generated by the model governance registry on 2023-06-30._');
    expect(md).toContain(`Previous version of \`${comp.key}\` by semantic version: \`pib-vg-${comp.key}-diffusion-1.9.3-20230501\``);
    expect(md).toContain('| FVD | 190 | 170 | -10.53% | -15% | better');
  });
});

it('leaves the database usable (sanity)', async () => {
  expect(await prisma.modelVersion.count({ where: { componentId: comp.id } })).toBe(4);
});
