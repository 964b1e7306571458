import { describe, expect, it } from 'vitest';
import * as importsRoute from '@/app/api/v1/imports/route';
import * as versionsRoute from '@/app/api/v1/versions/route';
import { verifyAuditChain } from '@/lib/audit/chain';
import { insertImportedVersions, type ImportedVersionRows } from '@/lib/data/version-import';
import { AppError } from '@/lib/errors';
import { inTransaction } from '@/lib/services/transaction';
import { call, tokenFor, withOwnDatabase } from './api-helpers';

// The bulk import writes its rows with one multi-row INSERT per table (lib/data/bulk-insert.ts)
// and appends its audit events and webhook deliveries in one statement each (issue 11). These
// checks hold it to the rows, events and deliveries that POST /api/v1/versions (Prisma, one
// version at a time) writes for the same body — including values that text arrays and JSON
// round-trips could mangle.
const { db } = withOwnDatabase('mgr_import_bulk_rows');

const awkward = 'He said "hi", {x} \\ back\\slash; ünïcødé 🎉\nsecond line\ttab, NULL';
const body = (version: string) => ({
  component: 'base',
  architecture: 'diffusion',
  version,
  releaseDate: '2023-06-15',
  source: 'import',
  description: awkward,
  configYaml: `model:\n  name: "it's"\n  note: '{a, b}'\n`,
  tags: ['nightly', 'x.y_z-1'],
  metadata: {
    model_id: `pib-vg-base-diffusion-${version}-20230615`,
    description: awkward,
    architecture: { type: 'diffusion', layers: 24, parameters: 1.2e9 },
    training: { learning_rate: 1e-7, dataset: 'ünï, "quoted" {set}' },
    authors: ['A, B', 'C "D"'],
    approval: { approved_by: 'Model Governance Committee', approval_date: '2023-06-10', production_date: '2023-06-15' },
    nested: { empty: [], nothing: null, deep: [[1, 2], { k: 'v' }] },
  },
  artifacts: [
    { path: 'model.pt', sha256: 'a'.repeat(64), sizeBytes: Number.MAX_SAFE_INTEGER },
    { path: 'weights/ünï file,{1}.pt', sha256: 'b'.repeat(64), sizeBytes: 0 },
  ],
  metrics: [
    { metric: 'fvd', value: 185.3 },
    { metric: 'fvd', value: 1e-7, scenario: 'policy_briefing' },
    { metric: 'temporal_coherence', value: 0.1 + 0.2 },
    { metric: 'temporal_coherence', value: 0.91, scenario: 'emergency_alert', language: 'hi' },
  ],
});

async function versionRows(modelId: string) {
  const v = await db().modelVersion.findUniqueOrThrow({
    where: { modelId },
    include: {
      artifacts: { orderBy: { path: 'asc' } },
      metrics: { orderBy: [{ definitionId: 'asc' }, { scenario: 'asc' }, { language: 'asc' }] },
      transitions: true,
    },
  });
  const events = await db().auditEvent.findMany({ where: { entityType: 'model_version', entityId: v.id }, orderBy: { seq: 'asc' } });
  // What may differ between two registrations of the same body: ids, the version itself, times of writing.
  const { id, modelId: _m, version: _v, minor: _mi, contentHash: _h, createdAt: _c, updatedAt: _u, statusChangedAt: _s, metadata, ...rest } = v;
  return {
    id,
    version: {
      ...rest,
      metadata: { ...(metadata as Record<string, unknown>), model_id: '(model id)' },
      artifacts: v.artifacts.map(({ path, sha256, sizeBytes }) => ({ path, sha256, sizeBytes })),
      // Exactly: both paths send values as text (Prisma alone stored 0.1 + 0.2 as 0.3, prisma/orm#11096).
      metrics: v.metrics.map(({ definitionId, scenario, language, value }) => ({ definitionId, scenario, language, value })),
      exactValues: v.metrics.map((m) => m.value).sort((a, b) => a - b),
      transitions: v.transitions.map(({ fromStatus, toStatus, reason, actorLabel, requestId }) => ({ fromStatus, toStatus, reason, actorLabel, requestId })),
    },
    events: events.map((e) => {
      const change = { ...(e.change as Record<string, unknown>) };
      delete change.modelId;
      delete change.version;
      return { action: e.action, actorType: e.actorType, hashVersion: e.hashVersion, occurredAt: e.action === 'history.imported' ? e.occurredAt : null, change, mac: e.mac !== null };
    }),
  };
}

