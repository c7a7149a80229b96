import type { Knex } from "knex";
import { HttpError } from "../../server/http-error.ts";
import type { WritePlan } from "./write-plan.ts";

/**
 * Refuses moving a tree record under itself or one of its descendants: walks up from the new
 * parent (one recursive query) and fails if the walk meets the record. UNION stops on a cycle
 * that somehow exists already.
 */
export async function refuseTreeCycle(
  tx: Knex.Transaction,
  plan: WritePlan,
  id: string,
  parentId: string,
): Promise<void> {
  const { rows } = await tx.raw(
    `WITH RECURSIVE "up" ("id", "parent_id") AS (
       SELECT "id", "parent_id" FROM ${plan.table} WHERE "id" = ?
       UNION
       SELECT t."id", t."parent_id" FROM ${plan.table} t JOIN "up" ON t."id" = "up"."parent_id"
     )
     SELECT 1 FROM "up" WHERE "id" = ? LIMIT 1`,
    [parentId, id],
  );
  if (rows.length > 0)
    throw new HttpError(422, "tree-cycle", "a record cannot be placed under itself", [
      { path: "/parent_id", message: "this parent is the record itself or one of its descendants" },
    ]);
}
