import { z } from 'zod';
import { isoDateTimeSchema, statusSchema } from './common';

// Responses of the /api/v1 write operations on versions (their request bodies are the services'
// input schemas in lib/validation and lib/services, registered in lib/openapi/operations.ts).

export const RegisteredVersionSchema = z.object({ id: z.string(), modelId: z.string(), status: statusSchema });

export const MetricsAddedSchema = z.object({ modelId: z.string(), written: z.number().int(), replaced: z.number().int() });

export const TestResultCreatedSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  suite: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  runAt: isoDateTimeSchema,
});

export const TransitionResultSchema = z.object({ id: z.string(), modelId: z.string(), from: statusSchema, to: statusSchema, reason: z.string(), notes: z.array(z.string()) });

export const RaiRecordedSchema = z.object({
  id: z.string(), modelId: z.string(), result: z.enum(['pass', 'fail', 'pending']), maxDisparity: z.number().nullable(), assessedAt: isoDateTimeSchema,
  failures: z.array(z.string()).describe('why the assessment failed (computed, never given)'),
  promoted: z.array(z.string()).describe('model ids a passing assessment promoted (committee requests waiting on RAI)'),
});

export const BackportRecordedSchema = z.object({ modelId: z.string(), backportCommit: z.string(), result: z.enum(['recorded', 'unchanged']) });

export const ParameterVoteOutcomeSchema = z.object({
  parameterSetId: z.string(), parameterId: z.string(), approvals: z.number().int(), rejections: z.number().int(), quorum: z.number().int(),
  status: z.enum(['proposed', 'approved', 'rejected']),
});
