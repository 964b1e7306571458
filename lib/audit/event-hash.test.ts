import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { canonicalHashedJson, eventToCanonicalLine, fastCanonicalRecord, fastHashedJson } from './event-hash';

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
})).value;

const record = fc.record({
  seq: fc.integer({ min: 1, max: 2 ** 31 - 1 }), v: fc.constantFrom(1, 2), occurredAt: fc.string(), recordedAt: fc.string(),
  actorType: fc.string(), actorId: fc.option(fc.string(), { nil: null }), actorLabel: fc.string(), action: fc.string(),
  entityType: fc.string(), entityId: fc.string(), change: fc.dictionary(fc.string(), json, { maxKeys: 6 }),
  prevHash: fc.string(), hash: fc.string(),
});

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

  it('writes a whole record (a line of the events file) byte for byte as the general canonicalizer does', () => {
    fc.assert(
      fc.property(record, (e) => {
        expect(fastCanonicalRecord(e)).toBe(canonicalJson(e));
        expect(eventToCanonicalLine(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves what it cannot write directly to the general canonicalizer: no change, a seq past the safe integers', () => {
    const e = { seq: 7, v: 2, occurredAt: 'a', recordedAt: 'b', actorType: 'user', actorId: null, actorLabel: 'l', action: 'x', entityType: 't', entityId: 'i', change: { b: 1, a: [2] }, prevHash: 'p', hash: 'h' };
    const { change: _change, ...noChange } = e;
    expect(fastCanonicalRecord(noChange as typeof e)).toBe(canonicalJson(noChange));
    expect(fastCanonicalRecord({ ...e, seq: 2 ** 60 })).toBe(canonicalJson({ ...e, seq: 2 ** 60 }));
    expect(eventToCanonicalLine({ ...e, mac: 'secret' } as typeof e)).toBe(canonicalJson(e));
  });
});
