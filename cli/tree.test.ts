import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTree, put, seedMetadata, tempDir, type GeneratedTree } from './fixtures';
import { formatProblem, hashFile, readTree, scanTree, TreeError, type Item, type VersionItem } from './tree';

let tree: GeneratedTree;
let items: Item[];
let warnings: { path: string; reason: string }[];

beforeAll(async () => {
  tree = await generateTree();
  ({ items, warnings } = await readTree(tree.root));
});
afterAll(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

const problemLines = () => items.flatMap((i) => i.problems.map(formatProblem));
const versionAt = (folder: string) => items.find((i): i is VersionItem => i.kind === 'version' && i.path === folder);

describe('readTree on a generated tree', () => {
  it('accepts every valid version folder and builds the API body', () => {
    for (const v of tree.valid) {
      const item = versionAt(v.folder);
      expect(item, v.folder).toBeDefined();
      expect(item!.problems, v.folder).toEqual([]);
      expect(item!.body).toMatchObject({ modelId: v.modelId, releaseDate: '2023-06-15' });
    }
    const base = versionAt('models/base/v1.1.0')!;
    expect(base.body).toMatchObject({ component: 'base', architecture: 'diffusion', version: '1.1.0', description: 'Model pib-vg-base-diffusion-1.1.0-20230615' });
    expect(base.body!.configYaml).toContain('steps: 50');
    const sr = versionAt('models/super_resolution/v1.0.0')!;
    expect(sr.body).toMatchObject({ component: 'super-res', architecture: 'transformer', version: '1.0.0' });
    expect(versionAt('models/fact_checking/v1.0.0')!.body!.component).toBe('fact-check');
  });

  it('computes each artifact checksum and size (every non-reserved file, including subfolders)', () => {
    for (const v of tree.valid) {
      const item = versionAt(v.folder)!;
      const expected = v.artifacts.map((a) => ({ path: a.rel.slice(v.folder.length + 1), sha256: a.sha256, sizeBytes: a.sizeBytes }));
      expect(item.body!.artifacts).toEqual(expected);
    }
  });

  it('reads performance.json (all sections) and metadata.performance; performance.json wins', () => {
    const m = versionAt('models/base/v1.1.0')!.body!.metrics!;
    const find = (metric: string, scenario?: string, language?: string) => m.find((x) => x.metric === metric && x.scenario === scenario && x.language === language)?.value;
    expect(find('fvd')).toBe(181); // performance.json overall, not metadata's 185.3
    expect(find('is')).toBe(71);
    expect(find('temporal_coherence')).toBe(0.9);
    expect(find('generation_time')).toBe(2.3); // from metadata: "2.3 seconds per frame"
    expect(find('fvd', 'policy_briefing')).toBe(190.5);
    expect(find('temporal_coherence', 'emergency_alert')).toBe(0.88);
    expect(find('temporal_coherence', undefined, 'hi')).toBe(0.91);
    expect(find('fvd', 'instructional', 'hi')).toBe(201.4);
    expect(m).toHaveLength(8);
  });

  it('reports each broken entry with its path and reason', () => {
    const lines = problemLines();
    for (const b of tree.broken) {
      expect(
        lines.some((l) => l.startsWith(`${b.path}:`) && b.reason.test(l)),
        `${b.path} ${b.reason}\n${lines.join('\n')}`,
      ).toBe(true);
    }
  });

  it('names exact reasons for the broken entries', () => {
    const lines = problemLines();
    expect(lines).toContain('models/base/1.0: not a semver folder: "1.0" (expected vMAJOR.MINOR.PATCH, e.g. v1.2.3)');
    expect(lines).toContain('models/base/v9.0.0/metadata.json: model_id: id disagrees with folder: component "residual" but the folder is for "base"');
    expect(lines).toContain('models/base/v9.1.0/metadata.json: model_id: id disagrees with folder: version 9.9.0 but the folder is v9.1.0');
    expect(lines).toContain('models/super_resolution/v9.0.0: missing metadata.json');
    expect(lines).toContain('models/video_enhancer: unknown component folder "video_enhancer" (known: base, residual, super_resolution, fact_checking)');
    expect(lines).toContain('models/fact_checking/v9.1.0/performance.json: fvd: must be a number, got "good" (a text value is a number and its unit, such as "2.3 seconds per frame")');
    expect(lines).toContain('models/residual/v9.1.0/metadata.json: training.epochs: Invalid input: expected number, received string');
    expect(lines).toContain('models/residual/v9.1.0/metadata.json: authors: Invalid input: expected array, received string');
    expect(lines).toContain('config/parameters/lambda_parameters.json[1].base_noise_lambda: λ must be within [0, 1]');
    expect(lines.find((l) => l.startsWith('models/residual/v9.0.0/metadata.json: malformed JSON:'))).toMatch(/\(line 1, column \d+\)$/);
    expect(lines.find((l) => l.startsWith('models/fact_checking/v9.0.0/config.yaml: invalid YAML:'))).toMatch(/line 3/);
    expect(lines.find((l) => l.startsWith('config/parameters/inference_parameters.json: malformed JSON:'))).toBeDefined();
    // Nothing else is rejected.
    expect(items.filter((i) => i.problems.length)).toHaveLength(tree.broken.length);
  });

  it('accepts valid parameter records from arrays and {history: [...]}', () => {
    for (const p of tree.validParams) {
      const item = items.find((i) => i.kind === 'parameter-set' && i.path === p.file && i.index === p.index);
      expect(item, `${p.file}[${p.index}]`).toMatchObject({ parameterId: p.parameterId, problems: [] });
    }
  });

  it('ignores the seed registry folder with a warning', () => {
    expect(warnings).toContainEqual({ path: 'models/registry', reason: 'ignored: the registry folder is not a component' });
  });
});

describe('single cases', () => {
  const dirs: string[] = [];
  const fresh = async () => {
    const d = await tempDir();
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('hashFile: equals the sha256 of the content, for a file read at once (≤ 8 MiB) and one streamed in chunks', async () => {
    const d = await fresh();
    for (const [name, size] of [['small.bin', 3 * 1024 * 1024 + 17], ['big.bin', 9 * 1024 * 1024 + 17], ['empty.bin', 0]] as const) {
      const content = Buffer.alloc(size, 7);
      const w = await put(d, name, content);
      expect(await hashFile(path.join(d, name))).toEqual({ sha256: createHash('sha256').update(await readFile(path.join(d, name))).digest('hex'), sizeBytes: size });
      expect(w.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    }
  });

  it('refuses a FIFO among the artifacts without blocking on it', async () => {
    const d = await fresh();
    await put(d, 'models/base/v1.0.0/metadata.json', JSON.stringify({ model_id: 'pib-vg-base-diffusion-1.0.0-20230615' }));
    execFileSync('mkfifo', [path.join(d, 'models/base/v1.0.0/pipe.pt')]);
    execFileSync('mkfifo', [path.join(d, 'models/base/v1.0.0/config.yaml')]);
    const { items } = await readTree(d);
    const v = items[0] as VersionItem;
    expect(v.problems.map((p) => `${p.path}: ${p.reason}`).sort()).toEqual([
      'models/base/v1.0.0/config.yaml: is not a regular file or folder; refused',
      'models/base/v1.0.0/pipe.pt: is not a regular file or folder; refused',
    ]);
  });

  it('uses artifacts.json for absent binaries and rejects a manifest that disagrees with a present file', async () => {
    const d = await fresh();
    const id = 'pib-vg-base-diffusion-2.0.0-20240101';
    await put(d, 'models/base/v2.0.0/metadata.json', seedMetadata(id));
    const present = await put(d, 'models/base/v2.0.0/model.pt', 'abc');
    const absent = { path: 'weights/ema.safetensors', sha256: 'a'.repeat(64), sizeBytes: 12345 };
    await put(d, 'models/base/v2.0.0/artifacts.json', [absent, { path: 'model.pt', sha256: present.sha256, sizeBytes: present.sizeBytes }]);
    let { items: got } = await readTree(d);
    expect(got[0].problems).toEqual([]);
    expect((got[0] as VersionItem).body!.artifacts).toEqual([{ path: 'model.pt', sha256: present.sha256, sizeBytes: 3 }, absent]);

    await put(d, 'models/base/v2.0.0/artifacts.json', [{ path: 'model.pt', sha256: 'b'.repeat(64), sizeBytes: 3 }]);
    ({ items: got } = await readTree(d));
    expect(got[0].problems.map(formatProblem)).toEqual([
      `models/base/v2.0.0/model.pt: checksum mismatch: artifacts.json says sha256 ${'b'.repeat(64)} (3 bytes), the file has ${present.sha256} (3 bytes)`,
    ]);

    await put(d, 'models/base/v2.0.0/artifacts.json', [{ path: '../escape', sha256: 'c'.repeat(64), sizeBytes: 1 }, { path: 'x', sha256: 'XYZ', sizeBytes: 1 }]);
    ({ items: got } = await readTree(d));
    expect(got[0].problems.map(formatProblem)).toEqual([
      'models/base/v2.0.0/artifacts.json[0].path: must be a relative path inside the version folder (no .., no leading / or drive letter, no backslash, no empty or . segment)',
      'models/base/v2.0.0/artifacts.json[1].sha256: must be 64 lowercase hex characters (SHA-256)',
    ]);
  });

  it('checks artifacts.json with the API\'s own artifact schema: its limit and its messages', async () => {
    const d = await fresh();
    await put(d, 'models/base/v2.0.0/metadata.json', seedMetadata('pib-vg-base-diffusion-2.0.0-20230901'));
    const many = Array.from({ length: 1001 }, (_, i) => ({ path: `shard-${i}.bin`, sha256: 'd'.repeat(64), sizeBytes: 1 }));
    await put(d, 'models/base/v2.0.0/artifacts.json', many);
    let { items: got } = await readTree(d);
    // The API refuses more than 1000 artifacts; the CLI used to find out only when the import was sent.
    expect(got[0].problems.map(formatProblem)).toEqual(['models/base/v2.0.0/artifacts.json: must list at most 1000 artifacts']);

    await put(d, 'models/base/v2.0.0/artifacts.json', { artifacts: [{ path: 'a.bin', sha256: 'd'.repeat(64), sizeBytes: '12' }] });
    ({ items: got } = await readTree(d));
    expect(got[0].problems.map(formatProblem)).toEqual(['models/base/v2.0.0/artifacts.json[0].sizeBytes: must be a non-negative integer']);
  });

  it('rejects a model_id that breaks the naming convention, a bad date and an architecture mismatch', async () => {
    const d = await fresh();
    await put(d, 'models/base/v1.0.0/metadata.json', { model_id: 'base-1.0.0' });
    await put(d, 'models/base/v1.0.1/metadata.json', { model_id: 'pib-vg-base-diffusion-1.0.1-20231345' });
    await put(d, 'models/base/v1.0.2/metadata.json', { ...seedMetadata('pib-vg-base-diffusion-1.0.2-20230615'), architecture: { type: 'transformer' } });
    await put(d, 'models/base/v1.0.3/metadata.json', { description: 'no id' });
    await put(d, 'models/base/v1.0.4/metadata.json', '[1, 2]');
    const { items: got } = await readTree(d);
    expect(got.flatMap((i) => i.problems.map(formatProblem))).toEqual([
      'models/base/v1.0.0/metadata.json: model_id: "base-1.0.0" does not follow the naming convention pib-vg-{component}-{architecture}-{MAJOR.MINOR.PATCH}-{YYYYMMDD}',
      'models/base/v1.0.1/metadata.json: model_id: date 20231345 is not a real date (YYYYMMDD)',
      'models/base/v1.0.2/metadata.json: architecture.type: is "transformer" but model_id says "diffusion"',
      'models/base/v1.0.3/metadata.json: model_id: is required (e.g. pib-vg-base-diffusion-1.2.3-20230615)',
      'models/base/v1.0.4/metadata.json: must be a JSON object',
    ]);
  });

  it('parameter records: wrong file for the kind, missing λ, bad id, duplicate id with other content, non-object file', async () => {
    const d = await fresh();
    const rec = { parameter_id: 'lambda-20230615-1', base_noise_lambda: 0.7, residual_noise_lambda: 0.3, effective_date: '2023-06-15' };
    await put(d, 'config/parameters/lambda_parameters.json', [
      rec,
      { parameter_id: 'training-20230615-1', effective_date: '2023-06-15' },
      { parameter_id: 'lambda-20230615-2', base_noise_lambda: 0.5, effective_date: '2023-06-31' },
      { ...rec, notes: 'changed' },
      'not a record',
      { parameter_id: 'lambda-1', base_noise_lambda: -0.1, residual_noise_lambda: 0.3, effective_date: '2023-06-15' },
    ]);
    await put(d, 'config/parameters/training_parameters.json', { records: [] });
    await put(d, 'config/parameters/readme.json', {});
    const { items: got, warnings: w } = await readTree(d);
    expect(got.flatMap((i) => i.problems.map(formatProblem))).toEqual([
      'config/parameters/lambda_parameters.json[1].parameter_id: is a training parameter set; it belongs in training_parameters.json',
      'config/parameters/lambda_parameters.json[2].effective_date: must be a real date as YYYY-MM-DD',
      'config/parameters/lambda_parameters.json[2].residual_noise_lambda: is required for a λ parameter set',
      'config/parameters/lambda_parameters.json[3].parameter_id: duplicate parameter_id lambda-20230615-1 with different content (first at [0])',
      'config/parameters/lambda_parameters.json[4]: must be an object (a parameter record)',
      'config/parameters/lambda_parameters.json[5].parameter_id: must look like lambda-20230615-1 ({kind}-{YYYYMMDD}-{n})',
      'config/parameters/lambda_parameters.json[5].base_noise_lambda: λ must be within [0, 1]',
      'config/parameters/training_parameters.json: must be an array of parameter records or { "history": [...] }',
    ]);
    expect(w.map((x) => x.path)).toEqual(['config/parameters/readme.json']);
  });

  it('performance.json: unknown sections, bad groups and entries are reported by field', async () => {
    const d = await fresh();
    await put(d, 'models/base/v1.0.0/metadata.json', { ...seedMetadata('pib-vg-base-diffusion-1.0.0-20230615'), performance: { fvd: 185.3, note: 'n/a', is: true } });
    await put(d, 'models/base/v1.0.0/performance.json', {
      overall: { FVD: 180, 'temporal coherence': 0.9 },
      scenarios: { policy_briefing: 3 },
      entries: [{ metric: 'fvd', value: 'x' }, { value: 1 }],
      extra: {},
    });
    const { items: got } = await readTree(d);
    expect(got[0].problems.map(formatProblem)).toEqual([
      'models/base/v1.0.0/performance.json: scenarios.policy_briefing: must be an object of metric → number, got number 3',
      'models/base/v1.0.0/performance.json: entries[0].value: must be a number, got "x" (a text value is a number and its unit, such as "2.3 seconds per frame")',
      'models/base/v1.0.0/performance.json: entries[1].metric: must be a metric name',
      'models/base/v1.0.0/performance.json: extra: ambiguous: an object that is not a section (a scenario? a language?); expected a number, or the sections overall, scenarios, languages or entries',
      'models/base/v1.0.0/metadata.json: performance.is: must be a number or a string such as "2.3 seconds per frame", got boolean true',
    ]);
    expect(got[0].warnings.map(formatProblem)).toEqual(['models/base/v1.0.0/metadata.json: performance.note: no number in "n/a"; not imported as a metric']);
  });

  it('maps metric names to keys and flags duplicates within a file', async () => {
    const d = await fresh();
    await put(d, 'models/base/v1.0.0/metadata.json', { model_id: 'pib-vg-base-diffusion-1.0.0-20230615' });
    await put(d, 'models/base/v1.0.0/performance.json', { FVD: 180, 'Temporal coherence': 0.9, 'inception score': 70 });
    let { items: got } = await readTree(d);
    expect((got[0] as VersionItem).body!.metrics).toEqual([
      { metric: 'fvd', value: 180 },
      { metric: 'temporal_coherence', value: 0.9 },
      { metric: 'is', value: 70 },
    ]);
    await put(d, 'models/base/v1.0.0/performance.json', { FVD: 180, fvd: 181 });
    ({ items: got } = await readTree(d));
    expect(got[0].problems.map(formatProblem)).toEqual(['models/base/v1.0.0/performance.json: fvd: duplicate of FVD (both are fvd)']);
  });

  it('refuses a directory without the layout, and accepts extra component mappings', async () => {
    const d = await fresh();
    await expect(scanTree(d)).rejects.toBeInstanceOf(TreeError);
    await expect(scanTree(path.join(d, 'nope'))).rejects.toThrow(/not a directory/);
    await put(d, 'models/video_enhancer/v1.0.0/metadata.json', { model_id: 'pib-vg-enhancer-gan-1.0.0-20230615' });
    const { items: got } = await readTree(d, { componentFolders: { video_enhancer: 'enhancer' } });
    expect(got[0].problems).toEqual([]);
    expect((got[0] as VersionItem).body).toMatchObject({ component: 'enhancer', architecture: 'gan' });
  });
});

describe('symbolic links are refused, never followed, never silent', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a symlinked config.yaml, metadata.json, performance.json, artifact or parameter file is a problem naming the path', async () => {
    const d = await tempDir();
    const outside = await tempDir();
    dirs.push(d, outside);
    const secret = await put(outside, 'passwd', 'root:x:0:0:root:/root:/bin/bash\n');
    const secretPath = path.join(outside, 'passwd');
    const secretJson = path.join(outside, 'secret.json');
    await put(outside, 'secret.json', { fvd: 1, secret: 'TOPSECRET' });

    // v1.0.0: valid metadata, config.yaml → the password file
    await put(d, 'models/base/v1.0.0/metadata.json', seedMetadata('pib-vg-base-diffusion-1.0.0-20230615'));
    await symlink(secretPath, path.join(d, 'models/base/v1.0.0/config.yaml'));
    // v1.0.1: metadata.json and performance.json are symlinks
    await put(d, 'models/base/v1.0.1/model.pt', 'weights');
    await symlink(secretPath, path.join(d, 'models/base/v1.0.1/metadata.json'));
    await symlink(secretJson, path.join(d, 'models/base/v1.0.1/performance.json'));
    // v1.0.2: an artifact (and a folder of artifacts) are symlinks
    await put(d, 'models/base/v1.0.2/metadata.json', seedMetadata('pib-vg-base-diffusion-1.0.2-20230615'));
    await put(d, 'models/base/v1.0.2/model.pt', 'weights');
    await symlink(secretPath, path.join(d, 'models/base/v1.0.2/ema.pt'));
    await symlink(outside, path.join(d, 'models/base/v1.0.2/weights'));
    // a version folder that is a symlink
    await symlink(path.join(d, 'models/base/v1.0.0'), path.join(d, 'models/base/v1.0.3'));
    // a parameter file that is a symlink
    await mkdir(path.join(d, 'config/parameters'), { recursive: true });
    await symlink(secretJson, path.join(d, 'config/parameters/lambda_parameters.json'));

    const { items: got } = await readTree(d);
    const lines = got.flatMap((i) => i.problems.map(formatProblem));
    const refused = (p: string) => `${p}: is a symbolic link; refused (links are never followed)`;
    expect(lines).toContain(refused('models/base/v1.0.0/config.yaml'));
    expect(lines).toContain(refused('models/base/v1.0.1/metadata.json'));
    expect(lines).toContain(refused('models/base/v1.0.1/performance.json'));
    expect(lines).toContain(refused('models/base/v1.0.2/ema.pt'));
    expect(lines).toContain(refused('models/base/v1.0.2/weights'));
    expect(lines).toContain(refused('models/base/v1.0.3'));
    expect(lines).toContain(refused('config/parameters/lambda_parameters.json'));
    // Nothing of the targets leaks: no body, no content in any message.
    for (const i of got) {
      if (i.kind === 'version') expect(i.body, i.path).toBeNull();
    }
    expect(lines.join('\n')).not.toMatch(/root:x|TOPSECRET/);
    expect(JSON.stringify(got)).not.toContain(secret.sha256);
  });

  it('the models/ or config/parameters/ folder itself may not be a symlink', async () => {
    const d = await tempDir();
    const real = await tempDir();
    dirs.push(d, real);
    await put(real, 'base/v1.0.0/metadata.json', seedMetadata('pib-vg-base-diffusion-1.0.0-20230615'));
    await symlink(real, path.join(d, 'models'));
    await mkdir(path.join(d, 'config'));
    await symlink(real, path.join(d, 'config/parameters'));
    const { items: got } = await readTree(d);
    expect(got.flatMap((i) => i.problems.map(formatProblem))).toEqual([
      'models: is a symbolic link; refused (links are never followed)',
      'config/parameters: is a symbolic link; refused (links are never followed)',
    ]);
  });
});
