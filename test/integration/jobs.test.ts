import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/chain';
import { createPrismaClient, type Db } from '@/lib/db';
import type { VersionStatus } from '@/lib/generated/prisma/enums';
import { latestCheckpoint } from '@/lib/audit/checkpoint';
import { flagOverdueRatifications, flagOverdueRcas, JOBS, RATIFICATION_OVERDUE_ACTION, RCA_OVERDUE_ACTION } from '@/lib/jobs/handlers';
import { JOBS_SCHEMA, startJobs, startJobsForServer, type JobRunner } from '@/lib/jobs/queue';
import { archiveExpiredVersions } from '@/lib/services/transition-version';
import { WEBHOOK_QUEUE } from '@/lib/jobs/webhook-queue';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox';
import { generateWebhookSecret } from '@/lib/webhooks/signature';
import { startReceiver } from '../webhook-receiver';
import { createDatabaseFromTemplate } from '../db';

// The jobs act on everything in the database (every expired version, every overdue incident), so
// they run on a database of their own, cloned from the run's migrated template. The handlers get
// that database's client explicitly; anything that fell back to the suite's client would show up
// as a missing archive or flag here.
const DAY = 86_400_000;
let db: Db;
let url: string;
let dbName: string;
let drop: () => Promise<void>;
let componentId: string;
let componentKey: string;
let userId: string;
let patch = 0;

