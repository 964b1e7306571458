import type { MetricDirection, VersionStatus } from '../generated/prisma/enums';
import { findTransition, transitionsFrom, type GateKind, type TransitionRule } from './lifecycle';

// Pure gate evaluation: given the facts about a version (loaded by lib/services/transition-version.ts
// inside the transaction, or by lib/queries/version-lifecycle.ts for the UI), say what passes and what fails.
// No database access here, so the server and the UI cannot disagree on a rule.

export type GateCheck = {
  key: string; // stable id, e.g. unit_tests, metric:fvd, regression:fvd, reason
  label: string;
  ok: boolean;
  detail: string;
  /** The check waits on input the caller gives with the request (a reason), not on data. */
  needsInput?: boolean;
};

export type GateEvaluation = {
  gate: GateKind;
  ok: boolean;
  checks: GateCheck[];
  /** Remarks that do not fail the gate (e.g. "used the mean of scenario values"). */
  notes: string[];
  /** False when the transition can never be requested directly (promotion flow, background job). */
  direct: boolean;
};

export type MetricValueFact = { scenario: string; language: string; value: number };

export type RequirementFact = {
  metric: string; // definition key
  name: string;
  direction: MetricDirection;
  threshold: number;
  maxRegressionPct: number | null;
};

export type GateFacts = {
  now: Date;
  latestUnitTest: { passed: number; failed: number; runAt: Date } | null;
  requirements: RequirementFact[];
  /** metric key → values of this version (all scenarios, language ''). */
  metrics: Record<string, MetricValueFact[]>;
  /** The component's current production version (another version), if any. */
  production: { modelId: string; metrics: Record<string, MetricValueFact[]> } | null;
  regressionTolerancePct: number;
  gracePeriodDays: number;
  statusChangedAt: Date;
  latestRai: { result: 'pending' | 'pass' | 'fail'; assessedAt: Date } | null;
  openPromotion: { id: string; kind: string; approvals: number; quorum: number } | null;
  actorIsSystem: boolean;
};

export type ResolvedMetric = { value: number; source: 'overall' | 'scenario_mean'; scenarios: number } | null;

/** The overall value (scenario '' and language ''), else the mean of the per-scenario values. */
export function resolveMetric(values: MetricValueFact[] | undefined): ResolvedMetric {
  const all = (values ?? []).filter((v) => v.language === '');
  const overall = all.find((v) => v.scenario === '');
  if (overall) return { value: overall.value, source: 'overall', scenarios: 0 };
  const perScenario = all.filter((v) => v.scenario !== '');
  if (perScenario.length === 0) return null;
  return { value: perScenario.reduce((s, v) => s + v.value, 0) / perScenario.length, source: 'scenario_mean', scenarios: perScenario.length };
}

export function meetsThreshold(direction: MetricDirection, value: number, threshold: number): boolean {
  return direction === 'lower_is_better' ? value <= threshold : value >= threshold;
}

/** How much worse `value` is than `baseline`, in percent (positive = worse, negative = better). */
export function regressionPct(direction: MetricDirection, value: number, baseline: number): number | null {
  if (baseline === 0) return null;
  const worse = direction === 'lower_is_better' ? value - baseline : baseline - value;
  return (worse / Math.abs(baseline)) * 100;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 10 ? 3 : 1).replace(/\.?0+$/, ''));

function evaluateUnitTests(f: GateFacts): Pick<GateEvaluation, 'checks' | 'notes'> {
  const t = f.latestUnitTest;
  if (!t) return { checks: [{ key: 'unit_tests', label: 'Passes unit tests', ok: false, detail: 'no unit test result recorded (suite "unit")' }], notes: [] };
  const ok = t.failed === 0 && t.passed > 0;
  const detail = ok
    ? `latest unit run: ${t.passed} passed, 0 failed`
    : t.failed > 0
      ? `latest unit run has ${t.failed} failed test${t.failed === 1 ? '' : 's'} (${t.passed} passed)`
      : 'latest unit run passed no tests';
  return { checks: [{ key: 'unit_tests', label: 'Passes unit tests', ok, detail }], notes: [] };
}

