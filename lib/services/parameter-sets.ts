import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import { canonicalJson } from '../audit/canonical';
import { prisma, type Db, type Tx } from '../db';
import { parseIsoDate, isoDate } from '../domain/naming';
import { AppError, conflict, notFound, validationFailed } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { ParameterKind, ParameterSetStatus } from '../generated/prisma/enums';
import { parseInput } from '../validation/common';
import { ParameterSetInputSchema, type ParameterKindName, type ParameterSetInput } from '../validation/parameter-set';
import { requireActorUser } from './actor-user';
import { CastVoteSchema } from './promotion';
import { getSettings, quorumFor } from './settings';
import { inTransaction } from './transaction';

// λ, training and inference parameter sets (the seed's "Parameter Tracking").
//
// Storage: `values` is { source, parameters } where `parameters` holds every parameter of the set
// (the λ pair included, and any extra keys of an imported file record); the λ pair is also kept in
// its own columns for queries. `source` says how the row entered the registry:
//   'registry' — proposed here and decided by recorded committee votes;
//   'import'   — read from a historical parameters file. An imported record that claims
//                `approved_by` is stored as approved (it was in force, and getActiveParameterSet
//                must see it), but it has no votes in the registry: the quarterly audit lists
//                approved sets with source 'import' as "approval not recorded in the registry"
//                rather than the registry pretending it saw the vote.

export const COMMITTEE_APPROVER = 'Model Governance Committee';

export type ParameterValues = { source: 'registry' | 'import'; parameters: Record<string, unknown> };

/** One record in the seed's file format (config/parameters/{kind}_parameters.json). */
export type ParameterSetRecord = {
  parameter_id: string;
  kind: ParameterKindName;
  base_noise_lambda?: number;
  residual_noise_lambda?: number;
  effective_date: string;
  approved_by?: string;
  performance_metrics: Record<string, number>;
  tested_scenarios: string[];
  notes: string;
  parameters: Record<string, unknown>;
};

const KNOWN_KEYS = new Set([
  'parameter_id', 'kind', 'base_noise_lambda', 'residual_noise_lambda', 'effective_date', 'approved_by',
  'performance_metrics', 'tested_scenarios', 'notes', 'parameters',
]);

/** Input (validated) → the canonical record; extra keys of a file record become parameters. */
export function toRecord(input: ParameterSetInput): ParameterSetRecord {
  const kind = input.parameter_id.split('-')[0] as ParameterKindName;
  const extras = Object.fromEntries(Object.entries(input).filter(([k]) => !KNOWN_KEYS.has(k)));
  const rec: ParameterSetRecord = {
    parameter_id: input.parameter_id,
    kind,
    effective_date: input.effective_date,
    performance_metrics: input.performance_metrics ?? {},
    tested_scenarios: input.tested_scenarios ?? [],
    notes: input.notes ?? '',
    parameters: { ...(input.parameters ?? {}), ...extras },
  };
  if (input.base_noise_lambda !== undefined) rec.base_noise_lambda = input.base_noise_lambda;
  if (input.residual_noise_lambda !== undefined) rec.residual_noise_lambda = input.residual_noise_lambda;
  if (input.approved_by !== undefined) rec.approved_by = input.approved_by;
  return rec;
}

export const parameterSetSelect = {
  id: true, parameterId: true, kind: true, values: true, baseNoiseLambda: true, residualNoiseLambda: true,
  effectiveDate: true, status: true, approvedBy: true, approvedAt: true, performanceMetrics: true,
  testedScenarios: true, notes: true, quorum: true, proposedById: true, createdAt: true,
} as const satisfies Prisma.ParameterSetSelect;

export type ParameterSetRow = Prisma.ParameterSetGetPayload<{ select: typeof parameterSetSelect }>;

function readValues(v: Prisma.JsonValue): ParameterValues {
  const obj = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const params = obj.parameters && typeof obj.parameters === 'object' && !Array.isArray(obj.parameters) ? (obj.parameters as Record<string, unknown>) : {};
  return { source: obj.source === 'import' ? 'import' : 'registry', parameters: params };
}

/** A stored row → the seed's record format (for export, diff and import comparison). */
export function rowToRecord(row: ParameterSetRow): ParameterSetRecord {
  const { parameters } = readValues(row.values);
  const pm = row.performanceMetrics && typeof row.performanceMetrics === 'object' && !Array.isArray(row.performanceMetrics)
    ? (row.performanceMetrics as Record<string, number>) : {};
  const rest = Object.fromEntries(Object.entries(parameters).filter(([k]) => k !== 'base_noise_lambda' && k !== 'residual_noise_lambda'));
  const rec: ParameterSetRecord = {
    parameter_id: row.parameterId,
    kind: row.kind,
    effective_date: isoDate(row.effectiveDate),
    performance_metrics: pm,
    tested_scenarios: row.testedScenarios,
    notes: row.notes,
    parameters: rest,
  };
  if (row.baseNoiseLambda !== null) rec.base_noise_lambda = row.baseNoiseLambda;
  if (row.residualNoiseLambda !== null) rec.residual_noise_lambda = row.residualNoiseLambda;
  if (row.approvedBy) rec.approved_by = row.approvedBy;
  return rec;
}

