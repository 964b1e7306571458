// `npm run db:seed` / `npx prisma db seed`: load the demo story (lib/demo/story.ts) into an empty
// database. Idempotent: when any user exists it prints a line and exits 0.
import 'dotenv/config';
const { createPrismaClient } = await import('../lib/db');
const { DEMO_PASSWORD, DEMO_USERS, loadDemoStory } = await import('../lib/demo/story');

const db = createPrismaClient();
try {
  if ((await db.user.count()) > 0) {
    console.log('database already has data; skipping demo');
  } else {
    const started = Date.now();
    const s = await loadDemoStory(db);
    console.log(
      `demo loaded in ${Date.now() - started} ms: ${s.versions} versions, ${s.parameterSets} parameter sets, ` +
        `${s.promotionRequests} promotion requests, ${s.incidents} incident, ${s.auditEvents} audit events (chain verified)`,
    );
    console.log(`sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} with password ${DEMO_PASSWORD}`);
  }
} finally {
  await db.$disconnect();
}
