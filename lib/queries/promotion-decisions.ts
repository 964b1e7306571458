import type { ServiceContext } from '../context';
import { canRequestPromotion } from '../permissions/promotion';
import { listPromotionRequests } from './governance';
import { loadPromotionEvidence, type PromotionEvidence } from './promotion-evidence';

// The approvals page's read model (and the version page's decision panel): the open promotion
// requests, each with its evidence; a request the viewer's own vote just decided stays among them
// for a while so its result is shown where the vote was cast; the versions a promotion may be
// requested for, or why there are none.

/** How long a request decided by the viewer's vote stays beside the open ones. */
export const JUST_DECIDED_MS = 30 * 60_000;

export type Decision = { request: Awaited<ReturnType<typeof listPromotionRequests>>['requests'][number]; evidence: PromotionEvidence; justDecided: boolean };

export async function loadPromotionDecisions(ctx: ServiceContext, opts: { versionId?: string } = {}) {
  return loadDecisions(ctx, opts);
}

/**
 * The version page's panel: the open request for this version with its evidence, or whether a
 * promotion may be requested for it and, if not, why (null when the question does not arise: the
 * viewer cannot request, or the version is past staging).
 */
export async function loadVersionPromotionPanel(ctx: ServiceContext, v: { id: string; modelId: string; status: string }) {
  const d = await loadDecisions(ctx, { versionId: v.id });
  const decision = d.decisions.find((x) => !x.justDecided) ?? d.decisions[0] ?? null;
  const early = v.status === 'development' || v.status === 'testing';
  const requestable = d.requestable.some((x) => x.id === v.id);
  const why = !d.canRequest || requestable ? null
    : early ? `${v.modelId} is in ${v.status}: only a staging version can be promoted to production; it reaches staging when it meets the performance thresholds.`
      : v.status === 'staging' ? `${v.modelId} already has an open promotion request.` : null;
  return { decision, offerRequest: d.canRequest && (requestable || why !== null), requestable, why };
}

async function loadDecisions(ctx: ServiceContext, opts: { versionId?: string }) {
  const { requests, stagingVersions } = await listPromotionRequests(ctx);
  const now = ctx.now().getTime();
  const viewer = ctx.actor.id;
  // The vote that decides a request is written in the same transaction, at the same instant.
  const decidedByViewer = (r: (typeof requests)[number]) =>
    !!r.decidedAt && now - r.decidedAt.getTime() < JUST_DECIDED_MS && r.votes.some((v) => v.voterId === viewer && v.createdAt.getTime() === r.decidedAt!.getTime());
  const shown = requests.filter((r) => (!opts.versionId || r.version.id === opts.versionId) && (r.status === 'open' || decidedByViewer(r)));
  const evidence = await Promise.all(shown.map((r) => loadPromotionEvidence(ctx, r.version.id, r.kind)));
  const decisions: Decision[] = shown.map((r, i) => ({ request: r, evidence: evidence[i], justDecided: r.status !== 'open' }));

  const withOpenRequest = new Set(requests.filter((r) => r.status === 'open' && r.kind !== 'ratification').map((r) => r.version.id));
  const canRequest = canRequestPromotion(ctx.actor).ok;
  const requestable = stagingVersions.filter((v) => !withOpenRequest.has(v.id));
  const whyNothingToRequest = !canRequest
    ? 'Engineers request promotions; the committee votes on them.'
    : stagingVersions.length === 0
      ? 'Nothing in staging: a version reaches staging when it meets the performance thresholds (from its version page), and only a staging version can be promoted.'
      : requestable.length === 0
        ? 'Every version in staging already has an open promotion request.'
        : null;
  return {
    decisions,
    decided: requests.filter((r) => r.status !== 'open'),
    requestable,
    canRequest,
    whyNothingToRequest,
  };
}
