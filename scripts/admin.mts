// `npm run admin -- create --email you@example.org --name "Your Name"`: the first admin of a real
// deployment. The password is asked for on a terminal (not echoed) or read from stdin's first line
// (`… < file`, a secret manager's pipe) — never from an argument, which would land in the shell's
// history and the process list.
import 'dotenv/config';
import readline from 'node:readline';
import { Command } from 'commander';

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let prompted = false;
    out._writeToOutput = (s: string) => {
      if (!prompted) {
        process.stdout.write(s);
        prompted = true;
      }
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await readHidden('Password (at least 8 characters): ');
  const again = await readHidden('Password again: ');
  if (first !== again) throw new Error('the two passwords differ');
  return first;
}

const program = new Command('admin').description('Manage the registry from the shell (needs DATABASE_URL)');
program
  .command('create')
  .description('create the first admin (only while no active admin exists)')
  .requiredOption('--email <email>', 'the admin’s email (their sign-in name)')
  .requiredOption('--name <name>', 'the admin’s full name')
  .action(async (opts: { email: string; name: string }) => {
    if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: point it at the registry’s database');
    const password = await readPassword();
    const { createPrismaClient } = await import('../lib/db');
    const { createFirstAdmin } = await import('../lib/auth/first-admin');
    const db = createPrismaClient();
    try {
      const user = await createFirstAdmin(db, { email: opts.email, name: opts.name, password });
      console.log(`created admin ${user.email}: sign in at the registry with this email and the password you typed`);
    } finally {
      await db.$disconnect();
    }
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  const err = e as { message?: string; fieldErrors?: Record<string, string[]> };
  const fields = err.fieldErrors ? Object.entries(err.fieldErrors).map(([f, m]) => `\n  ${f}: ${m.join('; ')}`).join('') : '';
  console.error(`admin: ${err.message ?? String(e)}${fields}`);
  process.exit(1);
});
