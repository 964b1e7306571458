// The seed's rollback procedure: tag critical-issue, reactivate the previous stable version, move
// traffic back in 20% steps, root cause analysis within rca_due_hours.

export const CRITICAL_TAG = 'critical-issue';
export const TRAFFIC_STEPS = [20, 40, 60, 80, 100] as const;

/** RCA still missing after its due time. */
export function isRcaOverdue(incident: { rcaDueAt: Date; rcaSubmittedAt?: Date | null }, now: Date): boolean {
  return !incident.rcaSubmittedAt && now.getTime() > incident.rcaDueAt.getTime();
}

/** The next traffic step after the recorded ones, or null when traffic is fully moved. */
export function nextTrafficStep(done: number[]): number | null {
  return TRAFFIC_STEPS.find((p) => !done.includes(p)) ?? null;
}
