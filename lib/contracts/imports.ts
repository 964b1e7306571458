import { z } from 'zod';
import type { ImportBatchResult } from '../services/import-versions';
import { ImportBatchSchema, KnownHashesQuerySchema } from '../validation/import';

// POST /api/v1/imports and /api/v1/imports/known (lib/services/import-versions.ts).

export { ImportBatchSchema, KnownHashesQuerySchema };

const Status = z.enum(['imported', 'unchanged', 'conflict', 'rejected']);

export const ImportItemResultSchema = z.object({
  index: z.number().int().meta({ description: 'position in `versions`' }),
  status: Status,
  modelId: z.string().nullable(),
  id: z.string().optional().meta({ description: 'the registered version (imported or unchanged)' }),
  contentHash: z.string().optional().meta({ description: 'SHA-256 of the canonical register body, stored with the version' }),
  detail: z.string().optional().meta({ description: 'why it was rejected or is a conflict' }),
  errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'field of the register body → reasons (e.g. metrics.3.unit)' }),
  differences: z.array(z.object({ path: z.string(), reason: z.string() })).optional().meta({ description: 'artifacts that differ from the registered version' }),
});

export const ImportBatchResultSchema = z
  .object({
    summary: z.object({ imported: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int(), rejected: z.number().int() }),
    results: z.array(ImportItemResultSchema),
  })
  .meta({ id: 'ImportBatchResult' });

export const KnownHashesSchema = z.object({ known: z.array(z.string()) }).meta({ id: 'KnownContentHashes' });

/** The service's result is what the schema documents (a compile-time check). */
export const importBatchResponse = (r: ImportBatchResult): z.infer<typeof ImportBatchResultSchema> => r;
