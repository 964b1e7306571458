// The story's tools: a clock on the 2023 calendar (lib/context.ts manualClock) and short helpers
// over the services, each call made as a person at the clock's time. `on(date)` moves the clock;
// every call after it moves the clock on by a few minutes, so events keep their order.
import type { Actor } from '../auth/permissions';
import { contextFor, manualClock, type ServiceContext } from '../context';
import type { Db } from '../db';
import { addTestResult } from '../services/add-test-results';
import { castVote } from '../services/cast-vote';
import { voteParameterSet } from '../services/parameter-sets';
import { requestPromotion } from '../services/promotion';
import { recordRaiAssessment } from '../services/rai';
import { registerModelVersion } from '../services/register-model-version';
import { transitionModelVersion } from '../services/transition-version';
import type { Metadata } from '../validation/model-version';
import { artifacts, commitOf, defaultMetadata, metricsOf, raiInput, type Perf } from './data';

export type V = { id: string; modelId: string };

export type People = Record<'admin' | 'chair' | 'member2' | 'member3' | 'engineer' | 'senior' | 'senior2' | 'auditor' | 'viewer', Actor>;

const STEP_MS = 7 * 60_000;

export function createKit(db: Db, start: string) {
  const clock = manualClock(start);
  /** Move the clock to a date (UTC; a bare date means 09:00 that day). Never backwards. */
  const on = (when: string) => {
    const t = new Date(when.length === 10 ? `${when}T09:00:00.000Z` : when);
    if (t.getTime() < clock.now().getTime()) throw new Error(`demo: ${when} is before the story's clock (${clock.now().toISOString()})`);
    clock.set(t);
  };
  const as = (actor: Actor): ServiceContext => {
    clock.advance(STEP_MS);
    return contextFor(actor, { db, now: clock.now });
  };
  return { db, clock, on, as };
}

export type Kit = ReturnType<typeof createKit>;

/** Helpers over the services for the people of the story. */
export function helpers(kit: Kit, p: People) {
  const { as } = kit;
  const register = async (o: {
    component: string; version: string; releaseDate: string; description: string; perf: Perf; languages?: Record<string, number>;
    branch: string; message: string; metadata?: Metadata; configYaml: string; sizeMb: number; tags?: string[]; by?: Actor;
  }): Promise<V> => {
    const modelId = `pib-vg-${o.component}-diffusion-${o.version}-${o.releaseDate.replace(/-/g, '')}`;
    const v = await registerModelVersion(as(o.by ?? p.engineer), {
      component: o.component, architecture: 'diffusion', version: o.version, releaseDate: o.releaseDate, description: o.description,
      metadata: o.metadata ?? defaultMetadata(modelId, o.description, o.perf, o.releaseDate),
      configYaml: o.configYaml, artifacts: artifacts(modelId, o.sizeMb),
      git: { commit: commitOf(modelId), branch: o.branch, message: o.message }, tags: o.tags, metrics: metricsOf(o.perf, o.languages),
    });
    return { id: v.id, modelId: v.modelId };
  };
  const unitTests = async (v: V, passed: number, failed = 0, suite = 'unit') =>
    addTestResult(as(p.engineer), v.id, { suite, passed, failed, skipped: 2, ciRunUrl: `https://ci.pib-videogen.internal/runs/${commitOf(v.modelId + suite).slice(0, 8)}` });
  const toTesting = async (v: V, tests = 148) => {
    await unitTests(v, tests);
    await transitionModelVersion(as(p.engineer), v.id, { to: 'testing' });
  };
  const toStaging = async (v: V, tests = 148) => {
    await unitTests(v, tests);
    await unitTests(v, 36, 0, 'integration');
    await transitionModelVersion(as(p.engineer), v.id, { to: 'testing' });
    await transitionModelVersion(as(p.engineer), v.id, { to: 'staging' });
  };
  const rai = (v: V, scores: Record<string, number> = { en: 0.91, hi: 0.87, ta: 0.85 }) =>
    recordRaiAssessment(as(p.member3), v.id, raiInput(scores, `RAI review of ${v.modelId}`));
  /** RAI review and the request on `requestOn`, the committee's two approvals on `decideOn`. */
  const promote = async (v: V, reason: string, comments: [string, string], requestOn: string, decideOn: string) => {
    kit.on(requestOn);
    await rai(v);
    const req = await requestPromotion(as(p.engineer), v.id, { reason });
    kit.on(decideOn);
    await castVote(as(p.chair), req.id, { decision: 'approve', comment: comments[0] });
    const out = await castVote(as(p.member2), req.id, { decision: 'approve', comment: comments[1] });
    if (out.state !== 'approved') throw new Error(`demo: promotion of ${v.modelId} did not complete (${out.state})`);
    return req;
  };
  const voteSet = async (id: string, comments: [string, string]) => {
    await voteParameterSet(as(p.chair), id, { decision: 'approve', comment: comments[0] });
    await voteParameterSet(as(p.member2), id, { decision: 'approve', comment: comments[1] });
  };
  return { register, unitTests, toTesting, toStaging, rai, promote, voteSet };
}

export type Helpers = ReturnType<typeof helpers>;
