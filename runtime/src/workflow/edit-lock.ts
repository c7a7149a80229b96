import { nodeOf } from "@loom/engine";
import type { Knex } from "knex";
import type { JsonRecord } from "../api/read-records.ts";
import { HttpError } from "../server/http-error.ts";
import { findInstance } from "./instances.ts";
import type { WorkflowSetup } from "./take-action.ts";

/**
 * The check an update of a record under a workflow must pass: every field the body changes must be
 * editable at the node the record rests at (409 `field-locked` at each path otherwise). A field
 * sent with its stored value is no change, and values the server sets (system columns, computed
 * and read-only fields, the state field) are ignored by the update anyway. Undefined for an entity without a workflow.
 */
export function editLock(
  env: WorkflowSetup,
  entity: string,
): ((tx: Knex.Transaction, before: JsonRecord, body: JsonRecord) => Promise<void>) | undefined {
  const current = env.model.workflows[entity];
  const plan = env.plans.get(entity);
  if (!current || !plan) return undefined;
  return async (tx, before, body) => {
    const instance = await findInstance(tx, entity, before.id as string);
    const workflow = instance ? await env.versions.definition(tx, instance.version) : current;
    const node = nodeOf(workflow, instance?.node ?? workflow.initial);
    const editable = new Set(
      node.type === "state" || node.type === "approval" ? node.editable : [],
    );
    const locked = Object.keys(body).filter(
      (key) =>
        !plan.owned.has(key) &&
        !editable.has(key) &&
        JSON.stringify(body[key]) !== JSON.stringify(before[key]),
    );
    if (locked.length > 0)
      throw new HttpError(
        409,
        "field-locked",
        `${entity} ${before.id as string} is at ${node.id}, where ${locked.length === 1 ? "this field is" : "these fields are"} not editable`,
        locked.map((key) => ({ path: `/${key}`, message: `not editable at ${node.id}` })),
        { node: node.id },
      );
  };
}
