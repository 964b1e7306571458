// Test fixtures: a generated tree in the seed's layout with valid and broken entries.
// Used by the unit tests (tree.test.ts) and the end-to-end test (import.e2e.test.ts).

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Written = { rel: string; sha256: string; sizeBytes: number };

export async function tempDir(prefix = 'mgr-tree-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function put(root: string, rel: string, content: string | Buffer | object): Promise<Written> {
  const file = path.join(root, rel);
  await mkdir(path.dirname(file), { recursive: true });
  const data = typeof content === 'string' || Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`;
  await writeFile(file, data);
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return { rel, sha256: createHash('sha256').update(buf).digest('hex'), sizeBytes: buf.length };
}

export function seedMetadata(modelId: string, arch = 'diffusion'): Record<string, unknown> {
  return {
    model_id: modelId,
    description: `Model ${modelId}`,
    architecture: { type: arch, layers: 24, attention_heads: 16, parameters: 1.2e9 },
    training: { dataset: 'pib-video-corpus-2023Q2', samples: 50000, epochs: 100, batch_size: 32, optimizer: 'AdamW', learning_rate: 1e-5, training_time: '120 hours', hardware: '8x A100 GPUs' },
    performance: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93, generation_time: '2.3 seconds per frame' },
    dependencies: { pytorch: '2.0.1', diffusers: '0.16.1', transformers: '4.29.2' },
    authors: ['AI Team', 'Video Quality Team'],
    approval: { approved_by: 'Model Governance Committee', approval_date: '2023-06-10', production_date: '2023-06-15' },
    changelog: ['Improved temporal consistency in high-motion scenes'],
  };
}

export type GeneratedTree = {
  root: string;
  /** Version folders that are valid, with their model ids and artifact checksums. */
  valid: { folder: string; modelId: string; artifacts: Written[] }[];
  /** Valid parameter records (file, index, parameter_id). */
  validParams: { file: string; index: number; parameterId: string }[];
  /** Expected rejections: path prefix and a reason fragment. */
  broken: { path: string; reason: RegExp }[];
};

/**
 * A tree with valid versions of every seed component, valid λ/training/inference records, and
 * one broken entry of each kind. `tag` makes component-version pairs unique per test run: the
 * versions are {major}.{minor}.{patch} with the patch derived from tag so runs don't collide on a
 * shared database.
 */
export async function generateTree(opts: { root?: string; major?: number; patch?: number; day?: string } = {}): Promise<GeneratedTree> {
  const root = opts.root ?? (await tempDir());
  const major = opts.major ?? 1;
  const patch = opts.patch ?? 0;
  const day = opts.day ?? '20230615';
  const dayIso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
  const tree: GeneratedTree = { root, valid: [], validParams: [], broken: [] };

  const components: [folder: string, key: string, arch: string][] = [
    ['base', 'base', 'diffusion'],
    ['residual', 'residual', 'diffusion'],
    ['super_resolution', 'super-res', 'transformer'],
    ['fact_checking', 'fact-check', 'transformer'],
  ];
  for (const [folder, key, arch] of components) {
    for (const minor of [0, 1]) {
      const version = `${major}.${minor}.${patch}`;
      const modelId = `pib-vg-${key}-${arch}-${version}-${day}`;
      const dir = `models/${folder}/v${version}`;
      await put(root, `${dir}/metadata.json`, seedMetadata(modelId, arch));
      await put(root, `${dir}/config.yaml`, `model:\n  name: ${modelId}\n  layers: 24\nsampler:\n  steps: 50\n`);
      await put(root, `${dir}/performance.json`, {
        overall: { fvd: 180 + minor, is: 70 + minor, temporal_coherence: 0.9 },
        scenarios: { policy_briefing: { fvd: 190.5 }, emergency_alert: { temporal_coherence: 0.88 } },
        languages: { hi: { temporal_coherence: 0.91 } },
        entries: [{ metric: 'fvd', scenario: 'instructional', language: 'hi', value: 201.4 }],
      });
      const model = await put(root, `${dir}/model.pt`, randomBytes(64 * 1024 + minor));
      const tokenizer = await put(root, `${dir}/tokenizer/vocab.txt`, `vocab ${modelId}\n`);
      tree.valid.push({ folder: dir, modelId, artifacts: [model, tokenizer] });
    }
  }

  // Broken entries, one per kind of problem.
  const bad = (p: string, reason: RegExp) => tree.broken.push({ path: p, reason });
  await put(root, 'models/base/1.0/metadata.json', seedMetadata('pib-vg-base-diffusion-1.0.0-20230615'));
  bad('models/base/1.0', /not a semver folder/);
  await put(root, `models/base/v9.0.${patch}/metadata.json`, seedMetadata(`pib-vg-residual-diffusion-9.0.${patch}-${day}`));
  bad(`models/base/v9.0.${patch}/metadata.json`, /id disagrees with folder: component "residual"/);
  await put(root, `models/base/v9.1.${patch}/metadata.json`, seedMetadata(`pib-vg-base-diffusion-9.9.${patch}-${day}`));
  bad(`models/base/v9.1.${patch}/metadata.json`, /id disagrees with folder: version 9\.9\./);
  await put(root, `models/residual/v9.0.${patch}/metadata.json`, '{ "model_id": "pib-vg-residual-diffusion-9.0.0-20230615", }');
  bad(`models/residual/v9.0.${patch}/metadata.json`, /malformed JSON/);
  await put(root, `models/residual/v9.1.${patch}/metadata.json`, { ...seedMetadata(`pib-vg-residual-diffusion-9.1.${patch}-${day}`), training: { epochs: 'many' }, authors: 'AI Team' });
  bad(`models/residual/v9.1.${patch}/metadata.json`, /expected number/);
  await put(root, `models/super_resolution/v9.0.${patch}/model.pt`, 'weights');
  bad(`models/super_resolution/v9.0.${patch}`, /missing metadata\.json/);
  await put(root, `models/video_enhancer/v1.0.0/metadata.json`, seedMetadata('pib-vg-enhancer-gan-1.0.0-20230615', 'gan'));
  bad('models/video_enhancer', /unknown component folder/);
  await put(root, `models/fact_checking/v9.0.${patch}/metadata.json`, seedMetadata(`pib-vg-fact-check-transformer-9.0.${patch}-${day}`, 'transformer'));
  await put(root, `models/fact_checking/v9.0.${patch}/config.yaml`, 'model:\n  name: [unclosed\n  layers: 2\n');
  bad(`models/fact_checking/v9.0.${patch}/config.yaml`, /invalid YAML/);
  await put(root, `models/fact_checking/v9.1.${patch}/metadata.json`, seedMetadata(`pib-vg-fact-check-transformer-9.1.${patch}-${day}`, 'transformer'));
  await put(root, `models/fact_checking/v9.1.${patch}/performance.json`, { fvd: 'good', is: 72.6 });
  bad(`models/fact_checking/v9.1.${patch}/performance.json`, /must be a number, got "good"/);
  // The seed's old registry folder is ignored, not rejected.
  await put(root, 'models/registry/model_registry.db', 'sqlite');

  // Parameter files: history arrays, and { history: [...] }.
  const suffix = `${patch}`;
  const lambdaOk = (n: string, base: number, res: number) => ({
    parameter_id: `lambda-${day}-${n}`,
    base_noise_lambda: base,
    residual_noise_lambda: res,
    effective_date: dayIso,
    approved_by: 'Model Governance Committee',
    performance_metrics: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93 },
    tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'Optimized for better temporal consistency in rapid motion scenes',
  });
  await put(root, 'config/parameters/lambda_parameters.json', [
    lambdaOk(`${suffix}1`, 0.7, 0.3),
    lambdaOk(`${suffix}2`, 1.4, 0.3),
    lambdaOk(`${suffix}3`, 0.6, 0.4),
  ]);
  tree.validParams.push({ file: 'config/parameters/lambda_parameters.json', index: 0, parameterId: `lambda-${day}-${suffix}1` });
  tree.validParams.push({ file: 'config/parameters/lambda_parameters.json', index: 2, parameterId: `lambda-${day}-${suffix}3` });
  bad('config/parameters/lambda_parameters.json[1].base_noise_lambda', /λ must be within \[0, 1\]/);
  await put(root, 'config/parameters/training_parameters.json', {
    history: [{ parameter_id: `training-${day}-${suffix}1`, effective_date: dayIso, parameters: { learning_rate: 1e-5, batch_size: 32 }, notes: 'baseline' }],
  });
  tree.validParams.push({ file: 'config/parameters/training_parameters.json', index: 0, parameterId: `training-${day}-${suffix}1` });
  await put(root, 'config/parameters/inference_parameters.json', '[{"parameter_id": "inference-20230615-1",');
  bad('config/parameters/inference_parameters.json', /malformed JSON/);

  return tree;
}

const BIN = path.resolve(__dirname, '..', 'bin', 'mgr.mjs');

export type RunResult = { code: number; stdout: string; stderr: string };

/** Run the real binary (node bin/mgr.mjs) in a clean environment, from / unless cwd is given. */
export function mgr(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: opts.cwd ?? '/',
        // Only what the CLI needs: no MGR_* leaking in from the developer's shell.
        env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...(opts.env ?? {}) },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** What a stub registry was sent. */
export type SeenRequest = { method: string; path: string; auth?: string; body: unknown };
/** The stub's answer to one request: status and JSON body (problem+json when ≥ 300). */
export type StubAnswer = (req: { method: string; path: string; raw: string }) => [number, unknown];

/** The answer for "METHOD /path" from a table, else 404 as problem+json. */
export function answersFrom(table: Record<string, [number, unknown]>): StubAnswer {
  return ({ method, path }) => table[`${method} ${path}`] ?? [404, { type: 'x', title: 'Not found', status: 404, detail: `${path} not found` }];
}

/**
 * A stub registry on a free loopback port that records each request (method, path with query,
 * Authorization, JSON body) and answers from `answer`, for testing what mgr sends and prints.
 */
export async function stubRegistry(answer: StubAnswer): Promise<{ url: string; seen: SeenRequest[]; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      seen.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
      const [status, body] = answer({ method: req.method ?? '', path, raw });
      res.writeHead(status, { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}
