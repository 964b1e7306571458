import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type ServiceContext } from '@/lib/context';
import type { Db } from '@/lib/db';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { metricHistory } from '@/lib/queries/metric-history';
import { makeComponent, makeUser } from '../fixtures';
import { withOwnDatabase } from '../own-database';

// The metric history is thinned in the database (lib/queries/metric-history.ts): the component's
// versions are never all sent to the app once there are more than the chart's budget.

const { db } = withOwnDatabase('mgr_metric_history');
let statements = 0;
let ctx: ServiceContext;
let client: Db;

async function seed(count: number, dateOf: (i: number) => Date) {
  const comp = await makeComponent();
  const fvd = await db().metricDefinition.findUniqueOrThrow({ where: { key: 'fvd' }, select: { id: true } });
  const versions = Array.from({ length: count }, (_, i) => ({
    id: `${comp.key}_${i}`, modelId: `pib-vg-${comp.key}-diffusion-${i}.0.0-20200101`, componentId: comp.id, architecture: 'diffusion',
    version: `${i}.0.0`, major: i, minor: 0, patch: 0, releaseDate: dateOf(i),
  }));
  await db().modelVersion.createMany({ data: versions });
  // Every version but each 10th has a value; a peak at 150 (the series' only value above 1000).
  await db().metric.createMany({ data: versions.filter((_, i) => i % 10 !== 5).map((v, i) => ({ versionId: v.id, definitionId: fvd.id, value: i === 150 ? 5000 : i })) });
  return comp.key;
}

beforeAll(async () => {
  const c = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: 'event', level: 'query' }] });
  c.$on('query', () => void statements++);
  client = c as unknown as Db;
  ctx = contextFor(await makeUser('viewer'), { db: client });
});
afterAll(() => client.$disconnect());

const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000);

