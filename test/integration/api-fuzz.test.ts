import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { makeComponent } from '../fixtures';
import { call, counts, serviceTokenFor, tokenFor, withOwnDatabase, type Handler } from './api-helpers';

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

// Every route of the API under hostile input: path parameters, query strings, headers and bodies
// made of NUL characters, lone surrogates, percent signs, traversal, huge and nested values —
// with a valid token of some role (so requests get past authentication into parsing), a hostile
// one, or none. Handlers are called in-process (the proxy in front of them is tested in
// bad-urls.test.ts). Cookies are left out: next-auth's session lookup needs Next's request scope.
// Property: no response is 5xx.

type RouteModule = { file: string; path: string; params: string[]; methods: { method: string; handler: Handler<Record<string, string>> }[] };

async function apiRoutes(): Promise<RouteModule[]> {
  const base = path.resolve('app/api/v1');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'route.ts') files.push(full);
    }
  };
  walk(base);
  const out: RouteModule[] = [];
  for (const file of files.sort()) {
    const rel = path.relative(path.resolve('app'), path.dirname(file)).split(path.sep).join('/');
    const mod = (await import(file)) as Record<string, unknown>;
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
      .filter((m) => typeof mod[m] === 'function')
      .map((method) => ({ method, handler: mod[method] as Handler<Record<string, string>> }));
    out.push({ file: rel, path: `/${rel}`, params: [...rel.matchAll(/\[(\w+)\]/g)].map((m) => m[1]), methods });
  }
  return out;
}

