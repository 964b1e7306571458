import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { verifyBundle } from '../lib/quarterly-audit/verify-bundle';
import { dbQuery, expect, test } from './fixtures';

// An auditor generates 2023Q2 in the browser, follows its progress, downloads the zip and the PDF,
// and signs the report off. Generating adds a new snapshot; it changes none of the demo's rows.
test('an auditor generates 2023Q2, watches it progress, downloads the zip and the PDF, and signs it off', async ({ page, signIn }) => {
  test.setTimeout(180_000);
  const auditor = await signIn('auditor');
  await page.getByRole('link', { name: 'Quarterly audits' }).click();
  await expect(page).toHaveURL(/\/audits$/);
  await page.getByLabel('Quarter').fill('2023Q2');
  await page.getByRole('button', { name: 'Generate report' }).click();

  const progress = page.getByTestId('audit-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress).toContainText(/\d+%/);
  await expect(progress).toContainText('2023Q2 generated', { timeout: 120_000 });
  await progress.getByRole('link', { name: 'Open the report' }).click();
  await expect(page.getByRole('heading', { name: 'Quarterly audit 2023Q2' })).toBeVisible();

  const [run] = await dbQuery<{ audit_id: string; chain_head_hash: string }>(
    `SELECT r.audit_id, a.chain_head_hash FROM quarterly_audit_runs r JOIN quarterly_audits a ON a.id = r.audit_id
     JOIN users u ON u.id = r.requested_by_id WHERE u.email = $1`, [auditor.email]);
  await expect(page.getByTestId('audit-head-hash')).toHaveText(run.chain_head_hash);
  const files = await dbQuery<{ name: string; sha256: string }>('SELECT name, sha256 FROM quarterly_audit_files WHERE audit_id = $1', [run.audit_id]);
  const recorded = new Map(files.map((f) => [f.name, f.sha256]));

  const zipDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'audit-2023Q2-bundle.zip' }).click();
  const zip = readFileSync(await (await zipDownload).path());
  expect(verifyBundle(zip)).toMatchObject({ ok: true, quarter: '2023Q2' });
  const entries = unzipSync(zip);
  expect(Object.keys(entries)).toEqual(expect.arrayContaining(['docs/audits/2023Q2/model_audit_report.pdf', 'docs/audits/2023Q2/parameter_changes.json', 'docs/audits/2023Q2/compliance_checklist.md']));

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'model_audit_report.pdf' }).click();
  const pdf = readFileSync(await (await pdfDownload).path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const { createHash } = await import('node:crypto');
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(recorded.get('model_audit_report.pdf'));

  await page.getByLabel(/Comment/).fill('Checked the deployments and parameter changes against the committee minutes');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByTestId('audit-signoff')).toContainText(`Signed off by E2E auditor (${auditor.email})`);
  const [signed] = await dbQuery<{ sign_off_comment: string }>('SELECT sign_off_comment FROM quarterly_audits WHERE id = $1', [run.audit_id]);
  expect(signed.sign_off_comment).toMatch(/committee minutes/);

  await page.goto('/audits');
  await expect(page.getByTestId('audits-table').getByRole('row').filter({ hasText: run.chain_head_hash.slice(0, 16) })).toContainText('E2E auditor');
});

test('an engineer has no quarterly audits page', async ({ page, signIn }) => {
  await signIn('engineer');
  await expect(page.getByRole('link', { name: 'Quarterly audits' })).toHaveCount(0);
  const res = await page.goto('/audits');
  expect(res?.status()).toBe(403);
});
