import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

export function uniq(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** A user of its own for one test (unique email), returned as the Actor services expect. */
export async function makeUser(role: Role, opts: { senior?: boolean; name?: string } = {}): Promise<Actor & { id: string; email: string }> {
  const email = `${uniq(role)}@test.local`;
  const user = await prisma.user.create({
    data: { email, name: opts.name ?? email, role, senior: opts.senior ?? false },
    select: { id: true, email: true, role: true, senior: true },
  });
  return { type: 'user', id: user.id, label: user.email, role: user.role, senior: user.senior, email: user.email };
}

/** A component key of its own, so tests never collide on "one production version per component". */
export async function makeComponent(): Promise<{ id: string; key: string }> {
  const key = `c${randomBytes(4).toString('hex')}`;
  return prisma.component.create({ data: { key, folder: key, name: key }, select: { id: true, key: true } });
}
