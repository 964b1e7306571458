import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { isRcaOverdue } from '../domain/incident';
import { notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { IncidentView, ListIncidentsQuery } from '../contracts/incidents';

// Incidents for the API (GET /api/v1/incidents[/{id}]): what the incidents page shows, as data.

const versionSelect = { select: { id: true, modelId: true, status: true } } as const;

export const incidentSelect = {
  id: true, title: true, description: true, severity: true, status: true, openedAt: true, rcaDueAt: true, rcaSubmittedAt: true, rootCause: true, closedAt: true,
  openedBy: { select: { id: true, name: true } },
  version: { select: { id: true, modelId: true, status: true, component: { select: { key: true } } } },
  rollbackToVersion: versionSelect,
  trafficSteps: { orderBy: { percent: 'asc' }, select: { percent: true, at: true, metricsSnapshot: true, advancedBy: { select: { name: true } } } },
  log: { orderBy: { at: 'asc' }, select: { id: true, at: true, text: true, author: { select: { name: true } } } },
} satisfies Prisma.IncidentSelect;

type Row = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;

function view(i: Row, now: Date): IncidentView {
  const { component, ...version } = i.version;
  return {
    id: i.id, title: i.title, description: i.description, severity: i.severity, status: i.status,
    component: component.key, version, rollbackTo: i.rollbackToVersion,
    openedBy: i.openedBy, openedAt: i.openedAt.toISOString(), rcaDueAt: i.rcaDueAt.toISOString(),
    rcaSubmittedAt: i.rcaSubmittedAt?.toISOString() ?? null, rcaOverdue: isRcaOverdue(i, now),
    rootCause: i.rootCause, closedAt: i.closedAt?.toISOString() ?? null,
    trafficPercent: Math.max(0, ...i.trafficSteps.map((s) => s.percent)),
    trafficSteps: i.trafficSteps.map((s) => ({ percent: s.percent, at: s.at.toISOString(), by: s.advancedBy.name, metricsSnapshot: s.metricsSnapshot })),
    log: i.log.map((l) => ({ id: l.id, at: l.at.toISOString(), author: l.author?.name ?? 'system', text: l.text })),
  };
}

/** Newest first, by status and component. */
export async function listIncidentPage(ctx: ServiceContext, q: ListIncidentsQuery) {
  requirePermission(ctx.actor, 'read:registry');
  const where: Prisma.IncidentWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.component ? { version: { component: { key: q.component } } } : {}),
  };
  const [total, rows] = await Promise.all([
    ctx.db.incident.count({ where }),
    ctx.db.incident.findMany({ where, orderBy: [{ openedAt: 'desc' }, { id: 'desc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize, select: incidentSelect }),
  ]);
  const now = ctx.now();
  return { items: rows.map((r) => view(r, now)), total, page: q.page, pageSize: q.pageSize };
}

export async function getIncident(ctx: ServiceContext, id: string): Promise<IncidentView> {
  requirePermission(ctx.actor, 'read:registry');
  const row = await ctx.db.incident.findUnique({ where: { id }, select: incidentSelect });
  if (!row) throw notFound(`Incident ${id.slice(0, 200)}`);
  return view(row, ctx.now());
}
