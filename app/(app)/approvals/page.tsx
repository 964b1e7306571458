import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { DecisionPanel, stateLabel } from '@/components/approvals/decision-panel';
import { ParameterSetCard } from '@/components/parameters/parameter-set-card';
import { RequestPromotionPanel } from '@/components/approvals/request-promotion-panel';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Time } from '@/components/ui/time';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listParameterSetReviews } from '@/lib/queries/parameter-set-review';
import { loadPromotionDecisions } from '@/lib/queries/promotion-decisions';
import { voteParameterSetAction } from '../parameters/actions';
import { castVoteAction, requestPromotionAction, withdrawAction } from './actions';
import { ModelId } from '@/components/ui/model-id';

export const metadata: Metadata = { title: 'Approvals' };
export const dynamic = 'force-dynamic';

// The committee's decision page: each open request with the evidence to decide it and the vote
// (components/approvals/decision-panel.tsx), so no decision needs a round trip to the version page.

export default async function ApprovalsPage() {
  const actor = await requirePageActor('read:registry');
  const ctx = contextFor(actor);
  const [{ decisions, decided, requestable, whyNothingToRequest }, sets] = await Promise.all([loadPromotionDecisions(ctx), listParameterSetReviews(ctx)]);
  // Sets waiting for the committee, and those the viewer just voted on (their result stays in place).
  const paramSets = sets.filter((s) => s.status === 'proposed' || s.justVoted);
  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle="Promotions to production need a quorum of committee approvals and a passed RAI assessment; hotfixes may take the emergency path (two senior engineers), then committee ratification."
      />
      <div className="grid min-w-0 gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <h2 className="text-lg font-semibold">Open requests</h2>
          {decisions.length === 0 && <EmptyState>No open requests.</EmptyState>}
          {decisions.map(({ request, evidence }) => (
            <DecisionPanel key={request.id} r={request} evidence={evidence} viewerId={actor.id ?? ''} voteAction={castVoteAction} withdrawAction={withdrawAction} />
          ))}
          <h2 className="pt-2 text-lg font-semibold">Parameter sets</h2>
          {paramSets.length === 0 ? (
            <EmptyState>No parameter set waits for the committee. <Link href="/parameters">All parameter sets</Link></EmptyState>
          ) : (
            <ol className="space-y-3" data-testid="approvals-parameter-sets">
              {paramSets.map((s) => (
                <ParameterSetCard key={s.id} s={s} voteAction={voteParameterSetAction} framed />
              ))}
            </ol>
          )}
        </div>
        <div className="min-w-0 space-y-4">
          <RequestPromotionPanel action={requestPromotionAction} versions={requestable} why={whyNothingToRequest} />
          <Card title="Decided">
            {decided.length === 0 ? (
              <EmptyState>Nothing decided yet.</EmptyState>
            ) : (
              <ul className="space-y-2 text-sm">
                {decided.map((r) => (
                  <li key={r.id}>
                    <Link href={`/versions/${r.version.modelId}`} className="font-mono text-xs break-words"><ModelId id={r.version.modelId} /></Link>
                    <span className="block text-xs text-slate-600">
                      {r.kind} · {stateLabel(r.state).text} · {r.approvals}/{r.quorum}{r.decidedAt && <> · <Time value={r.decidedAt} /></>}
                    </span>
                    {r.votes.filter((v) => v.decision === 'reject' && v.comment).map((v) => (
                      <span key={v.id} className="block text-xs text-slate-700">✗ {v.voter.name}: “{v.comment}”</span>
                    ))}
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
