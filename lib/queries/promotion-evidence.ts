import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { loadGateFacts } from '../data/gate-facts';
import { getSettings } from '../data/settings';
import { evaluateGate, findTransition, resolveMetric, type GateCheck, type GateEvaluation } from '../domain/gates';
import { buildImpact, parseVersionCommit, type ClaimCheck } from '../domain/impact';
import type { Verdict } from '../domain/metrics';
import { biasWithinLimit, evaluateRai } from '../domain/rai';
import type { MetricDirection, PromotionKind, VersionStatus } from '../generated/prisma/enums';
import { RaiAssessmentInputSchema, type RaiAssessmentInput } from '../validation/rai';
import { metricDefinitions } from './model-versions';

// The evidence a committee member needs to decide a promotion request, read for the approvals
// page and the version page's decision panel (components/approvals/). Every judgement comes from
// lib/domain: thresholds and regressions from the gates (gates.ts), the direction-aware change and
// the claim check from impact.ts against the component's current production version, the RAI
// failures from rai.ts. The UI renders these facts; it decides nothing.

export type MetricEvidence = {
  key: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  value: number | null;
  /** 'scenario_mean' when the version has no overall value and the gates used the mean of its scenarios. */
  valueSource: 'overall' | 'scenario_mean' | null;
  /** The component's requirement ("FVD ≤ 200"), its check, and the regression check against production. */
  thresholdCheck: GateCheck | null;
  threshold: number | null;
  regressionCheck: GateCheck | null;
  production: number | null;
  changePct: number | null;
  verdict: Verdict | null;
  claimedPct: number | null;
  claimedRaw: string | null;
  claimCheck: ClaimCheck | null;
};

export type GateEvidence = { from: VersionStatus; to: VersionStatus; label: string; evaluation: GateEvaluation };

export type RaiEvidence = {
  result: 'pending' | 'pass' | 'fail';
  assessedAt: Date;
  reviewer: string | null;
  maxDisparity: number | null;
  notes: string;
  /** The stored assessment in its input shape, each bias measure with whether it is within its limit; null when it cannot be read as one (then only the result is shown). */
  detail: (Omit<RaiAssessmentInput, 'biasMetrics'> & { biasMetrics: (RaiAssessmentInput['biasMetrics'][number] & { ok: boolean })[] }) | null;
  /** The largest gap between two languages' scores is within today's limit. */
  disparityOk: boolean | null;
  /** What does not pass, by the registry's rule and today's disparity limit. */
  failures: string[];
};

export type PromotionEvidence = {
  versionId: string;
  modelId: string;
  component: { key: string; name: string };
  status: VersionStatus;
  lineage: { branch: string | null; commit: string | null; message: string | null; reviewedBy: string[]; claimedImpact: string[] };
  /** The component's current production version (the one this would replace), if any. */
  production: { modelId: string } | null;
  metrics: MetricEvidence[];
  unmatchedClaims: { metric: string; percent: number; raw: string }[];
  gates: GateEvidence[];
  /** The latest run of each test suite (newest received first). */
  tests: { suite: string; passed: number; failed: number; skipped: number; runAt: Date; ciRunUrl: string | null }[];
  rai: { latest: RaiEvidence | null; disparityLimit: number; missingReason: string | null };
};

const GATES_SHOWN: [VersionStatus, VersionStatus][] = [
  ['development', 'testing'],
  ['testing', 'staging'],
  ['staging', 'production'],
];

/** Why a request shows no RAI assessment: the path it is on says whether one was required. */
export function raiMissingReason(kind: PromotionKind): string {
  if (kind === 'ratification') return 'not assessed: ratification of an emergency promotion (the emergency path does not wait on an RAI assessment, and none has been recorded since)';
  if (kind === 'emergency') return 'not assessed: the emergency path does not wait on an RAI assessment; the committee sees it at ratification';
  return 'no assessment recorded: the promotion completes only after a passed assessment';
}

