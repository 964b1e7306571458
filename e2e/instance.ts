import { spawn, type ChildProcess } from 'node:child_process';

// A second registry instance for the deployment tests, started the way an operator would
// (`npm start`'s launcher, with the build the suite's own server made). Its port is the suite's
// port + 100. The tests that use it run one after another.
export const SECOND_PORT = Number(process.env.E2E_PORT ?? 3100) + 100;
export const SECOND_URL = `http://127.0.0.1:${SECOND_PORT}`;
/** The suite's NEXTAUTH_SECRET (playwright.config.ts). */
export const SUITE_SECRET = 'e2e-secret-e2e-secret-e2e-secret-1234';

export type Instance = { output: () => string; stop: () => Promise<void>; exited: Promise<number | null> };

/**
 * Start scripts/start.mts and wait until its output matches `until` (or it exits). The env is
 * given in full for what matters: no NEXTAUTH_SECRET unless passed.
 */
export async function startInstance(env: Record<string, string>, until: RegExp): Promise<Instance> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NEXTAUTH_SECRET', 'DATABASE_URL', 'MGR_SEED', 'NEXTAUTH_URL']) delete base[k];
  const child: ChildProcess = spawn('npx', ['tsx', 'scripts/start.mts'], {
    env: { ...base, HOST: '127.0.0.1', PORT: String(SECOND_PORT), MGR_SKIP_BUILD: '1', MGR_JOBS: '0', NEXTAUTH_URL: SECOND_URL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if (until.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => resolve());
  });
  return {
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}
