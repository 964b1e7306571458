import Link from '@/components/ui/link';
import type { ServiceContext } from '@/lib/context';
import { autoDisabledWebhookEndpoints } from '@/lib/queries/webhooks';

/** Tells an admin which webhook endpoints the registry disabled after repeated failures (nothing for anyone else). */
export async function DisabledWebhooksNotice({ ctx }: { ctx: ServiceContext }) {
  const disabled = await autoDisabledWebhookEndpoints(ctx);
  if (disabled.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950" data-testid="disabled-webhooks">
      <p className="font-medium">
        {disabled.length === 1 ? 'A webhook endpoint was' : `${disabled.length} webhook endpoints were`} disabled after repeated failed deliveries.
      </p>
      <ul className="mt-1 space-y-1">
        {disabled.slice(0, 5).map((d) => (
          <li key={d.id}>
            <Link href={`/admin/webhooks/${d.id}`} className="font-mono text-xs break-all underline">{d.url}</Link>
            <span className="block text-xs">{d.disabledReason}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs">Fix the receiver, then enable the endpoint on <Link href="/admin/webhooks" className="underline">Webhooks</Link>: its waiting deliveries go out again.</p>
    </div>
  );
}
