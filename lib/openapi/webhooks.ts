import { z } from 'zod';
import { CreatedWebhookEndpointSchema, WebhookDeliverySchema, WebhookEndpointSchema } from '../contracts/webhooks';
import { CreateWebhookSchema, ListDeliveriesQuerySchema, UpdateWebhookSchema } from '../validation/webhooks';
import type { Op } from './operations';

// OpenAPI operations of the webhook endpoints (lib/services/webhooks.ts). Admins only.

const id = z.object({ id: z.string().meta({ description: 'the webhook endpoint id' }) });
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

export const WEBHOOK_OPERATIONS: Op[] = [
  {
    method: 'get', path: '/api/v1/webhooks', operationId: 'listWebhooks', tags: ['webhooks'], summary: 'List webhook endpoints',
    description: 'Never their secrets. With delivery counts by status.',
    permission: 'manage:webhooks', success: { status: 200, description: 'The endpoints', schema: z.object({ items: z.array(WebhookEndpointSchema) }) }, errors: [401, 403],
  },
  {
    method: 'post', path: '/api/v1/webhooks', operationId: 'createWebhook', tags: ['webhooks'], summary: 'Register a webhook endpoint',
    description: 'Deliveries follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), sent after the change commits, retried with exponential back-off. The secret is in this response only. A URL whose host is, or resolves to, a private, loopback, link-local, unique-local, CGNAT or multicast address is refused with 422 on `url` unless the host is on the admin allow-list (setting `webhookAllowedHosts`).',
    request: { body: json(CreateWebhookSchema) }, permission: 'manage:webhooks',
    success: { status: 201, description: 'Registered (with its secret, once)', schema: CreatedWebhookEndpointSchema, headers: { Location: '/api/v1/webhooks/{id}' } },
    errors: [400, 401, 403, 422],
    example: { url: 'https://hooks.example.com/registry', events: ['promotion.decided', 'incident.opened'], description: 'serving layer' },
  },
  {
    method: 'get', path: '/api/v1/webhooks/{id}', operationId: 'getWebhook', tags: ['webhooks'], summary: 'Read a webhook endpoint',
    request: { params: id }, permission: 'manage:webhooks', success: { status: 200, description: 'The endpoint', schema: WebhookEndpointSchema }, errors: [401, 403, 404],
  },
  {
    method: 'patch', path: '/api/v1/webhooks/{id}', operationId: 'updateWebhook', tags: ['webhooks'], summary: 'Change, enable or disable a webhook endpoint',
    description: 'Enabling an endpoint the registry disabled clears its failure count; its waiting deliveries go out again.',
    request: { params: id, body: json(UpdateWebhookSchema) }, permission: 'manage:webhooks',
    success: { status: 200, description: 'The endpoint', schema: WebhookEndpointSchema }, errors: [400, 401, 403, 404, 422],
    example: { enabled: true },
  },
  {
    method: 'delete', path: '/api/v1/webhooks/{id}', operationId: 'deleteWebhook', tags: ['webhooks'], summary: 'Delete a webhook endpoint',
    description: 'With its delivery log.',
    request: { params: id }, permission: 'manage:webhooks', success: { status: 200, description: 'Deleted', schema: z.object({ id: z.string(), deleted: z.literal(true) }) }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/webhooks/{id}/deliveries', operationId: 'listWebhookDeliveries', tags: ['webhooks'], summary: "An endpoint's delivery log",
    description: 'Newest first: status, attempts, last response code and error, times.',
    request: { params: id, query: ListDeliveriesQuerySchema }, permission: 'manage:webhooks',
    success: { status: 200, description: 'The deliveries', schema: z.object({ items: z.array(WebhookDeliverySchema) }) }, errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', operationId: 'redeliverWebhook', tags: ['webhooks'], summary: 'Send a delivery again',
    description: 'Back to pending with a fresh retry budget, same `webhook-id`; the job queue sends it within seconds. 409 while the endpoint is disabled.',
    request: { params: z.object({ id: z.string(), deliveryId: z.string() }) }, permission: 'manage:webhooks',
    success: { status: 200, description: 'Queued', schema: z.object({ id: z.string(), status: z.literal('pending') }) }, errors: [401, 403, 404, 409],
  },
];
