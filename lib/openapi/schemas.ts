import { z } from 'zod';

// Response bodies of /api/v1, as zod schemas: they document the API in openapi.json and the
// integration tests parse real responses with them, so the document cannot drift from the code.
// (Request bodies are the services' own input schemas, registered in document.ts.)

const status = z.enum(['development', 'testing', 'staging', 'production', 'deprecated', 'archived']);
const direction = z.enum(['lower_is_better', 'higher_is_better']);
const role = z.enum(['admin', 'committee', 'engineer', 'auditor', 'viewer']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoDateTime = z.string().datetime({ offset: true });

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional().describe('field path → reasons, e.g. {"artifacts.0.sha256": ["must be 64 lowercase hex characters (SHA-256)"]}'),
}).loose();

export const TransitionRefusedSchema = ProblemSchema.extend({
  gate: z.string().nullable(),
  from: status,
  to: status,
  failures: z.array(z.string()),
  checks: z.array(z.object({ key: z.string(), label: z.string(), ok: z.boolean(), detail: z.string() }).loose()).optional(),
}).loose();

export const RegisteredVersionSchema = z.object({ id: z.string(), modelId: z.string(), status });

export const VersionListItemSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  component: z.string(),
  architecture: z.string(),
  version: z.string(),
  releaseDate: isoDate,
  status,
  tags: z.array(z.string()),
  keyMetrics: z.record(z.string(), z.number()),
});

export const VersionPageSchema = z.object({
  items: z.array(VersionListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  sort: z.string(),
  order: z.enum(['asc', 'desc']),
});

const MetricValueSchema = z.object({
  metric: z.string(),
  name: z.string(),
  unit: z.string(),
  direction,
  scenario: z.string().describe('"" = overall'),
  language: z.string().describe('"" = all languages'),
  value: z.number(),
});

export const VersionDetailSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  component: z.string(),
  componentName: z.string(),
  architecture: z.string(),
  version: z.string(),
  releaseDate: isoDate,
  status,
  statusChangedAt: isoDateTime,
  description: z.string(),
  metadata: z.unknown().describe("the seed's metadata.json"),
  configYaml: z.string(),
  git: z.object({ commit: z.string().nullable(), branch: z.string().nullable(), message: z.string().nullable() }),
  tags: z.array(z.string()),
  registeredBy: z.string().nullable(),
  createdAt: isoDateTime,
  monitoringUntil: isoDateTime.nullable(),
  backport: z.object({ commit: z.string().nullable(), at: isoDateTime.nullable() }),
  artifacts: z.array(z.object({ path: z.string(), sha256: z.string(), sizeBytes: z.number().int() })),
  metrics: z.array(MetricValueSchema),
  testResults: z.array(z.object({ id: z.string(), suite: z.string(), passed: z.number().int(), failed: z.number().int(), skipped: z.number().int(), ciRunUrl: z.string().nullable(), runAt: isoDateTime })),
  transitions: z.array(z.object({ from: status.nullable(), to: status, reason: z.string(), actor: z.string(), requestId: z.string().nullable(), at: isoDateTime })),
  previousVersion: z.object({ id: z.string(), modelId: z.string(), version: z.string(), status }).nullable().describe('the version just below by semver in the same component'),
  claimedImpact: z.array(z.object({ metric: z.string(), metricKey: z.string().nullable(), percent: z.number(), raw: z.string() })).describe('from the "Performance impact:" line of the commit message'),
  measuredImpact: z
    .array(z.object({
      metric: z.string(),
      name: z.string(),
      direction,
      previous: z.number(),
      current: z.number(),
      changePct: z.number().nullable(),
      improved: z.boolean().nullable(),
      claimedPct: z.number().nullable(),
    }))
    .describe('overall metrics against the previous version'),
});

export const MetricsAddedSchema = z.object({ modelId: z.string(), written: z.number().int(), replaced: z.number().int() });

export const TestResultCreatedSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  suite: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  runAt: isoDateTime,
});

export const TransitionResultSchema = z.object({ id: z.string(), modelId: z.string(), from: status, to: status, reason: z.string(), notes: z.array(z.string()) });

export const ComparisonSchema = z.object({
  baseline: z.string(),
  versions: z.array(z.object({ id: z.string(), modelId: z.string(), component: z.string(), version: z.string(), releaseDate: isoDate, status })),
  rows: z.array(z.object({
    metric: z.string(),
    name: z.string(),
    unit: z.string(),
    direction,
    scenario: z.string(),
    language: z.string(),
    values: z.array(z.object({
      versionId: z.string(),
      value: z.number().nullable(),
      delta: z.number().nullable(),
      deltaPct: z.number().nullable(),
      better: z.boolean().nullable().describe('direction-aware: true when better than the baseline'),
    })),
  })),
});

export const ParameterSetRecordSchema = z.object({
  parameter_id: z.string(),
  kind: z.enum(['lambda', 'training', 'inference']),
  base_noise_lambda: z.number().optional(),
  residual_noise_lambda: z.number().optional(),
  effective_date: isoDate,
  approved_by: z.string().optional(),
  performance_metrics: z.record(z.string(), z.number()),
  tested_scenarios: z.array(z.string()),
  notes: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  status: z.enum(['proposed', 'approved', 'rejected']),
});

export const ParameterSetListSchema = z.object({ items: z.array(ParameterSetRecordSchema) });

export const ParameterSetImportResultSchema = z.object({
  result: z.enum(['created', 'unchanged']),
  id: z.string(),
  parameterId: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
});

export const AuditVerifySchema = z.union([
  z.object({
    ok: z.literal(true), count: z.number().int(), headSeq: z.number().int(), headHash: z.string(),
    checkpoint: z.object({ seq: z.number().int(), at: z.string(), reason: z.string() }).nullable().describe('the latest signed checkpoint the chain matched'),
    warnings: z.array(z.string()).describe('what could not be checked here'),
  }),
  z.object({ ok: z.literal(false), count: z.number().int(), brokenSeq: z.number().int(), reason: z.string() }),
]);

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role,
  senior: z.boolean(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  createdBy: z.string(),
  active: z.boolean(),
});

export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });

export const CreatedApiTokenSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  token: z.string().describe('the secret: shown in this response only'),
  name: z.string(),
  role,
  senior: z.boolean(),
  expiresAt: isoDateTime.nullable(),
});

export const ComponentListSchema = z.object({
  items: z.array(z.object({
    key: z.string(),
    folder: z.string(),
    name: z.string(),
    description: z.string(),
    versionCount: z.number().int(),
    production: z.object({ id: z.string(), modelId: z.string(), version: z.string() }).nullable(),
  })),
});

export const MetricDefinitionSchema = z.object({
  key: z.string(), name: z.string(), unit: z.string(), direction, description: z.string(),
  minValue: z.number().nullable().describe('Lowest valid value (inclusive); null: unbounded'),
  maxValue: z.number().nullable().describe('Highest valid value (inclusive); null: unbounded'),
});

export const MetricDefinitionListSchema = z.object({
  items: z.array(MetricDefinitionSchema),
});
