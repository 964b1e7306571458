import type { ServiceContext } from '../context';
import { readRows } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { PromotionKind, RequestStatus, VersionStatus, VoteDecision } from '../generated/prisma/enums';
import type { Person, RaiFacts, RequestFacts, TestFacts, TransitionFacts, VoteFacts } from './collect';
import type { Quarter } from './quarter';

// The big reads of a quarterly audit in plain SQL: the quarter's versions are a CTE on the
// quarter's time window (versions with a transition in it, or left in production by the last
// transition before it) joined into each read, instead of a list of 10,000 ids bound as
// parameters; rows come back flat (no per-row ORM models) and are shaped here.

/** The quarter's versions: a transition in [start, end), or in production when it began. */
export const quarterVersions = (q: Quarter) => Prisma.sql`WITH qv AS (
    SELECT version_id AS id FROM status_transitions WHERE at >= ${q.start} AND at < ${q.end}
    UNION
    SELECT version_id FROM (SELECT DISTINCT ON (version_id) version_id, to_status FROM status_transitions
      WHERE at < ${q.start} ORDER BY version_id, at DESC, id DESC) last WHERE to_status = 'production')`;

const person = (id: string | null, name: string | null, email: string | null): Person | null =>
  id === null ? null : { id, name: name ?? '', email: email ?? '' };

type VersionRow = {
  id: string; modelId: string; version: string; major: number; minor: number; patch: number; releaseDate: Date; status: VersionStatus;
  gitBranch: string | null; gitCommit: string | null; tags: string[]; monitoringUntil: Date | null; backportCommit: string | null;
  backportedAt: Date | null; registeredById: string | null; cId: string; cKey: string; cName: string; uName: string | null; uEmail: string | null;
};

export async function readQuarterVersions(ctx: ServiceContext, q: Quarter) {
  const rows = await ctx.db.$queryRaw<VersionRow[]>`${quarterVersions(q)}
    SELECT v.id, v.model_id AS "modelId", v.version, v.major, v.minor, v.patch, v.release_date AS "releaseDate", v.status::text AS status,
      v.git_branch AS "gitBranch", v.git_commit AS "gitCommit", v.tags, v.monitoring_until AS "monitoringUntil",
      v.backport_commit AS "backportCommit", v.backported_at AS "backportedAt", v.registered_by_id AS "registeredById",
      c.id AS "cId", c.key AS "cKey", c.name AS "cName", u.name AS "uName", u.email AS "uEmail"
    FROM qv JOIN model_versions v ON v.id = qv.id JOIN components c ON c.id = v.component_id
      LEFT JOIN users u ON u.id = v.registered_by_id`;
  return rows.map(({ cId, cKey, cName, uName, uEmail, ...v }) => ({
    ...v, component: { id: cId, key: cKey, name: cName }, registeredBy: person(v.registeredById, uName, uEmail),
  }));
}

// Transitions and test results (the two largest of these reads: 30,800 and 10,000 rows at 10k
// versions) go through readRows, plain pg (decision 017): every column is text, an integer or a
// timestamptz, which both drivers read alike (a Date for the instant).
export function readQuarterTransitions(ctx: ServiceContext, q: Quarter): Promise<TransitionFacts[]> {
  return readRows<TransitionFacts>(ctx.db, Prisma.sql`${quarterVersions(q)}
    SELECT t.id, t.version_id AS "versionId", t.from_status::text AS "fromStatus", t.to_status::text AS "toStatus", t.reason,
      t.actor_label AS "actorLabel", t.actor_id AS "actorId", t.request_id AS "requestId", t.at
    FROM qv JOIN status_transitions t ON t.version_id = qv.id ORDER BY t.at, t.id`);
}

type RequestRow = Omit<RequestFacts, 'requestedBy' | 'votes'> & { uId: string; uName: string; uEmail: string };
type VoteRow = { requestId: string; decision: VoteDecision; comment: string; createdAt: Date; uId: string; uName: string; uEmail: string };

