// mgr production-at DATE [--json]: which version of each component was in production on DATE
// (the end of that UTC day) or at a UTC time, since when and how it got there (GET /api/v1/production).
import type { Command } from 'commander';
import type { ApiClient } from './client';
import type { Output } from './output';

type Entry = { component: string; modelId: string | null; since: string | null; via: string | null; imported: boolean; traffic: { modelId: string; percent: number }[] | null };
type Helpers = { output: (cmd: Command) => Output; client: (cmd: Command) => ApiClient; usage: (message: string) => Error };

const AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z)?$/;

export function registerProductionAt(program: Command, h: Helpers): void {
  program
    .command('production-at')
    .description('which version of each component was in production on a date (end of that UTC day) or at a UTC time, and since when')
    .argument('<date>', 'YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ')
    .action(async (date: string, _opts: unknown, cmd: Command) => {
      const o = h.output(cmd);
      if (!AT.test(date)) throw h.usage(`date: "${date}" is not a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ`);
      const body = await h.client(cmd).expectOk<{ at: string; components: Entry[] }>('GET', `/api/v1/production?at=${encodeURIComponent(date)}`);
      o.result(body);
      o.line(`in production at ${body.at}:`);
      const width = Math.max(...body.components.map((c) => c.component.length));
      for (const c of body.components) {
        const what = c.modelId ? `${c.modelId}  since ${c.since}  (${c.via}${c.imported ? ', imported, not approved here' : ''})` : '(none)';
        const traffic = c.traffic ? `  traffic: ${c.traffic.map((t) => `${t.modelId} ${t.percent}%`).join(', ')}` : '';
        o.line(`  ${c.component.padEnd(width)}  ${what}${traffic}`);
      }
    });
}
