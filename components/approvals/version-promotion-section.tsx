import type { FormAction } from '@/components/ui/action-form';
import type { ServiceContext } from '@/lib/context';
import { loadVersionPromotionPanel } from '@/lib/queries/promotion-decisions';
import type { VersionCore } from '@/lib/queries/version-core';
import { DecisionPanel } from './decision-panel';
import { RequestPromotionPanel } from './request-promotion-panel';

/** On the version page: the open promotion request with its evidence and the vote, or "Request a promotion" (or why not). */
export async function VersionPromotionSection({
  ctx,
  v,
  voteAction,
  withdrawAction,
  requestAction,
}: {
  ctx: ServiceContext;
  v: VersionCore;
  voteAction: FormAction;
  withdrawAction: FormAction;
  requestAction: FormAction;
}) {
  const p = await loadVersionPromotionPanel(ctx, v);
  if (p.decision) {
    return (
      <section aria-label="Promotion decision" id="decision">
        <DecisionPanel r={p.decision.request} evidence={p.decision.evidence} viewerId={ctx.actor.id ?? ''} voteAction={voteAction} withdrawAction={withdrawAction} headingLevel={2} />
      </section>
    );
  }
  if (!p.offerRequest) return null;
  return <RequestPromotionPanel action={requestAction} versions={p.requestable ? [{ id: v.id, modelId: v.modelId }] : []} why={p.why} fixedVersion={{ id: v.id, modelId: v.modelId }} />;
}
