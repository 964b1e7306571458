// Part of `npm run bench`: the time to generate a quarterly audit (report, PDF, JSON, Markdown and
// the bundle with its events and checkpoints) for a full quarter of the 10k-version scale set.
// The quarter (2024Q1) gets, for every bench version, a unit test run and development → testing →
// staging; every 25th version of a component goes to production through an approved committee
// request (two votes, RAI passed), deprecating the one before; four audit events per version in a
// valid hash chain, with a signed checkpoint at the quarter's end. Seeded in SQL (bench data).
import { sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { computeEventHash, GENESIS_HASH } from '../lib/audit/event-hash';
import { eventMac, signingKey } from '../lib/audit/signing-key';
import { checkpointPayload } from '../lib/audit/verify-events';
import type { Db } from '../lib/db';

const Q_START = Date.UTC(2024, 0, 1);
const Q_MS = Date.UTC(2024, 3, 1) - Q_START;
const H = 3_600_000;

type Log = (m: string) => void;

async function insertRows(c: pg.Client, table: string, columns: string[], rows: unknown[][], batch = 1000) {
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const params: unknown[] = [];
    const values = chunk.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`).join(', ');
    await c.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, params);
  }
}

export async function seedQuarter(c: pg.Client, log: Log): Promise<{ versions: number; transitions: number; events: number; promotions: number }> {
  const users = ['eng', 'c1', 'c2', 'c3', 'aud'].map((k) => `bench_${k}`);
  const roles = ['engineer', 'committee', 'committee', 'committee', 'auditor'];
  await insertRows(c, 'users', ['id', 'email', 'name', 'role', 'updated_at'], users.map((id, i) => [id, `${id}@bench.local`, id, roles[i], new Date()]));
  const versions = (await c.query<{ id: string; model_id: string; component_id: string }>(
    `SELECT id, model_id, component_id FROM model_versions WHERE id LIKE 'bv\\_%' ORDER BY component_id, major, minor, patch`)).rows;
  const key = signingKey();
  const tests: unknown[][] = [];
  const transitions: unknown[][] = [];
  const requests: unknown[][] = [];
  const votes: unknown[][] = [];
  const rai: unknown[][] = [];
  const events: { at: Date; action: string; entityId: string; change: Record<string, unknown> }[] = [];
  const lastProd = new Map<string, string>();
  let promotions = 0;
  versions.forEach((v, i) => {
    const d = new Date(Q_START + Math.floor((i / versions.length) * (Q_MS - 4 * H)));
    const at = (h: number) => new Date(d.getTime() + h * H);
    tests.push([`${v.id}_qt`, v.id, 'unit', 120, 0, at(0)]);
    transitions.push([`${v.id}_q1`, v.id, 'development', 'testing', 'Passes unit tests', 'bench_eng', 'bench_eng@bench.local', null, at(1)]);
    transitions.push([`${v.id}_q2`, v.id, 'testing', 'staging', 'Meets performance metrics', 'bench_eng', 'bench_eng@bench.local', null, at(2)]);
    events.push({ at: at(0), action: 'test_result.add', entityId: v.id, change: { modelId: v.model_id, passed: 120, failed: 0 } });
    events.push({ at: at(1), action: 'version.transition', entityId: v.id, change: { modelId: v.model_id, from: 'development', to: 'testing' } });
    events.push({ at: at(2), action: 'version.transition', entityId: v.id, change: { modelId: v.model_id, from: 'testing', to: 'staging' } });
    if (i % 25 === 0) {
      promotions += 1;
      const req = `${v.id}_qr`;
      requests.push([req, v.id, 'committee', 'approved', 'bench_eng', 'bench promotion', 2, at(2.2), at(3)]);
      votes.push([`${req}_v1`, req, 'bench_c1', 'approve', 'ok', at(2.5)], [`${req}_v2`, req, 'bench_c2', 'approve', 'ok', at(3)]);
      rai.push([`${v.id}_qa`, v.id, 'pass', 'bench_c3', at(2.1)]);
      const prev = lastProd.get(v.component_id);
      if (prev) transitions.push([`${prev}_q4`, prev, 'production', 'deprecated', 'new version available', 'bench_c2', 'system', req, at(3)]);
      transitions.push([`${v.id}_q3`, v.id, 'staging', 'production', 'approved by committee', 'bench_c2', 'bench_c2@bench.local', req, at(3)]);
      lastProd.set(v.component_id, v.id);
      events.push({ at: at(3), action: 'version.transition', entityId: v.id, change: { modelId: v.model_id, from: 'staging', to: 'production', requestId: req } });
    }
  });
  await insertRows(c, 'test_results', ['id', 'version_id', 'suite', 'passed', 'failed', 'run_at'], tests);
  await insertRows(c, 'status_transitions', ['id', 'version_id', 'from_status', 'to_status', 'reason', 'actor_id', 'actor_label', 'request_id', 'at'],
    transitions.map((t) => [...t.slice(0, 5), t[5] === 'bench_eng' || t[5] === 'bench_c2' ? t[5] : null, ...t.slice(6)]));
  await insertRows(c, 'promotion_requests', ['id', 'version_id', 'kind', 'status', 'requested_by_id', 'reason', 'quorum', 'created_at', 'decided_at'], requests);
  await insertRows(c, 'votes', ['id', 'request_id', 'voter_id', 'decision', 'comment', 'created_at'], votes);
  await insertRows(c, 'rai_assessments', ['id', 'version_id', 'result', 'reviewer_id', 'assessed_at'], rai);
  log(`quarter 2024Q1: ${transitions.length} transitions, ${promotions} promotions; hashing ${events.length} audit events`);
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  let prev = GENESIS_HASH;
  const rows = events.map((e, i) => {
    const t = e.at.toISOString();
    const body = { seq: i + 1, v: 2, occurredAt: t, recordedAt: t, actorType: 'user', actorId: 'bench_eng', actorLabel: 'bench_eng@bench.local', action: e.action, entityType: 'model_version', entityId: e.entityId, change: e.change };
    const hash = computeEventHash(prev, body);
    const row = [i + 1, 2, e.at, e.at, 'user', 'bench_eng', 'bench_eng@bench.local', e.action, 'model_version', e.entityId, JSON.stringify(e.change), prev, hash, eventMac(key, hash)];
    prev = hash;
    return row;
  });
  await insertRows(c, 'audit_events', ['seq', 'hash_version', 'occurred_at', 'recorded_at', 'actor_type', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'change', 'prev_hash', 'hash', 'mac'], rows, 500);
  const end = { seq: rows.length, hash: prev, at: new Date(Q_START + Q_MS - 1000).toISOString(), reason: 'bench quarter end', keyId: key.keyId };
  await insertRows(c, 'audit_checkpoints', ['seq', 'hash', 'at', 'reason', 'key_id', 'public_key', 'signature'],
    [[end.seq, end.hash, new Date(end.at), end.reason, end.keyId, key.publicKeyPem, sign(null, checkpointPayload(end), key.privateKey).toString('base64')]]);
  await c.query('ANALYZE');
  return { versions: versions.length, transitions: transitions.length, events: rows.length, promotions };
}

/**
 * Generation of the 2024Q1 snapshot, timed as a running server would do it: after a warm-up of an
 * empty quarter (module loading, Prisma's query compiler, pdfkit's fonts) and one full generation
 * of the quarter (the JIT warms up on the big reads, checks and PDF), `rounds` generations are
 * timed and the median is the figure. The warm generation's time is returned too (`firstMs`):
 * the first snapshot after a server starts takes about that long.
 */
export async function timeQuarterlyAudit(db: Db, rounds = 3): Promise<{ ms: number; runsMs: number[]; firstMs: number; checks: number; files: { name: string; sizeBytes: number }[]; steps: string[] }> {
  const { contextFor } = await import('../lib/context');
  const { quarterOf } = await import('../lib/quarterly-audit/quarter');
  const { generateQuarterlyAudit } = await import('../lib/quarterly-audit/snapshot');
  const ctx = contextFor({ type: 'user', id: 'bench_aud', label: 'bench_aud@bench.local', role: 'auditor', senior: false }, { db });
  await generateQuarterlyAudit(ctx, quarterOf(2023, 4));
  const once = async () => {
    const t = performance.now();
    const steps: string[] = [];
    let last = t;
    let lastStep = 'start';
    const g = await generateQuarterlyAudit(ctx, quarterOf(2024, 1), (_p, step) => {
      const now = performance.now();
      steps.push(`${lastStep} ${Math.round(now - last)} ms`);
      last = now;
      lastStep = step;
    });
    return { ms: performance.now() - t, checks: g.report.checks.length, files: g.files, steps };
  };
  const first = await once();
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < Math.max(1, rounds); i++) runs.push(await once());
  const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  return { ...median, runsMs: runs.map((r) => r.ms), firstMs: first.ms };
}
