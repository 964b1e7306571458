import type { Tx } from '../db';
import { notFound } from '../errors';
import type { VersionStatus } from '../generated/prisma/enums';
import { isVersionRef, versionRefSql } from './version-ref';

// Data access shared by services and queries (neither imports the other). Plain reads and row
// locks; no permission checks and no rules here.

export type LockedVersion = { id: string; modelId: string; status: VersionStatus };

/** Look a version up by its database id or model id, locking its row for the transaction. */
export async function findVersionForUpdate(tx: Tx, ref: string): Promise<LockedVersion> {
  if (!isVersionRef(ref)) throw notFound(`Model version ${String(ref).slice(0, 200)}`);
  const rows = await tx.$queryRaw<{ id: string; model_id: string; status: VersionStatus }[]>`
    SELECT id, model_id, status::text AS status FROM model_versions WHERE ${versionRefSql(ref)} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound(`Model version ${ref.trim()}`);
  return { id: row.id, modelId: row.model_id, status: row.status };
}
