import { LoomError } from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "./database.ts";
import { enterOnce, type Gate } from "./serial-gate.ts";

/** Wraps a knex instance so that all work passes through `gate` and stops once closed. */
export function createGateway(parts: {
  kind: Database["kind"];
  knex: Knex;
  gate: Gate;
  /** frees everything behind the knex instance; runs once, after all accepted work */
  dispose: () => Promise<void>;
}): Database {
  const { kind, knex, gate, dispose } = parts;
  const pending = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  const accept = <T>(work: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new LoomError("database-closed", "the database is closed"));
    const running = enterOnce(gate, work);
    pending.add(running);
    const forget = () => pending.delete(running);
    running.then(forget, forget);
    return running;
  };

  return {
    kind,
    run: (fn) => accept(() => fn(knex)),
    transaction: (fn) => accept(() => knex.transaction(fn)),
    close() {
      // knex.destroy() aborts queries still waiting for a connection: let accepted work finish first
      closing ??= Promise.allSettled([...pending]).then(dispose);
      return closing;
    },
  };
}
