import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createUser, expect, insertApiToken, mgr, test } from './fixtures';

// The `mgr` CLI end to end: the real binary against this suite's real server. The scenarios live
// in cli/import.e2e.test.ts (import a generated tree with valid and broken entries, re-run
// idempotently, checksums on the server, export → import round trip, conflicts); this test gives
// them a server and an engineer's API token and fails if any of them fails.
/** A personal token of a new person with the role, or a service token (pipelines) issued by a new admin. */
async function tokenFor(role: 'engineer' | 'admin', kind: 'personal' | 'service'): Promise<string> {
  const user = await createUser(kind === 'service' ? 'admin' : role);
  return insertApiToken(user.id, { kind, role, name: `e2e-cli-${randomBytes(3).toString('hex')}` });
}

test('mgr tokens: an admin creates a service token that works until revoked; a person makes a personal token; a pipeline may not make tokens', async ({ baseURL }) => {
  const admin = { MGR_URL: baseURL!, MGR_TOKEN: await tokenFor('admin', 'personal') };
  const name = `ci-${randomBytes(3).toString('hex')}`;
  const created = await mgr(['--json', 'tokens', 'create', '--name', name, '--role', 'engineer'], admin);
  expect(created.code, created.out).toBe(0);
  const { token, id } = JSON.parse(created.out) as { token: string; id: string };
  expect(token).toMatch(/^mgr_/);
  const ci = { MGR_URL: baseURL!, MGR_TOKEN: token };
  expect((await mgr(['verify-audit'], ci)).out).toMatch(/audit chain ok/);
  const listed = await mgr(['tokens', 'list'], admin);
  expect(listed.out).toContain(name);
  expect(listed.out).not.toContain(token); // the secret is never shown again
  expect((await mgr(['tokens', 'revoke', id], admin)).code).toBe(0);
  const after = await mgr(['verify-audit'], ci);
  expect(after.code).toBe(2);
  expect(after.out).toMatch(/401|invalid, expired or revoked/);
  const pipeline = { MGR_URL: baseURL!, MGR_TOKEN: await tokenFor('engineer', 'service') };
  const refused = await mgr(['tokens', 'create', '--name', 'x'], pipeline);
  expect(refused.code).not.toBe(0);
  expect(refused.out).toMatch(/403|managed by a person/);
  const person = { MGR_URL: baseURL!, MGR_TOKEN: await tokenFor('engineer', 'personal') };
  const mine = await mgr(['--json', 'tokens', 'create', '--name', 'laptop'], person);
  expect(mine.code, mine.out).toBe(0);
  expect(JSON.parse(mine.out)).toMatchObject({ kind: 'personal', role: 'engineer' });
  expect((await mgr(['tokens', 'list'], person)).out).toMatch(/laptop\s+personal\s+engineer/);
});

test('mgr import/export against the running registry', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const token = await tokenFor('engineer', 'service');
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--config', 'vitest.cli-e2e.config.mts'], {
      env: { ...process.env, MGR_TEST_URL: baseURL, MGR_TEST_TOKEN: token, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('close', (c) => resolve({ code: c ?? 1, out }));
  });
  expect(out).toMatch(/Tests\s+\d+ passed/);
  expect(out).not.toMatch(/skipped|failed/);
  expect(code, out).toBe(0);
});
