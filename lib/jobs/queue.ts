// The Postgres-backed job queue (pg-boss 10, schema `pgboss`): one queue and one worker per job in
// lib/jobs/handlers.ts, and a cron schedule for each. pg-boss keeps schedules in the database and
// lets only one instance at a time turn a cron tick into a job, so however many app instances run,
// each tick runs once, on whichever instance fetches it. Started by instrumentation.ts inside the
// Next server; the same code runs on a real PostgreSQL and on the embedded PGlite.
// See docs/decisions/005-job-queue.md.
import PgBoss from 'pg-boss';
import type { Db } from '../db';
import { env } from '../env';
import { prisma } from '../db';
import { JOBS, type JobName } from './handlers';
import { registerQuarterlyAuditWorker } from './quarterly-audit-queue';
import { registerWebhookWorker } from './webhook-queue';

export const JOBS_SCHEMA = 'pgboss';

export type StartJobsOptions = {
  /** Defaults to DATABASE_URL. */
  connectionString?: string;
  /** Prisma client the handlers use (defaults to the app's). */
  db?: Db;
  /** How often an idle worker asks for work. Jobs are cron-driven, so a slow poll is fine. */
  pollingIntervalSeconds?: number;
  /** Register the cron schedules (default true). */
  schedule?: boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
};

export type JobRunner = {
  boss: PgBoss;
  /** Queue one run of a job now (ops, tests); the id, or null if pg-boss refused a duplicate. */
  send: (name: JobName) => Promise<string | null>;
  stop: () => Promise<void>;
};

const defaultLog: NonNullable<StartJobsOptions['log']> = (level, message) => {
  const line = `[jobs] ${message}`;
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

/** The same error repeating (database down, say) is logged once a minute, not on every poll. */
function throttledErrorLog(log: NonNullable<StartJobsOptions['log']>, stopping: () => boolean) {
  const lastSeen = new Map<string, number>();
  return (e: unknown) => {
    if (stopping()) return; // shutting down: lost connections are expected, not news
    const message = e instanceof Error ? e.message : String(e);
    const now = Date.now();
    if (now - (lastSeen.get(message) ?? 0) < 60_000) return;
    lastSeen.set(message, now);
    log('error', `pg-boss: ${message}`);
  };
}

async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  if (await boss.getQueue(name)) return;
  const options = {
    name,
    // At most one run of a job active and one waiting: cron ticks never pile up behind a slow run.
    policy: 'stately' as const,
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  };
  try {
    await boss.createQueue(name, options);
  } catch (e) {
    // Another instance created it at the same moment.
    if (!(await boss.getQueue(name))) throw e;
  }
}

/**
 * Start pg-boss on the database, create the queues, register the workers and the schedules.
 * Throws if the database is unreachable or pg-boss cannot install its schema.
 */
export async function startJobs(opts: StartJobsOptions = {}): Promise<JobRunner> {
  const log = opts.log ?? defaultLog;
  const connectionString = opts.connectionString ?? env().DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: background jobs need the database');

  const boss = new PgBoss({
    connectionString,
    schema: JOBS_SCHEMA,
    application_name: 'mgr-jobs',
    max: 2, // a small pool of its own, beside the app's
    // Housekeeping (expiry, archiving of finished jobs) every 5 minutes rather than every 2.
    maintenanceIntervalSeconds: 300,
    // Keep finished jobs a week for inspection, then drop them.
    deleteAfterDays: 7,
    // Passed through to pg's Pool (not in pg-boss's types): an unreachable server fails the start
    // instead of hanging it.
    ...({ connectionTimeoutMillis: 10_000 } as object),
  });
  let stopping: Promise<void> | null = null;
  // Without a listener an 'error' event would crash the process.
  boss.on('error', throttledErrorLog(log, () => stopping !== null));

  try {
    await boss.start();
    for (const job of JOBS) {
      await ensureQueue(boss, job.name);
      await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10 }, async ([pgJob]) => {
        const started = Date.now();
        try {
          const result = await job.run({ db: opts.db });
          log('info', `${job.name} done in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
          return result;
        } catch (e) {
          log('error', `${job.name} (job ${pgJob?.id}) failed: ${e instanceof Error ? e.message : String(e)}`);
          throw e; // pg-boss records the failure and retries (retryLimit)
        }
      });
      if (opts.schedule !== false) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    }
    await registerQuarterlyAuditWorker(boss, opts.db ?? prisma, log);
    await registerWebhookWorker(boss, opts.db, log, { schedule: opts.schedule });
  } catch (e) {
    // Idle connections of a half-started pool close by themselves (pg's idle timeout).
    await boss.stop({ graceful: false, timeout: 1000 }).catch(() => undefined);
    throw e;
  }
  log('info', `job queue started (pg-boss, schema ${JOBS_SCHEMA}): ${JOBS.map((j) => `${j.name} [${j.cron}]`).join(', ')}`);

  return {
    boss,
    send: (name) => boss.send(name, {}),
    stop: () => {
      // Graceful: stop fetching, give active jobs up to 10 s, then close the pool.
      stopping ??= boss.stop({ graceful: true, timeout: 10_000, wait: true });
      return stopping;
    },
  };
}

// One runner per server process (Next may evaluate modules more than once).
const globalForJobs = globalThis as unknown as { mgrJobs?: Promise<JobRunner | null> };

/** This process's job runner, if the queue was started here (null otherwise). */
export async function currentJobRunner(): Promise<JobRunner | null> {
  return (await globalForJobs.mgrJobs) ?? null;
}

/**
 * Start the job queue for this server process, once. Never throws: if the queue cannot start the
 * error is logged and the web server goes on serving (jobs can be run by hand: `npm run jobs`).
 */
export function startJobsForServer(opts: StartJobsOptions = {}): Promise<JobRunner | null> {
  const log = opts.log ?? defaultLog;
  globalForJobs.mgrJobs ??= startJobs(opts).then(
    (runner) => {
      const onSignal = () => {
        void runner.stop().then(
          () => log('info', 'job queue stopped'),
          (e: unknown) => log('warn', `job queue did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`),
        );
      };
      // Next's own handler exits the process on SIGTERM/SIGINT; this one stops fetching work at
      // once. A job cut short is retried after it expires (every job is safe to run again).
      // With NEXT_MANUAL_SIG_HANDLE the deployment handles signals itself: leave them alone.
      if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
      }
      return runner;
    },
    (e: unknown) => {
      log('error', `job queue not started, the app keeps serving without background jobs: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    },
  );
  return globalForJobs.mgrJobs;
}
