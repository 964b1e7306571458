// Issue 7, "a real deployment": several instances over one Postgres, the secret they share, and
// the first admin of a database without the demo.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createUser, expect, signInAs, signOutOf, test } from './fixtures';
import { SECOND_URL, SUITE_SECRET, startInstance } from './instance';

test.describe.configure({ mode: 'serial' });

test('an instance on a real database refuses to start without NEXTAUTH_SECRET', async () => {
  const inst = await startInstance({ DATABASE_URL: process.env.E2E_DATABASE_URL! }, /applying migrations|Ready on/);
  try {
    expect(inst.output()).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(inst.output()).not.toMatch(/applying migrations/);
    expect(await inst.exited).toBe(1);
  } finally {
    await inst.stop();
  }
});

test('two instances over one Postgres: signed in on one, served by the other; signed out on it, refused by both', async ({ page, baseURL }) => {
  const second = await startInstance({ DATABASE_URL: process.env.E2E_DATABASE_URL!, NEXTAUTH_SECRET: SUITE_SECRET }, /is running at/);
  try {
    expect(second.output()).toMatch(/is running at/);
    const user = await createUser('engineer');
    await signInAs(page, user); // on the suite's instance
    // Cookies are per host, not per port: the browser sends the same session to the second instance.
    await page.goto(`${SECOND_URL}/versions`);
    await expect(page.getByTestId('whoami')).toContainText(user.email);
    await signOutOf(page);
    await expect(page).toHaveURL(/\/signin/);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    for (const origin of [baseURL!, SECOND_URL]) {
      const res = await page.request.get(`${origin}/api/v1/versions`, { headers: { cookie } });
      expect(res.status(), origin).toBe(401);
    }
  } finally {
    await second.stop();
  }
});

test('a real database with no admin: npm start says how to create one, and that admin signs in', async ({ page }) => {
  test.setTimeout(180_000); // starts a second instance of the app on a new database: over 60 s when the machine is loaded
  const name = `mgr_e2e_fa_${randomBytes(4).toString('hex')}`;
  const url = new URL(process.env.E2E_DATABASE_URL!);
  url.pathname = `/${name}`;
  const inst = await startInstance({ DATABASE_URL: url.toString(), NEXTAUTH_SECRET: SUITE_SECRET }, /is running at[\s\S]*\n\n/);
  try {
    expect(inst.output()).toMatch(/No admin exists yet[\s\S]*npm run admin -- create --email/);
    expect(inst.output()).not.toMatch(/demo1234/);
    const email = `first-${randomBytes(3).toString('hex')}@example.org`;
    const created = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('npx', ['tsx', 'scripts/admin.mts', 'create', '--email', email, '--name', 'First Admin'], {
        env: { ...process.env, DATABASE_URL: url.toString() },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => resolve({ code, out }));
      child.stdin.end('first admin pass phrase\n');
    });
    expect(created.out).toContain(`created admin ${email}`);
    await signInAs(page, { id: '', email, password: 'first admin pass phrase', role: 'admin' }, SECOND_URL);
    await page.goto(`${SECOND_URL}/admin`);
    await expect(page.getByRole('heading', { name: /Admin/ }).first()).toBeVisible();
  } finally {
    await inst.stop();
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
  }
});

test('first-run setup page: the one-time code from the log creates the first admin in the browser; then /setup is gone', async ({ page, baseURL }) => {
  // the suite's database has an admin: no setup page
  expect((await page.request.get(`${baseURL}/setup`)).status()).toBe(404);
  const name = `mgr_e2e_fs_${randomBytes(4).toString('hex')}`;
  const url = new URL(process.env.E2E_DATABASE_URL!);
  url.pathname = `/${name}`;
  const inst = await startInstance({ DATABASE_URL: url.toString(), NEXTAUTH_SECRET: SUITE_SECRET }, /First-run setup code: [A-Z2-9-]+[\s\S]*is running at|is running at[\s\S]*First-run setup code: [A-Z2-9-]+/);
  try {
    const code = /First-run setup code: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(inst.output())?.[1];
    expect(code).toBeTruthy();
    const email = `setup-${randomBytes(3).toString('hex')}@example.org`;
    await page.goto(`${SECOND_URL}/setup`);
    const form = page.getByTestId('setup-form');
    await form.getByLabel('Setup code').fill('WRONG-CODE1');
    await form.getByLabel('Full name').fill('Setup Admin');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password (at least 8 characters)').fill('setup admin pass phrase');
    await form.getByRole('button', { name: 'Create admin' }).click();
    await expect(form.getByRole('alert')).toContainText('check the highlighted field');
    const codeField = form.getByLabel('Setup code');
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    await expect(codeField).toHaveAccessibleDescription(/setup code is wrong, used or expired: use the latest code from the server log/);
    await form.getByLabel('Setup code').fill(code!);
    await form.getByRole('button', { name: 'Create admin' }).click();
    await expect(page).toHaveURL(/\/signin\?setup=done/);
    await expect(page.getByRole('status')).toContainText(/first admin is created/);
    await signInAs(page, { id: '', email, password: 'setup admin pass phrase', role: 'admin' }, SECOND_URL);
    expect((await page.goto(`${SECOND_URL}/admin`))?.status()).toBe(200);
    expect((await page.request.get(`${SECOND_URL}/setup`)).status()).toBe(404);
  } finally {
    await inst.stop();
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
  }
});
