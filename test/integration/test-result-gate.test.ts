import { beforeAll, describe, expect, it } from 'vitest';
import * as versionsRoute from '@/app/api/v1/versions/route';
import * as testResultsRoute from '@/app/api/v1/versions/[ref]/test-results/route';
import * as transitionsRoute from '@/app/api/v1/versions/[ref]/transitions/route';
import { makeComponent } from '../fixtures';
import { call, counts, tokenFor, versionBody, withOwnDatabase } from './api-helpers';

// Finding 1 (high): a passing run dated 9999-12-31 stayed "the latest" for ever, so a later run
// with 57 failures did not stop development → testing. A result dated in the future beyond a
// small clock skew is refused, and the gate judges the latest result by when the registry
// received it, not by the runAt the client claims.

const { db } = withOwnDatabase('mgr_api_testgate');

let engineer: string;
let component: string;
beforeAll(async () => {
  engineer = (await tokenFor('engineer')).token;
  component = (await makeComponent()).key;
});

async function newVersion(): Promise<string> {
  const r = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token: engineer, body: versionBody(component) });
  expect(r.status, r.text).toBe(201);
  return String(r.json.modelId);
}
const report = (ref: string, body: unknown) => call(testResultsRoute.POST, 'POST', `/api/v1/versions/${ref}/test-results`, { token: engineer, params: { ref }, body });
const toTesting = (ref: string) => call(transitionsRoute.POST, 'POST', `/api/v1/versions/${ref}/transitions`, { token: engineer, params: { ref }, body: { to: 'testing' } });
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

describe('unit-test gate: future-dated results', () => {
  it('the reported exploit: a run dated 9999-12-31 is refused (400 naming runAt); a later failing run blocks the gate', async () => {
    const ref = await newVersion();
    const before = await counts(db());
    const future = await report(ref, { passed: 1, failed: 0, runAt: '9999-12-31T23:59:59Z' });
    expect(future.status, future.text).toBe(400);
    expect(future.headers.get('content-type')).toContain('application/problem+json');
    expect(Object.keys(future.json.errors as object)).toEqual(['runAt']);
    expect(await counts(db())).toEqual(before);

    expect((await report(ref, { passed: 143, failed: 57 })).status).toBe(201);
    const t = await toTesting(ref);
    expect(t.status, t.text).toBe(422);
    expect(t.text).toContain('57 failed');
  });

  it('allows a small clock skew (a CI runner a minute ahead) but not an hour', async () => {
    const ref = await newVersion();
    expect((await report(ref, { passed: 3, failed: 0, runAt: iso(60_000) })).status).toBe(201);
    const r = await report(ref, { passed: 3, failed: 0, runAt: iso(3_600_000) });
    expect(r.status).toBe(400);
    expect((r.json.errors as Record<string, string[]>).runAt[0]).toMatch(/future/);
  });

  it('the latest result is the one received last, whatever runAt claims', async () => {
    const ref = await newVersion();
    // A passing run reported now, then a failing run reported later but dated a day earlier.
    expect((await report(ref, { passed: 10, failed: 0, runAt: iso(-3_600_000) })).status).toBe(201);
    expect((await report(ref, { passed: 9, failed: 1, runAt: iso(-86_400_000) })).status).toBe(201);
    const refused = await toTesting(ref);
    expect(refused.status, refused.text).toBe(422);
    expect(refused.text).toContain('1 failed');
    // A new passing run (received last) opens the gate.
    expect((await report(ref, { passed: 10, failed: 0, runAt: iso(-7 * 86_400_000) })).status).toBe(201);
    const ok = await toTesting(ref);
    expect(ok.status, ok.text).toBe(200);
  });
});
