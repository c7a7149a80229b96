import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import type { Instance } from "./instances.ts";

const S = `"${SYSTEM_SCHEMA}"`;

export interface Task {
  readonly id: number;
  readonly assignee: string;
  readonly dueAt: Date | null;
  readonly escalated: boolean;
}

const TASK_COLUMNS = `"id", "assignee", "due_at", "escalated"`;

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

/**
 * The open tasks of the instance's current step; locked when an action is to settle them, so
 * each is settled once.
 */
export async function openTasks(
  conn: Knex,
  instance: Instance,
  options: { lock: boolean },
): Promise<Task[]> {
  const found = await conn.raw(
    `SELECT ${TASK_COLUMNS} FROM ${S}."workflow_tasks"
     WHERE "instance_id" = ? AND "step" = ? AND "status" = 'open' ORDER BY "id"${options.lock ? " FOR UPDATE" : ""}`,
    [instance.id, instance.step],
  );
  return (found.rows as TaskRow[]).map(taskOf);
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
  const created = await tx.raw(
    `INSERT INTO ${S}."workflow_tasks"
       ("instance_id", "entity", "record_id", "node", "step", "assignee", "status", "due_at", "escalated", "created_at")
     SELECT ?, ?, ?, ?, ?, a, 'open', ?, ?, ? FROM unnest(?::text[]) AS a
     RETURNING ${TASK_COLUMNS}`,
    [
      instance.id,
      tasks.entity,
      tasks.recordId,
      tasks.node,
      instance.step,
      tasks.dueAt,
      tasks.escalated,
      tasks.now,
      [...tasks.assignees],
    ],
  );
  return (created.rows as TaskRow[]).map(taskOf);
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
  await tx.raw(
    `UPDATE ${S}."workflow_tasks" SET
       "status" = CASE WHEN "id" = ? THEN 'done' ELSE 'cancelled' END,
       "outcome" = CASE WHEN "id" = ? THEN ? END,
       "comment" = CASE WHEN "id" = ? THEN ? END,
       "acted_by" = CASE WHEN "id" = ? THEN ? END,
       "acted_at" = ?
     WHERE "instance_id" = ? AND "step" = ? AND "status" = 'open' AND ("id" = ? OR ?)`,
    [
      taskId ?? 0,
      taskId ?? 0,
      outcome,
      taskId ?? 0,
      comment,
      taskId ?? 0,
      actor,
      at,
      instance.id,
      instance.step,
      taskId ?? 0,
      closeOthers,
    ],
  );
}

/**
 * Marks the actor's task done with an approval and counts, in the same statement, the approvals
 * at the step (this one included: the count reads the step as it was before the update) and how
 * many assignees the step started with (escalations add helpers, not votes needed).
 */
export async function castVote(
  tx: Knex.Transaction,
  instance: Instance,
  vote: Omit<Settlement, "closeOthers"> & { taskId: number },
): Promise<{ approvals: number; assigned: number }> {
  const found = await tx.raw(
    `WITH "cast" AS (
       UPDATE ${S}."workflow_tasks" SET "status" = 'done', "outcome" = ?, "comment" = ?, "acted_by" = ?, "acted_at" = ?
       WHERE "id" = ? RETURNING "id")
     SELECT count(*) FILTER (WHERE "outcome" = 'approve' OR "id" IN (SELECT "id" FROM "cast")) AS approvals,
            count(*) FILTER (WHERE NOT "escalated") AS assigned
     FROM ${S}."workflow_tasks" WHERE "instance_id" = ? AND "step" = ?`,
    [vote.outcome, vote.comment, vote.actor, vote.at, vote.taskId, instance.id, instance.step],
  );
  return { approvals: Number(found.rows[0].approvals), assigned: Number(found.rows[0].assigned) };
}
