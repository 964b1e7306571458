import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '@/cli/client';
import { runExport } from '@/cli/export';
import { put, seedMetadata, tempDir } from '@/cli/fixtures';
import { runImport, summaryLine } from '@/cli/import';
import { Output } from '@/cli/output';
import { verifyAuditChain } from '@/lib/audit/chain';
import { contextFor } from '@/lib/context';
import { createPrismaClient, type Db } from '@/lib/db';
import { loadDemoStory } from '@/lib/demo/story';
import { createApiToken } from '@/lib/services/api-tokens';
import { createDatabaseFromTemplate } from '../db';

// Issue 9's checks, with the real CLI code (runExport / runImport) over HTTP against the real
// route handlers (an in-process server), on two databases of this file's own:
//  - the demo registry exported with `mgr export`, imported into a fresh database, exported
//    again: the two trees are the same file for file, and a second import is all unchanged;
//  - a tree whose performance.json files use the mixed shape imports every valid version.

const g = globalThis as unknown as { prisma?: Db };
const ROUTES: [RegExp, string, string[]][] = [
  [/^\/api\/v1\/components$/, '@/app/api/v1/components/route', []],
  [/^\/api\/v1\/versions$/, '@/app/api/v1/versions/route', []],
  [/^\/api\/v1\/versions\/([^/]+)$/, '@/app/api/v1/versions/[ref]/route', ['ref']],
  [/^\/api\/v1\/parameter-sets$/, '@/app/api/v1/parameter-sets/route', []],
  [/^\/api\/v1\/parameter-sets\/import$/, '@/app/api/v1/parameter-sets/import/route', []],
  [/^\/api\/v1\/imports$/, '@/app/api/v1/imports/route', []],
  [/^\/api\/v1\/imports\/known$/, '@/app/api/v1/imports/known/route', []],
];
const modules = new Map<string, Record<string, unknown>>();
for (const [, file] of ROUTES) modules.set(file, (await import(/* @vite-ignore */ file)) as Record<string, unknown>);

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route handlers behind a plain HTTP server, on whichever database `g.prisma` is now. */
function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const hit = ROUTES.map(([re, file, names]) => ({ m: re.exec(url.pathname), file, names })).find((x) => x.m);
        const handler = hit ? (modules.get(hit.file)![req.method ?? 'GET'] as Handler | undefined) : undefined;
        if (!hit || !handler) {
          res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"title":"Not Found","status":404}');
          return;
        }
        const params = Object.fromEntries(hit.names.map((n, i) => [n, decodeURIComponent(hit.m![i + 1])]));
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const response = await handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve(params) });
        res.writeHead(response.status, Object.fromEntries(response.headers.entries())).end(Buffer.from(await response.arrayBuffer()));
      })();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function filesOf(root: string, dir = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) for (const [k, v] of await filesOf(root, rel)) out.set(k, v);
    else out.set(rel, await readFile(path.join(root, rel), 'utf8'));
  }
  return out;
}

const quiet = () => new Output({ json: true, progress: false, stdout: { write: () => true } });

let source: Db;
let fresh: Db;
const drops: (() => Promise<void>)[] = [];
const dirs: string[] = [];
let server: Server;
let url: string;

/** Point the app at one of the two databases and give a client with an engineer's token there (engineers import). */
async function use(db: Db): Promise<ApiClient> {
  g.prisma = db;
  const u = await db.user.findFirstOrThrow({ where: { role: 'engineer', active: true }, select: { id: true, email: true, role: true, senior: true } });
  const actor = { type: 'user' as const, id: u.id, label: u.email, role: u.role, senior: u.senior };
  const { token } = await createApiToken(contextFor(actor, { db }), { name: `round-trip-${Date.now()}` });
  return new ApiClient({ url, token });
}

