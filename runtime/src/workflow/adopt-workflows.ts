import {
  type AppModel,
  DATA_SCHEMA,
  nodeOf,
  quoteIdent,
  SYSTEM_SCHEMA,
  type Workflow,
} from "@loom/engine";
import type { Knex } from "knex";
import { rememberWorkflow } from "./instances.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/**
 * A new revision's workflows, in the transaction that applies it: their definitions stored (so
 * instances can start on them and keep running on them later), and the instances its `migrate`
 * maps moved onto it. Every other running instance stays on the version it started with.
 */
export async function adoptWorkflows(tx: Knex.Transaction, model: AppModel): Promise<void> {
  for (const workflow of Object.values(model.workflows)) {
    await rememberWorkflow(tx, workflow);
    if (Object.keys(workflow.migrate).length > 0) await migrateInstances(tx, model, workflow);
  }
}

/**
 * Moves the instances of earlier versions resting at a mapped node: to this version and the node
 * it maps to, with their open tasks (cancelled where the new node is no approval) and their
 * records' state field set to the new node's state.
 */
async function migrateInstances(
  tx: Knex.Transaction,
  model: AppModel,
  workflow: Workflow,
): Promise<void> {
  const [from, to] = [Object.keys(workflow.migrate), Object.values(workflow.migrate)];
  const moved = await tx.raw(
    `UPDATE ${S}."workflow_instances" i SET "version" = ?, "node" = m."to_node", "step" = i."step" + 1
     FROM unnest(?::text[], ?::text[]) AS m("from_node", "to_node")
     WHERE i."entity" = ? AND i."version" <> ? AND i."node" = m."from_node"
     RETURNING i."id", i."record_id", i."step", m."to_node"`,
    [workflow.version, from, to, workflow.entity, workflow.version],
  );
  const rows = moved.rows as { id: string; record_id: string; step: number; to_node: string }[];
  if (rows.length === 0) return;
  const approvals = new Set(
    Object.values(workflow.nodes)
      .filter((n) => n.type === "approval")
      .map((n) => n.id),
  );
  // the tasks follow their instance to its new step; a node without tasks cancels them
  await tx.raw(
    `UPDATE ${S}."workflow_tasks" t SET "node" = m."to_node", "step" = m."step",
       "status" = CASE WHEN m."keeps" THEN t."status" ELSE 'cancelled' END
     FROM unnest(?::bigint[], ?::text[], ?::int[], ?::boolean[]) AS m("instance_id", "to_node", "step", "keeps")
     WHERE t."instance_id" = m."instance_id" AND t."step" = m."step" - 1 AND t."status" = 'open'`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.to_node),
      rows.map((r) => r.step),
      rows.map((r) => approvals.has(r.to_node)),
    ],
  );
  const entity = model.entities[workflow.entity]!;
  const column = entity.fields.find((f) => f.name === workflow.stateField)!.column!;
  await tx.raw(
    `UPDATE ${quoteIdent(DATA_SCHEMA)}.${quoteIdent(entity.table)} r
     SET ${quoteIdent(column)} = m."state", "version" = r."version" + 1, "updated_at" = now()
     FROM unnest(?::uuid[], ?::text[]) AS m("id", "state") WHERE r."id" = m."id"`,
    [rows.map((r) => r.record_id), rows.map((r) => stateOf(workflow, r.to_node))],
  );
}

function stateOf(workflow: Workflow, node: string): string {
  const resting = nodeOf(workflow, node);
  if (resting.type !== "state" && resting.type !== "approval")
    throw new Error(`workflow ${workflow.name} migrates to ${node}, which is not a resting node`);
  return resting.state;
}
