import { z } from 'zod';

/**
 * One audit event as the chain stores and exports it (a canonical line of the events file): the
 * offline bundle check parses lines with it, and the API's audit-event contract is built on it.
 */
export const AuditRecordSchema = z.object({
  seq: z.number().int().positive(),
  v: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  change: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
