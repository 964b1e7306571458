import type { TestProject } from 'vitest/node';
import { adminQuery, createDatabaseFromTemplate, migrate, serverUrl, withDatabase } from './db';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDatabase: string;
  }
}

/** Migrate a fresh template database once, then give the suite a clone of it. */
export default async function setup(project: TestProject) {
  const template = `mgr_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${template}"`);
  const started = Date.now();
  migrate(withDatabase(serverUrl(), template));
  console.log(`[test] migrated template ${template} in ${Date.now() - started} ms`);
  const main = await createDatabaseFromTemplate(template);
  project.provide('databaseUrl', main.url);
  project.provide('templateDatabase', template);
  return async () => {
    await main.drop();
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}
