import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { isAppError } from '@/lib/errors';
import { addMetrics } from '@/lib/services/add-metrics';
import { addTestResult } from '@/lib/services/add-test-results';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens';
import { addIncidentLog, advanceTraffic, openIncident, submitRootCause } from '@/lib/services/incidents';
import { importParameterSet, proposeParameterSet, voteParameterSet } from '@/lib/services/parameter-sets';
import { castVote } from '@/lib/services/cast-vote';
import { recordBackport, requestEmergencyPromotion, requestPromotion, withdrawRequest } from '@/lib/services/promotion';
import { recordRaiAssessment } from '@/lib/services/rai';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { updateSettings } from '@/lib/services/settings';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { createUser, setPassword, updateUser } from '@/lib/services/users';
import { makeUser } from '../fixtures';
import { contextFor } from '@/lib/context';

// Every mutation tried by every role. The expectations are written out here, not derived from
// lib/auth/permissions.ts, so a change of the role table that opens a mutation fails this test.
// Calls use ids that don't exist: a role that may act gets past the permission check and fails
// later (not found / validation); a role that may not gets 'forbidden' before anything is read.

type RoleName = 'admin' | 'committee' | 'engineer' | 'senior' | 'auditor' | 'viewer';
const ROLES: RoleName[] = ['admin', 'committee', 'engineer', 'senior', 'auditor', 'viewer'];

const MISSING = 'does-not-exist';
const MUTATIONS: { name: string; allowed: RoleName[]; call: (a: Actor) => Promise<unknown> }[] = [
  { name: 'register model version', allowed: ['engineer', 'senior'], call: (a) => registerModelVersion(contextFor(a), {}) },
  { name: 'add metrics', allowed: ['engineer', 'senior'], call: (a) => addMetrics(contextFor(a), MISSING, { metrics: [{ metric: 'fvd', value: 1 }] }) },
  { name: 'add test results', allowed: ['engineer', 'senior'], call: (a) => addTestResult(contextFor(a), MISSING, { passed: 1, failed: 0 }) },
  { name: 'transition (testing)', allowed: ['engineer', 'senior'], call: (a) => transitionModelVersion(contextFor(a), MISSING, { to: 'testing' }) },
  { name: 'transition (deprecate)', allowed: ['committee'], call: (a) => transitionModelVersion(contextFor(a), MISSING, { to: 'deprecated', reason: 'x' }) },
  { name: 'request promotion', allowed: ['engineer', 'senior'], call: (a) => requestPromotion(contextFor(a), MISSING, { reason: 'x' }) },
  { name: 'request emergency promotion', allowed: ['engineer', 'senior'], call: (a) => requestEmergencyPromotion(contextFor(a), MISSING, { reason: 'x' }) },
  { name: 'cast vote', allowed: ['committee', 'senior'], call: (a) => castVote(contextFor(a), MISSING, { decision: 'approve' }) },
  { name: 'withdraw request', allowed: ['engineer', 'senior'], call: (a) => withdrawRequest(contextFor(a), MISSING, {}) },
  { name: 'record backport', allowed: ['engineer', 'senior'], call: (a) => recordBackport(contextFor(a), MISSING, { commit: 'abcdef1' }) },
  { name: 'propose parameter set', allowed: ['engineer', 'senior'], call: (a) => proposeParameterSet(contextFor(a), {}) },
  { name: 'import parameter set', allowed: ['engineer', 'senior'], call: (a) => importParameterSet(contextFor(a), {}) },
  { name: 'vote parameter set', allowed: ['committee'], call: (a) => voteParameterSet(contextFor(a), MISSING, { decision: 'approve' }) },
  { name: 'open incident', allowed: ['engineer', 'senior'], call: (a) => openIncident(contextFor(a), MISSING, { title: 'x' }) },
  { name: 'advance traffic', allowed: ['engineer', 'senior'], call: (a) => advanceTraffic(contextFor(a), MISSING, {}) },
  { name: 'add incident log', allowed: ['engineer', 'senior'], call: (a) => addIncidentLog(contextFor(a), MISSING, { text: 'x' }) },
  { name: 'submit root cause', allowed: ['engineer', 'senior'], call: (a) => submitRootCause(contextFor(a), MISSING, { rootCause: 'x'.repeat(30) }) },
  { name: 'record RAI assessment', allowed: ['committee'], call: (a) => recordRaiAssessment(contextFor(a), MISSING, {}) },
  { name: 'create user', allowed: ['admin'], call: (a) => createUser(contextFor(a), {}) },
  { name: 'update user', allowed: ['admin'], call: (a) => updateUser(contextFor(a), MISSING, { active: false }) },
  { name: 'set password', allowed: ['admin'], call: (a) => setPassword(contextFor(a), MISSING, { password: 'longenough1' }) },
  { name: 'update settings', allowed: ['admin'], call: (a) => updateSettings(contextFor(a), { gracePeriodDays: -1 }) },
  { name: 'create API token', allowed: ['admin'], call: (a) => createApiToken(contextFor(a), {}) },
  { name: 'revoke API token', allowed: ['admin'], call: (a) => revokeApiToken(contextFor(a), MISSING) },
];

const actors = {} as Record<RoleName, Actor>;

beforeAll(async () => {
  for (const r of ROLES) actors[r] = await makeUser(r === 'senior' ? 'engineer' : r, { senior: r === 'senior' });
});

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isAppError(e)) return e.code;
    return `unexpected: ${(e as Error).message}`;
  }
}

describe('authorization matrix: every role × every mutation', () => {
  for (const m of MUTATIONS) {
    it(m.name, async () => {
      const got: Record<string, string> = {};
      for (const r of ROLES) got[r] = await outcome(m.call(actors[r]));
      for (const r of ROLES) {
        if (m.allowed.includes(r)) expect(got[r], `${r} should get past the permission check`).not.toMatch(/^(forbidden|unauthenticated|unexpected)/);
        else expect(got[r], `${r} must be refused`).toBe('forbidden');
      }
    });
  }

  it('refuses a missing actor as unauthenticated', async () => {
    expect(await outcome(registerModelVersion(contextFor(null as unknown as Actor), {}))).toBe('unauthenticated');
  });
});
