import { nodeOf } from "@loom/engine";
import type { Knex } from "knex";
import { readRecord } from "../api/read-records.ts";
import { resolveAssignees } from "./assignees.ts";
import type { SlaTimer } from "./enter-node.ts";
import { writeHistory } from "./history.ts";
import { lockInstance } from "./instances.ts";
import { takeAction, type WorkflowActor, type WorkflowEnv } from "./take-action.ts";
import { createTasks, lockStep } from "./tasks.ts";

/** The system as an actor: SLA actions are taken by no one in particular. */
export const SYSTEM_ACTOR: WorkflowActor = {
  username: null,
  roles: [],
  administrator: true,
  granted: new Set(),
  user: {},
  readScope: undefined,
};

/**
 * An SLA timer ran out (a job, run in the transaction that completes it, so it takes effect once):
 * if the instance is still at the step the timer was set for, the node's SLA action is taken, or
 * its escalation assignees get tasks of their own next to the open ones. A timer for a step the
 * instance has left does nothing.
 */
export async function runSlaTimer(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  timer: SlaTimer,
  now: Date,
): Promise<void> {
  const current = env.model.workflows[timer.entity];
  if (!current) return;
  const instance = await lockInstance(tx, env.versions, current, timer.recordId, now);
  if (instance.id !== timer.instanceId || instance.step !== timer.step) return;
  const workflow = await env.versions.definition(tx, instance.version);
  const node = nodeOf(workflow, instance.node);
  if (node.type !== "approval" || !node.sla) return;
  const comment = `no decision within ${node.sla.duration}`;
  if (node.sla.action) {
    await takeAction(tx, env, SYSTEM_ACTOR, {
      entity: timer.entity,
      recordId: timer.recordId,
      action: node.sla.action,
      comment,
      now,
    });
    return;
  }
  const plan = env.plans.get(timer.entity)!;
  const record = await readRecord(tx, plan.read, timer.recordId);
  if (!record) return;
  const holders = new Set((await lockStep(tx, instance)).tasks.map((t) => t.assignee));
  const assignees = await resolveAssignees(tx, node.sla.escalateTo ?? [], {
    model: env.model,
    workflow,
    node: node.id,
    record,
    requester: instance.requester,
  });
  await createTasks(tx, instance, {
    entity: workflow.entity,
    recordId: timer.recordId,
    node: node.id,
    assignees: assignees.filter(
      (a) => !holders.has(a) && (node.selfApproval || a !== instance.requester),
    ),
    dueAt: null,
    escalated: true,
    now,
  });
  await writeHistory(
    tx,
    instance,
    { entity: timer.entity, recordId: timer.recordId, action: "escalate", comment, now },
    SYSTEM_ACTOR,
    node.id,
    node.id,
  );
}
