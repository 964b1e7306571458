// `npm run bench` — server time of the engineer's reads at scale (a benchmark, not a test).
//
//  1. creates its own database mgr_bench_<rand> on the server of DATABASE_URL (default
//     postgresql://postgres@127.0.0.1:5432/postgres) and migrates it;
//  2. seeds 100 versions and measures a baseline (SELECT 1 round trip and every read at 100);
//  3. bulk-seeds up to 10,000 versions with ~1M metric rows (server-side multi-row INSERT … SELECT,
//     not through the services: this is bench data, not a story);
//  4. measures p50/p95 of the query functions the pages call (N runs after a warm-up) and prints
//     a table with ratios against the baseline;
//  5. drops the database unless --keep.
//
//  6. times `verify` of the audit chain over --audit-events (default 1,000,000) events in a
//     database of its own (scripts/bench-audit.mts; goal ≤ 10 s).
//
// Options: --versions=10000 --runs=50 --warmup=5 --keep --json=bench-results/bench.json
//          --audit-events=1000000 (0 skips it) --only=audit (just the audit chain)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchAuditVerify } from './bench-audit.mts';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const KEEP = process.argv.includes('--keep');
const TOTAL_VERSIONS = Number(arg('versions', '10000'));
const RUNS = Number(arg('runs', '50'));
const WARMUP = Number(arg('warmup', '5'));
const JSON_OUT = arg('json', path.join('bench-results', 'bench.json'));
const COMPONENTS = ['base', 'residual', 'super-res', 'fact-check'];
const PER_COMPONENT = Math.ceil(TOTAL_VERSIONS / COMPONENTS.length);
const BASELINE_PER_COMPONENT = 25; // 100 versions

