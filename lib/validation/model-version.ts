import { z } from 'zod';
import { STATUSES } from '../domain/lifecycle';
import { ARCHITECTURE_RE, COMPONENT_KEY_RE } from '../domain/naming';
import type { VersionStatus } from '../generated/prisma/enums';
import { artifactPath } from './artifact-path';
import { isoDateString, languageCode, scenarioKey, semverString, sha256Hex } from './common';

// The seed's metadata.json. Known fields are typed; unknown extra fields are kept.
export const MetadataSchema = z
  .object({
    model_id: z.string().optional(),
    description: z.string().max(5000).optional(),
    architecture: z
      .object({
        type: z.string().optional(),
        layers: z.number().int().nonnegative().optional(),
        attention_heads: z.number().int().nonnegative().optional(),
        parameters: z.number().nonnegative().optional(),
      })
      .loose()
      .optional(),
    training: z
      .object({
        dataset: z.string().optional(),
        samples: z.number().int().nonnegative().optional(),
        epochs: z.number().int().nonnegative().optional(),
        batch_size: z.number().int().positive().optional(),
        optimizer: z.string().optional(),
        learning_rate: z.number().positive().optional(),
        training_time: z.string().optional(),
        hardware: z.string().optional(),
      })
      .loose()
      .optional(),
    performance: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
    dependencies: z.record(z.string(), z.string()).optional(),
    authors: z.array(z.string()).optional(),
    approval: z
      .object({ approved_by: z.string().optional(), approval_date: z.string().optional(), production_date: z.string().optional() })
      .loose()
      .optional(),
    changelog: z.array(z.string()).optional(),
  })
  .loose();

export type Metadata = z.infer<typeof MetadataSchema>;

const SIZE_MESSAGE = 'must be a non-negative integer';

export const ArtifactInputSchema = z.object({
  path: artifactPath,
  sha256: sha256Hex,
  sizeBytes: z.number({ message: SIZE_MESSAGE }).int({ message: SIZE_MESSAGE }).nonnegative({ message: SIZE_MESSAGE }).max(Number.MAX_SAFE_INTEGER, { message: SIZE_MESSAGE }),
});

export const MAX_ARTIFACTS = 1000;

/** A version's artifacts: in the API's register body and in the CLI tree's artifacts.json alike. */
export const ArtifactListSchema = z.array(ArtifactInputSchema).max(MAX_ARTIFACTS, { message: `must list at most ${MAX_ARTIFACTS} artifacts` });

export const MetricInputSchema = z.object({
  metric: z.string().min(1).max(64),
  value: z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
  scenario: scenarioKey.optional(),
  language: languageCode.optional(),
  /** The unit the source stated ("seconds per frame"): checked against the definition's unit, not stored. */
  unit: z.string().max(64).optional(),
});

export type MetricInput = z.infer<typeof MetricInputSchema>;

export const GitInfoSchema = z.object({
  commit: z.string().regex(/^[0-9a-f]{7,40}$/, { message: 'must be a git commit hash (7–40 hex characters)' }).optional(),
  branch: z.string().min(1).max(255).regex(/^[A-Za-z0-9._/-]+$/, { message: 'must be a git branch name' }).optional(),
  message: z.string().max(20000).optional(),
});

export const TagSchema = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9_.-]*$/, { message: 'tags are lowercase letters, digits, _ . -' });

export const RegisterVersionSchema = z.object({
  component: z.string().regex(COMPONENT_KEY_RE, { message: 'must be a component key such as base or super-res' }),
  architecture: z.string().min(1).max(64).regex(ARCHITECTURE_RE, { message: 'must be lowercase letters, digits or _ (e.g. diffusion)' }),
  version: semverString,
  releaseDate: isoDateString,
  modelId: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  metadata: MetadataSchema.optional(),
  configYaml: z.string().max(1_000_000).optional(),
  artifacts: ArtifactListSchema.optional(),
  git: GitInfoSchema.optional(),
  tags: z.array(TagSchema).max(50).optional(),
  metrics: z.array(MetricInputSchema).max(10_000).optional(),
  /**
   * 'import': the version existed before the registry (mgr import). The dates its metadata states
   * (approval.approval_date, approval.production_date) are recorded as history with that business
   * time, marked "imported, not approved here".
   */
  source: z.enum(['import']).optional(),
});

export type RegisterVersionInput = z.infer<typeof RegisterVersionSchema>;

export const AddMetricsSchema = z.object({ metrics: z.array(MetricInputSchema).min(1).max(10_000) });

export const TestResultInputSchema = z.object({
  suite: z.string().min(1).max(100).default('unit'),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative().default(0),
  ciRunUrl: z.string().url().max(2000).optional(),
  runAt: z.iso.datetime({ offset: true }).optional(),
});

export type TestResultInput = z.infer<typeof TestResultInputSchema>;

export const TransitionInputSchema = z.object({
  to: z.enum(STATUSES as [VersionStatus, ...VersionStatus[]]),
  reason: z.string().trim().max(2000).optional(),
});
export type TransitionInput = z.infer<typeof TransitionInputSchema>;
