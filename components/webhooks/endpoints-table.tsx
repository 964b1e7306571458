import Link from '@/components/ui/link';
import { ActionForm } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { ConfirmSubmit } from '@/components/ui/confirm-dialog';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { FormState } from '@/lib/api/action-error';
import type { WebhookEndpointView } from '@/lib/queries/webhooks';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Endpoints with their events, state and delivery counts; enable/disable, delete, and a link to the log. */
export function WebhookEndpointsTable({ endpoints, setEnabled, remove }: { endpoints: WebhookEndpointView[]; setEnabled: Action; remove: Action }) {
  if (endpoints.length === 0) return <EmptyState>No webhook endpoints yet.</EmptyState>;
  return (
    <Table bleed={false} testId="webhooks-table">
      <THead>
        <Th>URL</Th>
        <Th>Events</Th>
        <Th>State</Th>
        <Th>Deliveries</Th>
        <Th><span className="sr-only">Actions</span></Th>
      </THead>
      <TBody>
        {endpoints.map((e) => (
          <tr key={e.id}>
            <Td className="max-w-xs">
              <Link href={`/admin/webhooks/${e.id}`} className="font-mono text-xs break-all">{e.url}</Link>
              {e.description && <span className="block text-xs text-slate-600">{e.description}</span>}
            </Td>
            <Td className="text-xs">{e.events.join(', ')}</Td>
            <Td>
              {e.enabled ? <Tag tone="indigo">enabled</Tag> : <Tag tone={e.disabledReason ? 'red' : 'amber'}>disabled</Tag>}
              {e.disabledReason && <span className="block max-w-xs text-xs text-red-800">{e.disabledReason}</span>}
            </Td>
            <Td className="text-xs whitespace-nowrap">
              {e.deliveries.succeeded} sent · {e.deliveries.pending} pending · {e.deliveries.failed} failed
            </Td>
            <Td>
              <div className="flex flex-wrap gap-2">
                <ActionForm action={setEnabled} testId={`toggle-${e.id}`}>
                  <input type="hidden" name="endpointId" value={e.id} />
                  <input type="hidden" name="enabled" value={String(!e.enabled)} />
                  <button type="submit" className={buttonClass.secondary}>{e.enabled ? 'Disable' : 'Enable'}</button>
                </ActionForm>
                <ActionForm action={remove} testId={`delete-${e.id}`}>
                  <input type="hidden" name="endpointId" value={e.id} />
                  <ConfirmSubmit title="Delete this webhook endpoint?" description={<p>{e.url} gets no more events, and its delivery log is deleted.</p>} confirmLabel="Delete endpoint" ariaLabel={`Delete webhook ${e.url}`}>
                    Delete
                  </ConfirmSubmit>
                </ActionForm>
              </div>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
