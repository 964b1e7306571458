import { generateToken } from '../auth/api-token';
import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { AppError, notFound } from '../errors';
import type { Role } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { canCreateApiToken, canListApiTokens, canRevokeApiToken } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';
import { CreateApiTokenSchema } from '../validation/api-token';
import { parseInput } from '../validation/common';
import { inTransaction } from './transaction';

// API tokens let CI act with a role. The plaintext is returned once, at creation; only its
// SHA-256 is stored (lib/auth/api-token.ts). Neither the token nor its hash is ever audited or
// selected for display.

/** What may be shown about a token: never its hash. */
export const API_TOKEN_SELECT = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  senior: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { email: true } },
} as const;

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  senior: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdBy: string;
  active: boolean;
};

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  senior: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: { email: string };
};

function toView(row: TokenRow, now: Date): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    senior: row.senior,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdBy: row.createdBy.email,
    active: !row.revokedAt && (!row.expiresAt || row.expiresAt > now),
  };
}

export type CreatedApiToken = { id: string; prefix: string; token: string; name: string; role: Role; senior: boolean; expiresAt: string | null };

/**
 * Create a token for CI. The creator is the accountable user: tokens act on their behalf, and a
 * disabled creator disables their tokens. Only a user (or a token made by one) can create one.
 */
export async function createApiToken(ctx: ServiceContext, rawInput: unknown): Promise<CreatedApiToken> {
  const { actor } = ctx;
  requireDecision(actor, canCreateApiToken(actor));
  const input = parseInput(CreateApiTokenSchema, rawInput, 'API token');
  const createdById = actorUserId(actor)!;
  if (input.senior && input.role !== 'engineer') {
    throw new AppError('validation_failed', 'Invalid API token: senior applies to engineer tokens only', {
      fieldErrors: { senior: ['only an engineer token can be senior'] },
    });
  }
  const { token, prefix, hash } = generateToken();
  const expiresAt = input.expiresInDays ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000) : null;
  return inTransaction(
    ctx,
    async (tx) => {
      const row = await tx.apiToken.create({
        data: { name: input.name, prefix, tokenHash: hash, role: input.role, senior: input.senior ?? false, createdById, expiresAt },
        select: { id: true, prefix: true, name: true, role: true, senior: true, expiresAt: true },
      });
      await appendAuditEvent(tx, { occurredAt: ctx.now(),
        actor,
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: row.id,
        change: { name: row.name, prefix: row.prefix, role: row.role, senior: row.senior, expiresAt: row.expiresAt?.toISOString() ?? null },
      });
      return { ...row, token, expiresAt: row.expiresAt?.toISOString() ?? null };
    },
    { onUniqueViolation: 'Token collision; try again' },
  );
}

/** Revoke a token at once (the next request with it gets 401). Revoking twice is a no-op. */
export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<ApiTokenView> {
  const { actor } = ctx;
  requireDecision(actor, canRevokeApiToken(actor));
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) throw notFound(`API token ${String(id)}`);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.apiToken.findUnique({ where: { id }, select: { id: true, revokedAt: true, name: true, prefix: true } });
    if (!existing) throw notFound(`API token ${id}`);
    if (!existing.revokedAt) {
      await tx.apiToken.update({ where: { id }, data: { revokedAt: ctx.now() }, select: { id: true } });
      await appendAuditEvent(tx, { occurredAt: ctx.now(),
        actor,
        action: 'api_token.revoke',
        entityType: 'api_token',
        entityId: id,
        change: { name: existing.name, prefix: existing.prefix },
      });
    }
    const row = await tx.apiToken.findUniqueOrThrow({ where: { id }, select: API_TOKEN_SELECT });
    return toView(row, ctx.now());
  });
}

/** Every token, newest first, without secrets. */
export async function listApiTokens(ctx: ServiceContext): Promise<ApiTokenView[]> {
  const { actor, db } = ctx;
  requireDecision(actor, canListApiTokens(actor));
  const rows = await db.apiToken.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: API_TOKEN_SELECT });
  const now = ctx.now();
  return rows.map((r) => toView(r, now));
}
