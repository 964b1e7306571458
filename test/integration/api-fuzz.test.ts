import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { makeComponent } from '../fixtures';
import { call, counts, tokenFor, withOwnDatabase } from './api-helpers';

// Property: whatever a client sends to POST /api/v1/versions, the API never answers 5xx, and a
// refused request leaves no trace (no version, artifact, metric, transition or audit row); an
// accepted one creates exactly one version and one audit event.

const { db } = withOwnDatabase('mgr_api_fuzz');

let engineer: string;
let component: string;

beforeAll(async () => {
  engineer = (await tokenFor('engineer')).token;
  component = (await makeComponent()).key;
});

const unicode = fc.string({ unit: 'grapheme', maxLength: 20 });
const anyText = fc.oneof(fc.string({ maxLength: 30 }), unicode, fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('', ' ', '\u0000', '\ud800', 'é', '🦄', 'a'.repeat(300)));
const hugeNumber = fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 31 - 1, 0.1, 1e-320);
const anyNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), hugeNumber);
const garbage = fc.oneof(fc.jsonValue({ maxDepth: 4 }), anyText, anyNumber, fc.constant(null), fc.boolean());

const semver = fc.oneof(
  fc.tuple(fc.nat(30), fc.nat(30), fc.nat(1_000_000)).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.constantFrom('0.0.0', '2147483647.2147483647.2147483647', '2147483648.0.0', '99999999999999999999.0.0', '1.2', '01.2.3', '1.2.3-beta', 'v1.2.3', '1.2.3 ', '-1.0.0', '1..3', '١.٢.٣'),
  anyText,
);
const componentKey = fc.oneof(fc.constant('COMPONENT'), fc.constantFrom('base', 'Base', 'no-such', 'super-res', ''), anyText);
const date = fc.oneof(
  fc.date({ min: new Date('1970-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2023-02-29', '2024-02-29', '2023-13-01', '0000-01-01', '9999-12-31', '2023-6-15', '20230615'),
  anyText,
);
const sha = fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom('A'.repeat(64), 'a'.repeat(63), ''), anyText);
const artifact = fc.oneof(
  fc.record({ path: fc.oneof(fc.constantFrom('model.pt', 'config.yaml', 's3://bucket/model.pt'), anyText), sha256: sha, sizeBytes: fc.oneof(fc.nat(), hugeNumber, anyNumber) }),
  garbage,
);
const metric = fc.oneof(
  fc.record(
    {
      metric: fc.oneof(fc.constantFrom('fvd', 'is', 'temporal_coherence', 'generation_time', 'bleu'), anyText),
      value: fc.oneof(anyNumber, garbage),
      scenario: fc.oneof(fc.constantFrom('policy_briefing', 'emergency_alert', 'Bad Scenario'), anyText),
      language: fc.oneof(fc.constantFrom('en', 'hi', 'pt-BR', 'english'), anyText),
    },
    { requiredKeys: ['metric', 'value'] },
  ),
  garbage,
);
const metadata = fc.oneof(
  fc.record(
    {
      model_id: anyText,
      description: anyText,
      architecture: fc.oneof(fc.record({ type: fc.constantFrom('diffusion', 'transformer'), layers: anyNumber, parameters: anyNumber }), garbage),
      training: fc.oneof(fc.record({ epochs: anyNumber, learning_rate: anyNumber, dataset: anyText }), garbage),
      authors: fc.oneof(fc.array(anyText, { maxLength: 3 }), garbage),
      extra: fc.jsonValue({ maxDepth: 6 }),
    },
    { requiredKeys: [] },
  ),
  garbage,
);

const validishBody = fc.record(
  {
    component: componentKey,
    architecture: fc.oneof(fc.constantFrom('diffusion', 'transformer', 'Diffusion', 'diff-usion'), anyText),
    version: semver,
    releaseDate: date,
    modelId: anyText,
    description: fc.oneof(anyText, garbage),
    metadata,
    configYaml: fc.oneof(fc.constantFrom('a: 1\nb: [1, 2]\n', 'a: [1, 2', ''), anyText),
    artifacts: fc.oneof(fc.array(artifact, { maxLength: 3 }), garbage),
    metrics: fc.oneof(fc.array(metric, { maxLength: 4 }), garbage),
    git: fc.oneof(fc.record({ commit: fc.oneof(fc.stringMatching(/^[0-9a-f]{7,40}$/), anyText), branch: fc.oneof(fc.constantFrom('develop', 'hotfix/x', 'bad branch'), anyText), message: anyText }), garbage),
    tags: fc.oneof(fc.array(fc.oneof(fc.constantFrom('emergency', 'critical-issue', 'Bad Tag'), anyText), { maxLength: 3 }), garbage),
  },
  { requiredKeys: ['component', 'version'] },
);

// Bodies close to valid, so a good share of requests succeed and exercise the write path.
const nearlyValid = fc
  .record({
    version: fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50)).map(([a, b, c]) => `${a}.${b}.${c}`),
    releaseDate: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    description: unicode,
    artifacts: fc.uniqueArray(fc.record({ path: fc.constantFrom('model.pt', 'config.yaml', 'metadata.json', 'performance.json'), sha256: fc.stringMatching(/^[0-9a-f]{64}$/), sizeBytes: fc.nat() }), {
      maxLength: 3,
      selector: (a) => a.path,
    }),
    metrics: fc.uniqueArray(fc.record({ metric: fc.constantFrom('fvd', 'is', 'temporal_coherence', 'generation_time'), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }), {
      maxLength: 4,
      selector: (m) => m.metric,
    }),
  })
  .map((b) => ({ component: 'COMPONENT', architecture: 'diffusion', ...b }));