beforeAll(async () => {
  const created = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_jobs');
  drop = created.drop;
  url = created.url;
  dbName = created.name;
  db = createPrismaClient(created.url);
  componentKey = `c${randomBytes(4).toString('hex')}`;
  componentId = (await db.component.create({ data: { key: componentKey, folder: componentKey, name: componentKey }, select: { id: true } })).id;
  const email = `eng${randomBytes(4).toString('hex')}@test.local`;
  userId = (await db.user.create({ data: { email, name: email, role: 'engineer' }, select: { id: true } })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

/** A version in a given status since a given time (set directly: the jobs only read these). */
async function version(status: VersionStatus, statusChangedAt: Date) {
  patch += 1;
  const v = `1.0.${patch}`;
  return db.modelVersion.create({
    data: {
      modelId: `pib-vg-${componentKey}-diffusion-${v}-20230615`,
      componentId, architecture: 'diffusion', version: v, major: 1, minor: 0, patch,
      releaseDate: new Date('2023-06-15'), status, statusChangedAt,
    },
    select: { id: true, modelId: true },
  });
}

async function incident(p: { rcaDueAt: Date; rcaSubmittedAt?: Date }) {
  const v = await version('deprecated', new Date());
  return db.incident.create({
    data: {
      versionId: v.id, title: `incident on ${v.modelId}`, openedById: userId, openedAt: new Date(p.rcaDueAt.getTime() - 86_400_000),
      rcaDueAt: p.rcaDueAt, rcaSubmittedAt: p.rcaSubmittedAt ?? null, status: p.rcaSubmittedAt ? 'resolved' : 'open',
    },
    select: { id: true },
  });
}

async function ratification(p: { dueAt: Date | null; status?: 'open' | 'approved'; kind?: 'ratification' | 'committee' }) {
  const v = await version('staging', new Date());
  return db.promotionRequest.create({
    data: { versionId: v.id, kind: p.kind ?? 'ratification', status: p.status ?? 'open', requestedById: userId, quorum: 2, dueAt: p.dueAt },
    select: { id: true },
  });
}

async function eventsFor(action: string, entityId: string) {
  return db.auditEvent.findMany({ where: { action, entityId }, select: { actorType: true, actorLabel: true, entityType: true, change: true } });
}

describe('job handlers', () => {
  it('archive exactly the deprecated versions whose grace period ended, as the system, once', async () => {
    const now = new Date();
    const expired1 = await version('deprecated', new Date(now.getTime() - 91 * DAY));
    const expired2 = await version('deprecated', new Date(now.getTime() - 400 * DAY));
    const inGrace = await version('deprecated', new Date(now.getTime() - 89 * DAY));
    const oldStaging = await version('staging', new Date(now.getTime() - 500 * DAY));
    const oldDevelopment = await version('development', new Date(now.getTime() - 500 * DAY));

    const first = await archiveExpiredVersions({ db, now: () => now });
    expect(first.archived.sort()).toEqual([expired1.modelId, expired2.modelId].sort());

    const statuses = await db.modelVersion.findMany({
      where: { id: { in: [expired1.id, expired2.id, inGrace.id, oldStaging.id, oldDevelopment.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [expired1.id]: 'archived', [expired2.id]: 'archived', [inGrace.id]: 'deprecated',
      [oldStaging.id]: 'staging', [oldDevelopment.id]: 'development',
    });
    const transition = await db.statusTransition.findFirstOrThrow({ where: { versionId: expired1.id }, select: { fromStatus: true, toStatus: true, actorLabel: true, actorId: true } });
    expect(transition).toEqual({ fromStatus: 'deprecated', toStatus: 'archived', actorLabel: 'system', actorId: null });
    const audit = await eventsFor('version.transition', expired1.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'system', change: { from: 'deprecated', to: 'archived' } });

    expect(await archiveExpiredVersions({ db, now: () => now })).toEqual({ archived: [] });
    // Two days later the one still in its grace period is due too.
    expect(await archiveExpiredVersions({ db, now: () => new Date(now.getTime() + 2 * DAY) })).toEqual({ archived: [inGrace.modelId] });
  });

  it('flag each overdue RCA once, as the system, and nothing else', async () => {
    const now = new Date();
    const overdue = await incident({ rcaDueAt: new Date(now.getTime() - 3_600_000) });
    const submitted = await incident({ rcaDueAt: new Date(now.getTime() - 3_600_000), rcaSubmittedAt: new Date(now.getTime() - 7_200_000) });
    const notYetDue = await incident({ rcaDueAt: new Date(now.getTime() + 3_600_000) });

    const first = await flagOverdueRcas({ db, now });
    expect(first.flagged).toEqual([overdue.id]);
    const events = await eventsFor(RCA_OVERDUE_ACTION, overdue.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'system', actorLabel: 'system', entityType: 'incident' });
    expect(events[0].change).toMatchObject({ rcaDueAt: new Date(now.getTime() - 3_600_000).toISOString() });

    expect(await flagOverdueRcas({ db, now })).toEqual({ flagged: [] });
    expect(await eventsFor(RCA_OVERDUE_ACTION, overdue.id)).toHaveLength(1);
    expect(await eventsFor(RCA_OVERDUE_ACTION, submitted.id)).toHaveLength(0);

    // Later the other open one is overdue too; the submitted one never is.
    expect(await flagOverdueRcas({ db, now: new Date(now.getTime() + 2 * 3_600_000) })).toEqual({ flagged: [notYetDue.id] });
    expect(await eventsFor(RCA_OVERDUE_ACTION, submitted.id)).toHaveLength(0);
  });

  it('record an RCA flag once even when two runs race', async () => {
    const now = new Date();
    const overdue = await incident({ rcaDueAt: new Date(now.getTime() - 60_000) });
    const results = await Promise.all([flagOverdueRcas({ db, now }), flagOverdueRcas({ db, now }), flagOverdueRcas({ db, now })]);
    expect(results.flatMap((r) => r.flagged)).toEqual([overdue.id]);
    expect(await eventsFor(RCA_OVERDUE_ACTION, overdue.id)).toHaveLength(1);
  });

  it('flag each open ratification past its due date once', async () => {
    const now = new Date();
    const overdue = await ratification({ dueAt: new Date(now.getTime() - DAY) });
    const decided = await ratification({ dueAt: new Date(now.getTime() - DAY), status: 'approved' });
    const notYetDue = await ratification({ dueAt: new Date(now.getTime() + DAY) });
    const committee = await ratification({ dueAt: null, kind: 'committee' });

    expect(await flagOverdueRatifications({ db, now })).toEqual({ flagged: [overdue.id] });
    const events = await eventsFor(RATIFICATION_OVERDUE_ACTION, overdue.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'system', entityType: 'promotion_request' });
    expect(await flagOverdueRatifications({ db, now })).toEqual({ flagged: [] });
    for (const other of [decided, notYetDue, committee]) expect(await eventsFor(RATIFICATION_OVERDUE_ACTION, other.id)).toHaveLength(0);
  });

  it('leave the audit chain verifiable', async () => {
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.count).toBeGreaterThanOrEqual(7);
  });
});

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('pg-boss job queue', () => {
  it('starts on the database, runs a queued archive job in its worker, and stops', async () => {
    const logs: string[] = [];
    const log = (level: string, message: string) => void logs.push(`${level}: ${message}`);
    let runner: JobRunner | null = null;
    let second: JobRunner | null = null;
    try {
      runner = await startJobs({ connectionString: url, db, pollingIntervalSeconds: 1, log });
      // A second instance on the same database finds the queues and schedules already there.
      second = await startJobs({ connectionString: url, db, pollingIntervalSeconds: 1, log });

      const schedules = await runner.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual([...JOBS.map((j) => [j.name, j.cron]), [WEBHOOK_QUEUE, '* * * * *']].sort());

      // Webhook deliveries go out from the queue's own worker, after commit, without being asked.
      const receiver = await startReceiver();
      try {
        await db.setting.upsert({ where: { key: 'webhook_allowed_hosts' }, create: { key: 'webhook_allowed_hosts', value: ['127.0.0.1'] }, update: { value: ['127.0.0.1'] } });
        await db.webhookEndpoint.create({ data: { url: receiver.url, events: ['incident.opened'], secret: generateWebhookSecret(), createdById: userId }, select: { id: true } });
        await enqueueWebhookEvent(db, { type: 'incident.opened', timestamp: new Date().toISOString(), data: { entityId: 'i1' } });
        expect(JSON.parse((await receiver.nth(1)).body)).toMatchObject({ type: 'incident.opened', data: { entityId: 'i1' } });
        await waitFor('the delivery to be recorded', async () => (await db.webhookDelivery.findFirst({ where: { status: 'succeeded' }, select: { id: true } })) ?? null);
      } finally {
        await receiver.close();
      }

      const expired = await version('deprecated', new Date(Date.now() - 120 * DAY));
      const id = await runner.send('archive-expired-versions');
      expect(id).toBeTruthy();
      const job = await waitFor('the archive job to finish', async () => {
        const j = await runner!.boss.getJobById('archive-expired-versions', id!);
        return j && ['completed', 'failed', 'cancelled'].includes(j.state) ? j : null;
      });
      expect(job.state).toBe('completed');
      expect(job.output).toEqual({ archived: [expired.modelId] });
      expect((await db.modelVersion.findUniqueOrThrow({ where: { id: expired.id }, select: { status: true } })).status).toBe('archived');
      expect(logs.some((l) => l.startsWith('info: archive-expired-versions done'))).toBe(true);
      expect((await verifyAuditChain(db)).ok).toBe(true);

      // The daily checkpoint runs on the same queue and signs the head it finds.
      const cpId = await runner.send('audit-checkpoint');
      const cpJob = await waitFor('the checkpoint job to finish', async () => {
        const j = await runner!.boss.getJobById('audit-checkpoint', cpId!);
        return j && ['completed', 'failed', 'cancelled'].includes(j.state) ? j : null;
      });
      expect(cpJob.state).toBe('completed');
      const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
      expect(cpJob.output).toEqual({ seq: head.seq, hash: head.hash });
      expect(await latestCheckpoint(db)).toMatchObject({ seq: head.seq, hash: head.hash, reason: 'daily' });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checkpoint: { seq: head.seq } });
    } finally {
      await second?.stop();
      await runner?.stop();
    }
    expect(logs.filter((l) => l.startsWith('error'))).toEqual([]);

    // Stopped: its pool is closed (no connections of its own left on this database).
    if (!dbName.includes('_embedded_')) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await waitFor('pg-boss connections to close', async () => {
          const { rows } = await client.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'mgr-jobs'`,
          );
          return rows[0].n === 0 ? true : null;
        }, 15_000);
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [JOBS_SCHEMA]);
        expect(rows[0].n).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    }
    await expect(runner!.boss.send('archive-expired-versions', {})).rejects.toThrow();
  });

  it('a queue that cannot start is logged, not thrown, and the caller goes on', async () => {
    const logs: string[] = [];
    const runner = await startJobsForServer({
      connectionString: 'postgresql://postgres@127.0.0.1:1/nothing_here',
      log: (level, message) => void logs.push(`${level}: ${message}`),
    });
    expect(runner).toBeNull();
    expect(logs.some((l) => /^error: job queue not started/.test(l))).toBe(true);
  });
});
