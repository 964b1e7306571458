import { z } from 'zod';
import { STATUSES } from '../domain/lifecycle';
import type { VersionStatus } from '../generated/prisma/enums';

// Building blocks of the /api/v1 contracts. Every request and response body is declared once, as
// a zod schema in lib/contracts/*; the TypeScript types are inferred from it (z.infer), the
// handlers and serialisers are typed by it, and lib/openapi builds the OpenAPI document from it.

export const statusSchema = z.enum(STATUSES as [VersionStatus, ...VersionStatus[]]);
export const directionSchema = z.enum(['lower_is_better', 'higher_is_better']);
export const roleSchema = z.enum(['admin', 'committee', 'engineer', 'auditor', 'viewer']);
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const isoDateTimeSchema = z.string().datetime({ offset: true });

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
  from: statusSchema,
  to: statusSchema,
  failures: z.array(z.string()),
  checks: z.array(z.object({ key: z.string(), label: z.string(), ok: z.boolean(), detail: z.string() }).loose()).optional(),
}).loose();

/** Percent changes travel rounded to 2 decimals, absolute deltas to 6. */
export function round2(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

export function round6(n: number | null): number | null {
  return n === null ? null : Math.round(n * 1e6) / 1e6;
}

/** The read models' verdict on the wire: true better, false worse, null same or not judged. */
export function improvedOf(verdict: 'better' | 'worse' | 'same' | null): boolean | null {
  return verdict === 'better' ? true : verdict === 'worse' ? false : null;
}
