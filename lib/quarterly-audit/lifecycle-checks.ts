import { evaluateGate, type GateFacts, type MetricValueFact } from '../domain/gates';
import { findTransition } from '../domain/lifecycle';
import { parseModelId } from '../domain/naming';
import type { AuditFacts, Person, RequestFacts, TransitionFacts, VersionFacts, VoteFacts } from './collect';
import { inQuarter } from './quarter';
import { type CheckSink, iso, when } from './sink';

// Step 1 (versions deployed to production, with their promotion record) and step 3 (was the
// process followed, transition by transition). Gate results "at the time" are recomputed with the
// registry's own gate rules (lib/domain/gates.ts) over the records as they stood at that moment.

export type VoteView = { name: string; email: string; decision: string; comment: string; at: string };
export type Deployment = {
  modelId: string; component: string; version: string; at: string;
  path: 'committee' | 'emergency' | 'rollback' | 'unrecorded';
  requestId: string | null; requestedBy: string | null; quorum: number | null; approvals: number; rejections: number; votes: VoteView[];
  rai: { result: string; reviewer: string | null; at: string; maxDisparity: number | null } | null;
  ratification: { requestId: string; status: string; dueAt: string | null; decidedAt: string | null; votes: VoteView[] } | null;
  backport: { commit: string; at: string | null } | null;
  incident: { id: string; title: string } | null;
  checks: string[];
};
export type TransitionView = { modelId: string; component: string; from: string | null; to: string; at: string; actor: string; reason: string; checks: string[] };
export type IncidentView = {
  id: string; title: string; modelId: string; rollbackTo: string | null; openedAt: string; openedBy: string; rcaDueAt: string; rcaSubmittedAt: string | null;
  steps: { percent: number; at: string; by: string }[]; checks: string[];
};

const who = (p: Person | null | undefined) => (p ? `${p.name} <${p.email}>` : 'unknown');
const voteView = (v: VoteFacts): VoteView => ({ name: v.voter.name, email: v.voter.email, decision: v.decision, comment: v.comment, at: v.createdAt.toISOString() });
const voteText = (votes: VoteFacts[]) => votes.map((v) => `${v.voter.name} (${v.decision}${v.comment ? `: "${v.comment}"` : ''}, ${when(v.createdAt)})`).join('; ');

function metricMap(facts: AuditFacts, versionId: string): Record<string, MetricValueFact[]> {
  const out: Record<string, MetricValueFact[]> = {};
  for (const m of facts.by.metrics.get(versionId) ?? []) if (m.language === '') (out[m.metric] ??= []).push({ scenario: m.scenario, language: m.language, value: m.value });
  return out;
}

/** The version of a component in production just before `t`, from the transition history. */
export function productionAt(facts: AuditFacts, componentId: string, t: Date, exceptId?: string): VersionFacts | null {
  const time = t.getTime();
  const p = (facts.by.productionPeriods.get(componentId) ?? []).find((x) => x.versionId !== exceptId && x.from.getTime() < time && (!x.to || x.to.getTime() >= time));
  return p ? facts.versions.get(p.versionId) ?? null : null;
}

function gateFactsAt(facts: AuditFacts, v: VersionFacts, t: TransitionFacts): GateFacts {
  const before = (d: Date) => d.getTime() <= t.at.getTime();
  const unit = (facts.by.tests.get(v.id) ?? []).filter((r) => r.suite === 'unit' && before(r.runAt)).at(-1) ?? null;
  const prod = productionAt(facts, v.component.id, t.at, v.id);
  const prev = (facts.by.transitions.get(v.id) ?? []).filter((x) => x.at.getTime() < t.at.getTime()).at(-1);
  const rai = (facts.by.rai.get(v.id) ?? []).filter((r) => before(r.assessedAt)).at(-1) ?? null;
  return {
    now: t.at,
    latestUnitTest: unit,
    requirements: facts.requirements.filter((r) => r.componentId === v.component.id),
    metrics: metricMap(facts, v.id),
    production: prod ? { modelId: prod.modelId, metrics: metricMap(facts, prod.id) } : null,
    regressionTolerancePct: facts.settings.regressionTolerancePct,
    gracePeriodDays: facts.settings.gracePeriodDays,
    statusChangedAt: prev?.at ?? t.at,
    latestRai: rai ? { result: rai.result, assessedAt: rai.assessedAt } : null,
    openPromotion: null,
    actorIsSystem: true,
  };
}

