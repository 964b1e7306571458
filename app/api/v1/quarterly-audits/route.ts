import { NextResponse } from 'next/server';
import { parseQuery, readJson, route } from '@/lib/api/http';
import { z } from 'zod';
import { contextFor } from '@/lib/context';
import { currentJobRunner } from '@/lib/jobs/queue';
import { enqueueQuarterlyAudit } from '@/lib/jobs/quarterly-audit-queue';
import { auditView, runView } from '@/lib/quarterly-audit/api-views';
import { listQuarterlyAudits } from '@/lib/quarterly-audit/queries';
import { requestQuarterlyAudit } from '@/lib/quarterly-audit/runs';

export const dynamic = 'force-dynamic';

const ListQuarterlyAuditsQuerySchema = z.object({ quarter: z.string().max(20).optional() });

/** Stored snapshots, newest first, each with its chain head hash. */
export const GET = route('generate:quarterly-audit', async ({ request, actor }) => {
  const { quarter } = parseQuery(request, ListQuarterlyAuditsQuerySchema); // NUL etc. → 400 naming quarter
  return { items: (await listQuarterlyAudits(contextFor(actor), { quarter })).map(auditView) };
});

/** Queue the generation of a quarter's audit: 202 with the run to poll in Location. */
export const POST = route('generate:quarterly-audit', async ({ request, actor }) => {
  const run = await requestQuarterlyAudit(contextFor(actor), await readJson(request));
  const runner = await currentJobRunner();
  await enqueueQuarterlyAudit(run.id, { boss: runner?.boss ?? null });
  const view = runView(run);
  return NextResponse.json(view, { status: 202, headers: { location: view.href, 'cache-control': 'no-store' } });
});
