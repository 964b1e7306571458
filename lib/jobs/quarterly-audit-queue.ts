// On-demand queue for quarterly audit generation: the API and the page create a run
// (lib/quarterly-audit/runs.ts) and send its id here; a worker on any instance generates the
// snapshot and writes progress on the run. Unlike the cron jobs, each send is its own job.
import type PgBoss from 'pg-boss';
import { prisma, type Db } from '../db';
import { runQuarterlyAuditJob } from '../quarterly-audit/runs';

export const QUARTERLY_AUDIT_QUEUE = 'generate-quarterly-audit';

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

export async function registerQuarterlyAuditWorker(boss: PgBoss, db: Db, log: Log): Promise<void> {
  if (!(await boss.getQueue(QUARTERLY_AUDIT_QUEUE))) {
    try {
      await boss.createQueue(QUARTERLY_AUDIT_QUEUE, { name: QUARTERLY_AUDIT_QUEUE, policy: 'standard', retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 });
    } catch (e) {
      if (!(await boss.getQueue(QUARTERLY_AUDIT_QUEUE))) throw e;
    }
  }
  // A short poll: an auditor is watching the progress bar.
  await boss.work<{ runId: string }>(QUARTERLY_AUDIT_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    const runId = job?.data?.runId;
    if (typeof runId !== 'string') return { skipped: 'no runId' };
    const started = Date.now();
    const result = await runQuarterlyAuditJob(runId, { db });
    log('info', `${QUARTERLY_AUDIT_QUEUE} ${runId}: ${result.status} in ${Date.now() - started} ms`);
    return result;
  });
}

/**
 * Queue the generation of a run. Without a job queue in this process (MGR_JOBS=0, or the queue
 * failed to start) the run is generated here in the background instead, so the request is
 * never lost; the caller polls the run either way.
 */
export async function enqueueQuarterlyAudit(runId: string, opts: { boss?: PgBoss | null; db?: Db } = {}): Promise<'queued' | 'in-process'> {
  const boss = opts.boss ?? null;
  if (boss) {
    try {
      await boss.send(QUARTERLY_AUDIT_QUEUE, { runId });
      return 'queued';
    } catch (e) {
      // Seen under heavy load: pg-boss's send failed inside the library ("Cannot destructure
      // property 'rows'"). The run exists and the auditor is polling it: generate it here.
      console.warn(`[jobs] could not queue quarterly audit ${runId} (${e instanceof Error ? e.message : String(e)}); generating it in this process`);
    }
  }
  void runQuarterlyAuditJob(runId, { db: opts.db ?? prisma }).catch((e: unknown) => {
    console.error(`[jobs] quarterly audit ${runId} failed: ${e instanceof Error ? e.message : String(e)}`);
  });
  return 'in-process';
}
