import type { VersionStatus } from '../generated/prisma/enums';

/**
 * The deployment workflow as one table: every allowed transition and the gate that guards it.
 * The server evaluates gates (lib/services/transition-version.ts); the UI shows this table.
 * Any pair not listed is refused.
 */
export type GateKind =
  | 'unit_tests_pass' // "passes unit tests"
  | 'meets_metrics' // "meets performance metrics"
  | 'reason_required' // "fails metrics" / "issues found"
  | 'committee_approval' // "approved by committee" (quorum + RAI passed), or emergency path
  | 'newer_version_or_committee' // "new version available" (automatic) or committee decision
  | 'grace_period_ended'; // background job after the grace period

export type TransitionRule = {
  from: VersionStatus;
  to: VersionStatus;
  gate: GateKind;
  label: string; // the seed's words
};

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'development', to: 'testing', gate: 'unit_tests_pass', label: 'Passes unit tests' },
  { from: 'testing', to: 'staging', gate: 'meets_metrics', label: 'Meets performance metrics' },
  { from: 'testing', to: 'development', gate: 'reason_required', label: 'Fails metrics' },
  { from: 'staging', to: 'production', gate: 'committee_approval', label: 'Approved by committee' },
  { from: 'staging', to: 'testing', gate: 'reason_required', label: 'Issues found' },
  { from: 'production', to: 'deprecated', gate: 'newer_version_or_committee', label: 'New version available' },
  { from: 'deprecated', to: 'archived', gate: 'grace_period_ended', label: 'Grace period ended' },
];

export const STATUSES: readonly VersionStatus[] = ['development', 'testing', 'staging', 'production', 'deprecated', 'archived'];

export function findTransition(from: VersionStatus, to: VersionStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function transitionsFrom(from: VersionStatus): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from === from);
}

/** The transition that moves a version one step forward in the workflow (development → testing → … → archived). */
export function forwardTransition(from: VersionStatus): TransitionRule | undefined {
  const next = STATUSES[STATUSES.indexOf(from) + 1];
  return next ? findTransition(from, next) : undefined;
}
