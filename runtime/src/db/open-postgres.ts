import { LoomError } from "@loom/engine";
import knex from "knex";
import type { Logger } from "pino";
import type { Database } from "./database.ts";
import { createGateway } from "./gateway.ts";
import { redactUrl } from "./redact-url.ts";
import { openGate } from "./serial-gate.ts";

const POOL_SIZE = 10;

/** A PostgreSQL server through a knex pool; connectivity is checked here so a bad URL fails early. */
export async function openPostgres(url: string, logger?: Logger): Promise<Database> {
  const db = knex({ client: "pg", connection: url, pool: { min: 0, max: POOL_SIZE } });
  try {
    await db.raw("select 1");
  } catch (error) {
    await db.destroy();
    throw new LoomError(
      "database-open-failed",
      `cannot connect to ${redactUrl(url)}: ${(error as Error).message}`,
    );
  }
  logger?.info({ kind: "postgres", url: redactUrl(url) }, "database opened");
  return createGateway({
    kind: "postgres",
    knex: db,
    gate: openGate(),
    async dispose() {
      await db.destroy();
      logger?.info({ kind: "postgres", url: redactUrl(url) }, "database closed");
    },
  });
}
