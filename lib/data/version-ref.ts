import { z } from 'zod';
import type { Db, Tx } from '../db';
import { notFound } from '../errors';
import { Prisma } from '../generated/prisma/client';

// The one way to resolve a version reference (page URL, API path, CLI argument, compare list,
// the services' row lock):
// a reference is the version's database id or its model id. Model ids always start with `pib-vg-`
// (lib/domain/naming.ts) and database ids never do, so the prefix picks the unique index to use.
// Anything empty or longer than 200 characters is no reference at all (404, never a 500).

export const VersionRefSchema = z.string().trim().min(1).max(200).describe('the version id or its model id');

export function isVersionRef(ref: unknown): ref is string {
  return VersionRefSchema.safeParse(ref).success;
}

/** The Prisma filter for one reference. */
export function versionRefWhere(ref: string): Prisma.ModelVersionWhereUniqueInput {
  const r = ref.trim();
  return r.startsWith('pib-vg-') ? { modelId: r } : { id: r };
}

/** Does this row answer to this reference? (for matching a batch read back to its refs) */
export function matchesRef(row: { id: string; modelId: string }, ref: string): boolean {
  const r = ref.trim();
  return r.startsWith('pib-vg-') ? row.modelId === r : row.id === r;
}

/** The SQL condition for one reference (for raw queries such as the services' FOR UPDATE lock). */
export function versionRefSql(ref: string): Prisma.Sql {
  const r = ref.trim();
  return r.startsWith('pib-vg-') ? Prisma.sql`model_id = ${r}` : Prisma.sql`id = ${r}`;
}

/** The version a reference names, or a not_found AppError. */
export async function resolveVersionRef(db: Db | Tx, ref: string): Promise<{ id: string; modelId: string }> {
  if (!isVersionRef(ref)) throw notFound(`Model version ${String(ref).slice(0, 200)}`);
  const row = await db.modelVersion.findUnique({ where: versionRefWhere(ref), select: { id: true, modelId: true } });
  if (!row) throw notFound(`Model version ${ref.trim()}`);
  return row;
}
