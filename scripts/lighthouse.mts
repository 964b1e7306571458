// `npm run lighthouse` (or `npm run bench -- --lighthouse`) — mobile Lighthouse 12 over every page,
// median of N runs (a measurement, not a test).
//
//  1. starts the production server on --port (default 3208) through scripts/start.mts on a database
//     of its own, mgr_lighthouse_<port>, on the server of DATABASE_URL (default the local
//     PostgreSQL), with the demo story (MGR_SEED=1); start.mts builds first when the sources are
//     newer than the build (--build forces `npm run build`). --url=http://… measures a server that
//     is already running instead (its demo accounts must exist).
//  2. signs each role in by posting next-auth's credentials form with fetch (demo accounts,
//     password demo1234) and passes the session cookie to Lighthouse as an extra header; requests
//     each page once, unmeasured, so no run pays for a route's first load on the server;
//  3. runs the Lighthouse CLI (mobile defaults: simulated slow 4G and 4× CPU slowdown) --runs times
//     per page on Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), one fresh browser
//     per run, and prints the median score of each category per page, with the median run's
//     metrics and the scripts that cost the most main-thread time (bootup-time);
//  4. measures the floor first, with the same settings in the same run: a bare Next.js App Router
//     app (scripts/lighthouse-floor: no stylesheet, no client component, no app code) built and
//     served with this repository's next and react on --port + 10, its "hello" page and a page with
//     a 25-row server-rendered table; each page's score is also given as a ratio to the bare table
//     (the host's speed moves every score; the ratio says what is the app's and what the framework's
//     on this machine). --no-floor skips it;
//  5. writes every run's scores and the medians as JSON (--json, default
//     bench-results/lighthouse.json) and stops the servers it started.
//
// Options: --runs=3 --pages=dashboard,versions,… --port=3208 --url=… --no-floor --build --fresh (drop and
//          re-seed the database) --json=… --reports=DIR (keep each run's full JSON report)
//          --cpu=N (CPU slowdown multiplier instead of the default 4) --calibrate (choose it from
//          this machine's Lighthouse BenchmarkIndex, as Lighthouse's docs/throttling.md says to:
//          the 4× default assumes a high-end desktop, BenchmarkIndex 1500–2000; a low-end
//          desktop, 1000–1500, reaches the same mid-tier phone at about 2×)
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

type Role = 'admin' | 'committee' | 'engineer' | 'auditor';
const ACCOUNTS: Record<Role, string> = {
  admin: 'admin@demo.local',
  committee: 'chair@demo.local',
  engineer: 'engineer@demo.local',
  auditor: 'auditor@demo.local',
};
type Refs = { version: string; compare: string[] };
type PageSpec = { name: string; role: Role; path: (r: Refs) => string };
/** Each page as the role that uses it most (the committee votes on approvals, auditors audit). */
export const PAGES: PageSpec[] = [
  { name: 'dashboard', role: 'engineer', path: () => '/' },
  { name: 'versions', role: 'engineer', path: () => '/versions' },
  { name: 'version', role: 'engineer', path: (r) => `/versions/${encodeURIComponent(r.version)}` },
  { name: 'compare', role: 'engineer', path: (r) => `/compare?${r.compare.map((m) => `v=${encodeURIComponent(m)}`).join('&')}` },
  { name: 'approvals', role: 'committee', path: () => '/approvals' },
  { name: 'parameters', role: 'engineer', path: () => '/parameters' },
  { name: 'audit', role: 'auditor', path: () => '/audit' },
  { name: 'audits', role: 'auditor', path: () => '/audits' },
  { name: 'production', role: 'engineer', path: () => '/production' },
  { name: 'incidents', role: 'engineer', path: () => '/incidents' },
  { name: 'admin', role: 'admin', path: () => '/admin' },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const;
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic';

export type PageResult = {
  page: string;
  url: string;
  /** null for the floor's pages (no account) */
  role: Role | null;
  /** a page of the bare Next.js app (scripts/lighthouse-floor), not of the product */
  floor?: boolean;
  runs: Record<Category, number>[];
  median: Record<Category, number>;
  /** of the run with the median performance score */
  metrics: Record<string, number>;
  bootup: { url: string; scriptingMs: number; totalMs: number }[];
  failing: string[];
  /** Lighthouse's BenchmarkIndex of this machine, median over the page's runs */
  benchmarkIndex: number;
};
/** The CPU slowdown the last runLighthouse used (4 unless --cpu or --calibrate). */
const calibration = { cpu: 4 };
export type LighthouseOptions = { cpu?: number; calibrate?: boolean; runs?: number; pages?: string[]; port?: number; url?: string; build?: boolean; fresh?: boolean; floor?: boolean; reportsDir?: string; log?: (m: string) => void };

/** The floor's pages (scripts/lighthouse-floor/app): the framework alone; the table is the baseline of the ratios. */
export const FLOOR_PAGES = [
  { name: 'bare next', path: '/', baseline: false },
  { name: 'bare table', path: '/table', baseline: true },
] as const;
const BASELINE = FLOOR_PAGES.find((p) => p.baseline)!.name;
const FLOOR_DIR = 'scripts/lighthouse-floor';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function databaseUrl(port: number): string {
  const u = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/mgr_lighthouse_${port}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The production server through scripts/start.mts, in a process group of its own (to stop it whole). */
async function startServer(port: number, dbUrl: string, log: (m: string) => void): Promise<ChildProcess> {
  const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsx, 'scripts/start.mts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: dbUrl, MGR_SEED: '1', PORT: String(port), HOST: '127.0.0.1', NEXTAUTH_SECRET: randomBytes(32).toString('hex'), NEXTAUTH_URL: `http://127.0.0.1:${port}` },
  });
  log(`starting the server on port ${port} (scripts/start.mts; builds first if the sources changed)`);
  return whenReady(child, `http://127.0.0.1:${port}/api/v1/health`, 'the server');
}

