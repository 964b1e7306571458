// Runs once when a Next.js server instance starts: start the background job queue (pg-boss) in
// the Node.js runtime. MGR_JOBS=0 turns it off for an instance (e.g. web-only replicas).
// Not awaited: the server serves at once, and a queue that fails to start (database unreachable,
// say) is logged while the app keeps serving (see lib/jobs/queue.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.MGR_JOBS === '0') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return; // `next build` is not a server
  try {
    const { startJobsForServer } = await import('./lib/jobs/queue');
    void startJobsForServer();
  } catch (e) {
    console.error(`[jobs] job queue not started: ${e instanceof Error ? e.message : String(e)}`);
  }
}
