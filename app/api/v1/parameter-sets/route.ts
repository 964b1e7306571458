import { created, parseQuery, readJson, route } from '@/lib/api/http';
import { listParameterSetRecords, ListParameterSetsQuerySchema } from '@/lib/queries/api-reference';
import { rowToRecord } from '@/lib/domain/parameter-set';
import { proposeParameterSet } from '@/lib/services/parameter-sets';
import { canProposeParameterSet } from '@/lib/permissions/parameter-set';

export const dynamic = 'force-dynamic';

/** Parameter sets in the seed's record format (snake_case), oldest effective date first. */
export const GET = route('read:registry', async ({ request, ctx }) => ({
  items: await listParameterSetRecords(ctx, parseQuery(request, ListParameterSetsQuerySchema)),
}));

/** Propose a parameter set for the committee's vote. */
export const POST = route(canProposeParameterSet, async ({ request, ctx }) => {
  const row = await proposeParameterSet(ctx, await readJson(request));
  return created(
    { id: row.id, ...rowToRecord(row), status: row.status, quorum: row.quorum },
    `/api/v1/parameter-sets?kind=${row.kind}`,
  );
});
