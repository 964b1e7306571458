import { createUser, expect, signInAs, test } from './fixtures';

// Decision 027: app links are plain anchors, and one listener on the document navigates them
// client-side. A client-side navigation keeps the window's JavaScript state; a page load loses it.

const VERSION = 'pib-vg-base-diffusion-1.2.3-20230615';
// Other specs add versions as they run, so the demo's version is looked for, not expected on page 1.
const LIST = `/versions?q=${VERSION}`;

declare global {
  interface Window {
    __sameDocument?: string;
  }
}

test('a link in the versions table and in the header navigate without reloading the page', async ({ page, signIn }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn('engineer');
  await page.goto(LIST);
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
  await page.goto(LIST);
  const link = page.getByTestId('versions-table').getByRole('link', { name: VERSION });
  await expect(link).toBeVisible();
  const opened = context.waitForEvent('page');
  await link.click({ modifiers: ['ControlOrMeta'] });
  const tab = await opened;
  await expect(tab).toHaveURL(new RegExp(`/versions/${VERSION}$`));
  await tab.close();
  // The page that was clicked stayed where it was.
  await expect(page).toHaveURL(/\/versions\?q=/);
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

test('times on a page reached client-side show in the viewer\'s time zone, as on a page loaded whole', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-GB', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  try {
    await signInAs(page, await createUser('auditor'));
    await page.goto(LIST);
    await page.evaluate(() => (window.__sameDocument = 'tokyo'));
    await page.getByTestId('versions-table').getByRole('link', { name: VERSION }).click();
    await expect(page).toHaveURL(new RegExp(`/versions/${VERSION}$`));
    const first = page.locator('main time').first();
    await expect(first).toHaveAttribute('data-local', '');
    await expect(first).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await expect(page.locator('main time[data-localize="datetime"]').first()).toContainText(/GMT\+9|JST/);
    // Every time of the new page was localized, not only the first.
    await expect.poll(() => page.locator('main time[data-localize]:not([data-local])').count()).toBe(0);
    expect(await page.evaluate(() => window.__sameDocument)).toBe('tokyo');

    // The audit log through the header: a hundred times, each in Tokyo time.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await expect.poll(() => page.locator('main time[data-localize]:not([data-local])').count()).toBe(0);
    await expect(page.getByTestId('audit-table').locator('time[data-localize="datetime"]').first()).toContainText(/GMT\+9|JST/);
    expect(await page.evaluate(() => window.__sameDocument)).toBe('tokyo');
  } finally {
    await context.close();
  }
});
