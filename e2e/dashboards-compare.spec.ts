import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createUser, dbQuery, expect, signInAs, test, type TestUser } from './fixtures';

// Issue 10 items 3 and 8: the engineer's and the auditor's dashboards show their own items, and
// the compare page gives a verdict and a per-language table for versions named by model id. Each
// test makes its own data through the services (e2e/support/make-dashboard-items.mts): two
// versions registered by a fresh engineer, and an overdue ratification and root cause analysis.
// Run at a laptop's and at a phone's width.

type Items = { component: string; v100: string; v110: string; incidentTitle: string; ratificationModelId: string };

async function makeItems(engineer: TestUser): Promise<Items> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'e2e/support/make-dashboard-items.mts', engineer.id], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, DB_POOL_MAX: '1' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Items;
}

/** Nothing scrolls sideways (polled: charts re-measure themselves after a resize). */
async function noHorizontalOverflow(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: 'page scrolls sideways' }).toBeLessThanOrEqual(0);
}

/** axe with every rule set it has for WCAG 2.1 A/AA and best practice: no violation of any impact. */
async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const report = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(results.violations, report).toEqual([]);
}

/** Scroll every lazy chart's box into view so it is drawn (decision 018) before looking at the page. */
async function drawCharts(page: Page) {
  const boxes = page.locator('[data-lazy-chart]');
  await expect(boxes.first()).toBeAttached();
  for (const box of await boxes.all()) {
    await box.scrollIntoViewIfNeeded();
    await expect(box).toHaveAttribute('data-lazy-chart', 'loaded');
    await expect(box.locator('svg.recharts-surface').first()).toBeVisible();
  }
}

