import { route } from '@/lib/api/http';
import { getIncident } from '@/lib/queries/incidents';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>('read:registry', async ({ ctx, params }) => getIncident(ctx, params.id));
