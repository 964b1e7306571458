import type { ServiceContext } from '../context';
import { collectAuditFacts } from './collect';
import { CONTROLS, controlGaps, controlMap, type Check, type Control, type ControlCoverage } from './controls';
import { lifecycleChecks, type Deployment, type IncidentView, type TransitionView } from './lifecycle-checks';
import { parameterChecks, type ParameterChange, type UnapprovedModification } from './parameter-checks';
import { performanceReview, type ClaimView, type ComponentPerformance } from './performance';
import type { Quarter } from './quarter';
import { CheckSink } from './sink';

// The quarterly audit as data: the seed's five steps. The three files (PDF, JSON, Markdown) are
// renderings of this one object, so they cannot disagree.

export type ChainEvidence = {
  /** The chain's head when the report was made (the checkpoint created for it). */
  headSeq: number;
  headHash: string;
  /** Events whose business time falls in the quarter. */
  eventsInQuarter: number;
  /** Result of recomputing the chain between the quarter's start and end checkpoints. */
  verified: boolean;
  detail: string;
};

export type QuarterlyReport = {
  quarter: string;
  period: { start: string; end: string; lastDay: string };
  generatedAt: string;
  generatedBy: string;
  chain: ChainEvidence;
  deployments: Deployment[]; // step 1
  performance: ComponentPerformance[]; // step 2
  claims: ClaimView[];
  transitions: TransitionView[]; // step 3
  incidents: IncidentView[];
  parameterChanges: ParameterChange[];
  unapprovedModifications: UnapprovedModification[]; // step 4
  checks: Check[]; // step 5
  summary: { checks: number; passed: number; failed: number; pending: number; deployments: number; transitions: number; parameterChanges: number; incidents: number; flagged: number; compliant: boolean };
  controlMap: ControlCoverage[];
  gaps: Control[];
};

export async function buildQuarterlyReport(ctx: ServiceContext, quarter: Quarter, chain: ChainEvidence): Promise<QuarterlyReport> {
  const facts = await collectAuditFacts(ctx, quarter);
  const sink = new CheckSink();
  if (chain.eventsInQuarter > 0) {
    sink.add('chain_integrity', `events of ${quarter.id}`, chain.verified, chain.detail);
  }
  const life = lifecycleChecks(facts, sink);
  const perf = await performanceReview(ctx, facts, sink);
  const params = parameterChecks(facts, sink);
  const checks = sink.checks;
  const failed = checks.filter((c) => c.result === 'fail').length;
  const pending = checks.filter((c) => c.result === 'pending').length;
  return {
    quarter: quarter.id,
    period: { start: quarter.start.toISOString(), end: quarter.end.toISOString(), lastDay: quarter.lastDay },
    generatedAt: ctx.now().toISOString(),
    generatedBy: ctx.actor.label,
    chain,
    deployments: life.deployments,
    performance: perf.performance,
    claims: perf.claims,
    transitions: life.transitions,
    incidents: life.incidents,
    parameterChanges: params.changes,
    unapprovedModifications: params.flags,
    checks,
    summary: {
      checks: checks.length, passed: checks.length - failed - pending, failed, pending,
      deployments: life.deployments.length, transitions: life.transitions.length, parameterChanges: params.changes.length,
      incidents: life.incidents.length, flagged: params.flags.length, compliant: failed === 0,
    },
    controlMap: controlMap(checks),
    gaps: controlGaps(checks),
  };
}

export { CONTROLS };
