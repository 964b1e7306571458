import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { put, seedMetadata, tempDir } from './fixtures';
import { runImport } from './import';
import { Output } from './output';

// runImport reads the version folders a batch at a time and reads the next batch while the
// registry registers the previous one (issue 11). Whatever the batch size, every folder gets
// exactly one outcome, each valid version is sent once, rejected folders are never sent, and a
// registry without bulk import gets one POST /api/v1/versions per version across all batches.

type Seen = { method: string; path: string; body: unknown };

function fakeRegistry(opts: { bulk: boolean; known: Set<string> }): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : null;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({ method: req.method ?? 'GET', path, body });
      const json = (status: number, b: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(b));
      if (path === '/api/v1/imports/known' && opts.bulk) {
        return json(200, { known: (body!.hashes as string[]).filter((h) => opts.known.has(h)) });
      }
      if (path === '/api/v1/imports' && opts.bulk) {
        const versions = body!.versions as unknown[];
        return json(200, { summary: { imported: versions.length, unchanged: 0, conflicts: 0, rejected: 0 }, results: versions.map((_, index) => ({ index, status: 'imported', modelId: null })) });
      }
      if (path === '/api/v1/versions' && req.method === 'POST' && !opts.bulk) return json(201, { id: 'x' });
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"title":"Not Found","status":404}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })));
}

const quiet = () => new Output({ json: true, progress: false, stdout: { write: () => true } });
const id = (n: number) => `pib-vg-base-diffusion-1.0.${n}-20230615`;
let root: string;
const servers: Server[] = [];

beforeAll(async () => {
  root = await tempDir('mgr-batches-');
  // 11 folders: 9 valid, 2 rejected (ids that disagree with their folder), spread over the batches.
  for (let n = 0; n < 11; n++) {
    const bad = n === 2 || n === 7;
    await put(root, `models/base/v1.0.${n}/metadata.json`, seedMetadata(bad ? id(n + 100) : id(n)));
    await put(root, `models/base/v1.0.${n}/model.pt`, `weights ${n}`);
  }
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await rm(root, { recursive: true, force: true });
});

describe('runImport, a batch at a time', () => {
  for (const batchSize of [1, 3, 4, 200]) {
    it(`batch size ${batchSize}: one outcome per folder, each valid version sent once, known ones not sent`, async () => {
      const first = await fakeRegistry({ bulk: true, known: new Set() });
      servers.push(first.server);
      // Learn the content hashes the CLI computes; then a registry that knows two of them.
      await runImport(root, { dryRun: false, client: new ApiClient({ url: first.url }), output: quiet(), batchSize: 200 });
      const hashes = first.seen.filter((s) => s.path === '/api/v1/imports/known').flatMap((s) => (s.body as { hashes: string[] }).hashes);
      const order = first.seen.filter((s) => s.path === '/api/v1/imports').flatMap((s) => (s.body as { versions: { modelId: string }[] }).versions.map((v) => v.modelId));
      expect(hashes).toHaveLength(9);
      const hashOf = new Map(order.map((m, i) => [m, hashes[i]]));

      const reg = await fakeRegistry({ bulk: true, known: new Set([hashOf.get(id(0))!, hashOf.get(id(6))!]) });
      servers.push(reg.server);
      const report = await runImport(root, { dryRun: false, client: new ApiClient({ url: reg.url }), output: quiet(), batchSize });
      expect(report.summary).toEqual({ imported: 7, unchanged: 2, rejected: 2, conflicts: 0, valid: 0 });
      expect(report.items.map((i) => i.path).sort()).toEqual(Array.from({ length: 11 }, (_, n) => `models/base/v1.0.${n}`).sort());
      expect(report.items.filter((i) => i.status === 'rejected').map((i) => i.path).sort()).toEqual(['models/base/v1.0.2', 'models/base/v1.0.7']);
      const sent = reg.seen.filter((s) => s.path === '/api/v1/imports').flatMap((s) => (s.body as { versions: { modelId: string }[] }).versions.map((v) => v.modelId));
      expect(sent.sort()).toEqual([1, 3, 4, 5, 8, 9, 10].map(id).sort()); // 0 and 6 are known
      expect(reg.seen.filter((s) => s.path === '/api/v1/imports').every((s) => (s.body as { versions: unknown[] }).versions.length <= batchSize)).toBe(true);
    });
  }

  it('a registry without bulk import: one POST /api/v1/versions per valid version, in every batch', async () => {
    const reg = await fakeRegistry({ bulk: false, known: new Set() });
    servers.push(reg.server);
    const report = await runImport(root, { dryRun: false, client: new ApiClient({ url: reg.url }), output: quiet(), batchSize: 4 });
    expect(report.summary).toEqual({ imported: 9, unchanged: 0, rejected: 2, conflicts: 0, valid: 0 });
    const posted = reg.seen.filter((s) => s.path === '/api/v1/versions').map((s) => (s.body as { modelId: string }).modelId);
    expect(posted.sort()).toEqual([0, 1, 3, 4, 5, 6, 8, 9, 10].map(id).sort());
    // Asked once whether it has bulk import, never again.
    expect(reg.seen.filter((s) => s.path === '/api/v1/imports/known')).toHaveLength(1);
  });
});
