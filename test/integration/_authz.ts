// Fixtures for the authorization matrix (server actions and route handlers). Each case builds the
// data it needs for the actor at hand, directly in the database (fixtures are not what is under
// test), so an allowed role can really complete the action and a refused one is refused with the
// data present, not because something was missing.
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/permissions';
import { prisma } from '@/lib/db';
import type { PromotionKind, Role, VersionStatus } from '@/lib/generated/prisma/enums';
import { makeComponent, makeUser } from '../fixtures';

export type RoleName = 'admin' | 'committee' | 'engineer' | 'senior' | 'auditor' | 'viewer';
export const ROLE_NAMES: RoleName[] = ['admin', 'committee', 'engineer', 'senior', 'auditor', 'viewer'];
export type TestActor = Actor & { id: string; email: string };

export async function makeRoleActor(r: RoleName): Promise<TestActor> {
  return makeUser(r === 'senior' ? 'engineer' : (r as Role), { senior: r === 'senior' });
}

const hex = (n: number) => randomBytes(n).toString('hex');
let seq = 0;

/** A version row in the given status (its own component unless one is given). */
export async function version(status: VersionStatus, opts: { componentId?: string; branch?: string; tags?: string[]; unitTestsPass?: boolean } = {}) {
  const componentId = opts.componentId ?? (await makeComponent()).id;
  seq += 1;
  const v = `9.${seq}.${randomBytes(2).readUInt16BE(0)}`;
  const [major, minor, patch] = v.split('.').map(Number);
  const row = await prisma.modelVersion.create({
    data: {
      modelId: `pib-vg-authz-diffusion-${v}-${hex(4)}`, componentId, architecture: 'diffusion', version: v, major, minor, patch,
      releaseDate: new Date('2023-06-15'), status, gitBranch: opts.branch ?? 'develop', tags: opts.tags ?? [],
    },
    select: { id: true, modelId: true, componentId: true },
  });
  if (opts.unitTestsPass) await prisma.testResult.create({ data: { versionId: row.id, suite: 'unit', passed: 10, failed: 0 }, select: { id: true } });
  return row;
}

/** A production version whose component has an earlier production version to roll back to. */
export async function productionWithPrevious() {
  const previous = await version('deprecated');
  await prisma.statusTransition.create({ data: { versionId: previous.id, fromStatus: 'staging', toStatus: 'production', reason: 'fixture', actorLabel: 'fixture', at: new Date(Date.now() - 86_400_000) }, select: { id: true } });
  const current = await version('production', { componentId: previous.componentId });
  await prisma.statusTransition.create({ data: { versionId: current.id, fromStatus: 'staging', toStatus: 'production', reason: 'fixture', actorLabel: 'fixture' }, select: { id: true } });
  return current;
}

/** An open promotion request on a staging version (hotfix for the emergency kind). */
export async function openRequest(kind: PromotionKind, requestedById: string, quorum = 2) {
  const v = await version('staging', kind === 'emergency' ? { branch: 'hotfix/authz', tags: ['emergency'] } : {});
  return prisma.promotionRequest.create({ data: { versionId: v.id, kind, requestedById, reason: 'fixture', quorum }, select: { id: true, versionId: true } });
}

export async function proposedParameterSet(proposedById: string) {
  const parameterId = `lambda-2031${String(1 + (seq % 12)).padStart(2, '0')}01-${randomBytes(3).readUIntBE(0, 3)}`;
  seq += 1;
  return prisma.parameterSet.create({
    data: { parameterId, kind: 'lambda', values: { source: 'registry', parameters: { base_noise_lambda: 0.5, residual_noise_lambda: 0.5 } }, baseNoiseLambda: 0.5, residualNoiseLambda: 0.5, effectiveDate: new Date('2031-01-01'), proposedById, quorum: 2 },
    select: { id: true, parameterId: true },
  });
}

export async function openIncident(openedById: string) {
  const v = await version('deprecated');
  return prisma.incident.create({
    data: { versionId: v.id, title: 'fixture', status: 'open', openedById, rcaDueAt: new Date(Date.now() + 86_400_000) },
    select: { id: true },
  });
}

export async function apiToken(createdById: string) {
  return prisma.apiToken.create({ data: { name: `authz-${hex(3)}`, prefix: `mgr_${hex(3)}`, tokenHash: hex(32), role: 'viewer', createdById }, select: { id: true } });
}

/** A personal token of the person (it acts as them). */
export async function personalToken(createdById: string) {
  return prisma.apiToken.create({ data: { name: `authz-${hex(3)}`, prefix: `mgr_${hex(3)}`, tokenHash: hex(32), kind: 'personal', role: 'viewer', createdById }, select: { id: true } });
}

/** Committee members beyond the matrix's own actors, so promotion quorums can be reached. */
export async function extraCommittee(n: number): Promise<TestActor[]> {
  const out: TestActor[] = [];
  for (let i = 0; i < n; i++) out.push(await makeUser('committee'));
  return out;
}

export function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

export const PASSING_RAI_FORM = {
  'bias.0.testSet': 'diverse-faces', 'bias.0.metric': 'gap', 'bias.0.value': '0.01', 'bias.0.threshold': '0.05',
  languages: 'en,hi', 'lang.en': '0.9', 'lang.hi': '0.88',
  'robust.0.attack': 'noise', 'robust.0.passed': 'on',
  ethicsItem: 'Reviewed against PIB ethical guidelines', 'ethics.Reviewed against PIB ethical guidelines': 'on',
};

export const auditCount = () => prisma.auditEvent.count();
export const uniqueSuffix = () => hex(4);
