import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as versionRoute from '@/app/api/v1/versions/[ref]/route';
import * as metricsRoute from '@/app/api/v1/versions/[ref]/metrics/route';
import * as testResultsRoute from '@/app/api/v1/versions/[ref]/test-results/route';
import * as transitionsRoute from '@/app/api/v1/versions/[ref]/transitions/route';
import * as modelCardRoute from '@/app/api/v1/versions/[ref]/model-card/route';
import * as compareRoute from '@/app/api/v1/compare/route';
import { makeComponent } from '../fixtures';
import { call, counts, tokenFor, withOwnDatabase, versionBody } from './api-helpers';
import { contextFor } from '@/lib/context';

const { db } = withOwnDatabase('mgr_api_versions');

let engineer: string;
let viewer: string;
let auditor: string;
let committee: string;
let component: string;

beforeAll(async () => {
  [engineer, viewer, auditor, committee] = await Promise.all(
    (['engineer', 'viewer', 'auditor', 'committee'] as const).map(async (r) => (await tokenFor(r)).token),
  );
  component = (await makeComponent()).key;
});

const register = (body: unknown, token: string | null = engineer) => call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body });

function expectProblem(r: { status: number; headers: Headers; json: Record<string, unknown> }, status: number) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.json).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

describe('POST /api/v1/versions', () => {
  it('registers a version: 201, Location, one version, artifacts, metrics and one audit event', async () => {
    const before = await counts(db());
    const body = versionBody(component, { version: '1.2.3' });
    const r = await register(body);
    expect(r.status).toBe(201);
    const modelId = `pib-vg-${component}-diffusion-1.2.3-20230615`;
    expect(r.json).toEqual({ id: expect.any(String), modelId, status: 'development' });
    expect(r.headers.get('location')).toBe(`/api/v1/versions/${modelId}`);
    const after = await counts(db());
    expect(after.versions - before.versions).toBe(1);
    expect(after.artifacts - before.artifacts).toBe(1);
    expect(after.metrics - before.metrics).toBe(2);
    expect(after.audit - before.audit).toBe(1);
    const event = await db().auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { action: true, actorType: true, actorLabel: true } });
    expect(event).toMatchObject({ action: 'version.register', actorType: 'api_token' });
  });

  it('refuses a duplicate with 409 and writes nothing', async () => {
    const body = versionBody(component);
    expect((await register(body)).status).toBe(201);
    const before = await counts(db());
    const r = await register(body);
    expectProblem(r, 409);
    expect(await counts(db())).toEqual(before);
    // Same semver on another date is the same version of the component: still 409.
    expectProblem(await register({ ...body, releaseDate: '2024-01-01' }), 409);
    expect(await counts(db())).toEqual(before);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['bad semver', { version: '1.2' }, 'version'],
    ['leading zero semver', { version: '01.2.3' }, 'version'],
    ['bad sha256', { artifacts: [{ path: 'model.pt', sha256: 'xyz', sizeBytes: 1 }] }, 'artifacts.0.sha256'],
    ['model id disagrees', { modelId: 'pib-vg-base-diffusion-9.9.9-20230615' }, 'modelId'],
    ['metadata.model_id disagrees', { metadata: { model_id: 'pib-vg-x-y-1.0.0-20230101' } }, 'metadata.model_id'],
    ['impossible date', { releaseDate: '2023-02-30' }, 'releaseDate'],
    ['unknown component', { component: 'no-such-component' }, 'component'],
    ['unknown metric', { metrics: [{ metric: 'bleu', value: 1 }] }, 'metrics.0.metric'],
    ['negative size', { artifacts: [{ path: 'model.pt', sha256: 'a'.repeat(64), sizeBytes: -1 }] }, 'artifacts.0.sizeBytes'],
    ['invalid YAML', { configYaml: 'a: [1, 2' }, 'configYaml'],
  ];
  for (const [name, override, field] of bad) {
    it(`400 with field errors: ${name}; nothing written`, async () => {
      const before = await counts(db());
      const r = await register(versionBody(component, override));
      expectProblem(r, 400);
      expect(r.json.errors).toHaveProperty([field]);
      expect(await counts(db())).toEqual(before);
    });
  }

  it('400 on malformed JSON, wrong content type, and a non-object body', async () => {
    const before = await counts(db());
    const malformed = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, rawBody: '{"component": "base",' });
    expectProblem(malformed, 400);
    expect(malformed.json.errors).toEqual({ '(body)': ['malformed JSON'] });
    const text = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, rawBody: JSON.stringify(versionBody(component)), contentType: 'text/plain' });
    expectProblem(text, 400);
    expect(text.json.errors).toHaveProperty(['(body)']);
    expectProblem(await register([1, 2, 3]), 400);
    expectProblem(await register(null), 400);
    expect(await counts(db())).toEqual(before);
  });

  it('401 without a token, with a garbage token and with a revoked token; nothing written', async () => {
    const { token, id, owner } = await tokenFor('engineer');
    const { revokeApiToken } = await import('@/lib/services/api-tokens');
    await revokeApiToken(contextFor(owner), id);
    const before = await counts(db());
    for (const t of [null, 'garbage', 'mgr_deadbeef_notarealtoken', token]) {
      const r = await register(versionBody(component), t);
      expectProblem(r, 401);
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
    }
    expect(await counts(db())).toEqual(before);
  });

  it('403 for roles that may not register (viewer, auditor, committee); nothing written', async () => {
    const before = await counts(db());
    for (const t of [viewer, auditor, committee]) expectProblem(await register(versionBody(component), t), 403);
    expect(await counts(db())).toEqual(before);
  });

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const r = await call(versionsRoute.POST, 'POST', '/api/v1/versions', {
      body: versionBody(component),
      headers: { cookie: 'next-auth.session-token=x', origin: 'https://evil.example', host: 'localhost' },
    });
    expectProblem(r, 403);
  });
});

