import type { Db } from '../db';

export type Health = { status: 'ok'; database: 'ok' } | { status: 'unavailable'; database: 'unreachable'; reason: string };

/** Is the database answering? Gives up after `timeoutMs` so a load balancer never hangs on us. */
export async function checkHealth(db: Db, timeoutMs = 3000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return { status: 'ok', database: 'ok' };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n').filter(Boolean).pop()?.slice(0, 200) ?? 'unknown error' : 'unknown error';
    return { status: 'unavailable', database: 'unreachable', reason };
  } finally {
    clearTimeout(timer);
  }
}
