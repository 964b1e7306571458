import Link from '@/components/ui/link';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import type { VersionCore } from '@/lib/queries/version-core';
import type { VersionGovernance } from '@/lib/queries/version-slices';
import { Time } from '@/components/ui/time';
import { withoutInternalIds } from '@/lib/domain/audit-labels';
import { versionGovernance } from './version-data';

function Timeline({ transitions }: { transitions: VersionGovernance['transitions'] }) {
  if (transitions.length === 0) return <EmptyState>No transitions recorded.</EmptyState>;
  return (
    <ol className="relative space-y-3 border-l border-slate-200 pl-4" data-testid="status-timeline">
      {transitions.map((t) => (
        <li key={t.id} className="text-sm">
          <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border-2 border-white bg-indigo-600" aria-hidden="true" />
          <span className="flex flex-wrap items-center gap-1">
            {t.fromStatus ? <StatusBadge status={t.fromStatus} /> : <span className="text-slate-600">registered</span>}
            <span aria-label="to">→</span>
            <StatusBadge status={t.toStatus} />
          </span>
          <span className="block text-xs text-slate-600">
            <Time value={t.at} /> · {t.actorName ? `${t.actorName} (${t.actorLabel})` : t.actorLabel}
          </span>
          {t.reason && <span className="block text-slate-800">{withoutInternalIds(t.reason)}</span>}
        </li>
      ))}
    </ol>
  );
}

function Requests({ requests }: { requests: VersionGovernance['promotionRequests'] }) {
  if (requests.length === 0) return <EmptyState>No promotion request for this version.</EmptyState>;
  return (
    <ul className="space-y-4" data-testid="promotion-requests">
      {requests.map((r) => (
        <li key={r.id} className="rounded border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Tag tone={r.kind === 'emergency' ? 'amber' : 'indigo'}>{r.kind}</Tag>
            <span className="font-medium">{r.status}</span>
            <span className="text-slate-600">
              {r.approvals}/{r.quorum} approvals{r.rejections ? `, ${r.rejections} rejections` : ''}
            </span>
          </div>
          <div className="mt-1 h-1.5 w-full rounded bg-slate-100" aria-hidden="true">
            <div className="h-1.5 rounded bg-emerald-600" style={{ width: `${Math.min(100, (r.approvals / Math.max(1, r.quorum)) * 100)}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600">
            requested by {r.requestedBy.name} on <Time value={r.createdAt} />
            {r.dueAt && <> · due <Time value={r.dueAt} /></>}
            {r.decidedAt && <> · decided <Time value={r.decidedAt} /></>}
          </p>
          {r.reason && <p className="mt-1">{withoutInternalIds(r.reason)}</p>}
          {r.votes.length > 0 && (
            <ul className="mt-2 space-y-1">
              {r.votes.map((vote) => (
                <li key={vote.id}>
                  <span className={vote.decision === 'approve' ? 'font-medium text-emerald-800' : 'font-medium text-red-700'}>
                    {vote.decision === 'approve' ? '✓ approve' : '✗ reject'}
                  </span>{' '}
                  {vote.voter.name}
                  {vote.comment && <span className="text-slate-700">: “{vote.comment}”</span>}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Status timeline, promotion requests with their votes, and incidents naming this version. */
export async function GovernanceSections({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const gov = await versionGovernance(ctx, v);
  return (
    <>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Status timeline">
          <div id="timeline"><Timeline transitions={gov.transitions} /></div>
        </Card>
        <Card title="Approvals">
          <div id="approvals">
            <Requests requests={gov.promotionRequests} />
            {v.status === 'staging' && (
              <p className="mt-3 text-sm">
                <Link href="/approvals">Go to approvals</Link>
              </p>
            )}
          </div>
        </Card>
      </div>
      {gov.incidents.length > 0 && (
        <Card title="Incidents">
          <ul className="space-y-2 text-sm" data-testid="incidents">
            {gov.incidents.map((i) => (
              <li key={i.id} className="flex flex-wrap items-baseline gap-2">
                <Link href={`/incidents#${i.id}`} className="font-medium">{i.title}</Link>
                <Tag tone={i.status === 'open' ? 'red' : 'slate'}>{i.status.replace('_', ' ')}</Tag>
                <span className="text-slate-600">
                  {i.role === 'problem' ? `rolled back to ${i.rollbackToVersion?.modelId ?? '—'}` : `rollback target for ${i.version.modelId}`} · opened <Time value={i.openedAt} /> by {i.openedBy.name}
                  {!i.rcaSubmittedAt && <> · <abbr title="Root cause analysis">RCA</abbr> due <Time value={i.rcaDueAt} /></>}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
