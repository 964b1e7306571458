import { z } from 'zod';
import type { QuarterlyReport } from './report';

// parameter_changes.json: the quarter's parameter changes and the modifications flagged without a
// recorded approval. Its JSON Schema (docs/schemas/parameter_changes.schema.json) is generated
// from this zod schema (`npx tsx scripts/write-audit-schemas.mts`); a test keeps the two equal.

const Vote = z.object({ name: z.string(), email: z.string(), decision: z.enum(['approve', 'reject']), comment: z.string(), at: z.string().describe('ISO-8601 UTC') });
const CheckRef = z.object({ id: z.string(), kind: z.string(), result: z.enum(['pass', 'fail', 'pending']), evidence: z.string() });
const Flag = z.enum(['proposed_but_effective', 'approval_not_recorded_here', 'values_differ_from_approved', 'approved_after_effective']);

export const ParameterChangesFileSchema = z.object({
  schema: z.literal('parameter_changes/v1'),
  quarter: z.string().regex(/^\d{4}Q[1-4]$/),
  period: z.object({ start: z.string().describe('first day, YYYY-MM-DD'), end: z.string().describe('last day, YYYY-MM-DD') }),
  generated_at: z.string(),
  chain_head: z.object({ seq: z.number().int(), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  changes: z.array(z.object({
    parameter_id: z.string(),
    kind: z.enum(['lambda', 'training', 'inference']),
    status: z.enum(['proposed', 'approved', 'rejected']),
    source: z.enum(['registry', 'import']).describe('import: read from a parameters file; its approval was not seen by the registry'),
    effective_date: z.string(),
    base_noise_lambda: z.number().nullable(),
    residual_noise_lambda: z.number().nullable(),
    parameters: z.record(z.string(), z.unknown()),
    previous: z.object({
      parameter_id: z.string(),
      differences: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }).nullable().describe('the approved set of the same kind it replaces, and what changed'),
    proposed_by: z.object({ name: z.string(), email: z.string() }).nullable(),
    recorded_at: z.string(),
    approved_by: z.string().nullable(),
    approved_at: z.string().nullable(),
    quorum: z.number().int(),
    votes: z.array(Vote),
    happened_in_quarter: z.array(z.enum(['recorded', 'voted', 'approved', 'effective'])),
    approval_recorded_in_registry: z.boolean(),
    flags: z.array(Flag),
    checks: z.array(CheckRef),
  })),
  unapproved_modifications: z.array(z.object({ subject: z.string(), flag: Flag, evidence: z.string(), check: z.string() })),
});
export type ParameterChangesFile = z.infer<typeof ParameterChangesFileSchema>;

export function parameterChangesFile(r: QuarterlyReport): ParameterChangesFile {
  const byId = new Map(r.checks.map((c) => [c.id, c]));
  return {
    schema: 'parameter_changes/v1',
    quarter: r.quarter,
    period: { start: r.period.start.slice(0, 10), end: r.period.lastDay },
    generated_at: r.generatedAt,
    chain_head: { seq: r.chain.headSeq, hash: r.chain.headHash },
    changes: r.parameterChanges.map((c) => ({
      ...c,
      kind: c.kind as 'lambda' | 'training' | 'inference',
      status: c.status as 'proposed' | 'approved' | 'rejected',
      votes: c.votes.map((v) => ({ ...v, decision: v.decision as 'approve' | 'reject' })),
      checks: c.checks.map((id) => {
        const k = byId.get(id)!;
        return { id, kind: k.kind, result: k.result, evidence: k.evidence };
      }),
    })),
    unapproved_modifications: r.unapprovedModifications,
  };
}

export function parameterChangesJson(r: QuarterlyReport): string {
  return `${JSON.stringify(parameterChangesFile(r), null, 2)}\n`;
}

export function parameterChangesJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(ParameterChangesFileSchema, { target: 'draft-2020-12', io: 'output' }),
    $id: 'https://model-registry.local/schemas/parameter_changes.schema.json',
    title: 'parameter_changes.json (quarterly audit)',
    description: "A quarter's parameter-set changes with their approval record, and the parameter modifications flagged for lack of a recorded approval.",
  };
}
