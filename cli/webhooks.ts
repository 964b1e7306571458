// `mgr webhooks …`: the admin's webhook endpoints through /api/v1/webhooks (admins only; the
// server decides). The signing secret is printed once, by `add`.
import type { Command } from 'commander';
import { collect, items, query, send, str, type Helpers } from './governance';

const enc = encodeURIComponent;

export function registerWebhookCommands(program: Command, h: Helpers): void {
  const webhooks = program.command('webhooks').description('webhook endpoints (admins): list, add, remove, deliveries, redeliver');
  webhooks
    .command('list')
    .description('endpoints: id, state, events, url, deliveries sent/pending/failed')
    .action(async (_opts: unknown, cmd: Command) => {
      const { o, body } = await send(h, cmd, 'webhooks list', 'GET', '/api/v1/webhooks');
      for (const e of items(body)) {
        const d = (e.deliveries ?? {}) as Record<string, unknown>;
        const state = e.enabled ? 'enabled' : `disabled${e.disabledReason ? ` (${str(e.disabledReason)})` : ''}`;
        o.line(`${str(e.id)}  ${state}  ${(e.events as string[]).join(',')}  ${str(e.url)}  ${str(d.succeeded)}/${str(d.pending)}/${str(d.failed)}`);
      }
    });
  webhooks
    .command('add')
    .description('register an endpoint; prints its signing secret once (whsec_…)')
    .argument('<url>', 'https://… (private, loopback and link-local hosts are refused unless an admin allow-lists them)')
    .requiredOption('--event <type>', 'an event to send, e.g. promotion.decided (repeat for more)', collect)
    .option('--description <text>', 'what the receiver is')
    .action(async (url: string, opts: { event: string[]; description?: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, `webhooks add ${url}`, 'POST', '/api/v1/webhooks', { url, events: opts.event, ...(opts.description ? { description: opts.description } : {}) });
      o.line(`registered ${str(body.url)} as ${str(body.id)}; copy the signing secret now, it is not shown again:`);
      o.line(str(body.secret));
    });
  webhooks
    .command('remove')
    .description('delete an endpoint and its delivery log')
    .argument('<id>', 'endpoint id (from webhooks list)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const { o } = await send(h, cmd, `webhooks remove ${id}`, 'DELETE', `/api/v1/webhooks/${enc(id)}`);
      o.line(`removed ${id}`);
    });
  webhooks
    .command('deliveries')
    .description("an endpoint's delivery log, newest first: id, event, status, attempts, last response")
    .argument('<id>', 'endpoint id')
    .option('--status <status>', 'pending | succeeded | failed')
    .action(async (id: string, opts: { status?: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, `webhooks deliveries ${id}`, 'GET', `/api/v1/webhooks/${enc(id)}/deliveries${query({ status: opts.status })}`);
      for (const d of items(body)) {
        o.line(`${str(d.id)}  ${str(d.eventType)}  ${str(d.status)}  attempts ${str(d.attempts)}  ${d.lastResponseCode === null ? '—' : str(d.lastResponseCode)}  ${str(d.lastError)}  ${str(d.createdAt)}`);
      }
    });
  webhooks
    .command('redeliver')
    .description('send a delivery again (same webhook-id)')
    .argument('<id>', 'endpoint id')
    .argument('<delivery-id>', 'delivery id (from webhooks deliveries)')
    .action(async (id: string, deliveryId: string, _opts: unknown, cmd: Command) => {
      const { o } = await send(h, cmd, `webhooks redeliver ${deliveryId}`, 'POST', `/api/v1/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`);
      o.line(`queued ${deliveryId} again`);
    });
}
