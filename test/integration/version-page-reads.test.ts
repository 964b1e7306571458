import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor, type ServiceContext } from '@/lib/context';
import { versionDetailResponse } from '@/lib/contracts/version-detail';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { metricHistory } from '@/lib/queries/metric-history';
import { renderModelCard } from '@/lib/queries/model-card';
import { loadVersionCore } from '@/lib/queries/version-core';
import { getVersionApiDetail, getVersionDetail, withSlices } from '@/lib/queries/version-detail';
import { loadVersionLifecycle } from '@/lib/queries/version-lifecycle';
import { addTestResult } from '@/lib/services/add-test-results';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { makeComponent, makeUser } from '../fixtures';

// The version page reads each slice of the version once. Before the read model was one, a view
// ran the page's detail, then the API's detail again for the model card, and the gate checklist
// resolved the version a third time: 57 SQL statements for the demo's base 1.2.3
// (docs in /work/notes/arch-reads.md). Counted here with Prisma's query events.

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: 'event', level: 'query' }] });
let statements = 0;
db.$on('query', () => void statements++);
const count = async <T>(fn: () => Promise<T>): Promise<{ n: number; value: T }> => {
  statements = 0;
  const value = await fn();
  return { n: statements, value };
};

let ctx: ServiceContext;
let modelId: string;
const sha = 'ab'.repeat(32);

beforeAll(async () => {
  const comp = await makeComponent();
  const base = { component: comp.key, architecture: 'diffusion', configYaml: 'a: 1\n', artifacts: [{ path: 'model.pt', sha256: sha, sizeBytes: 10 }], git: { commit: 'abcdef1', branch: 'develop', message: '[BASE] TUNE: x\n\nPerformance impact: -10% on FVD\nReviewed-by: A' } };
  await registerModelVersion(contextFor(SYSTEM_ACTOR), { ...base, version: '1.0.0', releaseDate: '2023-01-01', metrics: [{ metric: 'fvd', value: 200 }, { metric: 'is', value: 60 }] });
  const v = await registerModelVersion(contextFor(SYSTEM_ACTOR), {
    ...base,
    version: '1.1.0',
    releaseDate: '2023-02-01',
    metrics: [{ metric: 'fvd', value: 180 }, { metric: 'is', value: 61 }, { metric: 'fvd', scenario: 'policy_briefing', value: 185 }, { metric: 'fvd', scenario: 'policy_briefing', language: 'hi', value: 190 }],
  });
  modelId = v.modelId;
  ctx = contextFor(await makeUser('engineer'), { db });
});

afterAll(() => db.$disconnect());

