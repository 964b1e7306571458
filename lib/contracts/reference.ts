import { z } from 'zod';
import { directionSchema, isoDateSchema, isoDateTimeSchema, roleSchema } from './common';

// Responses of the reference, parameter-set, audit and token operations of /api/v1. The types the
// read functions return are inferred from these schemas.

export const ParameterSetRecordSchema = z.object({
  parameter_id: z.string(),
  kind: z.enum(['lambda', 'training', 'inference']),
  base_noise_lambda: z.number().optional(),
  residual_noise_lambda: z.number().optional(),
  effective_date: isoDateSchema,
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

const tokenKind = z.enum(['personal', 'service']).describe('personal: acts as its person; service: a pipeline that never decides');

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  kind: tokenKind,
  role: roleSchema,
  senior: z.boolean(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
  expiresAt: isoDateTimeSchema.nullable(),
  revokedAt: isoDateTimeSchema.nullable(),
  createdBy: z.string(),
  active: z.boolean(),
});

export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });

export const CreatedApiTokenSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  token: z.string().describe('the secret: shown in this response only'),
  name: z.string(),
  kind: tokenKind,
  role: roleSchema,
  senior: z.boolean(),
  expiresAt: isoDateTimeSchema.nullable(),
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
  key: z.string(), name: z.string(), unit: z.string(), direction: directionSchema, description: z.string(),
  minValue: z.number().nullable().describe('Lowest valid value (inclusive); null: unbounded'),
  maxValue: z.number().nullable().describe('Highest valid value (inclusive); null: unbounded'),
});

export const MetricDefinitionListSchema = z.object({
  items: z.array(MetricDefinitionSchema),
});

export type ComponentView = z.infer<typeof ComponentListSchema>['items'][number];
export type MetricDefinitionView = z.infer<typeof MetricDefinitionListSchema>['items'][number];
export type ParameterSetApiRecord = z.infer<typeof ParameterSetRecordSchema>;
