import { describe, expect, it } from 'vitest';
import { lttb } from './downsample';

const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ x: i, y: f(i) }));

describe('lttb', () => {
  it('returns short series unchanged (a copy)', () => {
    const s = series(10, (i) => i);
    const out = lttb(s, 200);
    expect(out).toEqual(s);
    expect(out).not.toBe(s);
  });

  it('returns exactly the threshold, keeps first and last, keeps x order', () => {
    const s = series(2500, (i) => Math.sin(i / 50) * 100);
    const out = lttb(s, 200);
    expect(out).toHaveLength(200);
    expect(out[0]).toBe(s[0]);
    expect(out[199]).toBe(s[2499]);
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
  });

  it('keeps a single spike (a regression must not be smoothed away)', () => {
    const s = series(10_000, (i) => (i === 6_123 ? 999 : 100 + (i % 7)));
    const out = lttb(s, 100);
    expect(out.some((p) => p.y === 999)).toBe(true);
  });

  it('keeps extra fields of the points', () => {
    const s = Array.from({ length: 500 }, (_, i) => ({ x: i, y: i % 13, modelId: `m${i}` }));
    const out = lttb(s, 50);
    expect(out.every((p) => p.modelId === `m${p.x}`)).toBe(true);
  });

  it('leaves thresholds below 3 alone', () => {
    expect(lttb(series(50, (i) => i), 2)).toHaveLength(50);
  });
});