describe('bulk import rows (one INSERT per table)', () => {
  it('writes the same version, artifact, metric and transition rows and the same audit events as POST /api/v1/versions', async () => {
    const { token } = await tokenFor('engineer');
    const single = await call(versionsRoute.POST, 'POST', '/api/v1/versions', { token, body: body('9.1.0') });
    expect(single.status, single.text).toBe(201);
    const bulk = await call(importsRoute.POST, 'POST', '/api/v1/imports', { token, body: { versions: [body('9.2.0'), body('9.3.0')] } });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.json.summary).toMatchObject({ imported: 2 });

    const one = await versionRows('pib-vg-base-diffusion-9.1.0-20230615');
    const two = await versionRows('pib-vg-base-diffusion-9.2.0-20230615');
    const three = await versionRows('pib-vg-base-diffusion-9.3.0-20230615');
    expect(one.version.exactValues).toEqual([1e-7, 0.1 + 0.2, 0.91, 185.3]);
    const { exactValues: _e1, ...oneVersion } = one.version;
    const { exactValues, ...twoVersion } = two.version;
    const { exactValues: _e3, ...threeVersion } = three.version;
    expect(twoVersion).toEqual(oneVersion);
    expect(threeVersion).toEqual(oneVersion);
    expect(two.events).toEqual(one.events);
    expect(two.events.map((e) => e.action)).toEqual(['version.register', 'history.imported', 'history.imported']);
    // Values a text round-trip could change, checked by value as well.
    expect(two.version.description).toBe(awkward);
    expect(two.version.tags).toEqual(['nightly', 'x.y_z-1']);
    expect(two.version.artifacts.map((a) => a.sizeBytes)).toEqual([BigInt(Number.MAX_SAFE_INTEGER), 0n]);
    expect(exactValues).toEqual([1e-7, 0.1 + 0.2, 0.91, 185.3]);
    expect(two.version.gitCommit).toBeNull();
    expect(two.id).toMatch(/^c[0-9a-z]{24}$/);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('queues one webhook delivery per registered version for each subscribed, enabled endpoint, with the audit event it announces', async () => {
    const { token, owner } = await tokenFor('engineer');
    const admin = await db().user.findFirstOrThrow({ where: { id: owner.id } });
    const endpoint = (events: string[], enabled = true) =>
      db().webhookEndpoint.create({ data: { url: 'https://receiver.example/hook', events, secret: 'whsec_dGVzdA==', enabled, createdById: admin.id }, select: { id: true } });
    const subscribed = await endpoint(['version.registered', 'promotion.decided']);
    const other = await endpoint(['version.transitioned']);
    const disabled = await endpoint(['version.registered'], false);

    const r = await call(importsRoute.POST, 'POST', '/api/v1/imports', { token, body: { versions: [body('9.4.0'), body('9.5.0'), body('9.6.0')] } });
    expect(r.json.summary).toMatchObject({ imported: 3 });
    const deliveries = await db().webhookDelivery.findMany({ where: { endpointId: { in: [subscribed.id, other.id, disabled.id] } }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.every((d) => d.endpointId === subscribed.id && d.eventType === 'version.registered' && d.status === 'pending')).toBe(true);
    const registers = await db().auditEvent.findMany({ where: { action: 'version.register', entityId: { in: (r.json.results as { id: string }[]).map((x) => x.id) } }, orderBy: { seq: 'asc' } });
    expect(registers).toHaveLength(3);
    const payloads = deliveries.map((d) => d.payload as { type: string; data: { auditSeq: number; entityId: string; change: { modelId: string } } });
    expect(payloads.map((p) => p.data.auditSeq).sort((a, b) => a - b)).toEqual(registers.map((e) => e.seq));
    expect(payloads.map((p) => p.data.change.modelId).sort()).toEqual(['9.4.0', '9.5.0', '9.6.0'].map((v) => `pib-vg-base-diffusion-${v}-20230615`));
    expect(new Set(deliveries.map((d) => d.webhookId)).size).toBe(3);
    await db().webhookEndpoint.deleteMany({ where: { id: { in: [subscribed.id, other.id, disabled.id] } } });
  });

  it('a unique violation of the multi-row INSERT is the 409 a concurrent registration gets', async () => {
    const component = await db().component.findUniqueOrThrow({ where: { key: 'base' }, select: { id: true } });
    const now = new Date();
    const rows: ImportedVersionRows = {
      version: {
        modelId: 'pib-vg-base-diffusion-9.9.0-20230615', componentId: component.id, architecture: 'diffusion', version: '9.9.0', major: 9, minor: 9, patch: 0,
        releaseDate: new Date('2023-06-15T00:00:00Z'), description: '', metadata: {}, configYaml: '', gitCommit: null, gitBranch: null, commitMessage: null,
        tags: [], status: 'development', contentHash: 'c'.repeat(64), registeredById: null, statusChangedAt: now, createdAt: now,
      },
      artifacts: [],
      transition: { fromStatus: null, toStatus: 'development', reason: 'registered', actorId: null, actorLabel: 'test', at: now },
      metrics: [],
    };
    const attempt = inTransaction({ db: db() }, async (tx) => {
      await insertImportedVersions(tx, [rows]);
      await insertImportedVersions(tx, [rows]);
    }, { onUniqueViolation: 'registered at the same time' });
    await expect(attempt).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'conflict' && e.message === 'registered at the same time');
    expect(await db().modelVersion.count({ where: { modelId: rows.version.modelId } })).toBe(0);
  });
});
