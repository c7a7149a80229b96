import { createHash } from "node:crypto";
import type { Knex } from "knex";

/**
 * A statement run under a name, so that each database session parses and plans it once instead
 * of on every request (most of what a short read costs the database).
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Names `text` after its hash and `resultShape`. A session keeps a prepared statement for its
 * life, and PostgreSQL refuses to run one whose result columns changed type under it: a statement
 * that returns an entity's columns passes that entity's shape (see ReadPlan), so a publish that
 * changes a column's type gives the statement a new name rather than an error.
 */
export function preparedStatement(text: string, resultShape = ""): PreparedStatement {
  const hash = createHash("sha256").update(resultShape).update("\0").update(text);
  return { name: `loom_${hash.digest("hex").slice(0, 32)}`, text };
}

/**
 * How many distinct request-built texts (a list's `where` and sort, the links a record names) a
 * process prepares. Plans' own statements are finitely many; these vary with what callers send,
 * and every session would keep each one it met: past the budget they run unnamed.
 */
export const REQUEST_STATEMENT_BUDGET = 256;
const requestStatements = new Map<string, PreparedStatement>();

/** A statement built for one request: prepared while the budget lasts (see above), else plain. */
export function requestStatement(
  text: string,
  resultShape = "",
): PreparedStatement | { readonly text: string } {
  const key = `${resultShape}\0${text}`;
  let statement = requestStatements.get(key);
  if (!statement) {
    if (requestStatements.size >= REQUEST_STATEMENT_BUDGET) return { text };
    statement = preparedStatement(text, resultShape);
    requestStatements.set(key, statement);
  }
  return statement;
}

/** The rows of a statement, named when it is prepared; bindings are `unknown` as queryRows' are. */
export async function runStatement(
  conn: Knex,
  statement: PreparedStatement | { readonly text: string },
  bindings: readonly unknown[],
): Promise<Record<string, unknown>[]> {
  const query = conn.raw(statement.text, bindings as Knex.RawBinding[]);
  return (await ("name" in statement ? query.options({ name: statement.name }) : query)).rows;
}
