import { createHash } from 'node:crypto';
import type { Actor } from '../auth/permissions';
import { SYSTEM_ACTOR } from '../auth/permissions';
import { DEMO_PASSWORD } from '../auth/password';
import { verifyAuditChain } from '../audit/chain';
import { contextFor } from '../context';
import { prisma, type Db } from '../db';
import type { Role } from '../generated/prisma/enums';
import type { MetricInput, Metadata } from '../validation/model-version';
import { addTestResult } from '../services/add-test-results';
import { addIncidentLog, advanceTraffic, openIncident, submitRootCause } from '../services/incidents';
import { importParameterSet, proposeParameterSet, voteParameterSet } from '../services/parameter-sets';
import { castVote } from '../services/cast-vote';
import { recordBackport, requestEmergencyPromotion, requestPromotion } from '../services/promotion';
import { recordRaiAssessment } from '../services/rai';
import { registerModelVersion } from '../services/register-model-version';
import { transitionModelVersion } from '../services/transition-version';
import { createUser } from '../services/users';

// The demo: PIB-VideoGen's registry from January to September 2023, told only through the services
// (so every row has its audit event and the chain verifies). Services stamp the wall-clock time on
// what they record (status transitions, votes, audit events); the story's calendar lives in the
// fields that carry a business date: releaseDate of versions and effective_date of parameter sets.

export { DEMO_PASSWORD };

type DemoUser = { key: string; email: string; name: string; role: Role; senior?: boolean };

export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'admin', email: 'admin@demo.local', name: 'Registry Admin', role: 'admin' },
  { key: 'chair', email: 'chair@demo.local', name: 'Dr. Sharma (Committee Chair)', role: 'committee' },
  { key: 'member2', email: 'member2@demo.local', name: 'Prof. Iyer', role: 'committee' },
  { key: 'member3', email: 'member3@demo.local', name: 'Ms. Banerjee', role: 'committee' },
  { key: 'engineer', email: 'engineer@demo.local', name: 'Ravi Kumar', role: 'engineer' },
  { key: 'senior', email: 'senior@demo.local', name: 'Anita Desai', role: 'engineer', senior: true },
  { key: 'senior2', email: 'senior2@demo.local', name: 'Vikram Rao', role: 'engineer', senior: true },
  { key: 'auditor', email: 'auditor@demo.local', name: 'Meera Nair', role: 'auditor' },
  { key: 'viewer', email: 'viewer@demo.local', name: 'Guest Viewer', role: 'viewer' },
];

export type DemoSummary = {
  users: number;
  versions: number;
  byStatus: Record<string, number>;
  parameterSets: number;
  promotionRequests: number;
  incidents: number;
  auditEvents: number;
  chainOk: boolean;
};

const SCENARIOS = ['policy_briefing', 'emergency_alert', 'instructional'] as const;
// How each scenario deviates from the overall value (emergency alerts have fast motion: harder).
const SCENARIO_FACTOR: Record<(typeof SCENARIOS)[number], { fvd: number; is: number; tc: number; gt: number }> = {
  policy_briefing: { fvd: 0.96, is: 1.03, tc: 1.01, gt: 0.97 },
  emergency_alert: { fvd: 1.07, is: 0.96, tc: 0.985, gt: 1.05 },
  instructional: { fvd: 0.97, is: 1.01, tc: 1.005, gt: 0.98 },
};