/** Promotion requests of the quarter's versions with their requester and votes (oldest first). */
export async function readQuarterRequests(ctx: ServiceContext, q: Quarter): Promise<RequestFacts[]> {
  const [requests, votes] = await Promise.all([
    ctx.db.$queryRaw<RequestRow[]>`${quarterVersions(q)}
      SELECT r.id, r.version_id AS "versionId", r.kind::text AS kind, r.status::text AS status, r.quorum, r.reason, r.due_at AS "dueAt",
        r.created_at AS "createdAt", r.decided_at AS "decidedAt", u.id AS "uId", u.name AS "uName", u.email AS "uEmail"
      FROM qv JOIN promotion_requests r ON r.version_id = qv.id JOIN users u ON u.id = r.requested_by_id
      ORDER BY r.created_at, r.id`,
    ctx.db.$queryRaw<VoteRow[]>`${quarterVersions(q)}
      SELECT vo.request_id AS "requestId", vo.decision::text AS decision, vo.comment, vo.created_at AS "createdAt",
        u.id AS "uId", u.name AS "uName", u.email AS "uEmail"
      FROM qv JOIN promotion_requests r ON r.version_id = qv.id JOIN votes vo ON vo.request_id = r.id JOIN users u ON u.id = vo.voter_id
      ORDER BY vo.created_at, vo.id`,
  ]);
  const votesOf = new Map<string, VoteFacts[]>();
  for (const v of votes) {
    const vote: VoteFacts = { decision: v.decision, comment: v.comment, createdAt: v.createdAt, voter: { id: v.uId, name: v.uName, email: v.uEmail } };
    const list = votesOf.get(v.requestId);
    if (list) list.push(vote);
    else votesOf.set(v.requestId, [vote]);
  }
  return requests.map(({ uId, uName, uEmail, ...r }) => ({
    ...r, kind: r.kind as PromotionKind, status: r.status as RequestStatus,
    requestedBy: { id: uId, name: uName, email: uEmail }, votes: votesOf.get(r.id) ?? [],
  }));
}

type RaiRow = Omit<RaiFacts, 'reviewer'> & { uId: string | null; uName: string | null; uEmail: string | null };

export async function readQuarterRai(ctx: ServiceContext, q: Quarter): Promise<RaiFacts[]> {
  const rows = await ctx.db.$queryRaw<RaiRow[]>`${quarterVersions(q)}
    SELECT a.version_id AS "versionId", a.result::text AS result, a.assessed_at AS "assessedAt", a.max_disparity AS "maxDisparity", a.notes,
      u.id AS "uId", u.name AS "uName", u.email AS "uEmail"
    FROM qv JOIN rai_assessments a ON a.version_id = qv.id LEFT JOIN users u ON u.id = a.reviewer_id
    ORDER BY a.assessed_at, a.id`;
  return rows.map(({ uId, uName, uEmail, ...r }) => ({ ...r, reviewer: person(uId, uName, uEmail) }));
}

export function readQuarterTests(ctx: ServiceContext, q: Quarter): Promise<TestFacts[]> {
  return readRows<TestFacts>(ctx.db, Prisma.sql`${quarterVersions(q)}
    SELECT t.version_id AS "versionId", t.suite, t.passed, t.failed, t.run_at AS "runAt"
    FROM qv JOIN test_results t ON t.version_id = qv.id ORDER BY t.run_at, t.id`);
}

/** Ids of the incidents opened in the quarter or about one of its versions (as the bad version or the rollback target). */
export async function readQuarterIncidentIds(ctx: ServiceContext, q: Quarter): Promise<string[]> {
  const rows = await ctx.db.$queryRaw<{ id: string }[]>`${quarterVersions(q)}
    SELECT i.id FROM incidents i
    WHERE (i.opened_at >= ${q.start} AND i.opened_at < ${q.end}) OR i.version_id IN (SELECT id FROM qv)
       OR i.rollback_to_version_id IN (SELECT id FROM qv)`;
  return rows.map((r) => r.id);
}
