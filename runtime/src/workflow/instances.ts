import { SYSTEM_SCHEMA, type Workflow } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/** Where a record is in its workflow: the resting node, of the version the instance runs. */
export interface Instance {
  readonly id: number;
  readonly version: string;
  readonly node: string;
  /** how many moves the instance made: tasks and timers belong to one step */
  readonly step: number;
  /** who last moved the record out of a state node (submitted it): the one approvals are for */
  readonly requester: string | null;
  readonly enteredAt: Date;
}

const COLUMNS = `"id", "version", "node", "step", "requester", "entered_at"`;
const WHERE_RECORD = `FROM ${S}."workflow_instances" WHERE "entity" = ? AND "record_id" = ?`;
const LOCK = preparedStatement(`SELECT ${COLUMNS} ${WHERE_RECORD} FOR UPDATE`);
const FIND = preparedStatement(`SELECT ${COLUMNS} ${WHERE_RECORD}`);
// a concurrent first action inserts too: the loser's DO UPDATE waits for the winner's row and
// locks it, so both end up with the one instance, locked, in a single statement
const CREATE = preparedStatement(
  `INSERT INTO ${S}."workflow_instances" ("entity", "record_id", "version", "node", "entered_at")
   VALUES (?, ?, ?, ?, ?)
   ON CONFLICT ("entity", "record_id") DO UPDATE SET "node" = ${S}."workflow_instances"."node"
   RETURNING ${COLUMNS}`,
);
// the move and its line of history in one statement
const MOVE = preparedStatement(
  `WITH "moved" AS (
     UPDATE ${S}."workflow_instances" SET "node" = ?, "step" = "step" + 1, "requester" = ?, "entered_at" = ?
     WHERE "id" = ? RETURNING "id", "entity", "record_id")
   INSERT INTO ${S}."workflow_history" ("instance_id", "entity", "record_id", "action", "from_node", "to_node", "actor", "comment", "at")
   SELECT "id", "entity", "record_id", ?, ?, ?, ?, ?, ? FROM "moved"`,
);

/**
 * The record's instance, locked for the rest of the transaction (so two actions on one record run
 * one after the other); created at the workflow's initial node on the record's first action.
 */
export async function lockInstance(
  tx: Knex.Transaction,
  versions: WorkflowVersions,
  workflow: Workflow,
  recordId: string,
  now: Date,
): Promise<Instance> {
  const [found] = await runStatement(tx, LOCK, [workflow.entity, recordId]);
  if (found) return instanceOf(found as unknown as InstanceRow);
  await versions.remember(tx, workflow);
  const [created] = await runStatement(tx, CREATE, [
    workflow.entity,
    recordId,
    workflow.version,
    workflow.initial,
    now,
  ]);
  return instanceOf(created as unknown as InstanceRow);
}

/** The record's instance without locking it, or null before its first action. */
export async function findInstance(
  conn: Knex,
  entity: string,
  recordId: string,
): Promise<Instance | null> {
  const [found] = await runStatement(conn, FIND, [entity, recordId]);
  return found ? instanceOf(found as unknown as InstanceRow) : null;
}

/** Moves the instance to its next step at `to`, writing the history line of the action that moved it. */
export async function moveInstance(
  tx: Knex.Transaction,
  instance: Instance,
  to: { node: string; requester: string | null; at: Date },
  by: { action: string; actor: string | null; comment: string | null },
): Promise<Instance> {
  await runStatement(tx, MOVE, [
    to.node,
    to.requester,
    to.at,
    instance.id,
    by.action,
    instance.node,
    to.node,
    by.actor,
    by.comment,
    to.at,
  ]);
  return {
    ...instance,
    node: to.node,
    step: instance.step + 1,
    requester: to.requester,
    enteredAt: to.at,
  };
}

interface InstanceRow {
  id: string | number;
  version: string;
  node: string;
  step: number;
  requester: string | null;
  entered_at: Date | string;
}

function instanceOf(row: InstanceRow): Instance {
  return {
    id: Number(row.id),
    version: row.version,
    node: row.node,
    step: row.step,
    requester: row.requester,
    enteredAt: new Date(row.entered_at),
  };
}

/**
 * The definitions of every workflow version instances run: the current ones from the model, older
 * ones from `workflow_versions` (immutable, so each is read once per process).
 */
export interface WorkflowVersions {
  /** stores the definition of `workflow` if this database does not have it yet */
  remember(tx: Knex, workflow: Workflow): Promise<void>;
  definition(conn: Knex, version: string): Promise<Workflow>;
}

export function workflowVersions(current: readonly Workflow[]): WorkflowVersions {
  const known = new Map<string, Workflow>(current.map((w) => [w.version, w]));
  const stored = new Set<string>();
  return {
    async remember(tx, workflow) {
      if (stored.has(workflow.version)) return;
      await rememberWorkflow(tx, workflow);
      stored.add(workflow.version);
    },
    async definition(conn, version) {
      const cached = known.get(version);
      if (cached) return cached;
      const found = await conn.raw(
        `SELECT "definition" FROM ${S}."workflow_versions" WHERE "version" = ?`,
        [version],
      );
      if (found.rows.length === 0) throw new Error(`workflow version ${version} is not stored`);
      const workflow = found.rows[0].definition as Workflow;
      known.set(version, workflow);
      return workflow;
    },
  };
}

export async function rememberWorkflow(tx: Knex, workflow: Workflow): Promise<void> {
  await tx.raw(
    `INSERT INTO ${S}."workflow_versions" ("version", "entity", "name", "definition")
     VALUES (?, ?, ?, ?) ON CONFLICT ("version") DO NOTHING`,
    [workflow.version, workflow.entity, workflow.name, JSON.stringify(workflow)],
  );
}
