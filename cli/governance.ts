// The browser's governance operations for pipelines and operators (the REST twins of the server
// actions): promotion requests and votes, incidents and rollback traffic, the serving layer's
// traffic split, backports, the audit log search. Each command is one API call; the server
// decides who may (a vote or an incident needs a person's token, never a service token).
import type { Command } from 'commander';
import { type ApiClient, type ApiResponse, isObject } from './client';
import { EXIT_REJECTED, reportRefusal, type Output } from './output';

export type Helpers = { output: (cmd: Command) => Output; client: (cmd: Command) => ApiClient; exit: (code: number) => Error; usage: (message: string) => Error };
type Obj = Record<string, unknown>;

const enc = encodeURIComponent;
export const collect = (value: string, previous: string[] = []) => [...previous, value];
export const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Send, report a refusal (exit 1) or hand back the body. */
export async function send(h: Helpers, cmd: Command, what: string, method: string, path: string, body?: unknown): Promise<{ o: Output; body: Obj }> {
  const o = h.output(cmd);
  const res: ApiResponse = await h.client(cmd).request(method, path, body);
  if (!res.ok) {
    reportRefusal(o, what, res);
    throw h.exit(EXIT_REJECTED);
  }
  o.result(res.body);
  return { o, body: isObject(res.body) ? res.body : {} };
}

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function items(body: Obj): Obj[] {
  return Array.isArray(body.items) ? body.items.filter(isObject) : [];
}

