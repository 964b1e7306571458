import { appendAuditEvent } from '../audit/chain';
import { IMPORTED_MARK } from '../audit/events';
import type { ServiceContext } from '../context';
import { parameterSetSelect } from '../data/parameter-sets';
import { getSettings } from '../data/settings';
import type { Tx } from '../db';
import { parseIsoDate } from '../domain/naming';
import { COMMITTEE_APPROVER, diffParameterSets, rowToRecord, toRecord, type ParameterSetRecord, type ParameterValues } from '../domain/parameter-set';
import { quorumFor, tallyOutcome, tallyVotes } from '../domain/votes';
import { conflict, notFound, validationFailed } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { ParameterKind, ParameterSetStatus } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canImportParameterSet, canProposeParameterSet, canVoteOnParameterSets, canVoteParameterSet, parameterSetVoterFilter } from '../permissions/parameter-set';
import { parseInput } from '../validation/common';
import { ParameterSetInputSchema } from '../validation/parameter-set';
import { CastVoteSchema } from '../validation/promotion';
import { inTransaction } from './transaction';

// λ, training and inference parameter sets: propose, vote, import (the record format and the
// storage note are in lib/domain/parameter-set.ts).

function rowData(rec: ParameterSetRecord, source: ParameterValues['source']) {
  const parameters: Record<string, unknown> = { ...rec.parameters };
  if (rec.base_noise_lambda !== undefined) parameters.base_noise_lambda = rec.base_noise_lambda;
  if (rec.residual_noise_lambda !== undefined) parameters.residual_noise_lambda = rec.residual_noise_lambda;
  const values: ParameterValues = { source, parameters };
  return {
    parameterId: rec.parameter_id,
    kind: rec.kind as ParameterKind,
    values: values as Prisma.InputJsonValue,
    baseNoiseLambda: rec.base_noise_lambda ?? null,
    residualNoiseLambda: rec.residual_noise_lambda ?? null,
    effectiveDate: parseIsoDate(rec.effective_date)!,
    performanceMetrics: rec.performance_metrics,
    testedScenarios: rec.tested_scenarios,
    notes: rec.notes,
  };
}


async function committeeQuorum(tx: Tx, proposerId: string | null) {
  const settings = await getSettings(tx);
  const active = await tx.user.count({ where: { active: true, OR: parameterSetVoterFilter() } });
  const eligible = await tx.user.count({ where: { active: true, OR: parameterSetVoterFilter(), ...(proposerId ? { id: { not: proposerId } } : {}) } });
  return { quorum: quorumFor(settings.quorum, active), eligible };
}

/** Propose a parameter set for the committee's vote (status proposed, quorum fixed now). */
export async function proposeParameterSet(ctx: ServiceContext, rawInput: unknown) {
  const { actor } = ctx;
  requireDecision(actor, canProposeParameterSet(actor));
  const input = parseInput(ParameterSetInputSchema, rawInput, 'parameter set');
  if (input.approved_by !== undefined) {
    throw validationFailed('Invalid parameter set: approved_by is set by the committee vote', { approved_by: ['a proposal cannot claim an approval; the committee votes on it'] });
  }
  const proposerId = actorUserId(actor)!;
  const rec = toRecord(input);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.parameterSet.findUnique({ where: { parameterId: rec.parameter_id }, select: { id: true } });
    if (existing) throw conflict(`Parameter set ${rec.parameter_id} already exists`, { field: 'parameter_id' });
    const { quorum, eligible } = await committeeQuorum(tx, proposerId);
    if (quorum > eligible) throw conflict(`A quorum of ${quorum} cannot be reached: only ${eligible} committee members may vote`);
    const row = await tx.parameterSet.create({
      data: { ...rowData(rec, 'registry'), status: 'proposed', proposedById: proposerId, quorum, createdAt: ctx.now() },
      select: parameterSetSelect,
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'parameter_set.propose', entityType: 'parameter_set', entityId: row.id, change: { record: rec, quorum } });
    return row;
  }, { onUniqueViolation: `Parameter set ${rec.parameter_id} already exists` });
}

export type ParameterVoteOutcome = { parameterSetId: string; parameterId: string; approvals: number; rejections: number; quorum: number; status: ParameterSetStatus };

