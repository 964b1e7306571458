// Issue 7 rows 2, 4, 5, 10, 11, 12, through the real server.
import { request as playwrightRequest } from '@playwright/test';
import { createUser, dbQuery, expect, signInAs, signOutOf, test } from './fixtures';
import { credentialsAttempt, randomLoopback, randomProxyAddress } from './raw-http';

test.describe('row 2: no open redirect after sign-in', () => {
  for (const callbackUrl of ['//evil.example/phish', '/\\evil.example']) {
    test(`callbackUrl ${JSON.stringify(callbackUrl)} stays on the registry`, async ({ page, baseURL }) => {
      await page.route((url) => url.hostname === 'evil.example', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<h1>phished</h1>' }));
      const user = await createUser('engineer');
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByTestId('whoami')).toContainText(user.email);
      expect(new URL(page.url()).origin).toBe(baseURL);
    });
  }

  test('a same-origin callbackUrl is followed', async ({ page }) => {
    const user = await createUser('engineer');
    await page.goto(`/signin?callbackUrl=${encodeURIComponent('/versions?q=base')}`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/versions\?q=base$/);
  });
});

test('row 4: the per-IP sign-in limit counts the socket address, not X-Forwarded-For', async ({ baseURL }) => {
  const from = randomLoopback();
  const statuses: number[] = [];
  for (let i = 0; i < 35; i++) {
    const r = await credentialsAttempt(
      baseURL!,
      { email: `spray-${i}-${from}@e2e.local`, password: 'wrong-password' },
      // a forged address in our own header too: the server overwrites it with the socket's
      { localAddress: from, headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-mgr-client-ip': `203.0.113.${i + 1}` } },
    );
    statuses.push(r.status);
  }
  expect(statuses.slice(0, 30).filter((s) => s === 429)).toHaveLength(0);
  expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
  // another address is not blocked by this one's failures
  const user = await createUser('viewer');
  const ok = await credentialsAttempt(baseURL!, { email: user.email, password: user.password }, { localAddress: randomLoopback() });
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body).url).not.toContain('error=');
});

test('row 4: behind a proxy listed in TRUSTED_PROXIES, the X-Forwarded-For client counts', async ({ baseURL }) => {
  const proxy = randomProxyAddress();
  const client = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const statuses: number[] = [];
  // 31 failures of one client through the proxy (with a forged first hop each time): blocked after 30
  for (let i = 0; i < 31; i++) {
    const r = await credentialsAttempt(
      baseURL!,
      { email: `via-proxy-${i}-${proxy}@e2e.local`, password: 'wrong-password' },
      { localAddress: proxy, headers: { 'x-forwarded-for': `10.${i}.0.1, ${client}` } },
    );
    statuses.push(r.status);
  }
  expect(statuses.slice(0, 30).filter((s) => s === 429)).toHaveLength(0);
  expect(statuses[30]).toBe(429);
  // another client through the same proxy is not blocked
  const user = await createUser('viewer');
  const other = await credentialsAttempt(baseURL!, { email: user.email, password: user.password }, { localAddress: proxy, headers: { 'x-forwarded-for': '192.0.2.77' } });
  expect(other.status).toBe(200);
  expect(JSON.parse(other.body).url).not.toContain('error=');
});

test('row 5: a session copied before sign-out is refused after it', async ({ page, baseURL }) => {
  const user = await createUser('auditor');
  await signInAs(page, user);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await signOutOf(page);
  await expect(page).toHaveURL(/\/signin/);
  const copy = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  try {
    const api = await copy.get('/api/v1/versions');
    expect(api.status()).toBe(401);
    const audit = await copy.get('/audit', { maxRedirects: 0 });
    expect([307, 303, 302, 403]).toContain(audit.status());
    if (audit.status() !== 403) expect(audit.headers().location).toMatch(/\/signin/);
  } finally {
    await copy.dispose();
  }
});

test('row 10: a cookie write with an Authorization header still needs our Origin', async ({ page, baseURL }) => {
  await signInAsNewAdmin(page);
  const name = `basic-${Date.now().toString(36)}`;
  const res = await page.request.post('/api/v1/tokens', {
    data: { name, role: 'engineer' },
    headers: { authorization: 'Basic eDp5', origin: 'http://evil.example' },
  });
  expect(res.status()).toBe(403);
  expect(await dbQuery('SELECT 1 FROM api_tokens WHERE name = $1', [name])).toHaveLength(0);
  const ours = await page.request.post('/api/v1/tokens', { data: { name: `${name}-ok`, role: 'engineer' }, headers: { origin: baseURL! } });
  expect(ours.status()).toBe(201);
});

async function signInAsNewAdmin(page: import('@playwright/test').Page) {
  const admin = await createUser('admin');
  await signInAs(page, admin);
  return admin;
}

test.describe('row 11: security headers and a nonce-based CSP the pages work under', () => {
  test('headers on a page and on the API', async ({ page }) => {
    const res = await page.goto('/signin');
    const h = res!.headers();
    const csp = h['content-security-policy'];
    expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(h['permissions-policy']).toMatch(/camera=\(\)/);
    expect(h['strict-transport-security']).toBeUndefined(); // served over http here (unit test covers https)
    // every script the page runs carries the nonce
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    // a new nonce per response
    const again = (await page.request.get('/signin')).headers()['content-security-policy'];
    expect(again).not.toBe(csp);
  });

  test('sign-in, the dashboard chart, sign-out and a server action run with no CSP violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const user = await createUser('engineer');
    await signInAs(page, user);
    // the chart loads when it scrolls into view (decision 018)
    await page.locator('[data-lazy-chart]').first().scrollIntoViewIfNeeded();
    await expect(page.getByRole('img', { name: /FVD by component/ }).locator('svg.recharts-surface[role="application"]')).toBeVisible();
    await expect(page.getByRole('img', { name: /FVD by component/ }).locator('path.recharts-line-curve').first()).toBeVisible();
    await page.goto('/versions');
    await expect(page.getByRole('table').first()).toBeVisible();
    // a server action (an admin creates an API token in the browser)
    await signOutOf(page);
    await expect(page).toHaveURL(/\/signin/);
    await signInAs(page, await createUser('admin'));
    await page.goto('/admin/tokens');
    const form = page.getByTestId('create-token-form');
    await form.getByLabel('Name').fill(`csp-${Date.now().toString(36)}`);
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('new-token').locator('code').first()).toContainText(/^mgr_/);
    expect(violations).toEqual([]);
  });
});

test('row 12: a locked-out sign-in answers 429 with Retry-After; the page says when to retry', async ({ page, baseURL }) => {
  const user = await createUser('engineer');
  const from = randomLoopback();
  for (let i = 0; i < 5; i++) await credentialsAttempt(baseURL!, { email: user.email, password: `wrong-${i}` }, { localAddress: from });
  const locked = await credentialsAttempt(baseURL!, { email: user.email, password: user.password }, { localAddress: from });
  expect(locked.status).toBe(429);
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  expect(locked.headers['content-type']).toContain('application/problem+json');
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Too many/ })).toContainText(/Too many failed sign-ins\. Try again in \d+ minutes? \(at \d{2}:\d{2}\)/);
});
