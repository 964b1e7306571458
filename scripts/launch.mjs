// `npm start`. With the dev dependencies installed (a checkout, `npm ci`): scripts/start.mts
// through tsx, which builds the app first when there is no build or the sources are newer.
// Without them (production, after `npm ci && npm run build && npm prune --omit=dev`): the
// launcher compiled by `npm run build` (scripts/start.mjs) on Node alone; it never builds, since
// the build tools are gone — a missing build is an error that says what to run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
let tsx = null;
if (process.env.MGR_RUNTIME !== 'compiled') try {
  tsx = createRequire(path.join(root, 'package.json')).resolve('tsx/cli');
} catch {
  /* production install: no dev dependencies */
}

let argv;
const env = { ...process.env };
if (tsx) argv = [tsx, path.join(root, 'scripts', 'start.mts')];
else {
  const compiled = path.join(root, 'scripts', 'start.mjs');
  if (!existsSync(compiled) || !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('[start] no build here, and no build tools (dev dependencies) to make one: run `npm ci && npm run build` first (then `npm prune --omit=dev` if you like)');
    process.exit(1);
  }
  argv = [compiled];
  env.MGR_SKIP_BUILD = '1';
}
const child = spawn(process.execPath, argv, { stdio: 'inherit', env, cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
// `npm start` runs this under `sh -c`; npm's SIGTERM ends the shell, not us. When whoever started
// us is gone (we were re-parented), stop the child rather than leave a server running orphaned.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 1000).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
