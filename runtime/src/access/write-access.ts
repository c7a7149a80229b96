import type { Knex } from "knex";
import type { SqlPart } from "../api/keyset.ts";
import { R, type ReadPlan } from "../api/read-plan.ts";
import { type JsonRecord, queryRows, readRecord } from "../api/read-records.ts";
import type { WritePlan } from "../api/write/write-plan.ts";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";
import type { Reader } from "./reader.ts";

/**
 * What a create or update of `plan`'s entity may do: 403 `forbidden` when the roles do not give
 * the action, 403 `field-forbidden` at each field of the body they may not set (line fields
 * included: `/lines/2/unit_price`). Returns the action's row scope (undefined: every row), which
 * the written record must be in.
 */
export function writeScope(
  reader: Reader,
  plan: WritePlan,
  action: "create" | "update",
  body: JsonRecord,
): SqlPart | undefined {
  const entity = plan.entity.name;
  const scope = reader.scope(entity, action);
  const notWritable = reader.view.permissions.entity(entity).notWritable[action];
  if (notWritable.size > 0) {
    const details = forbiddenFields(plan, body, notWritable, "", "");
    if (details.length > 0)
      throw new HttpError(
        403,
        "field-forbidden",
        `your roles may not set ${details.length === 1 ? "this field" : "these fields"} of ${entity}`,
        details,
      );
  }
  return scope;
}

function forbiddenFields(
  plan: WritePlan,
  record: JsonRecord,
  notWritable: ReadonlySet<string>,
  prefix: string,
  pointer: string,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(record)) {
    const path = `${prefix}${key}`;
    if (notWritable.has(path)) {
      details.push({ path: `${pointer}/${key}`, message: `your roles may not set ${path}` });
      continue;
    }
    const table = plan.tables.find((t) => t.field === key);
    if (!table || !Array.isArray(value)) continue;
    value.forEach((line, i) => {
      // a malformed line is the validator's to report, after this
      if (typeof line !== "object" || line === null || Array.isArray(line)) return;
      details.push(
        ...forbiddenFields(
          table.child,
          line as JsonRecord,
          notWritable,
          `${path}.`,
          `${pointer}/${key}/${i}`,
        ),
      );
    });
  }
  return details;
}

/**
 * Refuses (403 `outside-scope`, rolling the transaction back) a written record that is not in the
 * action's scope: a sales rep may not create an order for someone else, nor hand theirs over.
 */
export async function requireInScope(
  tx: Knex,
  plan: WritePlan,
  id: string,
  scope: SqlPart,
  action: "create" | "update",
): Promise<void> {
  if (!(await idsInScope(tx, plan, [id], scope)).has(id))
    throw new HttpError(
      403,
      "outside-scope",
      `the ${plan.entity.name} would be outside the records your roles may ${action}`,
      [],
      { permission: `${plan.entity.name}.${action}` },
    );
}

/**
 * Which of these written records are in the action's scope, in one query: requireInScope's
 * check for a batch of imported rows.
 */
export async function idsInScope(
  tx: Knex,
  plan: WritePlan,
  ids: readonly string[],
  scope: SqlPart,
): Promise<Set<string>> {
  const rows = await queryRows(
    tx,
    `SELECT ${R}."id" AS "id" FROM ${plan.read.from} WHERE ${R}."id" = ANY(?::uuid[]) AND (${scope.sql})`,
    [[...ids], ...scope.params],
  );
  return new Set(rows.map((row) => row.id as string));
}

/**
 * The answer for a record an update or delete cannot see in its scope: 403 naming the permission
 * if the writer may read it, else 404 (they learn nothing of it). Without a scope it is simply gone.
 */
export async function missingOrForbidden(
  tx: Knex,
  plan: ReadPlan,
  id: string,
  action: "update" | "delete",
  scopes: {
    readonly scope?: SqlPart;
    /** reading's scope (undefined: every row), null when the roles may not read */
    readonly readScope?: SqlPart | undefined | null;
  },
): Promise<HttpError> {
  const { scope, readScope } = scopes;
  const name = plan.entity.name;
  if (!scope || readScope === null || !(await readRecord(tx, plan, id, readScope)))
    return new HttpError(404, "not-found", `${name} ${id} does not exist`);
  return new HttpError(
    403,
    "outside-scope",
    `your roles may read this ${name} but not ${action} it`,
    [],
    {
      permission: `${name}.${action}`,
    },
  );
}
