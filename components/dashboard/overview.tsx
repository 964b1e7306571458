import Link from '@/components/ui/link';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { Time } from '@/components/ui/time';
import { auditActionLabel } from '@/lib/domain/audit-labels';
import { STATUSES } from '@/lib/domain/lifecycle';
import type { DashboardOverview } from '@/lib/queries/dashboard-overview';
import { LazyFvdTrendChart } from './fvd-trend-chart-lazy';
import { ModelId } from '@/components/ui/model-id';

/** The production version of each component now. */
export function ProductionNowCard({ data, className = '' }: { data: DashboardOverview; className?: string }) {
  return (
    <Card title="In production now" className={className}>
      <ul className="divide-y divide-slate-100" data-testid="production-list">
        {data.production.map((p) => (
          <li key={p.component} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="font-medium">{p.name}</span>
            {p.version ? (
              <span className="flex min-w-0 flex-wrap items-center gap-2">
                <Link href={`/versions/${p.version.modelId}`} className="font-mono text-sm break-words"><ModelId id={p.version.modelId} /></Link>
                {p.version.tags.includes('emergency') && <Tag tone="amber">emergency</Tag>}
                {p.monitoring && <Tag tone="indigo">heightened monitoring</Tag>}
              </span>
            ) : (
              <span className="text-sm text-slate-600">no production version</span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function StatusCountsCard({ data }: { data: DashboardOverview }) {
  return (
    <Card title="Versions by status">
      <dl className="grid grid-cols-2 gap-2 lg:grid-cols-1" data-testid="status-counts">
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
  );
}

export function RecentActivityCard({ data, className = '' }: { data: DashboardOverview; className?: string }) {
  return (
    <Card title="Recent activity" className={className}>
      {data.recent.length === 0 ? (
        <EmptyState>No activity yet.</EmptyState>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="recent-activity">
          {data.recent.map((e) => (
            <li key={e.seq}>
              <span className="font-mono text-xs text-slate-600">#{e.seq}</span> <span className="font-medium" title={e.action}>{auditActionLabel(e.action)}</span>
              <span className="block text-xs text-slate-600">{e.actorLabel} · <Time value={e.occurredAt} /></span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export function FvdTrendCard({ data, className = '' }: { data: DashboardOverview; className?: string }) {
  return (
    <Card title="Fréchet Video Distance (FVD) by release date, lower is better" className={className}>
      {data.fvdTrend.length ? <LazyFvdTrendChart series={data.fvdTrend} /> : <EmptyState>No FVD measurements yet.</EmptyState>}
      <p className="mt-1 text-xs text-slate-600" data-testid="fvd-left-out">
        Only FVD is drawn here: each version&apos;s overall value (all scenarios and languages together). IS, temporal coherence and generation time are on each version&apos;s page and on <Link href="/compare">Compare</Link>.
        {data.withoutFvd.length > 0 && (
          <span className="block" data-testid="fvd-missing">
            Not shown: {data.withoutFvd.join(', ')} — no FVD value is recorded for {data.withoutFvd.length === 1 ? 'it' : 'them'} (not scored on FVD), so there is no line to draw.
          </span>
        )}
      </p>
    </Card>
  );
}