const VIEWPORTS = [
  { name: 'laptop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const vp of VIEWPORTS) {
  test.describe(`at ${vp.width} px`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test(`an engineer compares two versions by model id and sees the verdict and the per-language table (${vp.name})`, async ({ page }) => {
      test.setTimeout(120_000);
      const engineer = await createUser('engineer');
      const items = await makeItems(engineer);
      await signInAs(page, engineer);

      await page.goto(`/compare?v=${items.v100}&v=${items.v110}`);
      await expect(page.getByTestId('compared-versions').locator('li')).toHaveCount(2);
      // The verdict, direction-aware: FVD and generation time fell, IS and TC rose.
      const verdict = page.getByTestId('compare-verdict');
      await expect(verdict).toHaveCount(1);
      await expect(verdict).toContainText('v1.1.0 is better than v1.0.0 on 4 of 4 metrics, within tolerance.');
      await expect(verdict).toHaveAttribute('data-overall', 'better');

      // Per language (FVD): hi improved, ta got worse, en improved with the overall value.
      const lang = page.getByTestId('language-table-fvd');
      await expect(lang.getByTestId('language-row')).toHaveCount(3);
      await expect(lang.locator('[data-language="hi"] [data-verdict="better"]')).toHaveCount(1);
      await expect(lang.locator('[data-language="ta"] [data-verdict="worse"]')).toHaveCount(1);
      await expect(lang.getByTestId('language-summary')).toHaveText('2 of 3, worse in 1');

      // Charts: legends carry the short version labels; the close TC values get a cut axis that says so.
      await drawCharts(page);
      const fvdLegend = page.getByTestId('compare-metric-fvd').locator('.recharts-legend-item');
      await expect(fvdLegend).toHaveText(['v1.0.0', 'v1.1.0']);
      const tc = page.getByTestId('compare-metric-temporal_coherence').getByTestId('compare-chart');
      await expect(tc).toHaveAttribute('data-axis-cut', 'true');
      await expect(tc.getByTestId('compare-chart-axis')).toContainText(/starts at 0\.\d+, not 0/);

      await noHorizontalOverflow(page);
      await expectNoAxeViolations(page);

      // An old link with database ids lands on the model-id URL.
      const rows = await dbQuery<{ id: string; model_id: string }>('SELECT id, model_id FROM model_versions WHERE model_id = ANY($1)', [[items.v100, items.v110]]);
      const idOf = (m: string) => rows.find((r) => r.model_id === m)!.id;
      await page.goto(`/compare?ids=${idOf(items.v100)},${idOf(items.v110)}`);
      await expect(page).toHaveURL(`/compare?v=${items.v100}&v=${items.v110}`);
      await expect(page.getByTestId('compare-verdict')).toContainText('on 4 of 4 metrics');

      // The form sends model ids too.
      await page.getByLabel('Baseline').selectOption(items.v110);
      await page.getByLabel('Version 2').selectOption(items.v100);
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await expect(page).toHaveURL(`/compare?v=${items.v110}&v=${items.v100}`);
      await expect(page.getByTestId('compare-verdict')).toContainText('v1.0.0 is worse than v1.1.0 on 4 of 4 metrics');
      await expect(page.getByTestId('compare-verdict')).toHaveAttribute('data-within-tolerance', 'false');
    });

    test(`an engineer's dashboard lists their versions and the next gate of each (${vp.name})`, async ({ page }) => {
      test.setTimeout(120_000);
      const engineer = await createUser('engineer');
      const items = await makeItems(engineer);
      await signInAs(page, engineer);
      await page.goto('/');
      const mine = page.getByTestId('my-versions');
      await expect(mine.locator('li').filter({ has: page.getByRole('link', { name: items.v110 }) })).toHaveCount(1);
      for (const id of [items.v100, items.v110]) {
        const row = mine.locator(':scope > li').filter({ has: page.getByRole('link', { name: id }) });
        await expect(row.getByTestId('next-gate')).toContainText('→ testing');
        await expect(row.getByTestId('next-gate')).toContainText('no unit test result recorded');
      }
      // Nobody else's version is listed as theirs.
      await expect(mine.locator(':scope > li')).toHaveCount(2);
      await drawCharts(page);
      await noHorizontalOverflow(page);
      await expectNoAxeViolations(page);
    });

    test(`an auditor's dashboard shows the chain, the last report and its sign-off, and what is overdue (${vp.name})`, async ({ page }) => {
      test.setTimeout(240_000);
      const items = await makeItems(await createUser('engineer'));
      const auditor = await createUser('auditor');
      await signInAs(page, auditor);

      await page.goto('/');
      await expect(page.getByTestId('dashboard-auditor')).toBeVisible();
      await expect(page.getByTestId('chain-status')).toContainText(/Head\s*event #\d+/);
      await expect(page.getByTestId('last-checkpoint')).toContainText(/#\d+ signed/);
      await expect(page.getByTestId('overdue-rca').filter({ hasText: items.incidentTitle })).toHaveCount(1);
      await expect(page.getByTestId('overdue-ratification').filter({ hasText: items.ratificationModelId })).toHaveCount(1);

      // A report of its own: the dashboard shows it unsigned, then signed off by this auditor.
      const quarter = vp.name === 'laptop' ? '2023Q3' : '2023Q4';
      await page.goto('/audits');
      await page.getByLabel('Quarter').fill(quarter);
      await page.getByRole('button', { name: 'Generate report' }).click();
      await expect(page.getByTestId('audit-progress')).toContainText(`${quarter} generated`, { timeout: 180_000 });
      await page.goto('/');
      const report = page.getByTestId('last-report');
      await expect(report).toContainText(quarter);
      await expect(report).toContainText('by E2E auditor');
      await expect(report.getByTestId('report-signoff')).toContainText('Not signed off yet');
      await report.getByRole('link', { name: 'Review and sign off' }).click();
      await page.getByLabel(/Comment/).fill('Checked against the committee minutes');
      await page.getByRole('button', { name: 'Sign off' }).click();
      await expect(page.getByTestId('audit-signoff')).toContainText('Signed off');
      await page.goto('/');
      await expect(page.getByTestId('report-signoff')).toContainText(/signed off .* by E2E auditor/);

      await drawCharts(page);
      await noHorizontalOverflow(page);
      await expectNoAxeViolations(page);
    });

    for (const role of ['committee', 'admin', 'viewer'] as const) {
      test(`the ${role}'s dashboard fits the width and has no accessibility violations (${vp.name})`, async ({ page, signIn }) => {
        await signIn(role);
        await page.goto('/');
        await expect(page.getByTestId(`dashboard-${role}`)).toBeVisible();
        await drawCharts(page);
        await noHorizontalOverflow(page);
        await expectNoAxeViolations(page);
      });
    }
  });
}
