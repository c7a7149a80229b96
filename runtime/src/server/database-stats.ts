import type { Database } from "../db/database.ts";

/** What can be seen of a database's connections from outside the gateway. */
export interface DatabaseStats {
  kind: Database["kind"];
  /** connections running a query */
  active: number;
  /** open connections waiting for work */
  idle: number;
  /** callers waiting for a connection */
  waiting: number;
}

/** A gateway may report its own figures (e.g. its queue on PGlite); otherwise they are read from outside. */
export type StatsSource = Database & { stats?: () => DatabaseStats };

/** knex's tarn pool, as far as the figures go. */
interface PoolCounts {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/**
 * The connection figures at this moment, or null when there are none to read: PGlite's gateway
 * queues work in front of its single connection, so asking it would wait behind a long apply
 * and the pool would only ever show that one connection.
 */
export async function readDatabaseStats(db: StatsSource): Promise<DatabaseStats | null> {
  if (db.stats) return db.stats();
  if (db.kind !== "postgres") return null;
  const pool: unknown = await db.run(async (knex) => knex.client.pool);
  if (!isPoolCounts(pool)) return null;
  return {
    kind: db.kind,
    active: pool.numUsed(),
    idle: pool.numFree(),
    waiting: pool.numPendingAcquires(),
  };
}

function isPoolCounts(pool: unknown): pool is PoolCounts {
  if (typeof pool !== "object" || pool === null) return false;
  const counts = pool as Partial<Record<keyof PoolCounts, unknown>>;
  return (
    typeof counts.numUsed === "function" &&
    typeof counts.numFree === "function" &&
    typeof counts.numPendingAcquires === "function"
  );
}
