// `node scripts/run.mjs scripts/admin …`: run an entry point's TypeScript source (scripts/admin.mts)
// through tsx where the dev dependencies are installed, else the build of it made by `npm run build`
// (scripts/admin.mjs) on Node alone. Used by the npm scripts that must work in production after
// `npm prune --omit=dev` (start, admin, jobs, db:seed).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run.mjs <entry without extension> [args…]');
  process.exit(2);
}
const compiled = path.join(root, `${entry}.mjs`);
const source = path.join(root, `${entry}.mts`);

function tsxCli() {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('tsx/cli');
  } catch {
    return null;
  }
}

// The sources when the dev dependencies are here (a checkout: never a stale build), the build
// otherwise; MGR_RUNTIME=compiled insists on the build (tests of the production path).
let argv;
const tsx = process.env.MGR_RUNTIME === 'compiled' ? null : tsxCli();
if (tsx) argv = [tsx, source, ...args];
else if (existsSync(compiled)) argv = [compiled, ...args];
else {
  console.error(`${entry}: not built (${path.relative(root, compiled)} is missing) and tsx is not installed: run \`npm run build\` with the dev dependencies installed`);
  process.exit(2);
}
const child = spawn(process.execPath, argv, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
// `npm start` runs this under `sh -c`; npm's SIGTERM ends the shell, not us. When whoever started
// us is gone (we were re-parented), stop the child rather than leave a server running orphaned.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 1000).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
