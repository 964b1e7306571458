import type { Actor } from '../auth/permissions';
import type { VersionStatus } from '../generated/prisma/enums';
import { ALLOW, hasPermission, type Decision } from './decision';

// Who may register versions, report on them and move them through the lifecycle. Whether a
// transition is *allowed* by the workflow is the gate's business (lib/domain/gates.ts); this says
// whether the actor may ask for it.

export function canRegisterVersion(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'create:model-version');
}

/** Metrics and test results are reported by whoever may register versions (people and CI). */
export const canReportResults = canRegisterVersion;

/** Deprecating a production version is the committee's decision; every other move is an engineer's request. */
export function canTransition(actor: Actor | null | undefined, to: VersionStatus): Decision {
  return hasPermission(actor, to === 'deprecated' ? 'deprecate:model-version' : 'transition:model-version');
}

/** May the actor ask for any transition at all (checked before the input is read). */
export function canTransitionAny(actor: Actor | null | undefined): Decision {
  const engineer = hasPermission(actor, 'transition:model-version');
  return engineer.ok || hasPermission(actor, 'deprecate:model-version').ok ? ALLOW : engineer;
}

/** The backport of a hotfix to develop is recorded by the engineers who ship versions. */
export function canRecordBackport(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'create:model-version');
}
