import { z } from 'zod';
import { VersionRefSchema } from '../data/version-ref';
import { CastVoteSchema, RequestPromotionSchema, WithdrawSchema } from '../validation/promotion';
import { isoDateTimeSchema, statusSchema } from './common';

// /api/v1/promotion-requests: the approvals page's operations (request, vote, emergency review,
// withdraw) as resources. Request bodies are the services' own input schemas (lib/validation),
// plus the fields the browser carries in the URL or a hidden input (which version, which path).

const kindSchema = z.enum(['committee', 'emergency', 'ratification']);
const requestStatusSchema = z.enum(['open', 'approved', 'rejected', 'withdrawn']);
const stateSchema = z.enum(['open', 'approved_waiting_rai', 'approved', 'rejected', 'withdrawn']);

/** POST /promotion-requests: `kind` picks the committee path (default) or the emergency path (hotfixes, two senior reviews). */
export const CreatePromotionRequestBodySchema = RequestPromotionSchema.extend({
  version: VersionRefSchema.meta({ description: 'the staging version: its id or model id', example: 'pib-vg-base-diffusion-1.2.3-20230615' }),
  kind: z.enum(['committee', 'emergency']).default('committee').meta({ description: 'committee: the committee votes (quorum from settings); emergency: a hotfix reviewed by two senior engineers' }),
});

export const ListPromotionRequestsQuerySchema = z.object({
  status: requestStatusSchema.optional(),
  kind: kindSchema.optional(),
  version: z.string().max(200).optional().meta({ description: 'only the requests of this version (id or model id)' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListPromotionRequestsQuery = z.infer<typeof ListPromotionRequestsQuerySchema>;

export { CastVoteSchema, WithdrawSchema };

export const VoteViewSchema = z.object({
  id: z.string(),
  voter: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  decision: z.enum(['approve', 'reject']),
  comment: z.string(),
  createdAt: isoDateTimeSchema,
});

export const PromotionRequestSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  status: requestStatusSchema,
  state: stateSchema.meta({ description: 'status, except that an open committee request at quorum without a passed RAI assessment reads approved_waiting_rai' }),
  reason: z.string(),
  quorum: z.number().int(),
  approvals: z.number().int(),
  rejections: z.number().int(),
  raiResult: z.string().nullable(),
  version: z.object({ id: z.string(), modelId: z.string(), status: statusSchema, component: z.string() }),
  requestedBy: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
  dueAt: isoDateTimeSchema.nullable().meta({ description: 'ratifications: when the committee must have decided' }),
  votes: z.array(VoteViewSchema),
});
export type PromotionRequestView = z.infer<typeof PromotionRequestSchema>;

export const PromotionRequestPageSchema = z.object({
  items: z.array(PromotionRequestSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});

export const CreatedPromotionRequestSchema = z.object({
  id: z.string(), kind: kindSchema, status: requestStatusSchema, quorum: z.number().int(), createdAt: isoDateTimeSchema, modelId: z.string(),
});

export const VoteOutcomeSchema = z.object({
  requestId: z.string(),
  decision: z.enum(['approve', 'reject']),
  approvals: z.number().int(),
  rejections: z.number().int(),
  quorum: z.number().int(),
  state: stateSchema,
  promoted: z.string().nullable().meta({ description: 'the model id now in production, when this vote completed the promotion' }),
  deprecated: z.string().nullable(),
  ratificationRequestId: z.string().nullable().meta({ description: 'emergency path: the committee ratification opened by the promotion' }),
});

export const WithdrawnSchema = z.object({ id: z.string(), status: z.literal('withdrawn') });
