// 2023Q1: the pilot's history comes in from files, then the first releases of every component are
// registered, tested and promoted by the committee; super-res 0.9.0 fails its metrics.
import { importParameterSet, proposeParameterSet } from '../../services/parameter-sets';
import { transitionModelVersion } from '../../services/transition-version';
import { configYaml } from '../data';
import type { Helpers, Kit, People, V } from '../kit';

export type Q1 = { base110: V };

export async function q1(kit: Kit, p: People, h: Helpers): Promise<Q1> {
  const { on, as } = kit;
  // ── parameter history from the pilot's files ──
  on('2023-01-09');
  await importParameterSet(as(p.engineer), {
    parameter_id: 'training-20230110-1', effective_date: '2023-01-10', approved_by: 'Model Governance Committee',
    tested_scenarios: ['policy_briefing'], notes: 'Pilot training recipe (imported from training_parameters.json)',
    dataset: 'pib-video-corpus-2022Q4', epochs: 80, batch_size: 32, optimizer: 'AdamW', learning_rate: 2e-5,
  });
  await importParameterSet(as(p.engineer), {
    parameter_id: 'lambda-20230115-1', base_noise_lambda: 0.6, residual_noise_lambda: 0.4, effective_date: '2023-01-20',
    approved_by: 'Model Governance Committee', performance_metrics: { fvd: 226.4, is: 64.1, temporal_coherence: 0.89 },
    tested_scenarios: ['policy_briefing', 'instructional'], notes: 'Initial production λ, carried over from the pilot (imported from lambda_parameters.json)',
  });

  // ── super-res 0.9.0: a prototype that fails its metrics ──
  on('2023-01-16');
  const sr090 = await h.register({
    component: 'super-res', version: '0.9.0', releaseDate: '2023-01-15', description: 'Spatial super-resolution prototype',
    perf: { fvd: 262.5, is: 58.0, gt: 5.6 }, branch: 'feature/super-res-prototype', sizeMb: 890,
    message: '[SUPER-RES] TRAIN: Prototype 2x spatial super-resolution\n\nPrototype on 720p inputs.\n\nPerformance impact: baseline\nReviewed-by: Ms. Banerjee',
    configYaml: configYaml('super-res', '0.9.0', { layers: 16, heads: 8, lr: '5e-5' }),
  });
  await h.toTesting(sr090, 96);
  on('2023-01-18');
  await transitionModelVersion(as(p.engineer), sr090.id, { to: 'development', reason: 'Fails metrics: FVD 262.5 above the 250 threshold and 5.6 s/frame above the 5 s/frame limit' });

  // ── base 1.0.0: the first production base generator ──
  on('2023-01-20');
  const base100 = await h.register({
    component: 'base', version: '1.0.0', releaseDate: '2023-01-20', description: 'First production base noise generator',
    perf: { fvd: 226.4, is: 64.1, tc: 0.89, gt: 2.9 }, branch: 'release/v1.0.0', sizeMb: 4620,
    message: '[BASE] TRAIN: Train base diffusion model on the 2022Q4 corpus\n\nFirst full training run on pib-video-corpus-2022Q4.\n\nPerformance impact: baseline\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('base', '1.0.0', { layers: 24, heads: 16, lr: '2e-5', lambdaBase: 0.6, lambdaResidual: 0.4 }),
  });
  on('2023-01-23');
  await h.toStaging(base100);
  await h.promote(base100, 'Baseline for launch; all thresholds met', ['Meets thresholds on all three scenarios', 'Approve for launch'], '2023-01-25', '2023-01-27');

  // ── residual 1.0.0 ──
  on('2023-02-10');
  const res100 = await h.register({
    component: 'residual', version: '1.0.0', releaseDate: '2023-02-10', description: 'Residual noise model, first release',
    perf: { fvd: 240.2, is: 61.5, tc: 0.86, gt: 0.8 }, branch: 'release/v1.0.0', sizeMb: 1210,
    message: '[RESIDUAL] TRAIN: Train residual noise model\n\nFirst residual model paired with base 1.0.0.\n\nPerformance impact: baseline\nReviewed-by: Prof. Iyer',
    configYaml: configYaml('residual', '1.0.0', { layers: 12, heads: 8, lr: '3e-5' }),
  });
  on('2023-02-13');
  await h.toStaging(res100);
  await h.promote(res100, 'Pairs with base 1.0.0', ['Approve', 'Approve'], '2023-02-14', '2023-02-16');

  // ── super-res 1.0.0 ──
  on('2023-02-25');
  const sr100 = await h.register({
    component: 'super-res', version: '1.0.0', releaseDate: '2023-02-25', description: 'Spatial and temporal super-resolution, 720p → 1080p',
    perf: { fvd: 238.4, is: 62.3, gt: 4.2 }, branch: 'release/v1.0.0', sizeMb: 910,
    message: '[SUPER-RES] OPTIMIZE: Halve attention windows for 1080p output\n\nBrings generation time under 5 s/frame.\n\nPerformance impact: -9% on FVD, -25% on generation time\nReviewed-by: Ms. Banerjee',
    configYaml: configYaml('super-res', '1.0.0', { layers: 16, heads: 8, lr: '5e-5' }),
  });
  on('2023-02-27');
  await h.toStaging(sr100);
  await h.promote(sr100, 'Meets FVD and generation-time thresholds', ['Approve', 'Approve'], '2023-02-28', '2023-03-02');

  // ── fact-check 1.0.0 ──
  on('2023-03-05');
  const fc100 = await h.register({
    component: 'fact-check', version: '1.0.0', releaseDate: '2023-03-05', description: 'Fact-checking of generated captions against PIB releases',
    perf: { is: 55.2 }, branch: 'release/v1.0.0', sizeMb: 640,
    message: '[FACT-CHECK] TRAIN: Train caption fact-checker on PIB press releases\n\nRetrieval over the PIB archive.\n\nPerformance impact: baseline\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('fact-check', '1.0.0', { layers: 12, heads: 12, lr: '2e-5' }),
  });
  on('2023-03-06');
  await h.toStaging(fc100);
  await h.promote(fc100, 'Meets the IS threshold', ['Approve', 'Approve'], '2023-03-07', '2023-03-09');

  // ── λ for base 1.1.0: proposed and approved by the committee ──
  on('2023-03-20');
  const lambdaQ1 = await proposeParameterSet(as(p.engineer), {
    parameter_id: 'lambda-20230320-1', base_noise_lambda: 0.65, residual_noise_lambda: 0.35, effective_date: '2023-03-28',
    performance_metrics: { fvd: 218.0, is: 67.0, temporal_coherence: 0.912 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'More weight on the base noise to reduce residual shimmer on static backgrounds',
  });
  on('2023-03-22');
  await h.voteSet(lambdaQ1.id, ['Shimmer clearly reduced in the policy briefing samples', 'Approve']);

  // ── base 1.1.0: registered and staged at the end of the quarter ──
  on('2023-03-28');
  const base110 = await h.register({
    component: 'base', version: '1.1.0', releaseDate: '2023-03-28', description: 'Base generator with reduced background shimmer',
    perf: { fvd: 218.0, is: 67.0, tc: 0.912, gt: 2.6 }, branch: 'release/v1.1.0', sizeMb: 4620,
    message: '[BASE] OPTIMIZE: Reduce residual shimmer on static backgrounds\n\nRebalanced noise schedule with λ 0.65/0.35.\n\nPerformance impact: -4% on FVD, +2% on temporal coherence\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('base', '1.1.0', { layers: 24, heads: 16, lr: '2e-5', lambdaBase: 0.65, lambdaResidual: 0.35 }),
  });
  on('2023-03-29');
  await h.toStaging(base110);
  return { base110 };
}
