import {
  type AppModel,
  actionEdges,
  type EvalContext,
  guardHolds,
  nodeOf,
  routeFrom,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from "@loom/engine";
import type { Knex } from "knex";
import type { SqlPart } from "../api/keyset.ts";
import type { ReadPlan } from "../api/read-plan.ts";
import { type JsonRecord, readRecord } from "../api/read-records.ts";
import type { Language } from "../api/write/accept-language.ts";
import { mergedRecord } from "../api/write/build-record.ts";
import type { WritePlan, WritePlans } from "../api/write/write-plan.ts";
import { saveUpdate } from "../api/write/write-record.ts";
import {
  type ParameterValues,
  storedParameterValues,
  valuesInForce,
} from "../packages/parameters.ts";
import { HttpError } from "../server/http-error.ts";
import { applyEffects } from "./effects.ts";
import { enterNode } from "./enter-node.ts";
import { writeHistory } from "./history.ts";
import { type Instance, lockInstance, moveInstance, type WorkflowVersions } from "./instances.ts";
import { actionNotAvailable } from "./refusals.ts";
import { lockStep, settleTasks, type Task } from "./tasks.ts";

/** Who takes an action: a signed-in user, or the system (an SLA running out) with `username` null. */
export interface WorkflowActor {
  readonly username: string | null;
  readonly roles: readonly string[];
  readonly administrator: boolean;
  /** the workflow actions the actor's roles grant on the entity */
  readonly granted: ReadonlySet<string>;
  /** `$user` of guards */
  readonly user: Readonly<Record<string, unknown>>;
  /** the actor's read scope on the entity: undefined every row, null none */
  readonly readScope: SqlPart | undefined | null;
}

/** What the workflow engine works with: one revision's model and plans. */
export interface WorkflowSetup {
  readonly model: AppModel;
  readonly plans: WritePlans;
  readonly versions: WorkflowVersions;
}

/** …and the language rule messages are written in, the caller's. */
export interface WorkflowEnv extends WorkflowSetup {
  readonly language: Language;
}

export interface ActionRequest {
  readonly entity: string;
  readonly recordId: string;
  readonly action: string;
  readonly comment: string | null;
  readonly now: Date;
}

export interface ActionResult {
  readonly record: JsonRecord;
  readonly instance: Instance;
  readonly workflow: Workflow;
  /** false when an approval was counted but the node needs more */
  readonly moved: boolean;
  /** the open tasks of the instance's step now */
  readonly tasks: readonly Task[];
}

/**
 * Takes a user action on a record, in the caller's transaction: the instance is locked, the
 * action checked (known here 409, allowed for the actor 403, guard 409), then either an approval
 * is counted or the instance moves: tasks settled, the route followed through decisions and
 * actions, the record's state field and `set` values written (audited), the next node's tasks
 * and timers created, the history written. Anything refused throws before the first write.
 */
export async function takeAction(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  actor: WorkflowActor,
  request: ActionRequest,
): Promise<ActionResult> {
  const current = env.model.workflows[request.entity];
  const plan = env.plans.get(request.entity);
  if (!current || !plan)
    throw new HttpError(404, "no-workflow", `${request.entity} has no workflow`);
  const { record: before, readable } = await readForAction(tx, plan.read, request, actor);
  let instance = await lockInstance(tx, env.versions, current, request.recordId, request.now);
  const workflow = await env.versions.definition(tx, instance.version);
  const node = nodeOf(workflow, instance.node);
  const edges = actionEdges(workflow, node.id, request.action);
  if (edges.length === 0) throw actionNotAvailable(workflow, node.id, request);
  const step = node.type === "approval" ? await lockStep(tx, instance) : undefined;
  const tasks = step?.tasks ?? [];
  const task = tasks.find((t) => t.assignee === actor.username);
  requireAllowed(request, actor, node, edges, instance, task, readable);
  const context: EvalContext & { now: Date } = {
    user: actor.user,
    now: request.now,
    params: await workflowParameters(tx, env.model),
  };
  const edge = edges.find((e) => guardHolds(e, before, context));
  if (!edge)
    throw new HttpError(
      409,
      "guard-failed",
      `${request.action} is not possible now: its condition does not hold`,
      edges.map((e) => ({
        path: `/edges/${e.id}`,
        message: `the condition of edge ${e.id} is false`,
      })),
    );
  if (edge.commentRequired && !request.comment)
    throw new HttpError(400, "comment-required", `${request.action} needs a comment`, [
      { path: "/comment", message: "required" },
    ]);

  if (node.type === "approval" && request.action === "approve" && task && step) {
    if (step.approvals + 1 < approvalsNeeded(node.mode, step.assigned)) {
      await settleTasks(tx, instance, { ...settlement(request, actor, task), closeOthers: false });
      await writeHistory(tx, instance, request, actor, node.id, node.id);
      const open = tasks.filter((t) => t !== task);
      return { record: before, instance, workflow, moved: false, tasks: open };
    }
  }
  if (tasks.length > 0)
    await settleTasks(tx, instance, { ...settlement(request, actor, task), closeOthers: true });

  const route = routeFrom(workflow, edge, before, context);
  const resting = nodeOf(workflow, route.restingAt);
  const requester = node.type === "state" ? actor.username : instance.requester;
  instance = await moveInstance(
    tx,
    instance,
    { node: resting.id, requester, at: request.now },
    {
      ...request,
      actor: actor.username,
    },
  );
  const record = await writeMove(
    tx,
    env,
    plan,
    workflow,
    before,
    route.changes,
    resting,
    actor,
    request.now,
  );
  await applyEffects(tx, env, workflow, instance, route.effects, context, actor.username);
  const created = await enterNode(tx, env, workflow, instance, record, request.now);
  return { record, instance, workflow, moved: true, tasks: created };
}

function settlement(request: ActionRequest, actor: WorkflowActor, task: Task | undefined) {
  return {
    taskId: task?.id,
    outcome: request.action,
    actor: actor.username,
    comment: request.comment,
    at: request.now,
  };
}

/**
 * An edge marked `requester` is the requester's alone (withdraw). Otherwise, at a state node: the
 * edge's roles, else a role granting the workflow action (and, checked by the caller, the record
 * in the actor's read scope); at an approval node: an open task. Administrators and the system
 * may take any action.
 */
export function mayTake(
  actor: WorkflowActor,
  node: WorkflowNode,
  edges: readonly WorkflowEdge[],
  requester: string | null,
  holdsTask: boolean,
): boolean {
  if (actor.username === null || actor.administrator) return true;
  return edges.some((edge) => {
    if (edge.requester) return requester === actor.username;
    if (node.type === "approval") return holdsTask;
    return edge.roles
      ? edge.roles.some((r) => actor.roles.includes(r))
      : edge.action !== undefined && actor.granted.has(edge.action);
  });
}

function requireAllowed(
  request: ActionRequest,
  actor: WorkflowActor,
  node: WorkflowNode,
  edges: readonly WorkflowEdge[],
  instance: Instance,
  task: Task | undefined,
  readable: boolean,
): void {
  if (!mayTake(actor, node, edges, instance.requester, task !== undefined))
    throw forbidden(
      request,
      node.type === "approval"
        ? `${request.action} at ${node.id} is for the holders of its tasks`
        : `your roles may not ${request.action} ${request.entity}`,
    );
  if (actor.username === null || actor.administrator) return;
  if (node.type === "state" && !readable)
    throw new HttpError(404, "not-found", `${request.entity} ${request.recordId} does not exist`);
  if (
    node.type === "approval" &&
    request.action === "approve" &&
    instance.requester === actor.username &&
    !node.selfApproval
  )
    throw forbidden(request, "the requester may not approve their own request");
}

/**
 * The record, read in the actor's scope first (one statement when it is theirs to read), else
 * as it is: a task holder may act on a record outside their read scope.
 */
async function readForAction(
  tx: Knex.Transaction,
  plan: ReadPlan,
  request: ActionRequest,
  actor: WorkflowActor,
): Promise<{ record: JsonRecord; readable: boolean }> {
  const scope = actor.readScope;
  const scoped = scope === null ? null : await readRecord(tx, plan, request.recordId, scope);
  const record = scoped ?? (await readRecord(tx, plan, request.recordId));
  if (!record)
    throw new HttpError(404, "not-found", `${request.entity} ${request.recordId} does not exist`);
  return { record, readable: scoped !== null };
}

function forbidden(request: ActionRequest, message: string): HttpError {
  return new HttpError(403, "forbidden", message, [], {
    permission: `${request.entity}.${request.action}`,
  });
}

/** How many approvals move an approval node on. */
export function approvalsNeeded(
  mode: "any" | "all" | { readonly quorum: number },
  assigned: number,
): number {
  if (mode === "any") return 1;
  if (mode === "all") return Math.max(assigned, 1);
  return Math.min(mode.quorum, Math.max(assigned, 1));
}

/** The record at its new node: the state field (and lifecycle) and the route's `set` values. */
async function writeMove(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  plan: WritePlan,
  workflow: Workflow,
  before: JsonRecord,
  changes: Readonly<Record<string, unknown>>,
  resting: WorkflowNode,
  actor: WorkflowActor,
  now: Date,
): Promise<JsonRecord> {
  const record: JsonRecord = { ...mergedRecord(plan, before, {}, "", now), ...changes };
  if (resting.type === "state" || resting.type === "approval") {
    record[workflow.stateField] = resting.state;
    if (resting.lifecycle && plan.entity.submittable) record.docstatus = resting.lifecycle;
  }
  return saveUpdate(
    tx,
    env.plans,
    plan,
    before,
    record,
    { actor: actor.username, language: env.language },
    now,
  );
}

/** `$param` values for the action's expressions; no query when no package declares parameters. */
async function workflowParameters(tx: Knex.Transaction, model: AppModel): Promise<ParameterValues> {
  if (!model.parameters) return {};
  return valuesInForce(model.parameters, await storedParameterValues(tx));
}