const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const dbName = `mgr_bench_${randomBytes(4).toString('hex')}`;
const urlFor = (database: string) => {
  const u = new URL(server);
  u.pathname = `/${database}`;
  return u.toString();
};
const benchUrl = urlFor(dbName);
const t0 = performance.now();
const log = (m: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: urlFor('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Versions n ∈ [from, to) of every component, with artifacts, transitions and 100 metric rows each
 * (4 metrics × 5 scenarios incl. overall × 5 languages incl. all): 10k versions → 1M metrics.
 * Semantic versions major.minor.patch = n/100 . (n/10)%10 . n%10, so text order ≠ semver order.
 */
async function seedRange(c: pg.Client, from: number, to: number) {
  await c.query('BEGIN');
  await c.query(
    `INSERT INTO model_versions (id, model_id, component_id, architecture, version, major, minor, patch, release_date, description,
       metadata, config_yaml, git_commit, git_branch, commit_message, tags, status, status_changed_at, created_at, updated_at)
     SELECT 'bv_' || c.key || '_' || n,
            'pib-vg-' || c.key || '-diffusion-' || (n / 100) || '.' || ((n / 10) % 10) || '.' || (n % 10) || '-' || to_char(DATE '2015-01-01' + n, 'YYYYMMDD'),
            c.id, 'diffusion', (n / 100) || '.' || ((n / 10) % 10) || '.' || (n % 10), n / 100, (n / 10) % 10, n % 10,
            DATE '2015-01-01' + n,
            c.name || ' model ' || n || CASE WHEN n % 97 = 0 THEN ' with a needle for search' ELSE ' with improved temporal consistency' END,
            jsonb_build_object('architecture', jsonb_build_object('type', 'diffusion', 'layers', 24), 'authors', jsonb_build_array('Bench')),
            E'model:\\n  layers: 24\\n  heads: 16\\n',
            substr(md5(c.key || n), 1, 40),
            CASE WHEN n % 50 = 0 THEN 'hotfix/bench-' || n WHEN n % 10 = 0 THEN 'release/v' || n ELSE 'feature/bench' END,
            '[' || upper(c.key) || '] TUNE: bench change ' || n || E'\\n\\nBody.\\n\\nPerformance impact: -3% on FVD, +1% on temporal coherence\\nReviewed-by: Bench',
            CASE WHEN n % 50 = 0 THEN ARRAY['emergency'] WHEN n % 333 = 0 THEN ARRAY['critical-issue'] ELSE ARRAY[]::text[] END,
            (ARRAY['development','testing','staging','deprecated','archived'])[1 + n % 5]::"VersionStatus",
            now(), now(), now()
     FROM components c CROSS JOIN generate_series($1::int, $2::int - 1) AS n
     WHERE c.key = ANY($3)`,
    [from, to, COMPONENTS],
  );
  await c.query(
    `INSERT INTO artifacts (id, version_id, path, sha256, size_bytes)
     SELECT v.id || '_' || p.path, v.id, p.path, md5(v.id || p.path) || md5(p.path || v.id), p.size
     FROM model_versions v CROSS JOIN (VALUES ('model.pt', 5000000000::bigint), ('config.yaml', 1874::bigint)) AS p(path, size)
     WHERE v.id LIKE 'bv\\_%' AND v.major * 100 + v.minor * 10 + v.patch >= $1 AND v.major * 100 + v.minor * 10 + v.patch < $2`,
    [from, to],
  );
  await c.query(
    `INSERT INTO status_transitions (id, version_id, from_status, to_status, reason, actor_label, at)
     SELECT v.id || '_t0', v.id, NULL, 'development', 'registered', 'bench', now() FROM model_versions v
     WHERE v.id LIKE 'bv\\_%' AND v.major * 100 + v.minor * 10 + v.patch >= $1 AND v.major * 100 + v.minor * 10 + v.patch < $2`,
    [from, to],
  );
  await c.query(
    `INSERT INTO metrics (id, version_id, definition_id, scenario, language, value, recorded_at)
     SELECT v.id || '_' || d.key || '_' || s.s || '_' || l.l, v.id, d.id, s.s, l.l,
            CASE d.key
              WHEN 'fvd' THEN 150 + 100 * random()
              WHEN 'is' THEN 50 + 30 * random()
              WHEN 'temporal_coherence' THEN 0.8 + 0.19 * random()
              ELSE 1 + 3 * random() END,
            now()
     FROM model_versions v
     CROSS JOIN metric_definitions d
     CROSS JOIN (VALUES (''), ('policy_briefing'), ('emergency_alert'), ('instructional'), ('public_service')) AS s(s)
     CROSS JOIN (VALUES (''), ('en'), ('hi'), ('ta'), ('bn')) AS l(l)
     WHERE v.id LIKE 'bv\\_%' AND v.major * 100 + v.minor * 10 + v.patch >= $1 AND v.major * 100 + v.minor * 10 + v.patch < $2`,
    [from, to],
  );
  await c.query('COMMIT');
}

type Stat = { name: string; phase: string; n: number; p50: number; p95: number; mean: number; min: number; max: number };

function quantile(sorted: number[], q: number) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

async function measure(phase: string, name: string, fn: (i: number) => Promise<unknown>): Promise<Stat> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn(i);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const stat = { name, phase, n: RUNS, p50: quantile(times, 0.5), p95: quantile(times, 0.95), mean: times.reduce((a, b) => a + b, 0) / times.length, min: times[0], max: times[times.length - 1] };
  log(`${phase.padEnd(6)} ${name.padEnd(34)} p50 ${stat.p50.toFixed(2)} ms  p95 ${stat.p95.toFixed(2)} ms`);
  return stat;
}

async function main() {
  log(`creating database ${dbName}`);
  await admin(`CREATE DATABASE "${dbName}"`);
  const raw = new pg.Client({ connectionString: benchUrl });
  try {
    execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: benchUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
    log('migrated');
    // The app's modules read DATABASE_URL on first use: point them at the bench database first.
    process.env.DATABASE_URL = benchUrl;
    // A throwaway key signs the bench's audit checkpoints (never a real one).
    process.env.AUDIT_SIGNING_KEY = (await import('../lib/audit/signing-key')).generateSigningKeyPem();
    const { prisma } = await import('../lib/db');
    const { listModelVersions } = await import('../lib/queries/version-list');
    const { getVersionDetail } = await import('../lib/queries/version-detail');
    const { compareVersions } = await import('../lib/queries/version-compare');
    const { metricHistory } = await import('../lib/queries/metric-history');
    const { contextFor } = await import('../lib/context');
    const viewer = contextFor({ type: 'user' as const, id: 'bench-viewer', label: 'bench@bench.local', role: 'viewer' as const, senior: false });
    const q = { listModelVersions, getModelVersionDetail: getVersionDetail, compareModelVersions: compareVersions, metricHistory };

    await raw.connect();
    await seedRange(raw, 0, BASELINE_PER_COMPONENT);
    await raw.query('ANALYZE');
    const small = (await raw.query<{ n: number; m: number }>('SELECT (SELECT count(*)::int FROM model_versions) AS n, (SELECT count(*)::int FROM metrics) AS m')).rows[0];
    log(`seeded ${small.n} versions, ${small.m} metric rows`);

    const idsOf = async (limit: number) =>
      (await raw.query<{ id: string }>(`SELECT id FROM model_versions WHERE component_id = 'cmp_base' ORDER BY major, minor, patch LIMIT $1`, [limit])).rows.map((r) => r.id);

    const cases = (ids: string[]) => {
      const pick = (i: number) => ids[(i * 7919) % ids.length];
      return [
        ['SELECT 1 (round trip)', () => prisma.$queryRaw`SELECT 1`],
        ['list: default sort, page 1', () => q.listModelVersions(viewer, {})],
        ['list: semver sort, page 40', () => q.listModelVersions(viewer, { sort: 'version', order: 'desc', page: 40 })],
        ['list: component+status filter', () => q.listModelVersions(viewer, { component: 'residual', status: 'testing' })],
        ['search: q=needle', () => q.listModelVersions(viewer, { q: 'needle' })],
        ['search: q=model id part', () => q.listModelVersions(viewer, { q: 'base-diffusion-1.2' })],
        ['version page: detail', (i: number) => q.getModelVersionDetail(viewer, pick(i))],
        ['compare: 3 versions', (i: number) => q.compareModelVersions(viewer, [pick(i), pick(i + 1), pick(i + 2)])],
        ['metric history (≤200 points)', () => q.metricHistory(viewer, 'base', 'fvd', '', 200)],
      ] as [string, (i: number) => Promise<unknown>][];
    };

    const stats: Stat[] = [];
    const baseIds = await idsOf(BASELINE_PER_COMPONENT);
    // Warm the process (JIT, Prisma's query compiler, the pool) so the baseline is not a cold start.
    for (let i = 0; i < 30; i++) for (const [, fn] of cases(baseIds)) await fn(i);
    for (const [name, fn] of cases(baseIds)) stats.push(await measure('@100', name, fn));

    log(`bulk-seeding to ${PER_COMPONENT * COMPONENTS.length} versions`);
    const chunk = 250;
    for (let from = BASELINE_PER_COMPONENT; from < PER_COMPONENT; from += chunk) {
      await seedRange(raw, from, Math.min(PER_COMPONENT, from + chunk));
    }
    await raw.query('VACUUM ANALYZE');
    const big = (await raw.query<{ n: number; m: number }>('SELECT (SELECT count(*)::int FROM model_versions) AS n, (SELECT count(*)::int FROM metrics) AS m')).rows[0];
    log(`seeded ${big.n} versions, ${big.m} metric rows`);

    const bigIds = await idsOf(PER_COMPONENT);
    const hist = await q.metricHistory(viewer, 'base', 'fvd', '', 200);
    log(`metric history: ${hist?.total} points downsampled to ${hist?.points.length}`);
    for (const [name, fn] of cases(bigIds)) stats.push(await measure(`@${Math.round(big.n / 1000)}k`, name, fn));

    // Table with ratios: against the round trip of the same phase, and against the same read at 100.
    const rt = (phase: string) => stats.find((s) => s.phase === phase && s.name.startsWith('SELECT 1'))!.p50;
    const at100 = (name: string) => stats.find((s) => s.phase === '@100' && s.name === name)!;
    const rows = stats.map((s) => ({
      phase: s.phase,
      read: s.name,
      p50: s.p50.toFixed(2),
      p95: s.p95.toFixed(2),
      'p50/RT': (s.p50 / rt(s.phase)).toFixed(1),
      'p50/@100': s.phase === '@100' ? '1.0' : (s.p50 / at100(s.name).p50).toFixed(1),
    }));
    const headers = Object.keys(rows[0]) as (keyof (typeof rows)[number])[];
    const width = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ')} |`;
    console.log(`\nServer time in ms over ${RUNS} runs after ${WARMUP} warm-up runs (${small.n} → ${big.n} versions, ${small.m} → ${big.m} metric rows; RT = SELECT 1 round trip)\n`);
    console.log(line(headers.map(String)));
    console.log(`|${width.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    for (const r of rows) console.log(line(headers.map((h) => r[h])));
    console.log('');
    // Quarterly audit for a full quarter of the scale set (goal ≤ 5 s): scripts/bench-quarterly-audit.mts.
    const qa = await import('./bench-quarterly-audit.mts');
    const seeded = await qa.seedQuarter(raw, log);
    const audit = await qa.timeQuarterlyAudit(prisma);
    const size = audit.files.map((f) => `${f.name} ${(f.sizeBytes / 1024).toFixed(0)} KiB`).join(', ');
    console.log(`\nQuarterly audit bundle, 2024Q1 of the scale set (${seeded.versions} versions, ${seeded.transitions} transitions, ${seeded.promotions} promotions, ${seeded.events} audit events; ${audit.checks} checks): ${(audit.ms / 1000).toFixed(2)} s (goal ≤ 5 s)`);
    console.log(`  files: ${size}`);
    console.log(`  steps: ${audit.steps.join(' · ')}\n`);
    mkdirSync(path.dirname(path.resolve(root, JSON_OUT)), { recursive: true });
    writeFileSync(path.resolve(root, JSON_OUT), JSON.stringify({ at: new Date().toISOString(), versions: big.n, metrics: big.m, runs: RUNS, warmup: WARMUP, stats, quarterlyAudit: { ...seeded, ms: audit.ms, checks: audit.checks } }, null, 2));
    log(`wrote ${JSON_OUT}`);
    await prisma.$disconnect();
  } finally {
    await raw.end().catch(() => undefined);
    if (KEEP) log(`kept database ${dbName} (${benchUrl})`);
    else {
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      log(`dropped ${dbName}`);
    }
  }
}

const AUDIT_EVENTS = Number(arg('audit-events', '1000000'));

async function run() {
  if (arg('only', '') !== 'audit') await main();
  if (AUDIT_EVENTS > 0) {
    const r = await benchAuditVerify({ serverUrl: server, events: AUDIT_EVENTS, keep: KEEP, log });
    console.log(`\nAudit chain: verify over ${r.events.toLocaleString('en')} events took ${(r.verifyMs / 1000).toFixed(2)} s (${r.ok ? 'ok' : 'BROKEN'}; goal ≤ 10 s)\n`);
  }
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
