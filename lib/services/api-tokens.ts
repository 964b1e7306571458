import { forgetApiTokens, generateToken } from '../auth/api-token';
import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import type { ApiTokenKind, Role } from '../generated/prisma/enums';
import { actorUserId } from '../permissions/actor';
import { canCreatePersonalToken, canCreateServiceToken, canListApiTokens, canListOwnTokens, canRevokeApiToken } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';
import { CreateApiTokenSchema } from '../validation/api-token';
import { parseInput } from '../validation/common';
import { inTransaction } from './transaction';

// API tokens: personal (act as the person who made them, with that person's current role) or
// service (an admin issues them for pipelines; they register and report, never decide — see
// SERVICE_TOKEN_PERMISSIONS). The plaintext is returned once, at creation; only its SHA-256 is
// stored (lib/auth/api-token.ts). Neither the token nor its hash is ever audited or selected.

/** What may be shown about a token: never its hash. */
export const API_TOKEN_SELECT = {
  id: true,
  name: true,
  prefix: true,
  kind: true,
  role: true,
  senior: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdById: true,
  createdBy: { select: { email: true, role: true, senior: true } },
} as const;

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  kind: ApiTokenKind;
  /** service: the token's role; personal: its person's role now. */
  role: Role;
  senior: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** personal: the person it acts as; service: the admin who issued it. */
  createdBy: string;
  active: boolean;
};

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  kind: ApiTokenKind;
  role: Role;
  senior: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdById: string;
  createdBy: { email: string; role: Role; senior: boolean };
};

function toView(row: TokenRow, now: Date): ApiTokenView {
  const personal = row.kind === 'personal';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    kind: row.kind,
    role: personal ? row.createdBy.role : row.role,
    senior: personal ? row.createdBy.senior : false,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdBy: row.createdBy.email,
    active: !row.revokedAt && (!row.expiresAt || row.expiresAt > now),
  };
}

export type CreatedApiToken = { id: string; prefix: string; token: string; name: string; kind: ApiTokenKind; role: Role; senior: boolean; expiresAt: string | null };

/**
 * Create a token. `{name}` → a personal token of the person acting (any signed-in person);
 * `{name, role}` → a service token (admins only; engineer, viewer or auditor).
 */
export async function createApiToken(ctx: ServiceContext, rawInput: unknown): Promise<CreatedApiToken> {
  const { actor } = ctx;
  requireDecision(actor, canCreatePersonalToken(actor));
  const input = parseInput(CreateApiTokenSchema, rawInput, 'API token');
  if (input.kind === 'service') requireDecision(actor, canCreateServiceToken(actor));
  const createdById = actorUserId(actor)!;
  const { token, prefix, hash } = generateToken();
  const expiresAt = input.expiresInDays ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000) : null;
  return inTransaction(
    ctx,
    async (tx) => {
      const person = await tx.user.findUniqueOrThrow({ where: { id: createdById }, select: { role: true, senior: true } });
      const role = input.kind === 'service' ? input.role! : person.role;
      const row = await tx.apiToken.create({
        data: { name: input.name, prefix, tokenHash: hash, kind: input.kind, role, senior: false, createdById, expiresAt },
        select: { id: true, prefix: true, name: true, kind: true, role: true, expiresAt: true },
      });
      await appendAuditEvent(tx, {
        occurredAt: ctx.now(),
        actor,
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: row.id,
        change: { name: row.name, prefix: row.prefix, kind: row.kind, role: row.role, senior: false, expiresAt: row.expiresAt?.toISOString() ?? null },
      });
      const senior = input.kind === 'personal' ? person.senior : false;
      return { ...row, senior, token, expiresAt: row.expiresAt?.toISOString() ?? null };
    },
    { onUniqueViolation: 'Token collision; try again' },
  );
}

/** Revoke a token at once (the next request with it gets 401). Revoking twice is a no-op. */
export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<ApiTokenView> {
  const { actor } = ctx;
  requireDecision(actor, canCreatePersonalToken(actor));
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) throw notFound(`API token ${String(id)}`);
  const view = await inTransaction(ctx, async (tx) => {
    const existing = await tx.apiToken.findUnique({ where: { id }, select: { id: true, revokedAt: true, name: true, prefix: true, kind: true, createdById: true } });
    if (!existing) throw notFound(`API token ${id}`);
    requireDecision(actor, canRevokeApiToken(actor, existing));
    if (!existing.revokedAt) {
      await tx.apiToken.update({ where: { id }, data: { revokedAt: ctx.now() }, select: { id: true } });
      await appendAuditEvent(tx, {
        occurredAt: ctx.now(),
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
  forgetApiTokens(); // after the commit: this instance refuses the token from the next request on
  return view;
}

/** Tokens, newest first, without secrets: every token for an admin (unless `mine`), else the person's own. */
export async function listApiTokens(ctx: ServiceContext, opts: { mine?: boolean } = {}): Promise<ApiTokenView[]> {
  const { actor, db } = ctx;
  requireDecision(actor, canListOwnTokens(actor));
  const all = !opts.mine && canListApiTokens(actor).ok;
  const rows = await db.apiToken.findMany({
    where: all ? {} : { createdById: actorUserId(actor)!, kind: 'personal' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: API_TOKEN_SELECT,
  });
  const now = ctx.now();
  return rows.map((r) => toView(r, now));
}
