import type { Knex } from "knex";

/**
 * Runs statements that take no parameters (DDL from the planner, the engine's SQL functions).
 * knex turns every `?` into a bind placeholder, even without bindings, so each is escaped; a `\?`
 * cannot survive knex's escaping at all and is refused loudly rather than run altered.
 */
export async function runStatements(conn: Knex, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await conn.raw(escapePlaceholders(sql));
}

export function escapePlaceholders(sql: string): string {
  if (sql.includes("\\?")) {
    throw new Error(`cannot send SQL containing "\\?" through knex: ${sql.slice(0, 200)}`);
  }
  return sql.replaceAll("?", "\\?");
}