function evaluateMetrics(f: GateFacts): Pick<GateEvaluation, 'checks' | 'notes'> {
  const checks: GateCheck[] = [];
  const notes: string[] = [];
  if (f.requirements.length === 0) notes.push('no metric requirements are defined for this component');
  for (const req of f.requirements) {
    const mine = resolveMetric(f.metrics[req.metric]);
    const cmp = req.direction === 'lower_is_better' ? '≤' : '≥';
    if (!mine) {
      checks.push({ key: `metric:${req.metric}`, label: `${req.name} ${cmp} ${fmt(req.threshold)}`, ok: false, detail: `no ${req.name} value recorded` });
      continue;
    }
    if (mine.source === 'scenario_mean') {
      notes.push(`${req.name}: no overall value; used the mean of ${mine.scenarios} scenario value${mine.scenarios === 1 ? '' : 's'} (${fmt(mine.value)})`);
    }
    const ok = meetsThreshold(req.direction, mine.value, req.threshold);
    checks.push({
      key: `metric:${req.metric}`,
      label: `${req.name} ${cmp} ${fmt(req.threshold)}`,
      ok,
      detail: `${req.name} is ${fmt(mine.value)}${ok ? '' : `, threshold ${cmp} ${fmt(req.threshold)} not met`}`,
    });
    const tolerance = req.maxRegressionPct ?? f.regressionTolerancePct;
    if (!f.production) continue;
    const base = resolveMetric(f.production.metrics[req.metric]);
    if (!base) {
      notes.push(`${req.name}: production version ${f.production.modelId} has no value to compare with`);
      continue;
    }
    const pct = regressionPct(req.direction, mine.value, base.value);
    if (pct === null) {
      notes.push(`${req.name}: production value is 0; regression not computed`);
      continue;
    }
    const regOk = pct <= tolerance;
    checks.push({
      key: `regression:${req.metric}`,
      label: `${req.name} regresses at most ${fmt(tolerance)}% vs ${f.production.modelId}`,
      ok: regOk,
      detail: pct > 0
        ? `${req.name} ${fmt(mine.value)} vs production ${fmt(base.value)}: ${fmt(pct)}% worse${regOk ? '' : `, more than the ${fmt(tolerance)}% tolerance`}`
        : `${req.name} ${fmt(mine.value)} vs production ${fmt(base.value)}: ${fmt(-pct)}% better or equal`,
    });
  }
  if (!f.production) notes.push('no production version of this component to compare with');
  return { checks, notes };
}

function reasonCheck(reason: string | undefined): GateCheck {
  const ok = !!reason && reason.trim().length > 0;
  return { key: 'reason', label: 'A reason is given', ok, detail: ok ? `reason: ${reason!.trim()}` : 'a reason is required', needsInput: !ok };
}

function evaluateCommittee(f: GateFacts): Pick<GateEvaluation, 'checks' | 'notes'> {
  const p = f.openPromotion;
  const checks: GateCheck[] = [
    {
      key: 'promotion_request',
      label: 'Approved by committee (quorum of approve votes)',
      ok: !!p && p.approvals >= p.quorum,
      detail: p ? `${p.kind} request: ${p.approvals} of ${p.quorum} approvals` : 'no open promotion request',
    },
    {
      key: 'rai',
      label: 'Responsible-AI assessment passed',
      ok: f.latestRai?.result === 'pass',
      detail: f.latestRai ? `latest RAI assessment: ${f.latestRai.result}` : 'no RAI assessment recorded',
    },
  ];
  return { checks, notes: ['staging → production happens only through a promotion request (committee vote, or the emergency path for hotfixes)'] };
}

function evaluateGrace(f: GateFacts): Pick<GateEvaluation, 'checks' | 'notes'> {
  const endsAt = new Date(f.statusChangedAt.getTime() + f.gracePeriodDays * 86_400_000);
  const ok = f.now.getTime() >= endsAt.getTime();
  return {
    checks: [
      { key: 'grace_period', label: `Grace period of ${f.gracePeriodDays} days ended`, ok, detail: ok ? `ended ${endsAt.toISOString().slice(0, 10)}` : `ends ${endsAt.toISOString()}` },
      { key: 'system', label: 'Archived by the background job', ok: f.actorIsSystem, detail: f.actorIsSystem ? 'system job' : 'only the system archives versions' },
    ],
    notes: [],
  };
}

/** Evaluate the gate of one transition rule against the facts (and the reason given, if any). */
export function evaluateGate(rule: TransitionRule, facts: GateFacts, reason?: string): GateEvaluation {
  let part: Pick<GateEvaluation, 'checks' | 'notes'>;
  let direct = true;
  switch (rule.gate) {
    case 'unit_tests_pass':
      part = evaluateUnitTests(facts);
      break;
    case 'meets_metrics':
      part = evaluateMetrics(facts);
      break;
    case 'reason_required':
      part = { checks: [reasonCheck(reason)], notes: [] };
      break;
    case 'committee_approval':
      part = evaluateCommittee(facts);
      direct = false;
      break;
    case 'newer_version_or_committee':
      part = { checks: [reasonCheck(reason)], notes: ['automatic when a newer version reaches production; otherwise a committee decision with a reason'] };
      break;
    case 'grace_period_ended':
      part = evaluateGrace(facts);
      direct = false;
      break;
  }
  return { gate: rule.gate, ok: part.checks.every((c) => c.ok), checks: part.checks, notes: part.notes, direct };
}

export type ChecklistEntry = { to: VersionStatus; label: string; gate: GateKind; evaluation: GateEvaluation };

/** Every transition out of `status`, each with what passes and fails now. */
export function evaluateGates(status: VersionStatus, facts: GateFacts): ChecklistEntry[] {
  return transitionsFrom(status).map((rule) => ({ to: rule.to, label: rule.label, gate: rule.gate, evaluation: evaluateGate(rule, facts) }));
}

export { findTransition, transitionsFrom };
