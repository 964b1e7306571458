// Output for humans (CI logs: one line per problem, "path: reason") and machines (--json).
// Progress goes to stderr, on a single line rewritten with \r, and only on a terminal.

import { describeProblem, fieldErrorLines, type ApiResponse } from './client';

export type Stream = { write(chunk: string): boolean; isTTY?: boolean; columns?: number };

export type OutputOptions = { json: boolean; progress: boolean; stdout?: Stream; stderr?: Stream };

export class Output {
  readonly json: boolean;
  private readonly stdout: Stream;
  private readonly stderr: Stream;
  private readonly progressOn: boolean;
  private progressShown = false;

  constructor(opts: OutputOptions) {
    this.json = opts.json;
    this.stdout = opts.stdout ?? process.stdout;
    this.stderr = opts.stderr ?? process.stderr;
    this.progressOn = opts.progress && this.stderr.isTTY === true;
  }

  /** Transient status line (TTY only). */
  progress(text: string): void {
    if (!this.progressOn) return;
    const width = Math.max(20, (this.stderr.columns ?? 80) - 1);
    const line = text.length > width ? `…${text.slice(text.length - width + 1)}` : text;
    this.stderr.write(`\r\x1b[2K${line}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (this.progressShown) {
      this.stderr.write('\r\x1b[2K');
      this.progressShown = false;
    }
  }

  /** A line of the human report (suppressed with --json). */
  line(text: string): void {
    if (this.json) return;
    this.clearProgress();
    this.stdout.write(`${text}\n`);
  }

  /** An error line on stderr (always). */
  error(text: string): void {
    this.clearProgress();
    this.stderr.write(`${text}\n`);
  }

  /** The machine-readable result (only with --json). */
  result(value: unknown): void {
    if (!this.json) return;
    this.clearProgress();
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

/** "HTTP 422 …" plus one line per field error, for commands acting on one thing. */
export function reportRefusal(out: Output, what: string, res: ApiResponse): void {
  out.error(`${what}: ${describeProblem(res.status, res.problem)}`);
  for (const f of fieldErrorLines(res.problem)) out.error(`${what}: ${f.field}: ${f.reason}`);
  out.result({ ok: false, status: res.status, problem: res.problem });
}