type Perf = { fvd?: number; is?: number; tc?: number; gt?: number };

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function metricsOf(p: Perf, languages?: Record<string, number>): MetricInput[] {
  const out: MetricInput[] = [];
  const add = (metric: string, value: number | undefined, key: keyof Perf, digits: number) => {
    if (value === undefined) return;
    out.push({ metric, value });
    for (const s of SCENARIOS) out.push({ metric, value: round(value * SCENARIO_FACTOR[s][key === 'tc' ? 'tc' : key], digits), scenario: s });
  };
  add('fvd', p.fvd, 'fvd', 1);
  add('is', p.is, 'is', 1);
  // Temporal coherence is a 0–1 score: keep scenario values below 1.
  if (p.tc !== undefined) {
    out.push({ metric: 'temporal_coherence', value: p.tc });
    for (const s of SCENARIOS) out.push({ metric: 'temporal_coherence', value: Math.min(0.99, round(p.tc * SCENARIO_FACTOR[s].tc, 3)), scenario: s });
  }
  add('generation_time', p.gt, 'gt', 2);
  // Fairness across languages: FVD measured per language on the overall test set.
  if (languages && p.fvd !== undefined) for (const [lang, f] of Object.entries(languages)) out.push({ metric: 'fvd', value: round(p.fvd * f, 1), language: lang });
  return out.filter((m, i, all) => all.findIndex((x) => x.metric === m.metric && (x.scenario ?? '') === (m.scenario ?? '') && (x.language ?? '') === (m.language ?? '')) === i);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const commitOf = (s: string) => sha(`commit:${s}`).slice(0, 40);

// Artifacts are the version folder's binaries; config.yaml, metadata.json and performance.json
// are stored as the version's own fields (the same split the CLI's import makes).
function artifacts(modelId: string, sizeMb: number) {
  return [{ path: 'model.pt', sha256: sha(`${modelId}/model.pt`), sizeBytes: Math.round(sizeMb * 1024 * 1024) }];
}

function configYaml(component: string, version: string, o: { layers: number; heads: number; lr: string; lambdaBase?: number; lambdaResidual?: number; steps?: number }) {
  return [
    `# ${component} ${version}`,
    'model:',
    `  component: ${component}`,
    '  architecture: diffusion',
    `  layers: ${o.layers}`,
    `  attention_heads: ${o.heads}`,
    'training:',
    '  optimizer: AdamW',
    `  learning_rate: ${o.lr}`,
    '  batch_size: 32',
    'inference:',
    `  sampling_steps: ${o.steps ?? 50}`,
    '  resolution: 1280x720',
    '  fps: 24',
    ...(o.lambdaBase !== undefined ? ['noise:', `  base_noise_lambda: ${o.lambdaBase}`, `  residual_noise_lambda: ${o.lambdaResidual}`] : []),
    '',
  ].join('\n');
}

/** The seed's metadata.json, verbatim. */
export const SEED_METADATA_1_2_3: Metadata = {
  model_id: 'pib-vg-base-diffusion-1.2.3-20230615',
  description: 'Base noise generator with improved temporal consistency',
  architecture: { type: 'diffusion', layers: 24, attention_heads: 16, parameters: 1.2e9 },
  training: {
    dataset: 'pib-video-corpus-2023Q2',
    samples: 50000,
    epochs: 100,
    batch_size: 32,
    optimizer: 'AdamW',
    learning_rate: 1e-5,
    training_time: '120 hours',
    hardware: '8x A100 GPUs',
  },
  performance: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93, generation_time: '2.3 seconds per frame' },
  dependencies: { pytorch: '2.0.1', diffusers: '0.16.1', transformers: '4.29.2' },
  authors: ['AI Team', 'Video Quality Team'],
  approval: { approved_by: 'Model Governance Committee', approval_date: '2023-06-10', production_date: '2023-06-15' },
  changelog: [
    'Improved temporal consistency in high-motion scenes',
    'Reduced flickering artifacts by 30%',
    'Optimized memory usage during inference',
  ],
};

/** The seed's example commit message, verbatim. */
export const SEED_COMMIT_MESSAGE = `[BASE] TUNE: Adjust attention mechanism for better temporal coherence

Modified cross-frame attention to improve consistency between frames
with high motion content. Tested on 50 sample videos.

Performance impact: -15% on FVD, +2% on temporal coherence
Reviewed-by: Dr. Sharma`;

/** The seed's λ record, verbatim. */
export const SEED_LAMBDA_RECORD = {
  parameter_id: 'lambda-20230615-1',
  base_noise_lambda: 0.7,
  residual_noise_lambda: 0.3,
  effective_date: '2023-06-15',
  approved_by: 'Model Governance Committee',
  performance_metrics: { fvd: 185.3, is: 72.6, temporal_coherence: 0.93 },
  tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
  notes: 'Optimized for better temporal consistency in rapid motion scenes',
};

function raiInput(scores: Record<string, number>, notes: string) {
  return {
    biasMetrics: [
      { testSet: 'pib-diverse-speakers-2023', metric: 'demographic_parity_gap', value: 0.031, threshold: 0.05 },
      { testSet: 'regional-attire-and-settings', metric: 'representation_error_rate', value: 0.022, threshold: 0.04 },
    ],
    languageMetrics: scores,
    robustness: [
      { attack: 'adversarial-prompt-suite-v3', passed: true, score: 0.96 },
      { attack: 'caption-injection', passed: true, score: 0.98 },
    ],
    ethicsChecklist: {
      'No likeness of real officials without consent': true,
      'Synthetic-media disclosure watermark present': true,
      'No misleading depiction of emergencies': true,
      'Reviewed against PIB ethical guidelines': true,
    },
    notes,
  };
}

