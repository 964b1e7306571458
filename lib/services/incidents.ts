import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { getSettings } from '../data/settings';
import { findVersionForUpdate } from '../data/versions';
import { isVersionRef, versionRefWhere } from '../data/version-ref';
import type { Tx } from '../db';
import { CRITICAL_TAG, nextTrafficStep } from '../domain/incident';
import { AppError, conflict, notFound } from '../errors';
import type { IncidentStatus, VersionStatus } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canAdvanceRollback, canOpenIncident, canSubmitRootCause, canWriteIncidentLog } from '../permissions/incident';
import { parseInput } from '../validation/common';
import { AdvanceTrafficSchema, IncidentLogSchema, OpenIncidentSchema, RootCauseSchema } from '../validation/incident';
import { inTransaction } from './transaction';
import { recordStatusChange } from './transition-version';

// The seed's rollback procedure (rules in lib/domain/incident.ts). The registry's status flips at
// once (the previous stable version is *the* production version from the moment the incident
// opens); the traffic steps record the gradual shift of serving.

/**
 * The previous stable version of a component: the version other than `excludeId` that most
 * recently entered production (per the status history) and is not tagged critical-issue.
 */
async function findPreviousStable(tx: Tx, componentId: string, excludeId: string) {
  const history = await tx.statusTransition.findMany({
    where: { toStatus: 'production', versionId: { not: excludeId }, version: { componentId } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { at: true, version: { select: { id: true, modelId: true, status: true, tags: true } } },
  });
  for (const h of history) if (!h.version.tags.includes(CRITICAL_TAG)) return h.version;
  return null;
}

/**
 * Open an incident on a production version and roll back in one transaction: tag the version
 * critical-issue, deprecate it, reactivate the previous stable version, start the incident log.
 */
export async function openIncident(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canOpenIncident(actor));
  const input = parseInput(OpenIncidentSchema, rawInput, 'incident');
  const openerId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    // Lock order as in promotions: component, then versions.
    const peek = isVersionRef(versionRef) ? await tx.modelVersion.findUnique({ where: versionRefWhere(versionRef), select: { componentId: true } }) : null;
    if (!peek) throw notFound(`Model version ${String(versionRef).slice(0, 200)}`);
    await tx.$queryRaw`SELECT id FROM components WHERE id = ${peek.componentId} FOR UPDATE`;
    const bad = await findVersionForUpdate(tx, versionRef);
    if (bad.status !== 'production') {
      throw new AppError('transition_refused', `${bad.modelId} is ${bad.status}: an incident (rollback) is opened on the production version`, {
        details: { gate: 'rollback', failures: [`version is ${bad.status}, not production`] },
      });
    }
    const target = await findPreviousStable(tx, peek.componentId, bad.id);
    if (!target) {
      throw new AppError('transition_refused', `No previous stable version of this component to roll back to: no other version was ever in production without the ${CRITICAL_TAG} tag`, {
        details: { gate: 'rollback', failures: ['no previous stable version'] },
      });
    }
    await tx.$queryRaw`SELECT id FROM model_versions WHERE id = ${target.id} FOR UPDATE`;
    const { tags } = await tx.modelVersion.findUniqueOrThrow({ where: { id: bad.id }, select: { tags: true } });
    const settings = await getSettings(tx);
    const openedAt = ctx.now();
    const rcaDueAt = new Date(openedAt.getTime() + settings.rcaDueHours * 3_600_000);
    const incident = await tx.incident.create({
      data: {
        versionId: bad.id, rollbackToVersionId: target.id, title: input.title, description: input.description,
        severity: input.severity, status: 'open', openedById: openerId, openedAt, rcaDueAt,
      },
      select: { id: true, status: true, openedAt: true, rcaDueAt: true, rcaSubmittedAt: true },
    });
    await tx.modelVersion.update({ where: { id: bad.id }, data: { tags: [...new Set([...tags, CRITICAL_TAG])] }, select: { id: true } });
    const reason = `rollback: incident ${incident.id} (${input.title})`;
    // The bad version leaves production first: at most one production version per component.
    await recordStatusChange(tx, { versionId: bad.id, modelId: bad.modelId, from: 'production', to: 'deprecated', reason: `${reason}; tagged ${CRITICAL_TAG}`, actor, at: openedAt, incidentId: incident.id });
    await recordStatusChange(tx, { versionId: target.id, modelId: target.modelId, from: target.status as VersionStatus, to: 'production', reason: `${reason}; previous stable version reactivated`, actor, at: openedAt, incidentId: incident.id });
    await tx.incidentLogEntry.create({
      data: {
        incidentId: incident.id, authorId: openerId, at: openedAt,
        text: `Incident opened: ${input.title}. ${bad.modelId} tagged ${CRITICAL_TAG} and deprecated; ${target.modelId} (was ${target.status}) reactivated as production. Traffic moves to it in 20% steps. Root cause analysis due ${rcaDueAt.toISOString()}.`,
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor, action: 'incident.open', entityType: 'incident', entityId: incident.id,
      change: { title: input.title, severity: input.severity, version: bad.modelId, rollbackTo: target.modelId, rollbackFromStatus: target.status, rcaDueAt: rcaDueAt.toISOString() },
    });
    return { ...incident, modelId: bad.modelId, rollbackTo: target.modelId };
  });
}

