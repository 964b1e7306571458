// 2023Q2: base 1.1.0 and residual 1.1.0 replace the launch versions; the committee approves the
// training, λ and inference sets of the seed's release, and base 1.2.3 (the seed's version) goes
// to production on 15 June.
import { proposeParameterSet } from '../../services/parameter-sets';
import { configYaml, SEED_COMMIT_MESSAGE, SEED_LAMBDA_RECORD, SEED_METADATA_1_2_3 } from '../data';
import type { Helpers, Kit, People, V } from '../kit';
import type { Q1 } from './q1';

export type Q2 = { res110: V };

export async function q2(kit: Kit, p: People, h: Helpers, before: Q1): Promise<Q2> {
  const { on, as } = kit;
  await h.promote(before.base110, 'FVD -4%, temporal coherence +2% vs 1.0.0', ['Shimmer fix confirmed', 'Approve'], '2023-04-03', '2023-04-05');

  // ── residual 1.1.0 ──
  on('2023-05-02');
  const res110 = await h.register({
    component: 'residual', version: '1.1.0', releaseDate: '2023-05-02', description: 'Residual model tuned for the 0.65/0.35 λ schedule',
    perf: { fvd: 231.0, is: 63.0, tc: 0.875, gt: 0.78 }, branch: 'feature/residual-noise-optimization', sizeMb: 1215,
    message: '[RESIDUAL] TUNE: Retune residual noise for the new λ schedule\n\nMatches lambda-20230320-1.\n\nPerformance impact: -4% on FVD, +2% on temporal coherence\nReviewed-by: Prof. Iyer',
    configYaml: configYaml('residual', '1.1.0', { layers: 12, heads: 8, lr: '3e-5' }),
  });
  on('2023-05-04');
  await h.toStaging(res110);
  await h.promote(res110, 'FVD -4% vs 1.0.0', ['Approve', 'Approve'], '2023-05-08', '2023-05-10');

  // ── the parameter sets of base 1.2.3 ──
  on('2023-05-25');
  const training = await proposeParameterSet(as(p.engineer), {
    parameter_id: 'training-20230601-1', effective_date: '2023-06-01', tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'Training recipe of base 1.2.3', parameters: { dataset: 'pib-video-corpus-2023Q2', samples: 50000, epochs: 100, batch_size: 32, optimizer: 'AdamW', learning_rate: 1e-5 },
  });
  on('2023-05-29');
  await h.voteSet(training.id, ['Recipe reproduced by the Video Quality Team', 'Approve']);
  on('2023-06-05');
  const { approved_by: _claimed, ...seedLambdaProposal } = SEED_LAMBDA_RECORD; // approval comes from the votes below
  const lambdaSeed = await proposeParameterSet(as(p.engineer), seedLambdaProposal);
  on('2023-06-06');
  // ── base 1.2.3, the seed's release, registered; in production on 15 June ──
  const base123 = await h.register({
    component: 'base', version: '1.2.3', releaseDate: '2023-06-15', description: SEED_METADATA_1_2_3.description!,
    perf: { fvd: 185.3, is: 72.6, tc: 0.93, gt: 2.3 }, languages: { en: 0.98, hi: 1.02, ta: 1.04 }, branch: 'feature/base-model-improvement',
    message: SEED_COMMIT_MESSAGE, metadata: SEED_METADATA_1_2_3, sizeMb: 4710,
    configYaml: configYaml('base', '1.2.3', { layers: 24, heads: 16, lr: '1e-5', lambdaBase: 0.7, lambdaResidual: 0.3 }),
  });
  on('2023-06-09');
  await h.voteSet(lambdaSeed.id, ['Temporal consistency in rapid motion is visibly better', 'Approve; matches base 1.2.3 evaluation']);
  on('2023-06-10');
  const inference = await proposeParameterSet(as(p.engineer), {
    parameter_id: 'inference-20230615-1', effective_date: '2023-06-15', tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    performance_metrics: { generation_time: 2.3 }, notes: 'Inference defaults for base 1.2.3',
    parameters: { sampling_steps: 50, guidance_scale: 7.5, resolution: '1280x720', fps: 24 },
  });
  on('2023-06-12');
  await h.voteSet(inference.id, ['2.3 s/frame confirmed on A100', 'Approve']);

  on('2023-06-13');
  await h.toStaging(base123, 162);
  await h.promote(base123, 'Seed release: FVD -15%, temporal coherence +2%', ['Cross-frame attention change reviewed; approve', 'Approve; flicker reduction visible in emergency alerts'], '2023-06-14', '2023-06-15');
  return { res110 };
}