beforeAll(async () => {
  const a = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_rt_src');
  const b = await createDatabaseFromTemplate(inject('templateDatabase'), 'mgr_rt_dst');
  drops.push(a.drop, b.drop);
  source = createPrismaClient(a.url);
  fresh = createPrismaClient(b.url);
  await loadDemoStory(source);
  // The fresh registry needs a person of its own to hold a token (nothing else).
  await fresh.user.create({ data: { email: 'engineer@fresh.local', name: 'Fresh engineer', role: 'engineer' } });
  server = await startServer();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  g.prisma = undefined;
  await source?.$disconnect();
  await fresh?.$disconnect();
  for (const d of drops) await d();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('export → import round trip of the demo registry', () => {
  it('imports every exported version and parameter set into a fresh database; exporting that gives the same files', async () => {
    const first = await tempDir('mgr-rt-a-');
    const second = await tempDir('mgr-rt-b-');
    dirs.push(first, second);
    const exported = await runExport(first, { client: await use(source), output: quiet() });
    expect(exported.versions).toBe(await source.modelVersion.count());
    expect(exported.versions).toBeGreaterThan(10);

    const client = await use(fresh);
    const report = await runImport(first, { dryRun: false, client, output: quiet() });
    const problems = report.items.flatMap((i) => i.problems.map((p) => `${p.path}: ${p.reason}`));
    expect(problems).toEqual([]);
    expect(summaryLine(report)).toBe(`imported ${exported.versions + exported.parameterSets}, unchanged 0, rejected 0`);
    expect(await fresh.modelVersion.count()).toBe(exported.versions);
    expect((await verifyAuditChain(fresh)).ok).toBe(true);

    const again = await runImport(first, { dryRun: false, client, output: quiet() });
    expect(summaryLine(again)).toBe(`imported 0, unchanged ${exported.versions + exported.parameterSets}, rejected 0`);

    await runExport(second, { client, output: quiet() });
    const [a, b] = [await filesOf(first), await filesOf(second)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, content] of a) expect(b.get(file), file).toBe(content);
  });
});

describe('a tree with the mixed performance.json shape', () => {
  it('imports every valid version; only the ambiguous file refuses its version, naming the key', async () => {
    const root = await tempDir('mgr-rt-mixed-');
    dirs.push(root);
    const v = (n: number) => `models/base/v61.0.${n}`;
    const id = (n: number) => `pib-vg-base-diffusion-61.0.${n}-20230615`;
    for (let n = 0; n < 4; n++) await put(root, `${v(n)}/metadata.json`, seedMetadata(id(n)));
    await put(root, `${v(0)}/performance.json`, { fvd: 226.5, is: 68.3, scenarios: { policy_briefing: { fvd: 206.4 } } });
    await put(root, `${v(1)}/performance.json`, { fvd: 226.5, languages: { hi: { temporal_coherence: 0.9 } }, entries: [{ metric: 'fvd', scenario: 'news', language: 'hi', value: 230 }] });
    await put(root, `${v(2)}/performance.json`, { generation_time: '2.1 seconds per frame', scenarios: { news: { generation_time: { value: 2.4, unit: 's/frame' } } } });
    await put(root, `${v(3)}/performance.json`, { fvd: 226.5, policy_briefing: { fvd: 206.4 } });
    const client = await use(fresh);
    const report = await runImport(root, { dryRun: false, client, output: quiet() });
    expect(summaryLine(report)).toBe('imported 3, unchanged 0, rejected 1');
    expect(report.items.find((i) => i.path === v(3))!.problems.map((p) => `${p.path}: ${p.field}: ${p.reason}`)).toEqual([
      `${v(3)}/performance.json: policy_briefing: ambiguous: an object that is not a section (a scenario? a language?); expected a number, or the sections overall, scenarios, languages or entries`,
    ]);
    const metrics = await fresh.metric.findMany({ where: { version: { modelId: id(0) } }, select: { scenario: true, value: true, definition: { select: { key: true } } } });
    expect(metrics.map((m) => `${m.definition.key}|${m.scenario}|${m.value}`).sort()).toEqual(['fvd||226.5', 'fvd|policy_briefing|206.4', 'generation_time||2.3', 'is||68.3', 'temporal_coherence||0.93'].sort());

    // A unit the definition does not have is refused by the registry, naming the file and key.
    await put(root, `${v(3)}/performance.json`, { generation_time: '2.3 ms per frame' });
    const second = await runImport(root, { dryRun: false, client, output: quiet() });
    expect(second.items.find((i) => i.path === v(3))!.problems.map((p) => `${p.path}: ${p.field}: ${p.reason}`)).toEqual([
      `${v(3)}/performance.json: generation_time: unit "ms per frame" is not generation_time's unit (s/frame)`,
    ]);
    expect(summaryLine(second)).toBe('imported 0, unchanged 3, rejected 1');
  });
});
