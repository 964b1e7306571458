import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listPromotionRequests } from '@/lib/queries/governance';
import { castVoteAction, requestPromotionAction, withdrawAction } from './actions';

export const metadata: Metadata = { title: 'Approvals' };
export const dynamic = 'force-dynamic';

const STATE_LABEL: Record<string, { text: string; tone: 'slate' | 'red' | 'amber' | 'indigo' }> = {
  open: { text: 'open', tone: 'indigo' },
  approved_waiting_rai: { text: 'quorum reached · waiting on RAI', tone: 'amber' },
  approved: { text: 'approved', tone: 'slate' },
  rejected: { text: 'rejected', tone: 'red' },
  withdrawn: { text: 'withdrawn', tone: 'slate' },
};

const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export default async function ApprovalsPage() {
  const actor = await requirePageActor('read:registry');
  const { requests, stagingVersions } = await listPromotionRequests(contextFor(actor));
  const open = requests.filter((r) => r.status === 'open');
  const decided = requests.filter((r) => r.status !== 'open');
  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle="Promotions to production need a quorum of committee approvals and a passed RAI assessment; hotfixes may take the emergency path (two senior engineers), then committee ratification."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <h2 className="text-lg font-semibold">Open requests</h2>
          {open.length === 0 && <EmptyState>No open requests.</EmptyState>}
          {open.map((r) => (
            <Card key={r.id} className="scroll-mt-20">
              <article id={r.id} aria-labelledby={`req-${r.id}`} data-testid="promotion-request">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 id={`req-${r.id}`} className="font-mono text-sm font-semibold">
                    <Link href={`/versions/${r.version.modelId}`}>{r.version.modelId}</Link>
                  </h3>
                  <span className="flex flex-wrap gap-1">
                    <Tag tone={r.kind === 'emergency' ? 'amber' : 'slate'}>{r.kind}</Tag>
                    <Tag tone={STATE_LABEL[r.state].tone}>{STATE_LABEL[r.state].text}</Tag>
                    <StatusBadge status={r.version.status} />
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700">{r.reason}</p>
                <p className="mt-1 text-xs text-slate-600">
                  Requested by {r.requestedBy.name} on {day(r.createdAt)} UTC{r.dueAt ? ` · due ${day(r.dueAt)} UTC` : ''} · RAI:{' '}
                  <span className={r.raiResult === 'pass' ? 'text-emerald-800' : 'text-red-800'}>{r.raiResult ?? 'not assessed'}</span>
                </p>
                <div className="mt-3">
                  <div className="flex justify-between text-xs text-slate-700">
                    <span>Quorum progress</span>
                    <span data-testid="quorum">{r.approvals} of {r.quorum} approvals{r.rejections ? ` · ${r.rejections} rejected` : ''}</span>
                  </div>
                  <div className="mt-1 h-2 rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={r.quorum} aria-valuenow={r.approvals} aria-label="Approvals toward quorum">
                    <div className="h-2 rounded bg-emerald-600" style={{ width: `${Math.min(100, (r.approvals / r.quorum) * 100)}%` }} />
                  </div>
                </div>
                {r.votes.length > 0 && (
                  <ul className="mt-3 space-y-1 text-sm">
                    {r.votes.map((v) => (
                      <li key={v.id}>
                        <span className={v.decision === 'approve' ? 'text-emerald-800' : 'text-red-800'}>{v.decision === 'approve' ? '✓ approved' : '✗ rejected'}</span> by {v.voter.name}
                        {v.comment && <span className="text-slate-600"> — “{v.comment}”</span>}
                      </li>
                    ))}
                  </ul>
                )}
                {r.canVote && (
                  <ActionForm action={castVoteAction} className="mt-3 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end" testId="vote-form">
                    <input type="hidden" name="requestId" value={r.id} />
                    <input type="hidden" name="kind" value={r.kind} />
                    <div>
                      <label htmlFor={`comment-${r.id}`} className={labelClass}>Comment (required to reject)</label>
                      <input id={`comment-${r.id}`} name="comment" className={`mt-1 ${inputClass}`} />
                    </div>
                    <button type="submit" name="decision" value="approve" className={buttonClass.primary}>Approve</button>
                    <button type="submit" name="decision" value="reject" className={buttonClass.danger}>Reject</button>
                  </ActionForm>
                )}
                {r.whyNoVote && <p className="mt-2 text-xs text-slate-600">{r.whyNoVote}.</p>}
                {r.canWithdraw && (
                  <ActionForm action={withdrawAction} className="mt-2">
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className="text-sm text-red-800 underline">Withdraw my request</button>
                  </ActionForm>
                )}
              </article>
            </Card>
          ))}
        </div>
        <div className="space-y-4">
          {stagingVersions.length > 0 && (
            <Card title="Request a promotion">
              <ActionForm action={requestPromotionAction} className="space-y-3" testId="request-promotion-form">
                <div>
                  <label htmlFor="versionId" className={labelClass}>Staging version</label>
                  <select id="versionId" name="versionId" className={`mt-1 ${inputClass}`}>
                    {stagingVersions.map((v) => <option key={v.id} value={v.id}>{v.modelId}</option>)}
                  </select>
                </div>
                <fieldset>
                  <legend className={labelClass}>Path</legend>
                  <label className="mt-1 flex items-center gap-2 text-sm"><input type="radio" name="path" value="committee" defaultChecked /> Committee approval</label>
                  <label className="flex items-center gap-2 text-sm"><input type="radio" name="path" value="emergency" /> Emergency (hotfix/* branch, tagged emergency)</label>
                </fieldset>
                <div>
                  <label htmlFor="reason" className={labelClass}>Reason</label>
                  <textarea id="reason" name="reason" rows={3} required className={`mt-1 ${inputClass}`} />
                </div>
                <button type="submit" className={buttonClass.primary}>Request promotion</button>
              </ActionForm>
            </Card>
          )}
          <Card title="Decided">
            {decided.length === 0 ? (
              <EmptyState>Nothing decided yet.</EmptyState>
            ) : (
              <ul className="space-y-2 text-sm">
                {decided.map((r) => (
                  <li key={r.id}>
                    <Link href={`/versions/${r.version.modelId}`} className="font-mono text-xs">{r.version.modelId}</Link>
                    <span className="block text-xs text-slate-600">
                      {r.kind} · {STATE_LABEL[r.state].text} · {r.approvals}/{r.quorum}{r.decidedAt ? ` · ${day(r.decidedAt)} UTC` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
