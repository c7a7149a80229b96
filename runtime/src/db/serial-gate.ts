import { AsyncLocalStorage } from "node:async_hooks";
import { LoomError } from "@loom/engine";

/** Decides when a unit of database work may start. */
export interface Gate {
  enter<T>(work: () => Promise<T>): Promise<T>;
}

/** A FIFO mutex: one unit of work at a time, in call order; a failing unit does not block the rest. */
export function serialGate(): Gate {
  let tail: Promise<void> = Promise.resolve();
  return {
    async enter<T>(work: () => Promise<T>): Promise<T> {
      const previous = tail;
      let release!: () => void;
      tail = new Promise<void>((resolve) => {
        release = resolve;
      });
      await previous;
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/** A server pool needs no queue: the pool hands out connections. */
export function openGate(): Gate {
  // async: a knex builder returned by `work` is a thenable that runs its query on every `then`;
  // adopting it into one promise here runs it exactly once
  return { enter: async (work) => work() };
}

const insideWork = new AsyncLocalStorage<true>();

/**
 * Runs `work` through `gate`, refusing a nested call: a `db.run` issued from inside another
 * unit of work would wait for that unit forever on PGlite. Refused on the server too, so code
 * that passes its tests on one backend behaves the same on the other.
 */
export function enterOnce<T>(gate: Gate, work: () => Promise<T>): Promise<T> {
  if (insideWork.getStore()) {
    return Promise.reject(
      new LoomError(
        "db-reentrant",
        "database work started from inside another db.run/db.transaction: use the knex or transaction object passed to your callback",
      ),
    );
  }
  return gate.enter(() => insideWork.run(true, work));
}
