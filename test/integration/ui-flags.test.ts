import { beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '@/lib/context';
import { loadVersionLifecycle } from '@/lib/queries/version-lifecycle';
import { pendingVotesOf } from '@/lib/queries/dashboard-committee';
import { listParameterSets, listPromotionRequests } from '@/lib/queries/governance';
import { castVote } from '@/lib/services/cast-vote';
import { voteParameterSet } from '@/lib/services/parameter-sets';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { withOwnDatabase } from './_governance';
import * as A from './_authz';
import { ROLE_NAMES, type RoleName, type TestActor } from './_authz';

// The UI flags the queries set (may this person vote, request this transition) come from the same
// lib/permissions rules the services require: for every role, a flag says yes exactly when the
// service then accepts the action.

withOwnDatabase('mgr_ui_flags');

const actors = {} as Record<RoleName, TestActor>;
let requester: TestActor;

beforeAll(async () => {
  for (const r of ROLE_NAMES) actors[r] = await A.makeRoleActor(r);
  requester = await A.makeRoleActor('engineer');
  await A.extraCommittee(2);
});

const accepted = (p: Promise<unknown>) => p.then(() => true, () => false);

describe('UI flags agree with the services', () => {
  it('approvals: canVote is shown exactly to those whose vote castVote records, and the dashboard lists it as pending', async () => {
    for (const kind of ['committee', 'emergency', 'ratification'] as const) {
      for (const r of ROLE_NAMES) {
        const own = r === 'engineer' || r === 'senior'; // also try a request of their own
        for (const by of own ? [requester, actors[r]] : [requester]) {
          const req = await A.openRequest(kind, by.id, 5);
          const ctx = contextFor(actors[r]);
          const flag = (await listPromotionRequests(ctx)).requests.find((x) => x.id === req.id)!;
          const pending = (await pendingVotesOf(ctx)).some((x) => x.id === req.id);
          const ok = await accepted(castVote(ctx, req.id, { decision: 'approve' }));
          expect({ kind, r, own: by === actors[r], flag: flag.canVote, pending }).toEqual({ kind, r, own: by === actors[r], flag: ok, pending: ok });
          if (by === actors[r] && (kind === 'committee' || kind === 'emergency')) expect(flag.canWithdraw).toBe(true);
        }
      }
    }
  });

  it('parameters: canVote is shown exactly to those whose vote voteParameterSet records', async () => {
    for (const r of ROLE_NAMES) {
      const set = await A.proposedParameterSet(r === 'committee' ? requester.id : actors[r].id);
      const ctx = contextFor(actors[r]);
      const flag = (await listParameterSets(ctx)).find((p) => p.id === set.id)!.canVote;
      expect({ r, flag }).toEqual({ r, flag: await accepted(voteParameterSet(ctx, set.id, { decision: 'approve' })) });
    }
  });

  it('lifecycle: mayAct is set exactly where the transition service does not refuse the actor', async () => {
    for (const r of ROLE_NAMES) {
      const prod = await A.version('production');
      const ctx = contextFor(actors[r]);
      const entry = (await loadVersionLifecycle(ctx, prod.id)).find((t) => t.to === 'deprecated')!;
      const ok = await accepted(transitionModelVersion(ctx, prod.id, { to: 'deprecated', reason: 'superseded' }));
      expect({ r, mayAct: entry.mayAct }).toEqual({ r, mayAct: ok });
    }
  });
});
