import Link from '@/components/ui/link';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { overdueItems } from '@/lib/queries/dashboard-auditor';
import { Time } from '@/components/ui/time';
import { ModelId } from '@/components/ui/model-id';

/** Root cause analyses and ratifications past their deadline. */
export async function OverdueCard({ ctx, className = '' }: { ctx: ServiceContext; className?: string }) {
  const { rcas, ratifications } = await overdueItems(ctx);
  return (
    <Card title="Overdue" className={className}>
      {rcas.length + ratifications.length === 0 ? (
        <EmptyState>No root cause analysis or ratification is overdue.</EmptyState>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="overdue-items">
          {rcas.map((i) => (
            <li key={i.id} data-testid="overdue-rca">
              <span className="text-xs font-semibold text-red-800 uppercase">Root cause analysis</span>{' '}
              <Link href={`/incidents#${i.id}`}>{i.title}</Link>
              <span className="block text-xs text-slate-700">was due <Time value={i.dueAt} /> · <span className="font-mono break-words"><ModelId id={i.modelId} /></span></span>
            </li>
          ))}
          {ratifications.map((r) => (
            <li key={r.id} data-testid="overdue-ratification">
              <span className="text-xs font-semibold text-red-800 uppercase">Ratification</span>{' '}
              <Link href={`/approvals#${r.id}`} className="font-mono text-xs break-words"><ModelId id={r.modelId} /></Link>
              <span className="block text-xs text-slate-700">was due <Time value={r.dueAt} /> · {r.approvals}/{r.quorum} approvals</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
