import path from "node:path";
import type { Database, DatabaseOptions } from "./database.ts";
import { openPglite } from "./open-pglite.ts";
import { openPostgres } from "./open-postgres.ts";

export const DEFAULT_DATA_DIR = ".loom/data";

/**
 * Opens the server at `url` when given, else PGlite in the data folder. DATABASE_URL is not read
 * here on purpose: the caller (the CLI, a test) decides which database it means.
 */
export function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.logger);
  return openPglite(resolveDataDir(options.dataDir), options.logger);
}

/** The given folder, else LOOM_DATA_DIR, else `./.loom/data`, as an absolute path. */
export function resolveDataDir(dataDir?: string): string {
  return path.resolve(dataDir || process.env.LOOM_DATA_DIR || DEFAULT_DATA_DIR);
}
