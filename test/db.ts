// Test databases: one migrated template per run, cloned for the suite and for any test that
// needs a database of its own (e.g. audit tampering).
//  - On a PostgreSQL server: CREATE DATABASE … TEMPLATE (fast, server-side).
//  - Embedded (MGR_TEST_EMBEDDED=1, no server reachable): PGlite has one database per instance,
//    so a "clone" is a new PGlite instance started from the template's data-directory tarball.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres } from '../scripts/embedded-db.mts';

export const EMBEDDED_PREFIX = 'embedded:';

export function serverUrl(): string {
  // TEST_DATABASE_URL or DATABASE_URL point at a server; tests never touch that database itself,
  // they create their own beside it.
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Asynchronous: an embedded server in this process must keep answering while it runs. */
export function migrate(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy exited with ${code}`))));
  });
}

export async function createDatabaseFromTemplate(template: string, prefix = 'mgr_test'): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  if (template.startsWith(EMBEDDED_PREFIX)) {
    const tarball = readFileSync(template.slice(EMBEDDED_PREFIX.length));
    const db = await startEmbeddedPostgres({ loadDataDir: new Blob([tarball]), maxConnections: 40 });
    return { name: `${prefix}_embedded_${db.port}`, url: db.url, drop: db.stop };
  }
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
