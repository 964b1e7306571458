import canonicalize from 'canonicalize';

/** RFC 8785 (JSON Canonicalization Scheme): sorted keys, no whitespace, ECMAScript number form. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error('value cannot be canonicalized to JSON');
  return out;
}
