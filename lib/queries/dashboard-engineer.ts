import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { loadGateFacts } from '../data/gate-facts';
import { evaluateGate, type GateEvaluation } from '../domain/gates';
import { forwardTransition, type TransitionRule } from '../domain/lifecycle';
import { actorUserId } from '../permissions/actor';

// "My versions": the versions this person registered (newest activity first, archived ones left
// out) and the gate each must pass next, evaluated by lib/domain/gates.ts over the same facts
// the transition service reads — so the dashboard and the server cannot disagree.

export const MY_VERSIONS_LIMIT = 12;

export type NextGate = {
  to: string;
  label: string;
  /**
   * passes: the transition may be requested now; blocked: checks still fail (listed);
   * waits: nothing for the engineer to do — a newer version or the background job moves it on.
   */
  state: 'passes' | 'blocked' | 'waits';
  /** What still fails (blocked), or what it waits for (waits). */
  failing: { label: string; detail: string }[];
  /** The transition is not requested directly (promotion request, background job). */
  viaRequest: boolean;
};

/** The next gate in words the dashboard shows, from the gate's own evaluation. */
export function describeNextGate(rule: TransitionRule, ev: GateEvaluation): NextGate {
  const base = { to: rule.to, label: rule.label, viaRequest: !ev.direct };
  if (rule.gate === 'newer_version_or_committee') {
    return { ...base, state: 'waits', failing: [{ label: rule.label, detail: 'stays in production until a newer version of its component gets there (or the committee deprecates it)' }] };
  }
  if (rule.gate === 'grace_period_ended') {
    const grace = ev.checks.find((c) => c.key === 'grace_period');
    return { ...base, state: 'waits', failing: [{ label: rule.label, detail: `archived by the background job once the grace period ${grace?.ok ? 'has ended' : (grace?.detail ?? 'ends').replace(/T[\d:.]+Z/, '')}` }] };
  }
  const failing = ev.checks.filter((c) => !c.ok && !c.needsInput).map((c) => ({ label: c.label, detail: c.detail }));
  return { ...base, state: failing.length === 0 ? 'passes' : 'blocked', failing };
}

export async function myVersions(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'read:registry');
  const me = actorUserId(actor);
  if (!me) return { versions: [], total: 0 };
  const where = { registeredById: me, status: { not: 'archived' as const } };
  const [rows, total] = await Promise.all([
    db.modelVersion.findMany({
      where,
      orderBy: [{ statusChangedAt: 'desc' }, { modelId: 'asc' }],
      take: MY_VERSIONS_LIMIT,
      select: { id: true, modelId: true, version: true, status: true, statusChangedAt: true, component: { select: { key: true, name: true } } },
    }),
    db.modelVersion.count({ where }),
  ]);
  const now = ctx.now();
  const versions = await Promise.all(
    rows.map(async (v) => {
      const rule = forwardTransition(v.status);
      let next: NextGate | null = null;
      if (rule) {
        const { facts } = await loadGateFacts(db, v.id, { now });
        next = describeNextGate(rule, evaluateGate(rule, facts));
      }
      return { ...v, next };
    }),
  );
  return { versions, total };
}
