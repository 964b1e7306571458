import { z } from 'zod';
import { AuditRecordSchema } from '../audit/record-schema';
import { AuditSearchSchema } from '../queries/audit';
import { isoDateTimeSchema } from './common';

// GET /api/v1/audit/events: the audit page's search (lib/queries/audit.ts) as an API, newest first.

export const AuditEventsQuerySchema = AuditSearchSchema;

export const AuditEventSchema = AuditRecordSchema.omit({ v: true }).extend({
  seq: z.number().int(),
  occurredAt: isoDateTimeSchema.meta({ description: 'business time of the change' }),
  recordedAt: isoDateTimeSchema,
  valid: z.boolean().meta({ description: 'false: the payload does not match its action\'s schema (see issue)' }),
  issue: z.string().optional(),
});

export const AuditEventPageSchema = z.object({
  items: z.array(AuditEventSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  actions: z.array(z.string()).meta({ description: 'every action present in the log (for filters)' }),
});
