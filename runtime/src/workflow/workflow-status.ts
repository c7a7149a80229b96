import { actionEdges, actionsAt, type Labels, nodeOf, type Workflow } from "@loom/engine";
import type { Knex } from "knex";
import type { Reader } from "../access/reader.ts";
import { actorOf } from "./caller.ts";
import { type HistoryEntry, readHistory } from "./history.ts";
import { findInstance, type Instance } from "./instances.ts";
import { mayTake, type WorkflowActor, type WorkflowSetup } from "./take-action.ts";
import { openTasks, type Task } from "./tasks.ts";

/** Where a record is in its workflow, what the caller may do there, and what happened so far. */
export interface WorkflowStatus {
  readonly workflow: string;
  readonly version: string;
  readonly node: { readonly id: string; readonly type: string; readonly labels: Labels };
  readonly step: number;
  readonly requester: string | null;
  readonly enteredAt: string | null;
  /** fields a PATCH may change here */
  readonly editable: readonly string[];
  readonly tasks: readonly {
    id: number;
    assignee: string;
    dueAt: string | null;
    escalated: boolean;
  }[];
  /** the actions the caller may name now (their guards are checked when taken) */
  readonly actions: readonly string[];
  /** in the status read on its own; an action's answer leaves it out */
  readonly history?: readonly HistoryEntry[];
}

/** Where the record is, from what the caller already holds: no query. */
export function statusOf(
  workflow: Workflow,
  instance: Instance | null,
  tasks: readonly Task[],
  actor: WorkflowActor,
  history?: readonly HistoryEntry[],
): WorkflowStatus {
  const node = nodeOf(workflow, instance?.node ?? workflow.initial);
  const holdsTask = tasks.some((t) => t.assignee === actor.username);
  const actions = actionsAt(workflow, node.id).filter((action) =>
    mayTake(
      actor,
      node,
      actionEdges(workflow, node.id, action),
      instance?.requester ?? null,
      holdsTask,
    ),
  );
  return {
    workflow: workflow.name,
    version: workflow.version,
    node: { id: node.id, type: node.type, labels: node.labels },
    step: instance?.step ?? 0,
    requester: instance?.requester ?? null,
    enteredAt: instance ? instance.enteredAt.toISOString() : null,
    editable: node.type === "state" || node.type === "approval" ? node.editable : [],
    tasks: tasks.map((t) => ({
      id: t.id,
      assignee: t.assignee,
      dueAt: t.dueAt ? t.dueAt.toISOString() : null,
      escalated: t.escalated,
    })),
    actions,
    ...(history ? { history } : {}),
  };
}

/** Where the record is, read from the database. */
export async function workflowStatus(
  conn: Knex,
  env: WorkflowSetup,
  reader: Reader,
  entity: string,
  recordId: string,
): Promise<WorkflowStatus> {
  const instance = await findInstance(conn, entity, recordId);
  const workflow = instance
    ? await env.versions.definition(conn, instance.version)
    : env.model.workflows[entity]!;
  const tasks = instance ? await openTasks(conn, instance) : [];
  const history = await readHistory(conn, entity, recordId);
  return statusOf(workflow, instance, tasks, actorOf(reader, entity), history);
}
