import { z } from 'zod';

const bound = z.number().refine(Number.isFinite, { message: 'must be a finite number' }).nullable();

/** An admin's change of a metric definition's valid range (null: unbounded on that side). */
export const UpdateMetricRangeSchema = z
  .object({ minValue: bound.optional(), maxValue: bound.optional() })
  .strict()
  .refine((v) => v.minValue !== undefined || v.maxValue !== undefined, { message: 'give minValue, maxValue or both', path: ['(body)'] });

export type UpdateMetricRangeInput = z.infer<typeof UpdateMetricRangeSchema>;
