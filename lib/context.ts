import type { Actor } from './auth/permissions';
import { prisma, type Db } from './db';

/**
 * What every service and query is given: who acts, which database, and what time it is.
 * The clock is a function so a caller can run a story on a calendar of its own (the demo is laid
 * down with a clock running through 2023) and tests can pin time; services never call `new Date()`
 * or `Date.now()` for business time themselves.
 */
export type ServiceContext = {
  db: Db;
  now: () => Date;
  actor: Actor;
};

export const systemClock = (): Date => new Date();

/** A context for `actor` on the app's database and the system clock unless told otherwise. */
export function contextFor(actor: Actor, opts: { db?: Db; now?: () => Date } = {}): ServiceContext {
  return { db: opts.db ?? prisma, now: opts.now ?? systemClock, actor };
}

/** A clock that starts at `start` and moves only when told (demo story, tests). */
export function manualClock(start: Date | string): { now: () => Date; set: (t: Date | string) => void; advance: (ms: number) => void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (v) => { t = new Date(v).getTime(); },
    advance: (ms) => { t += ms; },
  };
}
