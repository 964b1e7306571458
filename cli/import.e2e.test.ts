// End to end: the real `node bin/mgr.mjs` against a real running registry (no fakes).
//
// Driven by the environment: MGR_TEST_URL (e.g. http://127.0.0.1:3000) and MGR_TEST_TOKEN (an
// API token whose role may register versions and propose parameter sets: engineer or admin).
// Skipped when MGR_TEST_URL is unset. Each run uses its own patch numbers and parameter ids, so
// it can run again against the same database.

import { createHash, randomInt } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTree, mgr, put, tempDir, type GeneratedTree, type RunResult } from './fixtures';
import { parsePerformance } from './performance';
import { readTree, type VersionItem } from './tree';

const URL = process.env.MGR_TEST_URL;
const TOKEN = process.env.MGR_TEST_TOKEN ?? '';

type Report = {
  summary: { imported: number; unchanged: number; rejected: number; conflicts: number };
  items: { path: string; status: string; modelId?: string; parameterId?: string; problems: { path: string; field?: string; reason: string }[] }[];
};

describe.skipIf(!URL)('mgr import/export against a running registry', () => {
  const env = { MGR_URL: URL ?? '', MGR_TOKEN: TOKEN };
  const run = (args: string[]) => mgr(args, { env });
  const api = async (p: string) => {
    const res = await fetch(`${URL}${p}`, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } });
    expect(res.status, `GET ${p}`).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  let tree: GeneratedTree;
  let exported: string;
  const validCount = () => tree.valid.length + tree.validParams.length;

  beforeAll(async () => {
    // A patch number and parameter-id suffix of this run's own (versions 50.0.P / 50.1.P: above
    // the demo story's versions, so other e2e tests' "previous version" stays the demo's).
    tree = await generateTree({ major: 50, patch: randomInt(1000, 2_000_000_000) });
    exported = await tempDir('mgr-export-');
  });
  afterAll(async () => {
    await rm(tree.root, { recursive: true, force: true });
    await rm(exported, { recursive: true, force: true });
  });

  it('imports the valid entries, reports each broken one as path: reason, exits 1', async () => {
    const r = await run(['import', tree.root]);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`imported ${validCount()}, unchanged 0, rejected ${tree.broken.length}`);
    for (const b of tree.broken) expect(lines.some((l) => l.startsWith(`${b.path}:`) && b.reason.test(l)), `${b.path}\n${r.stdout}`).toBe(true);
    for (const v of tree.valid) expect(lines).toContain(`imported ${v.folder} (${v.modelId})`);
  });

  it('a second run imports nothing twice: everything valid is unchanged', async () => {
    const r = await run(['--json', 'import', tree.root]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary).toEqual({ imported: 0, unchanged: validCount(), rejected: tree.broken.length, conflicts: 0, valid: 0 });
  });

  it("the registry holds each artifact with the file's sha256 and size, and the metrics", async () => {
    for (const v of tree.valid) {
      const detail = await api(`/api/v1/versions/${encodeURIComponent(v.modelId)}`);
      const expected = [];
      for (const a of v.artifacts) {
        const content = await readFile(path.join(tree.root, a.rel));
        expected.push({ path: a.rel.slice(v.folder.length + 1), sha256: createHash('sha256').update(content).digest('hex'), sizeBytes: content.length });
      }
      const got = (detail.artifacts as { path: string; sha256: string; sizeBytes: number }[]).map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: Number(a.sizeBytes) }));
      expect(got.sort((x, y) => x.path.localeCompare(y.path))).toEqual(expected.sort((x, y) => x.path.localeCompare(y.path)));
      expect(detail.metrics as unknown[]).toHaveLength(8);
      expect(detail).toMatchObject({ status: 'development', releaseDate: '2023-06-15' });
    }
  });

  it('export → the same layout, and importing the export changes nothing', async () => {
    const ex = await run(['export', exported]);
    expect(ex.code, ex.stderr).toBe(0);
    expect(ex.stdout.trim().split('\n').at(-1)).toMatch(/^exported \d+ versions, \d+ parameter sets \(\d+ files\) to /);

    // The exported folders of this run's versions match the originals.
    const original = await readTree(tree.root);
    for (const v of tree.valid) {
      const dir = path.join(exported, v.folder);
      const orig = original.items.find((i): i is VersionItem => i.kind === 'version' && i.path === v.folder)!;
      expect(JSON.parse(await readFile(path.join(dir, 'metadata.json'), 'utf8'))).toEqual(JSON.parse(await readFile(path.join(tree.root, v.folder, 'metadata.json'), 'utf8')));
      expect(await readFile(path.join(dir, 'config.yaml'), 'utf8')).toBe(await readFile(path.join(tree.root, v.folder, 'config.yaml'), 'utf8'));
      const manifest = JSON.parse(await readFile(path.join(dir, 'artifacts.json'), 'utf8')) as unknown[];
      expect(manifest).toEqual(expect.arrayContaining(orig.body!.artifacts!));
      const perf = parsePerformance(JSON.parse(await readFile(path.join(dir, 'performance.json'), 'utf8')));
      const key = (m: { metric: string; scenario?: string; language?: string; value: number }) => `${m.metric}|${m.scenario ?? ''}|${m.language ?? ''}|${m.value}`;
      expect(perf.metrics.map(key).sort()).toEqual(orig.body!.metrics!.map(key).sort());
    }
    const lambda = JSON.parse(await readFile(path.join(exported, 'config/parameters/lambda_parameters.json'), 'utf8')) as { parameter_id: string; status?: string }[];
    const mine = lambda.find((r) => r.parameter_id === tree.validParams[0].parameterId);
    expect(mine).toMatchObject({ base_noise_lambda: 0.7, residual_noise_lambda: 0.3, effective_date: '2023-06-15' });
    expect(mine).not.toHaveProperty('status');

    // Round trip: the exported tree (artifacts.json instead of binaries) imports as unchanged.
    const again = await run(['--json', 'import', exported]);
    const report = JSON.parse(again.stdout) as Report;
    expect(report.items.filter((i) => i.status !== 'unchanged'), again.stdout.slice(0, 4000)).toEqual([]);
    expect(again.code).toBe(0);
    expect(report.summary.imported).toBe(0);
    expect(report.summary.unchanged).toBeGreaterThanOrEqual(validCount());
  });

  it('a changed artifact or parameter record is a conflict (exit 1), not a silent skip', async () => {
    const v = tree.valid[0];
    await put(tree.root, `${v.folder}/model.pt`, 'tampered');
    const lambda = JSON.parse(await readFile(path.join(tree.root, 'config/parameters/lambda_parameters.json'), 'utf8')) as Record<string, unknown>[];
    lambda[0] = { ...lambda[0], notes: 'edited after import' };
    await put(tree.root, 'config/parameters/lambda_parameters.json', lambda);
    const r: RunResult = await run(['import', tree.root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${v.folder}/model\\.pt: conflict: ${v.modelId} is already registered with sha256 [0-9a-f]{64}, the local file has [0-9a-f]{64} \\(conflict\\)$`, 'm'));
    expect(r.stdout).toMatch(/^config\/parameters\/lambda_parameters\.json\[0\]\.parameter_id: conflict: .*notes.* \(conflict\)$/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`imported 0, unchanged ${validCount() - 2}, rejected ${tree.broken.length + 2} (2 conflicts)`);
  });
});
