import Link from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { myVersions } from '@/lib/queries/dashboard-engineer';
import { ModelId } from '@/components/ui/model-id';

/** The versions this person registered, each with the gate it must pass next and what still fails. */
export async function MyVersionsCard({ ctx, className = '' }: { ctx: ServiceContext; className?: string }) {
  const { versions, total } = await myVersions(ctx);
  return (
    <Card title="My versions and their next gate" className={className}>
      {versions.length === 0 ? (
        <EmptyState>You have not registered a version yet (archived ones are not listed).</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="my-versions">
          {versions.map((v) => (
            <li key={v.id} className="grid gap-1 py-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)] sm:gap-4">
              <span className="min-w-0">
                <Link href={`/versions/${v.modelId}`} className="font-mono text-xs break-words"><ModelId id={v.modelId} /></Link>
                <span className="mt-0.5 flex items-center gap-2"><StatusBadge status={v.status} /></span>
              </span>
              <span className="min-w-0 text-xs" data-testid="next-gate">
                {!v.next ? (
                  <span className="text-slate-600">no further gate</span>
                ) : (
                  <>
                    <span className="font-medium text-slate-800" data-state={v.next.state}>
                      → {v.next.to}: {v.next.label}{' '}
                      {v.next.state === 'passes' && <span className="text-emerald-800">✓ passes now</span>}
                      {v.next.state === 'blocked' && <span className="text-amber-900">✗ not yet</span>}
                    </span>
                    {v.next.state === 'waits' ? (
                      <span className="block text-slate-600">{v.next.failing[0]?.detail}</span>
                    ) : (
                      <>
                        {v.next.viaRequest && v.next.to === 'production' && <span className="block text-slate-600">through a promotion request on the Approvals page</span>}
                        {v.next.state === 'blocked' && (
                          <ul className="mt-0.5 list-disc pl-4 text-slate-700">
                            {v.next.failing.slice(0, 3).map((c) => (
                              <li key={c.label}>{c.detail}</li>
                            ))}
                          </ul>
                        )}
                      </>
                    )}
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {total > versions.length && (
        <p className="mt-2 text-xs text-slate-600">
          {versions.length} of {total} shown. <Link href="/versions">All versions</Link>
        </p>
      )}
    </Card>
  );
}
