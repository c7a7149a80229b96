/**
 * Where the queue reads the time. Due dates, leases and retry times are compared with this clock's
 * `now()`, passed to SQL as a parameter (never the database's `now()`), so a test moves time on
 * instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move. */
export interface TestClock extends Clock {
  advance(ms: number): void;
  set(time: Date): void;
}

export function testClock(start: Date = new Date()): TestClock {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    advance(ms) {
      time += ms;
    },
    set(next) {
      time = next.getTime();
    },
  };
}
