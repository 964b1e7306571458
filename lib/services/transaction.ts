import type { Db, Tx } from '../db';
import { AppError, isUniqueViolation } from '../errors';

/**
 * Run a multi-step change as one transaction on the context's database. A unique violation raised
 * by a concurrent writer becomes a 409 with the caller's message instead of a 500.
 */
export async function inTransaction<T>(
  ctx: { db: Db },
  fn: (tx: Tx) => Promise<T>,
  opts: { onUniqueViolation?: string; timeoutMs?: number } = {},
): Promise<T> {
  try {
    return await ctx.db.$transaction(fn, { timeout: opts.timeoutMs ?? 30_000, maxWait: 30_000 });
  } catch (e) {
    if (!(e instanceof AppError) && opts.onUniqueViolation && isUniqueViolation(e)) {
      throw new AppError('conflict', opts.onUniqueViolation);
    }
    throw e;
  }
}
