#!/usr/bin/env node
// mgr — the model governance registry's CLI (docs/cli.md): `node bin/mgr.mjs …` or `npx mgr …`,
// from any directory.
//  - After `npm run build`: runs the compiled cli/main.mjs on Node alone (works after
//    `npm prune --omit=dev`, where tsx is gone).
//  - In a checkout without a build (or whose cli/ sources are newer than it): runs the TypeScript
//    sources through tsx's CommonJS hook (tsx's ESM `register()` trips over Node 20's require(esm)
//    on .ts files of a package without "type": "module"; the CommonJS hook is the robust path).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'cli', 'main.mjs');
const require = createRequire(path.join(root, 'package.json'));

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path.join(dir, e.name)));
    else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(path.join(dir, e.name)).mtimeMs);
  }
  return newest;
}

function hasTsx() {
  try {
    require.resolve('tsx/cjs/api');
    return true;
  } catch {
    return false;
  }
}

async function load() {
  // MGR_RUNTIME=compiled insists on the build (tests of the production path).
  const force = process.env.MGR_RUNTIME === 'compiled';
  const built = existsSync(compiled) ? statSync(compiled).mtimeMs : 0;
  const stale = built > 0 && !force && newestSource(path.join(root, 'cli')) > built;
  if (built > 0 && (force || !stale || !hasTsx())) return import(pathToFileURL(compiled).href);
  if (force || !hasTsx()) {
    console.error('mgr: no build (cli/main.mjs) and no tsx: run `npm run build` where the dev dependencies are installed');
    process.exit(2);
  }
  require('tsx/cjs/api').register({ tsconfig: path.join(root, 'tsconfig.json') });
  return require(path.join(root, 'cli', 'main.ts'));
}

const { main } = await load();
// process.exitCode (not process.exit) lets piped stdout/stderr drain first.
process.exitCode = await main(process.argv.slice(2));
