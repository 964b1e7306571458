import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from './generated/prisma/client';
import { env } from './env';

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

type Registration = { url: string; pool: () => pg.Pool };
/**
 * Process-wide, not per module: scripts/server.mjs bundles its own copy of this module (the hot
 * path) beside Next.js's, and each copy's `prisma` must find the one shared client and its read
 * pool whichever copy made it. `registrations`: what createPrismaClient made each client with;
 * `sharedProxies`: every copy's `prisma`.
 */
const globalForPrisma = globalThis as unknown as {
  prisma?: PrismaClient;
  mgrDbRegistrations?: WeakMap<object, Registration>;
  mgrDbSharedProxies?: WeakSet<object>;
};
const registrations = (globalForPrisma.mgrDbRegistrations ??= new WeakMap());
const sharedProxies = (globalForPrisma.mgrDbSharedProxies ??= new WeakSet());

export function createPrismaClient(connectionString?: string): PrismaClient {
  const url = connectionString ?? env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start` (embedded database) or set it');
  const adapter = new PrismaPg({ connectionString: url, max: env().DB_POOL_MAX });
  const client = new PrismaClient({
    adapter,
    log: [{ level: 'warn', emit: 'stdout' }, { level: 'error', emit: 'stdout' }],
  });
  // A plain pg pool for hot single-statement reads (readRows), made on first use and ended with
  // the client's own $disconnect.
  let direct: pg.Pool | null = null;
  const makePool = () => {
    const pool = new pg.Pool({ connectionString: url, max: env().DB_POOL_MAX, allowExitOnIdle: true, application_name: 'mgr-reads' });
    // An idle connection that dies (a database restart, a terminated backend) is dropped by the
    // pool; without a listener its 'error' event would end the process.
    pool.on('error', (e) => console.warn(`[db] an idle read connection failed and was dropped: ${e.message}`));
    return pool;
  };
  registrations.set(client, { url, pool: () => (direct ??= makePool()) });
  const disconnect = client.$disconnect.bind(client);
  Object.defineProperty(client, '$disconnect', {
    value: async () => {
      const pool = direct;
      direct = null;
      await pool?.end();
      await disconnect();
    },
  });
  return client;
}

/** The registration of a top-level client (any copy's shared `prisma` resolved); none for a transaction client. */
const registrationOf = (db: object) => registrations.get(sharedProxies.has(db) ? sharedClient() : db);

/**
 * The rows of one read-only statement. On a top-level client it runs on a plain pg pool beside
 * the ORM's (decision record 017, amended): Prisma's raw-query path (its client runtime, query
 * compiler and result mapping) was about a fifth of the app's CPU for a list request served by
 * the hot path. Inside a transaction it goes through the transaction client, so it sees what the
 * transaction wrote. pg's result types are used (json parsed, int4 as numbers, int8 and numeric
 * as strings): statements read through here cast what they return accordingly.
 */
export async function readRows<T>(db: Db | Tx, sql: Prisma.Sql, opts: { jitOff?: boolean } = {}): Promise<T[]> {
  const pool = registrationOf(db)?.pool;
  if (!pool) {
    if (opts.jitOff) await db.$executeRaw`SET LOCAL jit = off`; // the caller's transaction: a planner setting only
    return db.$queryRaw<T[]>(sql);
  }
  if (!opts.jitOff) return (await pool().query(sql.text, sql.values)).rows as T[];
  // `jitOff`: for a scan whose estimated cost crosses jit_above_cost while compiling takes longer
  // than the query; SET LOCAL needs a transaction of its own.
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL jit = off');
    const { rows } = await client.query(sql.text, sql.values);
    await client.query('COMMIT');
    return rows as T[];
  } catch (e) {
    await client.query('ROLLBACK').catch((r: unknown) => {
      broken = r instanceof Error ? r : new Error(String(r)); // not back into the pool
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/**
 * The connection string a client was made with (not for a transaction client): for the few
 * readers that stream a large table through a plain pg connection (audit chain verification).
 */
export function connectionStringOf(db: object): string | undefined {
  return registrationOf(db)?.url;
}

/** The one client of the process, made on first use by whichever copy of this module asks first. */
function sharedClient(): PrismaClient {
  return (globalForPrisma.prisma ??= createPrismaClient());
}

/** One client per process (Next's dev server reloads modules; keep the pool across reloads). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop, receiver) {
    return Reflect.get(sharedClient(), prop, receiver);
  },
});
sharedProxies.add(prisma);
