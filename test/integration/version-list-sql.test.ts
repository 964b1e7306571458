import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type ServiceContext } from '@/lib/context';
import { SORT_KEYS, type ListVersionsParams, type SortOrder, type VersionSort } from '@/lib/contracts/version-list';
import type { Db } from '@/lib/db';
import { KEY_METRICS } from '@/lib/domain/metrics';
import { PrismaClient, type Prisma } from '@/lib/generated/prisma/client';
import { overallValues, metricDefinitions } from '@/lib/queries/model-versions';
import { listModelVersions } from '@/lib/queries/version-list';
import { makeUser } from '../fixtures';
import { withOwnDatabase } from '../own-database';

// The versions list is one SQL statement (decision record 017). It must answer exactly what the
// Prisma reads it replaced answered (a page query, a count, the definitions, the page's overall
// values: four statements): that reading is kept here as the oracle, and both run on the same
// fixture rows for every sort, order, filter, search and page.

const { db } = withOwnDatabase('mgr_list_sql');

function oracleOrderBy(sort: VersionSort, order: SortOrder): Prisma.ModelVersionOrderByWithRelationInput[] {
  const semver: Prisma.ModelVersionOrderByWithRelationInput[] = [{ major: order }, { minor: order }, { patch: order }];
  const tail: Prisma.ModelVersionOrderByWithRelationInput[] = [{ id: 'asc' }];
  switch (sort) {
    case 'version': return [...semver, { componentId: 'asc' }, ...tail];
    case 'modelId': return [{ modelId: order }, ...tail];
    case 'component': return [{ component: { key: order } }, { major: 'desc' }, { minor: 'desc' }, { patch: 'desc' }, ...tail];
    case 'status': return [{ status: order }, { releaseDate: 'desc' }, ...tail];
    case 'createdAt': return [{ createdAt: order }, ...tail];
    default: return [{ releaseDate: order }, ...semver, ...tail];
  }
}

function oracleWhere(p: ListVersionsParams): Prisma.ModelVersionWhereInput {
  const where: Prisma.ModelVersionWhereInput = {};
  if (p.component) where.component = { key: p.component };
  if (p.status) where.status = p.status;
  if (p.tag) where.tags = { has: p.tag };
  const q = p.q?.trim();
  if (q) {
    // Prisma's `contains` passes % and _ through as wildcards (a search for "100%" matched every
    // "100"); the list now searches for the text as typed, so the oracle escapes them.
    const text = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const or: Prisma.ModelVersionWhereInput[] = [
      { modelId: { contains: text, mode: 'insensitive' } },
      { description: { contains: text, mode: 'insensitive' } },
      { commitMessage: { contains: text, mode: 'insensitive' } },
    ];
    if (/^[0-9a-f]{4,40}$/i.test(q)) or.push({ gitCommit: { startsWith: q.toLowerCase() } });
    where.OR = or;
  }
  return where;
}

async function oracle(d: Db, p: ListVersionsParams, sort: VersionSort, order: SortOrder, page: number, pageSize: number) {
  const where = oracleWhere(p);
  const [rows, total, defs] = await Promise.all([
    d.modelVersion.findMany({
      where, orderBy: oracleOrderBy(sort, order), skip: (page - 1) * pageSize, take: pageSize,
      select: { id: true, modelId: true, architecture: true, version: true, releaseDate: true, status: true, tags: true, component: { select: { key: true } } },
    }),
    d.modelVersion.count({ where }),
    metricDefinitions(d),
  ]);
  const values = await overallValues(d, rows.map((r) => r.id), defs, KEY_METRICS);
  // The list gives the release date as its calendar day (YYYY-MM-DD); Prisma reads it as UTC midnight.
  const items = rows.map(({ component, ...r }) => ({ ...r, releaseDate: r.releaseDate.toISOString().slice(0, 10), component: component.key, keyMetrics: values.get(r.id) ?? {} }));
  return { items, total, page, pageSize, sort, order };
}

let ctx: ServiceContext;
let statements = 0;
let counting: Db | undefined;

