import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as versionRoute from '@/app/api/v1/versions/[ref]/route';
import * as compareRoute from '@/app/api/v1/compare/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import * as componentsRoute from '@/app/api/v1/components/route';
import * as metricDefinitionsRoute from '@/app/api/v1/metric-definitions/route';
import * as verifyRoute from '@/app/api/v1/audit/verify/route';
import * as parameterSetsRoute from '@/app/api/v1/parameter-sets/route';
import * as transitionsRoute from '@/app/api/v1/versions/[ref]/transitions/route';
import { ProblemSchema, TransitionRefusedSchema } from '@/lib/contracts/common';
import { ComparisonSchema } from '@/lib/contracts/compare';
import * as Ref from '@/lib/contracts/reference';
import { VersionDetailSchema } from '@/lib/contracts/version-detail';
import { VersionPageSchema } from '@/lib/contracts/version-list';
import { RegisteredVersionSchema } from '@/lib/contracts/writes';
import { OPERATIONS } from '@/lib/openapi/operations';
const R = { ...Ref, ProblemSchema, TransitionRefusedSchema, ComparisonSchema, VersionDetailSchema, VersionPageSchema, RegisteredVersionSchema };
import { docOperations } from '@/lib/openapi/docs';
import { makeComponent } from '../fixtures';
import { call, tokenFor, withOwnDatabase, versionBody } from './api-helpers';

withOwnDatabase('mgr_api_openapi');

/** Every app/api/v1 route module and the HTTP methods it exports. */
function routeFiles(dir: string): { path: string; file: string }[] {
  const out: { path: string; file: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (name === 'route.ts') {
      const rel = path.relative(path.resolve('app'), path.dirname(full)).split(path.sep).join('/');
      out.push({ path: `/${rel}`.replace(/\[(\w+)\]/g, '{$1}'), file: full });
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is served publicly as OpenAPI 3.1 with bearer security and problem+json errors', async () => {
    const r = await call(openapiRoute.GET as never, 'GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>; components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'RegisterVersion', 'VersionDetail', 'ParameterSetInput']));
    const post = doc.paths['/api/v1/versions'].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409']));
    expect(post.responses['400'].content).toHaveProperty(['application/problem+json']);
    // The request schema is the service's: semver and sha256 patterns come through.
    expect(JSON.stringify(doc.components.schemas.RegisterVersion)).toContain('[0-9a-f]{64}');
  });

  it('documents every route module under app/api/v1, with every exported method', async () => {
    const documented = new Set(OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    for (const { path: p, file } of routeFiles(path.resolve('app/api/v1'))) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (typeof mod[method] === 'function') expect(documented, `${method} ${p} is not in the OpenAPI document`).toContain(`${method} ${p}`);
      }
    }
  });
});

describe('docs page data', () => {
  it('lists every operation with its fields, permission and a curl example', () => {
    const ops = docOperations();
    expect(ops.length).toBe(OPERATIONS.length);
    const register = ops.find((o) => o.id === 'registerVersion')!;
    expect(register.permission).toBe('create:model-version');
    expect(register.body?.rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'version', required: true, constraints: expect.stringContaining('pattern') }),
      expect.objectContaining({ name: 'artifacts[].sha256', constraints: expect.stringContaining('[0-9a-f]{64}') }),
    ]));
    expect(register.curl).toContain('-H "Authorization: Bearer $MGR_TOKEN"');
    expect(register.curl).toContain('"component":"base"');
    const list = ops.find((o) => o.id === 'listVersions')!;
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['sort (query)', 'pageSize (query)']));
    expect(ops.find((o) => o.id === 'health')!.curl).not.toContain('Authorization');
  });
});

describe('responses match the documented schemas', () => {
  let engineer: string;
  let admin: string;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    engineer = (await tokenFor('engineer')).token;
    admin = (await tokenFor('admin')).token;
    const comp = (await makeComponent()).key;
    v1 = (await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: versionBody(comp, { version: '1.0.0' }) })).json.modelId as string;
    v2 = (await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: versionBody(comp, { version: '1.0.1' }) })).json.modelId as string;
  });

  it('versions, detail, compare, tokens, components, metric definitions, audit verify, parameter sets, problems', async () => {
    R.RegisteredVersionSchema.parse((await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: versionBody((await makeComponent()).key) })).json);
    R.VersionPageSchema.parse((await call(versionsRoute.GET, 'GET', '/api/v1/versions', { token: engineer })).json);
    R.VersionDetailSchema.parse((await call(versionRoute.GET, 'GET', `/api/v1/versions/${v2}`, { token: engineer, params: { ref: v2 } })).json);
    R.ComparisonSchema.parse((await call(compareRoute.GET, 'GET', '/api/v1/compare', { token: engineer, query: `ids=${v1},${v2}` })).json);
    R.ApiTokenListSchema.parse((await call(tokensRoute.GET, 'GET', '/api/v1/tokens', { token: admin })).json);
    R.CreatedApiTokenSchema.parse((await call(tokensRoute.POST, 'POST', '/api/v1/tokens', { token: admin, body: { name: 'x', role: 'viewer' } })).json);
    R.ComponentListSchema.parse((await call(componentsRoute.GET, 'GET', '/api/v1/components', { token: engineer })).json);
    R.MetricDefinitionListSchema.parse((await call(metricDefinitionsRoute.GET, 'GET', '/api/v1/metric-definitions', { token: engineer })).json);
    R.AuditVerifySchema.parse((await call(verifyRoute.GET, 'GET', '/api/v1/audit/verify', { token: engineer })).json);
    R.ParameterSetListSchema.parse((await call(parameterSetsRoute.GET, 'GET', '/api/v1/parameter-sets', { token: engineer })).json);
    R.ProblemSchema.parse((await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: {} })).json);
    R.TransitionRefusedSchema.parse((await call(transitionsRoute.POST, 'POST', `/api/v1/versions/${v1}/transitions`, { token: engineer, params: { ref: v1 }, body: { to: 'testing' } })).json);
  });
});
