import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from '../errors';
import { parseInput } from './common';

describe('parseInput refuses what PostgreSQL cannot store, naming the field', () => {
  const schema = z.object({ name: z.string(), value: z.number(), tags: z.array(z.string()) });
  const refusal = (input: unknown) => {
    try {
      parseInput(schema, input, 'thing');
      return null;
    } catch (e) {
      return isAppError(e) ? e.fieldErrors : e;
    }
  };

  it('NUL characters', () => expect(refusal({ name: 'a\u0000b', value: 1, tags: [] })).toEqual({ name: ['contains a NUL character'] }));
  it('lone surrogates, in nested arrays', () => expect(refusal({ name: 'x', value: 1, tags: ['ok', '\uD800'] })).toEqual({ 'tags.1': ['contains invalid Unicode (a lone surrogate)'] }));
  it('subnormal numbers', () => expect(refusal({ name: 'x', value: -5.4e-323, tags: [] })).toEqual({ value: ['is too close to zero to store (below 2.2e-308)'] }));
  it('accepts ordinary input, zero and paired surrogates', () => expect(refusal({ name: 'ok 😀', value: 0, tags: [] })).toBeNull());
});
