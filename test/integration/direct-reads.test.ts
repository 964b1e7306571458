import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { createPrismaClient, prisma, readRows } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { listModelVersions } from '@/lib/queries/version-list';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { makeComponent } from '../fixtures';

// readRows: hot single-statement reads on a plain pg pool beside the ORM's, the transaction's
// client inside a transaction, and the pool ended with the client.

const backend = async (pid: number) =>
  (await prisma.$queryRaw<{ application_name: string }[]>`SELECT application_name FROM pg_stat_activity WHERE pid = ${pid}`)[0]?.application_name ?? null;
const pidVia = async (db: Parameters<typeof readRows>[0]) => (await readRows<{ pid: number }>(db, Prisma.sql`SELECT pg_backend_pid() AS pid, ${1}::int AS one`))[0].pid;

describe('readRows', () => {
  const db = createPrismaClient(process.env.DATABASE_URL);
  let component = '';
  beforeAll(async () => {
    component = (await makeComponent()).key;
    for (const [i, version] of ['1.0.0', '1.1.0', '2.0.0'].entries()) {
      await registerModelVersion(contextFor(SYSTEM_ACTOR), {
        component, architecture: 'diffusion', version, releaseDate: `2024-0${i + 1}-01`, description: `read rows ${version}`,
        configYaml: 'model: {}\n', artifacts: [{ path: 'model.pt', sha256: 'ab'.repeat(32), sizeBytes: 10 }],
        git: { commit: 'abcdef1234567', branch: 'develop' }, tags: ['read-rows'], metrics: [{ metric: 'fvd', value: 100 + i }],
      });
    }
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it('answers the version list on a pool of its own, the same page as through the ORM in a transaction', async () => {
    const direct = await listModelVersions(contextFor(SYSTEM_ACTOR, { db }), { component, pageSize: 2, sort: 'version', order: 'asc' });
    expect(await backend(await pidVia(db))).toBe('mgr-reads');
    const viaOrm = await db.$transaction((tx) => listModelVersions(contextFor(SYSTEM_ACTOR, { db: tx as never }), { component, pageSize: 2, sort: 'version', order: 'asc' }));
    expect(direct.total).toBe(3);
    expect(direct.items.map((i) => [i.version, i.keyMetrics.fvd])).toEqual([['1.0.0', 100], ['1.1.0', 101]]);
    expect(direct).toEqual(viaOrm);
  });

  it('inside a transaction sees what the transaction wrote', async () => {
    const seen = await db.$transaction(async (tx) => {
      await tx.$executeRaw`CREATE TEMP TABLE mgr_read_rows_probe (n int) ON COMMIT DROP`;
      await tx.$executeRaw`INSERT INTO mgr_read_rows_probe VALUES (41), (1)`;
      return readRows<{ s: number }>(tx, Prisma.sql`SELECT sum(n)::int AS s FROM mgr_read_rows_probe WHERE n > ${0}`);
    });
    expect(seen).toEqual([{ s: 42 }]);
  });

  it('ends its pool with the client', async () => {
    const other = createPrismaClient(process.env.DATABASE_URL);
    const pid = await pidVia(other);
    expect(await backend(pid)).toBe('mgr-reads');
    await other.$disconnect();
    await expect.poll(() => backend(pid), { timeout: 5_000 }).toBeNull();
  });

  it('jitOff reads with JIT off, in a transaction of its own that leaves the pooled connection as it was', async () => {
    const jit = Prisma.sql`SELECT current_setting('jit') AS jit, pg_backend_pid() AS pid, ${1}::int AS one`;
    const [off] = await readRows<{ jit: string; pid: number }>(db, jit, { jitOff: true });
    expect(off.jit).toBe('off');
    const [after] = await readRows<{ jit: string; pid: number }>(db, jit);
    expect(after.jit).not.toBe('off');
    const inTx = await db.$transaction(async (tx) => (await readRows<{ jit: string }>(tx, jit, { jitOff: true }))[0].jit);
    expect(inTx).toBe('off');
  });

  it('drops an idle read connection whose backend ends, without ending the process, and reads on', async () => {
    const pid = await pidVia(db);
    await prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await expect.poll(() => backend(pid), { timeout: 5_000 }).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the pool hears of it
    expect(await pidVia(db)).not.toBe(pid);
  });

  it('inside a transaction runs on the transaction\'s connection', async () => {
    const [own, read] = await db.$transaction(async (tx) => [(await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid, await pidVia(tx)]);
    expect(read).toBe(own);
  });
});

// scripts/server.mjs bundles its own copy of lib/db.ts (the hot path) beside Next.js's: whichever
// copy made the shared client, every copy's `prisma` must find its read pool. A registry local to
// one module copy sent the hot path's list through the ORM (seen in a CPU profile, 2026-12-01).
describe('readRows from another copy of lib/db.ts', () => {
  it('finds the shared client\'s read pool through that copy\'s `prisma`', async () => {
    await pidVia(prisma); // the shared client exists, made by this copy
    vi.resetModules();
    const copy = await import('@/lib/db');
    expect(copy.prisma).not.toBe(prisma);
    const [row] = await copy.readRows<{ pid: number }>(copy.prisma, Prisma.sql`SELECT pg_backend_pid() AS pid, ${1}::int AS one`);
    expect(await backend(row.pid)).toBe('mgr-reads');
  });
});
