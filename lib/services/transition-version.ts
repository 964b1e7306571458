import type { Actor } from '../auth/permissions';
import { SYSTEM_ACTOR } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import { contextFor, type ServiceContext } from '../context';
import { loadGateFacts } from '../data/gate-facts';
import { getSettings } from '../data/settings';
import { findVersionForUpdate } from '../data/versions';
import type { Tx } from '../db';
import { evaluateGate } from '../domain/gates';
import { findTransition, transitionsFrom } from '../domain/lifecycle';
import { AppError } from '../errors';
import type { VersionStatus } from '../generated/prisma/enums';
import { parseInput } from '../validation/common';
import { TransitionInputSchema } from '../validation/model-version';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canTransition, canTransitionAny } from '../permissions/model-version';
import { inTransaction } from './transaction';

/**
 * Change a version's status and record it: the status_transitions row and a `version.transition`
 * audit event, in the caller's transaction. Every status change in the registry goes through here
 * (direct transitions, promotions, automatic deprecation, rollbacks, archival).
 */
export async function recordStatusChange(
  tx: Tx,
  p: { versionId: string; modelId: string; from: VersionStatus | null; to: VersionStatus; reason: string; actor: Actor; at: Date; requestId?: string | null; incidentId?: string | null },
): Promise<void> {
  const at = p.at;
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
  await appendAuditEvent(tx, { occurredAt: at,
    actor: p.actor,
    action: 'version.transition',
    entityType: 'model_version',
    entityId: p.versionId,
    change: { modelId: p.modelId, from: p.from, to: p.to, reason: p.reason, requestId: p.requestId ?? null, incidentId: p.incidentId ?? null },
  });
}

function refuse(message: string, details: Record<string, unknown>): AppError {
  return new AppError('transition_refused', message, { details });
}

/**
 * Request a lifecycle transition. The gate is evaluated inside the transaction, with the version
 * row locked, so two concurrent requests cannot both pass on stale facts.
 */
export async function transitionModelVersion(ctx: ServiceContext, versionRef: string, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canTransitionAny(actor));
  const input = parseInput(TransitionInputSchema, rawInput, 'transition');
  requireDecision(actor, canTransition(actor, input.to));

  return inTransaction(ctx, async (tx) => {
    const locked = await findVersionForUpdate(tx, versionRef);
    const from = locked.status;
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
    const { facts } = await loadGateFacts(tx, locked.id, { now: ctx.now(), actorIsSystem: actor.type === 'system' });
    const evaluation = evaluateGate(rule, facts, input.reason);
    if (!evaluation.ok) {
      const failures = evaluation.checks.filter((c) => !c.ok).map((c) => c.detail);
      throw refuse(`${from} → ${to} refused for ${locked.modelId} (${rule.label}): ${failures.join('; ')}`, {
        gate: rule.gate, from, to, failures, checks: evaluation.checks, notes: evaluation.notes,
      });
    }
    const reason = input.reason?.trim() || rule.label;
    await recordStatusChange(tx, { versionId: locked.id, modelId: locked.modelId, from, to, reason, actor, at: ctx.now() });

    // A version sent back from staging can no longer be promoted: close its open requests.
    if (from === 'staging') {
      const open = await tx.promotionRequest.findMany({
        where: { versionId: locked.id, status: 'open', kind: { in: ['committee', 'emergency'] } },
        select: { id: true },
      });
      for (const r of open) {
        await tx.promotionRequest.update({ where: { id: r.id }, data: { status: 'withdrawn', decidedAt: ctx.now() }, select: { id: true } });
        await appendAuditEvent(tx, { occurredAt: ctx.now(),
          actor, action: 'promotion.withdraw', entityType: 'promotion_request', entityId: r.id,
          change: { modelId: locked.modelId, reason: `version moved ${from} → ${to}` },
        });
      }
    }
    return { id: locked.id, modelId: locked.modelId, from, to, reason, notes: evaluation.notes };
  });
}

/** Background job (as the system, whatever actor the context names): archive deprecated versions whose grace period has ended. */
export async function archiveExpiredVersions(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<{ archived: string[] }> {
  const { db } = ctx;
  const now = ctx.now();
  const { gracePeriodDays } = await getSettings(db);
  const due = await db.modelVersion.findMany({
    where: { status: 'deprecated', statusChangedAt: { lte: new Date(now.getTime() - gracePeriodDays * 86_400_000) } },
    select: { id: true },
  });
  const archived: string[] = [];
  for (const v of due) {
    try {
      const r = await transitionModelVersion(contextFor(SYSTEM_ACTOR, { db, now: () => now }), v.id, { to: 'archived', reason: `grace period of ${gracePeriodDays} days ended` });
      archived.push(r.modelId);
    } catch (e) {
      // Changed since we listed it (e.g. reactivated by a rollback): nothing to archive.
      if (!(e instanceof AppError && e.code === 'transition_refused')) throw e;
    }
  }
  return { archived };
}
