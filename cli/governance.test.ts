// mgr's governance commands (the REST twins of the browser's decisions) against a stub registry
// that records what it was sent: each command makes the documented call with the documented body,
// prints one line a pipeline can log, exits 1 on a refusal naming the field and 2 on usage errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFrom, mgr, stubRegistry, type SeenRequest } from './fixtures';

let stub: Awaited<ReturnType<typeof stubRegistry>>;
let seen: SeenRequest[];
let url: string;

const M = 'pib-vg-base-diffusion-1.2.4-20230701';
const ANSWERS: Record<string, [number, unknown]> = {
  'POST /api/v1/promotion-requests': [201, { id: 'req1', kind: 'emergency', status: 'open', quorum: 2, modelId: M, createdAt: '2023-07-02T10:00:00.000Z' }],
  'GET /api/v1/promotion-requests': [200, { items: [{ id: 'req1', kind: 'committee', state: 'approved_waiting_rai', approvals: 2, quorum: 2, version: { modelId: M } }], total: 1, page: 1, pageSize: 100 }],
  'POST /api/v1/promotion-requests/req1/votes': [200, { requestId: 'req1', decision: 'approve', approvals: 2, rejections: 0, quorum: 2, state: 'approved', promoted: M, deprecated: null, ratificationRequestId: 'rat1' }],
  'POST /api/v1/promotion-requests/req1/withdraw': [200, { id: 'req1', status: 'withdrawn' }],
  'POST /api/v1/incidents': [201, { id: 'inc1', status: 'open', modelId: M, rollbackTo: 'pib-vg-base-diffusion-1.2.3-20230615', rcaDueAt: '2023-07-03T10:00:00.000Z' }],
  'POST /api/v1/incidents/inc1/traffic-steps': [201, { incidentId: 'inc1', percent: 40, status: 'open' }],
  'POST /api/v1/incidents/inc1/log': [201, { id: 'l1', at: '2023-07-02T11:00:00.000Z', text: 'x' }],
  'POST /api/v1/incidents/inc1/root-cause': [400, { type: 'x', title: 'Invalid request', status: 400, detail: 'Invalid root cause analysis: rootCause describe the root cause (at least 20 characters)', errors: { rootCause: ['describe the root cause (at least 20 characters)'] } }],
  'GET /api/v1/components/base/traffic': [200, { component: 'base', at: '2023-07-02T11:00:00.000Z', rollback: { incidentId: 'inc1', from: M, to: 'pib-vg-base-diffusion-1.2.3-20230615', percent: 40 }, versions: [{ modelId: 'pib-vg-base-diffusion-1.2.3-20230615', percent: 40 }, { modelId: M, percent: 60 }] }],
  'GET /api/v1/audit/events': [200, { items: [{ seq: 812, occurredAt: '2023-07-02T10:00:00.000Z', action: 'promotion.request', entityType: 'promotion_request', entityId: 'req1', actorLabel: 'eng@example.org' }], total: 1, page: 1, pageSize: 50, actions: [] }],
  'POST /api/v1/promotion-requests/req2/votes': [403, { type: 'x', title: 'Forbidden', status: 403, detail: 'Voting must be done by a user account (or a token created by one), not by token:ci' }],
};

beforeAll(async () => {
  stub = await stubRegistry(answersFrom(ANSWERS));
  ({ seen, url } = stub);
});
afterAll(() => stub.close());

const run = (args: string[]) => mgr([...args, '--url', url, '--token', 'mgr_personal']);
const last = () => seen.at(-1)!;

