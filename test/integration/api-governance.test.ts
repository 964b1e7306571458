import { beforeAll, describe, expect, it } from 'vitest';
import * as requestsRoute from '@/app/api/v1/promotion-requests/route';
import * as requestRoute from '@/app/api/v1/promotion-requests/[id]/route';
import * as votesRoute from '@/app/api/v1/promotion-requests/[id]/votes/route';
import * as withdrawRoute from '@/app/api/v1/promotion-requests/[id]/withdraw/route';
import * as raiRoute from '@/app/api/v1/versions/[ref]/rai-assessments/route';
import * as backportRoute from '@/app/api/v1/versions/[ref]/backport/route';
import * as incidentsRoute from '@/app/api/v1/incidents/route';
import * as incidentRoute from '@/app/api/v1/incidents/[id]/route';
import * as stepsRoute from '@/app/api/v1/incidents/[id]/traffic-steps/route';
import * as logRoute from '@/app/api/v1/incidents/[id]/log/route';
import * as rcaRoute from '@/app/api/v1/incidents/[id]/root-cause/route';
import * as trafficRoute from '@/app/api/v1/components/[key]/traffic/route';
import * as paramVotesRoute from '@/app/api/v1/parameter-sets/[id]/votes/route';
import { ComponentTrafficSchema, IncidentSchema, OpenedIncidentSchema } from '@/lib/contracts/incidents';
import { CreatedPromotionRequestSchema, PromotionRequestPageSchema, PromotionRequestSchema, VoteOutcomeSchema } from '@/lib/contracts/promotion';
import { RaiRecordedSchema } from '@/lib/contracts/writes';
import { makeComponent } from '../fixtures';
import * as A from './_authz';
import { PASSING_RAI, prisma, promoteViaCommittee, register, statusOf, toStaging } from './_governance';
import { call, serviceTokenFor, tokenFor, withOwnDatabase, type Handler } from './api-helpers';

// The browser's governance decisions through the REST API, end to end on a real database: the
// committee path, the emergency path with its senior reviews and backport, an incident's rollback
// as the serving layer sees it, parameter-set votes. Who may do what: authorization-routes.test.ts.

withOwnDatabase('mgr_api_governance');

type Tok = Awaited<ReturnType<typeof tokenFor>>;
const h = (x: unknown) => x as Handler<Record<string, string>>;
let engineer: Tok;
let committee: Tok[];
let seniors: Tok[];

beforeAll(async () => {
  engineer = await tokenFor('engineer');
  committee = [await tokenFor('committee'), await tokenFor('committee'), await tokenFor('committee')];
  seniors = [await tokenFor('engineer', { senior: true }), await tokenFor('engineer', { senior: true })];
});

