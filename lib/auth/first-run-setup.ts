import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { contextFor, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { parseInput } from '../validation/common';
import { CreateUserSchema } from '../validation/users';
import { assertNotDemoPassword, createFirstAdmin } from './first-admin';
import { SYSTEM_ACTOR } from './permissions';
import { checkLoginAllowed, recordLoginFailure } from './rate-limit';
import { retryMessage } from './retry-message';

// The first-run setup page (/setup): while no active admin exists, each server instance prints a
// one-time code in its log at start; whoever can read the server's log can create the first admin
// in the browser. Only the code's SHA-256 is stored; a code works once, for 24 hours; wrong codes
// count against the sign-in limits (key "setup-code": 5 per 15 minutes across all clients, and the
// per-IP limit), so 50 bits of code cannot be guessed. The shell alternative: `npm run admin`.

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I
const CODE_TTL_MS = 24 * 3_600_000;
const LIMIT_KEY = 'setup-code';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const normalize = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export async function activeAdminCount(ctx: ServiceContext): Promise<number> {
  return ctx.db.user.count({ where: { role: 'admin', active: true } });
}

/** A new code (XXXXX-XXXXX), or null when an admin exists. */
export async function issueSetupCode(ctx: ServiceContext): Promise<string | null> {
  if ((await activeAdminCount(ctx)) > 0) return null;
  const raw = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const now = ctx.now();
  await ctx.db.setupCode.deleteMany({ where: { expiresAt: { lt: now } } });
  await ctx.db.setupCode.create({ data: { codeHash: sha256(raw), createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) }, select: { id: true } });
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

export type SetupInput = { code: string; email: string; name: string; password: string };

/** Create the first admin with a valid code; the code is used up, and every other code goes too. */
export async function completeFirstRunSetup(ctx: ServiceContext, input: SetupInput, ip: string) {
  if ((await activeAdminCount(ctx)) > 0) throw new AppError('conflict', 'Setup is done: an admin exists. Sign in instead.');
  const limit = await checkLoginAllowed(LIMIT_KEY, ip);
  if (limit.blocked) throw new AppError('rate_limited', retryMessage(limit.retryAfterSeconds), { details: { retryAfterSeconds: limit.retryAfterSeconds } });
  // The fields first, so a typo in them does not use up the code.
  const person = { email: input.email, name: input.name, role: 'admin', password: input.password };
  parseInput(CreateUserSchema, person, 'admin');
  assertNotDemoPassword(input.password);
  const hash = sha256(normalize(input.code));
  const rows = await ctx.db.setupCode.findMany({ where: { expiresAt: { gt: ctx.now() } }, select: { id: true, codeHash: true } });
  const match = rows.find((r) => timingSafeEqual(Buffer.from(r.codeHash), Buffer.from(hash)));
  // Single use: whoever deletes the row first goes on.
  const used = match ? (await ctx.db.setupCode.deleteMany({ where: { id: match.id } })).count : 0;
  if (used !== 1) {
    await recordLoginFailure(LIMIT_KEY, ip);
    throw new AppError('validation_failed', 'The setup code is wrong, used or expired: use the latest code from the server log', { fieldErrors: { code: ['The setup code is wrong, used or expired: use the latest code from the server log.'] } });
  }
  const admin = await createFirstAdmin(ctx.db, { email: input.email, name: input.name, password: input.password });
  await ctx.db.setupCode.deleteMany({});
  return admin;
}

/** At server start (instrumentation.ts): print a setup code while no admin exists. Never throws. */
export async function announceFirstRunSetup(): Promise<void> {
  try {
    const code = await issueSetupCode(contextFor(SYSTEM_ACTOR));
    if (code) console.log(`[setup] No admin exists yet. First-run setup code: ${code} — open /setup to create the first admin (valid 24 h, once).`);
  } catch (e) {
    console.error(`[setup] could not check for a first admin: ${e instanceof Error ? e.message : String(e)}`);
  }
}
