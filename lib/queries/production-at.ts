// Point in time: which version of each component was in production at T, and since when — from
// the recorded history (the audit log's typed events: transitions, promotion requests, rollbacks
// and their traffic steps, imported history), never from the versions' current status.
import { z } from 'zod';
import { isAction, readAuditEvents } from '../audit/reader';
import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import {
  type Period, type ProductionChange, type RollbackHistory, type TrafficShare, type Via,
  productionAt, productionPeriods, trafficAt,
} from '../domain/production-periods';

const AT = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z)?$/;

/** `at`: a date (the end of that UTC day) or an ISO-8601 UTC time. */
export const ProductionAtQuerySchema = z.object({
  at: z
    .string({ error: 'at is required: a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SSZ' })
    .regex(AT, 'must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ')
    .refine((s) => {
      const t = new Date(s.length === 10 ? `${s}T00:00:00Z` : s);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s.slice(0, 10);
    }, 'is not a real date')
    .transform((s) => (s.length === 10 ? new Date(`${s}T23:59:59.999Z`) : new Date(s))),
});

export type ProductionEntry = {
  component: string;
  modelId: string | null;
  since: string | null;
  via: Via | null;
  imported: boolean;
  /** During a rollback: the share of traffic on each version. */
  traffic: TrafficShare | null;
};

export type ProductionTimeline = { component: string; periods: { modelId: string; from: string; to: string | null; via: Via; imported: boolean }[] };

async function history(ctx: ServiceContext): Promise<{ periods: Period[]; rollbacks: RollbackHistory[]; components: string[] }> {
  const [events, versions, components] = await Promise.all([
    readAuditEvents(ctx.db, { actions: ['version.transition', 'promotion.request', 'incident.open', 'incident.traffic', 'history.imported'] }),
    ctx.db.modelVersion.findMany({ select: { modelId: true, component: { select: { key: true } } } }),
    ctx.db.component.findMany({ orderBy: { key: 'asc' }, select: { key: true } }),
  ]);
  const componentOf = new Map(versions.map((v) => [v.modelId, v.component.key]));
  const kindOf = new Map(events.filter(isAction('promotion.request')).map((e) => [e.entityId, e.change.kind]));
  const changes: ProductionChange[] = [];
  for (const e of events.filter(isAction('version.transition'))) {
    const component = componentOf.get(e.change.modelId);
    if (!component) continue;
    if (e.change.to === 'production') {
      const kind = e.change.requestId ? kindOf.get(e.change.requestId) : undefined;
      const via: Via = e.change.incidentId ? 'rollback' : kind ?? 'transition';
      changes.push({ kind: 'enter', at: e.occurredAt, component, modelId: e.change.modelId, via, seq: e.seq });
    } else if (e.change.from === 'production') {
      changes.push({ kind: 'leave', at: e.occurredAt, component, modelId: e.change.modelId, seq: e.seq });
    }
  }
  for (const e of events.filter(isAction('history.imported'))) {
    const component = e.change.modelId ? componentOf.get(e.change.modelId) : undefined;
    if (e.change.what === 'production' && e.change.modelId && component) {
      changes.push({ kind: 'enter', at: e.occurredAt, component, modelId: e.change.modelId, via: 'imported', seq: e.seq });
    }
  }
  const traffic = events.filter(isAction('incident.traffic'));
  const rollbacks: RollbackHistory[] = [];
  for (const e of events.filter(isAction('incident.open'))) {
    const component = componentOf.get(e.change.version);
    if (!component) continue;
    const steps = traffic.filter((t) => t.entityId === e.entityId).map((t) => ({ at: t.occurredAt, percent: t.change.percent }));
    rollbacks.push({ component, from: e.change.version, to: e.change.rollbackTo, openedAt: e.occurredAt, steps });
  }
  return { periods: productionPeriods(changes), rollbacks, components: components.map((c) => c.key) };
}

/** Each component's production version at `at`, with the start of its period and how it got there. */
export async function getProductionAt(ctx: ServiceContext, at: Date): Promise<{ at: string; components: ProductionEntry[] }> {
  requirePermission(ctx.actor, 'read:registry');
  const { periods, rollbacks, components } = await history(ctx);
  const current = productionAt(periods, at);
  return {
    at: at.toISOString(),
    components: components.map((component) => {
      const p = current.get(component) ?? null;
      return {
        component,
        modelId: p?.modelId ?? null,
        since: p ? p.from.toISOString() : null,
        via: p?.via ?? null,
        imported: p?.imported ?? false,
        traffic: trafficAt(rollbacks, component, at),
      };
    }),
  };
}

/** Every production period of every component (the page's timeline). */
export async function getProductionTimeline(ctx: ServiceContext): Promise<ProductionTimeline[]> {
  requirePermission(ctx.actor, 'read:registry');
  const { periods, components } = await history(ctx);
  return components.map((component) => ({
    component,
    periods: periods
      .filter((p) => p.component === component)
      .map((p) => ({ modelId: p.modelId, from: p.from.toISOString(), to: p.to?.toISOString() ?? null, via: p.via, imported: p.imported })),
  }));
}
