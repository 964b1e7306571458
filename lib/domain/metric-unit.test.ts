import { describe, expect, it } from 'vitest';
import { normalizeUnit, parseValueWithUnit, unitProblem, unitsMatch } from './metric-unit';

describe('metric units', () => {
  it('reads a number and the unit after it', () => {
    expect(parseValueWithUnit('2.3 seconds per frame')).toEqual({ value: 2.3, unit: 'seconds per frame' });
    expect(parseValueWithUnit(' 185.3 ')).toEqual({ value: 185.3, unit: '' });
    expect(parseValueWithUnit('85%')).toEqual({ value: 85, unit: '%' });
    expect(parseValueWithUnit('1e-3 s/frame')).toEqual({ value: 0.001, unit: 's/frame' });
    expect(parseValueWithUnit('n/a')).toBeNull();
    expect(parseValueWithUnit('about 2')).toBeNull();
    expect(parseValueWithUnit('2023-06-15')).toBeNull();
  });

  it('matches the usual spellings of the same unit, not other units', () => {
    expect(normalizeUnit('seconds per frame')).toBe('s/frame');
    expect(unitsMatch('sec / frame', 's/frame')).toBe(true);
    expect(unitsMatch('Seconds per Frame', 's/frame')).toBe(true);
    expect(unitsMatch('', '')).toBe(true);
    expect(unitsMatch('ms per frame', 's/frame')).toBe(false);
    expect(unitsMatch('seconds', 's/frame')).toBe(false);
  });

  it('says why a unit does not fit', () => {
    expect(unitProblem('generation_time', '2.3 ms', 's/frame')).toBe("unit \"2.3 ms\" is not generation_time's unit (s/frame)");
    expect(unitProblem('fvd', 'points', '')).toBe('fvd has no unit, but the value states "points"');
    expect(unitProblem('generation_time', 'seconds per frame', 's/frame')).toBeNull();
  });
});