/**
 * The floor (scripts/lighthouse-floor), built with this repository's Next.js (~15 s) and served by
 * `next start` on its own port: what the framework alone costs on this machine.
 */
async function startFloor(port: number, log: (m: string) => void): Promise<ChildProcess> {
  const next = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };
  log(`building the floor: a bare Next.js App Router app (${FLOOR_DIR})`);
  await run(process.execPath, [next, 'build', FLOOR_DIR], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
  const child = spawn(process.execPath, [next, 'start', FLOOR_DIR, '-p', String(port), '-H', '127.0.0.1'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  log(`starting the floor on port ${port}`);
  return whenReady(child, `http://127.0.0.1:${port}/`, 'the floor');
}

/** Resolves with the child once `url` answers 2xx; rejects with its last output if it exits first. */
async function whenReady(child: ChildProcess, url: string, what: string): Promise<ChildProcess> {
  let output = '';
  const keep = (b: Buffer) => (output = (output + b.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`))));
  const ready = (async () => {
    for (;;) {
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  await Promise.race([ready, exited]);
  child.removeAllListeners('exit');
  return child;
}

function stopServer(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/** A session cookie for the account: next-auth's CSRF token, then its credentials callback. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password: 'demo1234', callbackUrl: `${base}/`, json: 'true' }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /session-token=/.test(c));
  if (!session) throw new Error(`signing in as ${email} failed (HTTP ${res.status}); is the demo loaded?`);
  return session;
}

async function refs(dbUrl: string | null, base: string, cookie: string): Promise<Refs> {
  if (dbUrl) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      // The production version of the first component (the richest page: history, approvals) and its predecessors.
      const { rows } = await c.query<{ model_id: string }>(
        `SELECT v.model_id FROM model_versions v JOIN model_versions p ON p.component_id = v.component_id AND p.status = 'production'
         WHERE v.release_date <= p.release_date ORDER BY p.model_id, v.release_date DESC LIMIT 3`,
      );
      if (rows.length >= 2) return { version: rows[0].model_id, compare: rows.map((r) => r.model_id).reverse() };
    } finally {
      await c.end();
    }
  }
  // A running server of unknown database: the first versions its API lists.
  const res = await fetch(`${base}/api/v1/versions?limit=3`, { headers: { cookie } });
  const body = (await res.json()) as { items?: { modelId: string }[]; data?: { modelId: string }[] };
  const ids = (body.items ?? body.data ?? []).map((v) => v.modelId);
  if (ids.length < 2) throw new Error('could not find versions to open and compare');
  return { version: ids[0], compare: ids.slice(0, 3) };
}

/**
 * The CPU slowdown that takes this machine to Lighthouse's mid-tier phone, from its BenchmarkIndex
 * (Lighthouse docs/throttling.md, "Calibrating the CPU slowdown"): 4× from a high-end desktop
 * (≥ 1500), 2× from the bottom of the low-end desktop bracket (1000), linear in between, and
 * 2× (the table's figure for a high-end phone) below it.
 */
export function calibratedMultiplier(benchmarkIndex: number): number {
  if (benchmarkIndex >= 1500) return 4;
  if (benchmarkIndex >= 1000) return Math.round((2 + (2 * (benchmarkIndex - 1000)) / 500) * 10) / 10;
  return 2;
}

async function lighthouseOnce(url: string, cookie: string | null, reportPath: string, log: (m: string) => void, cpu?: number): Promise<Record<string, unknown>> {
  const cli = createRequire(path.join(root, 'package.json')).resolve('lighthouse/cli/index.js');
  const args = [cli, url, '--output=json', `--output-path=${reportPath}`, '--quiet', `--chrome-flags=${CHROME_FLAGS}`];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  if (cpu) args.push(`--throttling.cpuSlowdownMultiplier=${cpu}`);
  const options = { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 };
  // On a loaded or slow machine Lighthouse now and then loses the trace (NO_NAVSTART) and exits 1;
  // twice in a row happened too (2026-12-01, BenchmarkIndex ~1,100): up to three tries.
  for (let attempt = 1; ; attempt++) {
    try {
      await run(process.execPath, args, options);
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      log(`${url}: ${String((e as { stderr?: string }).stderr ?? e).trim().split('\n')[0]} — running it again`);
    }
  }
  return JSON.parse(readFileSync(reportPath, 'utf8')) as Record<string, unknown>;
}

type Lhr = {
  finalDisplayedUrl: string;
  environment?: { benchmarkIndex?: number };
  categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number; scoreDisplayMode: string; details?: { items?: { url: string; scripting?: number; total?: number }[] } }>;
};

export async function runLighthouse(opts: LighthouseOptions = {}): Promise<PageResult[]> {
  const log = opts.log ?? ((m: string) => console.log(`[lighthouse] ${m}`));
  const runs = opts.runs ?? 3;
  const port = opts.port ?? 3208;
  const pages = opts.pages?.length ? PAGES.filter((p) => opts.pages!.includes(p.name)) : PAGES;
  const dbUrl = opts.url ? null : databaseUrl(port);
  let server: ChildProcess | null = null;
  let floorServer: ChildProcess | null = null;
  const floorPort = port + 10;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mgr-lighthouse-'));
  try {
    if (dbUrl && opts.fresh) await adminQuery(dbUrl, `DROP DATABASE IF EXISTS "${new URL(dbUrl).pathname.slice(1)}" WITH (FORCE)`);
    if (opts.build) {
      log('npm run build');
      await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    }
    if (dbUrl) server = await startServer(port, dbUrl, log);
    if (opts.floor !== false) floorServer = await startFloor(floorPort, log);
    const base = opts.url?.replace(/\/$/, '') ?? `http://127.0.0.1:${port}`;
    const cookies = new Map<Role, string>();
    for (const role of new Set(pages.map((p) => p.role))) cookies.set(role, await signIn(base, ACCOUNTS[role]));
    const r = await refs(dbUrl, base, cookies.get('engineer') ?? [...cookies.values()][0]);
    // One unmeasured request per page first: a server just started loads each route's code on its
    // first request (the dashboard, measured first, showed a 1.6 s server response that way).
    for (const page of pages) await (await fetch(base + page.path(r), { headers: { cookie: cookies.get(page.role)! } })).text();
    let cpu = opts.cpu;
    if (opts.calibrate && !cpu) {
      // One unmeasured run of the first page for the BenchmarkIndex (Lighthouse measures it before each run).
      const probe = (await lighthouseOnce(base + pages[0].path(r), cookies.get(pages[0].role)!, path.join(tmp, 'calibrate.json'), log)) as unknown as Lhr;
      const index = probe.environment?.benchmarkIndex ?? 0;
      cpu = calibratedMultiplier(index);
      log(`BenchmarkIndex ${Math.round(index)}: CPU slowdown ${cpu}× (default 4×)`);
    }
    calibration.cpu = cpu ?? 4;
    const results: PageResult[] = [];
    /** Runs Lighthouse on one page; a page without a role is the floor's (no account, no cookie). */
    const measure = async (name: string, url: string, role: Role | null) => {
      const lhrs: Lhr[] = [];
      const cookie = role ? cookies.get(role)! : null;
      for (let i = 0; i < runs; i++) {
        const reportPath = path.join(opts.reportsDir ?? tmp, `${name.replace(/\W+/g, '-')}-${i + 1}.json`);
        if (opts.reportsDir) mkdirSync(opts.reportsDir, { recursive: true });
        lhrs.push((await lighthouseOnce(url, cookie, reportPath, log, cpu)) as unknown as Lhr);
        if (new URL(lhrs[i].finalDisplayedUrl).pathname.startsWith('/signin')) throw new Error(`${url} redirected to the sign-in page: the session cookie was not accepted`);
      }
      const scores = lhrs.map((l) => Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((l.categories[c].score ?? 0) * 100)])) as Record<Category, number>);
      const med = Object.fromEntries(CATEGORIES.map((c) => [c, median(scores.map((s) => s[c]))])) as Record<Category, number>;
      const byPerf = lhrs.map((l, i) => ({ l, p: scores[i].performance })).sort((a, b) => a.p - b.p);
      const mid = byPerf[Math.floor((byPerf.length - 1) / 2)].l;
      const failing = [...new Set(lhrs.flatMap((l) => (['accessibility', 'best-practices', 'seo'] as const).flatMap((c) => l.categories[c].auditRefs.filter((a) => a.weight > 0 && l.audits[a.id].score !== null && l.audits[a.id].score! < 1).map((a) => `${c}:${a.id}`))))];
      const origin = new URL(url).origin;
      results.push({
        page: name,
        url: url.slice(origin.length),
        role,
        ...(role === null ? { floor: true } : {}),
        runs: scores,
        median: med,
        metrics: Object.fromEntries(METRICS.map((m) => [m, Math.round((mid.audits[m].numericValue ?? 0) * 1000) / 1000])),
        bootup: (mid.audits['bootup-time'].details?.items ?? []).slice(0, 4).map((it) => ({ url: it.url.replace(origin, ''), scriptingMs: Math.round(it.scripting ?? 0), totalMs: Math.round(it.total ?? 0) })),
        failing,
        benchmarkIndex: median(lhrs.map((l) => l.environment?.benchmarkIndex ?? 0)),
      });
      log(`${name.padEnd(10)} ${CATEGORIES.map((c) => `${c} ${med[c]}`).join(' · ')}  (runs: ${scores.map((s) => s.performance).join('/')})`);
    };
    if (floorServer) {
      const floorBase = `http://127.0.0.1:${floorPort}`;
      for (const page of FLOOR_PAGES) await (await fetch(floorBase + page.path)).text();
      for (const page of FLOOR_PAGES) await measure(page.name, floorBase + page.path, null);
    }
    for (const page of pages) await measure(page.name, base + page.path(r), page.role);
    return results;
  } finally {
    if (server) stopServer(server);
    if (floorServer) stopServer(floorServer);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The table: the floor's rows first (when measured), and each page's performance against the bare table's. */
export function lighthouseTable(results: PageResult[]): string {
  const bare = results.find((p) => p.floor && p.page === BASELINE)?.median.performance;
  const head = '| page | performance | vs bare table | accessibility | best practices | SEO | LCP ms | TBT ms | CLS | runs (perf) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const rows = results.map((p) => {
    const vs = bare && !p.floor ? (p.median.performance / bare).toFixed(2) : '';
    const name = p.floor ? `${p.page} (floor)` : p.page;
    return `| ${name} | ${p.median.performance} | ${vs} | ${p.median.accessibility} | ${p.median['best-practices']} | ${p.median.seo} | ${Math.round(p.metrics['largest-contentful-paint'])} | ${Math.round(p.metrics['total-blocking-time'])} | ${p.metrics['cumulative-layout-shift'].toFixed(3)} | ${p.runs.map((s) => s.performance).join(' / ')} |`;
  });
  return [head, ...rows].join('\n');
}

