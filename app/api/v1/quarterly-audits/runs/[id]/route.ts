import { route } from '@/lib/api/http';
import { contextFor } from '@/lib/context';
import { runView } from '@/lib/quarterly-audit/api-views';
import { getQuarterlyAuditRun } from '@/lib/quarterly-audit/runs';

export const dynamic = 'force-dynamic';

/** A generation run: status, progress and, once it succeeded, the snapshot it produced. */
export const GET = route<{ id: string }>('generate:quarterly-audit', async ({ actor, params }) => runView(await getQuarterlyAuditRun(contextFor(actor), params.id)));
