import { randomBytes } from 'node:crypto';
import { dbQuery, expect, test } from './fixtures';

test('an admin adds a user and creates then revokes an API token in the browser', async ({ page, signIn }) => {
  await signIn('admin');
  await page.goto('/admin');
  const email = `new-${randomBytes(4).toString('hex')}@e2e.local`;
  const form = page.getByTestId('create-user-form');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('New Engineer');
  await form.getByLabel('Initial password').fill('short');
  await form.evaluate((f) => f.setAttribute('novalidate', ''));
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByRole('alert')).toContainText(/Password: Must be at least 8 characters/);
  await expect(form.getByLabel('Email')).toHaveValue(email); // what was typed is kept
  await form.getByLabel('Initial password').fill('long-enough-1');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form).toContainText(`Created ${email}`);
  const [user] = await dbQuery<{ role: string }>('SELECT role::text FROM users WHERE email = $1', [email]);
  expect(user.role).toBe('engineer');

  // The users table shows a page at a time; the search finds the new account by its email.
  await page.getByTestId('users-search').getByLabel('Find a user').fill(email);
  await page.getByTestId('users-search').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/admin' && url.searchParams.get('q') === email);
  await expect(page.getByTestId('users-table').getByRole('row')).toHaveCount(2); // header + the one match
  await expect(page.getByTestId('users-table')).toContainText(email);
  await expect(page.getByRole('navigation', { name: 'Users pages' })).toContainText('1–1 of 1 users');

  await page.goto('/admin/tokens');
  const name = `ci-${randomBytes(3).toString('hex')}`;
  const tokenForm = page.getByTestId('create-token-form');
  await tokenForm.getByLabel('Name').fill(name);
  await tokenForm.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-token').locator('code').first();
  await expect(shown).toHaveText(/^mgr_/);
  const token = (await shown.textContent())!;
  const res = await page.request.get('/api/v1/audit/verify', { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0); // shown once only
  const [row] = await dbQuery<{ prefix: string }>('SELECT prefix FROM api_tokens WHERE name = $1', [name]);
  await page.getByTestId(`revoke-${row.prefix}`).getByRole('button', { name: /Revoke/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect.poll(async () => (await page.request.get('/api/v1/audit/verify', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
