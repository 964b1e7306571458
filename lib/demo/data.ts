// The demo's fixed data: its people, the seed's records verbatim, and how a version's metrics,
// config and metadata are made up. No writes here (lib/demo/story.ts tells the story).
import { createHash } from 'node:crypto';
import type { Role } from '../generated/prisma/enums';
import type { MetricInput, Metadata } from '../validation/model-version';

export type DemoUser = { key: string; email: string; name: string; role: Role; senior?: boolean };

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

export type Perf = { fvd?: number; is?: number; tc?: number; gt?: number };

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function metricsOf(p: Perf, languages?: Record<string, number>): MetricInput[] {
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

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');
export const commitOf = (s: string) => sha(`commit:${s}`).slice(0, 40);

// Artifacts are the version folder's binaries; config.yaml, metadata.json and performance.json
// are stored as the version's own fields (the same split the CLI's import makes).
export function artifacts(modelId: string, sizeMb: number) {
  return [{ path: 'model.pt', sha256: sha(`${modelId}/model.pt`), sizeBytes: Math.round(sizeMb * 1024 * 1024) }];
}

export function configYaml(component: string, version: string, o: { layers: number; heads: number; lr: string; lambdaBase?: number; lambdaResidual?: number; steps?: number }) {
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

export function raiInput(scores: Record<string, number>, notes: string) {
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

export function defaultMetadata(modelId: string, description: string, perf: Perf, releaseDate: string): Metadata {
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
