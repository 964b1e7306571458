// The demo: PIB-VideoGen's registry from January to September 2023, told only through the services
// (so every row has its audit event and the chain verifies) with a clock running on the story's
// calendar (lib/context.ts manualClock): transitions, votes, incidents and parameter changes
// happen on their dates, so the 2023 quarters have real history. The audit events' business time
// (occurredAt) is the story's date; their append time (recordedAt) is when the demo was loaded.
// A signed checkpoint closes each quarter (when a signing key is configured).
import type { Actor } from '../auth/permissions';
import { SYSTEM_ACTOR } from '../auth/permissions';
import { DEMO_PASSWORD } from '../auth/password';
import { verifyAuditChain } from '../audit/chain';
import { createCheckpoint, hasSigningKey } from '../audit/checkpoint';
import { contextFor } from '../context';
import { prisma, type Db } from '../db';
import type { Role } from '../generated/prisma/enums';
import { createUser } from '../services/users';
import { q1 } from './chapters/q1';
import { q2 } from './chapters/q2';
import { q3 } from './chapters/q3';
import { DEMO_USERS, type DemoSummary } from './data';
import { createKit, helpers, type Kit, type People } from './kit';

export { DEMO_PASSWORD };
export { DEMO_USERS, SEED_COMMIT_MESSAGE, SEED_LAMBDA_RECORD, SEED_METADATA_1_2_3, type DemoSummary } from './data';

/** The story's calendar: when it starts and the quarter ends it signs. */
export const DEMO_START = '2023-01-02T08:00:00.000Z';
export const DEMO_QUARTER_ENDS = ['2023-03-31T23:59:59.000Z', '2023-06-30T23:59:59.000Z', '2023-09-30T23:59:59.000Z'] as const;

async function closeQuarter(kit: Kit, end: string) {
  kit.on(end);
  if (hasSigningKey()) await createCheckpoint(contextFor(SYSTEM_ACTOR, { db: kit.db, now: kit.clock.now }), `demo: end of ${end.slice(0, 4)}Q${Math.ceil(Number(end.slice(5, 7)) / 3)}`);
}

/**
 * Load the demo story into an empty database. Every write goes through the services, so the audit
 * chain covers it all; the chain is verified at the end.
 */
export async function loadDemoStory(dbArg?: Db): Promise<DemoSummary> {
  const db = dbArg ?? prisma;
  if ((await db.user.count()) > 0) throw new Error('database already has data; the demo loads only into an empty database');
  const kit = createKit(db, DEMO_START);

  // ── people ──
  const actors: Record<string, Actor> = {};
  const asActor = (u: { id: string; email: string; role: Role; senior: boolean }): Actor => ({ type: 'user', id: u.id, label: u.email, role: u.role, senior: u.senior });
  for (const u of DEMO_USERS) {
    const creator = u.key === 'admin' ? SYSTEM_ACTOR : actors.admin; // the first admin is created by the system
    const created = await createUser(kit.as(creator), { email: u.email, name: u.name, role: u.role, senior: u.senior ?? false, password: DEMO_PASSWORD });
    actors[u.key] = asActor(created);
  }
  // Only the demo's own accounts may sign in with its public password (lib/auth/options.ts).
  await db.user.updateMany({ where: { id: { in: Object.values(actors).map((a) => a.id!) } }, data: { demo: true } });
  const people = actors as People;
  const h = helpers(kit, people);

  const first = await q1(kit, people, h);
  await closeQuarter(kit, DEMO_QUARTER_ENDS[0]);
  await q2(kit, people, h, first);
  await closeQuarter(kit, DEMO_QUARTER_ENDS[1]);
  await q3(kit, people, h);
  await closeQuarter(kit, DEMO_QUARTER_ENDS[2]);

  // ── summary ──
  const chain = await verifyAuditChain(db);
  if (!chain.ok) throw new Error(`demo: audit chain broken at ${chain.brokenSeq}: ${chain.reason}`);
  const grouped = await db.modelVersion.groupBy({ by: ['status'], _count: { _all: true } });
  return {
    users: await db.user.count(),
    versions: await db.modelVersion.count(),
    byStatus: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])),
    parameterSets: await db.parameterSet.count(),
    promotionRequests: await db.promotionRequest.count(),
    incidents: await db.incident.count(),
    auditEvents: chain.count,
    chainOk: chain.ok,
  };
}
