import { beforeAll, describe, expect, it } from 'vitest';
import { getActiveParameterSet } from '@/lib/data/parameter-sets';
import { diffParameterSets, rowToRecord } from '@/lib/domain/parameter-set';
import { importParameterSet, proposeParameterSet, voteParameterSet } from '@/lib/services/parameter-sets';
import { makeUser, uniq } from '../fixtures';
import { appError, makeCommittee, prisma, withOwnDatabase, type TestActor } from './_governance';
import { contextFor } from '@/lib/context';

withOwnDatabase('mgr_params');

let members: TestActor[];
beforeAll(async () => {
  members = await makeCommittee(3);
});

// parameter_id must be unique across the file's tests: a distinct 8-digit block per call.
let n = 0;
const pid = (kind = 'lambda', date = '20230615') => `${kind}-${date}-${Date.now() % 100000}${++n}`;

describe('parameter sets', () => {
  it('is approved by a committee quorum; the proposer may not vote; it becomes active from its effective date', async () => {
    const eng = await makeUser('engineer');
    const id = pid();
    const ps = await proposeParameterSet(contextFor(eng), {
      parameter_id: id, base_noise_lambda: 0.7, residual_noise_lambda: 0.3, effective_date: '2031-06-15',
      performance_metrics: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93 },
      tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
      notes: 'Optimized for better temporal consistency in rapid motion scenes',
    });
    expect(ps).toMatchObject({ status: 'proposed', quorum: 2, kind: 'lambda', baseNoiseLambda: 0.7, approvedBy: null });

    expect((await appError(() => voteParameterSet(contextFor(eng), ps.id, { decision: 'approve' }))).code).toBe('forbidden');
    const r1 = await voteParameterSet(contextFor(members[0]), ps.id, { decision: 'approve', comment: 'ok' });
    expect(r1).toMatchObject({ status: 'proposed', approvals: 1 });
    expect((await appError(() => voteParameterSet(contextFor(members[0]), id, { decision: 'approve' }))).status).toBe(409);
    const r2 = await voteParameterSet(contextFor(members[1]), id, { decision: 'approve' });
    expect(r2).toMatchObject({ status: 'approved', approvals: 2, quorum: 2 });
    const row = await prisma.parameterSet.findUniqueOrThrow({ where: { id: ps.id }, select: { status: true, approvedBy: true, approvedAt: true } });
    expect(row.approvedBy).toBe('Model Governance Committee');
    expect(row.approvedAt).toBeInstanceOf(Date);

    expect((await getActiveParameterSet(contextFor(eng), 'lambda', '2031-06-14'))?.parameterId).not.toBe(id);
    expect((await getActiveParameterSet(contextFor(eng), 'lambda', '2031-06-15'))?.parameterId).toBe(id);
  });

  it('refuses a proposal that claims an approval, and rejects when quorum becomes impossible', async () => {
    const eng = await makeUser('engineer');
    const e = await appError(() => proposeParameterSet(contextFor(eng), { parameter_id: pid('training'), effective_date: '2023-07-01', approved_by: 'Model Governance Committee' }));
    expect(e.code).toBe('validation_failed');
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(['approved_by']);
    const bad = await appError(() => proposeParameterSet(contextFor(eng), { parameter_id: pid(), effective_date: '2023-07-01', base_noise_lambda: 1.4 }));
    expect(bad.fieldErrors).toMatchObject({ base_noise_lambda: ['λ must be within [0, 1]'], residual_noise_lambda: ['is required for a λ parameter set'] });

    const ps = await proposeParameterSet(contextFor(eng), { parameter_id: pid('inference'), effective_date: '2023-07-01', parameters: { steps: 50, guidance_scale: 7.5 } });
    await voteParameterSet(contextFor(members[0]), ps.id, { decision: 'reject', comment: 'guidance too high for instructional' });
    expect((await voteParameterSet(contextFor(members[1]), ps.id, { decision: 'reject', comment: 'agree' })).status).toBe('rejected');
  });

  it('imports historical records idempotently and flags claimed approvals as imported', async () => {
    const eng = await makeUser('engineer');
    const id = pid('lambda', '20230301');
    const record = {
      parameter_id: id, base_noise_lambda: 0.65, residual_noise_lambda: 0.35, effective_date: '2023-03-01',
      approved_by: 'Model Governance Committee', performance_metrics: { fvd: 201.4 }, tested_scenarios: ['policy_briefing'],
      notes: 'Initial production λ', scheduler: 'ddim',
    };
    const first = await importParameterSet(contextFor(eng), record);
    expect(first).toMatchObject({ result: 'created', status: 'approved' });
    const again = await importParameterSet(contextFor(eng), { ...record });
    expect(again).toEqual({ ...first, result: 'unchanged' });
    expect(await prisma.auditEvent.count({ where: { entityId: first.id, action: 'parameter_set.import' } })).toBe(1);

    const row = await prisma.parameterSet.findUniqueOrThrow({ where: { id: first.id }, select: { values: true, approvedBy: true, approvedAt: true, status: true } });
    expect(row.values).toEqual({ source: 'import', parameters: { scheduler: 'ddim', base_noise_lambda: 0.65, residual_noise_lambda: 0.35 } });
    expect(row).toMatchObject({ approvedBy: 'Model Governance Committee', approvedAt: null, status: 'approved' });
    expect(await prisma.parameterSetVote.count({ where: { parameterSetId: first.id } })).toBe(0);

    const changed = await appError(() => importParameterSet(contextFor(eng), { ...record, residual_noise_lambda: 0.4 }));
    expect(changed.code).toBe('conflict');
    expect(changed.details?.field).toBe('residual_noise_lambda');
    expect(changed.message).toMatch(/different residual_noise_lambda \(registry: 0.35, file: 0.4\)/);
    const changedExtra = await appError(() => importParameterSet(contextFor(eng), { ...record, scheduler: 'ddpm' }));
    expect(changedExtra.details?.field).toBe('parameters.scheduler');

    // A record without approved_by comes in as a proposal the committee can still vote on.
    const proposed = await importParameterSet(contextFor(eng), { parameter_id: pid('training', '20230301'), effective_date: '2023-03-01', learning_rate: 1e-5 });
    expect(proposed).toMatchObject({ result: 'created', status: 'proposed' });
  });

  it('diffs two sets field by field', async () => {
    const a = { parameter_id: 'lambda-20230401-1', kind: 'lambda' as const, base_noise_lambda: 0.65, residual_noise_lambda: 0.35, effective_date: '2023-04-01', performance_metrics: { fvd: 201.4 }, tested_scenarios: ['policy_briefing'], notes: 'a', parameters: {} };
    const b = { ...a, parameter_id: 'lambda-20230615-1', base_noise_lambda: 0.7, residual_noise_lambda: 0.3, performance_metrics: { fvd: 185.3, is: 72.6 }, notes: 'a' };
    expect(diffParameterSets(a, b)).toEqual([
      { field: 'base_noise_lambda', before: 0.65, after: 0.7 },
      { field: 'residual_noise_lambda', before: 0.35, after: 0.3 },
      { field: 'performance_metrics.fvd', before: 201.4, after: 185.3 },
      { field: 'performance_metrics.is', before: null, after: 72.6 },
    ]);
    const eng = await makeUser('engineer');
    const ps = await proposeParameterSet(contextFor(eng), { parameter_id: pid(), base_noise_lambda: 0.5, residual_noise_lambda: 0.5, effective_date: '2023-05-01', notes: uniq('n') });
    expect(diffParameterSets(rowToRecord(ps), rowToRecord(ps))).toEqual([]);
  });
});
