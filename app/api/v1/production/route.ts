import { parseQuery, route } from '@/lib/api/http';
import { getProductionAt, ProductionAtQuerySchema } from '@/lib/queries/production-at';

export const dynamic = 'force-dynamic';

/**
 * Which version of each component was in production at `at` (a date: the end of that UTC day; or
 * a UTC time), since when and how it got there — from the recorded history. 400 naming `at` on bad input.
 */
export const GET = route('read:registry', async ({ request, ctx }) => {
  const { at } = parseQuery(request, ProductionAtQuerySchema);
  return getProductionAt(ctx, at);
});
