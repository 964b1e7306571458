import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Production runtime without dev tools: after `npm ci && npm run build && npm prune --omit=dev`,
// `npm start`, `npm run admin` and `mgr` must run on Node alone (tsx is a devDependency). The
// whole path (a scratch clone: npm ci, build, prune, start, mgr against it) is too slow for the
// suite and was run by hand; this test keeps its pieces from regressing cheaply.

const root = path.resolve(import.meta.dirname, '..');
type Pkg = { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string>; bin: Record<string, string> };
let pkg: Pkg;
let entries: [string, string][];

function run(cmd: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.stdin.end(opts.input ?? '');
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

beforeAll(async () => {
  pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Pkg;
  const mod = (await import(path.join(root, 'scripts/build-runtime.mjs'))) as { buildRuntime: () => Promise<void>; RUNTIME_ENTRIES: [string, string][] };
  entries = mod.RUNTIME_ENTRIES;
  await mod.buildRuntime();
});

describe('production runtime without dev dependencies', () => {
  it('npm start, admin, jobs and db:seed run plain node; the build compiles the runtime; what runs in production is a dependency', () => {
    for (const s of ['start', 'admin', 'jobs', 'db:seed']) expect(pkg.scripts[s], s).toMatch(/^node /);
    expect(pkg.scripts.build).toMatch(/next build && node scripts\/build-runtime\.mjs/);
    expect(pkg.bin.mgr).toBe('./bin/mgr.mjs');
    // Used at run time: migrations (prisma CLI), the server, the client and driver.
    for (const dep of ['prisma', '@prisma/client', '@prisma/adapter-pg', 'next', 'dotenv', 'pg', 'commander']) expect(pkg.dependencies[dep], dep).toBeDefined();
    expect(pkg.dependencies.tsx).toBeUndefined();
  });

  it('the compiled entry points import no dev dependency', async () => {
    const dev = Object.keys(pkg.devDependencies);
    for (const [, out] of entries) {
      const code = await readFile(path.join(root, out), 'utf8');
      const imported = new Set([...code.matchAll(/(?:from\s*|import\(\s*|require\(\s*)["']([^"'./][^"']*)["']/g)].map((m) => m[1].split('/').slice(0, m[1].startsWith('@') ? 2 : 1).join('/')));
      for (const d of dev) expect(imported.has(d), `${out} imports ${d}`).toBe(false);
    }
  });

  it('mgr runs from the build (MGR_RUNTIME=compiled: never tsx)', async () => {
    const msg = '[BASE] TUNE: Adjust attention\n\nBody\n\nPerformance impact: -15% on FVD\nReviewed-by: Dr. Sharma\n';
    const ok = await run(process.execPath, ['bin/mgr.mjs', 'lint-commit', '-'], { input: msg, env: { MGR_RUNTIME: 'compiled' } });
    expect(ok.code, ok.out).toBe(0);
    const bad = await run(process.execPath, ['bin/mgr.mjs', 'lint-commit', '-'], { input: 'fix stuff\n', env: { MGR_RUNTIME: 'compiled' } });
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/\(stdin\):1:/);
  });

  it('npm run admin runs from the build', async () => {
    const r = await run(process.execPath, ['scripts/run.mjs', 'scripts/admin', '--help'], { env: { MGR_RUNTIME: 'compiled' } });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Usage: admin/);
  });
});
