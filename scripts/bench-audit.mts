// `npm run bench` part 2: how long `verify` takes over a long audit chain (goal: 1M events ≤ 10 s).
// Its own database; the events are computed here exactly as appendAuditEvent would (hash v2,
// canonical JSON, MAC) and bulk-inserted, a checkpoint is signed 1,000 events before the head, and
// verifyAuditChain (what the API, the CLI and the audit page run) is timed over the whole chain.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const BATCH = 10_000;

export async function benchAuditVerify(opts: { serverUrl: string; events: number; keep: boolean; log: (m: string) => void }): Promise<{ events: number; verifyMs: number; ok: boolean }> {
  const { log } = opts;
  const dbName = `mgr_bench_audit_${randomBytes(4).toString('hex')}`;
  const urlFor = (database: string) => {
    const u = new URL(opts.serverUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const url = urlFor(dbName);
  const adminQuery = async (sql: string) => {
    const c = new pg.Client({ connectionString: urlFor('postgres') });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await adminQuery(`CREATE DATABASE "${dbName}"`);
  const raw = new pg.Client({ connectionString: url });
  try {
    execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] });
    const { generateSigningKeyPem, signingKey, eventMac } = await import('../lib/audit/signing-key');
    process.env.AUDIT_SIGNING_KEY ??= generateSigningKeyPem();
    const key = signingKey();
    const { computeEventHash, GENESIS_HASH } = await import('../lib/audit/event-hash');
    const { createCheckpoint } = await import('../lib/audit/checkpoint');
    const { verifyAuditChain } = await import('../lib/audit/chain');
    const { createPrismaClient } = await import('../lib/db');
    const { contextFor } = await import('../lib/context');
    const { SYSTEM_ACTOR } = await import('../lib/auth/permissions');
    const db = createPrismaClient(url);
    await raw.connect();

    let prevHash = GENESIS_HASH;
    const start = Date.parse('2023-01-01T00:00:00Z');
    const insert = async (from: number, to: number) => {
      const cols: unknown[][] = Array.from({ length: 9 }, () => []);
      for (let seq = from; seq <= to; seq++) {
        const t = new Date(start + seq * 1000).toISOString();
        const change = { entryId: `e${seq}`, text: `bench event ${seq}` };
        const e = { seq, v: 2, occurredAt: t, recordedAt: t, actorType: 'system', actorId: null, actorLabel: 'system', action: 'incident.log', entityType: 'incident', entityId: `inc${seq % 997}`, change };
        const hash = computeEventHash(prevHash, e);
        const row = [seq, t, e.entityId, JSON.stringify(change), prevHash, hash, eventMac(key, hash)];
        row.forEach((v, i) => cols[i].push(v));
        prevHash = hash;
      }
      await raw.query(
        `INSERT INTO audit_events (seq, hash_version, occurred_at, recorded_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, change, prev_hash, hash, mac)
         SELECT s, 2, t, t, 'system', NULL, 'system', 'incident.log', 'incident', eid, c::jsonb, p, h, m
         FROM unnest($1::int[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(s, t, eid, c, p, h, m)`,
        cols.slice(0, 7),
      );
    };
    const covered = Math.max(0, opts.events - 1000);
    const seedStarted = performance.now();
    for (let from = 1; from <= opts.events; from += BATCH) {
      const to = Math.min(opts.events, from + BATCH - 1);
      if (from <= covered && to > covered) {
        await insert(from, covered);
        await createCheckpoint(contextFor(SYSTEM_ACTOR, { db }), 'bench');
        await insert(covered + 1, to);
      } else {
        await insert(from, to);
        if (to === covered) await createCheckpoint(contextFor(SYSTEM_ACTOR, { db }), 'bench');
      }
      if (to % 200_000 === 0) log(`audit chain: ${to} events`);
    }
    await raw.query('VACUUM ANALYZE audit_events');
    log(`audit chain: ${opts.events} events written and a checkpoint signed at seq ${covered} in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const t0 = performance.now();
    const result = await verifyAuditChain(db);
    const verifyMs = performance.now() - t0;
    log(`verifyAuditChain over ${opts.events} events: ${(verifyMs / 1000).toFixed(2)} s (${result.ok ? 'ok' : `BROKEN: ${result.reason}`}; goal ≤ 10 s for 1M)`);
    await db.$disconnect();
    return { events: opts.events, verifyMs, ok: result.ok };
  } finally {
    await raw.end().catch(() => undefined);
    if (opts.keep) log(`kept database ${dbName}`);
    else await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

// Run on its own: npx tsx scripts/bench-audit.mts --events=1000000
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
  const t = performance.now();
  benchAuditVerify({
    serverUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    events: Number(arg('events', '1000000')),
    keep: process.argv.includes('--keep'),
    log: (m) => console.log(`[bench-audit ${((performance.now() - t) / 1000).toFixed(1)}s] ${m}`),
  }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
