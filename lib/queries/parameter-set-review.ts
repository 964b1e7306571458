import type { ServiceContext } from '../context';
import { judgeParameterChange, describeParameterValue, type ParameterChange } from '../domain/parameter-diff';
import { diffParameterSets, rowToRecord } from '../domain/parameter-set';
import { fieldLabel } from '../domain/field-label';
import { listParameterSets } from './governance';
import { metricDefinitions } from './model-versions';

// Parameter sets as the committee reviews them (app/(app)/parameters): each set's change against
// the approved set of its kind before it, judged by lib/domain/parameter-diff.ts; the evidence it
// cites (performance metrics by their names and directions, tested scenarios); the votes with
// their comments; and the viewer's own vote. The page renders these; it decides nothing.

const HIDDEN_FROM_DIFF = new Set(['effective_date', 'approved_by', 'notes']);

export type ParameterSetReview = Awaited<ReturnType<typeof listParameterSetReviews>>[number];

/** How long a set the viewer voted on stays beside the ones waiting (the approvals page), so the result shows where the vote was cast. */
export const JUST_VOTED_MS = 30 * 60_000;

export async function listParameterSetReviews(ctx: ServiceContext) {
  const since = new Date(ctx.now().getTime() - JUST_VOTED_MS);
  const [sets, defs, recent] = await Promise.all([
    listParameterSets(ctx),
    metricDefinitions(ctx.db),
    ctx.actor.id ? ctx.db.parameterSetVote.findMany({ where: { voterId: ctx.actor.id, createdAt: { gte: since } }, select: { parameterSetId: true } }) : Promise.resolve([]),
  ]);
  const justVoted = new Set(recent.map((v) => v.parameterSetId));
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const today = ctx.now();
  return sets.map((s) => {
    const history = sets.filter((o) => o.kind === s.kind);
    const idx = history.indexOf(s);
    const older = history.slice(idx + 1).find((o) => o.status === 'approved') ?? null;
    const active = history.find((o) => o.status === 'approved' && o.effectiveDate <= today);
    const changes: ParameterChange[] = older
      ? diffParameterSets(rowToRecord(older), rowToRecord(s)).filter((d) => !HIDDEN_FROM_DIFF.has(d.field)).map((d) => judgeParameterChange(d, (k) => byKey.get(k)))
      : [];
    const pm = s.performanceMetrics && typeof s.performanceMetrics === 'object' && !Array.isArray(s.performanceMetrics) ? (s.performanceMetrics as Record<string, unknown>) : {};
    const source = (s.values as { source?: string } | null)?.source;
    const mine = s.votes.find((v) => v.voterId === ctx.actor.id) ?? null;
    return {
      id: s.id,
      parameterId: s.parameterId,
      kind: s.kind,
      status: s.status,
      effectiveDate: s.effectiveDate,
      baseNoiseLambda: s.baseNoiseLambda,
      residualNoiseLambda: s.residualNoiseLambda,
      approvedBy: s.approvedBy,
      approvedAt: s.approvedAt,
      notes: s.notes,
      proposedBy: s.proposedBy?.name ?? null,
      imported: source === 'import',
      active: active?.id === s.id,
      quorum: s.quorum,
      approvals: s.approvals,
      rejections: s.votes.length - s.approvals,
      votes: s.votes.map((v) => ({ voter: v.voter.name, decision: v.decision, comment: v.comment, mine: v.voterId === ctx.actor.id })),
      myVote: mine ? { decision: mine.decision, comment: mine.comment } : null,
      canVote: s.canVote,
      /** The viewer voted on it within JUST_VOTED_MS. */
      justVoted: justVoted.has(s.id),
      comparedWith: older?.parameterId ?? null,
      changes,
      evidence: {
        performance: Object.entries(pm).map(([k, v]) => {
          const d = byKey.get(k);
          return { key: k, label: d?.name ?? fieldLabel(k), value: describeParameterValue(v), direction: d?.direction ?? null };
        }),
        testedScenarios: s.testedScenarios,
      },
    };
  });
}
