import { route } from '@/lib/api/http';
import { verifyAuditLog } from '@/lib/queries/audit';

export const dynamic = 'force-dynamic';

/**
 * Recompute the audit chain and compare it with the signed checkpoints; names the first broken
 * event if any (200 either way: `ok` says whether the chain verified).
 */
export const GET = route('verify:audit-log', async ({ ctx }) => {
  const r = await verifyAuditLog(ctx);
  return r.ok
    ? { ok: true, count: r.count, headSeq: r.headSeq, headHash: r.headHash, checkpoint: r.checkpoint, warnings: r.warnings }
    : { ok: false, count: r.count, brokenSeq: r.brokenSeq, reason: r.reason };
});