describe('mgr promotion', () => {
  it('request --emergency posts the version, kind and reason', async () => {
    const r = await run(['promotion', 'request', M, '--reason', 'flicker in alerts', '--emergency']);
    expect(r.code, r.stderr).toBe(0);
    expect(last()).toMatchObject({ method: 'POST', path: '/api/v1/promotion-requests', auth: 'Bearer mgr_personal', body: { version: M, kind: 'emergency', reason: 'flicker in alerts' } });
    expect(r.stdout).toContain(`requested emergency promotion of ${M}: request req1 (quorum 2)`);
  });

  it('list filters by query; vote and withdraw post their bodies', async () => {
    const l = await run(['promotion', 'list', '--status', 'open', '--version', M]);
    expect(last().path).toBe(`/api/v1/promotion-requests?status=open&version=${M}&pageSize=100`);
    expect(l.stdout).toContain(`req1  committee  approved_waiting_rai  2/2  ${M}`);
    const v = await run(['promotion', 'vote', 'req1', '--approve', '--comment', 'diff reviewed']);
    expect(v.code).toBe(0);
    expect(last().body).toEqual({ decision: 'approve', comment: 'diff reviewed' });
    expect(v.stdout).toContain(`${M} is now in production`);
    expect((await run(['promotion', 'withdraw', 'req1', '--reason', 'regression'])).code).toBe(0);
    expect(last()).toMatchObject({ path: '/api/v1/promotion-requests/req1/withdraw', body: { reason: 'regression' } });
  });

  it('a vote needs exactly one decision (usage, exit 2, nothing sent); a refused token exits 2 with the reason', async () => {
    const before = seen.length;
    const r = await run(['promotion', 'vote', 'req1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give exactly one of --approve or --reject');
    expect(seen.length).toBe(before);
    const f = await run(['promotion', 'vote', 'req2', '--approve']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('not by token:ci');
  });
});

describe('mgr incident and traffic', () => {
  it('open, advance with metrics, log', async () => {
    const o = await run(['incident', 'open', M, '--title', 'Flicker', '--severity', 'major']);
    expect(o.code, o.stderr).toBe(0);
    expect(last().body).toEqual({ version: M, title: 'Flicker', severity: 'major' });
    expect(o.stdout).toContain('opened incident inc1');
    const a = await run(['incident', 'advance', 'inc1', '--metric', 'error_rate=0.01', '--metric', 'fvd=190.2', '--note', 'steady']);
    expect(last().body).toEqual({ metricsSnapshot: { error_rate: 0.01, fvd: 190.2 }, note: 'steady' });
    expect(a.stdout).toContain('incident inc1: 40% of traffic on the rollback target (open)');
    expect((await run(['incident', 'advance', 'inc1', '--metric', 'fvd=high'])).code).toBe(2);
    expect((await run(['incident', 'log', 'inc1', 'Newsroom confirms'])).code).toBe(0);
    expect(last().body).toEqual({ text: 'Newsroom confirms' });
  });

  it('rca refused by the server exits 1 naming the field', async () => {
    const r = await run(['incident', 'rca', 'inc1', '--text', 'too short']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('incident rca inc1: rootCause: describe the root cause (at least 20 characters)');
  });

  it('traffic prints the split and the rollback; --json gives the body', async () => {
    const r = await run(['traffic', 'base']);
    expect(r.stdout).toContain('base  pib-vg-base-diffusion-1.2.3-20230615  40%');
    expect(r.stdout).toContain(`base  ${M}  60%`);
    expect(r.stdout).toContain('rollback in progress (incident inc1): 40% moved');
    const j = await run(['traffic', 'base', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ component: 'base', versions: [{ percent: 40 }, { percent: 60 }] });
  });
});

describe('mgr audit events', () => {
  it('passes the filters as query parameters', async () => {
    const r = await run(['audit', 'events', '--action', 'promotion.request', '--actor', 'eng@example.org', '--from', '2023-07-01', '--page-size', '10']);
    expect(r.code, r.stderr).toBe(0);
    const sent = new URL(last().path, url);
    expect(sent.pathname).toBe('/api/v1/audit/events');
    expect(Object.fromEntries(sent.searchParams)).toEqual({ action: 'promotion.request', actor: 'eng@example.org', from: '2023-07-01', page: '1', pageSize: '10' });
    expect(r.stdout).toContain('#812  2023-07-02T10:00:00.000Z  promotion.request  promotion_request:req1  eng@example.org');
  });
});