describe('GET /api/v1/versions', () => {
  let comp: string;
  beforeAll(async () => {
    comp = (await makeComponent()).key;
    // Versions whose text order differs from semver order.
    for (const [version, date, tags] of [
      ['1.9.0', '2023-01-10', []],
      ['1.10.0', '2023-03-10', ['emergency']],
      ['1.2.0', '2023-02-10', []],
      ['10.0.0', '2023-04-10', []],
      ['2.0.0', '2023-05-10', ['emergency']],
    ] as const) {
      const r = await register(versionBody(comp, { version, releaseDate: date, tags, description: `release ${version}`, artifacts: [], metrics: [] }));
      expect(r.status).toBe(201);
    }
  });

  const list = (query: string, token: string | null = viewer) => call(versionsRoute.GET, 'GET', '/api/v1/versions', { token, query });

  it('sorts by semver numerically, both ways', async () => {
    const asc = await list(`component=${comp}&sort=version&order=asc`);
    expect(asc.status).toBe(200);
    const versions = (asc.json.items as { version: string }[]).map((i) => i.version);
    expect(versions).toEqual(['1.2.0', '1.9.0', '1.10.0', '2.0.0', '10.0.0']);
    const desc = await list(`component=${comp}&sort=version&order=desc`);
    expect((desc.json.items as { version: string }[]).map((i) => i.version)).toEqual([...versions].reverse());
  });

  it('filters by component, status and tag, searches, and paginates with a total', async () => {
    const tagged = await list(`component=${comp}&tag=emergency&sort=version&order=asc`);
    expect((tagged.json.items as { version: string }[]).map((i) => i.version)).toEqual(['1.10.0', '2.0.0']);
    expect(tagged.json.total).toBe(2);
    const page2 = await list(`component=${comp}&sort=releaseDate&order=asc&page=2&pageSize=2`);
    expect(page2.json).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect((page2.json.items as { version: string; releaseDate: string }[]).map((i) => i.releaseDate)).toEqual(['2023-03-10', '2023-04-10']);
    const searched = await list(`q=${comp}-diffusion-10.0.0`);
    expect((searched.json.items as { version: string }[]).map((i) => i.version)).toEqual(['10.0.0']);
    const byStatus = await list(`component=${comp}&status=production`);
    expect(byStatus.json.total).toBe(0);
  });

  it('400 on bad query parameters', async () => {
    for (const q of ['sort=text', 'order=up', 'pageSize=101', 'page=0', 'status=live', 'pageSize=abc']) {
      const r = await list(q);
      expectProblem(r, 400);
      expect(Object.keys(r.json.errors as object).length).toBeGreaterThan(0);
    }
  });

  it('401 without a token', async () => {
    expectProblem(await list('', null), 401);
  });
});

