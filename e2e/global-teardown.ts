import { rmSync } from 'node:fs';
import pg from 'pg';

/** Drop the e2e database the run created (kept with MGR_E2E_KEEP_DB=1, to look at after a failure). */
export default async function globalTeardown() {
  if (process.env.MGR_E2E_KEEP_DB === '1') {
    console.log(`e2e database kept: ${process.env.MGR_E2E_DB} (${process.env.MGR_TEST_EMBEDDED === '1' ? process.env.MGR_E2E_DATA_DIR : 'on the PostgreSQL server'})`);
    return;
  }
  if (process.env.MGR_TEST_EMBEDDED === '1') {
    if (process.env.MGR_E2E_DATA_DIR?.includes('mgr_e2e_')) rmSync(process.env.MGR_E2E_DATA_DIR, { recursive: true, force: true });
    return;
  }
  const url = process.env.E2E_DATABASE_URL;
  const name = process.env.MGR_E2E_DB;
  if (!url || !name || !name.startsWith('mgr_e2e_')) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
