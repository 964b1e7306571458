import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { latestCheckpoint, verifyCheckpointSignature } from '../audit/checkpoint';
import { signingKeyOrNull } from '../audit/signing-key';
import { auditView } from '../quarterly-audit/api-views';
import { listQuarterlyAudits } from '../quarterly-audit/queries';

// The auditor's dashboard: the chain's head against its last signed checkpoint (a quick check:
// the checkpoint's signature under the configured key and the stored event it vouches for; the
// full recomputation is the "Verify" button), the last quarterly report and its sign-off, and
// what is overdue (root cause analyses, ratifications).

export type ChainStatus = {
  head: { seq: number; hash: string; occurredAt: Date } | null;
  checkpoint: {
    seq: number; hash: string; at: string; reason: string;
    /** null: no signing key configured in this process, so the signature was not checked. */
    signatureOk: boolean | null;
    signatureProblem: string | null;
    /** The stored event at the checkpoint's seq still has the hash that was signed. */
    eventMatches: boolean;
    eventsSince: number;
  } | null;
};

export async function chainStatus(ctx: ServiceContext): Promise<ChainStatus> {
  requirePermission(ctx.actor, 'read:audit-log');
  const db = ctx.db;
  const [head, cp] = await Promise.all([
    db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true, occurredAt: true } }),
    latestCheckpoint(db),
  ]);
  if (!cp) return { head, checkpoint: null };
  const signed = cp.seq === 0 ? null : await db.auditEvent.findUnique({ where: { seq: cp.seq }, select: { hash: true } });
  const key = signingKeyOrNull();
  const sig = key ? verifyCheckpointSignature(cp, key.publicKeyPem) : null;
  return {
    head,
    checkpoint: {
      seq: cp.seq, hash: cp.hash, at: cp.at, reason: cp.reason,
      signatureOk: sig ? sig.ok : null,
      signatureProblem: sig && !sig.ok ? sig.reason : null,
      eventMatches: cp.seq === 0 ? true : signed?.hash === cp.hash,
      eventsSince: Math.max(0, (head?.seq ?? 0) - cp.seq),
    },
  };
}

/** The newest quarterly report (by generation time) with its summary and sign-off; null when none was generated. */
export async function lastQuarterlyReport(ctx: ServiceContext) {
  const [latest] = await listQuarterlyAudits(ctx);
  return latest ? auditView(latest) : null;
}

/** Root cause analyses past their due time and ratifications past their deadline, oldest first. */
export async function overdueItems(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'read:registry');
  const now = ctx.now();
  const [rcas, ratifications] = await Promise.all([
    ctx.db.incident.findMany({
      where: { rcaSubmittedAt: null, rcaDueAt: { lt: now } },
      orderBy: { rcaDueAt: 'asc' },
      select: { id: true, title: true, rcaDueAt: true, version: { select: { modelId: true } } },
    }),
    ctx.db.promotionRequest.findMany({
      where: { kind: 'ratification', status: 'open', dueAt: { lt: now } },
      orderBy: { dueAt: 'asc' },
      select: { id: true, dueAt: true, quorum: true, version: { select: { modelId: true } }, votes: { select: { decision: true } } },
    }),
  ]);
  return {
    rcas: rcas.map((i) => ({ id: i.id, title: i.title, dueAt: i.rcaDueAt, modelId: i.version.modelId })),
    ratifications: ratifications.map((r) => ({ id: r.id, dueAt: r.dueAt!, modelId: r.version.modelId, approvals: r.votes.filter((v) => v.decision === 'approve').length, quorum: r.quorum })),
  };
}
