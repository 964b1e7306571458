import { expect, test } from './fixtures';

// The engineer's browser flow over the demo story: versions table → version page → compare.
// Base has 1.0.0, 1.1.0 and 1.2.3 in the demo story (lib/demo/story.ts).
const BASE = {
  v100: 'pib-vg-base-diffusion-1.0.0-20230120',
  v110: 'pib-vg-base-diffusion-1.1.0-20230328',
  v123: 'pib-vg-base-diffusion-1.2.3-20230615',
};

/** Nothing scrolls sideways (polled: charts re-measure themselves after a resize). */
async function noHorizontalOverflow(page: import('@playwright/test').Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: 'page scrolls sideways' }).toBeLessThanOrEqual(0);
}

test('an engineer filters the versions, opens one and compares three versions with charts and deltas', async ({ page, signIn }) => {
  await signIn('engineer');

  // ── versions table: filter, search, sort ──
  await page.goto('/versions');
  await expect(page.getByRole('heading', { name: 'Model versions' })).toBeVisible();
  const table = page.getByTestId('versions-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await page.getByLabel('Component').selectOption('base');
  await page.getByLabel('Search').fill('BASE-DIFFUSION');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/component=base/);
  await expect(page).toHaveURL(/q=BASE-DIFFUSION/);
  const rows = table.locator('tbody tr');
  // Other tests (the CLI import) may add base versions to the shared e2e database: every row must
  // match the filter, and the demo's three must be among them.
  for (const id of Object.values(BASE)) await expect(table.getByRole('link', { name: id })).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('pib-vg-base-diffusion-');

  await table.getByRole('link', { name: /^Version/ }).click();
  await expect(table.getByRole('columnheader', { name: /Version/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first().getByRole('rowheader')).toContainText(BASE.v100);
  // Semver order among the demo's versions (others' imported versions may sit above them).
  const order = (await rows.getByRole('rowheader').allInnerTexts()).map((t) => t.trim());
  const at = (id: string) => order.findIndex((t) => t.includes(id));
  expect(at(BASE.v100)).toBeLessThan(at(BASE.v110));
  expect(at(BASE.v110)).toBeLessThan(at(BASE.v123));

  // ── version page ──
  await table.getByRole('link', { name: BASE.v123 }).click();
  await expect(page.getByRole('heading', { level: 1, name: BASE.v123 })).toBeVisible();
  await expect(page.getByTestId('git-commit')).toBeVisible();
  await expect(page.getByTestId('metrics-table')).toContainText('overall');
  await expect(page.getByTestId('impact-table')).toContainText('FVD');
  await expect(page.getByTestId('config-yaml')).toBeVisible();
  await expect(page.getByTestId('status-timeline').locator('li').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Model card (Markdown)' })).toHaveAttribute('href', /\/api\/v1\/versions\/.+\/model-card$/);

  // ── compare with previous, then add a third version ──
  await page.getByRole('link', { name: /Compare with previous/ }).click();
  // The compare URL names the versions by model id, baseline first.
  await expect(page).toHaveURL(`/compare?v=${BASE.v110}&v=${BASE.v123}`);
  await expect(page.getByTestId('compared-versions').locator('li')).toHaveCount(2);
  const third = await page.locator('#cmp-2 option', { hasText: /^base 1\.0\.0 ·/ }).getAttribute('value');
  expect(third).toBeTruthy();
  await page.getByLabel(/Version 3/).selectOption(third!);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('compared-versions').locator('li')).toHaveCount(3);

  await expect(page).toHaveURL(`/compare?v=${BASE.v110}&v=${BASE.v123}&v=${BASE.v100}`);
  await expect(page.getByTestId('compare-verdict')).toHaveCount(2);

  // Charts: Recharts SVGs with one legend entry per version (short labels: the full model ids are
  // in the versions card) and one bar series per version. They load when scrolled into view (decision 018).
  const fvd = page.getByTestId('compare-metric-fvd');
  const chart = fvd.getByTestId('compare-chart');
  await fvd.scrollIntoViewIfNeeded();
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  const legend = chart.locator('.recharts-legend-item');
  await expect(legend).toHaveCount(3);
  await expect(legend).toHaveText(['v1.1.0', 'v1.2.3', 'v1.0.0']);
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // every metric's card shows its chart once seen
  for (const card of await page.locator('[data-testid^="compare-metric-"]').all()) {
    await card.scrollIntoViewIfNeeded();
    await expect(card.getByTestId('compare-chart').locator('svg.recharts-surface').first()).toBeVisible();
  }

  // Delta cells: values against the baseline, with a sign and a "better"/"worse" word for screen readers.
  const deltas = fvd.getByTestId('delta-cell');
  expect(await deltas.count()).toBeGreaterThanOrEqual(2);
  await expect(deltas.first()).toContainText(/[+−±]\d+(\.\d+)?%/);
  await expect(deltas.first()).toContainText(/\((better|worse|unchanged)\)/);
  await expect(fvd.locator('[data-verdict="better"], [data-verdict="worse"]').first()).toBeVisible();
  await expect(page.getByTestId('claimed-vs-measured')).toContainText(BASE.v123);

  await noHorizontalOverflow(page);

  // Phone width: nothing scrolls sideways, the charts still render.
  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalOverflow(page);
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  const box = await chart.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390, 'the chart fits the phone width').toBe(true);

  await page.goto('/versions?component=base');
  await noHorizontalOverflow(page);
  const cards = page.getByTestId('versions-cards');
  for (const id of Object.values(BASE)) await expect(cards.locator('li').filter({ hasText: id })).toHaveCount(1);
  await expect(page.getByTestId('versions-table')).toBeHidden(); // the table is for wider screens
});

test('the filter form and compare form work without JavaScript', async ({ browser, page, signIn }) => {
  await signIn('viewer');
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const p = await noJs.newPage();
  await p.goto('/versions');
  await p.getByLabel('Search').fill('fact-check');
  await p.getByRole('button', { name: 'Apply' }).click();
  await expect(p).toHaveURL(/q=fact-check/);
  const links = p.getByTestId('versions-table').locator('tbody th a');
  expect(await links.count()).toBeGreaterThan(0);
  for (const t of await links.allTextContents()) expect(t).toContain('fact-check');

  await p.goto('/compare');
  const a = await p.locator('#cmp-0 option', { hasText: /^fact-check 1\.0\.0 ·/ }).getAttribute('value');
  const b = await p.locator('#cmp-1 option', { hasText: /^fact-check 1\.1\.0 ·/ }).getAttribute('value');
  await p.getByLabel('Baseline').selectOption(a!);
  await p.getByLabel('Version 2').selectOption(b!);
  await p.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(p.getByTestId('compared-versions').locator('li')).toHaveCount(2);
  await expect(p.getByTestId('delta-cell').first()).toBeVisible();
  await noJs.close();
});

test('unknown versions are 404s', async ({ page, signIn }) => {
  await signIn('viewer');
  expect((await page.goto('/versions/pib-vg-base-diffusion-9.9.9-20990101'))?.status()).toBe(404);
  expect((await page.goto('/compare?ids=nope1,nope2'))?.status()).toBe(404);
});
