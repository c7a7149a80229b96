import { userInfo } from "node:os";
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import { openDatabase } from "../db/open-database.ts";

/** The options every command accepts (see main.ts). */
export interface GlobalOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/** Opens the database the options (else DATABASE_URL, else the PGlite data folder) name, runs `fn`, closes it. */
export async function withDatabase<T>(
  options: GlobalOptions,
  logger: Logger,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({
    url: options.databaseUrl ?? process.env.DATABASE_URL,
    dataDir: options.dataDir,
    logger,
  });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Who is applying, as recorded in the revision history. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // containers may run under a uid without a passwd entry
    return `cli:${process.env.USER ?? "unknown"}`;
  }
}
