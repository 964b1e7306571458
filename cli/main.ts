// mgr — the model governance registry's command-line tool. See docs/cli.md.
//
// Exit codes: 0 ok · 1 rejected or failed items (validation, refused transition, broken audit
// chain, lint problems) · 2 usage, connection or authentication errors.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { lintCommitMessage } from '../lib/domain/commit-message';
import { RegisterVersionSchema, TestResultInputSchema, AddMetricsSchema } from '../lib/validation/model-version';
import { ApiClient, ApiError, FatalError, isObject } from './client';
import { ExportError, runExport } from './export';
import { registerAuditCommands } from './audit-report';
import { registerProductionAt } from './production-at';
import { runImport, summaryLine } from './import';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, Output, reportRefusal } from './output';
import { registerWebhookCommands } from './webhooks';
import { registerGovernanceCommands } from './governance';
import { parsePerformance, toMetricInput, type SourcedMetric } from './performance';
import { describeJsonError, formatProblem, hashFile, TreeError } from './tree';

export const DEFAULT_URL = 'http://localhost:3000';

type GlobalOpts = { url: string; token?: string; json?: boolean; progress?: boolean };

class UsageError extends Error {}
/** Exit with a code after the output has been written. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const enc = encodeURIComponent;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function nonNegativeInt(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new UsageError(`${name}: "${value}" is not a non-negative integer`);
    return Number(value);
  };
}

function parseComponentMappings(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of list ?? []) {
    const [folder, key] = m.split('=');
    if (!folder || !key || !/^[a-z][a-z0-9_-]*$/.test(folder) || !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(key)) {
      throw new UsageError(`--component ${m}: expected FOLDER=KEY, e.g. video_enhancer=enhancer`);
    }
    out[folder] = key;
  }
  return out;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read ${what}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  const text = await readText(file, what);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`${file}: malformed JSON: ${describeJsonError(e, text)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function metricsFromFlags(specs: string[], scenario?: string, language?: string): SourcedMetric[] {
  return specs.map((spec) => {
    const m = /^([^=\s]+)=(.+)$/.exec(spec);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value)) throw new UsageError(`--metric ${spec}: expected NAME=NUMBER, e.g. fvd=185.3`);
    return { metric: m[1], value, ...(scenario ? { scenario } : {}), ...(language ? { language } : {}), file: '--metric', field: m[1] };
  });
}

/** A field of the register body → the flag or file it came from, for usage errors. */
function registerFlagFor(p: PropertyKey[], str: (k: string) => string | undefined): string {
  const [head, ...rest] = p.map((x) => (typeof x === 'symbol' ? String(x) : x));
  const sub = rest.map(String).join('.');
  switch (head) {
    case 'component': return '--component';
    case 'architecture': return '--architecture';
    case 'version': return '--version';
    case 'releaseDate': return '--release-date';
    case 'description': return '--description';
    case 'metadata': return `${str('metadata') ?? '--metadata'}${sub ? `: ${sub}` : ''}`;
    case 'configYaml': return '--config';
    case 'metrics': return `${str('performance') ?? '--performance'}${sub ? `: ${sub}` : ''}`;
    case 'artifacts': return `--artifact${sub ? ` #${Number(rest[0]) + 1}` : ''}`;
    case 'tags': return `--tag${rest.length ? ` #${Number(rest[0]) + 1}` : ''}`;
    case 'git': return rest[0] === 'commit' ? '--commit' : rest[0] === 'branch' ? '--branch' : '--message-file';
    default: return [head, ...rest].map(String).join('.') || '(body)';
  }
}