/** The evidence for one version under a request of `kind`. */
export async function loadPromotionEvidence(ctx: ServiceContext, versionId: string, kind: PromotionKind): Promise<PromotionEvidence> {
  requirePermission(ctx.actor, 'read:registry');
  const db = ctx.db;
  const [{ facts }, version, defs, settings, runs, rai] = await Promise.all([
    loadGateFacts(db, versionId, { now: ctx.now() }),
    db.modelVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { id: true, modelId: true, status: true, gitBranch: true, gitCommit: true, commitMessage: true, component: { select: { key: true, name: true } } },
    }),
    metricDefinitions(db),
    getSettings(db),
    db.testResult.findMany({
      where: { versionId },
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
      take: 100,
      select: { suite: true, passed: true, failed: true, skipped: true, runAt: true, ciRunUrl: true },
    }),
    db.raiAssessment.findFirst({
      where: { versionId },
      orderBy: { assessedAt: 'desc' },
      select: { result: true, assessedAt: true, maxDisparity: true, notes: true, biasMetrics: true, languageMetrics: true, robustness: true, ethicsChecklist: true, reviewer: { select: { name: true } } },
    }),
  ]);

  const gates: GateEvidence[] = GATES_SHOWN.map(([from, to]) => {
    const rule = findTransition(from, to)!;
    return { from, to, label: rule.label, evaluation: evaluateGate(rule, facts) };
  });
  const metricGate = gates.find((g) => g.to === 'staging')!.evaluation;

  // Values as the gates read them (overall, else the mean of the scenarios), against production's.
  const current: Record<string, number> = {};
  const source: Record<string, 'overall' | 'scenario_mean'> = {};
  for (const [key, values] of Object.entries(facts.metrics)) {
    const r = resolveMetric(values);
    if (r) { current[key] = r.value; source[key] = r.source; }
  }
  const productionValues: Record<string, number> = {};
  for (const [key, values] of Object.entries(facts.production?.metrics ?? {})) {
    const r = resolveMetric(values);
    if (r) productionValues[key] = r.value;
  }
  const commit = parseVersionCommit(version.commitMessage);
  const prodRef = facts.production ? { id: '', modelId: facts.production.modelId, version: '' } : null;
  const impact = buildImpact(defs, current, prodRef, productionValues, commit);
  const requirement = new Map(facts.requirements.map((r) => [r.metric, r]));
  const check = (key: string) => metricGate.checks.find((c) => c.key === key) ?? null;
  const metrics: MetricEvidence[] = impact.rows.map((r) => ({
    key: r.metricKey, name: r.name, unit: r.unit, direction: r.direction,
    value: r.current, valueSource: source[r.metricKey] ?? null,
    threshold: requirement.get(r.metricKey)?.threshold ?? null,
    thresholdCheck: check(`metric:${r.metricKey}`),
    regressionCheck: check(`regression:${r.metricKey}`),
    production: r.previous, changePct: r.changePct, verdict: r.verdict,
    claimedPct: r.claimedPct, claimedRaw: r.claimedRaw, claimCheck: r.claimCheck,
  }));
  // A requirement on a metric the version has no value for still shows (its check fails).
  for (const req of facts.requirements) {
    if (metrics.some((m) => m.key === req.metric)) continue;
    const d = defs.find((x) => x.key === req.metric);
    metrics.push({
      key: req.metric, name: req.name, unit: d?.unit ?? '', direction: req.direction, value: null, valueSource: null,
      threshold: req.threshold, thresholdCheck: check(`metric:${req.metric}`), regressionCheck: null,
      production: productionValues[req.metric] ?? null, changePct: null, verdict: null, claimedPct: null, claimedRaw: null, claimCheck: null,
    });
  }

  const tests: PromotionEvidence['tests'] = [];
  for (const t of runs) if (!tests.some((x) => x.suite === t.suite)) tests.push(t);

  let latest: RaiEvidence | null = null;
  if (rai) {
    // Robustness is stored by attack ({ attack: { passed, score, notes } }, lib/services/rai.ts); read it back as the input's list.
    const robustness = rai.robustness && typeof rai.robustness === 'object' && !Array.isArray(rai.robustness)
      ? Object.entries(rai.robustness as Record<string, { passed?: unknown; score?: unknown; notes?: unknown }>).map(([attack, r]) => ({ attack, passed: r?.passed, ...(typeof r?.score === 'number' ? { score: r.score } : {}), ...(typeof r?.notes === 'string' && r.notes ? { notes: r.notes } : {}) }))
      : rai.robustness;
    const parsed = RaiAssessmentInputSchema.safeParse({ biasMetrics: rai.biasMetrics, languageMetrics: rai.languageMetrics, robustness, ethicsChecklist: rai.ethicsChecklist });
    const input = parsed.success ? parsed.data : null;
    const evaluation = input ? evaluateRai(input, settings.raiMaxLanguageDisparity) : null;
    latest = {
      result: rai.result, assessedAt: rai.assessedAt, reviewer: rai.reviewer?.name ?? null, maxDisparity: rai.maxDisparity ?? evaluation?.maxDisparity ?? null, notes: rai.notes,
      detail: input ? { ...input, biasMetrics: input.biasMetrics.map((b) => ({ ...b, ok: biasWithinLimit(b) })) } : null,
      disparityOk: evaluation ? !evaluation.failures.some((f) => f.startsWith('fairness:')) : null,
      failures: evaluation?.failures ?? [],
    };
  }

  return {
    versionId: version.id,
    modelId: version.modelId,
    component: version.component,
    status: version.status,
    lineage: {
      branch: version.gitBranch,
      commit: version.gitCommit,
      message: version.commitMessage,
      reviewedBy: commit?.reviewedBy ?? [],
      claimedImpact: (commit?.impacts ?? []).map((i) => i.raw),
    },
    production: facts.production ? { modelId: facts.production.modelId } : null,
    metrics,
    unmatchedClaims: impact.unmatchedClaims,
    gates,
    tests,
    rai: { latest, disparityLimit: settings.raiMaxLanguageDisparity, missingReason: latest ? null : raiMissingReason(kind) },
  };
}
