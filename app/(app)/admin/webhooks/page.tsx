import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { CreateWebhookForm } from '@/components/webhooks/create-webhook-form';
import { DisabledWebhooksNotice } from '@/components/webhooks/disabled-endpoints-notice';
import { WebhookEndpointsTable } from '@/components/webhooks/endpoints-table';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { getSettings } from '@/lib/data/settings';
import { listWebhookEndpoints } from '@/lib/queries/webhooks';
import { createWebhookAction, deleteWebhookAction, setWebhookEnabledAction, updateWebhookAllowListAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };
export const dynamic = 'force-dynamic';

export default async function WebhooksPage() {
  const actor = await requirePageActor('manage:webhooks');
  const ctx = contextFor(actor);
  const [endpoints, settings] = await Promise.all([listWebhookEndpoints(ctx), getSettings(ctx.db)]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Endpoints that hear of the registry's events, signed the Standard Webhooks way and sent after each change commits, retried with back-off. An endpoint that fails 10 times in a row is disabled."
      />
      <div className="space-y-4">
        <DisabledWebhooksNotice ctx={ctx} />
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title="Endpoints" className="lg:col-span-2">
            <WebhookEndpointsTable endpoints={endpoints} setEnabled={setWebhookEnabledAction} remove={deleteWebhookAction} />
          </Card>
          <div className="space-y-4">
            <Card title="New endpoint">
              <CreateWebhookForm action={createWebhookAction} />
            </Card>
            <Card title="Internal hosts allowed">
              <ActionForm action={updateWebhookAllowListAction} testId="webhook-allow-list">
                <label htmlFor="allowed-hosts" className={labelClass}>Hosts (one per line)</label>
                <textarea id="allowed-hosts" name="hosts" rows={3} defaultValue={settings.webhookAllowedHosts.join('\n')} className={inputClass} placeholder="hooks.internal.example" />
                <p className="my-2 text-xs text-slate-600">Webhooks refuse private, loopback and link-local addresses. List a host here only if a receiver inside your network must be reached.</p>
                <button type="submit" className={buttonClass.secondary}>Save allow-list</button>
              </ActionForm>
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
