import { z } from 'zod';
import { languageCode } from './common';

// Responsible-AI assessment of one version (the seed's four considerations).
//   biasMetrics:     per diverse test set, a bias measure and the limit it must respect
//   languageMetrics: one quality score per language; disparity = max − min ≤ rai_max_language_disparity
//   robustness:      adversarial test suites, each passed or not
//   ethicsChecklist: PIB ethical guidelines, item → satisfied

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const BiasMetricSchema = z.object({
  testSet: z.string().trim().min(1).max(200),
  metric: z.string().trim().min(1).max(100),
  value: finite,
  threshold: finite,
  direction: z.enum(['lower_is_better', 'higher_is_better']).default('lower_is_better'),
});

export const RobustnessCheckSchema = z.object({
  attack: z.string().trim().min(1).max(200),
  passed: z.boolean(),
  score: finite.optional(),
  notes: z.string().max(2000).optional(),
});

export const RaiAssessmentInputSchema = z.object({
  biasMetrics: z.array(BiasMetricSchema).min(1, { message: 'give at least one bias metric on a diverse test set' }).max(200),
  languageMetrics: z
    .record(languageCode, z.number().min(0).max(1))
    .refine((r) => Object.keys(r).length >= 1, { message: 'give a score for at least one language' }),
  robustness: z.array(RobustnessCheckSchema).min(1, { message: 'give at least one adversarial robustness result' }).max(200),
  ethicsChecklist: z
    .record(z.string().trim().min(1).max(300), z.boolean())
    .refine((r) => Object.keys(r).length >= 1, { message: 'the ethics checklist needs at least one item' }),
  notes: z.string().max(5000).optional(),
});
export type RaiAssessmentInput = z.infer<typeof RaiAssessmentInputSchema>;
