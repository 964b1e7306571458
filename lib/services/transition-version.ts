import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission, SYSTEM_ACTOR } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import { prisma, type Db, type Tx } from '../db';
import { evaluateGate, evaluateGates, type ChecklistEntry, type GateFacts, type MetricValueFact } from '../domain/gates';
import { findTransition, STATUSES, transitionsFrom } from '../domain/lifecycle';
import { AppError, notFound } from '../errors';
import type { VersionStatus } from '../generated/prisma/enums';
import { parseInput } from '../validation/common';
import { actorUserId } from './actor-user';
import { findVersionForUpdate } from './add-metrics';
import { getSettings } from './settings';
import { inTransaction } from './transaction';

export const TransitionInputSchema = z.object({
  to: z.enum(STATUSES as [VersionStatus, ...VersionStatus[]]),
  reason: z.string().trim().max(2000).optional(),
});
export type TransitionInput = z.infer<typeof TransitionInputSchema>;

/**
 * Change a version's status and record it: the status_transitions row and a `version.transition`
 * audit event, in the caller's transaction. Every status change in the registry goes through here
 * (direct transitions, promotions, automatic deprecation, rollbacks, archival).
 */
export async function recordStatusChange(
  tx: Tx,
  p: { versionId: string; modelId: string; from: VersionStatus | null; to: VersionStatus; reason: string; actor: Actor; requestId?: string | null; incidentId?: string | null },
): Promise<void> {
  const at = new Date();
  await tx.modelVersion.update({ where: { id: p.versionId }, data: { status: p.to, statusChangedAt: at }, select: { id: true } });
  await tx.statusTransition.create({
    data: {
      versionId: p.versionId,
      fromStatus: p.from,
      toStatus: p.to,
      reason: p.reason,
      actorId: actorUserId(p.actor),
      actorLabel: p.actor.label,
      requestId: p.requestId ?? null,
      at,
    },
    select: { id: true },
  });
  await appendAuditEvent(tx, {
    actor: p.actor,
    action: 'version.transition',
    entityType: 'model_version',
    entityId: p.versionId,
    change: { modelId: p.modelId, from: p.from, to: p.to, reason: p.reason, requestId: p.requestId ?? null, incidentId: p.incidentId ?? null },
  });
}

function metricMap(rows: { scenario: string; language: string; value: number; definition: { key: string } }[]): Record<string, MetricValueFact[]> {
  const out: Record<string, MetricValueFact[]> = {};
  for (const r of rows) (out[r.definition.key] ??= []).push({ scenario: r.scenario, language: r.language, value: r.value });
  return out;
}

/** Everything the gates read about a version, from one database view (the transaction's, if given). */
export async function loadGateFacts(db: Db | Tx, versionId: string, opts: { now?: Date; actorIsSystem?: boolean } = {}) {
  const version = await db.modelVersion.findUnique({
    where: { id: versionId },
    select: { id: true, modelId: true, componentId: true, status: true, statusChangedAt: true },
  });
  if (!version) throw notFound(`Model version ${versionId}`);
  const metricSelect = { scenario: true, language: true, value: true, definition: { select: { key: true } } } as const;
  const [settings, latestUnitTest, requirements, metrics, production, latestRai, openPromotion] = await Promise.all([
    getSettings(db),
    db.testResult.findFirst({
      where: { versionId, suite: 'unit' },
      orderBy: [{ runAt: 'desc' }, { id: 'desc' }],
      select: { passed: true, failed: true, runAt: true },
    }),
    db.metricRequirement.findMany({
      where: { componentId: version.componentId },
      select: { threshold: true, maxRegressionPct: true, definition: { select: { key: true, name: true, direction: true } } },
      orderBy: { definition: { key: 'asc' } },
    }),
    db.metric.findMany({ where: { versionId, language: '' }, select: metricSelect }),
    db.modelVersion.findFirst({
      where: { componentId: version.componentId, status: 'production', id: { not: versionId } },
      select: { modelId: true, metrics: { where: { language: '' }, select: metricSelect } },
    }),
    db.raiAssessment.findFirst({ where: { versionId }, orderBy: { assessedAt: 'desc' }, select: { result: true, assessedAt: true } }),
    db.promotionRequest.findFirst({
      where: { versionId, status: 'open', kind: { in: ['committee', 'emergency'] } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, kind: true, quorum: true, votes: { where: { decision: 'approve' }, select: { id: true } } },
    }),
  ]);
  const facts: GateFacts = {
    now: opts.now ?? new Date(),
    latestUnitTest,
    requirements: requirements.map((r) => ({
      metric: r.definition.key,
      name: r.definition.name,
      direction: r.definition.direction,
      threshold: r.threshold,
      maxRegressionPct: r.maxRegressionPct,
    })),
    metrics: metricMap(metrics),
    production: production ? { modelId: production.modelId, metrics: metricMap(production.metrics) } : null,
    regressionTolerancePct: settings.regressionTolerancePct,
    gracePeriodDays: settings.gracePeriodDays,
    statusChangedAt: version.statusChangedAt,
    latestRai,
    openPromotion: openPromotion
      ? { id: openPromotion.id, kind: openPromotion.kind, quorum: openPromotion.quorum, approvals: openPromotion.votes.length }
      : null,
    actorIsSystem: opts.actorIsSystem ?? false,
  };
  return { version, facts };
}