type Payload = { kind: 'json'; body: unknown } | { kind: 'raw'; text: string; contentType: string | null };

const payload: fc.Arbitrary<Payload> = fc.oneof(
  { weight: 4, arbitrary: nearlyValid.map((body) => ({ kind: 'json' as const, body })) },
  { weight: 4, arbitrary: validishBody.map((body) => ({ kind: 'json' as const, body })) },
  { weight: 1, arbitrary: garbage.map((body) => ({ kind: 'json' as const, body })) },
  {
    weight: 1,
    arbitrary: fc.record({
      text: fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"component":', '[[[[[[', 'null', '{"a":"\\u0000"}', '{"a":"\\ud800"}', `${'['.repeat(5000)}${']'.repeat(5000)}`)),
      contentType: fc.constantFrom('application/json', 'text/plain', null, 'application/x-www-form-urlencoded'),
    }).map((r) => ({ kind: 'raw' as const, ...r })),
  },
);

function substitute(v: unknown, key: string): unknown {
  if (v === 'COMPONENT') return key;
  if (Array.isArray(v)) return v.map((x) => substitute(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, key)]));
  return v;
}

describe('POST /api/v1/versions under generated payloads', () => {
  it('never answers 5xx; refusals write nothing; each 201 writes one version and one audit event', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const before = await counts(db());
        const r =
          p.kind === 'json'
            ? await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: substitute(p.body, component) })
            : await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, rawBody: p.text, contentType: p.contentType });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expect(r.status, r.text).toBeLessThan(500);
        expect(r.headers.get('content-type')).toMatch(r.status === 201 ? /application\/json/ : /application\/problem\+json/);
        const after = await counts(db());
        if (r.status === 201) {
          expect(after.versions - before.versions).toBe(1);
          expect(after.audit - before.audit).toBe(1);
          expect(after.transitions - before.transitions).toBe(1);
          const body = p.kind === 'json' ? (p.body as { artifacts?: unknown[]; metrics?: unknown[] }) : {};
          expect(after.artifacts - before.artifacts).toBe(body.artifacts?.length ?? 0);
          expect(after.metrics - before.metrics).toBe(body.metrics?.length ?? 0);
        } else {
          expect([400, 409]).toContain(r.status);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261126) },
    );
    // The generators must reach both sides of the property.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
  });
});
