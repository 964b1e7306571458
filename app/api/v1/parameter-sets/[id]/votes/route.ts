import { readJson, route } from '@/lib/api/http';
import { canVoteOnParameterSets } from '@/lib/permissions/parameter-set';
import { voteParameterSet } from '@/lib/services/parameter-sets';

export const dynamic = 'force-dynamic';

/** A committee member votes on a proposed parameter set (by id or parameter_id); the proposer never votes. */
export const POST = route<{ id: string }>(canVoteOnParameterSets, async ({ request, ctx, params }) => voteParameterSet(ctx, params.id, await readJson(request)));