export type ParameterDiff = { field: string; before: unknown; after: unknown };

function flatten(rec: ParameterSetRecord): Map<string, unknown> {
  const m = new Map<string, unknown>();
  m.set('kind', rec.kind);
  m.set('base_noise_lambda', rec.base_noise_lambda);
  m.set('residual_noise_lambda', rec.residual_noise_lambda);
  m.set('effective_date', rec.effective_date);
  m.set('approved_by', rec.approved_by);
  for (const [k, v] of Object.entries(rec.performance_metrics)) m.set(`performance_metrics.${k}`, v);
  m.set('tested_scenarios', rec.tested_scenarios);
  m.set('notes', rec.notes);
  for (const [k, v] of Object.entries(rec.parameters)) m.set(`parameters.${k}`, v);
  return m;
}

/** Field-by-field differences between two parameter sets (a = before, b = after). */
export function diffParameterSets(a: ParameterSetRecord, b: ParameterSetRecord): ParameterDiff[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])];
  const out: ParameterDiff[] = [];
  for (const k of keys) {
    const x = fa.get(k);
    const y = fb.get(k);
    const same = x === undefined || y === undefined ? x === y : canonicalJson(x) === canonicalJson(y);
    if (!same) out.push({ field: k, before: x ?? null, after: y ?? null });
  }
  return out;
}

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
  const active = await tx.user.count({ where: { active: true, role: 'committee' } });
  const eligible = await tx.user.count({ where: { active: true, role: 'committee', ...(proposerId ? { id: { not: proposerId } } : {}) } });
  return { quorum: quorumFor(settings.quorum, active), eligible };
}

/** Propose a parameter set for the committee's vote (status proposed, quorum fixed now). */
export async function proposeParameterSet(actor: Actor, rawInput: unknown, opts: { db?: Db } = {}) {
  requirePermission(actor, 'propose:parameter-set');
  const input = parseInput(ParameterSetInputSchema, rawInput, 'parameter set');
  if (input.approved_by !== undefined) {
    throw validationFailed('Invalid parameter set: approved_by is set by the committee vote', { approved_by: ['a proposal cannot claim an approval; the committee votes on it'] });
  }
  const proposerId = requireActorUser(actor, 'Proposing a parameter set');
  const rec = toRecord(input);
  return inTransaction(async (tx) => {
    const existing = await tx.parameterSet.findUnique({ where: { parameterId: rec.parameter_id }, select: { id: true } });
    if (existing) throw conflict(`Parameter set ${rec.parameter_id} already exists`, { field: 'parameter_id' });
    const { quorum, eligible } = await committeeQuorum(tx, proposerId);
    if (quorum > eligible) throw conflict(`A quorum of ${quorum} cannot be reached: only ${eligible} committee members may vote`);
    const row = await tx.parameterSet.create({
      data: { ...rowData(rec, 'registry'), status: 'proposed', proposedById: proposerId, quorum },
      select: parameterSetSelect,
    });
    await appendAuditEvent(tx, { actor, action: 'parameter_set.propose', entityType: 'parameter_set', entityId: row.id, change: { record: rec, quorum } });
    return row;
  }, { db: opts.db, onUniqueViolation: `Parameter set ${rec.parameter_id} already exists` });
}

export type ParameterVoteOutcome = { parameterSetId: string; parameterId: string; approvals: number; rejections: number; quorum: number; status: ParameterSetStatus };

