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
