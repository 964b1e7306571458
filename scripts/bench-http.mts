// The HTTP figures of `npm run bench` (issue 11): the app's production server (scripts/server.mts,
// what `npm start` serves) under autocannon with an API token, beside bare node:http + pg servers
// started here that answer the same reads with nothing in between (the ceiling). Also the
// processes the bench needs for that: the app (optionally under --cpu-prof), the bare servers, a
// proxy over two app instances (scripts/bench-proxy.mts), and a personal API token for a viewer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');

export type Running = { origin: string; stop: () => Promise<void>; /** CPU time the process has used (user + system), ms. */ cpuMs?: () => number };

/** CPU time (user + system) of a process so far, from /proc (Linux), in ms. */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

export type CannonResult = { rps: number; p50: number; p97_5: number; p99: number; requests: number; errors: number; non2xx: number };

/** autocannon's programmatic API: `connections` clients for `duration` s; throughput and latency. */
export async function cannon(url: string, opts: { token?: string; connections: number; duration: number }): Promise<CannonResult> {
  const r = await autocannon({ url, connections: opts.connections, duration: opts.duration, headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {} });
  return { rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, requests: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/**
 * Wait for a first good answer (no timeout: under load a route's first request, which loads its
 * code, can take longer than autocannon's 10 s), then a few more, so measuring starts warm.
 */
export async function prime(url: string, token?: string, times = 5): Promise<void> {
  for (let i = 0; i < times; i++) {
    const r = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${url} answered ${r.status} while warming up`);
  }
}

/** A viewer with a personal API token, written straight into the bench database. */
export async function benchToken(db: pg.Client): Promise<string> {
  const userId = `bench_user_${randomBytes(4).toString('hex')}`;
  await db.query(`INSERT INTO users (id, email, name, role, senior, active, created_at, updated_at) VALUES ($1, $2, 'Bench viewer', 'viewer', false, true, now(), now())`, [userId, `${userId}@bench.local`]);
  const token = `mgr_${randomBytes(4).toString('hex')}_${randomBytes(24).toString('base64url')}`;
  await db.query(
    `INSERT INTO api_tokens (id, name, prefix, token_hash, kind, role, senior, created_by_id, created_at)
     VALUES ($1, 'bench', $2, $3, 'personal', 'viewer', false, $4, now())`,
    [`tok_${randomBytes(6).toString('hex')}`, token.slice(4, 12), createHash('sha256').update(token).digest('hex'), userId],
  );
  return token;
}

function waitForReady(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready on/.test(out)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
}

/**
 * The app as `npm start` serves it (scripts/server.mts over the production build in .next), on
 * its own port and database. `cpuProfDir` runs it under `node --cpu-prof` (written at exit).
 */
export async function startApp(opts: { port: number; databaseUrl: string; cpuProfDir?: string; env?: Record<string, string> }): Promise<Running> {
  const args = [...process.execArgv, ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []), path.join(root, 'scripts', 'server.mts')];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(24).toString('hex'),
      NEXTAUTH_URL: `http://127.0.0.1:${opts.port}`,
      MGR_DEMO: '0',
      MGR_JOBS: '0', // a web-only instance: the job queue is not what is measured
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForReady(child, `the app on port ${opts.port}`);
  return {
    origin: `http://127.0.0.1:${opts.port}`,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function closer(server: http.Server, after?: () => Promise<void>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => void (after ? after().then(resolve, resolve) : resolve()));
    });
}

const KEY_METRICS = ['fvd', 'is', 'temporal_coherence', 'generation_time'];

/** The ceiling: the page of 25 versions (newest release first) with their key metrics and the total, in one SQL query. */
const BARE_LIST = `
  SELECT (SELECT count(*)::int FROM model_versions) AS total,
         (SELECT json_agg(p) FROM (
            SELECT v.id, v.model_id AS "modelId", c.key AS component, v.architecture, v.version, v.release_date AS "releaseDate", v.status, v.tags,
                   (SELECT json_object_agg(d.key, m.value) FROM metrics m JOIN metric_definitions d ON d.id = m.definition_id
                     WHERE m.version_id = v.id AND d.key = ANY($1) AND m.scenario = '' AND m.language = '') AS "keyMetrics"
            FROM model_versions v JOIN components c ON c.id = v.component_id
            ORDER BY v.release_date DESC, v.major DESC, v.minor DESC, v.patch DESC, v.id
            LIMIT 25) p) AS items`;

/**
 * The reads of a version's detail as a hand-written server would make them: the version (with its
 * component, registrant and previous version by semver) in one query, then its metrics, tests,
 * artifacts, transitions and the previous version's overall values side by side.
 */
async function bareDetail(pool: pg.Pool, ref: string) {
  const { rows } = await pool.query(
    `SELECT v.*, c.key AS component_key, c.name AS component_name, u.email AS registered_by,
            (SELECT row_to_json(p) FROM (SELECT id, model_id, version, status FROM model_versions w
               WHERE w.component_id = v.component_id AND (w.major, w.minor, w.patch) < (v.major, v.minor, v.patch)
               ORDER BY w.major DESC, w.minor DESC, w.patch DESC LIMIT 1) p) AS previous
     FROM model_versions v JOIN components c ON c.id = v.component_id LEFT JOIN users u ON u.id = v.registered_by_id
     WHERE v.id = $1 OR v.model_id = $1`,
    [ref],
  );
  const v = rows[0];
  if (!v) return null;
  const [metrics, tests, artifacts, transitions, previous] = await Promise.all([
    pool.query(`SELECT d.key AS metric, d.name, d.unit, d.direction, m.scenario, m.language, m.value FROM metrics m JOIN metric_definitions d ON d.id = m.definition_id WHERE m.version_id = $1 ORDER BY d.key, m.scenario, m.language`, [v.id]),
    pool.query(`SELECT id, suite, passed, failed, skipped, ci_run_url, run_at FROM test_results WHERE version_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 100`, [v.id]),
    pool.query(`SELECT path, sha256, size_bytes FROM artifacts WHERE version_id = $1 ORDER BY path`, [v.id]),
    pool.query(`SELECT from_status, to_status, reason, actor_label, request_id, at FROM status_transitions WHERE version_id = $1 ORDER BY at, id`, [v.id]),
    v.previous ? pool.query(`SELECT d.key, m.value FROM metrics m JOIN metric_definitions d ON d.id = m.definition_id WHERE m.version_id = $1 AND m.scenario = '' AND m.language = ''`, [v.previous.id]) : null,
  ]);
  return { ...v, metrics: metrics.rows, testResults: tests.rows, artifacts: artifacts.rows, transitions: transitions.rows, previousValues: previous?.rows ?? [] };
}

/**
 * Bare node:http + pg servers (no framework, no ORM, no authentication): GET /list answers the
 * page of 25 versions with key metrics in one query; GET /versions/{ref} makes the detail's reads.
 */
export async function startBare(opts: { port: number; databaseUrl: string }): Promise<Running> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = req.url ?? '/';
    const work = url.startsWith('/list')
      ? pool.query(BARE_LIST, [KEY_METRICS]).then((r) => send(200, r.rows[0]))
      : url.startsWith('/versions/')
        ? bareDetail(pool, decodeURIComponent(url.slice('/versions/'.length))).then((d) => send(d ? 200 : 404, d))
        : Promise.resolve(send(404, {}));
    work.catch((e: unknown) => send(500, { error: String(e) }));
  });
  await listen(server, opts.port);
  return { origin: `http://127.0.0.1:${opts.port}`, stop: closer(server, () => pool.end()) };
}

/** A round-robin proxy over the given origins: Node's own http client and server, keep-alive upstream. */
export async function startProxy(opts: { port: number; targets: string[] }): Promise<Running> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(opts.targets[next++ % opts.targets.length]);
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, agent, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await listen(server, opts.port);
  return { origin: `http://127.0.0.1:${opts.port}`, stop: closer(server, async () => agent.destroy()) };
}
