import { describe, expect, it } from 'vitest';
import * as importParamRoute from '@/app/api/v1/parameter-sets/import/route';
import * as productionRoute from '@/app/api/v1/production/route';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { verifyAuditChain } from '@/lib/audit/chain';
import { IMPORTED_MARK } from '@/lib/audit/events';
import { isAction, readAuditEvents } from '@/lib/audit/reader';
import { call, tokenFor, withOwnDatabase } from './api-helpers';

// mgr import sends source: 'import' (cli/tree.ts): what the files say happened before the registry
// existed is recorded with that business time, marked "imported, not approved here".
const { db } = withOwnDatabase('mgr_imported');

const body = (version: string, approval: Record<string, string>) => ({
  component: 'base', architecture: 'diffusion', version, releaseDate: '2022-11-01', source: 'import',
  metadata: { model_id: `pib-vg-base-diffusion-${version}-20221101`, approval },
});

describe('imported history keeps its dates', () => {
  it("records metadata.json's approval and production dates as history on those dates, and point in time sees it", async () => {
    const { token } = await tokenFor('engineer');
    const r = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body: body('0.8.0', { approved_by: 'Model Governance Committee', approval_date: '2022-11-20', production_date: '2022-12-01' }) });
    expect(r.status, r.text).toBe(201);
    const events = (await readAuditEvents(db(), { actions: ['history.imported'] })).filter(isAction('history.imported'));
    expect(events.map((e) => [e.change.what, e.occurredAt.toISOString(), e.change.mark, e.change.approvedBy])).toEqual([
      ['approval', '2022-11-20T00:00:00.000Z', IMPORTED_MARK, 'Model Governance Committee'],
      ['production', '2022-12-01T00:00:00.000Z', IMPORTED_MARK, 'Model Governance Committee'],
    ]);
    for (const e of events) expect(e.recordedAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01'));

    const viewer = (await tokenFor('viewer')).token;
    const before = await call(productionRoute.GET, 'GET', '/api/v1/production', { token: viewer, query: 'at=2022-11-30' });
    expect(before.json.components).toContainEqual(expect.objectContaining({ component: 'base', modelId: null }));
    const after = await call(productionRoute.GET, 'GET', '/api/v1/production', { token: viewer, query: 'at=2022-12-02' });
    expect(after.json.components).toContainEqual({
      component: 'base', modelId: 'pib-vg-base-diffusion-0.8.0-20221101', since: '2022-12-01T00:00:00.000Z', via: 'imported', imported: true, traffic: null,
    });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('refuses a stated date that is not a date, naming the field; a registration that is not an import records no history', async () => {
    const { token } = await tokenFor('engineer');
    const bad = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body: body('0.8.1', { production_date: '1 Dec 2022' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('metadata.approval.production_date');
    const plain = { ...body('0.8.2', { approval_date: '2022-11-20' }) } as Record<string, unknown>;
    delete plain.source;
    expect((await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body: plain })).status).toBe(201);
    expect(await db().auditEvent.count({ where: { action: 'history.imported' } })).toBe(2);
  });

  it("records a parameter set's effective date as history on that date", async () => {
    const { token } = await tokenFor('engineer');
    const r = await call(importParamRoute.POST, 'POST', '/api/v1/parameter-sets/import', {
      token, body: { parameter_id: 'lambda-20221015-1', base_noise_lambda: 0.5, residual_noise_lambda: 0.5, effective_date: '2022-10-20', approved_by: 'Model Governance Committee' },
    });
    expect(r.status, r.text).toBe(201);
    const e = (await readAuditEvents(db(), { actions: ['history.imported'], entityType: 'parameter_set' })).filter(isAction('history.imported'));
    expect(e.map((x) => [x.change.what, x.change.parameterId, x.occurredAt.toISOString(), x.change.mark])).toEqual([
      ['parameter_effective', 'lambda-20221015-1', '2022-10-20T00:00:00.000Z', IMPORTED_MARK],
    ]);
  });
});
