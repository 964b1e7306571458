import AxeBuilder from '@axe-core/playwright';
import { expect, test, untilQuiet } from './fixtures';

// axe-core (WCAG 2.1 A/AA rules: labels, contrast, landmarks, ARIA) on every page of the app at
// the desktop size. A violation of any impact fails the test (issue 10: "no violations of any
// impact"); the message lists them. e2e/shell.spec.ts does the same at 390 px, light and dark.
const PAGES: { path: string; role: 'engineer' | 'committee' | 'auditor' | 'admin' }[] = [
  { path: '/', role: 'committee' },
  { path: '/versions', role: 'engineer' },
  { path: '/versions/pib-vg-base-diffusion-1.2.3-20230615', role: 'engineer' },
  { path: '/compare?ids=pib-vg-base-diffusion-1.1.0-20230328,pib-vg-base-diffusion-1.2.3-20230615', role: 'engineer' },
  { path: '/approvals', role: 'committee' },
  { path: '/parameters', role: 'committee' },
  { path: '/incidents', role: 'engineer' },
  { path: '/audit', role: 'auditor' },
  { path: '/audits', role: 'auditor' },
  { path: '/admin', role: 'admin' },
  { path: '/admin/tokens', role: 'admin' },
  { path: '/api-docs', role: 'engineer' },
];

for (const { path, role } of PAGES) {
  test(`no accessibility violations on ${path} (${role})`, async ({ page, signIn }) => {
    await signIn(role);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await untilQuiet(page);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const report = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
    expect(results.violations, report).toEqual([]);
  });
}

// WCAG 2.2's target size (axe 'target-size', part of Lighthouse's accessibility score) at a
// phone's width, as Lighthouse's mobile run sees the pages: links and buttons are 24 x 24 px or
// have 24 px clear around them (the dashboard's short production periods and the version page's
// history-metric links were not).
for (const { path, role } of PAGES) {
  test(`targets are big enough on ${path} (${role}) at 412 px`, async ({ page, signIn }) => {
    await page.setViewportSize({ width: 412, height: 823 });
    await signIn(role);
    await page.goto(path);
    await untilQuiet(page);
    const results = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
    expect(results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`))).toEqual([]);
  });
}

test('the sign-in page has no accessibility violations', async ({ page }) => {
  await page.goto('/signin');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`)).toEqual([]);
});