const hostile = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udfff', '%', '%00', '%ED%A0%80', '%zz', '../../etc/passwd', '..\\..\\x', '/', '', ' ', '\t\n', '"', "'", '<script>', '${{7*7}}', '{{7*7}}', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '9'.repeat(40), 'x'.repeat(5000), '🦄', 'é', '\u202e', '2023Q2', '2023Q9', 'base', 'fvd', 'committee', 'production', 'deprecated', 'testing', 'lambda', 'compliance_checklist.md'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostile,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -0, true, null),
  fc.dictionary(fc.constantFrom('name', 'role', 'kind', 'to', 'reason', 'metrics', 'passed', 'failed', 'skipped', 'runAt', 'suite', 'ciRunUrl', 'quarter', 'comment', 'minValue', 'maxValue', 'decision', 'expiresInDays', 'parameter_id', 'records', 'component', 'version', 'artifacts', '__proto__', 'constructor'), fc.oneof(hostile, fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.double())),
);
const rawBody = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('{', '[', '{"a":', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', `${'['.repeat(3000)}${']'.repeat(3000)}`, ''));
const headerValue = fc.oneof(fc.constantFrom('null', '::::', 'http://evil.example', '', ' ', 'Bearer', 'Bearer ', 'Basic eDp5', 'mgr_', 'x'.repeat(3000)), fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')));

const NASTY = ['\u0000', 'a\u0000b', '%', '%zz', '\ud800', '../../x', 'x'.repeat(3000)];

describe('every API route under hostile input', () => {
  it('sweep: every route × method × token (every role, a service token, none) × a nasty value in every path parameter and the query → never 5xx', async () => {
    const endpoints = (await apiRoutes()).flatMap((r) => r.methods.map((m) => ({ ...r, ...m })));
    const tokens: (string | null)[] = [
      ...(await Promise.all((['admin', 'committee', 'engineer', 'auditor', 'viewer'] as const).map(async (r) => (await tokenFor(r)).token))),
      (await serviceTokenFor('engineer')).token,
      null,
    ];
    let n = 0;
    const failures: string[] = [];
    for (const e of endpoints) {
      for (const token of tokens) {
        for (const v of NASTY) {
          const params = Object.fromEntries(e.params.map((p) => [p, v]));
          const query = new URLSearchParams([['q', v], ['quarter', v], ['ids', `${v},${v}`], ['mine', v], ['kind', v], ['status', v]].map(([k, x]) => [k, x.replace(/[\ud800-\udfff]/g, '\u0000')])).toString();
          const body = e.method === 'GET' || e.method === 'DELETE' ? {} : { body: { name: v, quarter: v, to: v, reason: v, metrics: [{ metric: v, value: 1 }], passed: 1, failed: 0, runAt: v, comment: v, minValue: 0 } };
          const r = await call(e.handler, e.method, e.path, { token, params, query, ...body });
          n += 1;
          if (r.status >= 500) failures.push(`${e.method} ${e.path} ${token ? 'token' : 'anonymous'} ${JSON.stringify(v).slice(0, 20)} → ${r.status} ${r.text.slice(0, 120)}`);
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(1000);
    expect(failures).toEqual([]);
  }, 600_000);

  it('never answers 5xx (≥ 1,000 requests over every route, method, path parameter, query, header and body)', async () => {
    const routes = await apiRoutes();
    const endpoints = routes.flatMap((r) => r.methods.map((m) => ({ ...r, ...m })));
    expect(endpoints.length).toBeGreaterThan(15);
    const tokens = [
      ...(await Promise.all((['admin', 'committee', 'engineer', 'auditor', 'viewer'] as const).map(async (r) => (await tokenFor(r)).token))),
      (await tokenFor('engineer', { senior: true })).token,
      (await serviceTokenFor('engineer')).token,
    ];
    const request = fc.record({
      endpoint: fc.nat(endpoints.length - 1),
      params: fc.array(hostile, { minLength: 4, maxLength: 4 }),
      query: fc.array(fc.tuple(hostile, hostile), { maxLength: 3 }),
      auth: fc.oneof(
        { weight: 6, arbitrary: fc.nat(tokens.length - 1).map((i) => ({ token: tokens[i] })) },
        { weight: 1, arbitrary: headerValue.map((h) => ({ header: h })) },
        { weight: 1, arbitrary: fc.constant({}) },
      ),
      headers: fc.dictionary(fc.constantFrom('origin', 'content-type', 'x-forwarded-for', 'x-forwarded-host', 'host', 'accept', 'sec-fetch-site', 'x-mgr-client-ip', 'content-length-ish'), headerValue, { maxKeys: 3 }),
      body: fc.oneof({ weight: 3, arbitrary: hostileJson.map((b) => ({ json: b })) }, { weight: 1, arbitrary: rawBody.map((t) => ({ raw: t })) }, { weight: 1, arbitrary: fc.constant({}) }),
    });
    const seen = new Map<string, number>();
    const statuses = new Map<number, number>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(request, async (q) => {
        const e = endpoints[q.endpoint];
        const params = Object.fromEntries(e.params.map((p, i) => [p, q.params[i]]));
        const search = new URLSearchParams(q.query.map(([k, v]) => [k.replace(/[\ud800-\udfff]/g, ''), v.replace(/[\ud800-\udfff]/g, '')])).toString();
        const headers: Record<string, string> = { ...q.headers };
        if ('header' in q.auth) headers.authorization = q.auth.header;
        const opts = {
          params,
          query: search || undefined,
          headers,
          token: 'token' in q.auth ? q.auth.token : undefined,
          ...(e.method === 'GET' || e.method === 'DELETE' ? {} : 'json' in q.body ? { body: q.body.json } : 'raw' in q.body ? { rawBody: q.body.raw } : {}),
        };
        let r;
        try {
          r = await call(e.handler, e.method, e.path.replace(/\[(\w+)\]/g, (_m, p: string) => encodeURIComponent(String(params[p]).replace(/[\ud800-\udfff]/g, ''))), opts);
        } catch (err) {
          // A header value the Fetch API refuses to build is the client's problem, not the server's.
          if (err instanceof TypeError && /header|ByteString|Headers/i.test(err.message)) return;
          throw err;
        }
        n += 1;
        seen.set(`${e.method} ${e.path}`, (seen.get(`${e.method} ${e.path}`) ?? 0) + 1);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expect(r.status, `${e.method} ${e.path} ${JSON.stringify(opts).slice(0, 400)} → ${r.text.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: Number(process.env.FC_ROUTE_RUNS ?? 1200), seed: Number(process.env.FC_SEED ?? 20261130) },
    );
    expect(n).toBeGreaterThanOrEqual(1000);
    // Every route and method was tried, and the requests reached past authentication.
    expect([...seen.keys()].sort()).toEqual(endpoints.map((e) => `${e.method} ${e.path}`).sort());
    expect([...statuses.keys()].some((s) => s === 400 || s === 404)).toBe(true);
    console.log(`[fuzz] ${n} requests over ${endpoints.length} endpoints; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  }, 600_000);
});
