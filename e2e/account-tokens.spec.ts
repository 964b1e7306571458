import { randomBytes } from 'node:crypto';
import { expect, openAccountMenu, test } from './fixtures';

// Personal tokens (finding 6): any signed-in person creates, lists and revokes their own tokens in
// the browser and from their session; the token acts as them.

test('a committee member makes a personal token in the browser and from their session, uses it, and revokes it', async ({ page, signIn }) => {
  const me = await signIn('committee');
  await openAccountMenu(page);
  await page.getByRole('menuitem', { name: 'My tokens' }).click();
  await expect(page.getByRole('heading', { name: 'My API tokens' })).toBeVisible();

  const name = `laptop-${randomBytes(3).toString('hex')}`;
  const form = page.getByTestId('create-token-form');
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').locator('code').first().textContent())!;
  expect(token).toMatch(/^mgr_/);

  // The token acts as this person: their role, their own tokens only.
  const listed = await page.request.get('/api/v1/tokens', { headers: { authorization: `Bearer ${token}` } });
  expect(listed.status()).toBe(200);
  const items = ((await listed.json()) as { items: { name: string; kind: string; role: string; createdBy: string }[] }).items;
  expect(items).toEqual([expect.objectContaining({ name, kind: 'personal', role: 'committee', createdBy: me.email })]);

  // POST /api/v1/tokens {"name"} from the session (the browser's cookie, same origin).
  const origin = new URL(page.url()).origin;
  const viaSession = await page.request.post('/api/v1/tokens', { data: { name: `${name}-api` }, headers: { origin } });
  expect(viaSession.status()).toBe(201);
  expect(await viaSession.json()).toMatchObject({ kind: 'personal', role: 'committee' });

  await page.reload();
  const table = page.getByTestId('tokens-table');
  await expect(table.getByText(name, { exact: true })).toBeVisible();
  await expect(table.getByText(`${name}-api`)).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0); // shown once only

  await table.getByRole('button', { name: `Revoke token ${name}`, exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(table.getByRole('row').filter({ has: page.getByText(name, { exact: true }) })).toContainText('revoked');
  const after = await page.request.get('/api/v1/tokens', { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  await page.screenshot({ path: 'test-results/account-tokens.png', fullPage: true });
});
