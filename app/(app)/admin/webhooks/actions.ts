'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import type { CreateWebhookState } from '@/components/webhooks/create-webhook-form';
import { updateSettings } from '@/lib/services/settings';
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook, updateWebhookEndpoint } from '@/lib/services/webhooks';

// Server actions are public POST endpoints: runAction establishes who is acting from the session,
// and the services decide whether they may (lib/permissions/webhook.ts, admin.ts).

export async function createWebhookAction(_prev: CreateWebhookState, form: FormData): Promise<CreateWebhookState> {
  return runAction(async (ctx) => {
    const created = await createWebhookEndpoint(ctx, {
      url: String(form.get('url') ?? ''),
      events: form.getAll('events').map(String),
      description: String(form.get('description') ?? ''),
    });
    revalidatePath('/admin/webhooks');
    // The secret goes back to this browser once, in the action's response.
    return { ok: `Registered ${created.url}`, secret: created.secret, url: created.url };
  });
}

export async function setWebhookEnabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const enabled = String(form.get('enabled')) === 'true';
    const e = await updateWebhookEndpoint(ctx, String(form.get('endpointId') ?? ''), { enabled });
    revalidatePath('/admin/webhooks');
    return { ok: `${enabled ? 'Enabled' : 'Disabled'} ${e.url}` };
  });
}

export async function deleteWebhookAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    await deleteWebhookEndpoint(ctx, String(form.get('endpointId') ?? ''));
    revalidatePath('/admin/webhooks');
    return { ok: 'Deleted the endpoint and its delivery log' };
  });
}

export async function redeliverWebhookAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const endpointId = String(form.get('endpointId') ?? '');
    await redeliverWebhook(ctx, endpointId, String(form.get('deliveryId') ?? ''));
    revalidatePath(`/admin/webhooks/${endpointId}`);
    return { ok: 'Queued again: it goes out within seconds' };
  });
}

export async function updateWebhookAllowListAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const hosts = String(form.get('hosts') ?? '').split(/[\s,]+/).map((h) => h.trim()).filter(Boolean);
    await updateSettings(ctx, { webhookAllowedHosts: hosts });
    revalidatePath('/admin/webhooks');
    return { ok: hosts.length ? `Allow-list: ${hosts.join(', ')}` : 'Allow-list cleared' };
  });
}
