import { parseQuery, route } from '@/lib/api/http';
import { AuditEventsQuerySchema } from '@/lib/contracts/audit-events';
import { searchAuditEvents } from '@/lib/queries/audit';

export const dynamic = 'force-dynamic';

/** The audit log, newest first: filter by action, entity, actor and business date; paginated. */
export const GET = route('read:audit-log', async ({ request, ctx }) => searchAuditEvents(ctx, parseQuery(request, AuditEventsQuerySchema)));
