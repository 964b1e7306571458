import { z } from 'zod';
import type { RoutePermission } from '../api/http';
import { ProblemSchema, TransitionRefusedSchema } from '../contracts/common';
import { CompareQuerySchema, ComparisonSchema } from '../contracts/compare';
import * as R from '../contracts/reference';
import { VersionDetailSchema } from '../contracts/version-detail';
import { ListVersionsQuerySchema, VersionPageSchema } from '../contracts/version-list';
import * as W from '../contracts/writes';
import { ListParameterSetsQuerySchema } from '../queries/api-reference';
import { CreateApiTokenSchema, ListTokensQuerySchema } from '../validation/api-token';
import { AddMetricsSchema, RegisterVersionSchema, TestResultInputSchema, TransitionInputSchema } from '../validation/model-version';
import { UpdateMetricRangeSchema } from '../validation/metric-definition';
import { ParameterSetInputSchema } from '../validation/parameter-set';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ADMIN_OPERATIONS } from './admin';
import { GOVERNANCE_OPERATIONS } from './governance';
import { IMPORT_OPERATIONS } from './imports';
import { PRODUCTION_OPERATIONS } from './production';
import { QUARTERLY_AUDIT_OPERATIONS } from './quarterly-audits';
import { WEBHOOK_OPERATIONS } from './webhooks';

// The operations of /api/v1: each names the zod schemas of its request and response, the same
// ones the handlers parse with and serialise through (lib/contracts/*, the services' inputs).
// lib/openapi/document.ts turns this list into the OpenAPI document.
// Named components use zod's own `.meta({ id })`, which the generator reads: no patching of zod's
// prototype (extendZodWithOpenApi only reaches schemas created after it runs).

export const Problem = ProblemSchema.meta({ id: 'Problem' });
export const TransitionRefused = TransitionRefusedSchema.meta({ id: 'TransitionRefused' });
const RegisterVersion = RegisterVersionSchema.meta({ id: 'RegisterVersion' });
const VersionDetail = VersionDetailSchema.meta({ id: 'VersionDetail' });
const ParameterSetInput = ParameterSetInputSchema.meta({ id: 'ParameterSetInput' });
const ParameterSetRecord = R.ParameterSetRecordSchema.meta({ id: 'ParameterSetRecord' });

export const API_VERSION = '1.0.0';

/** Extra facts the docs page shows per operation. */
export type OperationExtras = { 'x-permission': RoutePermission | 'none'; 'x-example-request'?: unknown };

export type Op = Omit<RouteConfig, 'responses'> & {
  permission: RoutePermission | 'none';
  /** When the rule is more than the permission (a person, the requester, the kind of request). */
  permissionNote?: string;
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string; headers?: Record<string, string> };
  errors: number[];
  example?: unknown;
};

export const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: `errors` maps each bad field to its reasons',
  401: 'No valid API token (missing, unknown, expired or revoked)',
  403: "The token's role lacks the permission",
  404: 'Not found',
  409: 'Conflict (already exists, or frozen)',
  422: 'Transition refused by its gate: `failures` and `checks` say why',
};

const refParam = z.object({ ref: z.string().meta({ description: 'the version id or its model id', example: 'pib-vg-base-diffusion-1.2.3-20230615' }) });

function seedMetadata() {
  return {
    description: 'Base noise generator with improved temporal consistency',
    architecture: { type: 'diffusion', layers: 24, attention_heads: 16, parameters: 1.2e9 },
    training: { dataset: 'pib-video-corpus-2023Q2', samples: 50000, epochs: 100, batch_size: 32, optimizer: 'AdamW', learning_rate: 1e-5 },
    dependencies: { pytorch: '2.0.1', diffusers: '0.16.1', transformers: '4.29.2' },
    authors: ['AI Team', 'Video Quality Team'],
    changelog: ['Improved temporal consistency in high-motion scenes'],
  };
}

