// One way for a test file to run on a database of its own (cloned from the run's migrated
// template): the app's process-wide client (lib/db.ts) and DATABASE_URL point at the clone for the
// file, and both are restored afterwards. Services and queries can also be given the clone
// explicitly through their ServiceContext (contextFor(actor, { db: db() })).
//
// Quorum is "a majority of the active committee members" of the whole database, and API tests
// compare row counts before and after a request, so such files must not share a database with
// test files running in parallel.
import { afterAll, beforeAll, inject } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db';
import { createDatabaseFromTemplate } from './db';

const g = globalThis as unknown as { prisma?: Db };

export function withOwnDatabase(prefix: string): { db: () => Db } {
  let db: Db | undefined;
  let drop: (() => Promise<void>) | undefined;
  const original = process.env.DATABASE_URL;
  beforeAll(async () => {
    const created = await createDatabaseFromTemplate(inject('templateDatabase'), prefix);
    drop = created.drop;
    process.env.DATABASE_URL = created.url;
    await g.prisma?.$disconnect();
    db = createPrismaClient(created.url);
    g.prisma = db;
  });
  afterAll(async () => {
    await db?.$disconnect();
    g.prisma = undefined;
    process.env.DATABASE_URL = original; // test/db.ts reaches the server through it
    await drop?.();
  });
  return { db: () => db! };
}
