// `node scripts/screenshots.mjs` — full-page screenshots of every page as every demo role, at 1366
// and 390 px, to look at (a review aid, not a test: e2e/shell.spec.ts asserts widths and axe).
// Prints each page's HTTP status and document width. Run it against a server with the demo loaded
// (`npm start`, or a database seeded with MGR_SEED=1).
//
// Environment: BASE (default http://127.0.0.1:3000), OUT (default screenshots/, git-ignored),
//              ROLES=admin,committee,… ROUTES=/,/versions,… WIDTHS=1366,390
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = (process.env.BASE ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const out = process.env.OUT ?? 'screenshots';
const ACCOUNTS = { admin: 'admin@demo.local', committee: 'chair@demo.local', engineer: 'engineer@demo.local', auditor: 'auditor@demo.local', viewer: 'viewer@demo.local' };
const routes = (process.env.ROUTES ?? '/,/versions,/versions/pib-vg-base-diffusion-1.2.3-20230615,/compare,/approvals,/parameters,/incidents,/production,/audit,/audits,/admin,/admin/tokens,/admin/webhooks,/account/tokens,/api-docs').split(',');
const roles = process.env.ROLES?.split(',') ?? Object.keys(ACCOUNTS);
const widths = (process.env.WIDTHS ?? '1366,390').split(',').map(Number);

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const role of roles) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/signin`);
    await page.getByLabel('Email').fill(ACCOUNTS[role]);
    await page.getByLabel('Password').fill('demo1234');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      for (const route of routes) {
        const res = await page.goto(base + route);
        await page.waitForLoadState('networkidle');
        const docWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        const file = `${out}/${role}-${width}-${route.replace(/[^a-z0-9]+/gi, '_')}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${res?.status()} ${docWidth > width ? `TOO WIDE ${docWidth}px` : `${docWidth}px`} ${file}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
