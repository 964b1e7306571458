// `npm run db:seed` / `npx prisma db seed`: load the demo story (lib/demo/story.ts) into an empty
// database. Run again on a database holding only the demo, it prints a line and exits 0; on a
// database with any account the demo did not create it refuses (exit 1): the demo's accounts
// share a public password and must never land beside real users.
import 'dotenv/config';
const { createPrismaClient } = await import('../lib/db');
const { DEMO_PASSWORD, DEMO_USERS, loadDemoStory } = await import('../lib/demo/story');

const db = createPrismaClient();
try {
  const others = await db.user.count({ where: { demo: false } });
  if (others > 0) {
    console.error(
      `refused: this database has ${others} account(s) the demo did not create. The demo's accounts share a public ` +
        'password, so it loads only into an empty database (use a database of its own for the demo).',
    );
    process.exitCode = 1;
  } else if ((await db.user.count()) > 0) {
    console.log('database already holds the demo; nothing to do');
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