async function lockIncident(tx: Tx, incidentId: string) {
  const rows = await tx.$queryRaw<{ id: string; status: IncidentStatus; rca_submitted_at: Date | null }[]>`
    SELECT id, status::text AS status, rca_submitted_at FROM incidents WHERE id = ${incidentId} FOR UPDATE`;
  if (!rows[0]) throw notFound(`Incident ${incidentId}`);
  return rows[0];
}

/** Move the next 20% of traffic to the rollback target (20 → 40 → … → 100). */
export async function advanceTraffic(ctx: ServiceContext, incidentId: string, rawInput: unknown = {}) {
  const { actor } = ctx;
  requireDecision(actor, canAdvanceRollback(actor));
  const input = parseInput(AdvanceTrafficSchema, rawInput, 'traffic step');
  const userId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    const inc = await lockIncident(tx, incidentId);
    if (inc.status !== 'open') throw conflict(`The rollback of this incident is complete (incident is ${inc.status})`);
    const done = (await tx.trafficStep.findMany({ where: { incidentId }, select: { percent: true } })).map((s) => s.percent);
    const percent = nextTrafficStep(done);
    if (percent === null) throw conflict('All traffic is already on the rollback target');
    const at = ctx.now();
    await tx.trafficStep.create({ data: { incidentId, percent, advancedById: userId, metricsSnapshot: input.metricsSnapshot, at }, select: { id: true } });
    let status: IncidentStatus = 'open';
    if (percent === 100) status = inc.rca_submitted_at ? 'resolved' : 'rolled_back';
    if (status !== 'open') {
      await tx.incident.update({ where: { id: incidentId }, data: { status, ...(status === 'resolved' ? { closedAt: at } : {}) }, select: { id: true } });
    }
    const metrics = Object.entries(input.metricsSnapshot).map(([k, v]) => `${k}=${v}`).join(', ');
    await tx.incidentLogEntry.create({
      data: { incidentId, authorId: userId, at, text: `Traffic on the rollback target: ${percent}%${metrics ? ` (${metrics})` : ''}${input.note ? `. ${input.note}` : ''}` },
      select: { id: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'incident.traffic', entityType: 'incident', entityId: incidentId, change: { percent, metricsSnapshot: input.metricsSnapshot, status } });
    return { incidentId, percent, status };
  }, { onUniqueViolation: 'This traffic step was just recorded by someone else; reload' });
}

/** Add an entry to the incident log. */
export async function addIncidentLog(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canWriteIncidentLog(actor));
  const input = parseInput(IncidentLogSchema, rawInput, 'incident log entry');
  const userId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    await lockIncident(tx, incidentId);
    const entry = await tx.incidentLogEntry.create({ data: { incidentId, authorId: userId, text: input.text, at: ctx.now() }, select: { id: true, at: true, text: true } });
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'incident.log', entityType: 'incident', entityId: incidentId, change: { entryId: entry.id, text: input.text } });
    return entry;
  });
}

/**
 * Submit the root cause analysis. The incident is resolved once the RCA is in and all traffic is
 * back (an RCA submitted mid-rollback resolves the incident at the 100% step).
 */
export async function submitRootCause(ctx: ServiceContext, incidentId: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canSubmitRootCause(actor));
  const input = parseInput(RootCauseSchema, rawInput, 'root cause analysis');
  const userId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    const inc = await lockIncident(tx, incidentId);
    if (inc.rca_submitted_at) throw conflict('The root cause analysis of this incident was already submitted');
    const { rcaDueAt } = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { rcaDueAt: true } });
    const at = ctx.now();
    const status: IncidentStatus = inc.status === 'rolled_back' ? 'resolved' : inc.status;
    await tx.incident.update({
      where: { id: incidentId },
      data: { rootCause: input.rootCause, rcaSubmittedAt: at, status, ...(status === 'resolved' ? { closedAt: at } : {}) },
      select: { id: true },
    });
    const late = at.getTime() > rcaDueAt.getTime();
    await tx.incidentLogEntry.create({
      data: { incidentId, authorId: userId, at, text: `Root cause analysis submitted${late ? ' (after its due time)' : ''}.` },
      select: { id: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'incident.rca', entityType: 'incident', entityId: incidentId, change: { rootCause: input.rootCause, late, status } });
    return { incidentId, status, late };
  });
}
