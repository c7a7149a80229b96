import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { LoomError } from "@loom/engine";
import knex, { type Knex } from "knex";
import type { Logger } from "pino";
import { lockDataDir } from "./data-dir-lock.ts";
import type { Database } from "./database.ts";
import { createGateway } from "./gateway.ts";
import { serialGate } from "./serial-gate.ts";

/** PGlite's own files live in this sub-folder of Loom's data folder, next to the lock file. */
export const PGLITE_FOLDER = "pgdata";

/**
 * PGlite through knex's `pg` client and PGlite's node-postgres adapter, which yields the same
 * value types as a server (int8 as string). One session, so a pool of one and a FIFO gate.
 */
export async function openPglite(dataDir: string, logger?: Logger): Promise<Database> {
  const folder = path.resolve(dataDir);
  const lock = await lockDataDir(folder);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir: path.join(folder, PGLITE_FOLDER) });
  } catch (error) {
    lock.release();
    throw new LoomError(
      "database-open-failed",
      `cannot open the PGlite database in ${folder}: ${(error as Error).message}`,
    );
  }
  const connection = (): Knex.PgConnectionConfig =>
    createPgConfig(pglite) as unknown as Knex.PgConnectionConfig;
  const db = knex({ client: "pg", connection, pool: { min: 0, max: 1 } });
  logger?.info({ kind: "pglite", dataDir: folder }, "database opened");
  return createGateway({
    kind: "pglite",
    knex: db,
    gate: serialGate(),
    async dispose() {
      try {
        await db.destroy();
        // PGlite is ours to close; left open, Node waits ~10 s before exiting
        await pglite.close();
      } finally {
        lock.release();
        logger?.info({ kind: "pglite", dataDir: folder }, "database closed");
      }
    },
  });
}
