// `npm test`: typecheck, lint, unit + integration tests (Vitest, real PostgreSQL), end-to-end
// tests (Playwright, Debian's Chromium). Prints one closing line "N passed, N failed" adding up
// both runners, and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

type Step = { name: string; cmd: string; args: string[]; count?: (out: string) => { passed: number; failed: number } | null };

function vitestCounts(out: string) {
  const line = out.split('\n').find((l) => /^\s*Tests\s+/.test(l));
  if (!line) return null;
  return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
}

function playwrightCounts(out: string) {
  const passed = /^\s*(\d+) passed/m.exec(out);
  const failed = /^\s*(\d+) failed/m.exec(out);
  const flaky = /^\s*(\d+) flaky/m.exec(out);
  if (!passed && !failed) return null;
  return { passed: Number(passed?.[1] ?? 0), failed: Number(failed?.[1] ?? 0) + Number(flaky?.[1] ?? 0) };
}

function run(step: Step): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')}`);
    const child = spawn(step.cmd, step.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d: Buffer) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function postgresReachable(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `${new URL(url).host}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const only = process.argv.slice(2);
  const problem = await postgresReachable();
  if (problem) {
    if (process.env.DATABASE_URL || process.env.TEST_DATABASE_URL) {
      console.error(`PostgreSQL at DATABASE_URL/TEST_DATABASE_URL is not reachable (${problem}).`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
    // No server and none configured: run everything on the embedded PostgreSQL, as `npm start` does.
    console.log(`No PostgreSQL server reachable (${problem}): the tests run on the embedded PostgreSQL (PGlite).`);
    process.env.MGR_TEST_EMBEDDED = '1';
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const steps: Step[] = [
    { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
    { name: 'lint', cmd: 'npx', args: ['eslint', '.', '--max-warnings=0'] },
    { name: 'unit + integration (vitest)', cmd: 'npx', args: ['vitest', 'run'], count: vitestCounts },
    { name: 'end-to-end (playwright)', cmd: 'npx', args: ['playwright', 'test'], count: playwrightCounts },
  ].filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)));

  let passed = 0;
  let failed = 0;
  const summary: string[] = [];
  for (const step of steps) {
    if (step.name.startsWith('end-to-end') && !existsSync(chromium)) {
      console.error(`Chromium not found at ${chromium}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
      failed += 1;
      summary.push(`${step.name}: FAILED (no Chromium)`);
      continue;
    }
    const t = Date.now();
    const { code, out } = await run(step);
    const secs = ((Date.now() - t) / 1000).toFixed(1);
    const counts = step.count?.(out) ?? null;
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
      if (code !== 0 && counts.failed === 0) failed += 1; // the runner failed outside any test
    } else {
      if (code === 0) passed += 1;
      else failed += 1;
    }
    summary.push(`${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}${counts ? ` — ${counts.passed} passed, ${counts.failed} failed` : ''} in ${secs}s`);
  }
  console.log('\n=== summary');
  for (const s of summary) console.log(`  ${s}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
