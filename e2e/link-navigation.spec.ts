import { expect, test } from './fixtures';

// Decision 027: app links are plain anchors, and one listener on the document navigates them
// client-side. A client-side navigation keeps the window's JavaScript state; a page load loses it.

const VERSION = 'pib-vg-base-diffusion-1.2.3-20230615';

declare global {
  interface Window {
    __sameDocument?: string;
  }
}

test('a link in the versions table and in the header navigate without reloading the page', async ({ page, signIn }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn('engineer');
  await page.goto('/versions');
  const table = page.getByTestId('versions-table');
  await expect(table).toBeVisible();
  const marker = `m${Date.now()}`;
  await page.evaluate((m) => (window.__sameDocument = m), marker);

  await table.getByRole('link', { name: VERSION }).click();
  await expect(page).toHaveURL(new RegExp(`/versions/${VERSION}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(VERSION);
  expect(await page.evaluate(() => window.__sameDocument)).toBe(marker);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(marker);

  // Back returns to the version page, still in the same document.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/versions/${VERSION}$`));
  expect(await page.evaluate(() => window.__sameDocument)).toBe(marker);
});

test('a link with a modifier key or another target is left to the browser', async ({ page, context, signIn }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn('engineer');
  await page.goto('/versions');
  const link = page.getByTestId('versions-table').getByRole('link', { name: VERSION });
  await expect(link).toBeVisible();
  const opened = context.waitForEvent('page');
  await link.click({ modifiers: ['ControlOrMeta'] });
  const tab = await opened;
  await expect(tab).toHaveURL(new RegExp(`/versions/${VERSION}$`));
  await tab.close();
  // The page that was clicked stayed where it was.
  await expect(page).toHaveURL(/\/versions$/);
});

test('the phone menu closes and navigates client-side', async ({ page, signIn }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn('engineer');
  await page.goto('/versions');
  await expect(page.getByTestId('versions-cards')).toBeVisible();
  await page.evaluate(() => (window.__sameDocument = 'phone'));
  await page.getByRole('button', { name: 'Menu' }).click();
  const sheet = page.getByRole('dialog');
  await sheet.getByRole('link', { name: 'Parameters' }).click();
  await expect(page).toHaveURL(/\/parameters$/);
  await expect(sheet).toBeHidden();
  expect(await page.evaluate(() => window.__sameDocument)).toBe('phone');
});
