// Runs once when a Next.js server instance starts (Node.js runtime only):
//  - while no admin exists, print a one-time code for the first-run setup page (/setup);
//  - start the background job queue (pg-boss). MGR_JOBS=0 turns it off for an instance (e.g.
//    web-only replicas). Not awaited: the server serves at once, and a queue that fails to start
//    (database unreachable, say) is logged while the app keeps serving (see lib/jobs/queue.ts).
// The imports sit inside the NEXT_RUNTIME check so the Edge bundle of this file leaves them out.
export async function register() {
  if (process.env.NEXT_PHASE === 'phase-production-build') return; // `next build` is not a server
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    try {
      const { announceFirstRunSetup } = await import('./lib/auth/first-run-setup');
      void announceFirstRunSetup();
    } catch (e) {
      console.error(`[setup] could not check for a first admin: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (process.env.MGR_JOBS === '0') return;
    try {
      const { startJobsForServer } = await import('./lib/jobs/queue');
      void startJobsForServer();
    } catch (e) {
      console.error(`[jobs] job queue not started: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
