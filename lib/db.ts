import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { env } from './env';

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function createPrismaClient(connectionString?: string): PrismaClient {
  const url = connectionString ?? env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start` (embedded database) or set it');
  const adapter = new PrismaPg({ connectionString: url, max: env().DB_POOL_MAX });
  const client = new PrismaClient({
    adapter,
    log: [{ level: 'warn', emit: 'stdout' }, { level: 'error', emit: 'stdout' }],
  });
  urls.set(client, url);
  return client;
}

const urls = new WeakMap<object, string>();

/**
 * The connection string a client was made with (not for a transaction client): for the few
 * readers that stream a large table through a plain pg connection (audit chain verification).
 */
export function connectionStringOf(db: object): string | undefined {
  return db === prisma ? env().DATABASE_URL : urls.get(db);
}

/** One client per process (Next's dev server reloads modules; keep the pool across reloads). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop, receiver) {
    globalForPrisma.prisma ??= createPrismaClient();
    return Reflect.get(globalForPrisma.prisma, prop, receiver);
  },
});