/** A committee member votes on a proposed parameter set; the proposer never votes. */
export async function voteParameterSet(ctx: ServiceContext, parameterSetId: string, rawInput: unknown): Promise<ParameterVoteOutcome> {
  const { actor } = ctx;
  requireDecision(actor, canVoteOnParameterSets(actor));
  const input = parseInput(CastVoteSchema, rawInput, 'vote');
  const voterId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; parameter_id: string; status: ParameterSetStatus; proposed_by_id: string | null; quorum: number }[]>`
      SELECT id, parameter_id, status::text AS status, proposed_by_id, quorum FROM parameter_sets
      WHERE id = ${parameterSetId} OR parameter_id = ${parameterSetId} FOR UPDATE`;
    const ps = rows[0];
    if (!ps) throw notFound(`Parameter set ${parameterSetId}`);
    if (ps.status !== 'proposed') throw conflict(`Parameter set ${ps.parameter_id} is already ${ps.status}`);
    requireDecision(actor, canVoteParameterSet(actor, { proposedById: ps.proposed_by_id }));
    const already = await tx.parameterSetVote.findUnique({ where: { parameterSetId_voterId: { parameterSetId: ps.id, voterId } }, select: { decision: true } });
    if (already) throw conflict(`You have already voted (${already.decision}) on ${ps.parameter_id}`);
    await tx.parameterSetVote.create({ data: { parameterSetId: ps.id, voterId, decision: input.decision, comment: input.comment, createdAt: ctx.now() }, select: { id: true } });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor, action: 'parameter_set.vote', entityType: 'parameter_set', entityId: ps.id,
      change: { parameterId: ps.parameter_id, decision: input.decision, comment: input.comment },
    });
    const votes = await tx.parameterSetVote.findMany({ where: { parameterSetId: ps.id }, select: { voterId: true, decision: true } });
    const eligible = await tx.user.findMany({
      where: { active: true, OR: parameterSetVoterFilter(), ...(ps.proposed_by_id ? { id: { not: ps.proposed_by_id } } : {}) },
      select: { id: true },
    });
    const tally = tallyVotes(votes, eligible.map((u) => u.id));
    const { approvals, rejections } = tally;
    const outcome = tallyOutcome(tally, ps.quorum);
    let status: ParameterSetStatus = 'proposed';
    if (outcome === 'approved') {
      status = 'approved';
      await tx.parameterSet.update({ where: { id: ps.id }, data: { status, approvedBy: COMMITTEE_APPROVER, approvedAt: ctx.now() }, select: { id: true } });
      await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'parameter_set.approve', entityType: 'parameter_set', entityId: ps.id, change: { parameterId: ps.parameter_id, approvals, rejections, quorum: ps.quorum, approvedBy: COMMITTEE_APPROVER } });
    } else if (outcome === 'rejected') {
      status = 'rejected';
      await tx.parameterSet.update({ where: { id: ps.id }, data: { status }, select: { id: true } });
      await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'parameter_set.reject', entityType: 'parameter_set', entityId: ps.id, change: { parameterId: ps.parameter_id, approvals, rejections, quorum: ps.quorum } });
    }
    return { parameterSetId: ps.id, parameterId: ps.parameter_id, approvals, rejections, quorum: ps.quorum, status };
  }, { onUniqueViolation: 'Your vote on this parameter set was already recorded' });
}

export type ImportResult = { result: 'created' | 'unchanged'; id: string; parameterId: string; status: ParameterSetStatus };

/**
 * Import one historical record from a parameters file. Idempotent: the same record again is a
 * no-op ('unchanged'); a record with the same parameter_id but other content is a 409 naming the
 * first field that differs. See the storage note at the top for how claimed approvals are kept.
 */
export async function importParameterSet(ctx: ServiceContext, rawInput: unknown): Promise<ImportResult> {
  const { actor } = ctx;
  requireDecision(actor, canImportParameterSet(actor));
  const input = parseInput(ParameterSetInputSchema, rawInput, 'parameter set');
  const rec = toRecord(input);
  const importerId = actorUserId(actor)!;
  return inTransaction(ctx, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`parameter_set:${rec.parameter_id}`}))`;
    const existing = await tx.parameterSet.findUnique({ where: { parameterId: rec.parameter_id }, select: parameterSetSelect });
    if (existing) {
      const diffs = diffParameterSets(rowToRecord(existing), rec);
      if (diffs.length === 0) return { result: 'unchanged', id: existing.id, parameterId: existing.parameterId, status: existing.status };
      const d = diffs[0];
      throw conflict(
        `Parameter set ${rec.parameter_id} already exists with a different ${d.field} (registry: ${JSON.stringify(d.before)}, file: ${JSON.stringify(d.after)})`,
        { field: d.field, differences: diffs },
      );
    }
    const approved = rec.approved_by !== undefined;
    const quorum = approved ? 0 : (await committeeQuorum(tx, importerId)).quorum;
    const row = await tx.parameterSet.create({
      data: {
        ...rowData(rec, 'import'),
        status: approved ? 'approved' : 'proposed',
        approvedBy: rec.approved_by ?? null,
        approvedAt: null, // the registry did not see the approval happen
        proposedById: approved ? null : importerId,
        quorum,
        createdAt: ctx.now(),
      },
      select: { id: true, parameterId: true, status: true },
    });
    await appendAuditEvent(tx, { occurredAt: ctx.now(),
      actor, action: 'parameter_set.import', entityType: 'parameter_set', entityId: row.id,
      change: { record: rec, status: row.status, source: 'import', approvalRecordedInRegistry: false },
    });
    // The effective date the file states, as history on that date: imported, not approved here.
    await appendAuditEvent(tx, {
      occurredAt: new Date(`${rec.effective_date}T00:00:00.000Z`), actor, action: 'history.imported', entityType: 'parameter_set', entityId: row.id,
      change: { mark: IMPORTED_MARK, what: 'parameter_effective', parameterId: rec.parameter_id, approvedBy: rec.approved_by ?? null, date: rec.effective_date, source: 'parameter file' },
    });
    return { result: 'created', id: row.id, parameterId: row.parameterId, status: row.status };
  }, { onUniqueViolation: `Parameter set ${rec.parameter_id} was imported concurrently; import again to compare` });
}

