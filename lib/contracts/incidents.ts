import { z } from 'zod';
import { VersionRefSchema } from '../data/version-ref';
import { AdvanceTrafficSchema, IncidentLogSchema, OpenIncidentSchema, RootCauseSchema } from '../validation/incident';
import { isoDateTimeSchema, statusSchema } from './common';

// /api/v1/incidents and /api/v1/components/{key}/traffic: the incidents page's operations (open
// with rollback, advance traffic, log, root cause) and the serving layer's traffic split.

const incidentStatusSchema = z.enum(['open', 'rolled_back', 'resolved']);

/** POST /incidents: the production version in trouble, plus the service's own input. */
export const OpenIncidentBodySchema = OpenIncidentSchema.extend({
  version: VersionRefSchema.meta({ description: 'the production version in trouble: its id or model id', example: 'pib-vg-base-diffusion-1.2.3-20230615' }),
});

export { AdvanceTrafficSchema, IncidentLogSchema, RootCauseSchema };

export const ListIncidentsQuerySchema = z.object({
  status: incidentStatusSchema.optional(),
  component: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuerySchema>;

const versionRef = z.object({ id: z.string(), modelId: z.string(), status: statusSchema });

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.string(),
  status: incidentStatusSchema.meta({ description: 'open: traffic still moving; rolled_back: all traffic back, RCA missing; resolved' }),
  component: z.string(),
  version: versionRef.meta({ description: 'the version the incident was opened on (tagged critical-issue, deprecated)' }),
  rollbackTo: versionRef.nullable(),
  openedBy: z.object({ id: z.string(), name: z.string() }),
  openedAt: isoDateTimeSchema,
  rcaDueAt: isoDateTimeSchema,
  rcaSubmittedAt: isoDateTimeSchema.nullable(),
  rcaOverdue: z.boolean(),
  rootCause: z.string().nullable(),
  closedAt: isoDateTimeSchema.nullable(),
  trafficPercent: z.number().int().meta({ description: 'share of traffic on the rollback target (0–100)' }),
  trafficSteps: z.array(z.object({ percent: z.number().int(), at: isoDateTimeSchema, by: z.string(), metricsSnapshot: z.unknown() })),
  log: z.array(z.object({ id: z.string(), at: isoDateTimeSchema, author: z.string(), text: z.string() })),
});
export type IncidentView = z.infer<typeof IncidentSchema>;

export const IncidentPageSchema = z.object({ items: z.array(IncidentSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const OpenedIncidentSchema = z.object({
  id: z.string(), status: incidentStatusSchema, openedAt: isoDateTimeSchema, rcaDueAt: isoDateTimeSchema, rcaSubmittedAt: isoDateTimeSchema.nullable(),
  modelId: z.string(), rollbackTo: z.string().nullable(),
});
export const TrafficStepResultSchema = z.object({ incidentId: z.string(), percent: z.number().int(), status: incidentStatusSchema });
export const IncidentLogEntrySchema = z.object({ id: z.string(), at: isoDateTimeSchema, text: z.string() });
export const RootCauseResultSchema = z.object({ incidentId: z.string(), status: incidentStatusSchema, late: z.boolean() });

export const ComponentTrafficSchema = z.object({
  component: z.string(),
  at: isoDateTimeSchema,
  rollback: z.object({ incidentId: z.string(), from: z.string(), to: z.string(), percent: z.number().int() }).nullable()
    .meta({ description: 'the rollback in progress, if any' }),
  versions: z.array(z.object({ modelId: z.string(), versionId: z.string(), status: statusSchema, percent: z.number() }))
    .meta({ description: 'who serves what share; empty when nothing is in production' }),
});
export type ComponentTraffic = z.infer<typeof ComponentTrafficSchema>;
