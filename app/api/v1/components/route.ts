import { route } from '@/lib/api/http';
import { listComponents } from '@/lib/queries/api-reference';

export const dynamic = 'force-dynamic';

export const GET = route('read:registry', async ({ ctx }) => ({ items: await listComponents(ctx) }));
