import { ImportBatchResultSchema, ImportBatchSchema, KnownHashesQuerySchema, KnownHashesSchema } from '../contracts/imports';
import type { Op } from './operations';

// Bulk import (issue 11, docs/decisions/013): what `mgr import` calls.

const json = (schema: Op['success']['schema']) => ({ required: true, content: { 'application/json': { schema: schema! } } });

export const IMPORT_OPERATIONS: Op[] = [
  {
    method: 'post', path: '/api/v1/imports', operationId: 'importVersions', tags: ['versions'], summary: 'Register a batch of versions',
    description:
      'Up to 500 register bodies (the registerVersion body each) in ONE transaction with all their audit events, by the same rules as registerVersion. ' +
      'Each version gets its own result: `imported`, `unchanged` (registered already with the same content hash or the same artifacts), `conflict` ' +
      '(registered with other artifacts, or that component version under another id) or `rejected` with `errors` naming each field. ' +
      'A bad version does not fail the batch: the valid ones are registered. The content hash of each registered body is stored with its version.',
    request: { body: json(ImportBatchSchema) }, permission: 'create:model-version',
    success: { status: 200, description: 'One result per version, in order', schema: ImportBatchResultSchema }, errors: [400, 401, 403, 409],
    example: { versions: [{ component: 'base', architecture: 'diffusion', version: '1.2.3', releaseDate: '2023-06-15', metrics: [{ metric: 'fvd', value: 185.3 }], source: 'import' }] },
  },
  {
    method: 'post', path: '/api/v1/imports/known', operationId: 'knownContentHashes', tags: ['versions'], summary: 'Which content hashes are registered',
    description: 'Up to 10,000 content hashes (SHA-256 of the canonical register body, RFC 8785); answers the ones a registered version was registered with, so an unchanged tree is recognised in one request.',
    request: { body: json(KnownHashesQuerySchema) }, permission: 'create:model-version',
    success: { status: 200, description: 'The known hashes', schema: KnownHashesSchema }, errors: [400, 401, 403],
    example: { hashes: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'] },
  },
];
