import { describe, expect, it } from 'vitest';
import { versionContentHash } from './content-hash';

describe('versionContentHash', () => {
  const body = { component: 'base', version: '1.0.0', metrics: [{ metric: 'fvd', value: 180 }], metadata: { a: 1, b: [1, 2] } };
  it('does not depend on key order', () => {
    expect(versionContentHash({ metadata: { b: [1, 2], a: 1 }, metrics: [{ value: 180, metric: 'fvd' }], version: '1.0.0', component: 'base' })).toBe(versionContentHash(body));
  });
  it('changes with any value', () => {
    expect(versionContentHash({ ...body, metrics: [{ metric: 'fvd', value: 181 }] })).not.toBe(versionContentHash(body));
    expect(versionContentHash(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});
