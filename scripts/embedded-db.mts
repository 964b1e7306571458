// The embedded PostgreSQL: PGlite (Postgres compiled to WebAssembly) served over the Postgres
// wire protocol on a local port, so the app, the Prisma CLI and psql use one connection string.
// See docs/decisions/002-embedded-postgres-pglite.md.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedPostgres = { url: string; port: number; stop: () => Promise<void>; dump: () => Promise<Blob> };

export async function startEmbeddedPostgres(
  opts: { dataDir?: string; port?: number; maxConnections?: number; loadDataDir?: Blob } = {},
): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create({
    extensions: { pg_trgm }, // search indexes (see the search_trigram_indexes migration)
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: opts.port ?? 0,
    maxConnections: opts.maxConnections ?? 20,
  });
  await server.start();
  const conn = server.getServerConn(); // host:port
  const port = Number(conn.split(':').pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    stop: async () => {
      await server.stop();
      await db.close();
    },
    // A tarball of the data directory: a migrated "template" other instances can start from.
    dump: () => db.dumpDataDir('none'),
  };
}
