import { parseCommitMessage, type ParsedCommit } from './commit-message';
import type { MetricDirection } from '../generated/prisma/enums';
import { judgeChange, percentChange, SAME_THRESHOLD_PCT, type MetricDefinitionInfo, type Verdict } from './metrics';

// The commit message's claimed impact ("Performance impact: -15% on FVD") beside the measured
// change against the previous version of the component (DESIGN.md "Commit convention").

/**
 * How a claimed impact (from the commit message) compares with the measured change:
 * - matches: same direction, and the measured change is at least half the claimed size;
 * - overstated: same direction but less than half the claimed size;
 * - contradicts: the metric moved the other way (or did not move against a non-zero claim);
 * - unmeasured: no measurement to compare with.
 */
export type ClaimCheck = 'matches' | 'overstated' | 'contradicts' | 'unmeasured';

export function checkClaim(claimedPct: number, measuredPct: number | null): ClaimCheck {
  if (measuredPct == null) return 'unmeasured';
  if (claimedPct === 0) return Math.abs(measuredPct) < 1 ? 'matches' : 'contradicts';
  if (Math.abs(measuredPct) < SAME_THRESHOLD_PCT || Math.sign(measuredPct) !== Math.sign(claimedPct)) return 'contradicts';
  return Math.abs(measuredPct) >= Math.abs(claimedPct) / 2 ? 'matches' : 'overstated';
}

export type ImpactRow = {
  metricKey: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  previous: number | null;
  current: number | null;
  changePct: number | null;
  verdict: Verdict | null;
  claimedPct: number | null;
  claimedRaw: string | null;
  claimCheck: ClaimCheck | null;
};

export type ImpactComparison = {
  previous: { id: string; modelId: string; version: string } | null;
  rows: ImpactRow[];
  /** Claims naming a metric the registry does not know (kept so nothing is silently dropped). */
  unmatchedClaims: { metric: string; percent: number; raw: string }[];
};

/** Measured change against the previous version beside the claimed impact of the commit message. */
export function buildImpact(
  defs: MetricDefinitionInfo[],
  current: Record<string, number>,
  previous: { id: string; modelId: string; version: string } | null,
  previousValues: Record<string, number>,
  commit: ParsedCommit | null,
): ImpactComparison {
  const claims = new Map<string, { percent: number; raw: string }>();
  const unmatchedClaims: ImpactComparison['unmatchedClaims'] = [];
  for (const c of commit?.impacts ?? []) {
    if (c.metricKey && defs.some((d) => d.key === c.metricKey)) claims.set(c.metricKey, { percent: c.percent, raw: c.raw });
    else unmatchedClaims.push({ metric: c.metric, percent: c.percent, raw: c.raw });
  }
  const rows: ImpactRow[] = [];
  for (const d of defs) {
    const cur = current[d.key] ?? null;
    const prev = previous ? (previousValues[d.key] ?? null) : null;
    const claim = claims.get(d.key) ?? null;
    if (cur == null && prev == null && !claim) continue;
    const changePct = percentChange(prev, cur);
    rows.push({
      metricKey: d.key,
      name: d.name,
      unit: d.unit,
      direction: d.direction,
      previous: prev,
      current: cur,
      changePct,
      verdict: judgeChange(d.direction, changePct),
      claimedPct: claim?.percent ?? null,
      claimedRaw: claim?.raw ?? null,
      claimCheck: claim ? checkClaim(claim.percent, changePct) : null,
    });
  }
  return { previous, rows, unmatchedClaims };
}

/** A version's commit message, parsed leniently (no impact or Reviewed-by line required), or null. */
export function parseVersionCommit(message: string | null): ParsedCommit | null {
  return message ? parseCommitMessage(message, { requireImpact: false, requireReviewedBy: false }) : null;
}
