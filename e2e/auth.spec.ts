import { createUser, dbQuery, expect, signInAs, test } from './fixtures';

const ROLES = ['admin', 'committee', 'engineer', 'auditor', 'viewer'] as const;

test.describe('sign-in and the dashboard', () => {
  for (const role of ROLES) {
    test(`${role} signs in and sees the dashboard with the demo data`, async ({ page, signIn }) => {
      await signIn(role);
      await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
      // The demo story has a production version of the base component.
      await expect(page.getByTestId('production-list')).toContainText(/pib-vg-base-diffusion-\d+\.\d+\.\d+-\d{8}/);
      await expect(page.getByTestId('recent-activity').locator('li').first()).toBeVisible();
      const nav = page.getByRole('navigation', { name: 'Main' });
      if (role === 'admin') await expect(nav.getByRole('link', { name: 'Admin' })).toBeVisible();
      else await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    });
  }

  test('a wrong password is refused with a message and no session', async ({ page }) => {
    const user = await createUser('engineer');
    await page.goto('/signin');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /incorrect/ })).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('signed-out visitors are sent to the sign-in page', async ({ page }) => {
    await page.goto('/versions');
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe('authorization is enforced on the server', () => {
  test('a viewer gets 403 on the admin page', async ({ page, signIn }) => {
    await signIn('viewer');
    const res = await page.goto('/admin');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: /may not open this page/ })).toBeVisible();
    // The app's layout gives the header; the 403 content must not bring a second one.
    await expect(page.locator('header')).toHaveCount(1);
  });

  test('a viewer calling an admin API action with its session gets 403', async ({ page, signIn }) => {
    await signIn('viewer');
    const res = await page.request.post('/api/v1/tokens', {
      data: { name: 'x', role: 'engineer' }, // a service token: admins only
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(403);
    expect(res.headers()['content-type']).toContain('application/problem+json');
    expect(await dbQuery(`SELECT 1 FROM api_tokens WHERE name = 'x' AND created_at > now() - interval '1 minute'`)).toHaveLength(0);
  });

  test('disabling a user ends their session at once', async ({ page }) => {
    const user = await createUser('engineer');
    await signInAs(page, user);
    await dbQuery('UPDATE users SET active = false WHERE id = $1', [user.id]);
    await page.goto('/versions');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('a role change takes effect on the next request (session version)', async ({ page }) => {
    const user = await createUser('admin');
    await signInAs(page, user);
    expect((await page.goto('/admin'))?.status()).toBe(200);
    await dbQuery('UPDATE users SET role = $2::"Role", session_version = session_version + 1 WHERE id = $1', [user.id, 'viewer']);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/signin/);
  });
});
