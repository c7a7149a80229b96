import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";
import type { Instance } from "./instances.ts";

const S = `"${SYSTEM_SCHEMA}"`;

export interface Task {
  readonly id: number;
  readonly assignee: string;
  readonly dueAt: Date | null;
  readonly escalated: boolean;
}

const TASK_COLUMNS = `"id", "assignee", "due_at", "escalated"`;
const OPEN = `SELECT ${TASK_COLUMNS} FROM ${S}."workflow_tasks"
  WHERE "instance_id" = ? AND "step" = ? AND "status" = 'open' ORDER BY "id"`;
const OPEN_TASKS = preparedStatement(OPEN);
// the step's counts ride along on each open task: one statement tells a vote whether it decides
const STEP = `FROM ${S}."workflow_tasks" s WHERE s."instance_id" = t."instance_id" AND s."step" = t."step"`;
const LOCK_STEP = preparedStatement(
  `SELECT ${TASK_COLUMNS},
     (SELECT count(*) ${STEP} AND s."outcome" = 'approve') AS approvals,
     (SELECT count(*) ${STEP} AND NOT s."escalated") AS assigned
   FROM ${S}."workflow_tasks" t
   WHERE "instance_id" = ? AND "step" = ? AND "status" = 'open' ORDER BY "id" FOR UPDATE`,
);
const CREATE = preparedStatement(
  `INSERT INTO ${S}."workflow_tasks"
     ("instance_id", "entity", "record_id", "node", "step", "assignee", "status", "due_at", "escalated", "created_at")
   SELECT ?, ?, ?, ?, ?, a, 'open', ?, ?, ? FROM unnest(?::text[]) AS a
   RETURNING ${TASK_COLUMNS}`,
);
const SETTLE = preparedStatement(
  `UPDATE ${S}."workflow_tasks" SET
     "status" = CASE WHEN "id" = ? THEN 'done' ELSE 'cancelled' END,
     "outcome" = CASE WHEN "id" = ? THEN ? END,
     "comment" = CASE WHEN "id" = ? THEN ? END,
     "acted_by" = CASE WHEN "id" = ? THEN ? END,
     "acted_at" = ?
   WHERE "instance_id" = ? AND "step" = ? AND "status" = 'open' AND ("id" = ? OR ?)`,
);

interface TaskRow {
  id: string;
  assignee: string;
  due_at: Date | string | null;
  escalated: boolean;
}

function taskOf(row: TaskRow): Task {
  return {
    id: Number(row.id),
    assignee: row.assignee,
    dueAt: row.due_at === null ? null : new Date(row.due_at),
    escalated: row.escalated,
  };
}

/** The open tasks of the instance's current step. */
export async function openTasks(conn: Knex, instance: Instance): Promise<Task[]> {
  const rows = await runStatement(conn, OPEN_TASKS, [instance.id, instance.step]);
  return (rows as unknown as TaskRow[]).map(taskOf);
}

/** The step's open tasks, locked so an action settles each once, and its approvals so far. */
export interface LockedStep {
  readonly tasks: readonly Task[];
  readonly approvals: number;
  /** how many assignees the step started with (escalations add helpers, not votes needed) */
  readonly assigned: number;
}

export async function lockStep(tx: Knex.Transaction, instance: Instance): Promise<LockedStep> {
  const rows = (await runStatement(tx, LOCK_STEP, [
    instance.id,
    instance.step,
  ])) as unknown as (TaskRow & {
    approvals: string;
    assigned: string;
  })[];
  return {
    tasks: rows.map(taskOf),
    approvals: Number(rows[0]?.approvals ?? 0),
    assigned: Number(rows[0]?.assigned ?? 0),
  };
}

export interface NewTasks {
  readonly entity: string;
  readonly recordId: string;
  readonly node: string;
  readonly assignees: readonly string[];
  readonly dueAt: Date | null;
  readonly escalated: boolean;
  readonly now: Date;
}

/** One open task per assignee at the instance's current step, in one statement. */
export async function createTasks(
  tx: Knex.Transaction,
  instance: Instance,
  tasks: NewTasks,
): Promise<Task[]> {
  if (tasks.assignees.length === 0) return [];
  const created = await runStatement(tx, CREATE, [
    instance.id,
    tasks.entity,
    tasks.recordId,
    tasks.node,
    instance.step,
    tasks.dueAt,
    tasks.escalated,
    tasks.now,
    [...tasks.assignees],
  ]);
  return (created as unknown as TaskRow[]).map(taskOf);
}

export interface Settlement {
  /** the acting user's task, done with `outcome` */
  readonly taskId?: number;
  readonly outcome: string;
  readonly actor: string | null;
  readonly comment: string | null;
  readonly at: Date;
  /** cancel the step's other open tasks (the node is left) */
  readonly closeOthers: boolean;
}

/** Marks the actor's task done and, when the node is left, cancels the rest: one statement. */
export async function settleTasks(
  tx: Knex.Transaction,
  instance: Instance,
  settlement: Settlement,
): Promise<void> {
  const { taskId, outcome, actor, comment, at, closeOthers } = settlement;
  if (taskId === undefined && !closeOthers) return;
  const task = taskId ?? 0;
  await runStatement(tx, SETTLE, [
    task,
    task,
    outcome,
    task,
    comment,
    task,
    actor,
    at,
    instance.id,
    instance.step,
    task,
    closeOthers,
  ]);
}
