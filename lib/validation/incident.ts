import { z } from 'zod';

export const OpenIncidentSchema = z.object({
  title: z.string().trim().min(1, { message: 'give the incident a title' }).max(300),
  description: z.string().trim().max(10_000).default(''),
  severity: z.enum(['critical', 'major', 'minor']).default('critical'),
});
export const AdvanceTrafficSchema = z.object({
  metricsSnapshot: z.record(z.string().min(1).max(100), z.union([z.number(), z.string(), z.boolean(), z.null()])).default({}),
  note: z.string().trim().max(2000).optional(),
});
export const IncidentLogSchema = z.object({ text: z.string().trim().min(1, { message: 'the log entry is empty' }).max(10_000) });
export const RootCauseSchema = z.object({ rootCause: z.string().trim().min(20, { message: 'describe the root cause (at least 20 characters)' }).max(20_000) });