export function registerGovernanceCommands(program: Command, h: Helpers): void {
  const promotion = program.command('promotion').description('promotion requests to production: request, list, show, vote (people), withdraw');
  promotion
    .command('request')
    .description('ask for the promotion of a staging version (committee vote; --emergency: hotfix reviewed by two senior engineers)')
    .argument('<model-id>', 'the staging version (model id or id)')
    .requiredOption('--reason <text>', 'why it should go to production')
    .option('--emergency', 'the emergency path (branch hotfix/*, tag emergency)')
    .action(async (modelId: string, opts: { reason: string; emergency?: boolean }, cmd: Command) => {
      const { o, body } = await send(h, cmd, `promotion request ${modelId}`, 'POST', '/api/v1/promotion-requests', { version: modelId, kind: opts.emergency ? 'emergency' : 'committee', reason: opts.reason });
      o.line(`requested ${str(body.kind)} promotion of ${modelId}: request ${str(body.id)} (quorum ${str(body.quorum)})`);
    });
  promotion
    .command('list')
    .description('promotion requests, newest first: id, kind, state, approvals/quorum, version')
    .option('--status <status>', 'open | approved | rejected | withdrawn')
    .option('--kind <kind>', 'committee | emergency | ratification')
    .option('--version <model-id>', 'only this version\'s requests')
    .action(async (opts: { status?: string; kind?: string; version?: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, 'promotion list', 'GET', `/api/v1/promotion-requests${query({ ...opts, pageSize: 100 })}`);
      for (const r of items(body)) {
        const v = isObject(r.version) ? r.version : {};
        o.line(`${str(r.id)}  ${str(r.kind)}  ${str(r.state)}  ${str(r.approvals)}/${str(r.quorum)}  ${str(v.modelId)}`);
      }
      if (!items(body).length) o.line('no promotion requests');
    });
  promotion
    .command('show')
    .description('one request with its votes')
    .argument('<id>', 'request id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const { o, body } = await send(h, cmd, `promotion show ${id}`, 'GET', `/api/v1/promotion-requests/${enc(id)}`);
      const v = isObject(body.version) ? body.version : {};
      o.line(`${str(body.id)}  ${str(body.kind)}  ${str(body.state)}  ${str(body.approvals)}/${str(body.quorum)} approvals  ${str(v.modelId)}`);
      for (const vote of Array.isArray(body.votes) ? body.votes.filter(isObject) : []) {
        const voter = isObject(vote.voter) ? vote.voter : {};
        o.line(`  ${str(vote.decision)}  ${str(voter.email)}${vote.comment ? `: ${str(vote.comment)}` : ''}`);
      }
    });
  promotion
    .command('vote')
    .description('vote on a request (committee) or give an emergency review (senior engineers), with your personal token')
    .argument('<id>', 'request id')
    .option('--approve', 'approve')
    .option('--reject', 'reject (needs --comment)')
    .option('--comment <text>', 'comment')
    .action(async (id: string, opts: { approve?: boolean; reject?: boolean; comment?: string }, cmd: Command) => {
      if (!!opts.approve === !!opts.reject) throw h.usage('give exactly one of --approve or --reject');
      const decision = opts.approve ? 'approve' : 'reject';
      const { o, body } = await send(h, cmd, `promotion vote ${id}`, 'POST', `/api/v1/promotion-requests/${enc(id)}/votes`, { decision, ...(opts.comment ? { comment: opts.comment } : {}) });
      o.line(`voted ${decision} on ${id}: ${str(body.approvals)}/${str(body.quorum)} approvals, ${str(body.state)}${body.promoted ? `; ${str(body.promoted)} is now in production` : ''}`);
    });
  promotion
    .command('withdraw')
    .description('withdraw your own open request')
    .argument('<id>', 'request id')
    .option('--reason <text>', 'why')
    .action(async (id: string, opts: { reason?: string }, cmd: Command) => {
      const { o } = await send(h, cmd, `promotion withdraw ${id}`, 'POST', `/api/v1/promotion-requests/${enc(id)}/withdraw`, { reason: opts.reason ?? '' });
      o.line(`withdrew ${id}`);
    });

  const incident = program.command('incident').description('incidents: open (rolls back at once), advance traffic, log, root cause, list');
  incident
    .command('open')
    .description('open an incident on a production version: it is deprecated and the previous stable version reactivated')
    .argument('<model-id>', 'the production version in trouble')
    .requiredOption('--title <text>', 'what is wrong')
    .option('--description <text>', 'details')
    .option('--severity <level>', 'critical | major | minor', 'critical')
    .action(async (modelId: string, opts: { title: string; description?: string; severity: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, `incident open ${modelId}`, 'POST', '/api/v1/incidents', { version: modelId, title: opts.title, severity: opts.severity, ...(opts.description ? { description: opts.description } : {}) });
      o.line(`opened incident ${str(body.id)}: ${modelId} rolled back to ${str(body.rollbackTo)}; traffic moves with mgr incident advance ${str(body.id)}; RCA due ${str(body.rcaDueAt)}`);
    });
  incident
    .command('advance')
    .description('move the next 20 % of traffic to the rollback target')
    .argument('<id>', 'incident id')
    .option('--metric <name=value>', 'a metric seen at this step, e.g. error_rate=0.01 (repeatable)', collect)
    .option('--note <text>', 'note for the log')
    .action(async (id: string, opts: { metric?: string[]; note?: string }, cmd: Command) => {
      const metricsSnapshot: Record<string, number> = {};
      for (const m of opts.metric ?? []) {
        const [k, v] = m.split('=');
        if (!k || v === undefined || !Number.isFinite(Number(v)) || v.trim() === '') throw h.usage(`--metric ${m}: expected NAME=NUMBER, e.g. error_rate=0.01`);
        metricsSnapshot[k] = Number(v);
      }
      const { o, body } = await send(h, cmd, `incident advance ${id}`, 'POST', `/api/v1/incidents/${enc(id)}/traffic-steps`, { metricsSnapshot, ...(opts.note ? { note: opts.note } : {}) });
      o.line(`incident ${id}: ${str(body.percent)}% of traffic on the rollback target (${str(body.status)})`);
    });
  incident
    .command('log')
    .description('add an entry to the incident log')
    .argument('<id>', 'incident id')
    .argument('<text>', 'the entry')
    .action(async (id: string, text: string, _opts: unknown, cmd: Command) => {
      const { o } = await send(h, cmd, `incident log ${id}`, 'POST', `/api/v1/incidents/${enc(id)}/log`, { text });
      o.line(`logged on incident ${id}`);
    });
  incident
    .command('rca')
    .description('submit the root cause analysis (once)')
    .argument('<id>', 'incident id')
    .requiredOption('--text <text>', 'the root cause (at least 20 characters)')
    .action(async (id: string, opts: { text: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, `incident rca ${id}`, 'POST', `/api/v1/incidents/${enc(id)}/root-cause`, { rootCause: opts.text });
      o.line(`root cause recorded on ${id}: incident ${str(body.status)}${body.late ? ' (after its due time)' : ''}`);
    });
  incident
    .command('list')
    .description('incidents, newest first')
    .option('--status <status>', 'open | rolled_back | resolved')
    .option('--component <key>', 'only this component')
    .action(async (opts: { status?: string; component?: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, 'incident list', 'GET', `/api/v1/incidents${query({ ...opts, pageSize: 100 })}`);
      for (const i of items(body)) {
        const v = isObject(i.version) ? i.version : {};
        o.line(`${str(i.id)}  ${str(i.status)}  ${str(i.trafficPercent)}%  ${str(v.modelId)}  ${str(i.title)}${i.rcaOverdue ? '  RCA OVERDUE' : ''}`);
      }
      if (!items(body).length) o.line('no incidents');
    });

  program
    .command('traffic')
    .description('the current traffic split of a component (for the serving layer)')
    .argument('<component>', 'component key, e.g. base')
    .action(async (component: string, _opts: unknown, cmd: Command) => {
      const { o, body } = await send(h, cmd, `traffic ${component}`, 'GET', `/api/v1/components/${enc(component)}/traffic`);
      const versions = Array.isArray(body.versions) ? body.versions.filter(isObject) : [];
      if (!versions.length) o.line(`${component}: nothing in production`);
      for (const v of versions) o.line(`${component}  ${str(v.modelId)}  ${str(v.percent)}%`);
      const r = isObject(body.rollback) ? body.rollback : null;
      if (r) o.line(`rollback in progress (incident ${str(r.incidentId)}): ${str(r.percent)}% moved from ${str(r.from)} to ${str(r.to)}`);
    });

  program
    .command('backport')
    .description('record that a hotfix was merged back to the development branch')
    .argument('<model-id>', 'the hotfix version')
    .requiredOption('--commit <sha>', 'the merge commit')
    .action(async (modelId: string, opts: { commit: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, `backport ${modelId}`, 'POST', `/api/v1/versions/${enc(modelId)}/backport`, { commit: opts.commit.trim().toLowerCase() });
      o.line(`${modelId}: backport ${str(body.backportCommit)} ${str(body.result)}`);
    });

  const audit = program.command('audit').description('the audit log');
  audit
    .command('events')
    .description('search the audit log, newest first')
    .option('--action <action>', 'e.g. promotion.approve')
    .option('--entity-type <type>', 'e.g. promotion_request, model_version, incident, user')
    .option('--entity-id <id>', 'one entity')
    .option('--actor <who>', 'actor id, or part of its label (an email, a token name)')
    .option('--from <date>', 'YYYY-MM-DD (business time, inclusive)')
    .option('--to <date>', 'YYYY-MM-DD (inclusive)')
    .option('--page <n>', 'page', '1')
    .option('--page-size <n>', 'events per page (≤ 200)', '50')
    .action(async (opts: { action?: string; entityType?: string; entityId?: string; actor?: string; from?: string; to?: string; page: string; pageSize: string }, cmd: Command) => {
      const { o, body } = await send(h, cmd, 'audit events', 'GET', `/api/v1/audit/events${query(opts)}`);
      for (const e of items(body)) o.line(`#${str(e.seq)}  ${str(e.occurredAt)}  ${str(e.action)}  ${str(e.entityType)}:${str(e.entityId)}  ${str(e.actorLabel)}`);
      o.line(`${str(body.total)} events (page ${str(body.page)}, ${str(body.pageSize)} per page)`);
    });
}
