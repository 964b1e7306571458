import { expect, test } from './fixtures';

// Finding 9: each metric's valid range is admin-editable on the admin page. The test saves a range
// unchanged and tries an inverted one, so the shared definitions keep their values.

test('an admin sees and edits the metric ranges; an inverted range is refused naming the field', async ({ page, signIn }) => {
  await signIn('admin');
  await page.goto('/admin');
  const card = page.getByTestId('metric-ranges');
  const tc = card.getByRole('listitem').filter({ hasText: 'Temporal coherence' });
  await expect(tc).toContainText('now 0 – 1');
  await expect(tc.getByLabel('Minimum')).toHaveValue('0');
  await expect(tc.getByLabel('Maximum')).toHaveValue('1');

  await tc.getByRole('button', { name: 'Save the range of Temporal coherence' }).click();
  await expect(tc.getByText('Saved the range of Temporal coherence')).toBeVisible();

  await tc.getByLabel('Minimum').fill('2');
  await tc.getByRole('button', { name: 'Save the range of Temporal coherence' }).click();
  await expect(tc.getByText(/minValue|above maxValue/).first()).toBeVisible();
  await expect(tc.getByLabel('Minimum')).toHaveValue('2'); // what was typed stays
  await card.screenshot({ path: 'test-results/metric-ranges.png' });
});
