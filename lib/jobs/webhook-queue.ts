// Webhook deliveries go out from the job queue, after the changes that wrote them committed
// (lib/webhooks/outbox.ts). One `deliver-webhooks` job runs at a time cluster-wide (policy
// `stately`): it sends what is due and queues its own successor a couple of seconds later, so the
// outbox is polled every few seconds; the minute cron restarts the chain if it ever breaks.
import type PgBoss from 'pg-boss';
import type { Db } from '../db';
import { deliverDueWebhooks } from '../webhooks/deliver';

export const WEBHOOK_QUEUE = 'deliver-webhooks';
const FOLLOW_UP_SECONDS = 2;

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

export async function registerWebhookWorker(boss: PgBoss, db: Db | undefined, log: Log, opts: { schedule?: boolean } = {}): Promise<void> {
  if (!(await boss.getQueue(WEBHOOK_QUEUE))) {
    try {
      await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 5 * 60 });
    } catch (e) {
      if (!(await boss.getQueue(WEBHOOK_QUEUE))) throw e;
    }
  }
  await boss.work(WEBHOOK_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
    try {
      // Keep going while full batches come back, so a backlog drains within one job.
      for (let round = 0; round < 10; round += 1) {
        const r = await deliverDueWebhooks({ db });
        if (r.attempted > 0) log('info', `${WEBHOOK_QUEUE}: ${JSON.stringify(r)}`);
        if (r.attempted === 0) break;
      }
    } finally {
      await boss.send(WEBHOOK_QUEUE, {}, { startAfter: FOLLOW_UP_SECONDS }).catch(() => null);
    }
  });
  if (opts.schedule !== false) await boss.schedule(WEBHOOK_QUEUE, '* * * * *', {}, { tz: 'UTC' });
  await boss.send(WEBHOOK_QUEUE, {});
}
