import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor, type ServiceContext } from '@/lib/context';
import { versionDetailResponse } from '@/lib/contracts/version-detail';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { metricHistory } from '@/lib/queries/metric-history';
import { renderModelCard } from '@/lib/queries/model-card';
import { loadVersionCore } from '@/lib/queries/version-core';
import { getVersionDetail, withSlices } from '@/lib/queries/version-detail';
import { loadVersionLifecycle } from '@/lib/queries/version-lifecycle';
import { registerModelVersion } from '@/lib/services/register-model-version';
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
});
