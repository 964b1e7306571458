import type { Tx } from '../db';

// One constant key for pg_advisory_xact_lock: every append (and every checkpoint) in the cluster
// queues on it, so the chain is one line even with many app instances. Held until the
// transaction ends.
export const AUDIT_LOCK_KEY = 0x6d6772; // "mgr"

export async function lockAuditChain(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
}
