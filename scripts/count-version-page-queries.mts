// Counts the SQL statements one view of the version page runs (the reads of every section),
// with Prisma's query events. Usage, against a database holding the demo story:
//   DATABASE_URL=postgresql://… npx tsx scripts/count-version-page-queries.mts [model id] [--list]
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client';

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: 'event', level: 'query' }] });
const seen: string[] = [];
db.$on('query', (e) => void seen.push(e.query.replace(/\s+/g, ' ').slice(0, 110)));

const { contextFor } = await import('../lib/context');
const { loadVersionCore } = await import('../lib/queries/version-core');
const { withSlices } = await import('../lib/queries/version-detail');
const { loadVersionLifecycle } = await import('../lib/queries/version-lifecycle');
const { metricHistory } = await import('../lib/queries/metric-history');
const { renderModelCard } = await import('../lib/queries/model-card');

const ctx = contextFor({ type: 'user', id: null, label: 'count', role: 'viewer', senior: false }, { db });
const ref = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'pib-vg-base-diffusion-1.2.3-20230615';

/** What the page's sections read, each slice once (components/versions/detail/version-data.ts). */
async function view() {
  const core = await loadVersionCore(ctx, ref);
  const [detail] = await Promise.all([withSlices(ctx, core), loadVersionLifecycle(ctx, core.id), metricHistory(ctx, core.component.key, 'fvd', '', 200)]);
  return renderModelCard(detail, ctx.now());
}

await view(); // warm up (Prisma compiles its queries on first use)
seen.length = 0;
await view();
console.log(`${ref}: ${seen.length} SQL statements per view`);
if (process.argv.includes('--list')) console.log(seen.join('\n'));
await db.$disconnect();
