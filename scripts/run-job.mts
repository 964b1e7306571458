// `npm run jobs -- <name> [<name> …]` runs background jobs once, now, in this process, as the
// system actor — for operators, or as a cron fallback where the app's job queue is turned off
// (MGR_JOBS=0). The same handlers the pg-boss workers run (lib/jobs/handlers.ts); each is safe to
// run again and beside the queue. `npm run jobs -- all` runs every job; `npm run jobs` lists them.
import 'dotenv/config';
import { findJob, JOBS } from '../lib/jobs/handlers';
import { prisma } from '../lib/db';

function usage(): string {
  return [
    'usage: npm run jobs -- <name>… | all',
    '',
    'jobs:',
    ...JOBS.map((j) => `  ${j.name.padEnd(28)} ${j.description} (scheduled ${j.cron} UTC)`),
  ].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length === 0 || args.includes('-h') || args.includes('--help')) {
    console.log(usage());
    return args.length === 0 ? 2 : 0;
  }
  const names = args.includes('all') ? JOBS.map((j) => j.name) : args;
  const unknown = names.filter((n) => !findJob(n));
  if (unknown.length) {
    console.error(`unknown job: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  if (!process.env.DATABASE_URL) {
    console.error(
      'DATABASE_URL is not set. Point it at the registry\'s database. (With the embedded database, `npm start`\n' +
        'runs these jobs itself; to reach it from a shell, start it with EMBEDDED_DB_PORT=<port> and use\n' +
        'DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:<port>/postgres?sslmode=disable.)',
    );
    return 2;
  }
  let failed = 0;
  for (const name of names) {
    const job = findJob(name)!;
    const started = Date.now();
    try {
      const result = await job.run({});
      console.log(`${name}: done in ${Date.now() - started} ms ${JSON.stringify(result)}`);
    } catch (e) {
      failed += 1;
      console.error(`${name}: failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return failed ? 1 : 0;
}

main()
  .then(async (code) => {
    await prisma.$disconnect();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    await prisma.$disconnect().catch(() => undefined);
    process.exit(1);
  });
