import Link from '@/components/ui/link';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { openPromotionRequests, pendingVotesOf, type PendingVote } from '@/lib/queries/dashboard-committee';
import { Time } from '@/components/ui/time';
import { ModelId } from '@/components/ui/model-id';

const KIND: Record<string, string> = {
  committee: 'promotion to production', emergency: 'emergency review', ratification: 'ratification of an emergency promotion',
  lambda: 'λ parameter set', training: 'training parameter set', inference: 'inference parameter set',
};

function Due({ v, now }: { v: PendingVote; now: Date }) {
  if (!v.dueAt) {
    const days = Math.floor((now.getTime() - v.openedAt.getTime()) / 86_400_000);
    return <span className="text-slate-600">open since <Time value={v.openedAt} style="date" />{days > 0 ? ` (${days} day${days === 1 ? '' : 's'})` : ''}; no deadline</span>;
  }
  return (
    <span className={v.overdue ? 'font-medium text-red-800' : 'text-slate-700'}>
      {v.dueLabel} <Time value={v.dueAt} style="date" />
      {v.overdue && (v.type === 'promotion' ? ' — overdue' : ' — date passed')}
    </span>
  );
}

/** What waits for this person's vote: promotions, ratifications, emergency reviews and parameter sets. */
export async function PendingVotesCard({ ctx, className = '' }: { ctx: ServiceContext; className?: string }) {
  const items = await pendingVotesOf(ctx);
  const now = ctx.now();
  return (
    <Card title="Waiting for my vote" className={className}>
      {items.length === 0 ? (
        <EmptyState>Nothing waits for your vote.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="my-pending-votes">
          {items.map((v) => (
            <li key={v.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
              <span className="min-w-0">
                <Link href={v.href} className="font-mono text-xs break-words"><ModelId id={v.subject} /></Link>
                <span className="block text-xs text-slate-600">{KIND[v.kind] ?? v.kind} · {v.approvals}/{v.quorum} approvals</span>
              </span>
              <span className="text-xs"><Due v={v} now={now} /></span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Every open promotion request with its quorum progress. */
export async function OpenRequestsCard({ ctx }: { ctx: ServiceContext }) {
  const rows = await openPromotionRequests(ctx);
  return (
    <Card title="Open approval requests">
      {rows.length === 0 ? (
        <EmptyState>No open requests.</EmptyState>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="open-requests">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/approvals#${r.id}`} className="font-mono text-xs break-words"><ModelId id={r.modelId} /></Link>
              <span className="block text-xs text-slate-600">
                {KIND[r.kind] ?? r.kind} · {r.approvals}/{r.quorum} approvals{r.dueAt ? <> · due <Time value={r.dueAt} style="date" /></> : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