export function buildProgram(out: { set(o: Output): void }): Command {
  const program = new Command();
  program
    .name('mgr')
    .description("Model governance registry CLI: import/export the seed's tree, register versions from CI, lint commit messages.")
    .addOption(new Option('--url <url>', 'registry base URL').env('MGR_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <token>', 'API token (Authorization: Bearer)').env('MGR_TOKEN'))
    .option('--json', 'machine-readable output on stdout')
    .option('--no-progress', 'no progress line on stderr (it is shown only on a terminal anyway)')
    .showHelpAfterError('(run mgr --help for usage)')
    .exitOverride();

  const globals = (cmd: Command): GlobalOpts => cmd.optsWithGlobals<GlobalOpts>();
  const output = (cmd: Command) => {
    const g = globals(cmd);
    const o = new Output({ json: !!g.json, progress: g.progress !== false });
    out.set(o);
    return o;
  };
  const client = (cmd: Command) => {
    const g = globals(cmd);
    return new ApiClient({ url: g.url, token: g.token });
  };

  program
    .command('import')
    .description("import a tree in the seed's layout (models/…/vX.Y.Z/, config/parameters/*.json); idempotent")
    .argument('<dir>', 'root of the tree (contains models/ and/or config/parameters/)')
    .option('--dry-run', 'validate only (no server needed)')
    .option('--component <folder=key>', 'extra component folder mapping, e.g. video_enhancer=enhancer (repeatable)', collect)
    .option('--verbose', 'also list unchanged (or, with --dry-run, valid) items, and each batch')
    .option('--batch-size <n>', 'versions per request (one transaction each; default 200, at most 500)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 500) throw new UsageError(`--batch-size: "${v}" must be a whole number from 1 to 500`);
      return n;
    })
    .action(async (dir: string, opts: { dryRun?: boolean; component?: string[]; verbose?: boolean; batchSize?: number }, cmd: Command) => {
      const o = output(cmd);
      const componentFolders = parseComponentMappings(opts.component);
      const report = await runImport(path.resolve(dir), {
        dryRun: !!opts.dryRun,
        client: opts.dryRun ? null : client(cmd),
        output: o,
        componentFolders,
        verbose: opts.verbose,
        batchSize: opts.batchSize,
      });
      o.line(summaryLine(report));
      o.result(report);
      throw new Exit(report.summary.rejected > 0 ? EXIT_REJECTED : EXIT_OK);
    });

  program
    .command('export')
    .description("write the registry to the seed's layout (artifact binaries are not stored: artifacts.json manifests instead)")
    .argument('<dir>', 'output directory')
    .option('--force', 'write even if DIR already has models/ or config/parameters/ content')
    .option('--component <folder=key>', 'extra component folder mapping (repeatable)', collect)
    .action(async (dir: string, opts: { force?: boolean; component?: string[] }, cmd: Command) => {
      const o = output(cmd);
      const report = await runExport(path.resolve(dir), { client: client(cmd), output: o, force: opts.force, componentFolders: parseComponentMappings(opts.component) });
      for (const w of report.warnings) o.line(`${formatProblem(w)} (warning)`);
      o.line(`exported ${report.versions} versions, ${report.parameterSets} parameter sets (${report.files} files) to ${dir}`);
      o.result(report);
    });

  program
    .command('register')
    .description('register a model version (typically from CI)')
    .requiredOption('--component <key>', 'component key: base, residual, super-res, fact-check, …')
    .requiredOption('--architecture <name>', 'architecture, e.g. diffusion')
    .requiredOption('--version <semver>', 'MAJOR.MINOR.PATCH')
    .requiredOption('--release-date <YYYY-MM-DD>', 'release date')
    .option('--description <text>', 'description (default: metadata.description)')
    .option('--metadata <file>', "metadata.json in the seed's format")
    .option('--config <file>', 'config.yaml')
    .option('--performance <file>', 'performance.json (metrics registered with the version)')
    .option('--artifact <path>', 'artifact file, hashed (sha256) by streaming (repeatable)', collect)
    .option('--tag <tag>', 'tag, e.g. emergency (repeatable)', collect)
    .option('--commit <sha>', 'git commit')
    .option('--branch <name>', 'git branch')
    .option('--message-file <file>', 'git commit message (e.g. from git log -1 --format=%B > msg.txt)')
    .action(async (opts: Record<string, string | string[] | undefined>, cmd: Command) => {
      const o = output(cmd);
      const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
      const body: Record<string, unknown> = {
        component: str('component'),
        architecture: str('architecture'),
        version: str('version'),
        releaseDate: str('releaseDate'),
      };
      if (str('description')) body.description = str('description');
      if (str('metadata')) {
        const m = await readJsonFile(str('metadata')!, 'metadata');
        if (!isObject(m)) throw new UsageError(`${str('metadata')}: must be a JSON object`);
        body.metadata = m;
      }
      if (str('config')) body.configYaml = await readText(str('config')!, 'config');
      if (str('performance')) {
        const parsed = parsePerformance(await readJsonFile(str('performance')!, 'performance'), str('performance')!);
        if (parsed.problems.length) throw new UsageError(parsed.problems.map((p) => `${str('performance')}: ${p.field}: ${p.reason}`).join('\n'));
        body.metrics = parsed.metrics.map(toMetricInput);
      }
      const artifacts = (opts.artifact as string[] | undefined) ?? [];
      if (artifacts.length) {
        const list = [];
        for (const a of artifacts) {
          o.progress(`hashing ${a}`);
          const h = await hashFile(a).catch((e: Error) => {
            throw new UsageError(`--artifact ${a}: cannot read: ${e.message}`);
          });
          list.push({ path: path.isAbsolute(a) ? path.basename(a) : a.split(path.sep).join('/').replace(/^\.\//, ''), ...h });
        }
        o.clearProgress();
        body.artifacts = list;
      }
      if (opts.tag) body.tags = opts.tag;
      const git: Record<string, string> = {};
      if (str('commit')) git.commit = str('commit')!;
      if (str('branch')) git.branch = str('branch')!;
      if (str('messageFile')) git.message = await readText(str('messageFile')!, 'commit message');
      if (Object.keys(git).length) body.git = git;

      const checked = RegisterVersionSchema.safeParse(body);
      if (!checked.success) {
        throw new UsageError(checked.error.issues.map((i) => `${registerFlagFor(i.path, str)}: ${i.message}`).join('\n'));
      }
      const res = await client(cmd).post('/api/v1/versions', checked.data);
      if (!res.ok) {
        reportRefusal(o, `register ${body.component} ${body.version}`, res);
        throw new Exit(EXIT_REJECTED);
      }
      const b = isObject(res.body) ? res.body : {};
      o.line(`registered ${String(b.modelId ?? '')} (status ${String(b.status ?? '?')})`);
      o.result(res.body);
    });

  program
    .command('metrics')
    .description('add or correct metric values of a version')
    .argument('<model-id>', 'model id (or version id)')
    .option('--file <file>', 'metrics in the performance.json format')
    .option('--metric <name=value>', 'one metric, e.g. fvd=185.3 (repeatable)', collect)
    .option('--scenario <key>', 'scenario of the --metric values, e.g. policy_briefing')
    .option('--language <code>', 'language of the --metric values, e.g. hi')
    .action(async (modelId: string, opts: { file?: string; metric?: string[]; scenario?: string; language?: string }, cmd: Command) => {
      const o = output(cmd);
      let metrics: SourcedMetric[] = [];
      if (opts.file) {
        const parsed = parsePerformance(await readJsonFile(opts.file, 'metrics'), opts.file);
        if (parsed.problems.length) throw new UsageError(parsed.problems.map((p) => `${opts.file}: ${p.field}: ${p.reason}`).join('\n'));
        metrics = parsed.metrics;
      }
      if (opts.metric?.length) metrics = [...metrics, ...metricsFromFlags(opts.metric, opts.scenario, opts.language)];
      else if (opts.scenario || opts.language) {
        if (!opts.file) throw new UsageError('--scenario/--language apply to --metric values; give at least one --metric');
      }
      if (!metrics.length) throw new UsageError('give --file FILE or at least one --metric NAME=VALUE');
      const body = { metrics: metrics.map(toMetricInput) };
      const checked = AddMetricsSchema.safeParse(body);
      if (!checked.success) {
        throw new UsageError(
          checked.error.issues
            .map((i) => {
              const idx = typeof i.path[1] === 'number' ? i.path[1] : -1;
              const src = metrics[idx];
              return src ? `${src.file}: ${src.field}: ${i.message}` : `${i.path.map(String).join('.')}: ${i.message}`;
            })
            .join('\n'),
        );
      }
      const res = await client(cmd).post(`/api/v1/versions/${enc(modelId)}/metrics`, checked.data);
      if (!res.ok) {
        reportRefusal(o, `metrics ${modelId}`, res);
        throw new Exit(EXIT_REJECTED);
      }
      o.line(`recorded ${metrics.length} metric value${metrics.length === 1 ? '' : 's'} on ${modelId}`);
      o.result(res.body);
    });

  program
    .command('test-results')
    .description('record a test run of a version (development → testing needs failed = 0, passed > 0)')
    .argument('<model-id>', 'model id')
    .requiredOption('--passed <n>', 'tests passed', nonNegativeInt('--passed'))
    .requiredOption('--failed <n>', 'tests failed', nonNegativeInt('--failed'))
    .option('--skipped <n>', 'tests skipped', nonNegativeInt('--skipped'), 0)
    .option('--suite <name>', 'test suite', 'unit')
    .option('--ci-run-url <url>', 'link to the CI run')
    .action(async (modelId: string, opts: { passed: number; failed: number; skipped: number; suite: string; ciRunUrl?: string }, cmd: Command) => {
      const o = output(cmd);
      const checked = TestResultInputSchema.safeParse({ suite: opts.suite, passed: opts.passed, failed: opts.failed, skipped: opts.skipped, ...(opts.ciRunUrl ? { ciRunUrl: opts.ciRunUrl } : {}) });
      if (!checked.success) throw new UsageError(checked.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('\n'));
      const res = await client(cmd).post(`/api/v1/versions/${enc(modelId)}/test-results`, checked.data);
      if (!res.ok) {
        reportRefusal(o, `test-results ${modelId}`, res);
        throw new Exit(EXIT_REJECTED);
      }
      o.line(`recorded ${opts.suite} tests on ${modelId}: ${opts.passed} passed, ${opts.failed} failed, ${opts.skipped} skipped`);
      o.result(res.body);
    });

  program
    .command('transition')
    .description('request a status transition (the server checks the gate)')
    .argument('<model-id>', 'model id')
    .requiredOption('--to <status>', 'development | testing | staging | production | deprecated | archived')
    .option('--reason <text>', 'reason (required by some transitions, e.g. testing → development)')
    .action(async (modelId: string, opts: { to: string; reason?: string }, cmd: Command) => {
      const o = output(cmd);
      const statuses = ['development', 'testing', 'staging', 'production', 'deprecated', 'archived'];
      if (!statuses.includes(opts.to)) throw new UsageError(`--to: "${opts.to}" is not a status (${statuses.join(', ')})`);
      const res = await client(cmd).post(`/api/v1/versions/${enc(modelId)}/transitions`, { to: opts.to, ...(opts.reason ? { reason: opts.reason } : {}) });
      if (!res.ok) {
        reportRefusal(o, `transition ${modelId} → ${opts.to}`, res);
        throw new Exit(EXIT_REJECTED);
      }
      const b = isObject(res.body) ? res.body : {};
      const status = typeof b.status === 'string' ? b.status : opts.to;
      o.line(status === opts.to ? `${modelId}: now ${status}` : `${modelId}: ${status} (transition to ${opts.to} recorded as a request)`);
      o.result(res.body);
    });

  program
    .command('verify-audit')
    .description('verify the tamper-evident audit chain (exit 1 if broken)')
    .action(async (_opts: unknown, cmd: Command) => {
      const o = output(cmd);
      const body = await client(cmd).expectOk<unknown>('GET', '/api/v1/audit/verify');
      const b = isObject(body) ? body : {};
      o.result(body);
      if (b.ok === true) {
        const count = typeof b.count === 'number' ? ` (${b.count} events${typeof b.headHash === 'string' ? `, head #${String(b.headSeq ?? '?')} ${b.headHash}` : ''})` : '';
        o.line(`audit chain ok${count}`);
        return;
      }
      const seq = b.brokenSeq ?? (isObject(b.firstBroken) ? b.firstBroken.seq : undefined);
      o.error(`audit chain BROKEN${seq !== undefined ? ` at event #${String(seq)}` : ''}${typeof b.reason === 'string' ? `: ${b.reason}` : ''}`);
      throw new Exit(EXIT_REJECTED);
    });

  const tokens = program
    .command('tokens')
    .description('API tokens: your personal tokens (act as you, with your role) and, for admins, service tokens for pipelines (register and report, never decide)');
  tokens
    .command('create')
    .description('create a token; it is printed once and stored only as a hash. Without --role: a personal token acting as you; with --role: a service token (admins)')
    .requiredOption('--name <name>', 'what the token is for, e.g. laptop-scripts or ci-base-training')
    .option('--role <role>', 'make a service token for a pipeline with this role: engineer | viewer | auditor (admins only)')
    .option('--expires-in-days <n>', 'expire after N days', nonNegativeInt('--expires-in-days'))
    .action(async (opts: { name: string; role?: string; expiresInDays?: number }, cmd: Command) => {
      const o = output(cmd);
      const res = await client(cmd).post('/api/v1/tokens', {
        name: opts.name,
        ...(opts.role ? { role: opts.role } : {}),
        ...(opts.expiresInDays !== undefined ? { expiresInDays: opts.expiresInDays } : {}),
      });
      if (!res.ok) {
        reportRefusal(o, `tokens create ${opts.name}`, res);
        throw new Exit(EXIT_REJECTED);
      }
      const b = isObject(res.body) ? res.body : {};
      const what = b.kind === 'service' ? `service token, ${String(b.role)}` : `personal token, acts as you (${String(b.role)})`;
      o.line(`created token "${opts.name}" (${what}); copy it now, it is not shown again:`);
      o.line(String(b.token ?? ''));
      o.result(res.body);
    });
  tokens
    .command('list')
    .description('list tokens: yours (admins: every token unless --mine): id, prefix, name, kind, role, state, last used')
    .option('--mine', 'admins: only your own personal tokens')
    .action(async (opts: { mine?: boolean }, cmd: Command) => {
      const o = output(cmd);
      const body = await client(cmd).expectOk<unknown>('GET', `/api/v1/tokens${opts.mine ? '?mine=1' : ''}`);
      o.result(body);
      const items = isObject(body) && Array.isArray(body.items) ? body.items : Array.isArray(body) ? body : [];
      for (const t of items) {
        if (!isObject(t)) continue;
        const state = t.revokedAt ? 'revoked' : 'active';
        o.line(`${String(t.id)}  ${String(t.prefix)}  ${String(t.name)}  ${String(t.kind)}  ${String(t.role)}  ${state}  last used ${t.lastUsedAt ? String(t.lastUsedAt) : 'never'}`);
      }
    });
  tokens
    .command('revoke')
    .description('revoke one of your tokens (admins: any token); takes effect at once')
    .argument('<id>', 'token id (from tokens list)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const o = output(cmd);
      const body = await client(cmd).expectOk<unknown>('DELETE', `/api/v1/tokens/${enc(id)}`);
      o.line(`revoked ${id}`);
      o.result(body);
    });

  registerAuditCommands(program, { output, client, exit: (code) => new Exit(code), usage: (m) => new UsageError(m) });
  registerProductionAt(program, { output, client, usage: (m) => new UsageError(m) });
  registerGovernanceCommands(program, { output, client, exit: (code) => new Exit(code), usage: (m) => new UsageError(m) });
  registerWebhookCommands(program, { output, client, exit: (code) => new Exit(code), usage: (m) => new UsageError(m) });

  program
    .command('lint-commit')
    .description('check a commit message against the convention (no server; usable as a git commit-msg hook)')
    .argument('<file>', 'the message file (git passes .git/COMMIT_EDITMSG), or - for stdin')
    .option('--no-require-impact', 'do not require a "Performance impact:" line')
    .option('--no-require-reviewed-by', 'do not require a "Reviewed-by:" line')
    .action(async (file: string, opts: { requireImpact: boolean; requireReviewedBy: boolean }, cmd: Command) => {
      const o = output(cmd);
      const text = await readText(file, 'commit message');
      const result = lintCommitMessage(text, { requireImpact: opts.requireImpact, requireReviewedBy: opts.requireReviewedBy });
      const name = file === '-' ? '(stdin)' : file;
      for (const p of result.problems) o.line(`${name}:${p.line}: ${p.message}`);
      if (!result.ok && !o.json) o.line(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; expected:\n  [COMPONENT] TYPE: Description\n\n  Detailed explanation\n\n  Performance impact: -15% on FVD, +2% on temporal coherence\n  Reviewed-by: Name`);
      o.result(result);
      if (!result.ok) throw new Exit(EXIT_REJECTED);
    });

  return program;
}

/** Run the CLI; resolves to the exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  let current = new Output({ json: argv.includes('--json'), progress: false });
  const program = buildProgram({ set: (o) => (current = o) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE; // commander already printed the message
    }
    const fail = (msg: string, code: number) => {
      for (const line of msg.split('\n')) current.error(`mgr: ${line}`);
      current.result({ ok: false, error: msg });
      return code;
    };
    if (e instanceof UsageError || e instanceof FatalError || e instanceof TreeError) return fail(e.message, EXIT_USAGE);
    if (e instanceof ApiError) return fail(e.message, e.status >= 500 ? EXIT_REJECTED : EXIT_USAGE);
    if (e instanceof ExportError) return fail(e.message, EXIT_USAGE);
    return fail(e instanceof Error ? (e.stack ?? e.message) : String(e), EXIT_USAGE);
  }
}
