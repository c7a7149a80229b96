import type { Knex } from "knex";
import type { Logger } from "pino";

/**
 * The one gateway for database access. Every query runs inside `run` or `transaction`, never on a
 * knex instance kept aside: on PGlite (a single session) work is queued so that nothing is issued
 * outside the transaction that is open, and the same code behaves the same on a server pool.
 */
export interface Database {
  readonly kind: "pglite" | "postgres";
  run<T>(fn: (db: Knex) => Promise<T>): Promise<T>;
  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** waits for queued work, then closes connections (and the PGlite instance and its lock) */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** a PostgreSQL server URL (DATABASE_URL); when absent, PGlite in `dataDir` */
  url?: string;
  /** Loom's data folder for PGlite; default `LOOM_DATA_DIR`, else `./.loom/data` */
  dataDir?: string;
  logger?: Logger;
}
