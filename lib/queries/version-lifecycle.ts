import type { ServiceContext } from '../context';
import { evaluateGates, type ChecklistEntry } from '../domain/gates';
import { loadGateFacts } from '../data/gate-facts';
import { canTransition } from '../permissions/model-version';

// The lifecycle slice of the version page: each way out of the current status with its gate as
// the server evaluates it now, and whether this actor may ask for it (the server re-checks both
// inside the transition's transaction). Pages read the flags; they decide nothing themselves.

export type LifecycleEntry = ChecklistEntry & { mayAct: boolean; needsReason: boolean };

export async function loadVersionLifecycle(ctx: ServiceContext, versionId: string): Promise<LifecycleEntry[]> {
  const { version, facts } = await loadGateFacts(ctx.db, versionId, { now: ctx.now() });
  return evaluateGates(version.status, facts).map((t) => ({
    ...t,
    mayAct: t.evaluation.direct && canTransition(ctx.actor, t.to).ok,
    needsReason: t.evaluation.checks.some((c) => c.needsInput),
  }));
}
