import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { readTree, formatProblem } from '@/cli/tree';
import { ArtifactInputSchema } from '@/lib/validation/model-version';
import { makeComponent } from '../fixtures';
import { call, counts, tokenFor, versionBody, withOwnDatabase } from './api-helpers';

// One rule for an artifact's path, in the shared schema: relative, inside the version folder.
// The API (POST /api/v1/versions), the CLI (artifacts.json on import) and export → import of the
// server's own data must agree on it.

const { db } = withOwnDatabase('mgr_api_artifacts');

let engineer: string;
let component: string;
beforeAll(async () => {
  engineer = (await tokenFor('engineer')).token;
  component = (await makeComponent()).key;
});

const ESCAPING = ['../../x', '../x', 'a/../../x', 'a/..', '..', '/etc/passwd', '/x', '\\\\server\\share\\x', '..\\..\\x', 'a\\..\\..\\x', 'C:\\x', 'C:/x', 'a/./b', './x', 'a//b', 'a/', 'x\u0001y'];
const FINE = ['model.pt', 'weights/ema.safetensors', 'a/b/c.bin', 'model.v1.pt', '.hidden', 's3://bucket/models/model.pt'];

describe('artifact paths: the API refuses what climbs out of the version folder', () => {
  it.each(ESCAPING)('POST /api/v1/versions with artifact path %j → 400 naming artifacts.0.path, nothing written', async (p) => {
    const before = await counts(db());
    const r = await call(versionsRoute.POST, 'POST', '/api/v1/versions', {
      token: engineer,
      body: versionBody(component, { artifacts: [{ path: p, sha256: 'a'.repeat(64), sizeBytes: 1 }] }),
    });
    expect(r.status, r.text).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(Object.keys(r.json.errors as Record<string, string[]>)).toContain('artifacts.0.path');
    expect(await counts(db())).toEqual(before);
  });

  it.each(FINE)('accepts %j', async (p) => {
    const r = await call(versionsRoute.POST, 'POST', '/api/v1/versions', {
      token: engineer,
      body: versionBody(component, { artifacts: [{ path: p, sha256: 'a'.repeat(64), sizeBytes: 1 }] }),
    });
    expect(r.status, r.text).toBe(201);
  });
});

describe('artifact paths: the CLI applies the same rule', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('an artifacts.json entry is accepted by import exactly when the shared schema accepts it', async () => {
    const root = path.join(os.tmpdir(), `mgr-artifacts-${process.pid}-${Date.now().toString(36)}`);
    dirs.push(root);
    const all = [...ESCAPING, ...FINE];
    for (const [i, p] of all.entries()) {
      const dir = path.join(root, 'models', 'base', `v3.0.${i}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'metadata.json'), JSON.stringify({ model_id: `pib-vg-base-diffusion-3.0.${i}-20230615` }));
      await writeFile(path.join(dir, 'artifacts.json'), JSON.stringify([{ path: p, sha256: 'b'.repeat(64), sizeBytes: 2 }]));
    }
    const { items } = await readTree(root);
    for (const [i, p] of all.entries()) {
      const item = items.find((x) => x.path === `models/base/v3.0.${i}`)!;
      const serverAccepts = ArtifactInputSchema.safeParse({ path: p, sha256: 'b'.repeat(64), sizeBytes: 2 }).success;
      expect(serverAccepts, p).toBe(FINE.includes(p));
      if (serverAccepts) expect(item.problems, p).toEqual([]);
      else expect(item.problems.map(formatProblem), p).toEqual([`models/base/v3.0.${i}/artifacts.json[0].path: must be a relative path inside the version folder (no .., no leading / or drive letter, no backslash, no empty or . segment)`]);
    }
  });
});