const GATE_CHECK = { unit_tests_pass: 'gate_unit_tests', meets_metrics: 'gate_performance', reason_required: 'reason_recorded', grace_period_ended: 'archival_grace_period' } as const;

function promotionChecks(sink: CheckSink, facts: AuditFacts, v: VersionFacts, t: TransitionFacts, req: RequestFacts, d: Deployment) {
  const votesThen = req.votes.filter((x) => x.createdAt.getTime() <= t.at.getTime());
  const approvals = votesThen.filter((x) => x.decision === 'approve');
  d.checks.push(sink.add('promotion_record', v.modelId, req.status === 'approved',
    `${req.kind} request ${req.id} by ${who(req.requestedBy)} opened ${when(req.createdAt)}: ${req.status}${req.decidedAt ? ` at ${when(req.decidedAt)}` : ''}`));
  const needed = req.kind === 'emergency' ? Math.max(2, req.quorum) : req.quorum;
  d.checks.push(sink.add(req.kind === 'emergency' ? 'emergency_approvals' : 'quorum', v.modelId, approvals.length >= needed,
    `${approvals.length} approval${approvals.length === 1 ? '' : 's'} of ${needed} needed before ${when(t.at)}${votesThen.length ? `: ${voteText(votesThen)}` : ''}`));
  const voterIds = req.votes.map((x) => x.voter.id);
  const selfVote = voterIds.includes(req.requestedBy.id);
  const distinct = new Set(voterIds).size === voterIds.length;
  d.checks.push(sink.add('separation_of_duties', v.modelId, !selfVote && distinct,
    selfVote ? `requester ${who(req.requestedBy)} voted on their own request` : !distinct ? 'one person voted more than once' : `requester ${req.requestedBy.name} did not vote; ${voterIds.length} different voters`));
  if (req.kind === 'committee') {
    const rai = (facts.by.rai.get(v.id) ?? []).filter((r) => r.assessedAt.getTime() <= t.at.getTime()).at(-1);
    d.checks.push(sink.add('rai_before_production', v.modelId, rai?.result === 'pass',
      rai ? `RAI assessment ${rai.result} by ${who(rai.reviewer)} at ${when(rai.assessedAt)}${rai.maxDisparity != null ? `, max language disparity ${rai.maxDisparity}` : ''}` : `no RAI assessment before ${when(t.at)}`));
    const developer = v.registeredBy;
    const clash = [rai?.reviewer?.id, ...voterIds].filter((id) => id && developer && id === developer.id);
    d.checks.push(sink.add('independent_validation', v.modelId, !!developer && clash.length === 0,
      developer ? (clash.length ? `developer ${who(developer)} also validated or approved` : `developer ${developer.name}; RAI reviewer ${rai?.reviewer?.name ?? 'none'}; voters ${req.votes.map((x) => x.voter.name).join(', ') || 'none'}`) : 'developer not recorded'));
  }
  if (req.kind === 'emergency') {
    const rat = facts.requests.find((r) => r.versionId === v.id && r.kind === 'ratification' && r.createdAt.getTime() >= req.createdAt.getTime());
    const due = rat?.dueAt ?? null;
    let result: 'pass' | 'fail' | 'pending' = 'fail';
    let evidence = 'no ratification request recorded';
    if (rat) {
      d.ratification = { requestId: rat.id, status: rat.status, dueAt: iso(due), decidedAt: iso(rat.decidedAt), votes: rat.votes.map(voteView) };
      const onTime = !!rat.decidedAt && (!due || rat.decidedAt.getTime() <= due.getTime());
      if (rat.status === 'approved') result = onTime ? 'pass' : 'fail';
      else if (rat.status === 'open') result = due && due.getTime() > Math.min(facts.quarter.end.getTime(), facts.now.getTime()) ? 'pending' : 'fail';
      evidence = `ratification ${rat.id}: ${rat.status}${rat.decidedAt ? ` at ${when(rat.decidedAt)}` : ''}, due ${due ? when(due) : 'not set'}${rat.votes.length ? `; ${voteText(rat.votes)}` : ''}`;
    }
    d.checks.push(sink.add('emergency_ratified', v.modelId, result, evidence));
    d.backport = v.backportCommit ? { commit: v.backportCommit, at: iso(v.backportedAt) } : null;
    d.checks.push(sink.add('backport_recorded', v.modelId, !!v.backportCommit,
      v.backportCommit ? `backport commit ${v.backportCommit} recorded ${v.backportedAt ? when(v.backportedAt) : ''}` : 'backport to develop not recorded (open)'));
  }
}

