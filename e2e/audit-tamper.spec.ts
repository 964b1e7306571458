// Issue 8: tampering with the audit log shows in the browser, the API and the CLI. It breaks the
// chain for everyone, so it runs on an instance of its own (embedded database in a temporary
// folder, loaded with the demo story, which signs a checkpoint at each quarter end), never on
// the suite's database.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, insertApiToken, mgr, signInAs, test } from './fixtures';
import { SUITE_SECRET, startInstance } from './instance';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 105;
const URL_ = `http://127.0.0.1:${PORT}`;
const DB_PORT = 55_000 + (Number(process.env.E2E_PORT ?? 3100) % 1000);

test('deleting checkpointed events is caught: the audit page, GET /api/v1/audit/verify and mgr verify-audit name the first missing event', async ({ page }) => {
  test.setTimeout(420_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mgr-e2e-tamper-'));
  const inst = await startInstance(
    { MGR_DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(DB_PORT), PORT: String(PORT), NEXTAUTH_URL: URL_, NEXTAUTH_SECRET: SUITE_SECRET },
    /is running at|exit code|\[start\] [A-Z]/,
  );
  const db = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/postgres` });
  try {
    expect(inst.output()).toMatch(/is running at/);
    await db.connect();
    const auditor = (await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'auditor@demo.local'`)).rows[0];
    await signInAs(page, { id: auditor.id, email: 'auditor@demo.local', password: 'demo1234', role: 'auditor' }, URL_);

    await page.goto(`${URL_}/audit`);
    await page.getByRole('button', { name: 'Verify the audit chain' }).click();
    await expect(page.getByTestId('verify-result')).toContainText('Chain intact');

    // As the database superuser, triggers skipped: remove the last three events the latest
    // checkpoint covers (and anything after them).
    const head = (await db.query<{ seq: number }>('SELECT max(seq) AS seq FROM audit_checkpoints')).rows[0].seq;
    const first = head - 2;
    await db.query('SET session_replication_role = replica');
    await db.query('DELETE FROM audit_events WHERE seq >= $1', [first]);
    await db.query('SET session_replication_role = DEFAULT');

    await page.getByRole('button', { name: 'Verify the audit chain' }).click();
    const alert = page.getByTestId('verify-result').getByRole('alert');
    await expect(alert).toContainText(`Chain broken at event #${first}`);
    await expect(alert).toContainText(`events ${first}…${head} are missing`);
    await page.screenshot({ path: test.info().outputPath('audit-tampered.png'), fullPage: false });
    // The point-in-time page over the same demo history (looked at by hand: test-results/…/production.png).
    await page.goto(`${URL_}/production?at=2023-08-16`);
    await expect(page.getByTestId('production-at')).toContainText('pib-vg-residual-diffusion-1.1.0-20230502');
    await expect(page.getByTestId('production-at')).toContainText('rollback');
    await page.screenshot({ path: test.info().outputPath('production.png'), fullPage: true });

    const api = await page.request.get(`${URL_}/api/v1/audit/verify`);
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ ok: false, brokenSeq: first });

    const token = await insertApiToken(auditor.id, { kind: 'personal', role: 'auditor', name: 'e2e-tamper', query: (sql, params) => db.query(sql, params) });
    const cli = await mgr(['verify-audit'], { MGR_URL: URL_, MGR_TOKEN: token });
    expect(cli.code, cli.out).toBe(1);
    expect(cli.out).toContain(`audit chain BROKEN at event #${first}`);
  } finally {
    await db.end().catch(() => undefined);
    await inst.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
