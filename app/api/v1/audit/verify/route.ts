import { route } from '@/lib/api/http';
import { verifyAuditChain } from '@/lib/audit/chain';
import { prisma } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Recompute the audit chain; names the first broken event if any. */
export const GET = route('verify:audit-log', async () => {
  const r = await verifyAuditChain(prisma);
  return r.ok ? r : { ok: false, count: r.count, brokenSeq: r.brokenSeq, reason: r.reason };
});