describe('promotion requests through the API', () => {
  it('committee path: request, list, votes, RAI assessment promotes; the requester and a service token may not vote', async () => {
    const c = await makeComponent();
    const v = await register(engineer.owner, c.key);
    await toStaging(engineer.owner, v.id);

    const bad = await call(h(requestsRoute.POST), 'POST', '/api/v1/promotion-requests', { token: engineer.token, body: { reason: 'ready' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toHaveProperty('version');
    const res = await call(h(requestsRoute.POST), 'POST', '/api/v1/promotion-requests', { token: engineer.token, body: { version: v.modelId, reason: 'Better temporal coherence' } });
    expect(res.status, res.text).toBe(201);
    const created = CreatedPromotionRequestSchema.parse(res.json);
    expect(res.headers.get('location')).toBe(`/api/v1/promotion-requests/${created.id}`);
    expect(created).toMatchObject({ kind: 'committee', status: 'open', modelId: v.modelId, quorum: 2 });

    const list = PromotionRequestPageSchema.parse((await call(h(requestsRoute.GET), 'GET', '/api/v1/promotion-requests', { token: committee[0].token, query: `version=${v.modelId}` })).json);
    expect(list.items.map((r) => r.id)).toEqual([created.id]);
    expect(list.total).toBe(1);

    const path = `/api/v1/promotion-requests/${created.id}/votes`;
    const own = await call(h(votesRoute.POST), 'POST', path, { token: engineer.token, params: { id: created.id }, body: { decision: 'approve' } });
    expect(own.status).toBe(403);
    const service = await serviceTokenFor('engineer');
    expect((await call(h(votesRoute.POST), 'POST', path, { token: service.token, params: { id: created.id }, body: { decision: 'approve' } })).status).toBe(403);
    const noComment = await call(h(votesRoute.POST), 'POST', path, { token: committee[0].token, params: { id: created.id }, body: { decision: 'reject' } });
    expect(noComment.status).toBe(400);
    expect(noComment.json.errors).toHaveProperty('comment');

    for (const m of committee.slice(0, 2)) {
      const r = await call(h(votesRoute.POST), 'POST', path, { token: m.token, params: { id: created.id }, body: { decision: 'approve', comment: 'ok' } });
      expect(r.status, r.text).toBe(200);
    }
    const waiting = PromotionRequestSchema.parse((await call(h(requestRoute.GET), 'GET', `/api/v1/promotion-requests/${created.id}`, { token: engineer.token, params: { id: created.id } })).json);
    expect(waiting).toMatchObject({ state: 'approved_waiting_rai', approvals: 2 });
    expect(waiting.votes.map((x) => x.voter.id).sort()).toEqual([committee[0].owner.id, committee[1].owner.id].sort());

    const rai = await call(h(raiRoute.POST), 'POST', `/api/v1/versions/${v.modelId}/rai-assessments`, { token: committee[2].token, params: { ref: v.modelId }, body: PASSING_RAI });
    expect(rai.status, rai.text).toBe(201);
    expect(RaiRecordedSchema.parse(rai.json)).toMatchObject({ result: 'pass', promoted: [v.modelId] });
    expect(await statusOf(v.id)).toBe('production');
    expect((await call(h(requestRoute.GET), 'GET', '', { token: engineer.token, params: { id: created.id } })).json.state).toBe('approved');
  });

  it('emergency path: two senior reviews promote a hotfix, open the ratification; the backport is recorded', async () => {
    const c = await makeComponent();
    const v = await register(engineer.owner, c.key, { branch: 'hotfix/flicker', tags: ['emergency'] });
    await toStaging(engineer.owner, v.id);
    const res = await call(h(requestsRoute.POST), 'POST', '/api/v1/promotion-requests', { token: engineer.token, body: { version: v.id, kind: 'emergency', reason: 'flicker in alerts' } });
    expect(res.status, res.text).toBe(201);
    const id = String(res.json.id);
    expect(res.json).toMatchObject({ kind: 'emergency', quorum: 2 });
    // The committee does not review emergencies; senior engineers do.
    expect((await call(h(votesRoute.POST), 'POST', '', { token: committee[0].token, params: { id }, body: { decision: 'approve' } })).status).toBe(403);
    let last;
    for (const s of seniors) last = VoteOutcomeSchema.parse((await call(h(votesRoute.POST), 'POST', '', { token: s.token, params: { id }, body: { decision: 'approve', comment: 'diff reviewed' } })).json);
    expect(last).toMatchObject({ state: 'approved', promoted: v.modelId });
    expect(last!.ratificationRequestId).toBeTruthy();
    const ratifications = PromotionRequestPageSchema.parse((await call(h(requestsRoute.GET), 'GET', '', { token: engineer.token, query: `kind=ratification&version=${v.id}` })).json);
    expect(ratifications.items.map((r) => r.id)).toEqual([last!.ratificationRequestId]);

    const bp = await call(h(backportRoute.POST), 'POST', '', { token: engineer.token, params: { ref: v.modelId }, body: { commit: 'abc1234' } });
    expect(bp.status, bp.text).toBe(200);
    expect(bp.json).toMatchObject({ backportCommit: 'abc1234', result: 'recorded' });
    const badCommit = await call(h(backportRoute.POST), 'POST', '', { token: engineer.token, params: { ref: v.modelId }, body: { commit: 'not-a-sha' } });
    expect(badCommit.status).toBe(400);
    expect(badCommit.json.errors).toHaveProperty('commit');
  });

  it('the requester withdraws; someone else may not', async () => {
    const req = await A.openRequest('committee', engineer.owner.id);
    const other = await tokenFor('engineer');
    expect((await call(h(withdrawRoute.POST), 'POST', '', { token: other.token, params: { id: req.id }, body: {} })).status).toBe(403);
    const r = await call(h(withdrawRoute.POST), 'POST', '', { token: engineer.token, params: { id: req.id }, body: { reason: 'regression on hi' } });
    expect(r.json).toEqual({ id: req.id, status: 'withdrawn' });
    expect((await call(h(withdrawRoute.POST), 'POST', '', { token: engineer.token, params: { id: req.id }, body: {} })).status).toBe(409);
  });
});

describe('incidents and the traffic split through the API', () => {
  it('opens a rollback, moves traffic in steps the serving layer reads, logs, and resolves with the RCA', async () => {
    const c = await makeComponent();
    const members = committee.map((t) => t.owner);
    const v1 = await register(engineer.owner, c.key, { version: '1.0.0' });
    await toStaging(engineer.owner, v1.id);
    await promoteViaCommittee(engineer.owner, members, v1.id);
    const v2 = await register(engineer.owner, c.key, { version: '1.1.0' });
    await toStaging(engineer.owner, v2.id);
    await promoteViaCommittee(engineer.owner, members, v2.id);
    const traffic = async () => ComponentTrafficSchema.parse((await call(h(trafficRoute.GET), 'GET', '', { token: engineer.token, params: { key: c.key } })).json);

    expect(await traffic()).toMatchObject({ rollback: null, versions: [{ modelId: v2.modelId, percent: 100 }] });

    const bad = await call(h(incidentsRoute.POST), 'POST', '/api/v1/incidents', { token: engineer.token, body: { version: v2.modelId } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toHaveProperty('title');
    const opened = await call(h(incidentsRoute.POST), 'POST', '/api/v1/incidents', { token: engineer.token, body: { version: v2.modelId, title: 'Flicker in alerts', severity: 'critical' } });
    expect(opened.status, opened.text).toBe(201);
    const inc = OpenedIncidentSchema.parse(opened.json);
    expect(inc).toMatchObject({ modelId: v2.modelId, rollbackTo: v1.modelId, status: 'open' });
    // The registry flipped production at once; serving has not moved yet.
    expect(await statusOf(v1.id)).toBe('production');
    expect(await traffic()).toMatchObject({
      rollback: { incidentId: inc.id, from: v2.modelId, to: v1.modelId, percent: 0 },
      versions: [{ modelId: v1.modelId, percent: 0 }, { modelId: v2.modelId, percent: 100 }],
    });

    const step = (body: unknown) => call(h(stepsRoute.POST), 'POST', '', { token: engineer.token, params: { id: inc.id }, body });
    expect((await step({ metricsSnapshot: { fvd: 190.2 }, note: 'first step' })).json).toMatchObject({ percent: 20, status: 'open' });
    expect((await traffic()).versions).toEqual([
      expect.objectContaining({ modelId: v1.modelId, percent: 20 }), expect.objectContaining({ modelId: v2.modelId, percent: 80 }),
    ]);
    const log = await call(h(logRoute.POST), 'POST', '', { token: engineer.token, params: { id: inc.id }, body: { text: 'Newsroom confirms' } });
    expect(log.status, log.text).toBe(201);
    const rca = await call(h(rcaRoute.POST), 'POST', '', { token: engineer.token, params: { id: inc.id }, body: { rootCause: 'too short' } });
    expect(rca.status).toBe(400);
    expect(rca.json.errors).toHaveProperty('rootCause');
    expect((await call(h(rcaRoute.POST), 'POST', '', { token: engineer.token, params: { id: inc.id }, body: { rootCause: 'Scheduler config drift after the dependency upgrade.' } })).json).toMatchObject({ status: 'open', late: false });
    for (const p of [40, 60, 80]) expect((await step({})).json.percent).toBe(p);
    expect((await step({})).json).toMatchObject({ percent: 100, status: 'resolved' });
    expect((await step({})).status).toBe(409);
    expect(await traffic()).toMatchObject({ rollback: null, versions: [{ modelId: v1.modelId, percent: 100 }] });

    const detail = IncidentSchema.parse((await call(h(incidentRoute.GET), 'GET', '', { token: engineer.token, params: { id: inc.id } })).json);
    expect(detail).toMatchObject({ status: 'resolved', component: c.key, trafficPercent: 100, rollbackTo: { modelId: v1.modelId } });
    expect(detail.trafficSteps.map((s) => s.percent)).toEqual([20, 40, 60, 80, 100]);
    expect(detail.log.map((l) => l.text)).toContain('Newsroom confirms');
    const listed = (await call(h(incidentsRoute.GET), 'GET', '', { token: engineer.token, query: `component=${c.key}&status=resolved` })).json;
    expect((listed.items as { id: string }[]).map((i) => i.id)).toEqual([inc.id]);
  });

  it('answers 404 for an unknown component and an empty split for one with nothing in production', async () => {
    expect((await call(h(trafficRoute.GET), 'GET', '', { token: engineer.token, params: { key: 'no-such-component' } })).status).toBe(404);
    const c = await makeComponent();
    expect((await call(h(trafficRoute.GET), 'GET', '', { token: engineer.token, params: { key: c.key } })).json).toMatchObject({ rollback: null, versions: [] });
  });
});

describe('parameter-set votes through the API', () => {
  it('committee members approve by parameter_id until quorum; the proposer may not vote', async () => {
    const set = await A.proposedParameterSet(committee[0].owner.id);
    expect((await call(h(paramVotesRoute.POST), 'POST', '', { token: committee[0].token, params: { id: set.parameterId }, body: { decision: 'approve' } })).status).toBe(403);
    const first = await call(h(paramVotesRoute.POST), 'POST', '', { token: committee[1].token, params: { id: set.parameterId }, body: { decision: 'approve' } });
    expect(first.json).toMatchObject({ parameterId: set.parameterId, approvals: 1, status: 'proposed' });
    expect((await call(h(paramVotesRoute.POST), 'POST', '', { token: committee[2].token, params: { id: set.id }, body: { decision: 'approve' } })).json).toMatchObject({ approvals: 2, status: 'approved' });
    expect((await prisma.parameterSet.findUniqueOrThrow({ where: { id: set.id }, select: { status: true } })).status).toBe('approved');
  });
});
