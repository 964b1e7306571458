import { z } from 'zod';
import { appendAuditEvent } from '../audit/chain';
import type { Actor } from '../auth/permissions';
import { contextFor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { AppError, conflict, notFound } from '../errors';
import { requireActorUser } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canGenerateQuarterlyAudit, canReadQuarterlyAudits, canSignOffQuarterlyAudit } from '../permissions/quarterly-audit';
import { inTransaction } from '../services/transaction';
import { parseInput } from '../validation/common';
import { parseQuarter } from './quarter';
import { generateQuarterlyAudit } from './snapshot';

// Requests to generate a quarterly audit (worked off by the job queue, progress kept on the run)
// and the auditor's sign-off of a snapshot.

export const GenerateQuarterlyAuditSchema = z.object({ quarter: z.unknown() }).passthrough();
const STALE_RUN_MS = 15 * 60_000; // the queue's expireInSeconds

export const SignOffSchema = z.object({
  comment: z.string({ message: 'required: say what you checked' }).trim().min(1, { message: 'required: say what you checked' }).max(4000),
});

export const runSelect = {
  id: true, quarter: true, status: true, progress: true, step: true, error: true, auditId: true,
  createdAt: true, startedAt: true, finishedAt: true, requestedBy: { select: { name: true, email: true } },
} as const;

/** Validate the quarter and queue a run; the caller sends the job after this commits. */
export async function requestQuarterlyAudit(ctx: ServiceContext, rawInput: unknown) {
  requireDecision(ctx.actor, canGenerateQuarterlyAudit(ctx.actor));
  const requestedById = requireActorUser(ctx.actor, 'Generating a quarterly audit');
  if (typeof rawInput !== 'object' || rawInput === null || Array.isArray(rawInput)) {
    throw new AppError('validation_failed', 'Send {"quarter": "YYYYQn"}', { fieldErrors: { quarter: ['required, as YYYYQ1–YYYYQ4 (e.g. 2023Q2)'] } });
  }
  const q = parseQuarter((rawInput as { quarter?: unknown }).quarter, ctx.now());
  const requestedViaTokenId = ctx.actor.type === 'api_token' ? ctx.actor.id : null;
  return ctx.db.quarterlyAuditRun.create({ data: { quarter: q.id, requestedById, requestedViaTokenId, createdAt: ctx.now() }, select: runSelect });
}

export async function getQuarterlyAuditRun(ctx: ServiceContext, runId: string) {
  requireDecision(ctx.actor, canReadQuarterlyAudits(ctx.actor));
  const run = await ctx.db.quarterlyAuditRun.findUnique({ where: { id: runId }, select: runSelect });
  if (!run) throw notFound(`Quarterly audit run ${runId}`);
  return run;
}

export async function listQuarterlyAuditRuns(ctx: ServiceContext, take = 10) {
  requireDecision(ctx.actor, canReadQuarterlyAudits(ctx.actor));
  return ctx.db.quarterlyAuditRun.findMany({ orderBy: { createdAt: 'desc' }, take, select: runSelect });
}

/**
 * The job: generate the snapshot a run asks for, as the person who asked (their current role is
 * checked again), writing progress on the run. Safe to call twice: only a queued (or stale) run is started.
 */
export async function runQuarterlyAuditJob(runId: string, opts: { db: Db; now?: () => Date }): Promise<{ auditId: string | null; status: string }> {
  const db = opts.db;
  // A run left 'running' by a worker that died (the queue retries it after it expires) starts again.
  const stale = new Date(Date.now() - STALE_RUN_MS);
  const started = await db.quarterlyAuditRun.updateMany({
    where: { id: runId, OR: [{ status: 'queued' }, { status: 'running', startedAt: { lt: stale } }] },
    data: { status: 'running', startedAt: new Date(), step: 'starting', progress: 1 },
  });
  if (started.count === 0) return { auditId: null, status: 'skipped' };
  const run = await db.quarterlyAuditRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      quarter: true,
      requestedBy: { select: { id: true, email: true, role: true, senior: true, active: true } },
      requestedViaToken: { select: { id: true, name: true, kind: true, role: true, revokedAt: true, expiresAt: true } },
    },
  });
  const u = run.requestedBy;
  const t = run.requestedViaToken;
  // The job acts as whoever asked, as lib/auth/api-token.ts resolves them: the person; their
  // personal token (their role now); or a service token (its role, no decisions).
  const actor: Actor = !t
    ? { type: 'user', id: u.id, label: u.email, role: u.role, senior: u.senior }
    : t.kind === 'personal'
      ? { type: 'api_token', id: t.id, label: `${u.email} (token ${t.name})`, role: u.role, senior: u.senior, userId: u.id, tokenKind: 'personal' }
      : { type: 'api_token', id: t.id, label: `token:${t.name} (service, issued by ${u.email})`, role: t.role, senior: false, userId: u.id, tokenKind: 'service' };
  const ctx = contextFor(actor, { db, now: opts.now });
  try {
    if (!u.active) throw new AppError('forbidden', `${u.email} is no longer active`);
    if (t && (t.revokedAt || (t.expiresAt && t.expiresAt < ctx.now()))) throw new AppError('forbidden', `token ${t.name} was revoked or expired before the report was generated`);
    const q = parseQuarter(run.quarter, ctx.now());
    const audit = await generateQuarterlyAudit(ctx, q, async (progress, step) => {
      if (progress < 100) await db.quarterlyAuditRun.update({ where: { id: runId }, data: { progress, step }, select: { id: true } });
    });
    await db.quarterlyAuditRun.update({ where: { id: runId }, data: { status: 'succeeded', progress: 100, step: 'done', auditId: audit.id, finishedAt: new Date() }, select: { id: true } });
    return { auditId: audit.id, status: 'succeeded' };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await db.quarterlyAuditRun.update({ where: { id: runId }, data: { status: 'failed', step: 'failed', error: message.slice(0, 2000), finishedAt: new Date() }, select: { id: true } });
    if (!(e instanceof AppError)) throw e;
    return { auditId: null, status: 'failed' };
  }
}

/** An auditor signs a snapshot off with a comment, once (the table's trigger enforces it too). */
export async function signOffQuarterlyAudit(ctx: ServiceContext, auditId: string, rawInput: unknown) {
  requireDecision(ctx.actor, canSignOffQuarterlyAudit(ctx.actor));
  const signerId = requireActorUser(ctx.actor, 'Signing off a quarterly audit');
  const input = parseInput(SignOffSchema, rawInput, 'sign-off');
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; quarter: string; signed_off_at: Date | null; chain_head_hash: string }[]>`
      SELECT id, quarter, signed_off_at, chain_head_hash FROM quarterly_audits WHERE id = ${auditId} FOR UPDATE`;
    const a = rows[0];
    if (!a) throw notFound(`Quarterly audit ${auditId}`);
    if (a.signed_off_at) throw conflict(`The ${a.quarter} audit ${auditId} was already signed off on ${a.signed_off_at.toISOString()}`);
    const at = ctx.now();
    await tx.quarterlyAudit.update({ where: { id: auditId }, data: { signedOffById: signerId, signedOffAt: at, signOffComment: input.comment }, select: { id: true } });
    await appendAuditEvent(tx, {
      actor: ctx.actor, action: 'quarterly_audit.signoff', entityType: 'quarterly_audit', entityId: auditId, occurredAt: at,
      change: { quarter: a.quarter, chainHeadHash: a.chain_head_hash, comment: input.comment },
    });
    return { id: auditId, quarter: a.quarter, signedOffAt: at.toISOString(), comment: input.comment };
  });
}
