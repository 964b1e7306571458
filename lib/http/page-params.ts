import { notFound } from 'next/navigation';
import { findUnstorable } from '../validation/common';
import { decodedSegment } from './url-guard';

export { decodedSegment };

// Pages read their path and search parameters through these: a value the database cannot store or
// compare (a NUL character, invalid Unicode) is the 404 page, never a 500 from a query. (proxy.ts
// answers such URLs with a 400 before they get here; this holds when a page is reached otherwise.)

/** Path parameters, each segment percent-decoded once (see decodedSegment), checked. */
export async function pageParams<T extends Record<string, string | string[]>>(params: Promise<T>): Promise<T> {
  const raw = await params;
  const value = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(decodedSegment) : decodedSegment(v)]),
  ) as T;
  if (findUnstorable(value, [], 0)) notFound();
  return value;
}

/** Search parameters (Next.js decodes them), checked. */
export async function pageSearchParams<T extends object>(searchParams: Promise<T>): Promise<T> {
  const value = await searchParams;
  if (findUnstorable(value, [], 0)) notFound();
  return value;
}

