// The real binary (node bin/mgr.mjs), run from another directory: exit codes, CI-friendly output,
// --json, --dry-run, lint-commit, connection and auth errors. No registry needed here
// (connection failures use a closed port; auth failures a tiny local HTTP server).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTree, mgr, put, tempDir, type GeneratedTree } from './fixtures';
import { compareArtifacts } from './import';
import { formatPerformance, parsePerformance } from './performance';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let tree: GeneratedTree;
let scratch: string;
beforeAll(async () => {
  tree = await generateTree();
  scratch = await tempDir('mgr-cli-');
});
afterAll(async () => {
  await rm(tree.root, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('mgr binary', () => {
  it('--help works from another directory', async () => {
    const r = await mgr(['--help'], { cwd: scratch });
    expect(r.code).toBe(0);
    for (const c of ['import', 'export', 'register', 'metrics', 'test-results', 'transition', 'verify-audit', 'lint-commit']) expect(r.stdout).toContain(c);
  });

  it('usage errors exit 2', async () => {
    expect((await mgr(['nope'])).code).toBe(2);
    expect((await mgr(['import'])).code).toBe(2);
    const r = await mgr(['transition', 'pib-vg-base-diffusion-1.0.0-20230615', '--to', 'live']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to: "live" is not a status');
    expect((await mgr(['import', path.join(scratch, 'missing'), '--dry-run'])).code).toBe(2);
  });

  it('import --dry-run: one line per problem, summary, exit 1; no server needed', async () => {
    const r = await mgr(['import', tree.root, '--dry-run', '--url', 'http://127.0.0.1:9'], { cwd: scratch });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`dry run: valid ${tree.valid.length + tree.validParams.length}, rejected ${tree.broken.length}`);
    for (const b of tree.broken) expect(lines.some((l) => l.startsWith(`${b.path}:`) && b.reason.test(l)), b.path).toBe(true);
    // Progress is for terminals only: nothing with \r when piped.
    expect(r.stderr).not.toContain('\r');
  });

  it('import --dry-run --json: machine output with each item', async () => {
    const r = await mgr(['--json', 'import', tree.root, '--dry-run']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { summary: { valid: number; rejected: number }; items: { path: string; status: string; problems: { path: string; reason: string }[] }[] };
    expect(report.summary).toMatchObject({ valid: tree.valid.length + tree.validParams.length, rejected: tree.broken.length });
    expect(report.items.find((i) => i.path === 'models/base/1.0')).toMatchObject({ status: 'rejected' });
  });

  it('import --dry-run of a clean tree exits 0', async () => {
    const d = await tempDir();
    await put(d, 'models/base/v1.0.0/metadata.json', { model_id: 'pib-vg-base-diffusion-1.0.0-20230615' });
    const r = await mgr(['import', d, '--dry-run', '--verbose']);
    await rm(d, { recursive: true, force: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid models/base/v1.0.0 (pib-vg-base-diffusion-1.0.0-20230615)');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('dry run: valid 1, rejected 0');
  });

  it('connection refused exits 2 with one clear line', async () => {
    const port = await closedPort();
    const r = await mgr(['import', tree.root, '--url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^mgr: cannot reach http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await mgr(['verify-audit'], { env: { MGR_URL: `http://127.0.0.1:${port}` } })).code).toBe(2);
  });

  describe('against a server that refuses the token', () => {
    let server: Server;
    let url: string;
    const seen: { auth?: string; path?: string }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ auth: req.headers.authorization, path: req.url });
        res.writeHead(401, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Authentication required', status: 401, detail: 'Unknown or revoked API token' }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('sends the bearer token from MGR_TOKEN and exits 2 on 401', async () => {
      const r = await mgr(['verify-audit', '--url', url], { env: { MGR_TOKEN: 'mgr_secret' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not authenticated (401: Unknown or revoked API token); pass --token or set MGR_TOKEN');
      expect(seen.at(-1)).toEqual({ auth: 'Bearer mgr_secret', path: '/api/v1/audit/verify' });
      const imp = await mgr(['import', tree.root, '--url', url, '--token', 't2']);
      expect(imp.code).toBe(2);
      expect(seen.at(-1)?.auth).toBe('Bearer t2');
    });
  });

  describe('audit and point-in-time commands against a stub registry', () => {
    let server: Server;
    let url: string;
    const paths: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        paths.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url?.startsWith('/api/v1/audit/verify')) {
          res.end(JSON.stringify({ ok: false, count: 245, brokenSeq: 246, reason: 'events 246…250 are missing: the checkpoint of 2023-09-30T23:59:59.000Z signed a chain up to seq 250' }));
        } else {
          res.end(JSON.stringify({ at: '2023-08-16T14:00:00.000Z', components: [
            { component: 'base', modelId: 'pib-vg-base-diffusion-1.2.3-20230615', since: '2023-06-15T09:21:00.000Z', via: 'committee', imported: false, traffic: null },
            { component: 'residual', modelId: 'pib-vg-residual-diffusion-1.1.0-20230502', since: '2023-08-16T13:07:00.000Z', via: 'rollback', imported: false,
              traffic: [{ modelId: 'pib-vg-residual-diffusion-1.1.0-20230502', percent: 20 }, { modelId: 'pib-vg-residual-diffusion-1.2.0-20230808', percent: 80 }] },
            { component: 'super-res', modelId: null, since: null, via: null, imported: false, traffic: null },
          ] }));
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('verify-audit exits 1 naming the first broken event', async () => {
      const r = await mgr(['verify-audit', '--url', url, '--token', 't']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('audit chain BROKEN at event #246: events 246…250 are missing');
    });

    it('production-at prints each component with its version, since when and how; --json gives the body', async () => {
      const r = await mgr(['production-at', '2023-08-16T14:00:00Z', '--url', url, '--token', 't']);
      expect(r.code).toBe(0);
      expect(paths.at(-1)).toBe('/api/v1/production?at=2023-08-16T14%3A00%3A00Z');
      expect(r.stdout).toMatch(/residual\s+pib-vg-residual-diffusion-1\.1\.0-20230502\s+since 2023-08-16T13:07:00\.000Z\s+\(rollback\)\s+traffic: .*1\.1\.0-20230502 20%, .*1\.2\.0-20230808 80%/);
      expect(r.stdout).toMatch(/super-res\s+\(none\)/);
      const j = await mgr(['--json', 'production-at', '2023-08-16', '--url', url, '--token', 't']);
      expect(JSON.parse(j.stdout)).toMatchObject({ components: expect.arrayContaining([expect.objectContaining({ component: 'base' })]) });
    });

    it('production-at refuses a bad date before calling the server (exit 2, naming it)', async () => {
      const before = paths.length;
      const r = await mgr(['production-at', '16/08/2023', '--url', url, '--token', 't']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('date: "16/08/2023" is not a date');
      expect(paths.length).toBe(before);
    });
  });

  describe('lint-commit', () => {
    const good = '[BASE] TUNE: Adjust attention\n\nBody.\n\nPerformance impact: -15% on FVD, +2% on temporal coherence\nReviewed-by: Dr. Sharma\n';
    it('exits 0 for a good message and 1 with file:line: problem lines for a bad one', async () => {
      const ok = await put(scratch, 'ok.txt', good);
      expect((await mgr(['lint-commit', path.join(scratch, ok.rel)])).code).toBe(0);
      await put(scratch, 'bad.txt', '[base] tune: x\nbody\n');
      const r = await mgr(['lint-commit', 'bad.txt'], { cwd: scratch });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('bad.txt:1: component "base" must be uppercase: [BASE]');
      expect(r.stdout).toContain('bad.txt:2: the second line must be blank');
    });
    it('reads stdin with -, and the trailers can be made optional', async () => {
      expect((await mgr(['lint-commit', '-'], { input: good })).code).toBe(0);
      expect((await mgr(['lint-commit', '-', '--no-require-impact', '--no-require-reviewed-by'], { input: '[BASE] FIX: x\n' })).code).toBe(0);
      const r = await mgr(['--json', 'lint-commit', '-'], { input: '[BASE] FIX: x\n' });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).problems).toHaveLength(2);
    });
    it('a missing file is a usage error', async () => {
      const r = await mgr(['lint-commit', 'does-not-exist.txt'], { cwd: scratch });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('does-not-exist.txt: cannot read commit message: no such file');
    });
  });
});

describe('performance format', () => {
  it('formatPerformance → parsePerformance round-trips every metric × scenario × language', () => {
    const metrics = [
      { metric: 'fvd', value: 185.3 },
      { metric: 'is', value: 72.6 },
      { metric: 'fvd', value: 190, scenario: 'policy_briefing' },
      { metric: 'temporal_coherence', value: 0.9, language: 'hi' },
      { metric: 'fvd', value: 201.4, scenario: 'instructional', language: 'hi' },
    ];
    const parsed = parsePerformance(JSON.parse(JSON.stringify(formatPerformance(metrics))));
    expect(parsed.problems).toEqual([]);
    const key = (m: { metric: string; scenario?: string; language?: string; value: number }) => `${m.metric}|${m.scenario ?? ''}|${m.language ?? ''}|${m.value}`;
    expect(parsed.metrics.map(key).sort()).toEqual(metrics.map(key).sort());
  });
});

describe('compareArtifacts', () => {
  it('names changed, missing and extra artifacts', () => {
    const a = (p: string, c: string) => ({ path: p, sha256: c.repeat(64), sizeBytes: 1 });
    expect(compareArtifacts([a('model.pt', 'a'), a('x', 'b')], [a('model.pt', 'a'), a('x', 'b')])).toEqual([]);
    expect(compareArtifacts([a('model.pt', 'a'), a('new', 'c')], [a('model.pt', 'b'), a('old', 'd')]).map((d) => d.path)).toEqual(['model.pt', 'new', 'old']);
  });
});
