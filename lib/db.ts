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
  return new PrismaClient({
    adapter,
    log: [{ level: 'warn', emit: 'stdout' }, { level: 'error', emit: 'stdout' }],
  });
}

/** One client per process (Next's dev server reloads modules; keep the pool across reloads). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop, receiver) {
    globalForPrisma.prisma ??= createPrismaClient();
    return Reflect.get(globalForPrisma.prisma, prop, receiver);
  },
});
