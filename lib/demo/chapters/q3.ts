// 2023Q3: super-res 1.1.0 waits on the committee; fact-check 1.0.1 ships by the emergency path
// (its ratification is still open, and flagged overdue); residual 1.2.0 goes bad in production
// and is rolled back in 20% steps with its root cause analysis the same day; fact-check 1.1.0
// enters testing; a λ for the Q3 corpus awaits the committee's votes. Deprecated versions are
// archived by the hourly job once their 90-day grace period ends.
import { SYSTEM_ACTOR, type Actor } from '../../auth/permissions';
import { contextFor } from '../../context';
import { flagOverdueRatifications } from '../../jobs/handlers';
import { castVote } from '../../services/cast-vote';
import { addIncidentLog, advanceTraffic, openIncident, submitRootCause } from '../../services/incidents';
import { proposeParameterSet } from '../../services/parameter-sets';
import { recordBackport, requestEmergencyPromotion, requestPromotion } from '../../services/promotion';
import { archiveExpiredVersions, transitionModelVersion } from '../../services/transition-version';
import { commitOf, configYaml } from '../data';
import type { Helpers, Kit, People } from '../kit';

export async function q3(kit: Kit, p: People, h: Helpers): Promise<void> {
  const { on, as } = kit;
  // ── super-res 1.1.0: RAI passed, one approval so far ──
  on('2023-07-03T08:00:00Z');
  const sr110 = await h.register({
    component: 'super-res', version: '1.1.0', releaseDate: '2023-06-30', description: 'Super-resolution with temporal consistency loss',
    perf: { fvd: 229.1, is: 64.0, gt: 3.9 }, branch: 'release/v1.1.0', sizeMb: 925,
    message: '[SUPER-RES] TUNE: Add temporal consistency loss to upscaler\n\nReduces frame-to-frame texture swimming.\n\nPerformance impact: -4% on FVD, -7% on generation time\nReviewed-by: Ms. Banerjee',
    configYaml: configYaml('super-res', '1.1.0', { layers: 16, heads: 8, lr: '4e-5' }),
  });
  on('2023-07-03');
  await h.toStaging(sr110);
  on('2023-07-05');
  await h.rai(sr110);
  const pending = await requestPromotion(as(p.engineer), sr110.id, { reason: 'FVD -4% and generation time -7% vs 1.0.0; RAI passed' });
  on('2023-07-07');
  await castVote(as(p.chair), pending.id, { decision: 'approve', comment: 'Texture swimming visibly reduced' });

  // ── fact-check 1.0.1: a hotfix by the emergency path ──
  on('2023-07-12T07:30:00Z');
  const fc101 = await h.register({
    component: 'fact-check', version: '1.0.1', releaseDate: '2023-07-12', description: 'Hotfix: emergency mode skipped fact-checking of numeric claims',
    perf: { is: 55.4 }, branch: 'hotfix/emergency-mode-fix', tags: ['emergency'], sizeMb: 640,
    message: '[FACT-CHECK] FIX: Check numeric claims in emergency mode\n\nEmergency mode bypassed the numeric-claim checker.\n\nPerformance impact: +0.4% on IS\nReviewed-by: Anita Desai',
    configYaml: configYaml('fact-check', '1.0.1', { layers: 12, heads: 12, lr: '2e-5' }),
  });
  await h.toStaging(fc101, 152);
  const emergency = await requestEmergencyPromotion(as(p.engineer), fc101.id, { reason: 'Emergency alerts published unchecked casualty figures; fix must ship today' });
  await castVote(as(p.senior), emergency.id, { decision: 'approve', comment: 'Diff reviewed; numeric checker re-enabled with a test' });
  await castVote(as(p.senior2), emergency.id, { decision: 'approve', comment: 'Verified on staging with the 12 reported alerts' });
  on('2023-07-13');
  await recordBackport(as(p.engineer), fc101.id, { commit: commitOf('backport fact-check 1.0.1 to develop') });
  // The committee has not ratified it within 7 days: the job records that on the 20th.
  on('2023-07-20T00:15:00Z');
  await flagOverdueRatifications({ db: kit.db, now: kit.clock.now() });

  await archiveOn(kit, '2023-07-31T00:07:00Z');

  // ── residual 1.2.0: promoted, goes bad, rolled back ──
  on('2023-08-08');
  const res120 = await h.register({
    component: 'residual', version: '1.2.0', releaseDate: '2023-08-08', description: 'Residual model for high-motion emergency footage',
    perf: { fvd: 224.6, is: 64.2, tc: 0.882, gt: 0.76 }, branch: 'feature/residual-noise-optimization', sizeMb: 1230,
    message: '[RESIDUAL] OPTIMIZE: Faster residual sampling for high-motion scenes\n\nFewer residual steps on high-motion segments.\n\nPerformance impact: -3% on FVD, +1% on temporal coherence\nReviewed-by: Prof. Iyer',
    configYaml: configYaml('residual', '1.2.0', { layers: 12, heads: 8, lr: '3e-5', steps: 40 }),
  });
  on('2023-08-09');
  await h.toStaging(res120);
  await h.promote(res120, 'Better FVD on emergency alerts in offline evaluation', ['Approve', 'Approve; watch emergency_alert closely'], '2023-08-14', '2023-08-16');
  on('2023-08-16T13:00:00Z');
  const incident = await openIncident(as(p.engineer), res120.id, {
    title: 'Temporal flicker in emergency alert videos after residual 1.2.0',
    description: 'Viewers reported flicker in fast pans of emergency alert clips; online temporal coherence dropped from 0.87 to 0.79 within two hours of the release.',
  });
  const steps: [Actor, Record<string, number>][] = [
    [p.engineer, { temporal_coherence: 0.81, error_rate: 0.031 }],
    [p.engineer, { temporal_coherence: 0.83, error_rate: 0.024 }],
    [p.senior, { temporal_coherence: 0.85, error_rate: 0.017 }],
    [p.senior, { temporal_coherence: 0.86, error_rate: 0.012 }],
    [p.engineer, { temporal_coherence: 0.87, error_rate: 0.009 }],
  ];
  for (const [who, snapshot] of steps) {
    kit.clock.advance(30 * 60_000); // a step every half hour, once the metrics held
    await advanceTraffic(as(who), incident.id, { metricsSnapshot: snapshot });
  }
  await addIncidentLog(as(p.engineer), incident.id, { text: 'All traffic on residual 1.1.0; temporal coherence back at 0.87. Emergency alert samples re-rendered and checked.' });
  on('2023-08-17T10:00:00Z');
  await submitRootCause(as(p.senior), incident.id, {
    rootCause: 'The reduced residual step count (40) under-samples frames with high optical flow; offline evaluation clips had too little fast motion to show it. Fix: keep 50 steps for high-motion segments and add fast-pan clips to the emergency_alert test set.',
  });

  // ── fact-check 1.1.0 enters testing ──
  on('2023-08-20');
  const fc110 = await h.register({
    component: 'fact-check', version: '1.1.0', releaseDate: '2023-08-20', description: 'Fact-checker with Hindi and Tamil claim extraction',
    perf: { is: 58.9 }, branch: 'feature/fact-check-enhancement', sizeMb: 702,
    message: '[FACT-CHECK] TRAIN: Multilingual claim extraction (hi, ta)\n\nClaim extraction for Hindi and Tamil captions.\n\nPerformance impact: +6% on IS\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('fact-check', '1.1.0', { layers: 12, heads: 12, lr: '2e-5' }),
  });
  on('2023-08-22');
  await h.unitTests(fc110, 171);
  await transitionModelVersion(as(p.engineer), fc110.id, { to: 'testing' });

  await archiveOn(kit, '2023-08-31T00:07:00Z');

  // ── pending: the committee has not voted yet (shows in "my pending votes") ──
  on('2023-09-01');
  await proposeParameterSet(as(p.engineer), {
    parameter_id: 'lambda-20230901-1', base_noise_lambda: 0.72, residual_noise_lambda: 0.28, effective_date: '2023-09-15',
    performance_metrics: { fvd: 181.9, is: 73.4, temporal_coherence: 0.935 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'Slightly stronger base λ for the Q3 corpus; evaluated on base 1.2.3',
  });
  await archiveOn(kit, '2023-09-30T00:07:00Z');
}

/** The hourly archival job, as it ran on that date (deprecated versions past the grace period). */
async function archiveOn(kit: Kit, when: string) {
  kit.on(when);
  await archiveExpiredVersions(contextFor(SYSTEM_ACTOR, { db: kit.db, now: kit.clock.now }));
}
