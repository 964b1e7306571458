import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateSigningKeyPem } from '../lib/audit/signing-key';
import { startEmbeddedPostgres } from '../scripts/embedded-db.mts';
import { EMBEDDED_PREFIX, adminQuery, createDatabaseFromTemplate, migrate, serverUrl, withDatabase } from './db';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDatabase: string;
    auditSigningKey: string;
  }
}

/** Migrate a fresh template database once, then give the suite a clone of it. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  // One audit signing key for the run (never a real one): every worker signs and verifies with it.
  project.provide('auditSigningKey', generateSigningKeyPem());
  if (process.env.MGR_TEST_EMBEDDED === '1') {
    // No PostgreSQL server: the suite runs on the embedded one (PGlite), as `npm start` does.
    const db = await startEmbeddedPostgres({ maxConnections: 40 });
    await migrate(db.url);
    const tarball = path.join(os.tmpdir(), `mgr-template-${process.pid}.tar`);
    writeFileSync(tarball, Buffer.from(await (await db.dump()).arrayBuffer()));
    console.log(`[test] embedded PostgreSQL (PGlite) migrated in ${Date.now() - started} ms`);
    project.provide('databaseUrl', db.url);
    project.provide('templateDatabase', `${EMBEDDED_PREFIX}${tarball}`);
    return async () => {
      await db.stop();
      rmSync(tarball, { force: true });
    };
  }
  const template = `mgr_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${template}"`);
  await migrate(withDatabase(serverUrl(), template));
  console.log(`[test] migrated template ${template} in ${Date.now() - started} ms`);
  const main = await createDatabaseFromTemplate(template);
  project.provide('databaseUrl', main.url);
  project.provide('templateDatabase', template);
  return async () => {
    await main.drop();
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}
