// Helpers for the governance tests (lifecycle, promotion, parameter sets, incidents).
//
// These tests run on a database of their own (withOwnDatabase, test/own-database.ts): quorum is
// "a majority of the active committee members" of the whole database.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { addTestResult } from '@/lib/services/add-test-results';
import { castVote } from '@/lib/services/cast-vote';
import { requestPromotion } from '@/lib/services/promotion';
import { recordRaiAssessment } from '@/lib/services/rai';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { makeUser } from '../fixtures';
import { contextFor } from '@/lib/context';

export type TestActor = Actor & { id: string; email: string };

export { withOwnDatabase } from '../own-database';

export { prisma };

export async function makeCommittee(n: number): Promise<TestActor[]> {
  const out: TestActor[] = [];
  for (let i = 0; i < n; i++) out.push(await makeUser('committee'));
  return out;
}

let versionCounter = 0;

/** Register a version of a component (a fresh semver each call unless given). */
export async function register(
  engineer: Actor,
  component: string,
  opts: { version?: string; branch?: string; tags?: string[]; metrics?: { metric: string; value: number; scenario?: string; language?: string }[] } = {},
) {
  versionCounter += 1;
  const version = opts.version ?? `1.${versionCounter}.${randomBytes(1)[0]}`;
  return registerModelVersion(contextFor(engineer), {
    component,
    architecture: 'diffusion',
    version,
    releaseDate: '2023-06-15',
    git: { commit: randomBytes(20).toString('hex'), branch: opts.branch ?? 'feature/test', message: `[BASE] TUNE: test ${version}` },
    tags: opts.tags,
    metrics: opts.metrics,
  });
}

export async function passUnitTests(engineer: Actor, versionId: string) {
  await addTestResult(contextFor(engineer), versionId, { suite: 'unit', passed: 12, failed: 0 });
}

/** development → testing → staging (component without requirements, or metrics given at register). */
export async function toStaging(engineer: Actor, versionId: string) {
  await passUnitTests(engineer, versionId);
  await transitionModelVersion(contextFor(engineer), versionId, { to: 'testing' });
  await transitionModelVersion(contextFor(engineer), versionId, { to: 'staging' });
}

export const PASSING_RAI = {
  biasMetrics: [{ testSet: 'diverse-faces-v2', metric: 'demographic_parity_gap', value: 0.03, threshold: 0.05 }],
  languageMetrics: { en: 0.91, hi: 0.88, ta: 0.86 },
  robustness: [{ attack: 'prompt-injection-suite', passed: true, score: 0.97 }],
  ethicsChecklist: { 'No impersonation of real officials': true, 'Disclosure watermark present': true },
};

export const FAILING_RAI = { ...PASSING_RAI, languageMetrics: { en: 0.92, hi: 0.7 } };

export async function passRai(reviewer: Actor, versionId: string) {
  return recordRaiAssessment(contextFor(reviewer), versionId, PASSING_RAI);
}

/** Staging → production through the committee (RAI first, then quorum approve votes). */
export async function promoteViaCommittee(engineer: Actor, committee: Actor[], versionId: string) {
  await passRai(committee[0], versionId);
  const req = await requestPromotion(contextFor(engineer), versionId, { reason: 'ready' });
  let last;
  for (let i = 0; i < req.quorum; i++) last = await castVote(contextFor(committee[i]), req.id, { decision: 'approve', comment: 'ok' });
  expect(last?.state).toBe('approved');
  return req;
}

/** Run fn and return the AppError it throws (fails the test if it does not throw one). */
export async function appError(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError, but the call succeeded');
}

export async function statusOf(versionId: string): Promise<string> {
  return (await prisma.modelVersion.findUniqueOrThrow({ where: { id: versionId }, select: { status: true } })).status;
}