export const OPERATIONS: Op[] = [
  {
    method: 'get', path: '/api/v1/versions', operationId: 'listVersions', tags: ['versions'], summary: 'List model versions',
    description: 'Filter by component, status and tag; search model ids, descriptions and commit messages; sort (version sorts numerically by MAJOR.MINOR.PATCH); paginate (pageSize ≤ 100).',
    request: { query: ListVersionsQuerySchema }, permission: 'read:registry',
    success: { status: 200, description: 'One page of versions', schema: VersionPageSchema }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/v1/versions', operationId: 'registerVersion', tags: ['versions'], summary: 'Register a model version',
    description: 'The model id is derived by the naming convention pib-vg-{component}-{architecture}-{version}-{YYYYMMDD}; a modelId or metadata.model_id given must agree. The version, its artifacts, metrics and the audit event are written in one transaction.',
    request: { body: { required: true, content: { 'application/json': { schema: RegisterVersion } } } }, permission: 'create:model-version',
    success: { status: 201, description: 'Registered; Location names the new version', schema: W.RegisteredVersionSchema, headers: { Location: '/api/v1/versions/{modelId}' } },
    errors: [400, 401, 403, 409],
    example: {
      component: 'base', architecture: 'diffusion', version: '1.2.3', releaseDate: '2023-06-15',
      metadata: seedMetadata(),
      configYaml: 'model:\n  layers: 24\n',
      artifacts: [{ path: 'model.pt', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', sizeBytes: 4800000000 }],
      git: { commit: '3f2c9ab', branch: 'release/v1.2.0', message: '[BASE] TUNE: Adjust attention mechanism for better temporal coherence\n\nModified cross-frame attention.\n\nPerformance impact: -15% on FVD, +2% on temporal coherence\nReviewed-by: Dr. Sharma' },
      tags: [],
      metrics: [{ metric: 'fvd', value: 185.3 }, { metric: 'is', value: 72.6 }, { metric: 'temporal_coherence', value: 0.93 }, { metric: 'fvd', scenario: 'policy_briefing', value: 180.1 }],
    },
  },
  {
    method: 'get', path: '/api/v1/versions/{ref}', operationId: 'getVersion', tags: ['versions'], summary: 'Version detail',
    description: 'Everything about a version, with the impact claimed in its commit message beside the change measured against the previous version of its component (by semver).',
    request: { params: refParam }, permission: 'read:registry',
    success: { status: 200, description: 'The version', schema: VersionDetail }, errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/versions/{ref}/metrics', operationId: 'addMetrics', tags: ['versions'], summary: 'Add or correct metrics',
    description: 'Upsert per metric × scenario × language. Metrics of a version that is or was in production are frozen (409).',
    request: { params: refParam, body: { required: true, content: { 'application/json': { schema: AddMetricsSchema } } } }, permission: 'create:model-version',
    success: { status: 200, description: 'Written', schema: W.MetricsAddedSchema }, errors: [400, 401, 403, 404, 409],
    example: { metrics: [{ metric: 'fvd', scenario: 'emergency_alert', value: 190.2 }, { metric: 'temporal_coherence', language: 'hi', value: 0.91 }] },
  },
  {
    method: 'post', path: '/api/v1/versions/{ref}/test-results', operationId: 'addTestResult', tags: ['versions'], summary: 'Record a test run',
    description: 'The latest `unit` run gates development → testing (failed = 0 and passed > 0).',
    request: { params: refParam, body: { required: true, content: { 'application/json': { schema: TestResultInputSchema } } } }, permission: 'create:model-version',
    success: { status: 201, description: 'Recorded', schema: W.TestResultCreatedSchema }, errors: [400, 401, 403, 404],
    example: { suite: 'unit', passed: 412, failed: 0, skipped: 3, ciRunUrl: 'https://ci.example.org/runs/1234' },
  },
  {
    method: 'post', path: '/api/v1/versions/{ref}/transitions', operationId: 'transitionVersion', tags: ['versions'], summary: 'Request a lifecycle transition',
    description: 'Evaluated against the gate of the deployment workflow inside the transaction. staging → production goes through a promotion request (committee vote), so it is refused here. Deprecation needs deprecate:model-version; every other transition transition:model-version.',
    request: { params: refParam, body: { required: true, content: { 'application/json': { schema: TransitionInputSchema } } } }, permission: 'authenticated',
    success: { status: 200, description: 'Applied', schema: W.TransitionResultSchema }, errors: [400, 401, 403, 404, 422],
    example: { to: 'testing', reason: 'CI pipeline 1234 green' },
  },
  {
    method: 'get', path: '/api/v1/versions/{ref}/model-card', operationId: 'getModelCard', tags: ['versions'], summary: 'Model card (Markdown)',
    description: 'Description, architecture, training, metrics per scenario with direction, comparison with the previous version, dependencies, authors, approval history, RAI status, changelog, artifacts.',
    request: { params: refParam }, permission: 'read:registry',
    success: { status: 200, description: 'The model card', contentType: 'text/markdown' }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/compare', operationId: 'compareVersions', tags: ['versions'], summary: 'Compare 2–5 versions',
    description: 'Per metric, scenario and language: each value with its delta against the first version (the baseline); `better` reads the metric direction (FVD lower is better, IS higher).',
    request: { query: z.object({ ids: z.string().meta({ description: CompareQuerySchema.shape.ids.description, example: 'pib-vg-base-diffusion-1.1.0-20230501,pib-vg-base-diffusion-1.2.3-20230615' }) }) },
    permission: 'read:registry',
    success: { status: 200, description: 'The comparison', schema: ComparisonSchema }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/parameter-sets', operationId: 'listParameterSets', tags: ['parameter sets'], summary: 'List parameter sets',
    description: "Records in the seed's format (parameter_id, base_noise_lambda, …) with their registry status.",
    request: { query: ListParameterSetsQuerySchema }, permission: 'read:registry',
    success: { status: 200, description: 'The records', schema: R.ParameterSetListSchema }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/v1/parameter-sets', operationId: 'proposeParameterSet', tags: ['parameter sets'], summary: 'Propose a parameter set',
    description: 'Proposed for the committee vote (quorum fixed now). A proposal may not carry approved_by.',
    request: { body: { required: true, content: { 'application/json': { schema: ParameterSetInput } } } }, permission: 'propose:parameter-set',
    success: { status: 201, description: 'Proposed', schema: ParameterSetRecord.extend({ id: z.string(), quorum: z.number().int() }) }, errors: [400, 401, 403, 409],
    example: { parameter_id: 'lambda-20230701-1', base_noise_lambda: 0.65, residual_noise_lambda: 0.35, effective_date: '2023-07-15', performance_metrics: { fvd: 182.1 }, tested_scenarios: ['policy_briefing'], notes: 'Less noise in static scenes' },
  },
  {
    method: 'post', path: '/api/v1/parameter-sets/import', operationId: 'importParameterSet', tags: ['parameter sets'], summary: 'Import a historical record',
    description: 'Idempotent: 201 when created, 200 {result: "unchanged"} when the same record exists, 409 naming the first differing field when it differs.',
    request: { body: { required: true, content: { 'application/json': { schema: ParameterSetInput } } } }, permission: 'propose:parameter-set',
    success: { status: 201, description: 'Created (200 with result "unchanged" when already there)', schema: R.ParameterSetImportResultSchema }, errors: [400, 401, 403, 409],
    example: { parameter_id: 'lambda-20230615-1', base_noise_lambda: 0.7, residual_noise_lambda: 0.3, effective_date: '2023-06-15', approved_by: 'Model Governance Committee', performance_metrics: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'], notes: 'Optimized for better temporal consistency in rapid motion scenes' },
  },
  {
    method: 'get', path: '/api/v1/audit/verify', operationId: 'verifyAuditChain', tags: ['audit'], summary: 'Verify the audit chain',
    description: 'Recomputes every hash and compares the chain with the signed checkpoints; names the first broken event (altered, missing, reordered, inserted, deleted or re-hashed after a checkpoint, appended behind the application).',
    permission: 'verify:audit-log',
    success: { status: 200, description: 'The verdict', schema: R.AuditVerifySchema }, errors: [401, 403],
  },
  {
    method: 'get', path: '/api/v1/tokens', operationId: 'listApiTokens', tags: ['tokens'], summary: 'List API tokens', description: 'Never the secret or its hash. An admin sees every token (`?mine=1`: their own personal tokens); anyone else their own personal tokens.',
    request: { query: ListTokensQuerySchema }, permission: 'authenticated', success: { status: 200, description: 'The tokens', schema: R.ApiTokenListSchema }, errors: [401, 403],
  },
  {
    method: 'post', path: '/api/v1/tokens', operationId: 'createApiToken', tags: ['tokens'], summary: 'Create an API token',
    description: '`{"name"}` makes a personal token: it acts as you, with your role as it is at each request (a role change or a disabled account takes effect at once). `{"name", "role"}` makes a service token for a pipeline (admins only; engineer, viewer or auditor): it registers and reports but never decides — votes, emergency reviews, RAI, deprecation and sign-off need a person. The plaintext token is in this response only; the registry stores its SHA-256.',
    request: { body: { required: true, content: { 'application/json': { schema: CreateApiTokenSchema } } } }, permission: 'authenticated',
    success: { status: 201, description: 'Created', schema: R.CreatedApiTokenSchema }, errors: [400, 401, 403],
    example: { name: 'ci-base-pipeline', role: 'engineer', expiresInDays: 365 },
  },
  {
    method: 'delete', path: '/api/v1/tokens/{id}', operationId: 'revokeApiToken', tags: ['tokens'], summary: 'Revoke an API token', description: 'Your own personal token, or any token as an admin. Idempotent; the token gets 401 from then on.',
    request: { params: z.object({ id: z.string() }) }, permission: 'authenticated',
    success: { status: 200, description: 'Revoked', schema: R.ApiTokenSchema }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/components', operationId: 'listComponents', tags: ['reference'], summary: 'Components', description: 'With their version count and production version.',
    permission: 'read:registry', success: { status: 200, description: 'The components', schema: R.ComponentListSchema }, errors: [401, 403],
  },
  {
    method: 'get', path: '/api/v1/metric-definitions', operationId: 'listMetricDefinitions', tags: ['reference'], summary: 'Metric definitions', description: 'Units and directions (lower or higher is better).',
    permission: 'read:registry', success: { status: 200, description: 'The definitions', schema: R.MetricDefinitionListSchema }, errors: [401, 403],
  },
  {
    method: 'patch', path: '/api/v1/metric-definitions/{key}', operationId: 'updateMetricRange', tags: ['reference'], summary: 'Change a metric\'s valid range', description: 'Admins. Metric values outside the range are refused with 400 naming the metric.',
    request: { params: z.object({ key: z.string().meta({ description: 'the metric key', example: 'fvd' }) }), body: { required: true, content: { 'application/json': { schema: UpdateMetricRangeSchema } } } },
    permission: 'manage:settings', success: { status: 200, description: 'The definition with its new range', schema: R.MetricDefinitionSchema }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/health', operationId: 'health', tags: ['reference'], summary: 'Liveness and database reachability', description: 'No authentication.',
    permission: 'none', security: [], success: { status: 200, description: 'Up', schema: z.object({ status: z.string(), database: z.string() }) }, errors: [],
  },
  {
    method: 'get', path: '/api/v1/openapi.json', operationId: 'openapi', tags: ['reference'], summary: 'This document', description: 'No authentication.',
    permission: 'none', security: [], success: { status: 200, description: 'OpenAPI 3.1' }, errors: [],
  },
  ...QUARTERLY_AUDIT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...PRODUCTION_OPERATIONS,
  ...IMPORT_OPERATIONS,
  ...GOVERNANCE_OPERATIONS,
  ...ADMIN_OPERATIONS,
];

