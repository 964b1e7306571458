import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_TWINS, BROWSER_ONLY_ACTIONS, type ActionTwin } from '@/lib/openapi/action-twins';
import { OPERATIONS } from '@/lib/openapi/operations';
import { openApiDocument } from '@/lib/openapi/document';
import { serverActionsUnder } from '../source-files';

// "Every action a page offers is also an API operation, through the same service." Read from the
// sources: every exported function of every app/**/actions.ts has a twin in ACTION_TWINS (or is
// named browser-only with the reason), the twin is a documented route that exists, and both the
// action and the route handler call the same service export, imported from the same module.

const APP = path.resolve(import.meta.dirname, '../../app');

/** Every server action, as "dir/actions.ts#name" relative to app/. */
const listActions = () => serverActionsUnder(APP);

/** Local name → { module, fn } for every named import from '@/lib/…'. */
function libImports(src: string): Map<string, { module: string; fn: string }> {
  const out = new Map<string, { module: string; fn: string }>();
  for (const m of src.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@\/(lib\/[^']+)'/g)) {
    for (const part of m[1].split(',').map((x) => x.trim()).filter(Boolean)) {
      const [fn, local] = part.replace(/^type\s+/, '').split(/\s+as\s+/);
      out.set(local ?? fn, { module: m[2], fn });
    }
  }
  return out;
}

/** The source of one export (a function or a `const X = route(…)`), up to the next export. */
function exportBody(src: string, name: string): string | null {
  const start = src.search(new RegExp(`^export (?:async function|function|const) ${name}\\b`, 'm'));
  if (start < 0) return null;
  const next = src.slice(start + 1).search(/^export /m);
  return next < 0 ? src.slice(start) : src.slice(start, start + 1 + next);
}

/** The lib functions an export calls: "module#fn". */
function callsOf(src: string, name: string): Set<string> {
  const body = exportBody(src, name);
  const out = new Set<string>();
  if (body === null) return out;
  for (const [local, ref] of libImports(src)) if (new RegExp(`\\b${local}\\(`).test(body)) out.add(`${ref.module}#${ref.fn}`);
  return out;
}

export function routeFileOf(apiPath: string): string {
  return path.join(APP, apiPath.replace(/^\//, '').replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');
}

/** What is wrong with one action/twin pair, given both sources; empty when they agree. */
export function twinProblems(action: string, twin: ActionTwin, actionSrc: string, routeSrc: string | null, documented: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const [, actionName] = action.split('#');
  const METHOD = twin.method.toUpperCase();
  if (!documented.has(`${twin.method} ${twin.path}`)) problems.push(`${METHOD} ${twin.path} is not in the OpenAPI operations`);
  if (routeSrc === null) return [...problems, `${METHOD} ${twin.path}: no route file`];
  if (exportBody(routeSrc, METHOD) === null) return [...problems, `${METHOD} ${twin.path}: the route exports no ${METHOD}`];
  const fromAction = callsOf(actionSrc, actionName);
  const fromRoute = callsOf(routeSrc, METHOD);
  for (const svc of twin.services) {
    const ref = `${svc.module}#${svc.fn}`;
    if (!fromAction.has(ref)) problems.push(`${action} does not call ${ref}`);
    if (!fromRoute.has(ref)) problems.push(`${METHOD} ${twin.path} does not call ${ref}`);
  }
  // Any service the action calls, the API must call too (no rule reachable from one side only).
  for (const ref of fromAction) if (ref.startsWith('lib/services/') && !fromRoute.has(ref)) problems.push(`${action} calls ${ref}, ${METHOD} ${twin.path} does not`);
  return problems;
}

const documented = new Set(OPERATIONS.map((o) => `${o.method} ${o.path}`));

describe('every server action has its API twin through the same service', () => {
  const actions = listActions();

  it('finds the actions (the walk works)', () => {
    expect(actions.length).toBeGreaterThan(20);
    expect(actions).toContain('(app)/approvals/actions.ts#castVoteAction');
  });

  it('lists every action in the twin table or as browser-only with a reason, and nothing stale', () => {
    const missing = actions.filter((a) => !ACTION_TWINS[a] && !BROWSER_ONLY_ACTIONS[a]);
    expect(missing, 'server actions without an API twin (add the route and an ACTION_TWINS entry)').toEqual([]);
    const stale = [...Object.keys(ACTION_TWINS), ...Object.keys(BROWSER_ONLY_ACTIONS)].filter((a) => !actions.includes(a));
    expect(stale, 'table entries naming no action').toEqual([]);
  });

  it('pairs each action with a documented route that calls the same service export', () => {
    const problems: string[] = [];
    for (const [action, twin] of Object.entries(ACTION_TWINS)) {
      const actionFile = path.join(APP, action.split('#')[0]);
      const routeFile = routeFileOf(twin.path);
      problems.push(...twinProblems(action, twin, readFileSync(actionFile, 'utf8'), existsSync(routeFile) ? readFileSync(routeFile, 'utf8') : null, documented));
    }
    expect(problems).toEqual([]);
  });

  it('names the twin actions and the permission in the OpenAPI document', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { description: string; 'x-permission': string; 'x-server-actions'?: string[] }>> };
    for (const [action, twin] of Object.entries(ACTION_TWINS)) {
      const op = doc.paths[twin.path][twin.method];
      expect(op['x-server-actions'], twin.path).toContain(action.replace(/^\(app\)\//, ''));
      expect(op['x-permission'], twin.path).toBeTruthy();
      expect(op.description, twin.path).toMatch(/Permission: /);
    }
  });
});

describe('the twin check fails when it should', () => {
  const twin: ActionTwin = { method: 'post', path: '/api/v1/promotion-requests', services: [{ module: 'lib/services/promotion', fn: 'requestPromotion' }] };
  const action = `import { requestPromotion } from '@/lib/services/promotion';
export async function askAction(_p: unknown, form: FormData) {
  return runAction(async (ctx) => requestPromotion(ctx, String(form.get('v')), {}));
}`;
  const goodRoute = `import { requestPromotion as ask } from '@/lib/services/promotion';
export const POST = route('x', async ({ ctx }) => ask(ctx, 'v', {}));`;

  it('accepts a pair calling the same export (also under another local name)', () => {
    expect(twinProblems('x/actions.ts#askAction', twin, action, goodRoute, documented)).toEqual([]);
  });

  it('reports a route that calls another service, or the same name from another module', () => {
    const other = `import { requestEmergencyPromotion } from '@/lib/services/promotion';
export const POST = route('x', async ({ ctx }) => requestEmergencyPromotion(ctx, 'v', {}));`;
    expect(twinProblems('x/actions.ts#askAction', twin, action, other, documented)).toContain('POST /api/v1/promotion-requests does not call lib/services/promotion#requestPromotion');
    const copy = `import { requestPromotion } from '@/lib/services/promotion-copy';
export const POST = route('x', async ({ ctx }) => requestPromotion(ctx, 'v', {}));`;
    expect(twinProblems('x/actions.ts#askAction', twin, action, copy, documented)).toContain('POST /api/v1/promotion-requests does not call lib/services/promotion#requestPromotion');
  });

  it('reports an action calling a service its twin does not, a missing method, route or operation', () => {
    const extra = action.replace("import { requestPromotion } from '@/lib/services/promotion';", "import { requestPromotion } from '@/lib/services/promotion';\nimport { castVote } from '@/lib/services/cast-vote';").replace('requestPromotion(ctx', 'castVote(ctx, "r", {}) && requestPromotion(ctx');
    expect(twinProblems('x/actions.ts#askAction', twin, extra, goodRoute, documented)).toContain('x/actions.ts#askAction calls lib/services/cast-vote#castVote, POST /api/v1/promotion-requests does not');
    expect(twinProblems('x/actions.ts#askAction', twin, action, goodRoute.replace('POST', 'GET'), documented)).toEqual(['POST /api/v1/promotion-requests: the route exports no POST']);
    expect(twinProblems('x/actions.ts#askAction', twin, action, null, documented)).toEqual(['POST /api/v1/promotion-requests: no route file']);
    expect(twinProblems('x/actions.ts#askAction', { ...twin, path: '/api/v1/nowhere' }, action, goodRoute, documented)).toContain('POST /api/v1/nowhere is not in the OpenAPI operations');
  });
});
