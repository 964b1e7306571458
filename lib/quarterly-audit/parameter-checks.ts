import { parse as parseYaml } from 'yaml';
import { diffParameterSets, rowToRecord, type ParameterDiff } from '../domain/parameter-set';
import type { AuditFacts, ParameterSetFacts } from './collect';
import { inQuarter } from './quarter';
import { type CheckSink, day, iso, when } from './sink';
import type { VoteView } from './lifecycle-checks';

// Step 3 for parameter changes and step 4: parameter modifications without a recorded approval —
// proposed (or rejected) sets whose effective date has passed, sets in force whose approval was
// only claimed by an imported file, and λ values in use (a production version's config.yaml) that
// differ from the approved set in force at the time.

export type ParameterFlag = 'proposed_but_effective' | 'approval_not_recorded_here' | 'values_differ_from_approved' | 'approved_after_effective';

export type ParameterChange = {
  parameter_id: string;
  kind: string;
  status: string;
  source: 'registry' | 'import';
  effective_date: string;
  base_noise_lambda: number | null;
  residual_noise_lambda: number | null;
  parameters: Record<string, unknown>;
  previous: { parameter_id: string; differences: ParameterDiff[] } | null;
  proposed_by: { name: string; email: string } | null;
  recorded_at: string;
  approved_by: string | null;
  approved_at: string | null;
  quorum: number;
  votes: VoteView[];
  happened_in_quarter: ('recorded' | 'voted' | 'approved' | 'effective')[];
  approval_recorded_in_registry: boolean;
  flags: ParameterFlag[];
  checks: string[];
};

export type UnapprovedModification = { subject: string; flag: ParameterFlag; evidence: string; check: string };

const sourceOf = (p: ParameterSetFacts): 'registry' | 'import' => {
  const v = p.values as { source?: unknown } | null;
  return v && typeof v === 'object' && v.source === 'import' ? 'import' : 'registry';
};
const endOfDay = (d: Date) => d.getTime() + 86_400_000 - 1;
const approvalRecorded = (p: ParameterSetFacts) => p.status === 'approved' && !!p.approvedAt && p.votes.filter((v) => v.decision === 'approve').length >= p.quorum && p.quorum > 0;

/** The approved set of a kind in force at `t` (latest effective date on or before it). */
function inForceAt(sets: ParameterSetFacts[], kind: string, t: Date): ParameterSetFacts | null {
  return sets.filter((p) => p.kind === kind && p.status === 'approved' && p.effectiveDate.getTime() <= t.getTime())
    .sort((a, b) => a.effectiveDate.getTime() - b.effectiveDate.getTime() || a.createdAt.getTime() - b.createdAt.getTime()).at(-1) ?? null;
}

function lambdasOf(configYaml: string): { base: number; residual: number } | null {
  try {
    const doc = parseYaml(configYaml) as { noise?: { base_noise_lambda?: unknown; residual_noise_lambda?: unknown } } | null;
    const b = doc?.noise?.base_noise_lambda;
    const r = doc?.noise?.residual_noise_lambda;
    return typeof b === 'number' && typeof r === 'number' ? { base: b, residual: r } : null;
  } catch {
    return null;
  }
}

