// `npm start`: one command from a fresh clone to a running registry.
//  1. no DATABASE_URL → start the embedded PostgreSQL (PGlite, data in .data/pglite)
//     (a given DATABASE_URL's database is created if missing)
//  2. apply the Prisma migrations
//  3. load the demo story on an empty embedded database (or with MGR_SEED=1)
//  4. build the app if there is no build or the sources are newer than it
//  5. serve on $PORT (default 3000) through scripts/server.mts (client addresses for the sign-in
//     limits; TRUSTED_PROXIES) and print the URL and the demo accounts — or, on a real database
//     with no admin yet, how to create the first one
import 'dotenv/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { appRoleWarnings } from '../lib/audit/db-role.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-db.mts';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const t0 = Date.now();
const log = (msg: string) => console.log(`[start ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

// Asynchronous on purpose: the embedded database is served from this process's event loop, so a
// synchronous child (spawnSync) would wait forever for a server that cannot answer.
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed with exit code ${code}`))));
  });
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name || name === 'postgres') return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM users');
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const stamp = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = Math.max(...['app', 'components', 'lib', 'public'].map((d) => newestMtime(path.join(root, d))), statSync(path.join(root, 'package-lock.json')).mtimeMs);
  return sources > built;
}

async function activeAdmins(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  // Embedded/demo use: a random secret kept beside the data, so sessions survive restarts.
  const file = path.join(root, '.data', 'auth-secret');
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The Ed25519 key that signs audit checkpoints: AUDIT_SIGNING_KEY (a PEM or a file path) when set,
 * else a key file created beside the data once (like the auth secret). Never in the database.
 */
function auditSigningKey(): string {
  if (process.env.AUDIT_SIGNING_KEY) return process.env.AUDIT_SIGNING_KEY;
  const file = path.join(root, '.data', 'audit-signing-key.pem');
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    log(`created the audit signing key ${path.relative(root, file)} (keep a copy: checkpoints are verified with its public half)`);
  }
  return file;
}

/** Least privilege: say so when the app's own role could switch the audit log's triggers off. */
async function warnAboutAppRole(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    for (const w of await appRoleWarnings(client)) console.warn(`[start] WARNING: ${w}`);
  } catch (e) {
    log(`could not check the database role: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  // Several instances over one database must sign sessions with one secret: a secret made up per
  // instance (as for the embedded demo) would make each refuse the others' sessions.
  if (process.env.DATABASE_URL && !process.env.NEXTAUTH_SECRET) {
    throw new Error(
      'NEXTAUTH_SECRET is not set. On your own PostgreSQL every instance needs the same secret: ' +
        'set NEXTAUTH_SECRET (e.g. `openssl rand -hex 32`) in the environment of each instance.',
    );
  }
  let embedded: EmbeddedPostgres | null = null;
  let url = process.env.DATABASE_URL;
  let demo = process.env.MGR_SEED === '1';
  if (!url) {
    const dataDir = process.env.MGR_DATA_DIR ?? path.join(root, '.data', 'pglite');
    log(`DATABASE_URL is not set: starting the embedded PostgreSQL (PGlite) with data in ${path.relative(root, dataDir) || dataDir}`);
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: Number(process.env.EMBEDDED_DB_PORT ?? 0),
      maxConnections: 24,
    });
    url = embedded.url;
    demo = true;
    log(`embedded PostgreSQL listening at 127.0.0.1:${embedded.port}`);
  } else {
    await ensureDatabase(url);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: authSecret(),
    AUDIT_SIGNING_KEY: auditSigningKey(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    DB_POOL_MAX: process.env.DB_POOL_MAX ?? (embedded ? '8' : '10'),
    MGR_DEMO: demo ? '1' : '0',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };

  // Migrations run as the schema's owner when MIGRATE_DATABASE_URL is given; the app as DATABASE_URL.
  log('applying migrations (prisma migrate deploy)');
  await run('npx', ['prisma', 'migrate', 'deploy'], { ...env, DATABASE_URL: process.env.MIGRATE_DATABASE_URL ?? url });
  if (!embedded) await warnAboutAppRole(url);

  if (demo && (await isEmpty(url))) {
    log('empty database: loading the demo story');
    // Compiled by `npm run build` (prisma/seed.mjs, runs on Node alone), else the source via tsx.
    const compiledSeed = path.join(root, 'prisma', 'seed.mjs');
    if (import.meta.filename.endsWith('.mjs') && existsSync(compiledSeed)) await run(process.execPath, [compiledSeed], env);
    else await run('npx', ['tsx', 'prisma/seed.mts'], env);
  }

  if (process.env.MGR_SKIP_BUILD !== '1' && needsBuild()) {
    log('building the app (next build) — once, or after the sources change');
    await run('npx', ['next', 'build'], env);
  }

  const admins = await activeAdmins(url);

  log(`starting the server on http://${host}:${port}`);
  // scripts/server.mts (or .mjs once compiled), run by this same runtime and loader.
  const serverFile = path.join(import.meta.dirname, `server${path.extname(import.meta.filename)}`);
  const server: ChildProcess = spawn(process.execPath, [...process.execArgv, serverFile], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: host },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let announced = false;
  server.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready on/.test(chunk.toString())) {
      announced = true;
      const shown = host === '0.0.0.0' ? 'localhost' : host;
      console.log(`\n  Model Governance Registry is running at http://${shown}:${port}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      if (demo) {
        console.log('  Demo accounts (password demo1234):');
        console.log('    admin@demo.local · chair@demo.local, member2@demo.local, member3@demo.local (committee)');
        console.log('    engineer@demo.local · senior@demo.local, senior2@demo.local (senior engineers)');
        console.log('    auditor@demo.local · viewer@demo.local');
      } else if (admins === 0) {
        console.log('  No admin exists yet, so nobody can sign in. Create the first one, either in the browser at');
        console.log(`  http://${shown}:${port}/setup with the one-time code this log prints ([setup] …), or from the shell`);
        console.log('  (the password is asked for, or read from stdin; never put it on the command line):');
        console.log('    npm run admin -- create --email you@example.org --name "Your Name"');
      }
      console.log('');
    }
  });
  const stop = async (code: number) => {
    server.kill('SIGTERM');
    if (embedded) await embedded.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.on('exit', (code) => void stop(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