describe('metric history', () => {
  it('answers at most the budget of points, in release order, first and last version included, in one statement', async () => {
    const key = await seed(1000, (i) => day(i));
    statements = 0;
    const h = (await metricHistory(ctx, key, 'fvd', '', 50))!;
    expect(statements).toBe(1);
    expect(h.total).toBe(1000);
    expect(h.downsampled).toBe(true);
    expect(h.points.length).toBeLessThanOrEqual(50);
    expect(h.points.length).toBeGreaterThanOrEqual(40);
    const majors = h.points.map((p) => Number(p.version.split('.')[0]));
    expect(majors).toEqual([...majors].sort((a, b) => a - b));
    expect(majors[0]).toBe(0);
    expect(majors.at(-1)).toBe(999);
    expect(h.points.map((p) => p.x)).toEqual(h.points.map((_, i) => i));
  });

  it('cuts by rank when versions crowd on a few release dates', async () => {
    const key = await seed(400, (i) => day(i % 3));
    const h = (await metricHistory(ctx, key, 'fvd', '', 50))!;
    expect(h.points.length).toBeLessThanOrEqual(50);
    expect(h.points.length).toBeGreaterThanOrEqual(40);
    const order = h.points.map((p) => `${p.releaseDate} ${String(p.version.split('.')[0]).padStart(4, '0')}`);
    expect(order).toEqual([...order].sort());
  });

  it('answers every version up to the budget, without thinning', async () => {
    const key = await seed(30, (i) => day(i));
    const h = (await metricHistory(ctx, key, 'fvd', '', 50))!;
    expect(h.downsampled).toBe(false);
    expect(h.points).toHaveLength(27); // 3 of the 30 have no value
    expect(h.total).toBe(27);
  });

  it('thins to the first version with a value of each equal span of release days, then the last with a value', async () => {
    // Irregular dates: gaps, several versions on one day (semver decides among them), versions
    // without a value (the latest-released one among them), and the period's ends set by versions
    // without a value. The expected series is computed here from every version, by the rule.
    const comp = await makeComponent();
    const fvd = await db().metricDefinition.findUniqueOrThrow({ where: { key: 'fvd' }, select: { id: true } });
    const n = 600;
    const dayOf = (i: number) => (i === 0 ? 0 : i === n - 1 ? 420 : 3 + ((i * 7) % 401)); // i and i + 401 share a day
    const versions = Array.from({ length: n }, (_, i) => ({
      id: `${comp.key}_${i}`, modelId: `pib-vg-${comp.key}-diffusion-${i % 50}.${Math.floor(i / 50)}.0-20200101`, componentId: comp.id, architecture: 'diffusion',
      version: `${i % 50}.${Math.floor(i / 50)}.0`, major: i % 50, minor: Math.floor(i / 50), patch: 0, releaseDate: day(dayOf(i)),
    }));
    const valued = (i: number) => i !== 0 && i !== n - 1 && i % 7 !== 3;
    await db().modelVersion.createMany({ data: versions });
    await db().metric.createMany({ data: versions.flatMap((v, i) => (valued(i) ? [{ versionId: v.id, definitionId: fvd.id, value: i + 0.25 }] : [])) });

    const budget = 40;
    const order = (a: (typeof versions)[number], b: (typeof versions)[number]) =>
      a.releaseDate.getTime() - b.releaseDate.getTime() || a.major - b.major || a.minor - b.minor || a.patch - b.patch;
    const sorted = versions.map((v, i) => ({ ...v, i })).sort(order);
    const lo = sorted[0].releaseDate.getTime();
    const days = Math.round((sorted.at(-1)!.releaseDate.getTime() - lo) / 86_400_000) + 1;
    const spans = budget - 1;
    const expected: string[] = [];
    for (let g = 0; g < spans; g++) {
      const from = lo + Math.floor((days * g) / spans) * 86_400_000;
      const to = lo + Math.floor((days * (g + 1)) / spans) * 86_400_000;
      const first = sorted.find((v) => valued(v.i) && v.releaseDate.getTime() >= from && v.releaseDate.getTime() < to);
      if (first) expected.push(first.id);
    }
    const last = [...sorted].reverse().find((v) => valued(v.i))!;
    if (expected.at(-1) !== last.id) expected.push(last.id);

    const h = (await metricHistory(ctx, comp.key, 'fvd', '', budget))!;
    expect(h.points.map((p) => p.versionId)).toEqual(expected);
    expect(h.points.map((p) => p.y)).toEqual(expected.map((id) => Number(id.split('_')[1]) + 0.25));
    expect(h.points.map((p) => p.releaseDate)).toEqual(expected.map((id) => versions.find((v) => v.id === id)!.releaseDate.toISOString().slice(0, 10)));
    expect(h.total).toBe(n); // every version of the component, with a value or not
    expect(h.downsampled).toBe(true);
  });

  it("keeps the total true as versions are added and removed (the count the database keeps per component)", async () => {
    const key = await seed(300, (i) => day(i));
    const comp = await db().component.findUniqueOrThrow({ where: { key }, select: { id: true } });
    const total = async () => (await metricHistory(ctx, key, 'fvd', '', 50))!.total;
    expect(await total()).toBe(300);
    const more = (from: number, count: number) =>
      Array.from({ length: count }, (_, j) => ({
        id: `${key}_${from + j}`, modelId: `pib-vg-${key}-diffusion-${from + j}.0.0-20200101`, componentId: comp.id, architecture: 'diffusion',
        version: `${from + j}.0.0`, major: from + j, minor: 0, patch: 0, releaseDate: day(from + j),
      }));
    await db().modelVersion.create({ data: more(300, 1)[0] });
    await db().modelVersion.createMany({ data: more(301, 5) });
    expect(await total()).toBe(306);
    await db().modelVersion.deleteMany({ where: { id: { in: [`${key}_301`, `${key}_302`] } } });
    expect(await total()).toBe(304);
    const other = await makeComponent();
    await db().modelVersion.update({ where: { id: `${key}_303` }, data: { componentId: other.id } });
    expect(await total()).toBe(303);
    expect((await db().componentVersionCount.findUniqueOrThrow({ where: { componentId: other.id } })).versions).toBe(1);
  });

  it('answers a series drawn before again while the component is unchanged, and draws it anew after any change it shows', async () => {
    const key = await seed(30, (i) => day(i)); // within the budget: drawn by a second statement
    const comp = await db().component.findUniqueOrThrow({ where: { key }, select: { id: true } });
    const fvd = await db().metricDefinition.findUniqueOrThrow({ where: { key: 'fvd' }, select: { id: true } });
    const read = async () => (await metricHistory(ctx, key, 'fvd', '', 50))!;
    const ys = async () => (await read()).points.map((p) => [p.versionId, p.y]);
    const first = await read();
    statements = 0;
    expect(await read()).toEqual(first);
    expect(statements).toBe(1); // the stamp read; the versions are not read again

    // A value changed, added and removed (the metrics triggers), each seen on the next read.
    const v3 = first.points[3].versionId;
    await db().$executeRaw`UPDATE metrics SET value = 777 WHERE version_id = ${v3}`;
    expect((await ys()).find(([id]) => id === v3)).toEqual([v3, 777]);
    await db().metric.create({ data: { versionId: `${key}_5`, definitionId: fvd.id, value: 55 } });
    expect((await ys()).find(([id]) => id === `${key}_5`)).toEqual([`${key}_5`, 55]);
    await db().metric.deleteMany({ where: { versionId: `${key}_5` } });
    expect((await ys()).some(([id]) => id === `${key}_5`)).toBe(false);
    // A version given another release date moves in the series; a version added is drawn.
    await db().modelVersion.update({ where: { id: `${key}_0` }, data: { releaseDate: day(400) } });
    expect((await read()).points.at(-1)!.versionId).toBe(`${key}_0`);
    await db().modelVersion.create({
      data: { id: `${key}_new`, modelId: `pib-vg-${key}-diffusion-99.0.0-20210101`, componentId: comp.id, architecture: 'diffusion', version: '99.0.0', major: 99, minor: 0, patch: 0, releaseDate: day(500),
        metrics: { create: { definitionId: fvd.id, value: 99 } } },
    });
    const last = await read();
    expect(last.points.at(-1)).toMatchObject({ versionId: `${key}_new`, y: 99 });
    expect(last.total).toBe(28);
  });

  it('draws a thinned series anew when a value in it changes, and reads the points once while nothing does', async () => {
    const key = await seed(400, (i) => day(i));
    const read = async () => (await metricHistory(ctx, key, 'fvd', '', 50))!;
    const first = await read();
    expect(first.downsampled).toBe(true);
    statements = 0;
    expect(await read()).toEqual(first);
    expect(statements).toBe(1);
    const shown = first.points[10].versionId;
    await db().$executeRaw`UPDATE metrics SET value = -1 WHERE version_id = ${shown}`;
    const after = await read();
    expect(after.points[10]).toMatchObject({ versionId: shown, y: -1 });
    expect(after.points.filter((p, i) => i !== 10)).toEqual(first.points.filter((p, i) => i !== 10));
  });
});
