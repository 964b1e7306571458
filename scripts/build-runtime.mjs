// `npm run build` (after `next build`): compile the TypeScript entry points that run in production
// — the launcher, the HTTP server, the demo seed, the first-admin script, the job runner and the
// mgr CLI — to plain ES modules beside their sources (scripts/start.mjs next to scripts/start.mts,
// …), so `npm start`, `npm run admin` and `mgr` run on Node alone after `npm prune --omit=dev`
// (no tsx, a devDependency). Packages stay imports from node_modules; our own code (lib/, the
// generated Prisma client) is bundled in. Output files are git-ignored build artifacts.
import { build } from 'esbuild';
import path from 'node:path';
import { precompressStatic } from './precompress-static.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** source → output (beside it: code that finds the repo root from import.meta.dirname keeps working). */
export const RUNTIME_ENTRIES = [
  ['scripts/start.mts', 'scripts/start.mjs'],
  ['scripts/server.mts', 'scripts/server.mjs'],
  ['scripts/admin.mts', 'scripts/admin.mjs'],
  ['scripts/run-job.mts', 'scripts/run-job.mjs'],
  ['prisma/seed.mts', 'prisma/seed.mjs'],
  ['cli/main.ts', 'cli/main.mjs'],
];

export async function buildRuntime() {
  const t0 = Date.now();
  for (const [src, out] of RUNTIME_ENTRIES) {
    await build({
      absWorkingDir: root,
      entryPoints: [src],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: 'tsconfig.json',
      sourcemap: 'inline',
      logLevel: 'warning',
      // Bundled CommonJS-style code may call require(); give ES modules one.
      banner: { js: "import { createRequire as __mgrCreateRequire } from 'node:module'; const require = __mgrCreateRequire(import.meta.url);" },
    });
  }
  console.log(`[build] runtime compiled (${RUNTIME_ENTRIES.map(([, o]) => o).join(', ')}) in ${Date.now() - t0} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  Promise.all([buildRuntime(), precompressStatic(path.join(root, '.next', 'static'))]).catch((e) => {
    console.error(`[build] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
