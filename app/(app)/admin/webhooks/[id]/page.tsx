import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { WebhookDeliveriesTable } from '@/components/webhooks/deliveries-table';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { getWebhookEndpoint, listWebhookDeliveries } from '@/lib/queries/webhooks';
import { redeliverWebhookAction } from '../actions';

export const metadata: Metadata = { title: 'Webhook deliveries' };
export const dynamic = 'force-dynamic';

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor('manage:webhooks');
  const ctx = contextFor(actor);
  const { id } = await params;
  const endpoint = await getWebhookEndpoint(ctx, id);
  const deliveries = await listWebhookDeliveries(ctx, id, { limit: 100 });
  return (
    <>
      <PageHeader title="Webhook deliveries" subtitle={<span className="font-mono text-xs break-all">{endpoint.url}</span>}>
        <Link href="/admin/webhooks" className={buttonClass.secondary}>All endpoints</Link>
      </PageHeader>
      <Card title={`Last ${deliveries.length} deliveries`}>
        <WebhookDeliveriesTable endpointId={endpoint.id} deliveries={deliveries} redeliver={redeliverWebhookAction} />
      </Card>
    </>
  );
}
