// `npx tsx scripts/bench-profile.mts --db=<database> [--port=3207] [--duration=15] [--path=/api/v1/versions?pageSize=25]`
// Runs the production server under `node --cpu-prof` on an existing bench database (kept with
// `npm run bench -- --keep`), loads one route with autocannon -c 10, stops the server and prints
// where its CPU went: self time by package (node_modules/<pkg>, node internals, the app) and the
// hottest functions. The .cpuprofile is kept (open it in Chrome DevTools → Performance).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { benchToken, cannon, prime, startApp } from './bench-http.mts';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };

/** Now on the monotonic clock V8's profiles use (µs). */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;

/** Self time per package and per function, in ms, from a V8 .cpuprofile. */
export function summariseProfile(file: string, window: [number, number] = [0, Infinity], top = 25) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const self = new Map<number, number>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (t >= window[0] && t <= window[1]) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const byPkg = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const n of p.nodes) {
    const ms = self.get(n.id) ?? 0;
    if (!ms) continue;
    const url = n.callFrame.url;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const pkg = m ? m[1] : url.startsWith('node:') ? 'node internals' : url === '' ? `(${n.callFrame.functionName || 'native'})` : url.includes('/.next/') ? 'app (.next bundle)' : 'app (source)';
    const sub = pkg === 'next' && /next\/dist\/compiled\/([^/]+)/.exec(url) ? `next/compiled/${/next\/dist\/compiled\/([^/]+)/.exec(url)![1]}` : pkg;
    byPkg.set(sub, (byPkg.get(sub) ?? 0) + ms);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/api-speed\//, '')}:${n.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  }
  const total = [...byPkg.values()].reduce((a, b) => a + b, 0);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { total, packages: sorted(byPkg), functions: sorted(byFn).slice(0, top) };
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('bench-profile.mts')) {
  const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const u = new URL(server);
  u.pathname = `/${arg('db', 'postgres')}`;
  const dir = path.resolve(arg('out', `/tmp/mgr-prof-${Date.now()}`));
  mkdirSync(dir, { recursive: true });
  const db = new pg.Client({ connectionString: u.toString() });
  await db.connect();
  const token = await benchToken(db);
  await db.end();
  const app = await startApp({ port: Number(arg('port', '3207')), databaseUrl: u.toString(), cpuProfDir: dir });
  const target = `${app.origin}${arg('path', '/api/v1/versions?pageSize=25')}`;
  await prime(target, token, 20);
  await cannon(target, { token, connections: 10, duration: 5 }); // warm-up
  const from = monotonicUs();
  const r = await cannon(target, { token, connections: 10, duration: Number(arg('duration', '15')) });
  const to = monotonicUs();
  console.log(`${target}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, ${r.requests} requests, ${r.non2xx} non-2xx`);
  await app.stop();
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f))[0];
  const s = summariseProfile(file, [from, to]);
  const per = (ms: number) => `${ms.toFixed(0).padStart(7)} ms  ${(ms / (r.requests || 1)).toFixed(2).padStart(6)} ms/req  ${((100 * ms) / s.total).toFixed(1).padStart(5)} %`;
  console.log(`\nCPU self time while under load (samples after the warm-up): ${s.total.toFixed(0)} ms; profile ${file}\n`);
  for (const [k, ms] of s.packages.slice(0, 20)) console.log(`${per(ms)}  ${k}`);
  console.log('\nhottest functions:');
  for (const [k, ms] of s.functions) console.log(`${per(ms)}  ${k.slice(0, 140)}`);
}
