// `npm run build` (after `next build`): compile the TypeScript entry points that run in production
// — the launcher, the HTTP server, the demo seed, the first-admin script, the job runner and the
// mgr CLI — to plain ES modules beside their sources (scripts/start.mjs next to scripts/start.mts,
// …), so `npm start`, `npm run admin` and `mgr` run on Node alone after `npm prune --omit=dev`
// (no tsx, a devDependency). Packages stay imports from node_modules; our own code (lib/, the
// generated Prisma client) is bundled in. Output files are git-ignored build artifacts.
import { build } from 'esbuild';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

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

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const COMPRESSIBLE = /\.(js|css|svg|json|txt|html)$/;

/**
 * Next.js's build output under .next/static is served by scripts/server.mts (sirv) from files
 * compressed once here — gzip level 9 and Brotli quality 11 beside each file (x.js.gz, x.js.br) —
 * instead of Next.js compressing every response again at its default level, on the event loop
 * the pages render on. Files are content-hashed and never change after the build.
 */
export async function precompressStatic(dir = path.join(root, '.next', 'static')) {
  const t0 = Date.now();
  const files = (await readdir(dir, { recursive: true })).map((f) => path.join(dir, f)).filter((f) => COMPRESSIBLE.test(f));
  let raw = 0;
  let gz = 0;
  let br = 0;
  await Promise.all(
    files.map(async (file) => {
      if (!(await stat(file)).isFile()) return;
      const data = await readFile(file);
      const [g, b] = await Promise.all([
        gzip(data, { level: 9 }),
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      ]);
      await Promise.all([writeFile(`${file}.gz`, g), writeFile(`${file}.br`, b)]);
      raw += data.length;
      gz += g.length;
      br += b.length;
    }),
  );
  const kb = (n) => `${Math.round(n / 1024)} KB`;
  console.log(`[build] ${files.length} static files precompressed (${kb(raw)} → gzip ${kb(gz)}, brotli ${kb(br)}) in ${Date.now() - t0} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  Promise.all([buildRuntime(), precompressStatic()]).catch((e) => {
    console.error(`[build] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
