import type { Metadata } from 'next';
import Link from 'next/link';
import { FvdTrendChart } from '@/components/dashboard/fvd-trend-chart';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { STATUSES } from '@/lib/domain/lifecycle';
import { contextFor } from '@/lib/context';
import { getDashboard } from '@/lib/queries/dashboard';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

const fmt = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export default async function DashboardPage() {
  const actor = await requirePageActor('read:registry');
  const data = await getDashboard(contextFor(actor));
  return (
    <>
      <PageHeader title="Dashboard" subtitle="Production models, pending decisions and recent activity across the registry." />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="In production" className="lg:col-span-2">
          <ul className="divide-y divide-slate-100" data-testid="production-list">
            {data.production.map((p) => (
              <li key={p.component} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="font-medium">{p.name}</span>
                {p.version ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <Link href={`/versions/${p.version.modelId}`} className="font-mono text-sm">{p.version.modelId}</Link>
                    {p.version.tags.includes('emergency') && <Tag tone="amber">emergency</Tag>}
                    {p.monitoring && <Tag tone="indigo">heightened monitoring</Tag>}
                  </span>
                ) : (
                  <span className="text-sm text-slate-500">no production version</span>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Versions by status">
          <dl className="grid grid-cols-2 gap-2" data-testid="status-counts">
            {STATUSES.map((s) => (
              <div key={s} className="flex items-center justify-between rounded border border-slate-100 px-2 py-1.5">
                <dt><StatusBadge status={s} /></dt>
                <dd className="font-semibold tabular-nums">
                  <Link href={`/versions?status=${s}`} aria-label={`${data.countByStatus[s]} ${s} versions`}>{data.countByStatus[s]}</Link>
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="My pending votes">
          {data.myPendingVotes.length === 0 ? (
            <EmptyState>Nothing waits for your vote.</EmptyState>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="my-pending-votes">
              {data.myPendingVotes.map((r) => (
                <li key={r.id}>
                  <Link href={`/approvals#${r.id}`} className="font-mono">{r.modelId}</Link> <Tag>{r.kind}</Tag>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Open approval requests">
          {data.openRequests.length === 0 ? (
            <EmptyState>No open requests.</EmptyState>
          ) : (
            <ul className="space-y-2 text-sm">
              {data.openRequests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={`/versions/${r.modelId}`} className="font-mono">{r.modelId}</Link>
                  <span className="text-slate-600">
                    {r.approvals}/{r.quorum} approvals · {r.kind}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Overdue root cause analyses">
          {data.overdueRcas.length === 0 ? (
            <EmptyState>No RCA is overdue.</EmptyState>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="overdue-rcas">
              {data.overdueRcas.map((i) => (
                <li key={i.id}>
                  <Link href={`/incidents#${i.id}`}>{i.title}</Link>
                  <span className="block text-xs text-red-700">due {fmt(i.rcaDueAt)} · {i.version.modelId}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="FVD by release (lower is better)" className="lg:col-span-2">
          {data.fvdTrend.length ? <FvdTrendChart points={data.fvdTrend} /> : <EmptyState>No FVD measurements yet.</EmptyState>}
        </Card>
        <Card title="Recent activity">
          {data.recent.length === 0 ? (
            <EmptyState>No activity yet.</EmptyState>
          ) : (
            <ol className="space-y-2 text-sm" data-testid="recent-activity">
              {data.recent.map((e) => (
                <li key={e.seq}>
                  <span className="font-mono text-xs text-slate-500">#{e.seq}</span> <span className="font-medium">{e.action}</span>
                  <span className="block text-xs text-slate-600">
                    {e.actorLabel} · {fmt(e.occurredAt)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
