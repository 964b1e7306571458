import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import pg from 'pg';
import { env } from '../env';

// Failed sign-ins are counted per account and per IP in Postgres (table rate_limits, created by
// a migration), so every app instance shares the counts.
const PER_ACCOUNT = { points: 5, duration: 15 * 60 }; // 5 failures / 15 min per email
const PER_IP = { points: 30, duration: 15 * 60 }; // 30 failures / 15 min per IP

// Without our server in front (plain `next start`, `next dev`) the client address is unknown: the
// per-IP limit is then skipped rather than shared by everyone (which would let one client lock
// all others out); the per-account limit still applies.
const UNKNOWN_IP = 'unknown';

type Limiters = { account: RateLimiterPostgres; ip: RateLimiterPostgres };
const g = globalThis as unknown as { __mgrLimiters?: Limiters; __mgrLimiterPool?: pg.Pool };

function limiters(): Limiters {
  if (!g.__mgrLimiters) {
    if (!g.__mgrLimiterPool) {
      g.__mgrLimiterPool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
      // An idle connection dropped by the server (restart, failover) must not crash the process;
      // the pool reconnects on the next query.
      g.__mgrLimiterPool.on('error', (e) => console.warn(`[rate-limit] idle database connection lost: ${e.message}`));
    }
    const pool = g.__mgrLimiterPool;
    // The library names its prepared statements; the embedded database (PGlite) is one session
    // shared by all connections, where a second connection preparing the same name fails. Send
    // the statements unnamed — same SQL, same atomic upserts.
    const storeClient = {
      query: (q: { text: string; values?: unknown[] }) => pool.query({ text: q.text, values: q.values }),
    };
    const common = { storeClient, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false };
    g.__mgrLimiters = {
      account: new RateLimiterPostgres({ ...common, keyPrefix: 'login_acct', ...PER_ACCOUNT }),
      ip: new RateLimiterPostgres({ ...common, keyPrefix: 'login_ip', ...PER_IP }),
    };
  }
  return g.__mgrLimiters;
}

export type LimitState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export async function checkLoginAllowed(email: string, ip: string): Promise<LimitState> {
  const { account, ip: ipLimiter } = limiters();
  const [a, i] = await Promise.all([account.get(email.toLowerCase()), ip === UNKNOWN_IP ? null : ipLimiter.get(ip)]);
  const wait = Math.max(
    a && a.consumedPoints >= PER_ACCOUNT.points ? a.msBeforeNext : 0,
    i && i.consumedPoints >= PER_IP.points ? i.msBeforeNext : 0,
  );
  return wait > 0 ? { blocked: true, retryAfterSeconds: Math.ceil(wait / 1000) } : { blocked: false };
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const { account, ip: ipLimiter } = limiters();
  await Promise.all([
    account.penalty(email.toLowerCase(), 1).catch((e: unknown) => { if (!(e instanceof RateLimiterRes)) throw e; }),
    ip === UNKNOWN_IP ? null : ipLimiter.penalty(ip, 1).catch((e: unknown) => { if (!(e instanceof RateLimiterRes)) throw e; }),
  ]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await limiters().account.delete(email.toLowerCase());
}
