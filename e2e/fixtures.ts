import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { test as base, expect, type Page, type Request } from '@playwright/test';
import bcrypt from 'bcryptjs';
import pg from 'pg';

// Each test makes its own users (unique emails) straight in the e2e database, so tests never
// depend on one another or on the order they run in.
export type Role = 'admin' | 'committee' | 'engineer' | 'auditor' | 'viewer';
export type TestUser = { id: string; email: string; password: string; role: Role };

const PASSWORD = 'e2e-password-1';
const PASSWORD_HASH = bcrypt.hashSync(PASSWORD, 4);

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createUser(role: Role, opts: { senior?: boolean } = {}): Promise<TestUser> {
  const id = `e2e${randomBytes(8).toString('hex')}`;
  const email = `${role}-${randomBytes(4).toString('hex')}@e2e.local`;
  await withDb((c) =>
    c.query(
      `INSERT INTO users (id, email, name, password_hash, role, senior, active, session_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::"Role", $6, true, 1, now(), now())`,
      [id, email, `E2E ${role}`, PASSWORD_HASH, role, opts.senior ?? false],
    ),
  );
  return { id, email, password: PASSWORD, role };
}

export async function dbQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withDb(async (c) => (await c.query<T>(sql, params)).rows);
}

/**
 * An API token row for `userId`, straight in the database (the plaintext is returned): `personal`
 * acts as that person with their role; `service` is a pipeline token issued by them (an admin).
 * `query` points at another database (an instance of the test's own); default: the suite's.
 */
export async function insertApiToken(
  userId: string,
  opts: { kind: 'personal' | 'service'; role: Role; name?: string; query?: (sql: string, params: unknown[]) => Promise<unknown> },
): Promise<string> {
  const token = `mgr_${randomBytes(4).toString('hex')}_${randomBytes(24).toString('base64url')}`;
  await (opts.query ?? dbQuery)(
    `INSERT INTO api_tokens (id, name, prefix, token_hash, kind, role, senior, created_by_id, created_at)
     VALUES ($1, $2, $3, $4, $5::"ApiTokenKind", $6::"Role", false, $7, now())`,
    [`tok${randomBytes(6).toString('hex')}`, opts.name ?? `e2e-${randomBytes(3).toString('hex')}`, token.slice(4, 12), createHash('sha256').update(token).digest('hex'), opts.kind, opts.role, userId],
  );
  return token;
}

/** Run the real `mgr` binary; resolves with its exit code and everything it printed. */
export function mgr(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/mgr.mjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('close', (c) => resolve({ code: c ?? 1, out }));
  });
}

export async function signInAs(page: Page, user: TestUser, origin = ''): Promise<void> {
  await page.goto(`${origin}/signin`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('whoami')).toContainText(user.email);
}

/** The account menu in the header (components/nav/account-menu.tsx): who is signed in, My tokens, Sign out. */
export async function openAccountMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account:/ }).click();
}

export async function signOutOf(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
}

export type MadePromotion = { modelId: string; requestId: string; quorum: number; component: string };

/**
 * A version of a component of its own in staging, RAI passed, with an open committee promotion
 * request lacking `missingApprovals` approvals: laid down through the services (audited) by
 * e2e/support/make-promotion.mts, so a spec never changes the demo's rows and can run again.
 */
export async function makePromotion(missingApprovals = 1): Promise<MadePromotion> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'e2e/support/make-promotion.mts', String(missingApprovals)], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, DB_POOL_MAX: '1' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as MadePromotion;
}

type Fixtures = {
  /** Create a fresh user of the role and sign the page in as them. */
  signIn: (role: Role, opts?: { senior?: boolean }) => Promise<TestUser>;
};

/** Each test page's requests in flight and the time of its last request event (see untilQuiet). */
const network = new WeakMap<Page, { inflight: Set<Request>; lastEvent: number }>();

/** Tracks a page made outside the `page` fixture (a context of its own) for untilQuiet. */
export function trackRequests(page: Page): void {
  const state = { inflight: new Set<Request>(), lastEvent: Date.now() };
  const done = (r: Request) => {
    state.inflight.delete(r);
    state.lastEvent = Date.now();
  };
  page.on('request', (r) => {
    state.inflight.add(r);
    state.lastEvent = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  network.set(page, state);
}

/**
 * The page has loaded and no request has been in flight for 500 ms: what Playwright's
 * `waitForLoadState('networkidle')` means, without its race. Playwright drops "networkidle" at the
 * load event when a request came and went after it had fired, and starts no new timer until
 * another request ends; a page whose last chunk loads just before `load` and that fetches nothing
 * afterwards then never becomes idle (seen on the version page at 4× CPU slowdown once links
 * stopped prefetching; decision 026). Counted from the page's own request events instead.
 */
export async function untilQuiet(page: Page, timeout = 30_000): Promise<void> {
  const state = network.get(page);
  if (!state) throw new Error("untilQuiet needs the test's own page (the fixture tracks its requests)");
  await page.waitForLoadState('load');
  const deadline = Date.now() + timeout;
  while (state.inflight.size > 0 || Date.now() - state.lastEvent < 500) {
    if (Date.now() > deadline) throw new Error(`requests still in flight after ${timeout} ms: ${[...state.inflight].map((r) => r.url()).join(', ')}`);
    await page.waitForTimeout(50);
  }
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, provide) => {
    trackRequests(page);
    await provide(page);
  },
  signIn: async ({ page }, provide) => {
    await provide(async (role, opts) => {
      const user = await createUser(role, opts);
      await signInAs(page, user);
      return user;
    });
  },
});

export { expect };
