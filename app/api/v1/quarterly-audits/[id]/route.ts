import { route } from '@/lib/api/http';
import { contextFor } from '@/lib/context';
import { auditView } from '@/lib/quarterly-audit/api-views';
import { getQuarterlyAudit } from '@/lib/quarterly-audit/queries';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>('generate:quarterly-audit', async ({ actor, params }) => auditView(await getQuarterlyAudit(contextFor(actor), params.id)));
