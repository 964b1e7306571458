import { CHECK_CONTROLS, CHECK_TITLES, type Check, type CheckKind, type CheckResult } from './controls';

/** Collects the checks of one report and numbers them C001, C002, … in the order they are made. */
export class CheckSink {
  readonly checks: Check[] = [];
  add(kind: CheckKind, subject: string, result: CheckResult | boolean, evidence: string): string {
    const id = `C${String(this.checks.length + 1).padStart(3, '0')}`;
    const r: CheckResult = typeof result === 'boolean' ? (result ? 'pass' : 'fail') : result;
    this.checks.push({ id, kind, title: CHECK_TITLES[kind], subject, result: r, evidence, controls: CHECK_CONTROLS[kind] });
    return id;
  }
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const day = (d: Date): string => d.toISOString().slice(0, 10);
export const when = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
