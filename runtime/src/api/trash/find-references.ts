import { type AppModel, DATA_SCHEMA, type Entity, quoteIdent } from "@loom/engine";
import type { Knex } from "knex";
import type { ErrorDetail } from "../../server/http-error.ts";
import { R } from "../read-plan.ts";
import { queryRows } from "../read-records.ts";

/** One column somewhere in the model that can point at records of a given entity. */
export interface ReferenceCheck {
  /** `/<entity>/<field>`, through the table fields for a link on a line: `/sales_order/lines/item` */
  readonly path: string;
  /** binds (target id, target id): the ids of the top-level records referring to it, and how many */
  readonly sql: string;
}

/** How many referring records a check counts before it says "more than". */
const COUNT_CAP = 1000;
/** How many of them an error names. */
const EXAMPLES = 3;

/**
 * For every entity, the checks of every link pointing at it (and of a tree's parent_id), compiled
 * once per model. Every link counts, `onDelete: "set-null"` ones too: clearing them would change
 * other records behind their audit trail, and a restore could not put them back.
 */
export function compileReferenceChecks(
  model: AppModel,
): ReadonlyMap<string, readonly ReferenceCheck[]> {
  const checks = new Map<string, ReferenceCheck[]>();
  const add = (target: string, check: ReferenceCheck) => {
    const list = checks.get(target) ?? [];
    list.push(check);
    checks.set(target, list);
  };
  for (const entity of Object.values(model.entities)) {
    if (entity.type === "tree")
      add(entity.name, referenceCheck(model, entity, "parent_id", "parent_id"));
    for (const field of entity.fields) {
      if (field.type === "link" && field.target !== undefined && field.column !== undefined)
        add(field.target, referenceCheck(model, entity, field.name, field.column));
    }
  }
  return checks;
}

/**
 * A link on a line refers on behalf of the line's top-level record: the SQL joins up the
 * parent chain and reports distinct top-level ids, leaving out the target itself (a record
 * pointing at itself, or its own lines doing so, goes away with it).
 */
function referenceCheck(
  model: AppModel,
  entity: Entity,
  fieldName: string,
  column: string,
): ReferenceCheck {
  const table = (e: Entity) => `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(e.table)}`;
  const path: string[] = [fieldName];
  const joins: string[] = [];
  let top = entity;
  let alias = R;
  for (let level = 1; top.parent; level++) {
    const parent = model.entities[top.parent.entity];
    if (!parent) throw new Error(`the model has no entity ${top.parent.entity}`);
    const parentAlias = quoteIdent(`p${level}`);
    joins.push(
      `JOIN ${table(parent)} ${parentAlias} ON ${parentAlias}."id" = ${alias}."parent_id"`,
    );
    path.unshift(top.parent.field);
    top = parent;
    alias = parentAlias;
  }
  path.unshift(top.name);
  const refs = `SELECT DISTINCT ${alias}."id" AS "id" FROM ${table(entity)} ${R} ${joins.join(" ")}
    WHERE ${R}.${quoteIdent(column)} = ? AND ${alias}."id" <> ? LIMIT ${COUNT_CAP + 1}`;
  return {
    path: `/${path.join("/")}`,
    sql: `WITH "refs" AS (${refs})
      SELECT "id", (SELECT count(*) FROM "refs") AS "n" FROM "refs" ORDER BY "id" LIMIT ${EXAMPLES}`,
  };
}

/** One detail per referring link that has records, e.g. "2 record(s), e.g. <id>, <id>". */
export async function findReferences(
  tx: Knex,
  checks: readonly ReferenceCheck[],
  id: string,
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  for (const check of checks) {
    const rows = await queryRows(tx, check.sql, [id, id]);
    if (rows.length === 0) continue;
    const n = Number(rows[0]!.n);
    const count = n > COUNT_CAP ? `more than ${COUNT_CAP}` : String(n);
    const ids = rows.map((row) => row.id as string).join(", ");
    details.push({ path: check.path, message: `${count} record(s), e.g. ${ids}` });
  }
  return details;
}
