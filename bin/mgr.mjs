#!/usr/bin/env node
// mgr — the model governance registry's CLI (docs/cli.md). Runs the TypeScript sources in cli/
// through tsx's CommonJS hook, so there is no build step: `node bin/mgr.mjs …` or `npx mgr …`,
// from any directory. (tsx's ESM `register()` trips over Node 20's require(esm) on .ts files of a
// package without "type": "module"; the CommonJS hook is the robust path and starts in ~0.3 s.)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
require('tsx/cjs/api').register({ tsconfig: path.join(root, 'tsconfig.json') });

const { main } = require(path.join(root, 'cli', 'main.ts'));
// process.exitCode (not process.exit) lets piped stdout/stderr drain first.
process.exitCode = await main(process.argv.slice(2));
