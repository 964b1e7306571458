import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// axe-core (WCAG 2.1 A/AA rules: labels, contrast, landmarks, ARIA) on every page of the app.
// Serious and critical violations fail the test; the message lists them.
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
  test(`no serious accessibility violations on ${path} (${role})`, async ({ page, signIn }) => {
    await signIn(role);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
    expect(serious, report).toEqual([]);
  });
}

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/signin');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
