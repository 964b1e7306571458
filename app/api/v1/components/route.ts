import { contextFor } from '@/lib/context';
import { route } from '@/lib/api/http';
import { listComponents } from '@/lib/queries/api-reference';

export const dynamic = 'force-dynamic';

export const GET = route('read:registry', async ({ actor }) => ({ items: await listComponents(contextFor(actor)) }));
