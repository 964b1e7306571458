import Link from '@/components/ui/link';
import { ActionForm, SubmitButton, type FormAction } from '@/components/ui/action-form';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import { withoutInternalIds } from '@/lib/domain/audit-labels';
import type { listPromotionRequests } from '@/lib/queries/governance';
import type { PromotionEvidence } from '@/lib/queries/promotion-evidence';
import { PromotionEvidenceView } from './evidence';
import { VotePanel } from './vote-panel';
import { ModelId } from '@/components/ui/model-id';

// One promotion request as a decision: what is asked, the evidence, the votes so far, and the
// vote itself. Used by the approvals page and, while a request is open, by the version page.

export type DecisionRequest = Awaited<ReturnType<typeof listPromotionRequests>>['requests'][number];

const STATE_LABEL: Record<string, { text: string; tone: 'slate' | 'red' | 'amber' | 'indigo' }> = {
  open: { text: 'open', tone: 'indigo' },
  approved_waiting_rai: { text: 'quorum reached · waiting on RAI', tone: 'amber' },
  approved: { text: 'approved', tone: 'slate' },
  rejected: { text: 'rejected', tone: 'red' },
  withdrawn: { text: 'withdrawn', tone: 'slate' },
};

export const stateLabel = (state: string) => STATE_LABEL[state] ?? { text: state, tone: 'slate' as const };

const KIND_LABEL: Record<string, string> = {
  committee: 'committee promotion',
  emergency: 'emergency promotion',
  ratification: 'ratification of an emergency promotion',
};

export function DecisionPanel({
  r,
  evidence,
  viewerId,
  voteAction,
  withdrawAction,
  headingLevel = 3,
}: {
  r: DecisionRequest;
  evidence: PromotionEvidence;
  viewerId: string;
  voteAction: FormAction;
  withdrawAction?: FormAction;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const state = stateLabel(r.state);
  const mine = r.votes.find((v) => v.voterId === viewerId) ?? null;
  const voters = r.kind === 'emergency' ? 'senior engineer approvals' : 'approvals';
  return (
    <article id={r.id} aria-labelledby={`req-${r.id}`} data-testid="promotion-request" className="scroll-mt-20 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {headingLevel === 2 ? (
          // On the version page the version is the page's own title: name the request instead.
          <H id={`req-${r.id}`} className="text-sm font-semibold tracking-wide text-slate-700 uppercase">Open promotion request</H>
        ) : (
          <H id={`req-${r.id}`} className="min-w-0 font-mono text-sm font-semibold break-words">
            <Link href={`/versions/${r.version.modelId}`}><ModelId id={r.version.modelId} /></Link>
          </H>
        )}
        <span className="flex flex-wrap gap-1">
          <Tag tone={r.kind === 'committee' ? 'slate' : 'amber'}>{KIND_LABEL[r.kind] ?? r.kind}</Tag>
          <Tag tone={state.tone}>{state.text}</Tag>
          <StatusBadge status={r.version.status} />
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-800">{withoutInternalIds(r.reason)}</p>
      <p className="mt-1 text-xs text-slate-600">
        Requested by {r.requestedBy.name} on <Time value={r.createdAt} />{r.dueAt && <> · due <Time value={r.dueAt} /></>}{r.decidedAt && <> · decided <Time value={r.decidedAt} /></>}
      </p>
      <div className="mt-3">
        <div className="flex justify-between gap-2 text-xs text-slate-700">
          <span>Quorum progress</span>
          <span data-testid="quorum">{r.approvals} of {r.quorum} {voters}{r.rejections ? ` · ${r.rejections} rejected` : ''}</span>
        </div>
        <div className="mt-1 h-2 rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={r.quorum} aria-valuenow={r.approvals} aria-label={`Approvals toward quorum for ${r.version.modelId}`}>
          <div className="h-2 rounded bg-emerald-600" style={{ width: `${Math.min(100, (r.approvals / Math.max(1, r.quorum)) * 100)}%` }} />
        </div>
      </div>
      <PromotionEvidenceView evidence={evidence} subHeading={Sub} />
      {r.votes.length > 0 && (
        // Folded when long, so the vote stays near the evidence.
        <details className="mt-3" open={r.votes.length <= 5}>
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">
            <Sub className="inline">Votes ({r.approvals} approve{r.rejections ? `, ${r.rejections} reject` : ''})</Sub>
          </summary>
          <ul className="mt-1 space-y-1 text-sm" data-testid="votes">
            {r.votes.map((v) => (
              <li key={v.id}>
                <span className={v.decision === 'approve' ? 'text-emerald-800' : 'text-red-800'}>{v.decision === 'approve' ? '✓ approved' : '✗ rejected'}</span> by {v.voter.name}
                <span className="text-slate-600"> · <Time value={v.createdAt} /></span>
                {v.comment && <span className="block text-slate-700 sm:inline"> — “{v.comment}”</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(r.canVote || mine) && (
        <VotePanel
          action={voteAction}
          hidden={{ requestId: r.id }}
          subject={`the ${KIND_LABEL[r.kind] ?? 'request'} of ${r.version.modelId}`}
          confirmLabel={r.kind === 'ratification' ? 'Reject ratification' : 'Reject promotion'}
          canVote={r.canVote}
          myVote={mine ? { decision: mine.decision, comment: mine.comment } : null}
        />
      )}
      {r.whyNoVote && !mine && <p className="mt-2 text-xs text-slate-600">{r.whyNoVote}.</p>}
      {r.canWithdraw && withdrawAction && (
        <ActionForm action={withdrawAction} className="mt-2">
          <input type="hidden" name="requestId" value={r.id} />
          <SubmitButton className="text-sm text-red-800 underline disabled:opacity-50" pendingLabel="Withdrawing…">Withdraw my request</SubmitButton>
        </ActionForm>
      )}
    </article>
  );
}
