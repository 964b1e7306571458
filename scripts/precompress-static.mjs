// The build's static files (.next/static), compressed once beside each file: x.js.gz (gzip 9) and
// x.js.br (Brotli 11), for scripts/server.mts to serve with sirv instead of Next.js compressing
// every response again on the event loop that renders pages (decision 028). Plain ES module with
// Node's built-ins only: `npm run build` (scripts/build-runtime.mjs) and the server both use it.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const COMPRESSIBLE = /\.(js|css|svg|json|txt|html)$/;

async function exists(file) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Compresses every compressible file under `dir`; with `onlyMissing`, only those without both
 * companions (a build made by `next build` alone, say). Returns how many files it compressed.
 */
export async function precompressStatic(dir, { onlyMissing = false, log = console.log } = {}) {
  const t0 = Date.now();
  const files = (await readdir(dir, { recursive: true })).map((f) => path.join(dir, f)).filter((f) => COMPRESSIBLE.test(f));
  let count = 0;
  let raw = 0;
  let gz = 0;
  let br = 0;
  await Promise.all(
    files.map(async (file) => {
      if (!(await stat(file)).isFile()) return;
      if (onlyMissing && (await exists(`${file}.gz`)) && (await exists(`${file}.br`))) return;
      const data = await readFile(file);
      const [g, b] = await Promise.all([
        gzip(data, { level: 9 }),
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      ]);
      await Promise.all([writeFile(`${file}.gz`, g), writeFile(`${file}.br`, b)]);
      count += 1;
      raw += data.length;
      gz += g.length;
      br += b.length;
    }),
  );
  const kb = (n) => `${Math.round(n / 1024)} KB`;
  if (count > 0) log(`[build] ${count} static files precompressed (${kb(raw)} → gzip ${kb(gz)}, brotli ${kb(br)}) in ${Date.now() - t0} ms`);
  return count;
}
