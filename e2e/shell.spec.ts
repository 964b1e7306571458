import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createUser, dbQuery, expect, insertApiToken, openAccountMenu, signInAs, test, trackRequests, untilQuiet, type Role, type TestUser } from './fixtures';

// Issue 10 items 6, 9, 10, 11, 13 and dark mode: the app shell on every page, for every role.

const ROLES: Role[] = ['admin', 'committee', 'engineer', 'auditor', 'viewer'];
const VERSION = 'pib-vg-base-diffusion-1.2.3-20230615';

/** Every page under app/(app), read from the file system so that a new page cannot be left out. */
function appRoutes(): string[] {
  const root = path.join(process.cwd(), 'app', '(app)');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'page.tsx') {
        // [...missing] is the 404 for addresses no page matches: its own tests are below.
        if (dir.includes('[...')) continue;
        const rel = path.relative(root, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        out.push(`/${rel.join('/')}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

/** A real id for each dynamic segment, made by the test where the demo has none. */
async function realIds(admin: TestUser, auditor: TestUser, baseURL: string): Promise<Record<string, string>> {
  const hookId = `e2eshell${Date.now().toString(36)}`;
  await dbQuery(
    `INSERT INTO webhook_endpoints (id, url, description, events, secret, enabled, consecutive_failures, created_by_id, created_at, updated_at)
     VALUES ($1, 'https://hooks.example.test/shell', 'shell spec', ARRAY['promotion.decided'], 'whsec_c2hlbGwtc3BlYy1zZWNyZXQtc2hlbGwtc3BlYw==', true, 0, $2, now(), now())`,
    [hookId, admin.id],
  );
  // A quarterly audit through the API (the demo has none): queue 2023Q2 and wait for the job.
  const token = await insertApiToken(auditor.id, { kind: 'personal', role: 'auditor' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const queued = await fetch(`${baseURL}/api/v1/quarterly-audits`, { method: 'POST', headers, body: JSON.stringify({ quarter: '2023Q2' }) });
  expect(queued.status).toBe(202);
  const run = (await queued.json()) as { href: string };
  let auditId: string | null = null;
  await expect
    .poll(async () => {
      const r = (await (await fetch(new URL(run.href, baseURL), { headers })).json()) as { status: string; auditId: string | null };
      auditId = r.auditId;
      return r.status;
    }, { timeout: 150_000 })
    .toBe('succeeded');
  return { '[ref]': VERSION, '[id]:admin/webhooks': hookId, '[id]:audits': auditId! };
}

function concrete(route: string, ids: Record<string, string>): string {
  return route
    .split('/')
    .map((seg, i, all) => (seg.startsWith('[') ? (ids[`${seg}:${all.slice(1, i).join('/')}`] ?? ids[seg]) : seg))
    .join('/');
}

async function checkPage(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) {
    const wide = await page.evaluate((w) => {
      const seen: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, header *'))) {
        const r = el.getBoundingClientRect();
        if (r.right > w + 1 && seen.length < 3) seen.push(`${el.tagName.toLowerCase()}.${(el.className || '').toString().slice(0, 60)} → ${Math.round(r.right)}px`);
      }
      return seen;
    }, innerWidth);
    problems.push(`${label}: ${scrollWidth}px wide in a ${innerWidth}px viewport (${wide.join('; ')})`);
  }
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of results.violations) {
    problems.push(`${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  return problems;
}

test.describe('every page at 390 px, every role, light and dark', () => {
  let ids: Record<string, string>;
  const users = {} as Record<Role, TestUser>;
  const sessions = {} as Record<Role, Awaited<ReturnType<BrowserContext['storageState']>>>;

  test.beforeAll(async ({ baseURL, browser }) => {
    test.setTimeout(240_000);
    for (const role of ROLES) {
      users[role] = await createUser(role);
      const context = await browser.newContext({ baseURL });
      await signInAs(await context.newPage(), users[role]);
      sessions[role] = await context.storageState();
      await context.close();
    }
    ids = await realIds(users.admin, users.auditor, baseURL!);
  });

  test('the route list comes from the file system and has every page', () => {
    const routes = appRoutes();
    expect(routes).toEqual(expect.arrayContaining(['/', '/versions', '/versions/[ref]', '/admin', '/admin/webhooks/[id]', '/audits/[id]', '/api-docs', '/account/tokens']));
    for (const r of routes) expect(concrete(r, ids)).not.toContain('[');
  });

  /** A page of the role's own at 390 px, signed in from the session made in beforeAll. */
  async function rolePage(browser: Browser, baseURL: string | undefined, role: Role): Promise<Page> {
    const context = await browser.newContext({ baseURL, storageState: sessions[role], viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    trackRequests(page);
    return page;
  }

  // One test per role and page (not one per role over every page): each stays well inside its
  // timeout on a loaded CI machine, both workers share the work, and a failure names the page.
  for (const role of ROLES) {
    for (const route of appRoutes()) {
      test(`${role} ${route}: not wider than the viewport, no axe violation of any impact`, async ({ browser, baseURL }) => {
        test.setTimeout(120_000);
        const page = await rolePage(browser, baseURL, role);
        const url = concrete(route, ids);
        const res = await page.goto(url);
        if (res?.status() === 403) {
          // The role may not open it: the forbidden page has the header and is checked instead.
          await expect(page.getByRole('banner').getByRole('link', { name: /Registry/ })).toBeVisible();
        } else {
          expect(res?.status(), url).toBe(200);
          await expect(page.getByTestId('whoami')).toContainText(users[role].email);
        }
        await untilQuiet(page);
        const problems: string[] = [];
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          problems.push(...(await checkPage(page, `${url} (${role}, ${scheme})`)));
        }
        expect(problems, problems.join('\n')).toEqual([]);
        await page.context().close();
      });
    }
    test(`${role}: the 404 page has the header, fits and has no axe violation`, async ({ browser, baseURL }) => {
      const page = await rolePage(browser, baseURL, role);
      await page.goto('/no-such-page');
      await expect(page.getByRole('banner').getByRole('link', { name: /Registry/ })).toBeVisible();
      const problems: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        problems.push(...(await checkPage(page, `/no-such-page (${role}, ${scheme})`)));
      }
      expect(problems, problems.join('\n')).toEqual([]);
      await page.context().close();
    });
  }

  test('every page is opened by at least one role', async ({ page }) => {
    test.setTimeout(180_000);
    const openedBy = new Map<string, Role[]>();
    for (const role of ['admin', 'auditor'] as Role[]) {
      await page.context().clearCookies();
      await signInAs(page, users[role]);
      for (const route of appRoutes()) {
        const res = await page.goto(concrete(route, ids));
        if (res?.status() === 200) openedBy.set(route, [...(openedBy.get(route) ?? []), role]);
      }
    }
    expect(appRoutes().filter((r) => !openedBy.has(r))).toEqual([]);
  });
});

test('the sign-in page has no axe violation and fits 390 px, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/signin');
  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    problems.push(...(await checkPage(page, `/signin (${scheme})`)));
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

test('a deep link survives sign-in', async ({ page }) => {
  const user = await createUser('engineer');
  await page.goto('/versions?component=base');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fversions%3Fcomponent%3Dbase$/);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/versions\?component=base$/);
  await expect(page.getByTestId('whoami')).toContainText(user.email);
});

test('the active link carries aria-current="page", and the header is one row at 1366 px for admins and committee members', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const role of ['committee', 'admin'] as Role[]) {
    await page.context().clearCookies();
    await signInAs(page, await createUser(role));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    await page.goto('/versions?component=base');
    await expect(nav.getByRole('link', { name: 'Versions' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: 'Dashboard' })).not.toHaveAttribute('aria-current', /.*/);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    const links = await nav.getByRole('link').all();
    expect(links.length).toBeGreaterThan(8);
    const tops = new Set<number>();
    for (const l of links) tops.add(Math.round((await l.boundingBox())!.y));
    expect([...tops], `${role}: links on more than one row`).toHaveLength(1);
    const header = (await page.getByRole('banner').boundingBox())!;
    expect(header.height, `${role}: header height`).toBeLessThan(64);
  }
  await page.goto('/admin/tokens');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
});