/** Runs, prints the table (with the machine's load: other work skews every figure) and writes the JSON. */
export async function lighthouseReport(opts: LighthouseOptions & { json?: string } = {}): Promise<PageResult[]> {
  const json = opts.json ?? path.join('bench-results', 'lighthouse.json');
  const started = new Date();
  const loadBefore = os.loadavg();
  const results = await runLighthouse(opts);
  const version = (createRequire(path.join(root, 'package.json'))('lighthouse/package.json') as { version: string }).version;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\nLighthouse ${version}, mobile (simulated slow 4G, CPU slowdown ${calibration.cpu}×${calibration.cpu === 4 ? ', the default' : ''}; BenchmarkIndex ${results.map((p) => Math.round(p.benchmarkIndex)).join('/')}), median of ${opts.runs ?? 3} runs per page; load average before ${load(loadBefore)}, after ${load(os.loadavg())}\n`);
  console.log(lighthouseTable(results));
  for (const p of results) if (p.failing.length && !p.floor) console.log(`${p.page}: ${p.failing.join(', ')}`);
  mkdirSync(path.dirname(path.resolve(root, json)), { recursive: true });
  writeFileSync(path.resolve(root, json), JSON.stringify({ started, finished: new Date(), lighthouse: version, cpuSlowdownMultiplier: calibration.cpu, loadBefore, loadAfter: os.loadavg(), results }, null, 2));
  console.log(`\nwrote ${json}`);
  return results;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  await lighthouseReport({
    runs: Number(arg('runs') ?? 3),
    cpu: arg('cpu') ? Number(arg('cpu')) : undefined,
    calibrate: process.argv.includes('--calibrate'),
    pages: arg('pages')?.split(','),
    port: Number(arg('port') ?? 3208),
    url: arg('url'),
    build: process.argv.includes('--build'),
    fresh: process.argv.includes('--fresh'),
    floor: !process.argv.includes('--no-floor'),
    reportsDir: arg('reports'),
    json: arg('json'),
  });
}
