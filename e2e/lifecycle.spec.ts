import { randomBytes, randomInt } from 'node:crypto';
import { createUser, dbQuery, expect, insertApiToken, signInAs, test } from './fixtures';

// An engineer's version goes through the gates in the browser: registered by CI (the engineer's
// personal API token, which acts as them), then development → testing → staging with the
// checklist the server evaluates, then a committee member records its responsible-AI assessment.
test('gates in the browser: development → testing → staging, then an RAI assessment', async ({ page, request, baseURL }) => {
  const engineer = await createUser('engineer');
  const token = await insertApiToken(engineer.id, { kind: 'personal', role: 'engineer', name: `e2e-ci-${randomBytes(3).toString('hex')}` });
  const version = `60.0.${randomInt(1, 2_000_000_000)}`;
  const headers = { authorization: `Bearer ${token}` };
  const reg = await request.post(`${baseURL}/api/v1/versions`, {
    headers,
    data: {
      component: 'base', architecture: 'diffusion', version, releaseDate: '2023-09-01',
      description: 'e2e lifecycle',
      metrics: [{ metric: 'fvd', value: 180 }, { metric: 'temporal_coherence', value: 0.94 }, { metric: 'is', value: 73 }],
    },
  });
  expect(reg.status(), await reg.text()).toBe(201);
  const { modelId } = (await reg.json()) as { modelId: string };

  await signInAs(page, engineer);
  await page.goto(`/versions/${modelId}`);
  const toTesting = page.getByTestId('transition-testing');
  await expect(toTesting).toContainText('gate not met'); // no unit tests yet
  await toTesting.getByRole('button', { name: 'Move to testing' }).click();
  await expect(toTesting.getByRole('alert')).toContainText(/unit/i); // the server's reason

  const tr = await request.post(`${baseURL}/api/v1/versions/${modelId}/test-results`, { headers, data: { suite: 'unit', passed: 42, failed: 0 } });
  expect(tr.status()).toBe(201);
  await page.reload();
  await expect(toTesting).toContainText('gate passes');
  await toTesting.getByRole('button', { name: 'Move to testing' }).click();
  await expect(page.getByTestId('transition-staging')).toBeVisible();
  await expect(page.getByTestId('transition-staging')).toContainText('gate passes');
  await page.getByTestId('transition-staging').getByRole('button', { name: 'Move to staging' }).click();
  await expect(page.getByTestId('transition-testing')).toBeVisible(); // staging → testing ("issues found")
  const [row] = await dbQuery<{ status: string }>('SELECT status::text FROM model_versions WHERE model_id = $1', [modelId]);
  expect(row.status).toBe('staging');

  // The committee records the RAI assessment on the same page.
  const member = await createUser('committee');
  await page.context().clearCookies();
  await signInAs(page, member);
  await page.goto(`/versions/${modelId}`);
  await page.getByText('Record a responsible-AI assessment').click();
  const form = page.getByTestId('rai-form');
  await form.getByLabel('Test set 1').fill('diverse-speakers-v2');
  await form.getByLabel('Bias metric 1').fill('demographic_parity_gap');
  await form.getByLabel('Bias value 1').fill('0.03');
  await form.getByLabel('Bias limit 1').fill('0.05');
  for (const [lang, v] of [['en', '0.91'], ['hi', '0.88'], ['ta', '0.86']]) await form.locator(`input[name="lang.${lang}"]`).fill(v);
  await form.getByLabel('Attack suite 1').fill('adversarial-prompts-v3');
  await form.getByLabel('passed').first().check();
  for (const box of await form.locator('input[type="checkbox"][name^="ethics."]').all()) await box.check();
  await form.getByRole('button', { name: 'Record assessment' }).click();
  await expect(form).toContainText('RAI assessment recorded: pass');
  const [rai] = await dbQuery<{ result: string }>(
    `SELECT r.result::text FROM rai_assessments r JOIN model_versions v ON v.id = r.version_id WHERE v.model_id = $1`, [modelId]);
  expect(rai.result).toBe('pass');
});