test('at 1280 px, where the links first sit in the header, none of them runs under the account button, for any role', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const role of ROLES) {
    await page.context().clearCookies();
    await signInAs(page, await createUser(role));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeVisible();
    const links = await nav.getByRole('link').all();
    const last = (await links[links.length - 1].boundingBox())!;
    const account = (await page.getByRole('banner').getByRole('button', { name: /^Account/ }).boundingBox())!;
    expect(last.x + last.width, `${role}: the last link (${await links[links.length - 1].textContent()}) ends at ${Math.round(last.x + last.width)} px, the account button starts at ${Math.round(account.x)} px`).toBeLessThanOrEqual(account.x);
  }
});

test('at 390 px the menu button opens the navigation, and a link in it goes to its page', async ({ page, signIn }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn('committee');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Menu' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await dialog.getByRole('link', { name: 'Approvals' }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(dialog.getByRole('link', { name: 'Approvals' })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The account menu: who is signed in, and sign-out.
  await openAccountMenu(page);
  await expect(page.getByRole('menu')).toContainText('@e2e.local');
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
});

test('the 404 page has the app header; the icons exist and no request for one fails', async ({ page, signIn }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/no-such-page')) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    // The document's own 404 is what this page is; anything else (an icon, a script) is a fault.
    if (m.type() === 'error' && !m.location().url.includes('/no-such-page')) failed.push(`console: ${m.text()} (${m.location().url})`);
  });
  await signIn('viewer');
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'There is nothing here' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Versions' })).toBeVisible();
  await expect(page.locator('header')).toHaveCount(1);
  // Deeper unmatched addresses too, and an unknown API address answers problem+json, not a page.
  expect((await page.goto('/no-such-page/or/deeper'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'There is nothing here' })).toBeVisible();
  for (const signedIn of [true, false]) {
    const api = signedIn ? page.request : await playwrightRequest.newContext({ baseURL: new URL(page.url()).origin });
    const r = await api.get('/api/v1/no-such-endpoint', { maxRedirects: 0 });
    expect(r.status(), `signed in: ${signedIn}`).toBe(404);
    expect(r.headers()['content-type']).toContain('application/problem+json');
    expect(((await r.json()) as { code: string }).code).toBe('not_found');
  }
  for (const icon of ['/favicon.ico', '/icon.svg', '/apple-touch-icon.png', '/logo.svg', '/manifest.webmanifest', '/robots.txt']) {
    const r = await page.request.get(icon);
    expect(r.status(), icon).toBe(200);
  }
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /icon\.svg|favicon\.ico/);
  // The build's scripts and stylesheet come precompressed and cacheable for good (scripts/server.mts);
  // a chunk that is not in the build is a plain 404, not the sign-in page or an HTML 404.
  const assets = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src^="/_next/static/"], link[rel=stylesheet][href^="/_next/static/"]')].map((e) => ('src' in e ? e.src : e.href)));
  expect(assets.length).toBeGreaterThan(1);
  for (const url of assets) {
    const r = await page.request.get(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(r.status(), url).toBe(200);
    expect(r.headers()['content-encoding'], url).toBe('gzip');
    expect(r.headers()['cache-control'], url).toContain('immutable');
    expect(r.headers()['content-type'], url).toMatch(/^(application\/javascript|text\/css); charset=utf-8$/);
    expect((await r.body()).length, url).toBeGreaterThan(0);
  }
  const gone = await page.request.get('/_next/static/chunks/not-in-this-build.js', { maxRedirects: 0 });
  expect(gone.status()).toBe(404);
  expect(gone.headers()['content-type']).toContain('text/plain');
  expect(failed).toEqual([]);
});

