import { beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '@/lib/context';
import { listParameterSetReviews } from '@/lib/queries/parameter-set-review';
import { raiMissingReason } from '@/lib/queries/promotion-evidence';
import { loadPromotionDecisions, loadVersionPromotionPanel } from '@/lib/queries/promotion-decisions';
import { castVote } from '@/lib/services/cast-vote';
import { proposeParameterSet, voteParameterSet } from '@/lib/services/parameter-sets';
import { requestPromotion } from '@/lib/services/promotion';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { makeComponent, makeUser, uniq } from '../fixtures';
import { makeCommittee, passUnitTests, prisma, promoteViaCommittee, toStaging, withOwnDatabase, type TestActor } from './_governance';

// The approvals page's read models against real Postgres: the evidence beside each vote
// (metrics vs thresholds and the production version, direction-aware, with the claimed impact;
// gates; tests; RAI or why it is missing; lineage), a request decided by the viewer's own vote
// staying in place, and parameter-set changes judged by direction with their votes.

withOwnDatabase('mgr_approvals_reads');

let members: TestActor[];
let eng: TestActor;
beforeAll(async () => {
  members = await makeCommittee(3); // majority quorum: 2
  eng = await makeUser('engineer');
});

describe('promotion evidence', () => {
  it('shows metrics against thresholds and production, the claim, gates, tests, lineage, and why RAI is missing', async () => {
    const c = await makeComponent();
    await prisma.metricRequirement.createMany({ data: [{ componentId: c.id, definitionId: 'met_fvd', threshold: 250 }] });
    const git = (v: string) => ({ commit: 'ab12cd3', branch: 'release/v' + v, message: `[BASE] TUNE: sharper motion\n\nPerformance impact: -10% on FVD\nReviewed-by: Asha` });
    const v1 = await registerModelVersion(contextFor(eng), { component: c.key, architecture: 'diffusion', version: '1.0.0', releaseDate: '2023-01-01', git: git('1.0.0'), metrics: [{ metric: 'fvd', value: 200 }, { metric: 'is', value: 60 }] });
    await toStaging(eng, v1.id);
    await promoteViaCommittee(eng, members, v1.id);
    const v2 = await registerModelVersion(contextFor(eng), { component: c.key, architecture: 'diffusion', version: '1.1.0', releaseDate: '2023-02-01', git: git('1.1.0'), metrics: [{ metric: 'fvd', value: 180 }, { metric: 'is', value: 55 }] });
    await toStaging(eng, v2.id);
    await passUnitTests(eng, v2.id);
    const req = await requestPromotion(contextFor(eng), v2.id, { reason: 'better FVD' });

    const { decisions } = await loadPromotionDecisions(contextFor(members[1]));
    const d = decisions.find((x) => x.request.id === req.id)!;
    expect(d).toBeDefined();
    const e = d.evidence;
    expect(e.production?.modelId).toBe(v1.modelId);
    const fvd = e.metrics.find((m) => m.key === 'fvd')!;
    expect(fvd).toMatchObject({ value: 180, production: 200, threshold: 250, verdict: 'better', claimedRaw: expect.stringMatching(/-10% on FVD/), claimCheck: 'matches' });
    expect(fvd.thresholdCheck?.ok).toBe(true);
    expect(fvd.regressionCheck?.ok).toBe(true);
    // IS went down: worse, whatever the sign says.
    expect(e.metrics.find((m) => m.key === 'is')).toMatchObject({ value: 55, production: 60, verdict: 'worse', thresholdCheck: null });
    const committeeGate = e.gates.find((g) => g.to === 'production')!;
    expect(committeeGate.evaluation.ok).toBe(false);
    expect(committeeGate.evaluation.checks.find((k) => k.key === 'rai')).toMatchObject({ ok: false, detail: 'no RAI assessment recorded' });
    expect(e.tests.map((t) => t.suite)).toEqual(['unit']);
    expect(e.rai).toMatchObject({ latest: null, missingReason: raiMissingReason('committee') });
    expect(e.lineage).toMatchObject({ branch: 'release/v1.1.0', commit: 'ab12cd3', reviewedBy: ['Asha'] });
    expect(e.lineage.claimedImpact).toHaveLength(1);

    // The version page shows the same request; the engineer may not request another.
    const panel = await loadVersionPromotionPanel(contextFor(eng), v2);
    expect(panel.decision?.request.id).toBe(req.id);

    // With an assessment: per-item results and the disparity limit.
    const { recordRaiAssessment } = await import('@/lib/services/rai');
    await recordRaiAssessment(contextFor(members[0]), v2.id, {
      biasMetrics: [{ testSet: 'diverse-faces', metric: 'parity_gap', value: 0.08, threshold: 0.05 }],
      languageMetrics: { en: 0.9, hi: 0.88 },
      robustness: [{ attack: 'prompt-injection', passed: true }],
      ethicsChecklist: { 'No impersonation': true },
    });
    const again = (await loadPromotionDecisions(contextFor(members[1]))).decisions.find((x) => x.request.id === req.id)!;
    expect(again.evidence.rai.latest).toMatchObject({ result: 'fail', disparityOk: true, detail: { biasMetrics: [{ ok: false }] } });
    expect(again.evidence.rai.latest?.failures).toEqual([expect.stringMatching(/^bias: parity_gap on diverse-faces/)]);
    expect(again.evidence.rai.missingReason).toBeNull();
  });

  it('says why a ratification has no RAI assessment', () => {
    expect(raiMissingReason('ratification')).toMatch(/^not assessed: ratification of an emergency promotion/);
  });

  it('keeps a request decided by the viewer’s vote beside the open ones, for that viewer only', async () => {
    const c = await makeComponent();
    const v = await registerModelVersion(contextFor(eng), { component: c.key, architecture: 'diffusion', version: '1.0.0', releaseDate: '2023-01-01', metrics: [{ metric: 'fvd', value: 200 }] });
    await toStaging(eng, v.id);
    const req = await requestPromotion(contextFor(eng), v.id, { reason: uniq('r') });
    await castVote(contextFor(members[0]), req.id, { decision: 'reject', comment: 'IS too low' });
    await castVote(contextFor(members[1]), req.id, { decision: 'reject', comment: 'agree' }); // quorum out of reach: rejected
    const decider = await loadPromotionDecisions(contextFor(members[1]));
    expect(decider.decisions.find((x) => x.request.id === req.id)).toMatchObject({ justDecided: true, request: { status: 'rejected' } });
    const first = await loadPromotionDecisions(contextFor(members[0]));
    expect(first.decisions.some((x) => x.request.id === req.id)).toBe(false);
    expect(first.decided.some((r) => r.id === req.id)).toBe(true);
  });

  it('says why nothing can be requested', async () => {
    const committee = await loadPromotionDecisions(contextFor(members[2]));
    expect(committee.whyNothingToRequest).toMatch(/Engineers request promotions/);
    const c = await makeComponent();
    const v = await registerModelVersion(contextFor(eng), { component: c.key, architecture: 'diffusion', version: '1.0.0', releaseDate: '2023-01-01' });
    const panel = await loadVersionPromotionPanel(contextFor(eng), { id: v.id, modelId: v.modelId, status: 'development' });
    expect(panel).toMatchObject({ decision: null, offerRequest: true, why: expect.stringMatching(/is in development: only a staging version can be promoted/) });
  });
});

describe('parameter-set review', () => {
  it('judges the change against the approved set before it by direction, and shows votes with comments', async () => {
    const tag = String(Date.now() % 1e6);
    const a = await proposeParameterSet(contextFor(eng), {
      parameter_id: `lambda-20300101-${tag}1`, base_noise_lambda: 0.5, residual_noise_lambda: 0.3, effective_date: '2030-01-01',
      performance_metrics: { fvd: 190, is: 70 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    });
    await voteParameterSet(contextFor(members[0]), a.id, { decision: 'approve' });
    await voteParameterSet(contextFor(members[1]), a.id, { decision: 'approve' });
    const b = await proposeParameterSet(contextFor(eng), {
      parameter_id: `lambda-20300201-${tag}2`, base_noise_lambda: 0.6, residual_noise_lambda: 0.3, effective_date: '2030-02-01',
      performance_metrics: { fvd: 180 }, tested_scenarios: ['policy_briefing'],
    });
    await voteParameterSet(contextFor(members[2]), b.id, { decision: 'reject', comment: 'only one scenario tested' });

    const reviews = await listParameterSetReviews(contextFor(members[2]));
    const r = reviews.find((x) => x.id === b.id)!;
    expect(r.comparedWith).toBe(a.parameterId);
    const by = Object.fromEntries(r.changes.map((c) => [c.field, c]));
    expect(by.tested_scenarios).toMatchObject({ label: 'Tested scenarios', verdict: 'worse', before: 'policy_briefing, emergency_alert, instructional', after: 'policy_briefing' });
    expect(by['performance_metrics.is']).toMatchObject({ verdict: 'worse', after: 'not set' });
    expect(by['performance_metrics.fvd']).toMatchObject({ verdict: 'better' });
    expect(by.base_noise_lambda).toMatchObject({ label: 'Base noise λ', verdict: 'changed', before: '0.5', after: '0.6' });
    expect(r.votes).toEqual([{ voter: expect.any(String), decision: 'reject', comment: 'only one scenario tested', mine: true }]);
    expect(r).toMatchObject({ canVote: false, myVote: { decision: 'reject', comment: 'only one scenario tested' } });
    const forOther = (await listParameterSetReviews(contextFor(members[0]))).find((x) => x.id === b.id)!;
    expect(forOther).toMatchObject({ canVote: true, myVote: null });
  });
});