beforeAll(async () => {
  const d = db();
  const comps = await Promise.all(['lsa', 'lsb', 'lsc'].map((key) => d.component.create({ data: { key: `${key}${Date.now() % 100000}`, folder: key, name: key }, select: { id: true, key: true } })));
  const defs = await d.metricDefinition.findMany({ select: { id: true, key: true } });
  const statuses = ['development', 'testing', 'staging', 'production', 'deprecated', 'archived'] as const;
  const descriptions = ['plain', '100% sure', 'snake_case name', 'back\\slash', 'Needle in caps', 'needle lower'];
  let n = 0;
  for (const c of comps) {
    for (let i = 0; i < 14; i++, n++) {
      const [major, minor, patch] = [i % 3, (i * 7) % 11, i % 2];
      const v = await d.modelVersion.create({
        data: {
          modelId: `pib-vg-${c.key}-diffusion-${major}.${minor}.${patch}-2023${String(1 + (i % 12)).padStart(2, '0')}01`,
          componentId: c.id, architecture: 'diffusion', version: `${major}.${minor}.${patch}`, major, minor, patch,
          releaseDate: new Date(Date.UTC(2023, i % 5, 1)), // shared dates: the tie-breaks decide
          description: descriptions[n % descriptions.length],
          commitMessage: n % 4 === 0 ? null : `[X] TUNE: change ${n}`,
          gitCommit: n % 3 === 0 ? null : `abc${String(n).padStart(4, '0')}def`,
          tags: n % 5 === 0 ? ['emergency'] : n % 7 === 0 ? ['critical-issue', 'emergency'] : [],
          status: i === 5 ? statuses[3] : statuses[n % 6 === 3 ? 4 : n % 6], // one production per component
          createdAt: new Date(Date.UTC(2024, 0, 1 + (n % 9))),
        },
        select: { id: true },
      });
      // Some versions have no metrics, some only a few, some values per scenario/language as well.
      const rows = defs.filter((_, j) => n % 3 !== 0 || j % 2 === 0).flatMap((def, j) => [
        { versionId: v.id, definitionId: def.id, value: n * 10 + j + 0.5 },
        { versionId: v.id, definitionId: def.id, scenario: 'policy_briefing', value: n },
        { versionId: v.id, definitionId: def.id, language: 'hi', value: -n },
      ]);
      if (n % 4 !== 1) await d.metric.createMany({ data: rows });
    }
  }
  const actor = await makeUser('viewer');
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', () => void statements++);
  counting = client as unknown as Db;
  ctx = contextFor(actor, { db: counting });
});

afterAll(() => counting?.$disconnect());

const filters = async (): Promise<ListVersionsParams[]> => {
  const [c] = await db().component.findMany({ where: { key: { startsWith: 'lsb' } }, select: { key: true } });
  return [
    {}, { component: c.key }, { status: 'testing' }, { tag: 'emergency' }, { tag: 'critical-issue', component: c.key },
    { q: 'needle' }, { q: '100%' }, { q: '%' }, { q: '_' }, { q: 'snake_case' }, { q: 'back\\slash' }, { q: 'abc0012' }, { q: 'ABC001' }, { q: 'TUNE: change 1' },
    { q: 'nothing matches this' }, { component: 'no-such-component' },
  ];
};

describe('the versions list in one statement', () => {
  it('answers every sort, order, filter, search and page exactly as the four Prisma reads did', async () => {
    let cases = 0;
    for (const f of await filters()) {
      for (const sort of SORT_KEYS) {
        for (const order of ['asc', 'desc'] as const) {
          for (const [page, pageSize] of [[1, 25], [2, 7], [7, 7]] as const) {
            const got = await listModelVersions(ctx, { ...f, sort, order, page, pageSize });
            const want = await oracle(db(), f, sort, order, page, pageSize);
            expect(got, JSON.stringify({ f, sort, order, page, pageSize })).toEqual(want);
            cases++;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(500);
    // The fixture exercises what it should: full pages, partial pages, empty pages, missing metrics.
    const all = await listModelVersions(ctx, { pageSize: 100 });
    expect(all.total).toBe(42);
    expect(all.items.some((i) => Object.keys(i.keyMetrics).length === 0)).toBe(true);
    expect(all.items.some((i) => Object.keys(i.keyMetrics).length === KEY_METRICS.length)).toBe(true);
  }, 600_000); // a budget for a slow shared machine, not a timed assertion

  it('runs one SQL statement per page (four before)', async () => {
    await listModelVersions(ctx, { q: 'needle' }); // warm up
    statements = 0;
    const page = await listModelVersions(ctx, { sort: 'version', order: 'desc', page: 2, pageSize: 10 });
    expect(page.items).toHaveLength(10);
    expect(statements).toBe(1);
  });
});
