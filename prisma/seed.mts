// `npm run db:seed` / `npx prisma db seed`: load the demo story (lib/demo/story.ts) into an empty
// database. Idempotent: when any user exists it prints a line and exits 0.
import 'dotenv/config';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// tsx runs this package's .ts files as CommonJS (package.json has no "type": "module"), and
// `canonicalize` (used by lib/audit/canonical.ts) is ESM-only with an exports map that has only an
// "import" condition, so `require('canonicalize')` cannot resolve. Point it at the package's file;
// Node ≥ 20.19 loads an ES module through require. (Vitest and Next bundle, so they don't need this.)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const canonicalizeFile = path.join(root, 'node_modules', 'canonicalize', 'lib', 'canonicalize.js');
const loader = Module as unknown as { _resolveFilename: (this: unknown, request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'canonicalize' ? canonicalizeFile : resolve.call(this, request, ...rest);
};

const { createPrismaClient } = await import('../lib/db');
const { DEMO_PASSWORD, DEMO_USERS, loadDemoStory } = await import('../lib/demo/story');

const db = createPrismaClient();
try {
  if ((await db.user.count()) > 0) {
    console.log('database already has data; skipping demo');
  } else {
    const started = Date.now();
    const s = await loadDemoStory(db);
    console.log(
      `demo loaded in ${Date.now() - started} ms: ${s.versions} versions, ${s.parameterSets} parameter sets, ` +
        `${s.promotionRequests} promotion requests, ${s.incidents} incident, ${s.auditEvents} audit events (chain verified)`,
    );
    console.log(`sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} with password ${DEMO_PASSWORD}`);
  }
} finally {
  await db.$disconnect();
}
