import type { PromotionKind, RequestStatus } from '../generated/prisma/enums';

// Promotion to production (DESIGN.md "staging → production", "Emergency path").

export const EMERGENCY_APPROVALS = 2;

export type PromotionState = 'open' | 'approved_waiting_rai' | 'approved' | 'rejected' | 'withdrawn';

/** How a request reads in the UI: an open committee request at quorum without a passed RAI waits on RAI. */
export function promotionState(r: { status: RequestStatus; kind: PromotionKind; quorum: number; approvals: number; raiResult: string | null }): PromotionState {
  if (r.status !== 'open') return r.status;
  if (r.kind === 'committee' && r.approvals >= r.quorum && r.raiResult !== 'pass') return 'approved_waiting_rai';
  return 'open';
}

const DAY = 86_400_000;

/** An emergency promotion at `at` is watched closely for `monitoringDays` (DESIGN.md "heightened monitoring until a date"). */
export function monitoringUntilAfter(at: Date, monitoringDays: number): Date {
  return new Date(at.getTime() + monitoringDays * DAY);
}

/** The committee's ratification of an emergency promotion is due `ratificationDueDays` after it. */
export function ratificationDueAfter(at: Date, ratificationDueDays: number): Date {
  return new Date(at.getTime() + ratificationDueDays * DAY);
}

/** Still under heightened monitoring at `now` (the end date itself is no longer monitored). */
export function underHeightenedMonitoring(v: { monitoringUntil: Date | null }, now: Date): boolean {
  return !!v.monitoringUntil && v.monitoringUntil.getTime() > now.getTime();
}
