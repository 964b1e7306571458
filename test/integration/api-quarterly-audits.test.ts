import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listAudits, POST as postAudit } from '@/app/api/v1/quarterly-audits/route';
import { GET as getRun } from '@/app/api/v1/quarterly-audits/runs/[id]/route';
import { GET as getAudit } from '@/app/api/v1/quarterly-audits/[id]/route';
import { GET as getFile } from '@/app/api/v1/quarterly-audits/[id]/files/[name]/route';
import { POST as signOff } from '@/app/api/v1/quarterly-audits/[id]/signoff/route';
import { runQuarterlyAuditJob } from '@/lib/quarterly-audit/runs';
import { sha256 } from '@/lib/quarterly-audit/bundle';
import { call, serviceTokenFor, tokenFor, withOwnDatabase } from './api-helpers';

// The REST API of quarterly audits: 202 + Location to poll, list with head hash, downloads, sign-off.
const { db } = withOwnDatabase('mgr_api_qa');
let auditor: string;
let engineer: string;

beforeAll(async () => {
  auditor = (await tokenFor('auditor')).token;
  engineer = (await tokenFor('engineer')).token;
});

describe('POST /api/v1/quarterly-audits', () => {
  it('refuses a quarter that is not YYYYQ[1-4] or lies in the future, naming the field', async () => {
    for (const body of [{ quarter: '2023Q5' }, { quarter: '23Q1' }, {}, { quarter: 20232 }]) {
      const r = await call(postAudit, 'POST', '/api/v1/quarterly-audits', { token: auditor, body });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(Object.keys(r.json.errors as object)).toEqual(['quarter']);
    }
    const future = await call(postAudit, 'POST', '/api/v1/quarterly-audits', { token: auditor, body: { quarter: '2999Q1' } });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.json.errors)).toMatch(/future/);
    expect(await db().quarterlyAuditRun.count()).toBe(0);
  });

  it('is refused to a service token, even one with the auditor role (generating is for people)', async () => {
    const service = (await serviceTokenFor('auditor')).token;
    const r = await call(postAudit, 'POST', '/api/v1/quarterly-audits', { token: service, body: { quarter: '2023Q2' } });
    expect(r.status).toBe(403);
  });

  it('is for auditors only', async () => {
    expect((await call(postAudit, 'POST', '/api/v1/quarterly-audits', { token: engineer, body: { quarter: '2023Q2' } })).status).toBe(403);
    expect((await call(listAudits, 'GET', '/api/v1/quarterly-audits', { token: engineer })).status).toBe(403);
    expect((await call(postAudit, 'POST', '/api/v1/quarterly-audits', { body: { quarter: '2023Q2' } })).status).toBe(401);
  });

  it('answers 202 with the run to poll; the run leads to the snapshot, its files and its sign-off', async () => {
    const r = await call(postAudit, 'POST', '/api/v1/quarterly-audits', { token: auditor, body: { quarter: '2022Q4' } });
    expect(r.status).toBe(202);
    const runId = String(r.json.id);
    expect(r.headers.get('location')).toBe(`/api/v1/quarterly-audits/runs/${runId}`);
    expect(r.json).toMatchObject({ quarter: '2022Q4', auditId: null });
    // No job queue in this process: the request ran in the background; run it here to be sure it is done.
    await runQuarterlyAuditJob(runId, { db: db() });
    let run = await call(getRun, 'GET', r.headers.get('location')!, { token: auditor, params: { id: runId } });
    for (let i = 0; i < 100 && run.json.status !== 'succeeded' && run.json.status !== 'failed'; i++) {
      await new Promise((res) => setTimeout(res, 200));
      run = await call(getRun, 'GET', r.headers.get('location')!, { token: auditor, params: { id: runId } });
    }
    expect(run.json).toMatchObject({ status: 'succeeded', progress: 100 });
    const auditId = String(run.json.auditId);

    const list = await call(listAudits, 'GET', '/api/v1/quarterly-audits', { token: auditor });
    const item = (list.json.items as { id: string; chainHeadHash: string }[]).find((a) => a.id === auditId);
    expect(item?.chainHeadHash).toMatch(/^[0-9a-f]{64}$/);

    const one = await call(getAudit, 'GET', `/api/v1/quarterly-audits/${auditId}`, { token: auditor, params: { id: auditId } });
    // A quarter with no activity: a correct, empty report.
    expect(one.json.summary).toMatchObject({ checks: 0, failed: 0, compliant: true });
    const files = one.json.files as { name: string; sha256: string; href: string }[];
    expect(files.map((f) => f.name).sort()).toEqual(['audit-2022Q4-bundle.zip', 'compliance_checklist.md', 'model_audit_report.pdf', 'parameter_changes.json']);
    for (const f of files) {
      const res = await getFile(new Request(`http://localhost${f.href}`, { headers: { authorization: `Bearer ${auditor}` } }), { params: Promise.resolve({ id: auditId, name: f.name }) });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(sha256(bytes)).toBe(f.sha256);
      if (f.name.endsWith('.zip')) expect(Object.keys(unzipSync(bytes))).toContain('docs/audits/2022Q4/model_audit_report.pdf');
    }
    const missing = await call(getFile, 'GET', '/x', { token: auditor, params: { id: auditId, name: 'secrets.txt' } });
    expect(missing.status).toBe(404);

    const noComment = await call(signOff, 'POST', '/x', { token: auditor, params: { id: auditId }, body: {} });
    expect(noComment.status).toBe(400);
    expect(Object.keys(noComment.json.errors as object)).toEqual(['comment']);
    expect((await call(signOff, 'POST', '/x', { token: engineer, params: { id: auditId }, body: { comment: 'x' } })).status).toBe(403);
    const ok = await call(signOff, 'POST', '/x', { token: auditor, params: { id: auditId }, body: { comment: 'Empty quarter confirmed' } });
    expect(ok.status).toBe(200);
    expect((await call(signOff, 'POST', '/x', { token: auditor, params: { id: auditId }, body: { comment: 'again' } })).status).toBe(409);
  });
});
