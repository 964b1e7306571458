import { route } from '@/lib/api/http';
import { listMetricDefinitions } from '@/lib/queries/api-reference';

export const dynamic = 'force-dynamic';

export const GET = route('read:registry', async ({ ctx }) => ({ items: await listMetricDefinitions(ctx) }));
