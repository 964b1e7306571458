import { ActionForm } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { FormState } from '@/lib/api/action-error';
import type { WebhookDeliveryView } from '@/lib/queries/webhooks';
import { Time } from '@/components/ui/time';

const when = (iso: string | null) => (iso ? <Time value={iso} /> : '—');
const TONE = { succeeded: 'indigo', pending: 'amber', failed: 'red' } as const;

/** One endpoint's delivery log, newest first, with a Redeliver button on each row. */
export function WebhookDeliveriesTable({ endpointId, deliveries, redeliver }: { endpointId: string; deliveries: WebhookDeliveryView[]; redeliver: (prev: FormState, form: FormData) => Promise<FormState> }) {
  if (deliveries.length === 0) return <EmptyState>No deliveries yet: events this endpoint subscribes to appear here.</EmptyState>;
  return (
    <Table bleed={false} testId="deliveries-table">
      <THead>
        <Th>Event</Th>
        <Th>Status</Th>
        <Th>Response</Th>
        <Th>Attempts</Th>
        <Th>Created</Th>
        <Th>Last attempt</Th>
        <Th><span className="sr-only">Actions</span></Th>
      </THead>
      <TBody>
        {deliveries.map((d) => (
          <tr key={d.id} data-testid={`delivery-${d.eventType}`}>
            <Td>
              <code className="font-mono text-xs">{d.eventType}</code>
              <span className="block font-mono text-xs text-slate-600">{d.webhookId}</span>
            </Td>
            <Td>
              <Tag tone={TONE[d.status]}>{d.status}</Tag>
              {d.nextAttemptAt && <span className="block text-xs text-slate-600">next {when(d.nextAttemptAt)}</span>}
            </Td>
            <Td className="text-xs">
              {d.lastResponseCode ?? '—'}
              {d.lastError && <span className="block max-w-xs break-all text-red-800">{d.lastError}</span>}
            </Td>
            <Td className="tabular-nums">{d.attempts}</Td>
            <Td className="text-xs whitespace-nowrap">{when(d.createdAt)}</Td>
            <Td className="text-xs whitespace-nowrap">{when(d.lastAttemptAt)}</Td>
            <Td>
              <ActionForm action={redeliver} testId={`redeliver-${d.id}`}>
                <input type="hidden" name="endpointId" value={endpointId} />
                <input type="hidden" name="deliveryId" value={d.id} />
                <button type="submit" className={buttonClass.secondary} aria-label={`Redeliver ${d.eventType} ${d.webhookId}`}>Redeliver</button>
              </ActionForm>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
