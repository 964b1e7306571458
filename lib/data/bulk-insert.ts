import { randomBytes } from 'node:crypto';
import type { Tx } from '../db';

// Many rows in ONE statement, with a fixed number of parameters (issue 11, bulk import): one text
// array per column, unnested and cast in SQL —
//   INSERT INTO t (a, b) SELECT u.a::int, u.b::jsonb FROM unnest($1::text[], $2::text[]) AS u(a, b)
// Prisma's createMany sends every value of every row through its query engine (wasm, decision 001)
// and costs ~0.3 ms a row; this costs the statement's own time. Values go as text (numbers by
// String(), which round-trips a double exactly; dates as ISO-8601; JSON as JSON.stringify, as
// Prisma writes a Json field) and PostgreSQL parses them by the column's type.

/** A column: its SQL name and the SQL that turns the text value `v` into the column's type. */
export type BulkColumn = { name: string; cast: string };

/** Casts for the common types; `v` is the unnested text value. */
export const CAST = {
  text: 'v',
  int: 'v::integer',
  smallint: 'v::smallint',
  bigint: 'v::bigint',
  float: 'v::double precision',
  date: 'v::date',
  timestamptz: 'v::timestamptz',
  jsonb: 'v::jsonb',
  /** A text[] column, sent as a JSON array of strings. */
  textArray: 'ARRAY(SELECT jsonb_array_elements_text(v::jsonb))',
  enumOf: (type: string) => `v::"${type}"`,
} as const;

export type BulkValue = string | number | bigint | boolean | Date | null;

function toText(v: BulkValue): string | null {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Insert rows (each an array of values in the order of `columns`) in one statement. */
export async function bulkInsert(tx: Tx, table: string, columns: BulkColumn[], rows: BulkValue[][]): Promise<number> {
  if (!rows.length) return 0;
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const alias = columns.map((_, i) => `c${i}`);
  const select = columns.map((c, i) => (c.cast === 'v' ? `u.${alias[i]}` : `(${c.cast.replace(/\bv\b/g, `u.${alias[i]}`)})`));
  const sql =
    `INSERT INTO ${ident(table)} (${columns.map((c) => ident(c.name)).join(', ')}) ` +
    `SELECT ${select.join(', ')} FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${alias.join(', ')})`;
  const params = columns.map((_, i) => rows.map((r) => toText(r[i])));
  return tx.$executeRawUnsafe(sql, ...params);
}

// Row ids as Prisma makes them for @default(cuid()) (cuid v1: "c", time, counter, fingerprint,
// random; 25 characters of [0-9a-z]), for rows inserted without Prisma. The random part comes
// from a pool refilled 4 KiB at a time: a bulk import makes ~12 ids per version, and a
// randomBytes call per id showed in its profile.
let counter = randomBytes(2).readUInt16BE(0);
const fingerprint = (process.pid.toString(36) + randomBytes(2).toString('hex')).slice(-4).padStart(4, '0');
const base36 = (n: number, width: number) => n.toString(36).padStart(width, '0').slice(-width);
let pool = Buffer.alloc(0);
let poolAt = 0;

function random32(): number {
  if (poolAt + 4 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const n = pool.readUInt32BE(poolAt);
  poolAt += 4;
  return n;
}

export function newCuid(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  return `c${base36(Date.now(), 8)}${base36(counter, 4)}${fingerprint}${base36(random32(), 4)}${base36(random32(), 4)}`;
}
