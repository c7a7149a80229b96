import { type Labels, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { readByIds } from "../api/read-records.ts";
import { HttpError } from "../server/http-error.ts";
import { writeHistory } from "./history.ts";
import type { WorkflowSetup } from "./take-action.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/** How many open tasks the inbox lists at most, oldest first. */
const INBOX_LIMIT = 500;

export interface InboxTask {
  readonly id: number;
  readonly entity: string;
  readonly recordId: string;
  /** the record's title field value, for the list */
  readonly title: unknown;
  readonly node: string;
  readonly nodeLabels: Labels | null;
  readonly requester: string | null;
  readonly createdAt: string;
  readonly dueAt: string | null;
  readonly escalated: boolean;
  readonly delegatedFrom: string | null;
}

interface TaskRow {
  id: string;
  entity: string;
  record_id: string;
  node: string;
  version: string;
  requester: string | null;
  created_at: Date | string;
  due_at: Date | string | null;
  escalated: boolean;
  delegated_from: string | null;
}

/** The caller's open tasks with their records' titles: one query for the tasks, one per entity. */
export async function inbox(
  conn: Knex,
  env: WorkflowSetup,
  username: string,
): Promise<InboxTask[]> {
  const found = await conn.raw(
    `SELECT t."id", t."entity", t."record_id", t."node", i."version", i."requester", t."created_at",
            t."due_at", t."escalated", t."delegated_from"
     FROM ${S}."workflow_tasks" t JOIN ${S}."workflow_instances" i ON i."id" = t."instance_id"
     WHERE t."assignee" = ? AND t."status" = 'open' ORDER BY t."id" LIMIT ${INBOX_LIMIT}`,
    [username],
  );
  const rows = found.rows as TaskRow[];
  const titles = new Map<string, unknown>();
  for (const entity of new Set(rows.map((r) => r.entity))) {
    const plan = env.plans.get(entity);
    if (!plan) continue;
    const ids = rows.filter((r) => r.entity === entity).map((r) => r.record_id);
    for (const record of await readByIds(conn, plan.read, ids))
      titles.set(`${entity}/${record.id as string}`, record[plan.entity.titleField] ?? null);
  }
  const tasks: InboxTask[] = [];
  for (const row of rows) {
    const workflow = await env.versions.definition(conn, row.version);
    tasks.push({
      id: Number(row.id),
      entity: row.entity,
      recordId: row.record_id,
      title: titles.get(`${row.entity}/${row.record_id}`) ?? null,
      node: row.node,
      nodeLabels: workflow.nodes[row.node]?.labels ?? null,
      requester: row.requester,
      createdAt: new Date(row.created_at).toISOString(),
      dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
      escalated: row.escalated,
      delegatedFrom: row.delegated_from,
    });
  }
  return tasks;
}

export interface Handover {
  readonly taskId: number;
  readonly to: string;
  readonly comment: string | null;
  /** `delegate`: the holder hands their task on; `reassign`: an administrator moves it */
  readonly how: "delegate" | "reassign";
  readonly now: Date;
}

/**
 * Gives an open task to another active user, who must not already hold one of the same step; the
 * history says who handed it to whom. The holder may delegate; only an administrator reassigns
 * (anyone's task).
 */
export async function handOver(
  tx: Knex.Transaction,
  handover: Handover,
  by: { username: string; administrator: boolean },
): Promise<{ id: number; assignee: string; delegatedFrom: string }> {
  const found = await tx.raw(
    `SELECT "id", "instance_id", "entity", "record_id", "node", "step", "assignee", "status"
     FROM ${S}."workflow_tasks" WHERE "id" = ? FOR UPDATE`,
    [handover.taskId],
  );
  const task = found.rows[0];
  const mine = task?.assignee === by.username;
  if (!task || (!mine && !by.administrator))
    throw new HttpError(404, "not-found", `task ${handover.taskId} is not one of yours`);
  if (handover.how === "reassign" && !by.administrator)
    throw new HttpError(403, "forbidden", "reassigning a task needs the administrator role", [], {
      permission: "administrator",
    });
  // an administrator handing on someone else's task reassigns it, whatever the route said
  const how = mine ? handover.how : "reassign";
  if (task.status !== "open")
    throw new HttpError(409, "task-closed", `task ${handover.taskId} is ${task.status as string}`);
  const user = await tx.raw(
    `SELECT "username" FROM ${S}."users" WHERE "active" AND lower("username") = lower(?)`,
    [handover.to],
  );
  if (user.rows.length === 0)
    throw new HttpError(422, "unknown-user", `there is no active user "${handover.to}"`, [
      { path: "/to", message: "not an active user" },
    ]);
  const to = user.rows[0].username as string;
  const holding = await tx.raw(
    `SELECT 1 FROM ${S}."workflow_tasks" WHERE "instance_id" = ? AND "step" = ? AND "status" = 'open' AND "assignee" = ?`,
    [task.instance_id, task.step, to],
  );
  if (holding.rows.length > 0)
    throw new HttpError(409, "already-assigned", `${to} already holds a task of this step`, [
      { path: "/to", message: "already holds a task of this step" },
    ]);
  await tx.raw(
    `UPDATE ${S}."workflow_tasks" SET "assignee" = ?, "delegated_from" = ? WHERE "id" = ?`,
    [to, task.assignee, task.id],
  );
  await writeHistory(
    tx,
    { id: Number(task.instance_id) },
    {
      entity: task.entity,
      recordId: task.record_id,
      action: how,
      comment: handover.comment ?? `to ${to}`,
      now: handover.now,
    },
    { username: by.username },
    task.node,
    task.node,
  );
  return { id: Number(task.id), assignee: to, delegatedFrom: task.assignee };
}

/** Does the user hold a task (open or done) on the record? Such a user may see its workflow. */
export async function holdsTaskOn(
  conn: Knex,
  entity: string,
  recordId: string,
  username: string,
): Promise<boolean> {
  const found = await conn.raw(
    `SELECT 1 FROM ${S}."workflow_tasks" WHERE "entity" = ? AND "record_id" = ? AND "assignee" = ? LIMIT 1`,
    [entity, recordId, username],
  );
  return found.rows.length > 0;
}
