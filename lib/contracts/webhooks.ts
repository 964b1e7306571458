import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';

// API contracts of /api/v1/webhooks (the read models in lib/queries/webhooks.ts serialise to these).

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().meta({ description: 'set when the registry disabled the endpoint after repeated failures' }),
  disabledAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveries: z.object({ pending: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
}).meta({ id: 'WebhookEndpoint' });

export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend({
  secret: z.string().meta({ description: 'whsec_<base64>: the signing secret, in this response only', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).meta({ id: 'CreatedWebhookEndpoint' });

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string().meta({ description: 'the webhook-id header, the same on every attempt' }),
  eventType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  lastResponseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  payload: z.unknown().meta({ description: '{type, timestamp, data}: the body that is signed and sent' }),
}).meta({ id: 'WebhookDelivery' });
