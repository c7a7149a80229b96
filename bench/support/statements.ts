import type { Knex } from "knex";
import type { Database } from "../../runtime/src/db/database.ts";

export interface Statement {
  sql: string;
  bindings: readonly Knex.RawBinding[];
}

/**
 * The statements knex sends while `work` runs, from its `query` event on the gateway's knex
 * (transaction control included: knex reports BEGIN and COMMIT as queries too), and the time taken.
 */
export async function recordStatements(
  db: Database,
  work: () => Promise<void>,
): Promise<{ statements: Statement[]; ms: number }> {
  const knex = await db.run(async (k) => k);
  const statements: Statement[] = [];
  const listener = (query: { sql: string; bindings?: readonly Knex.RawBinding[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on("query", listener);
  const started = performance.now();
  try {
    await work();
    return { statements, ms: performance.now() - started };
  } finally {
    knex.off("query", listener);
  }
}

/** `BEGIN, SELECT ×3, INSERT, COMMIT`: each statement by its first keyword, runs of one counted. */
export function statementKinds(statements: readonly Statement[]): string {
  const kinds: { kind: string; count: number }[] = [];
  for (const { sql } of statements) {
    const kind = (sql.trim().match(/^[a-z]+/i)?.[0] ?? "?").toUpperCase();
    const last = kinds.at(-1);
    if (last?.kind === kind) last.count++;
    else kinds.push({ kind, count: 1 });
  }
  return kinds.map(({ kind, count }) => (count > 1 ? `${kind} ×${count}` : kind)).join(", ");
}