export function lifecycleChecks(facts: AuditFacts, sink: CheckSink) {
  const deployments: Deployment[] = [];
  const transitions: TransitionView[] = [];
  const incidents: IncidentView[] = [];
  const q = facts.quarter;
  const successorOf = new Map(facts.transitions.filter((x) => x.requestId && x.toStatus === 'production').map((x) => [x.requestId!, x]));
  for (const t of facts.transitions) {
    if (!inQuarter(q, t.at)) continue;
    const v = facts.versions.get(t.versionId)!;
    const view: TransitionView = { modelId: v.modelId, component: v.component.key, from: t.fromStatus, to: t.toStatus, at: t.at.toISOString(), actor: t.actorLabel, reason: t.reason, checks: [] };
    transitions.push(view);
    const incidentId = /^rollback: incident (\S+)/.exec(t.reason)?.[1] ?? null;
    const incident = incidentId ? facts.incidents.find((i) => i.id === incidentId) ?? null : null;
    const rule = t.fromStatus ? findTransition(t.fromStatus, t.toStatus) : undefined;
    if (t.toStatus === 'production') {
      const req = t.requestId ? facts.by.requests.get(t.requestId) ?? null : null;
      const d: Deployment = {
        modelId: v.modelId, component: v.component.key, version: v.version, at: t.at.toISOString(),
        path: req ? (req.kind === 'emergency' ? 'emergency' : 'committee') : incident ? 'rollback' : 'unrecorded',
        requestId: req?.id ?? null, requestedBy: req ? who(req.requestedBy) : null, quorum: req?.quorum ?? null,
        approvals: req?.votes.filter((x) => x.decision === 'approve').length ?? 0, rejections: req?.votes.filter((x) => x.decision === 'reject').length ?? 0,
        votes: req?.votes.map(voteView) ?? [], rai: null, ratification: null, backport: null, incident: incident ? { id: incident.id, title: incident.title } : null, checks: [],
      };
      const rai = (facts.by.rai.get(v.id) ?? []).filter((r) => r.assessedAt.getTime() <= t.at.getTime()).at(-1);
      if (rai) d.rai = { result: rai.result, reviewer: rai.reviewer ? who(rai.reviewer) : null, at: rai.assessedAt.toISOString(), maxDisparity: rai.maxDisparity };
      const parsed = parseModelId(v.modelId);
      d.checks.push(sink.add('inventory_record', v.modelId, !!parsed && v._count.artifacts > 0 && !!v.metadata && Object.keys(v.metadata as object).length > 0,
        `model id ${parsed ? 'follows' : 'does not follow'} pib-vg-{component}-{architecture}-{version}-{date}; ${v._count.artifacts} artifact(s) with SHA-256; metadata ${v.metadata && Object.keys(v.metadata as object).length ? 'recorded' : 'missing'}; git ${v.gitCommit ?? 'not recorded'} on ${v.gitBranch ?? '?'}`));
      if (req) promotionChecks(sink, facts, v, t, req, d);
      else if (incident) d.checks.push(sink.add('promotion_record', v.modelId, true, `reactivated as the previous stable version by the rollback of incident "${incident.title}" (${incident.id}), opened by ${who(incident.openedBy)}`));
      else d.checks.push(sink.add('promotion_record', v.modelId, false, `moved ${t.fromStatus ?? '?'} → production at ${when(t.at)} by ${t.actorLabel} without a promotion request or incident`));
      view.checks.push(...d.checks);
      deployments.push(d);
    } else if (t.fromStatus === 'production' && t.toStatus === 'deprecated') {
      const successor = t.requestId ? successorOf.get(t.requestId) : undefined;
      const ok = !!successor || !!incident || t.actorLabel !== 'system';
      view.checks.push(sink.add('deprecation_authorised', v.modelId, ok,
        successor ? `new version available: ${facts.versions.get(successor.versionId)?.modelId ?? successor.versionId} promoted by request ${t.requestId}` : incident ? `rolled back under incident "${incident.title}"` : ok ? `deprecated by ${t.actorLabel}: ${t.reason}` : 'deprecated by the system without a newer version'));
    } else if (rule && rule.gate in GATE_CHECK) {
      const evaluation = evaluateGate(rule, gateFactsAt(facts, v, t), t.reason);
      const failed = evaluation.checks.filter((c) => !c.ok);
      const detail = evaluation.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.detail}`).join('; ') || evaluation.notes.join('; ') || rule.label;
      view.checks.push(sink.add(GATE_CHECK[rule.gate as keyof typeof GATE_CHECK], v.modelId, failed.length === 0, `${t.fromStatus} → ${t.toStatus} at ${when(t.at)} by ${t.actorLabel}: ${detail}`));
    } else if (!rule && t.fromStatus !== null && !incident) {
      view.checks.push(sink.add('promotion_record', v.modelId, false, `${t.fromStatus} → ${t.toStatus} is not in the deployment workflow`));
    }
  }
  for (const inc of facts.incidents) {
    if (!inQuarter(q, inc.openedAt)) continue;
    const bad = facts.versions.get(inc.versionId);
    const target = inc.rollbackToVersionId ? facts.versions.get(inc.rollbackToVersionId) : undefined;
    const view: IncidentView = {
      id: inc.id, title: inc.title, modelId: bad?.modelId ?? inc.versionId, rollbackTo: target?.modelId ?? null, openedAt: inc.openedAt.toISOString(), openedBy: who(inc.openedBy),
      rcaDueAt: inc.rcaDueAt.toISOString(), rcaSubmittedAt: iso(inc.rcaSubmittedAt), steps: inc.trafficSteps.map((s) => ({ percent: s.percent, at: s.at.toISOString(), by: who(s.advancedBy) })), checks: [],
    };
    const limit = inc.openedAt.getTime() + 24 * 3_600_000;
    const rca = inc.rcaSubmittedAt
      ? (inc.rcaSubmittedAt.getTime() <= limit ? 'pass' : 'fail')
      : (limit > Math.min(q.end.getTime(), facts.now.getTime()) ? 'pending' : 'fail');
    view.checks.push(sink.add('rca_within_24h', inc.title, rca,
      `opened ${when(inc.openedAt)}; RCA ${inc.rcaSubmittedAt ? `submitted ${when(inc.rcaSubmittedAt)} (${((inc.rcaSubmittedAt.getTime() - inc.openedAt.getTime()) / 3_600_000).toFixed(1)} h)` : 'not submitted'}`));
    const percents = inc.trafficSteps.map((s) => s.percent);
    const ordered = percents.every((p, i) => p === (i + 1) * 20);
    const complete = ordered && percents.length === 5;
    view.checks.push(sink.add('traffic_steps', inc.title, complete ? 'pass' : ordered && inc.status === 'open' ? 'pending' : 'fail',
      `${percents.length ? inc.trafficSteps.map((s) => `${s.percent}% by ${s.advancedBy.name} at ${when(s.at)}`).join('; ') : 'no traffic step recorded'}`));
    incidents.push(view);
  }
  return { deployments, transitions, incidents };
}
