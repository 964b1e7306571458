import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// .ci/run installs Chromium with apt-get when it is missing. Another apt/dpkg process holding the
// lock must make it wait, not fail. The lock is taken for real (fcntl, as apt does) on a private
// lists folder with no sources, so the test changes nothing on the machine and needs no network.

const root = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function lines(child: ChildProcess, stream: 'stdout' | 'stderr', until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child[stream]!.on('data', (c: Buffer) => {
      text += c.toString();
      if (until.test(text)) resolve(text);
    });
    child.on('exit', () => reject(new Error(`exited before ${until}: ${text}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('.ci/run and the apt lock', () => {
  it('calls apt-get only through the waiting wrapper', async () => {
    const run = await readFile(path.join(root, '.ci/run'), 'utf8');
    const calls = run.split('\n').filter((l) => /\bapt-get\b/.test(l) && !l.trim().startsWith('#'));
    expect(calls).toEqual([]);
    expect(run).toMatch(/apt_get_waiting update/);
    expect(run).toMatch(/apt_get_waiting install/);
  });

  it('waits while another process holds the lock, then succeeds', async () => {
    const lists = await mkdtemp(path.join(os.tmpdir(), 'apt-lists-'));
    dirs.push(lists);
    const holder = spawn('python3', ['-c', [
      'import fcntl, sys',
      `f = open(${JSON.stringify(path.join(lists, 'lock'))}, "a")`,
      'fcntl.lockf(f, fcntl.LOCK_EX)',
      'print("held", flush=True)',
      'sys.stdin.readline()',
    ].join('\n')], { stdio: ['pipe', 'pipe', 'inherit'] });
    await lines(holder, 'stdout', /held/);

    const opts = `-o Dir::State::Lists=${lists} -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=${lists}/none`;
    const apt = spawn('bash', ['-c', `. .ci/apt.sh && apt_get_waiting ${opts} update -qq`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = exited(apt);
    await lines(apt, 'stdout', /lock held by another process, waiting/);

    holder.stdin!.end('release\n');
    await exited(holder);
    expect(await done).toBe(0);
  });
});
