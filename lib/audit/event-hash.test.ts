import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHashedJson, fastHashedJson } from './event-hash';

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
})).value;

describe('the fast canonical form of an event', () => {
  it('is byte for byte the general RFC 8785 canonicalizer’s, for both hash versions', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: 2 ** 31 - 1 }), v: fc.constantFrom(1, 2), occurredAt: fc.string(), recordedAt: fc.string(),
          actorType: fc.string(), actorId: fc.option(fc.string(), { nil: null }), actorLabel: fc.string(), action: fc.string(),
          entityType: fc.string(), entityId: fc.string(), change: fc.dictionary(fc.string(), json, { maxKeys: 6 }),
        }),
        (e) => {
          expect(fastHashedJson(e)).toBe(canonicalHashedJson(e));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