/**
 * Load the demo story into an empty database. Every write goes through the services, so the audit
 * chain covers it all; the chain is verified at the end.
 */
export async function loadDemoStory(dbArg?: Db): Promise<DemoSummary> {
  const db = dbArg ?? prisma;
  const as = (actor: Actor) => contextFor(actor, { db });
  if ((await db.user.count()) > 0) throw new Error('database already has data; the demo loads only into an empty database');

  // ── people ──
  const actors: Record<string, Actor> = {};
  const asActor = (u: { id: string; email: string; role: Role; senior: boolean }): Actor => ({ type: 'user', id: u.id, label: u.email, role: u.role, senior: u.senior });
  for (const u of DEMO_USERS) {
    const creator = u.key === 'admin' ? SYSTEM_ACTOR : actors.admin; // the first admin is created by the system
    const created = await createUser(as(creator), { email: u.email, name: u.name, role: u.role, senior: u.senior ?? false, password: DEMO_PASSWORD });
    actors[u.key] = asActor(created);
  }
  // Only the demo's own accounts may sign in with its public password (lib/auth/options.ts).
  await db.user.updateMany({ where: { id: { in: Object.values(actors).map((a) => a.id!) } }, data: { demo: true } });
  const { chair, member2, member3, engineer, senior, senior2 } = actors;

  // ── helpers over the services ──
  type V = { id: string; modelId: string };
  const register = async (p: {
    component: string; version: string; releaseDate: string; description: string; perf: Perf; languages?: Record<string, number>;
    branch: string; message: string; metadata?: Metadata; configYaml: string; sizeMb: number; tags?: string[]; by?: Actor;
  }): Promise<V> => {
    const modelId = `pib-vg-${p.component}-diffusion-${p.version}-${p.releaseDate.replace(/-/g, '')}`;
    const v = await registerModelVersion(as(p.by ?? engineer), {
      component: p.component, architecture: 'diffusion', version: p.version, releaseDate: p.releaseDate, description: p.description,
      metadata: p.metadata ?? defaultMetadata(modelId, p.description, p.perf, p.releaseDate),
      configYaml: p.configYaml, artifacts: artifacts(modelId, p.sizeMb),
      git: { commit: commitOf(modelId), branch: p.branch, message: p.message }, tags: p.tags, metrics: metricsOf(p.perf, p.languages),
    });
    return { id: v.id, modelId: v.modelId };
  };
  const unitTests = async (v: V, passed: number, failed = 0, suite = 'unit') =>
    addTestResult(as(engineer), v.id, { suite, passed, failed, skipped: 2, ciRunUrl: `https://ci.pib-videogen.internal/runs/${commitOf(v.modelId + suite).slice(0, 8)}` });
  const toStaging = async (v: V, tests = 148) => {
    await unitTests(v, tests);
    await unitTests(v, 36, 0, 'integration');
    await transitionModelVersion(as(engineer), v.id, { to: 'testing' });
    await transitionModelVersion(as(engineer), v.id, { to: 'staging' });
  };
  const rai = (v: V, scores: Record<string, number> = { en: 0.91, hi: 0.87, ta: 0.85 }) =>
    recordRaiAssessment(as(member3), v.id, raiInput(scores, `RAI review of ${v.modelId}`));
  const promote = async (v: V, reason: string, comments: [string, string]) => {
    await rai(v);
    const req = await requestPromotion(as(engineer), v.id, { reason });
    await castVote(as(chair), req.id, { decision: 'approve', comment: comments[0] });
    const out = await castVote(as(member2), req.id, { decision: 'approve', comment: comments[1] });
    if (out.state !== 'approved') throw new Error(`demo: promotion of ${v.modelId} did not complete (${out.state})`);
    return req;
  };

  // ── parameter sets: history from files (Q1), then decided in the registry ──
  await importParameterSet(as(engineer), {
    parameter_id: 'lambda-20230115-1', base_noise_lambda: 0.6, residual_noise_lambda: 0.4, effective_date: '2023-01-20',
    approved_by: 'Model Governance Committee', performance_metrics: { fvd: 226.4, is: 64.1, temporal_coherence: 0.89 },
    tested_scenarios: ['policy_briefing', 'instructional'], notes: 'Initial production λ, carried over from the pilot (imported from lambda_parameters.json)',
  });
  await importParameterSet(as(engineer), {
    parameter_id: 'training-20230110-1', effective_date: '2023-01-10', approved_by: 'Model Governance Committee',
    tested_scenarios: ['policy_briefing'], notes: 'Pilot training recipe (imported from training_parameters.json)',
    dataset: 'pib-video-corpus-2022Q4', epochs: 80, batch_size: 32, optimizer: 'AdamW', learning_rate: 2e-5,
  });
  const voteSet = async (id: string, comments: [string, string]) => {
    await voteParameterSet(as(chair), id, { decision: 'approve', comment: comments[0] });
    await voteParameterSet(as(member2), id, { decision: 'approve', comment: comments[1] });
  };
  const lambdaQ1 = await proposeParameterSet(as(engineer), {
    parameter_id: 'lambda-20230320-1', base_noise_lambda: 0.65, residual_noise_lambda: 0.35, effective_date: '2023-03-28',
    performance_metrics: { fvd: 218.0, is: 67.0, temporal_coherence: 0.912 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'More weight on the base noise to reduce residual shimmer on static backgrounds',
  });
  await voteSet(lambdaQ1.id, ['Shimmer clearly reduced in the policy briefing samples', 'Approve']);
  const { approved_by: _claimed, ...seedLambdaProposal } = SEED_LAMBDA_RECORD; // approval comes from the votes below
  const lambdaSeed = await proposeParameterSet(as(engineer), seedLambdaProposal);
  await voteSet(lambdaSeed.id, ['Temporal consistency in rapid motion is visibly better', 'Approve; matches base 1.2.3 evaluation']);
  const training = await proposeParameterSet(as(engineer), {
    parameter_id: 'training-20230601-1', effective_date: '2023-06-01', tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'Training recipe of base 1.2.3', parameters: { dataset: 'pib-video-corpus-2023Q2', samples: 50000, epochs: 100, batch_size: 32, optimizer: 'AdamW', learning_rate: 1e-5 },
  });
  await voteSet(training.id, ['Recipe reproduced by the Video Quality Team', 'Approve']);
  const inference = await proposeParameterSet(as(engineer), {
    parameter_id: 'inference-20230615-1', effective_date: '2023-06-15', tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    performance_metrics: { generation_time: 2.3 }, notes: 'Inference defaults for base 1.2.3',
    parameters: { sampling_steps: 50, guidance_scale: 7.5, resolution: '1280x720', fps: 24 },
  });
  await voteSet(inference.id, ['2.3 s/frame confirmed on A100', 'Approve']);
  // Pending: the committee has not voted yet (shows in "my pending votes").
  await proposeParameterSet(as(engineer), {
    parameter_id: 'lambda-20230901-1', base_noise_lambda: 0.72, residual_noise_lambda: 0.28, effective_date: '2023-09-15',
    performance_metrics: { fvd: 181.9, is: 73.4, temporal_coherence: 0.935 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'],
    notes: 'Slightly stronger base λ for the Q3 corpus; evaluated on base 1.2.3',
  });

  // ── base: 1.0.0 → 1.1.0 → 1.2.3 (the seed's version), each promoted by the committee ──
  const base100 = await register({
    component: 'base', version: '1.0.0', releaseDate: '2023-01-20', description: 'First production base noise generator',
    perf: { fvd: 226.4, is: 64.1, tc: 0.89, gt: 2.9 }, branch: 'release/v1.0.0', sizeMb: 4620,
    message: '[BASE] TRAIN: Train base diffusion model on the 2022Q4 corpus\n\nFirst full training run on pib-video-corpus-2022Q4.\n\nPerformance impact: baseline\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('base', '1.0.0', { layers: 24, heads: 16, lr: '2e-5', lambdaBase: 0.6, lambdaResidual: 0.4 }),
  });
  await toStaging(base100);
  await promote(base100, 'Baseline for launch; all thresholds met', ['Meets thresholds on all three scenarios', 'Approve for launch']);

  const base110 = await register({
    component: 'base', version: '1.1.0', releaseDate: '2023-03-28', description: 'Base generator with reduced background shimmer',
    perf: { fvd: 218.0, is: 67.0, tc: 0.912, gt: 2.6 }, branch: 'release/v1.1.0', sizeMb: 4620,
    message: '[BASE] OPTIMIZE: Reduce residual shimmer on static backgrounds\n\nRebalanced noise schedule with λ 0.65/0.35.\n\nPerformance impact: -4% on FVD, +2% on temporal coherence\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('base', '1.1.0', { layers: 24, heads: 16, lr: '2e-5', lambdaBase: 0.65, lambdaResidual: 0.35 }),
  });
  await toStaging(base110);
  await promote(base110, 'FVD -4%, temporal coherence +2% vs 1.0.0', ['Shimmer fix confirmed', 'Approve']);

  const base123 = await register({
    component: 'base', version: '1.2.3', releaseDate: '2023-06-15', description: SEED_METADATA_1_2_3.description!,
    perf: { fvd: 185.3, is: 72.6, tc: 0.93, gt: 2.3 }, languages: { en: 0.98, hi: 1.02, ta: 1.04 }, branch: 'feature/base-model-improvement',
    message: SEED_COMMIT_MESSAGE, metadata: SEED_METADATA_1_2_3, sizeMb: 4710,
    configYaml: configYaml('base', '1.2.3', { layers: 24, heads: 16, lr: '1e-5', lambdaBase: 0.7, lambdaResidual: 0.3 }),
  });
  await toStaging(base123, 162);
  await promote(base123, 'Seed release: FVD -15%, temporal coherence +2%', ['Cross-frame attention change reviewed; approve', 'Approve; flicker reduction visible in emergency alerts']);

  // ── residual: 1.0.0 → 1.1.0 → 1.2.0, which goes bad in production and is rolled back ──
  const res100 = await register({
    component: 'residual', version: '1.0.0', releaseDate: '2023-02-10', description: 'Residual noise model, first release',
    perf: { fvd: 240.2, is: 61.5, tc: 0.86, gt: 0.8 }, branch: 'release/v1.0.0', sizeMb: 1210,
    message: '[RESIDUAL] TRAIN: Train residual noise model\n\nFirst residual model paired with base 1.0.0.\n\nPerformance impact: baseline\nReviewed-by: Prof. Iyer',
    configYaml: configYaml('residual', '1.0.0', { layers: 12, heads: 8, lr: '3e-5' }),
  });
  await toStaging(res100);
  await promote(res100, 'Pairs with base 1.0.0', ['Approve', 'Approve']);

  const res110 = await register({
    component: 'residual', version: '1.1.0', releaseDate: '2023-05-02', description: 'Residual model tuned for the 0.65/0.35 λ schedule',
    perf: { fvd: 231.0, is: 63.0, tc: 0.875, gt: 0.78 }, branch: 'feature/residual-noise-optimization', sizeMb: 1215,
    message: '[RESIDUAL] TUNE: Retune residual noise for the new λ schedule\n\nMatches lambda-20230320-1.\n\nPerformance impact: -4% on FVD, +2% on temporal coherence\nReviewed-by: Prof. Iyer',
    configYaml: configYaml('residual', '1.1.0', { layers: 12, heads: 8, lr: '3e-5' }),
  });
  await toStaging(res110);
  await promote(res110, 'FVD -4% vs 1.0.0', ['Approve', 'Approve']);

  const res120 = await register({
    component: 'residual', version: '1.2.0', releaseDate: '2023-08-08', description: 'Residual model for high-motion emergency footage',
    perf: { fvd: 224.6, is: 64.2, tc: 0.882, gt: 0.76 }, branch: 'feature/residual-noise-optimization', sizeMb: 1230,
    message: '[RESIDUAL] OPTIMIZE: Faster residual sampling for high-motion scenes\n\nFewer residual steps on high-motion segments.\n\nPerformance impact: -3% on FVD, +1% on temporal coherence\nReviewed-by: Prof. Iyer',
    configYaml: configYaml('residual', '1.2.0', { layers: 12, heads: 8, lr: '3e-5', steps: 40 }),
  });
  await toStaging(res120);
  await promote(res120, 'Better FVD on emergency alerts in offline evaluation', ['Approve', 'Approve; watch emergency_alert closely']);
  const incident = await openIncident(as(engineer), res120.id, {
    title: 'Temporal flicker in emergency alert videos after residual 1.2.0',
    description: 'Viewers reported flicker in fast pans of emergency alert clips; online temporal coherence dropped from 0.87 to 0.79 within two hours of the release.',
  });
  const steps: [Actor, Record<string, number>][] = [
    [engineer, { temporal_coherence: 0.81, error_rate: 0.031 }],
    [engineer, { temporal_coherence: 0.83, error_rate: 0.024 }],
    [senior, { temporal_coherence: 0.85, error_rate: 0.017 }],
    [senior, { temporal_coherence: 0.86, error_rate: 0.012 }],
    [engineer, { temporal_coherence: 0.87, error_rate: 0.009 }],
  ];
  for (const [who, snapshot] of steps) await advanceTraffic(as(who), incident.id, { metricsSnapshot: snapshot });
  await addIncidentLog(as(engineer), incident.id, { text: 'All traffic on residual 1.1.0; temporal coherence back at 0.87. Emergency alert samples re-rendered and checked.' });
  await submitRootCause(as(senior), incident.id, {
    rootCause: 'The reduced residual step count (40) under-samples frames with high optical flow; offline evaluation clips had too little fast motion to show it. Fix: keep 50 steps for high-motion segments and add fast-pan clips to the emergency_alert test set.',
  });

  // ── super-res: 0.9.0 fails its metrics, 1.0.0 in production, 1.1.0 waiting on the committee ──
  const sr090 = await register({
    component: 'super-res', version: '0.9.0', releaseDate: '2023-01-15', description: 'Spatial super-resolution prototype',
    perf: { fvd: 262.5, is: 58.0, gt: 5.6 }, branch: 'feature/super-res-prototype', sizeMb: 890,
    message: '[SUPER-RES] TRAIN: Prototype 2x spatial super-resolution\n\nPrototype on 720p inputs.\n\nPerformance impact: baseline\nReviewed-by: Ms. Banerjee',
    configYaml: configYaml('super-res', '0.9.0', { layers: 16, heads: 8, lr: '5e-5' }),
  });
  await unitTests(sr090, 96);
  await transitionModelVersion(as(engineer), sr090.id, { to: 'testing' });
  await transitionModelVersion(as(engineer), sr090.id, { to: 'development', reason: 'Fails metrics: FVD 262.5 above the 250 threshold and 5.6 s/frame above the 5 s/frame limit' });

  const sr100 = await register({
    component: 'super-res', version: '1.0.0', releaseDate: '2023-02-25', description: 'Spatial and temporal super-resolution, 720p → 1080p',
    perf: { fvd: 238.4, is: 62.3, gt: 4.2 }, branch: 'release/v1.0.0', sizeMb: 910,
    message: '[SUPER-RES] OPTIMIZE: Halve attention windows for 1080p output\n\nBrings generation time under 5 s/frame.\n\nPerformance impact: -9% on FVD, -25% on generation time\nReviewed-by: Ms. Banerjee',
    configYaml: configYaml('super-res', '1.0.0', { layers: 16, heads: 8, lr: '5e-5' }),
  });
  await toStaging(sr100);
  await promote(sr100, 'Meets FVD and generation-time thresholds', ['Approve', 'Approve']);

  const sr110 = await register({
    component: 'super-res', version: '1.1.0', releaseDate: '2023-06-30', description: 'Super-resolution with temporal consistency loss',
    perf: { fvd: 229.1, is: 64.0, gt: 3.9 }, branch: 'release/v1.1.0', sizeMb: 925,
    message: '[SUPER-RES] TUNE: Add temporal consistency loss to upscaler\n\nReduces frame-to-frame texture swimming.\n\nPerformance impact: -4% on FVD, -7% on generation time\nReviewed-by: Ms. Banerjee',
    configYaml: configYaml('super-res', '1.1.0', { layers: 16, heads: 8, lr: '4e-5' }),
  });
  await toStaging(sr110);
  await rai(sr110);
  const pending = await requestPromotion(as(engineer), sr110.id, { reason: 'FVD -4% and generation time -7% vs 1.0.0; RAI passed' });
  await castVote(as(chair), pending.id, { decision: 'approve', comment: 'Texture swimming visibly reduced' });

  // ── fact-check: 1.0.0 in production, 1.0.1 hotfix by the emergency path, 1.1.0 in testing ──
  const fc100 = await register({
    component: 'fact-check', version: '1.0.0', releaseDate: '2023-03-05', description: 'Fact-checking of generated captions against PIB releases',
    perf: { is: 55.2 }, branch: 'release/v1.0.0', sizeMb: 640,
    message: '[FACT-CHECK] TRAIN: Train caption fact-checker on PIB press releases\n\nRetrieval over the PIB archive.\n\nPerformance impact: baseline\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('fact-check', '1.0.0', { layers: 12, heads: 12, lr: '2e-5' }),
  });
  await toStaging(fc100);
  await promote(fc100, 'Meets the IS threshold', ['Approve', 'Approve']);

  const fc101 = await register({
    component: 'fact-check', version: '1.0.1', releaseDate: '2023-07-12', description: 'Hotfix: emergency mode skipped fact-checking of numeric claims',
    perf: { is: 55.4 }, branch: 'hotfix/emergency-mode-fix', tags: ['emergency'], sizeMb: 640,
    message: '[FACT-CHECK] FIX: Check numeric claims in emergency mode\n\nEmergency mode bypassed the numeric-claim checker.\n\nPerformance impact: +0.4% on IS\nReviewed-by: Anita Desai',
    configYaml: configYaml('fact-check', '1.0.1', { layers: 12, heads: 12, lr: '2e-5' }),
  });
  await toStaging(fc101, 152);
  const emergency = await requestEmergencyPromotion(as(engineer), fc101.id, { reason: 'Emergency alerts published unchecked casualty figures; fix must ship today' });
  await castVote(as(senior), emergency.id, { decision: 'approve', comment: 'Diff reviewed; numeric checker re-enabled with a test' });
  await castVote(as(senior2), emergency.id, { decision: 'approve', comment: 'Verified on staging with the 12 reported alerts' });
  await recordBackport(as(engineer), fc101.id, { commit: commitOf('backport fact-check 1.0.1 to develop') });

  const fc110 = await register({
    component: 'fact-check', version: '1.1.0', releaseDate: '2023-08-20', description: 'Fact-checker with Hindi and Tamil claim extraction',
    perf: { is: 58.9 }, branch: 'feature/fact-check-enhancement', sizeMb: 702,
    message: '[FACT-CHECK] TRAIN: Multilingual claim extraction (hi, ta)\n\nClaim extraction for Hindi and Tamil captions.\n\nPerformance impact: +6% on IS\nReviewed-by: Dr. Sharma',
    configYaml: configYaml('fact-check', '1.1.0', { layers: 12, heads: 12, lr: '2e-5' }),
  });
  await unitTests(fc110, 171);
  await transitionModelVersion(as(engineer), fc110.id, { to: 'testing' });

  // ── summary ──
  const chain = await verifyAuditChain(db);
  if (!chain.ok) throw new Error(`demo: audit chain broken at ${chain.brokenSeq}: ${chain.reason}`);
  const grouped = await db.modelVersion.groupBy({ by: ['status'], _count: { _all: true } });
  return {
    users: await db.user.count(),
    versions: await db.modelVersion.count(),
    byStatus: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])),
    parameterSets: await db.parameterSet.count(),
    promotionRequests: await db.promotionRequest.count(),
    incidents: await db.incident.count(),
    auditEvents: chain.count,
    chainOk: chain.ok,
  };
}

function defaultMetadata(modelId: string, description: string, perf: Perf, releaseDate: string): Metadata {
  const performance: Record<string, number | string> = {};
  if (perf.fvd !== undefined) performance.fvd = perf.fvd;
  if (perf.is !== undefined) performance.is = perf.is;
  if (perf.tc !== undefined) performance.temporal_coherence = perf.tc;
  if (perf.gt !== undefined) performance.generation_time = `${perf.gt} seconds per frame`;
  return {
    model_id: modelId,
    description,
    architecture: { type: 'diffusion' },
    training: { dataset: `pib-video-corpus-${releaseDate.slice(0, 4)}Q${Math.floor((Number(releaseDate.slice(5, 7)) - 1) / 3) + 1}`, optimizer: 'AdamW', hardware: '8x A100 GPUs' },
    performance,
    dependencies: { pytorch: '2.0.1', diffusers: '0.16.1', transformers: '4.29.2' },
    authors: ['AI Team', 'Video Quality Team'],
    changelog: [description],
  };
}