describe('the version page', () => {
  it('reads the version once per slice: at most 37 statements for everything it shows (57 before)', async () => {
    const { n } = await count(async () => {
      const core = await loadVersionCore(ctx, modelId);
      const [detail] = await Promise.all([withSlices(ctx, core), loadVersionLifecycle(ctx, core.id), metricHistory(ctx, core.component.key, 'fvd', '', 200)]);
      return renderModelCard(detail, ctx.now());
    });
    expect(n).toBeGreaterThan(0);
    expect(n, "SQL statements for one view").toBeLessThanOrEqual(37);
  });

  it('renders the model card from the read model without reading again', async () => {
    const detail = await getVersionDetail(ctx, modelId);
    const { n, value } = await count(async () => renderModelCard(detail, ctx.now()));
    expect(n).toBe(0);
    expect(value).toContain(`# Model card: ${modelId}`);
  });

  it('serialises the same read model for the API (one read model for page, API and card)', async () => {
    const detail = await getVersionDetail(ctx, modelId);
    const { n, value } = await count(async () => versionDetailResponse(detail));
    expect(n).toBe(0);
    expect(value.measuredImpact.find((m) => m.metric === 'fvd')).toMatchObject({ previous: 200, current: 180, changePct: -10, improved: true, claimedPct: -10 });
    expect(value.metrics.filter((m) => m.metric === 'fvd').map((m) => `${m.scenario}|${m.language}`)).toEqual(['|', 'policy_briefing|', 'policy_briefing|hi']);
  });

  it('the API reads only the slices it sends, in one SQL statement: the same read model and body as the full Prisma reading', async () => {
    const full = await count(() => getVersionDetail(ctx, modelId));
    const api = await count(() => getVersionApiDetail(ctx, modelId));
    expect(versionDetailResponse(api.value)).toEqual(versionDetailResponse(full.value));
    expect(api.n).toBe(1);
    expect(full.n).toBeGreaterThan(1);
  });

  it('the one-statement read answers like the Prisma slices on every field: first version, artifacts, test runs, transitions, a hotfix branch, JSON metadata', async () => {
    const sys = contextFor(SYSTEM_ACTOR);
    const engineer = await makeUser('engineer');
    const eng = contextFor(engineer, { db });
    const comp = await makeComponent();
    const big = 2 ** 40 + 7; // more than 32 bits: read as text and as a number
    const first = await registerModelVersion(contextFor(engineer), {
      component: comp.key, architecture: 'transformer', version: '0.9.0', releaseDate: '2022-12-31', configYaml: '', description: 'first of its line',
      artifacts: [{ path: 'z.bin', sha256: 'cd'.repeat(32), sizeBytes: big }, { path: 'a.pt', sha256: sha, sizeBytes: 1 }],
      git: { commit: 'fedcba9', branch: 'hotfix/urgent-fix', message: 'fix it' },
      metadata: { owner: 'team-a', nested: { n: 1.25, list: [1, 'two', null] } },
      tags: ['b', 'a'],
      metrics: [{ metric: 'fvd', value: 201.123456789 }, { metric: 'fvd', scenario: 'emergency_alert', language: 'ta', value: 0.1 + 0.2 }, { metric: 'temporal_coherence', value: 0.91 }],
    });
    await addTestResult(contextFor(engineer), first.modelId, { suite: 'unit', passed: 10, failed: 0 });
    await addTestResult(contextFor(engineer), first.modelId, { suite: 'integration', passed: 3, failed: 1, skipped: 2, ciRunUrl: 'https://ci.example/run/1' });
    await transitionModelVersion(contextFor(engineer), first.id, { to: 'testing', reason: 'ready for tests' });
    const second = await registerModelVersion(sys, { component: comp.key, architecture: 'transformer', version: '0.10.0', releaseDate: '2023-01-02', configYaml: 'x: 2\n', metrics: [{ metric: 'is', value: 70 }, { metric: 'fvd', value: 150 }] });
    for (const ref of [first.modelId, first.id, ` ${second.modelId} `, second.id, modelId]) {
      const full = await getVersionDetail(eng, ref.trim());
      const api = await getVersionApiDetail(eng, ref);
      const { governance, ...rest } = full;
      expect(api, ref).toEqual({ ...rest, governance: { transitions: governance.transitions } });
    }
    const api = await getVersionApiDetail(eng, first.modelId);
    expect(api.previous).toBeNull();
    expect(api.branchKind).toBe('hotfix');
    expect(api.artifacts.map((a) => [a.path, a.sizeBytes, a.sizeBytesText])).toEqual([['a.pt', 1, '1'], ['z.bin', big, String(big)]]);
    expect(api.tests.runs.map((t) => t.suite)).toEqual(['integration', 'unit']);
    expect(api.tests.latestUnit?.suite).toBe('unit');
    expect(api.governance.transitions.map((t) => [t.fromStatus, t.toStatus, t.actorName])).toEqual([[null, "development", engineer.email], ["development", "testing", engineer.email]]);
    expect((await getVersionApiDetail(eng, second.modelId)).previous?.modelId).toBe(first.modelId);
  });

  it('an unknown or unusable reference is a 404 from the one-statement read too', async () => {
    await expect(getVersionApiDetail(ctx, 'pib-vg-nope-diffusion-1.0.0-20230101')).rejects.toMatchObject({ status: 404 });
    await expect(getVersionApiDetail(ctx, 'x'.repeat(201))).rejects.toMatchObject({ status: 404 });
    await expect(getVersionApiDetail(ctx, '   ')).rejects.toMatchObject({ status: 404 });
  });
});
