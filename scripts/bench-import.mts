// `mgr import` speed (issue 11): the real CLI (`node bin/mgr.mjs import`) against the real app
// server (scripts/server.mts over the production build) on a database of its own.
//
//  1. creates mgr_bench_import_<rand>, migrates it, adds an engineer and an API token;
//  2. writes a tree of --import-versions (default 1,000) version folders in the seed's layout
//     (metadata.json, config.yaml, a mixed-shape performance.json with 8 metrics, a 4 KiB model.pt);
//  3. starts the server on --import-port (default 3203) and warms it up as a running registry
//     would be (one request to each route the import uses: Next.js loads a route's modules on its
//     first request, ~1-2 s on this machine, which is server start-up, not import time), then
//     times `mgr import TREE` (first import) and the same command again (nothing changed), in
//     --import-rounds rounds (default 3) each on a tree of new versions, and reports the medians;
//  4. stops the server and drops the database unless --keep.
//
// Needs a build (`npm run build`). Alone: `npx tsx scripts/bench-import.mts [--import-versions=1000]`;
// `npm run bench` runs it as its `import` producer (--only=import; skip with --import-versions=0).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { figure, type FigureProducer } from './bench-figures.mts';
import { startApp, type Running } from './bench-http.mts';

const root = path.resolve(import.meta.dirname, '..');

export type ImportBenchResult = {
  versions: number;
  /** Medians over the rounds. */
  firstMs: number;
  rerunMs: number;
  rounds: { firstMs: number; rerunMs: number }[];
  versionsPerSecond: number;
  firstSummary: string;
  rerunSummary: string;
  command: string;
};

type Log = (m: string) => void;

const COMPONENTS = [
  { key: 'base', folder: 'base' },
  { key: 'residual', folder: 'residual' },
  { key: 'super-res', folder: 'super_resolution' },
  { key: 'fact-check', folder: 'fact_checking' },
];

/** A tree of n version folders (n/4 per component) in the seed's layout. */
export async function writeImportTree(dir: string, n: number, round = 0): Promise<void> {
  for (let i = 0; i < n; i++) {
    const c = COMPONENTS[i % COMPONENTS.length];
    const k = Math.floor(i / COMPONENTS.length);
    const version = `${1 + round * 1000 + Math.floor(k / 100)}.${Math.floor(k / 10) % 10}.${k % 10}`;
    const modelId = `pib-vg-${c.key}-diffusion-${version}-20230615`;
    const folder = path.join(dir, 'models', c.folder, `v${version}`);
    await mkdir(folder, { recursive: true });
    const metadata = {
      model_id: modelId,
      description: `Bench model ${modelId}`,
      architecture: { type: 'diffusion', layers: 24, attention_heads: 16, parameters: 1.2e9 },
      training: { dataset: 'pib-video-corpus-2023Q2', samples: 50000, epochs: 100, batch_size: 32, optimizer: 'AdamW', learning_rate: 1e-5 },
      performance: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93, generation_time: '2.3 seconds per frame' },
      authors: ['AI Team'],
      approval: { approved_by: 'Model Governance Committee', approval_date: '2023-06-10', production_date: '2023-06-15' },
    };
    const perf = {
      fvd: 180 + (i % 50),
      is: 70,
      scenarios: { policy_briefing: { fvd: 190.5, temporal_coherence: 0.9 }, emergency_alert: { temporal_coherence: 0.88 } },
      languages: { hi: { temporal_coherence: 0.91 } },
    };
    await writeFile(path.join(folder, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    await writeFile(path.join(folder, 'config.yaml'), `model:\n  layers: 24\n  heads: 16\nseed: ${i}\n`);
    await writeFile(path.join(folder, 'performance.json'), `${JSON.stringify(perf, null, 2)}\n`);
    await writeFile(path.join(folder, 'model.pt'), randomBytes(4096));
  }
}

function urlFor(server: string, database: string): string {
  const u = new URL(server);
  u.pathname = `/${database}`;
  return u.toString();
}

async function sql(url: string, text: string, params: unknown[] = []): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text, params);
  } finally {
    await c.end();
  }
}