describe('version detail, metrics, test results, transitions, model card, compare', () => {
  let comp: string;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    comp = (await makeComponent()).key;
    const a = await register(versionBody(comp, {
      version: '1.0.0',
      metrics: [{ metric: 'fvd', value: 200 }, { metric: 'temporal_coherence', value: 0.9 }, { metric: 'fvd', scenario: 'policy_briefing', value: 210 }],
    }));
    const b = await register(versionBody(comp, {
      version: '1.1.0',
      releaseDate: '2023-07-01',
      metadata: {
        architecture: { type: 'diffusion', layers: 24 },
        training: { dataset: 'pib-video-corpus-2023Q2', epochs: 100 },
        dependencies: { pytorch: '2.0.1' },
        authors: ['AI Team'],
        changelog: ['Improved temporal consistency'],
      },
      metrics: [{ metric: 'fvd', value: 170 }, { metric: 'temporal_coherence', value: 0.918 }, { metric: 'fvd', scenario: 'policy_briefing', value: 220 }],
    }));
    v1 = a.json.modelId as string;
    v2 = b.json.modelId as string;
  });

  it('GET /versions/{ref} by model id and by id: full detail with claimed vs measured impact', async () => {
    const r = await call(versionRoute.GET, 'GET', `/api/v1/versions/${v2}`, { token: viewer, params: { ref: v2 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      modelId: v2,
      component: comp,
      version: '1.1.0',
      releaseDate: '2023-07-01',
      status: 'development',
      git: { commit: 'abc1234', branch: 'develop' },
      artifacts: [{ path: 'model.pt', sha256: 'a'.repeat(64), sizeBytes: 1024 }],
      previousVersion: { modelId: v1 },
    });
    expect(r.json.claimedImpact).toEqual([
      expect.objectContaining({ metricKey: 'fvd', percent: -15 }),
      expect.objectContaining({ metricKey: 'temporal_coherence', percent: 2 }),
    ]);
    const fvd = (r.json.measuredImpact as { metric: string; changePct: number; improved: boolean; claimedPct: number }[]).find((m) => m.metric === 'fvd');
    expect(fvd).toMatchObject({ previous: 200, current: 170, changePct: -15, improved: true, claimedPct: -15 });
    expect((r.json.transitions as unknown[]).length).toBe(1);
    const byId = await call(versionRoute.GET, 'GET', `/api/v1/versions/${r.json.id}`, { token: viewer, params: { ref: r.json.id as string } });
    expect(byId.json.modelId).toBe(v2);
  });

  it('404 as problem+json for an unknown version', async () => {
    expectProblem(await call(versionRoute.GET, 'GET', '/api/v1/versions/nope', { token: viewer, params: { ref: 'nope' } }), 404);
  });

  it('stores metric values exactly as sent, new and replaced (Prisma alone rounded 0.1 + 0.2 to 0.3)', async () => {
    const exact = 0.1 + 0.2;
    const stored = async (scenario: string) =>
      (await db().$queryRaw<{ v: string }[]>`SELECT m.value::text AS v FROM metrics m JOIN model_versions v ON v.id = m.version_id JOIN metric_definitions d ON d.id = m.definition_id WHERE v.model_id = ${v2} AND d.key = 'temporal_coherence' AND m.scenario = ${scenario} AND m.language = ''`)[0]?.v;
    const post = (value: number) => call(metricsRoute.POST, 'POST', `/api/v1/versions/${v2}/metrics`, { token: engineer, params: { ref: v2 }, body: { metrics: [{ metric: 'temporal_coherence', scenario: 'exactness_check', value }] } });
    expect((await post(exact)).status).toBe(200);
    expect(await stored('exactness_check')).toBe('0.30000000000000004');
    expect((await post(1 / 3)).status).toBe(200); // replaces the value
    expect(await stored('exactness_check')).toBe(String(1 / 3));
    expect(Number(await stored('exactness_check'))).toBe(1 / 3);
  });

  it('POST /versions/{ref}/metrics → 200 and an audit event; 400 on a bad metric with nothing written', async () => {
    let before = await counts(db());
    const ok = await call(metricsRoute.POST, 'POST', `/api/v1/versions/${v2}/metrics`, {
      token: engineer,
      params: { ref: v2 },
      body: { metrics: [{ metric: 'is', value: 72.6 }, { metric: 'fvd', scenario: 'emergency_alert', language: 'hi', value: 190 }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ modelId: v2, written: 2 });
    let after = await counts(db());
    expect(after.metrics - before.metrics).toBe(2);
    expect(after.audit - before.audit).toBe(1);

    before = after;
    for (const body of [{ metrics: [] }, { metrics: [{ metric: 'is', value: 'high' }] }, { metrics: [{ metric: 'nope', value: 1 }] }, { metrics: [{ metric: 'is', value: 1, scenario: 'Bad Scenario' }] }]) {
      const r = await call(metricsRoute.POST, 'POST', `/api/v1/versions/${v2}/metrics`, { token: engineer, params: { ref: v2 }, body });
      expectProblem(r, 400);
      expect(r.json.errors).toBeDefined();
    }
    expectProblem(await call(metricsRoute.POST, 'POST', `/api/v1/versions/${v2}/metrics`, { token: viewer, params: { ref: v2 }, body: { metrics: [{ metric: 'is', value: 1 }] } }), 403);
    expectProblem(await call(metricsRoute.POST, 'POST', '/api/v1/versions/nope/metrics', { token: engineer, params: { ref: 'nope' }, body: { metrics: [{ metric: 'is', value: 1 }] } }), 404);
    after = await counts(db());
    expect(after).toEqual(before);
  });

  it('POST /versions/{ref}/test-results → 201; 400 on negative counts', async () => {
    const before = await counts(db());
    const bad = await call(testResultsRoute.POST, 'POST', `/api/v1/versions/${v1}/test-results`, { token: engineer, params: { ref: v1 }, body: { passed: -1, failed: 0 } });
    expectProblem(bad, 400);
    expect(bad.json.errors).toHaveProperty(['passed']);
    expect(await counts(db())).toEqual(before);
    const r = await call(testResultsRoute.POST, 'POST', `/api/v1/versions/${v1}/test-results`, {
      token: engineer,
      params: { ref: v1 },
      body: { suite: 'unit', passed: 120, failed: 0, ciRunUrl: 'https://ci.example/run/1' },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ suite: 'unit', passed: 120, failed: 0, modelId: v1 });
    const after = await counts(db());
    expect(after.testResults - before.testResults).toBe(1);
    expect(after.audit - before.audit).toBe(1);
  });

  it('POST /versions/{ref}/transitions: 422 with details when the gate refuses, nothing written; 200 when it passes', async () => {
    const before = await counts(db());
    const refused = await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v2}/transitions`, { token: engineer, params: { ref: v2 }, body: { to: 'testing' } });
    expectProblem(refused, 422);
    expect(refused.json).toMatchObject({ code: 'transition_refused', gate: 'unit_tests_pass', from: 'development', to: 'testing', failures: expect.any(Array) });
    const skip = await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v2}/transitions`, { token: engineer, params: { ref: v2 }, body: { to: 'production' } });
    expectProblem(skip, 422);
    const badTarget = await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v2}/transitions`, { token: engineer, params: { ref: v2 }, body: { to: 'live' } });
    expectProblem(badTarget, 400);
    expect(badTarget.json.errors).toHaveProperty(['to']);
    expectProblem(await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v2}/transitions`, { token: viewer, params: { ref: v2 }, body: { to: 'testing' } }), 403);
    expectProblem(await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v2}/transitions`, { params: { ref: v2 }, body: { to: 'testing' } }), 401);
    expect(await counts(db())).toEqual(before);
    const refusedRow = await db().modelVersion.findUnique({ where: { modelId: v2 }, select: { status: true } });
    expect(refusedRow?.status).toBe('development');

    // v1 has a passing unit run (previous test): development → testing passes.
    const ok = await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v1}/transitions`, { token: engineer, params: { ref: v1 }, body: { to: 'testing', reason: 'CI green' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ modelId: v1, from: 'development', to: 'testing' });
    const after = await counts(db());
    expect(after.transitions - before.transitions).toBe(1);
    expect(after.audit - before.audit).toBe(1);
  });

  it('GET /versions/{ref}/model-card → Markdown with metrics per scenario and the comparison', async () => {
    const r = await call(modelCardRoute.GET, 'GET', `/api/v1/versions/${v2}/model-card`, { token: viewer, params: { ref: v2 } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/markdown');
    for (const heading of ['# Model card: ' + v2, '## Metrics', '### Overall', '### Scenario: policy_briefing', '## Comparison with the previous version', '## Dependencies', '## Authors', '## Approval history', '## Responsible AI', '## Changelog']) {
      expect(r.text).toContain(heading);
    }
    expect(r.text).toContain('↓ lower is better');
    expect(r.text).toContain('| pytorch | 2.0.1 |');
    expect(r.text).toMatch(/\| FVD \| 200 \| 170 \| -15% \| -15% \| better/);
  });

  it('GET /compare: direction-aware deltas against the first version', async () => {
    const r = await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: viewer, query: `ids=${v1},${v2}` });
    expect(r.status).toBe(200);
    const rows = r.json.rows as { metric: string; scenario: string; language: string; direction: string; values: { value: number | null; delta: number | null; deltaPct: number | null; better: boolean | null }[] }[];
    const fvd = rows.find((x) => x.metric === 'fvd' && x.scenario === '' && x.language === '')!;
    expect(fvd.direction).toBe('lower_is_better');
    expect(fvd.values[0]).toMatchObject({ value: 200, delta: null });
    expect(fvd.values[1]).toMatchObject({ value: 170, delta: -30, deltaPct: -15, better: true });
    const fvdPolicy = rows.find((x) => x.metric === 'fvd' && x.scenario === 'policy_briefing')!;
    expect(fvdPolicy.values[1]).toMatchObject({ value: 220, better: false });
    const tc = rows.find((x) => x.metric === 'temporal_coherence' && x.scenario === '')!;
    expect(tc.values[1].better).toBe(true);
    const onlyB = rows.find((x) => x.metric === 'is')!;
    expect(onlyB.values[0].value).toBeNull();
    expect(onlyB.values[1].better).toBeNull();

    expectProblem(await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: viewer, query: `ids=${v1}` }), 400);
    expectProblem(await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: viewer, query: 'ids=a,b,c,d,e,f' }), 400);
    expectProblem(await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: viewer, query: `ids=${v1},${v1}` }), 400);
    expectProblem(await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: viewer, query: `ids=${v1},nope` }), 404);
  });
});
