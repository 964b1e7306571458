import { z } from 'zod';
import { isoDateString, scenarioKey } from './common';

export const PARAMETER_KINDS = ['lambda', 'training', 'inference'] as const;
export type ParameterKindName = (typeof PARAMETER_KINDS)[number];

const lambda = z.number().min(0, { message: 'λ must be within [0, 1]' }).max(1, { message: 'λ must be within [0, 1]' });

/**
 * One record of the seed's config/parameters/{lambda,training,inference}_parameters.json.
 * The seed's field names (snake_case) are the wire format for files and the API alike.
 * Parameters other than the named fields go in `parameters` (or, for files, as extra keys).
 */
export const ParameterSetInputSchema = z
  .object({
    parameter_id: z
      .string()
      .regex(/^(lambda|training|inference)-\d{8}-\d+$/, { message: 'must look like lambda-20230615-1 ({kind}-{YYYYMMDD}-{n})' }),
    kind: z.enum(PARAMETER_KINDS).optional(),
    base_noise_lambda: lambda.optional(),
    residual_noise_lambda: lambda.optional(),
    effective_date: isoDateString,
    approved_by: z.string().max(200).optional(),
    performance_metrics: z.record(z.string(), z.number()).optional(),
    tested_scenarios: z.array(scenarioKey).optional(),
    notes: z.string().max(5000).optional(),
    parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
  })
  .loose()
  .superRefine((v, ctx) => {
    const kindFromId = v.parameter_id.split('-')[0] as ParameterKindName;
    if (v.kind && v.kind !== kindFromId) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `is "${v.kind}" but parameter_id says "${kindFromId}"` });
    }
    if (kindFromId === 'lambda') {
      if (v.base_noise_lambda === undefined) ctx.addIssue({ code: 'custom', path: ['base_noise_lambda'], message: 'is required for a λ parameter set' });
      if (v.residual_noise_lambda === undefined) ctx.addIssue({ code: 'custom', path: ['residual_noise_lambda'], message: 'is required for a λ parameter set' });
    }
    // The date inside parameter_id is when the set was proposed; it may differ from effective_date.
  });

export type ParameterSetInput = z.infer<typeof ParameterSetInputSchema>;

/** A parameters file is the history: an array of records, or { "history": [...] }. */
export const ParameterFileSchema = z.union([z.array(z.unknown()), z.object({ history: z.array(z.unknown()) }).loose()]);