function runMgr(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; ms: number }> {
  const t = performance.now();
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/mgr.mjs', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('close', (c) => resolve({ code: c ?? 1, out, ms: performance.now() - t }));
  });
}

/** One request to each route `mgr import` calls (an empty batch is a 400: the route is loaded all the same). */
async function warmUp(base: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${base}/api/v1/components`, { headers }).then((r) => r.text());
  await fetch(`${base}/api/v1/imports/known`, { method: 'POST', headers, body: JSON.stringify({ hashes: [] }) }).then((r) => r.text());
  await fetch(`${base}/api/v1/imports`, { method: 'POST', headers, body: JSON.stringify({ versions: [] }) }).then((r) => r.text());
}

export async function benchImport(opts: { serverUrl: string; versions: number; port: number; keep: boolean; log: Log; rounds: number }): Promise<ImportBenchResult> {
  const { log } = opts;
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('bench-import needs a build: run `npm run build` first');
  const dbName = `mgr_bench_import_${randomBytes(4).toString('hex')}`;
  const dbUrl = urlFor(opts.serverUrl, dbName);
  const tree = await mkdtemp(path.join(tmpdir(), 'mgr-bench-import-'));
  let server: Running | null = null;
  await sql(urlFor(opts.serverUrl, 'postgres'), `CREATE DATABASE "${dbName}"`);
  try {
    await new Promise<void>((resolve, reject) => {
      const p = spawn('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
      p.on('close', (c) => (c === 0 ? resolve() : reject(new Error(`prisma migrate deploy: exit ${c}`))));
    });
    const token = `mgr_${randomBytes(4).toString('hex')}_${randomBytes(24).toString('base64url')}`;
    const userId = `bench${randomBytes(6).toString('hex')}`;
    await sql(dbUrl, `INSERT INTO users (id, email, name, password_hash, role, senior, active, session_version, created_at, updated_at)
                      VALUES ($1, $2, 'Bench engineer', 'x', 'engineer', false, true, 1, now(), now())`, [userId, `${userId}@bench.local`]);
    await sql(dbUrl, `INSERT INTO api_tokens (id, name, prefix, token_hash, kind, role, senior, created_by_id, created_at)
                      VALUES ($1, 'bench-import', $2, $3, 'personal', 'engineer', false, $4, now())`, [`tok${randomBytes(6).toString('hex')}`, token.slice(4, 12), createHash('sha256').update(token).digest('hex'), userId]);
    // Spawned as `node … scripts/server.mts` (bench-http's startApp), not through npx: killing npx
    // left the server holding the pipes, and the bench waited minutes for 'close' at the end.
    server = await startApp({ port: opts.port, databaseUrl: dbUrl });
    const base = server.origin;
    log(`migrated ${dbName}; server up on ${base}`);

    const env = { MGR_URL: base, MGR_TOKEN: token, NO_COLOR: '1' };
    await warmUp(base, token);
    log('warmed up the import routes');
    // Rounds of (first import, unchanged re-run), each on a tree of new versions: the machine is
    // shared and one import is a few seconds, so a single round is at the mercy of a neighbour's
    // build; the figures are the medians.
    const rounds: { firstMs: number; rerunMs: number }[] = [];
    let firstSummary = '';
    let rerunSummary = '';
    for (let round = 0; round < opts.rounds; round++) {
      await rm(tree, { recursive: true, force: true });
      await writeImportTree(tree, opts.versions, round);
      const first = await runMgr(['import', tree], env);
      firstSummary = first.out.trim().split('\n').at(-1) ?? '';
      if (first.code !== 0) throw new Error(`first import failed (exit ${first.code}):\n${first.out.slice(-3000)}`);
      const rerun = await runMgr(['import', tree], env);
      rerunSummary = rerun.out.trim().split('\n').at(-1) ?? '';
      if (rerun.code !== 0) throw new Error(`re-run failed (exit ${rerun.code}):\n${rerun.out.slice(-3000)}`);
      log(`round ${round + 1}/${opts.rounds}: first import ${(first.ms / 1000).toFixed(2)} s (${firstSummary}); unchanged re-run ${(rerun.ms / 1000).toFixed(2)} s (${rerunSummary})`);
      rounds.push({ firstMs: first.ms, rerunMs: rerun.ms });
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const firstMs = median(rounds.map((r) => r.firstMs));
    return {
      versions: opts.versions,
      firstMs,
      rerunMs: median(rounds.map((r) => r.rerunMs)),
      rounds,
      versionsPerSecond: opts.versions / (firstMs / 1000),
      firstSummary,
      rerunSummary,
      command: `MGR_URL=${base} MGR_TOKEN=… node bin/mgr.mjs import TREE   (TREE: ${opts.versions} version folders; median of ${opts.rounds} rounds, first/re-run: ${rounds.map((r) => `${(r.firstMs / 1000).toFixed(2)}/${(r.rerunMs / 1000).toFixed(2)} s`).join(', ')})`,
    };
  } finally {
    await server?.stop();
    await rm(tree, { recursive: true, force: true });
    if (opts.keep) log(`kept database ${dbName}`);
    else await sql(urlFor(opts.serverUrl, 'postgres'), `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

/** The figure as the bench prints it. */
export function formatImportBench(r: ImportBenchResult): string {
  return [
    `mgr import of ${r.versions.toLocaleString('en')} versions: ${(r.firstMs / 1000).toFixed(2)} s = ${r.versionsPerSecond.toFixed(0)} versions/s (median; goal ≥ 200; before issue 11's fixes: 17 in the issue, 112 in one round on 2026-11-30 at load 1–8) — ${r.firstSummary}`,
    `  unchanged re-run: ${(r.rerunMs / 1000).toFixed(2)} s (goal ≤ 3 s; before: 55 s in the issue, 1.96 s in that round) — ${r.rerunSummary}`,
    `  command: ${r.command}`,
  ].join('\n');
}

/**
 * The import's figures in `npm run bench`'s table (--only=import; --import-versions=0 skips it).
 * There is no same-run ceiling to compare an import with, so the baseline column is the goal.
 */
export const producer: FigureProducer = {
  name: 'import',
  run: async (ctx) => {
    const versions = Number(ctx.arg('import-versions', '1000'));
    if (!versions) return [];
    const r = await benchImport({ serverUrl: ctx.serverUrl, versions, port: Number(ctx.arg('import-port', '3203')), rounds: Math.max(1, Number(ctx.arg('import-rounds', '3'))), keep: ctx.keep, log: ctx.log });
    ctx.log(formatImportBench(r));
    const rerunS = r.rerunMs / 1000;
    return [
      figure({ figure: `mgr import of ${versions.toLocaleString('en')} versions`, phase: 'first import', value: r.versionsPerSecond, unit: 'versions/s', baseline: 'goal', baselineValue: 200, goal: '≥ 200 versions/s', ok: r.versionsPerSecond >= 200 }),
      figure({ figure: `mgr import of ${versions.toLocaleString('en')} versions`, phase: 'unchanged re-run', value: rerunS, unit: 's', baseline: 'goal', baselineValue: 3, ratio: 3 / rerunS, goal: '≤ 3 s', ok: rerunS <= 3 }),
    ];
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
  const t0 = performance.now();
  const log: Log = (m) => console.log(`[bench-import ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  benchImport({
    serverUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    versions: Number(arg('import-versions', '1000')),
    port: Number(arg('import-port', '3203')),
    rounds: Math.max(1, Number(arg('import-rounds', '3'))),
    keep: process.argv.includes('--keep'),
    log,
  })
    .then((r) => console.log(`\n${formatImportBench(r)}\n`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
