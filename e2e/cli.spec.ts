import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createUser, dbQuery, expect, test } from './fixtures';

// The `mgr` CLI end to end: the real binary against this suite's real server. The scenarios live
// in cli/import.e2e.test.ts (import a generated tree with valid and broken entries, re-run
// idempotently, checksums on the server, export → import round trip, conflicts); this test gives
// them a server and an engineer's API token and fails if any of them fails.
test('mgr import/export against the running registry', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const user = await createUser('engineer');
  const token = `mgr_${randomBytes(4).toString('hex')}_${randomBytes(24).toString('base64url')}`;
  await dbQuery(
    `INSERT INTO api_tokens (id, name, prefix, token_hash, role, senior, created_by_id, created_at)
     VALUES ($1, $2, $3, $4, 'engineer', false, $5, now())`,
    [`tok${randomBytes(6).toString('hex')}`, `e2e-cli-${randomBytes(3).toString('hex')}`, token.slice(4, 12), createHash('sha256').update(token).digest('hex'), user.id],
  );
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