/** A committee member votes on a proposed parameter set; the proposer never votes. */
export async function voteParameterSet(actor: Actor, parameterSetId: string, rawInput: unknown, opts: { db?: Db } = {}): Promise<ParameterVoteOutcome> {
  requirePermission(actor, 'vote:parameter-set');
  const input = parseInput(CastVoteSchema, rawInput, 'vote');
  const voterId = requireActorUser(actor, 'Voting');
  return inTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; parameter_id: string; status: ParameterSetStatus; proposed_by_id: string | null; quorum: number }[]>`
      SELECT id, parameter_id, status::text AS status, proposed_by_id, quorum FROM parameter_sets
      WHERE id = ${parameterSetId} OR parameter_id = ${parameterSetId} FOR UPDATE`;
    const ps = rows[0];
    if (!ps) throw notFound(`Parameter set ${parameterSetId}`);
    if (ps.status !== 'proposed') throw conflict(`Parameter set ${ps.parameter_id} is already ${ps.status}`);
    if (ps.proposed_by_id === voterId) throw new AppError('forbidden', 'You proposed this parameter set, so you may not vote on it (separation of duties)');
    const already = await tx.parameterSetVote.findUnique({ where: { parameterSetId_voterId: { parameterSetId: ps.id, voterId } }, select: { decision: true } });
    if (already) throw conflict(`You have already voted (${already.decision}) on ${ps.parameter_id}`);
    await tx.parameterSetVote.create({ data: { parameterSetId: ps.id, voterId, decision: input.decision, comment: input.comment }, select: { id: true } });
    await appendAuditEvent(tx, {
      actor, action: 'parameter_set.vote', entityType: 'parameter_set', entityId: ps.id,
      change: { parameterId: ps.parameter_id, decision: input.decision, comment: input.comment },
    });
    const votes = await tx.parameterSetVote.findMany({ where: { parameterSetId: ps.id }, select: { voterId: true, decision: true } });
    const approvals = votes.filter((v) => v.decision === 'approve').length;
    const rejections = votes.length - approvals;
    const voted = new Set(votes.map((v) => v.voterId));
    const eligible = await tx.user.findMany({
      where: { active: true, role: 'committee', ...(ps.proposed_by_id ? { id: { not: ps.proposed_by_id } } : {}) },
      select: { id: true },
    });
    const remaining = eligible.filter((u) => !voted.has(u.id)).length;
    let status: ParameterSetStatus = 'proposed';
    if (approvals >= ps.quorum) {
      status = 'approved';
      await tx.parameterSet.update({ where: { id: ps.id }, data: { status, approvedBy: COMMITTEE_APPROVER, approvedAt: new Date() }, select: { id: true } });
      await appendAuditEvent(tx, { actor, action: 'parameter_set.approve', entityType: 'parameter_set', entityId: ps.id, change: { parameterId: ps.parameter_id, approvals, rejections, quorum: ps.quorum, approvedBy: COMMITTEE_APPROVER } });
    } else if (approvals + remaining < ps.quorum) {
      status = 'rejected';
      await tx.parameterSet.update({ where: { id: ps.id }, data: { status }, select: { id: true } });
      await appendAuditEvent(tx, { actor, action: 'parameter_set.reject', entityType: 'parameter_set', entityId: ps.id, change: { parameterId: ps.parameter_id, approvals, rejections, quorum: ps.quorum } });
    }
    return { parameterSetId: ps.id, parameterId: ps.parameter_id, approvals, rejections, quorum: ps.quorum, status };
  }, { db: opts.db, onUniqueViolation: 'Your vote on this parameter set was already recorded' });
}

export type ImportResult = { result: 'created' | 'unchanged'; id: string; parameterId: string; status: ParameterSetStatus };

/**
 * Import one historical record from a parameters file. Idempotent: the same record again is a
 * no-op ('unchanged'); a record with the same parameter_id but other content is a 409 naming the
 * first field that differs. See the storage note at the top for how claimed approvals are kept.
 */
export async function importParameterSet(actor: Actor, rawInput: unknown, opts: { db?: Db } = {}): Promise<ImportResult> {
  requirePermission(actor, 'propose:parameter-set');
  const input = parseInput(ParameterSetInputSchema, rawInput, 'parameter set');
  const rec = toRecord(input);
  const importerId = requireActorUser(actor, 'Importing a parameter set');
  return inTransaction(async (tx) => {
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
      },
      select: { id: true, parameterId: true, status: true },
    });
    await appendAuditEvent(tx, {
      actor, action: 'parameter_set.import', entityType: 'parameter_set', entityId: row.id,
      change: { record: rec, status: row.status, source: 'import', approvalRecordedInRegistry: false },
    });
    return { result: 'created', id: row.id, parameterId: row.parameterId, status: row.status };
  }, { db: opts.db, onUniqueViolation: `Parameter set ${rec.parameter_id} was imported concurrently; import again to compare` });
}

/** The set in force on a date: the latest approved set whose effective date is on or before it. */
export async function getActiveParameterSet(kind: ParameterKindName, date: Date | string = new Date(), opts: { db?: Db } = {}): Promise<ParameterSetRow | null> {
  const db = opts.db ?? prisma;
  const d = typeof date === 'string' ? parseIsoDate(date) : date;
  if (!d) throw validationFailed('Invalid date', { date: ['must be a real date as YYYY-MM-DD'] });
  return db.parameterSet.findFirst({
    where: { kind, status: 'approved', effectiveDate: { lte: d } },
    orderBy: [{ effectiveDate: 'desc' }, { createdAt: 'desc' }],
    select: parameterSetSelect,
  });
}
