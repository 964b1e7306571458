import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// Tests that check the code base itself (every server action has a twin and a matrix case, every
// route handler is in the authorization matrix) read the sources with these.

/** Every file called `name` below `root`, as absolute paths, sorted. */
export function filesNamed(root: string, name: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e === name) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** `file` relative to `root`, with forward slashes. */
export const relativePath = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/** Every server action below `root` (each exported function of each actions.ts), as "dir/actions.ts#name" relative to it. */
export function serverActionsUnder(root: string): string[] {
  return filesNamed(root, 'actions.ts')
    .flatMap((p) => [...readFileSync(p, 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => `${relativePath(root, p)}#${m[1]}`))
    .sort();
}