test('times show in the viewer\'s time zone with UTC in the tooltip; audit actions read as words', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
  const page = await context.newPage();
  try {
    await signInAs(page, await createUser('auditor'));
    await page.goto('/audit');
    const first = page.getByTestId('audit-table').locator('tbody tr').first().locator('time').first();
    await expect(first).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await expect(first).toHaveAttribute('data-local', '');
    await expect(first).toContainText(/GMT\+9|JST/);
    const utc = (await first.getAttribute('title'))!;
    const hourUtc = Number(utc.slice(11, 13));
    await expect(first).toContainText(`${String((hourUtc + 9) % 24).padStart(2, '0')}:${utc.slice(14, 16)}`);
    // Action names as people say them, not `vote.cast`.
    const actions = page.getByTestId('audit-table').locator('tbody tr td:nth-child(4) > span[title]');
    const texts = await actions.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).not.toMatch(/^[a-z_]+\.[a-z_]+$/);
    await page.getByLabel('Action').selectOption({ label: 'Vote cast' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/action=vote\.cast/);
    await expect(actions.first()).toHaveText('Vote cast');
    // No database ids in the entity column.
    await expect(page.getByTestId('audit-table').locator('tbody tr td:nth-child(5)').first()).not.toContainText(/\bc[a-z0-9]{24}\b/);
  } finally {
    await context.close();
  }
});

test('the version page has an index of its sections that jumps to each', async ({ page, signIn }) => {
  await signIn('viewer');
  await page.goto(`/versions/${VERSION}`);
  const index = page.getByRole('navigation', { name: 'On this page' });
  expect(await index.getByRole('link').count()).toBeGreaterThan(8);
  for (const link of await index.getByRole('link').all()) {
    const href = (await link.getAttribute('href'))!;
    await expect(page.locator(href)).toHaveCount(1);
  }
  await index.getByRole('link', { name: 'Model card' }).click();
  await expect(page).toHaveURL(/#model-card$/);
  await expect(page.locator('#model-card')).toBeInViewport();
});
