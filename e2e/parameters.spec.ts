import { randomInt } from 'node:crypto';
import { dbQuery, expect, test } from './fixtures';

test('an engineer proposes a λ parameter set in the browser; an out-of-range λ is refused naming the field', async ({ page, signIn }) => {
  await signIn('engineer');
  await page.goto('/parameters');
  const form = page.getByTestId('propose-parameter-set');
  const id = `lambda-20231001-${randomInt(100, 1_000_000_000)}`;
  await form.getByLabel('Parameter id').fill(id);
  await form.getByLabel('Effective date').fill('2023-10-01');
  await form.getByLabel(/Base noise λ/).fill('1.5');
  await form.getByLabel(/Residual noise λ/).fill('0.3');
  // Bypass the browser's own min/max check so the server's validation is what answers.
  await form.evaluate((f) => f.setAttribute('novalidate', ''));
  await form.getByRole('button', { name: /Propose/ }).click();
  // The refusal names the field beside it (the field is highlighted and described by the message).
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByLabel(/Base noise λ/)).toHaveAccessibleDescription(/λ must be within \[0, 1\]/);
  expect(await dbQuery('SELECT 1 FROM parameter_sets WHERE parameter_id = $1', [id])).toHaveLength(0);

  await form.getByLabel(/Base noise λ/).fill('0.65');
  await form.getByLabel('Tested scenarios').fill('policy_briefing, emergency_alert');
  await form.getByRole('button', { name: /Propose/ }).click();
  await expect(page.getByTestId('param-history-lambda')).toContainText(id);
  const [row] = await dbQuery<{ status: string; base_noise_lambda: number }>('SELECT status::text, base_noise_lambda FROM parameter_sets WHERE parameter_id = $1', [id]);
  expect(row).toEqual({ status: 'proposed', base_noise_lambda: 0.65 });
});