export function parameterChecks(facts: AuditFacts, sink: CheckSink) {
  const q = facts.quarter;
  const sets = facts.parameterSets;
  const changes: ParameterChange[] = [];
  const flags: UnapprovedModification[] = [];
  const flag = (subject: string, f: ParameterFlag, evidence: string, check: string) => flags.push({ subject, flag: f, evidence, check });
  const horizon = new Date(Math.min(q.end.getTime() - 1, facts.now.getTime()));

  for (const p of sets) {
    const happened: ParameterChange['happened_in_quarter'] = [];
    if (inQuarter(q, p.createdAt)) happened.push('recorded');
    if (p.votes.some((v) => inQuarter(q, v.createdAt))) happened.push('voted');
    if (inQuarter(q, p.approvedAt)) happened.push('approved');
    if (inQuarter(q, p.effectiveDate)) happened.push('effective');
    if (happened.length === 0) continue;
    const source = sourceOf(p);
    const rec = rowToRecord(p);
    const prev = sets.filter((x) => x.kind === p.kind && x.id !== p.id && x.status === 'approved' && x.effectiveDate.getTime() <= p.effectiveDate.getTime() && x.createdAt.getTime() <= p.createdAt.getTime())
      .sort((a, b) => a.effectiveDate.getTime() - b.effectiveDate.getTime()).at(-1);
    const c: ParameterChange = {
      parameter_id: p.parameterId, kind: p.kind, status: p.status, source, effective_date: day(p.effectiveDate),
      base_noise_lambda: p.baseNoiseLambda, residual_noise_lambda: p.residualNoiseLambda, parameters: rec.parameters,
      previous: prev ? { parameter_id: prev.parameterId, differences: diffParameterSets(rowToRecord(prev), rec).filter((d) => d.field !== 'notes') } : null,
      proposed_by: p.proposedBy ? { name: p.proposedBy.name, email: p.proposedBy.email } : null, recorded_at: p.createdAt.toISOString(),
      approved_by: p.approvedBy, approved_at: iso(p.approvedAt), quorum: p.quorum,
      votes: p.votes.map((v) => ({ name: v.voter.name, email: v.voter.email, decision: v.decision, comment: v.comment, at: v.createdAt.toISOString() })),
      happened_in_quarter: happened, approval_recorded_in_registry: approvalRecorded(p), flags: [], checks: [],
    };
    const approvals = p.votes.filter((v) => v.decision === 'approve');
    const voteText = p.votes.map((v) => `${v.voter.name} (${v.decision}${v.comment ? `: "${v.comment}"` : ''})`).join('; ');
    const effectiveNow = p.effectiveDate.getTime() <= horizon.getTime();
    if (p.status === 'approved' && approvalRecorded(p)) {
      c.checks.push(sink.add('parameter_approval', p.parameterId, true, `approved ${when(p.approvedAt!)}: ${approvals.length} of ${p.quorum} approvals; ${voteText}`));
      const onTime = p.approvedAt!.getTime() <= endOfDay(p.effectiveDate);
      const id = sink.add('parameter_approved_before_effective', p.parameterId, onTime, `approved ${when(p.approvedAt!)}, effective ${day(p.effectiveDate)}`);
      c.checks.push(id);
      if (!onTime) { c.flags.push('approved_after_effective'); flag(p.parameterId, 'approved_after_effective', `in effect from ${day(p.effectiveDate)} before its approval on ${when(p.approvedAt!)}`, id); }
    } else if (p.status === 'approved') {
      const id = sink.add('parameter_approval', p.parameterId, false, source === 'import'
        ? `imported with approved_by "${p.approvedBy ?? ''}"; no committee vote recorded in the registry`
        : `marked approved without a recorded quorum (${approvals.length} of ${p.quorum} approvals, approved at ${p.approvedAt ? when(p.approvedAt) : 'not recorded'})`);
      c.checks.push(id);
      c.flags.push('approval_not_recorded_here');
      flag(p.parameterId, 'approval_not_recorded_here', 'approval claimed but not recorded in the registry', id);
    } else if (effectiveNow) {
      const id = sink.add('parameter_approval', p.parameterId, false, `${p.status}, yet its effective date ${day(p.effectiveDate)} has passed: no approval for a set that claims to be in effect${voteText ? `; votes: ${voteText}` : ''}`);
      c.checks.push(id);
      c.flags.push('proposed_but_effective');
      flag(p.parameterId, 'proposed_but_effective', `${p.status} set with effective date ${day(p.effectiveDate)}`, id);
    } else {
      c.checks.push(sink.add('parameter_approval', p.parameterId, 'pending', `${p.status}; effective ${day(p.effectiveDate)}, after the end of the quarter${voteText ? `; votes: ${voteText}` : ''}`));
    }
    if (p.votes.length > 0) {
      const self = !!p.proposedBy && p.votes.some((v) => v.voter.id === p.proposedBy!.id);
      c.checks.push(sink.add('parameter_separation_of_duties', p.parameterId, !self, self ? `proposer ${p.proposedBy!.name} voted on their own proposal` : `proposer ${p.proposedBy?.name ?? 'import'} did not vote; voters ${p.votes.map((v) => v.voter.name).join(', ')}`));
    }
    changes.push(c);
  }

  // Sets in force during the quarter whose approval was only claimed by an import.
  for (const kind of ['lambda', 'training', 'inference'] as const) {
    const atStart = inForceAt(sets, kind, q.start);
    if (!atStart || changes.some((c) => c.parameter_id === atStart.parameterId) || approvalRecorded(atStart)) continue;
    const id = sink.add('parameter_approval_recorded', atStart.parameterId, false, `in force on ${day(q.start)} (effective ${day(atStart.effectiveDate)}); approval "${atStart.approvedBy ?? ''}" claimed by an imported file, no vote recorded in the registry`);
    flag(atStart.parameterId, 'approval_not_recorded_here', `in force during the quarter; imported approval not recorded here`, id);
  }

  // λ values in use: each production version's config.yaml against the approved λ set in force.
  const seen = new Set<string>();
  for (const v of facts.versions.values()) {
    const mine = facts.by.transitions.get(v.id) ?? [];
    const periods = mine.filter((t) => t.toStatus === 'production');
    const lastBefore = mine.filter((t) => t.at.getTime() < q.start.getTime()).at(-1);
    const starts = [...(lastBefore?.toStatus === 'production' ? [q.start] : []), ...periods.filter((t) => inQuarter(q, t.at)).map((t) => t.at)];
    const lambdas = lambdasOf(v.configYaml);
    if (!lambdas || starts.length === 0 || seen.has(v.id)) continue;
    seen.add(v.id);
    const t = starts[0];
    const set = inForceAt(sets, 'lambda', t);
    const ok = !!set && set.baseNoiseLambda === lambdas.base && set.residualNoiseLambda === lambdas.residual;
    const id = sink.add('parameter_values_in_use', v.modelId, ok, set
      ? `config.yaml uses λ ${lambdas.base}/${lambdas.residual}; approved set in force on ${day(t)} is ${set.parameterId} (${set.baseNoiseLambda}/${set.residualNoiseLambda})`
      : `config.yaml uses λ ${lambdas.base}/${lambdas.residual}; no approved λ set in force on ${day(t)}`);
    if (!ok) flag(v.modelId, 'values_differ_from_approved', `λ in use ${lambdas.base}/${lambdas.residual} differ from the approved set ${set?.parameterId ?? '(none)'}`, id);
  }
  return { changes, flags };
}
