import { describe, expect, it } from 'vitest';
import * as importsRoute from '@/app/api/v1/imports/route';
import * as knownRoute from '@/app/api/v1/imports/known/route';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { verifyAuditChain } from '@/lib/audit/chain';
import { ImportBatchResultSchema } from '@/lib/contracts/imports';
import { versionContentHash } from '@/lib/domain/content-hash';
import { RegisterVersionSchema } from '@/lib/validation/model-version';
import { call, counts, tokenFor, versionBody, withOwnDatabase } from './api-helpers';

// POST /api/v1/imports (one transaction per batch, per-version results) and /api/v1/imports/known
// (content hashes): what `mgr import` sends (issue 11, docs/decisions/013).
const { db } = withOwnDatabase('mgr_imports');

const body = (version: string, extra: Record<string, unknown> = {}) => ({
  ...versionBody('base', { version }),
  source: 'import',
  metadata: { model_id: `pib-vg-base-diffusion-${version}-20230615`, approval: { approved_by: 'Model Governance Committee', approval_date: '2023-06-10', production_date: '2023-06-15' } },
  ...extra,
});

describe('POST /api/v1/imports', () => {
  it('registers every valid version in one batch and reports each bad one by field; the rest import', async () => {
    const { token } = await tokenFor('engineer');
    const before = await counts(db());
    const versions = [
      body('7.0.0'),
      body('7.0.1', { metrics: [{ metric: 'generation_time', value: 2.3, unit: 'ms per frame' }] }), // wrong unit
      body('7.0.2', { metrics: [{ metric: 'generation_time', value: 2.3, unit: 'seconds per frame' }] }), // the definition's unit, spelled out
      body('7.0.3', { metrics: [{ metric: 'nope', value: 1 }] }), // unknown metric
      { ...body('7.0.4'), version: 'x' }, // schema
      body('7.0.5'),
      body('7.0.5'), // twice in the batch
    ];
    const r = await call(importsRoute.POST, 'POST', '/api/v1/imports', { token, body: { versions } });
    expect(r.status, r.text).toBe(200);
    const out = ImportBatchResultSchema.parse(r.json);
    expect(out.results.map((x) => [x.index, x.status])).toEqual([
      [0, 'imported'], [1, 'rejected'], [2, 'imported'], [3, 'rejected'], [4, 'rejected'], [5, 'imported'], [6, 'conflict'],
    ]);
    expect(out.results[1].errors).toEqual({ 'metrics.0.unit': ["unit \"ms per frame\" is not generation_time's unit (s/frame)"] });
    expect(Object.keys(out.results[3].errors ?? {})).toEqual(['metrics.0.metric']);
    expect(Object.keys(out.results[4].errors ?? {})).toContain('version');
    expect(out.summary).toEqual({ imported: 3, unchanged: 0, conflicts: 1, rejected: 3 });

    const after = await counts(db());
    expect(after.versions - before.versions).toBe(3);
    expect(after.artifacts - before.artifacts).toBe(3);
    expect(after.metrics - before.metrics).toBe(2 + 1 + 2);
    // Per version: version.register + imported approval + imported production.
    expect(after.audit - before.audit).toBe(9);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // The stored hash is the hash of the body as the registry parsed it (what the CLI computes).
    const v = await db().modelVersion.findUniqueOrThrow({ where: { modelId: 'pib-vg-base-diffusion-7.0.0-20230615' }, select: { contentHash: true } });
    expect(v.contentHash).toBe(versionContentHash(RegisterVersionSchema.parse(versions[0])));
    expect(out.results[0].contentHash).toBe(v.contentHash);
  });

  it('a second send is unchanged (same hash, or same artifacts); other artifacts are a conflict naming them', async () => {
    const { token } = await tokenFor('engineer');
    const first = await call(importsRoute.POST, 'POST', '/api/v1/imports', { token, body: { versions: [body('8.0.0'), body('8.0.1')] } });
    expect(first.json.summary).toMatchObject({ imported: 2 });
    const before = await counts(db());
    const again = await call(importsRoute.POST, 'POST', '/api/v1/imports', {
      token,
      body: {
        versions: [
          body('8.0.0'),
          body('8.0.1', { description: 'edited text, same artifacts' }),
          body('8.0.1', { artifacts: [{ path: 'model.pt', sha256: 'b'.repeat(64), sizeBytes: 1024 }] }),
        ],
      },
    });
    const out = ImportBatchResultSchema.parse(again.json);
    expect(out.results.map((x) => x.status)).toEqual(['unchanged', 'unchanged', 'conflict']);
    expect(out.results[2].differences).toEqual([{ path: 'model.pt', reason: `sha256 ${'a'.repeat(64)}, the local file has ${'b'.repeat(64)}` }]);
    expect(await counts(db())).toEqual(before);
  });

  it('a version registered by POST /api/v1/versions is known by its hash', async () => {
    const { token } = await tokenFor('engineer');
    const b = body('9.0.0');
    expect((await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body: b })).status).toBe(201);
    const hash = versionContentHash(RegisterVersionSchema.parse(b));
    const other = versionContentHash({ x: 1 });
    const r = await call(knownRoute.POST, 'POST', '/api/v1/imports/known', { token, body: { hashes: [hash, other] } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ known: [hash] });
    const bad = await call(knownRoute.POST, 'POST', '/api/v1/imports/known', { token, body: { hashes: ['nothex'] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.errors as object)).toEqual(['hashes.0']);
  });

  it('refuses a malformed batch as a whole, naming the field', async () => {
    const { token } = await tokenFor('engineer');
    const r = await call(importsRoute.POST, 'POST', '/api/v1/imports', { token, body: { versions: [] } });
    expect(r.status).toBe(400);
    expect(Object.keys(r.json.errors as object)).toEqual(['versions']);
  });
});
