import { nodeOf, parseDuration, type Workflow } from "@loom/engine";
import type { Knex } from "knex";
import type { JsonRecord } from "../api/read-records.ts";
import { enqueue } from "../jobs/index.ts";
import { HttpError } from "../server/http-error.ts";
import { resolveAssignees } from "./assignees.ts";
import type { Instance } from "./instances.ts";
import type { WorkflowEnv } from "./take-action.ts";
import { createTasks, type Task } from "./tasks.ts";

/** The job queue that runs SLA timers; its payload is `SlaTimer`. */
export const SLA_QUEUE = "workflow-sla";

export interface SlaTimer {
  readonly entity: string;
  readonly recordId: string;
  readonly instanceId: number;
  readonly step: number;
}

/**
 * Arriving at a resting node: an approval gets one task per assignee (never the requester unless
 * it allows self-approval; nobody left is a 409, so a request never waits on no one) and, with an
 * SLA, a timer job keyed by the step, which does nothing if the instance has moved on by then.
 * Returns the tasks created.
 */
export async function enterNode(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  workflow: Workflow,
  instance: Instance,
  record: JsonRecord,
  now: Date,
): Promise<Task[]> {
  const node = nodeOf(workflow, instance.node);
  if (node.type !== "approval") return [];
  let assignees = await resolveAssignees(tx, node.assignees, {
    model: env.model,
    workflow,
    node: node.id,
    record,
    requester: instance.requester,
  });
  if (!node.selfApproval) assignees = assignees.filter((a) => a !== instance.requester);
  if (assignees.length === 0)
    throw new HttpError(
      409,
      "no-assignee",
      `nobody can take the tasks of ${node.id}: check its assignees and their users`,
      [{ path: `/nodes/${node.id}`, message: "no active user is assigned" }],
    );
  const dueAt = node.sla ? new Date(now.getTime() + parseDuration(node.sla.duration)) : null;
  const tasks = await createTasks(tx, instance, {
    entity: workflow.entity,
    recordId: record.id as string,
    node: node.id,
    assignees,
    dueAt,
    escalated: false,
    now,
  });
  if (dueAt) {
    const timer: SlaTimer = {
      entity: workflow.entity,
      recordId: record.id as string,
      instanceId: instance.id,
      step: instance.step,
    };
    await enqueue(tx, {
      queue: SLA_QUEUE,
      payload: timer,
      runAt: dueAt,
      idempotencyKey: `sla:${instance.id}:${instance.step}`,
    });
  }
  return tasks;
}