function refuse(message: string, details: Record<string, unknown>): AppError {
  return new AppError('transition_refused', message, { details });
}

/**
 * Request a lifecycle transition. The gate is evaluated inside the transaction, with the version
 * row locked, so two concurrent requests cannot both pass on stale facts.
 */
export async function transitionModelVersion(actor: Actor, versionRef: string, rawInput: unknown, opts: { db?: Db; now?: Date } = {}) {
  const peek = TransitionInputSchema.safeParse(rawInput);
  const target = peek.success ? peek.data.to : undefined;
  requirePermission(actor, target === 'deprecated' ? 'deprecate:model-version' : 'transition:model-version');
  const input = parseInput(TransitionInputSchema, rawInput, 'transition');

  return inTransaction(async (tx) => {
    const locked = await findVersionForUpdate(tx, versionRef);
    const from = locked.status as VersionStatus;
    const to = input.to;
    const allowed = transitionsFrom(from).map((t) => t.to);
    const allowedText = allowed.length ? allowed.join(', ') : 'none';
    if (from === to) throw refuse(`${locked.modelId} is already ${to}`, { gate: null, from, to, allowed, failures: [`already ${to}`] });
    const rule = findTransition(from, to);
    if (!rule) {
      throw refuse(`Transition ${from} → ${to} is not allowed for ${locked.modelId}; allowed from ${from}: ${allowedText}`, {
        gate: null, from, to, allowed, failures: [`${from} → ${to} is not in the deployment workflow`],
      });
    }
    if (rule.gate === 'committee_approval') {
      throw refuse(
        `${locked.modelId} cannot be moved to production directly: staging → production needs an approved promotion request (request a promotion for the committee vote, or the emergency path for a hotfix)`,
        { gate: rule.gate, from, to, allowed, failures: ['needs an approved promotion request'] },
      );
    }
    const { facts } = await loadGateFacts(tx, locked.id, { now: opts.now, actorIsSystem: actor.type === 'system' });
    const evaluation = evaluateGate(rule, facts, input.reason);
    if (!evaluation.ok) {
      const failures = evaluation.checks.filter((c) => !c.ok).map((c) => c.detail);
      throw refuse(`${from} → ${to} refused for ${locked.modelId} (${rule.label}): ${failures.join('; ')}`, {
        gate: rule.gate, from, to, failures, checks: evaluation.checks, notes: evaluation.notes,
      });
    }
    const reason = input.reason?.trim() || rule.label;
    await recordStatusChange(tx, { versionId: locked.id, modelId: locked.modelId, from, to, reason, actor });

    // A version sent back from staging can no longer be promoted: close its open requests.
    if (from === 'staging') {
      const open = await tx.promotionRequest.findMany({
        where: { versionId: locked.id, status: 'open', kind: { in: ['committee', 'emergency'] } },
        select: { id: true },
      });
      for (const r of open) {
        await tx.promotionRequest.update({ where: { id: r.id }, data: { status: 'withdrawn', decidedAt: new Date() }, select: { id: true } });
        await appendAuditEvent(tx, {
          actor, action: 'promotion.withdraw', entityType: 'promotion_request', entityId: r.id,
          change: { modelId: locked.modelId, reason: `version moved ${from} → ${to}` },
        });
      }
    }
    return { id: locked.id, modelId: locked.modelId, from, to, reason, notes: evaluation.notes };
  }, { db: opts.db });
}

/** What passes and fails now for every transition out of the version's status (for the UI). */
export async function getGateChecklist(versionRef: string, opts: { db?: Db; now?: Date } = {}): Promise<{ id: string; modelId: string; status: VersionStatus; transitions: ChecklistEntry[] }> {
  const db = opts.db ?? prisma;
  const row = await db.modelVersion.findFirst({ where: { OR: [{ id: versionRef }, { modelId: versionRef }] }, select: { id: true } });
  if (!row) throw notFound(`Model version ${versionRef}`);
  const { version, facts } = await loadGateFacts(db, row.id, { now: opts.now });
  return { id: version.id, modelId: version.modelId, status: version.status, transitions: evaluateGates(version.status, facts) };
}

/** Background job: archive deprecated versions whose grace period has ended. */
export async function archiveExpiredVersions(opts: { db?: Db; now?: Date } = {}): Promise<{ archived: string[] }> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const { gracePeriodDays } = await getSettings(db);
  const due = await db.modelVersion.findMany({
    where: { status: 'deprecated', statusChangedAt: { lte: new Date(now.getTime() - gracePeriodDays * 86_400_000) } },
    select: { id: true },
  });
  const archived: string[] = [];
  for (const v of due) {
    try {
      const r = await transitionModelVersion(SYSTEM_ACTOR, v.id, { to: 'archived', reason: `grace period of ${gracePeriodDays} days ended` }, { db, now });
      archived.push(r.modelId);
    } catch (e) {
      // Changed since we listed it (e.g. reactivated by a rollback): nothing to archive.
      if (!(e instanceof AppError && e.code === 'transition_refused')) throw e;
    }
  }
  return { archived };
}
