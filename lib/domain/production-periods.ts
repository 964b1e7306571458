// Pure: production periods per component from the recorded history (status transitions into and
// out of production, how each got there, rollbacks and their traffic steps, imported history).
// lib/queries/production-at.ts feeds it the audit log; this answers "what was in production at T".

export type Via = 'committee' | 'emergency' | 'ratification' | 'rollback' | 'transition' | 'imported';

export type ProductionChange =
  | { kind: 'enter'; at: Date; component: string; modelId: string; via: Via; seq: number }
  | { kind: 'leave'; at: Date; component: string; modelId: string; seq: number };

export type RollbackHistory = {
  component: string;
  from: string; // the bad version (traffic leaves it)
  to: string; // the rollback target (traffic arrives on it)
  openedAt: Date;
  steps: { at: Date; percent: number }[];
};

export type Period = { component: string; modelId: string; from: Date; to: Date | null; via: Via; imported: boolean };

/**
 * Production periods, in time order per component. A version enters on its transition to
 * production (or an imported production date) and leaves on its transition out of it, or when
 * another version of the component enters (one production version per component).
 */
export function productionPeriods(changes: readonly ProductionChange[]): Period[] {
  const ordered = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  const open = new Map<string, Period>();
  const out: Period[] = [];
  const close = (component: string, at: Date) => {
    const p = open.get(component);
    if (!p) return;
    p.to = at;
    open.delete(component);
    if (p.to.getTime() > p.from.getTime()) out.push(p);
  };
  for (const c of ordered) {
    const current = open.get(c.component);
    if (c.kind === 'leave') {
      if (current?.modelId === c.modelId) close(c.component, c.at);
      continue;
    }
    if (current?.modelId === c.modelId) continue; // already there (an imported date, then the registry's own record)
    close(c.component, c.at);
    open.set(c.component, { component: c.component, modelId: c.modelId, from: c.at, to: null, via: c.via, imported: c.via === 'imported' });
  }
  for (const p of open.values()) out.push(p);
  return out.sort((a, b) => a.component.localeCompare(b.component) || a.from.getTime() - b.from.getTime());
}

export type TrafficShare = { modelId: string; percent: number }[];

/** During a rollback (opened, not yet at 100%): the share of traffic on each of the two versions. */
export function trafficAt(rollbacks: readonly RollbackHistory[], component: string, at: Date): TrafficShare | null {
  for (const r of rollbacks) {
    if (r.component !== component || r.openedAt.getTime() > at.getTime()) continue;
    const done = r.steps.filter((s) => s.at.getTime() <= at.getTime());
    const percent = Math.max(0, ...done.map((s) => s.percent));
    if (percent >= 100) continue;
    return [{ modelId: r.to, percent }, { modelId: r.from, percent: 100 - percent }];
  }
  return null;
}

/** The period of each component containing `at` (null when nothing was in production). */
export function productionAt(periods: readonly Period[], at: Date): Map<string, Period | null> {
  const result = new Map<string, Period | null>();
  for (const p of periods) {
    if (!result.has(p.component)) result.set(p.component, null);
    if (p.from.getTime() <= at.getTime() && (p.to === null || p.to.getTime() > at.getTime())) result.set(p.component, p);
  }
  return result;
}
