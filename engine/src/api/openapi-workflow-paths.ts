import type { Entity } from "../model/app-model.ts";
import { AMEND_ACTION } from "../workflow/nodes.ts";
import type { Workflow } from "../workflow/types.ts";
import type { JsonSchema } from "./json-schema.ts";
import {
  ETAG_HEADER,
  errorAnswer,
  jsonContent,
  LOCATION_HEADER,
  ok,
  parameterRef,
  schemaRef,
  shared,
} from "./openapi-components.ts";
import { forbiddenAnswer, PASSWORD_CHANGE_REQUIRED } from "./openapi-security.ts";
import { SYSTEM_TAG } from "./openapi-service-paths.ts";
import type { Parameter, PathItem, Response } from "./openapi-types.ts";
import { UUID } from "./value-schema.ts";

/** Component names of the workflow schemas: capitalized, so no entity name can take them. */
export const WORKFLOW_STATUS_SCHEMA = "WorkflowStatus";
export const INBOX_TASK_SCHEMA = "InboxTask";

/** runtime/src/workflow/workflow-bodies.ts: COMMENT, and the length of `to` */
const MAX_COMMENT = 4000;
const MAX_USERNAME = 100;

const TIMESTAMP: JsonSchema = { type: "string", format: "date-time" };
const NULLABLE_TIMESTAMP: JsonSchema = { type: ["string", "null"], format: "date-time" };
const NAMES: JsonSchema = { type: "array", items: { type: "string" } };
const USERNAME_OR_NULL: JsonSchema = { type: ["string", "null"] };

/** `Labels` (schemas/entity.schema.json `$defs/labels`): English always, Chinese optional. */
export const LABELS: JsonSchema = {
  type: "object",
  properties: { en: { type: "string" }, "zh-CN": { type: "string" } },
  required: ["en"],
  additionalProperties: false,
};

const HISTORY_ENTRY: JsonSchema = {
  type: "object",
  properties: {
    action: {
      type: "string",
      description:
        "The action taken, or `delegate`, `reassign` (a task handed over) or `escalate` (an SLA ran out).",
    },
    from: { type: "string", description: "The node the record rested at before." },
    to: { type: "string", description: "The node it rested at after." },
    actor: { ...USERNAME_OR_NULL, description: "Who; null for the system (an SLA)." },
    comment: { type: ["string", "null"] },
    at: TIMESTAMP,
  },
  required: ["action", "from", "to", "actor", "comment", "at"],
  additionalProperties: false,
};

/**
 * Where a record is (runtime/src/workflow/workflow-status.ts `WorkflowStatus`) and a task of the
 * inbox (inbox.ts `InboxTask`). Node ids and actions are plain strings, not the current
 * workflow's: an instance runs the version it started on, whose nodes may have been renamed since.
 */
export const WORKFLOW_SCHEMAS: Record<string, JsonSchema> = {
  [WORKFLOW_STATUS_SCHEMA]: {
    type: "object",
    title: "Workflow status",
    description:
      "Where a record is in its workflow, what the caller may do there and what happened so far. Before the record's first action it is at the workflow's initial node, step 0.",
    properties: {
      workflow: { type: "string", description: "The workflow's name." },
      version: {
        type: "string",
        pattern: "^[0-9a-f]{64}$",
        description:
          "The workflow version the record runs: the one it started on, until a publish moves it.",
      },
      node: {
        type: "object",
        description: "The node the record rests at.",
        properties: {
          id: { type: "string" },
          type: { type: "string", enum: ["state", "approval"] },
          labels: LABELS,
        },
        required: ["id", "type", "labels"],
        additionalProperties: false,
      },
      step: {
        type: "integer",
        minimum: 0,
        description: "How many moves the record made; tasks and timers belong to one step.",
      },
      requester: {
        ...USERNAME_OR_NULL,
        description: "Who last moved the record out of a state node (submitted it).",
      },
      enteredAt: { ...NULLABLE_TIMESTAMP, description: "When the record came to its node." },
      editable: { ...NAMES, description: "The fields a PATCH may change at this node." },
      tasks: {
        type: "array",
        description: "The open tasks of the step (at an approval node).",
        items: {
          type: "object",
          properties: {
            id: { type: "integer", minimum: 1 },
            assignee: { type: "string" },
            dueAt: { ...NULLABLE_TIMESTAMP, description: "When its SLA runs out, if it has one." },
            escalated: { type: "boolean" },
          },
          required: ["id", "assignee", "dueAt", "escalated"],
          additionalProperties: false,
        },
      },
      actions: {
        ...NAMES,
        description:
          "The actions the caller may take here; their conditions are checked when taken.",
      },
      history: {
        type: "array",
        description:
          "Oldest first. In the status read with GET; an action's answer leaves it out (the history can be long).",
        items: HISTORY_ENTRY,
      },
    },
    required: [
      "workflow",
      "version",
      "node",
      "step",
      "requester",
      "enteredAt",
      "editable",
      "tasks",
      "actions",
    ],
    additionalProperties: false,
  },
  [INBOX_TASK_SCHEMA]: {
    type: "object",
    title: "Task",
    description: "An open approval task of the caller.",
    properties: {
      id: { type: "integer", minimum: 1, description: "Hand it over with this id." },
      entity: { type: "string" },
      recordId: UUID,
      title: { description: "The record's title field value, null when it has none." },
      node: { type: "string", description: "The approval node the task belongs to." },
      nodeLabels: { anyOf: [LABELS, { type: "null" }] },
      requester: USERNAME_OR_NULL,
      createdAt: TIMESTAMP,
      dueAt: NULLABLE_TIMESTAMP,
      escalated: {
        type: "boolean",
        description: "Given to the caller because the SLA ran out.",
      },
      delegatedFrom: {
        ...USERNAME_OR_NULL,
        description: "Who handed the task to the caller, if anyone.",
      },
    },
    required: [
      "id",
      "entity",
      "recordId",
      "title",
      "node",
      "nodeLabels",
      "requester",
      "createdAt",
      "dueAt",
      "escalated",
      "delegatedFrom",
    ],
    additionalProperties: false,
  },
};

/**
 * The actions a record of the workflow can be asked for: its user actions in file order, and
 * `amend` on a submittable entity.
 */
export function workflowActions(workflow: Workflow, entity: Entity): string[] {
  const actions = new Set<string>();
  for (const edge of workflow.edges) if (edge.action !== undefined) actions.add(edge.action);
  if (entity.submittable) actions.add(AMEND_ACTION);
  return [...actions];
}

const COMMENT: JsonSchema = { type: "string", maxLength: MAX_COMMENT };

const BAD_ID = "The id is no uuid (or not %-encoded properly).";

const AMENDED = (entity: string): Response => ({
  description: "Amended: the new draft.",
  headers: { Location: LOCATION_HEADER, ETag: ETAG_HEADER },
  content: jsonContent({
    type: "object",
    properties: { record: schemaRef(entity) },
    required: ["record"],
    additionalProperties: false,
  }),
});

/** runtime/src/workflow/take-action.ts and amend.ts: what refuses an action in the record's state */
const ACTION_REFUSED = errorAnswer(
  "The action is not possible now: `action-not-available` — not an action of the record's node (or a document not cancelled, for `amend`), the body adding the record's `node` and the `actions` there; `guard-failed` — its condition is false (`details` names each edge); `no-assignee` — the next approval would have no active user to take it; `version-conflict` — the record was changed meanwhile (`currentVersion`); `unique-violation` — a value that must be unique is taken.",
  ["action-not-available", "guard-failed", "no-assignee", "version-conflict", "unique-violation"],
  {
    properties: {
      node: { type: "string", description: "On `action-not-available`: the record's node." },
      actions: { ...NAMES, description: "On `action-not-available`: the actions there." },
    },
  },
);

/**
 * POST /api/workflow/<entity>/{id}/actions/{action} and GET /api/workflow/<entity>/{id}
 * (runtime/src/workflow/workflow-router.ts) of one entity its workflow runs on. The entity is
 * literal in the path, as in the data routes, so the answer's `record` is that entity's schema
 * and `action` the workflow's actions.
 */
export function workflowPaths(entity: Entity, workflow: Workflow): Record<string, PathItem> {
  const base = `/api/workflow/${entity.name}/{id}`;
  const label = entity.labels.en;
  const amendable = entity.submittable !== undefined;
  const action: Parameter = {
    name: "action",
    in: "path",
    required: true,
    description: `An action of the ${workflow.labels.en} workflow${amendable ? ", or `amend` (a cancelled document: a new draft copy)" : ""}. A record still on an earlier version of the workflow takes that version's actions, which its status lists.`,
    schema: { type: "string", enum: workflowActions(workflow, entity) },
  };
  return {
    [`${base}/actions/{action}`]: {
      post: {
        operationId: `takeAction_${entity.name}`,
        summary: `Take a workflow action on a ${label}`,
        description: `Moves the record through the ${workflow.labels.en} workflow in one transaction: the action must leave the record's node and be the caller's to take (a role granting it at a state node, an open task at an approval node, the requester alone for a withdrawal; an administrator any); the record gets the new node's state, the next approval's tasks are created and the history written. An \`approve\` where several approvals are needed counts the caller's vote (\`moved: false\`) until enough are in.${amendable ? " `amend` of a cancelled document creates a new draft with its values and lines and `amended_from` pointing back, as the caller would create it: their create permission and its row scope apply (201)." : ""}`,
        tags: [entity.name],
        parameters: [parameterRef("id"), action, parameterRef("acceptLanguage")],
        requestBody: {
          required: false,
          description: "May be left out: no comment.",
          content: jsonContent({
            type: "object",
            properties: {
              comment: {
                ...COMMENT,
                description: "Kept in the history; required by some actions, e.g. reject.",
              },
            },
            additionalProperties: false,
          }),
        },
        responses: {
          "200": {
            description: "The action was taken.",
            content: jsonContent({
              type: "object",
              properties: {
                record: schemaRef(entity.name),
                moved: {
                  type: "boolean",
                  description: "False when an approval was counted but the node needs more.",
                },
                workflow: schemaRef(WORKFLOW_STATUS_SCHEMA),
              },
              required: ["record", "moved", "workflow"],
              additionalProperties: false,
            }),
          },
          ...(amendable ? { "201": AMENDED(entity.name) } : {}),
          "400": errorAnswer(
            `${BAD_ID} Or the body is not JSON or not \`{ comment? }\` (\`details\` points at each problem), the action needs a comment (\`/comment\`), or a value the move writes does not fit its field.`,
            [
              "bad-id",
              "invalid-body",
              "malformed-json",
              "comment-required",
              "invalid-record",
              "bad-request",
            ],
          ),
          ...shared("Unauthenticated"),
          "403": forbiddenAnswer(
            amendable
              ? ["forbidden", "outside-scope", "password-change-required"]
              : ["forbidden", "password-change-required"],
          ),
          "404": errorAnswer(
            "No record with this id, or none the caller may read (asked at a state node, where a role grants the action).",
            ["not-found"],
          ),
          "409": ACTION_REFUSED,
          "422": errorAnswer(
            "The record at its new node (or a record the workflow creates) breaks a rule of its entity: a validation rule, a requirement or a link to a record that is gone.",
            ["rule-failed", "required", "unknown-link"],
          ),
          ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
        },
      },
    },
    [base]: {
      get: {
        operationId: `workflowStatus_${entity.name}`,
        summary: `Where a ${label} is in its workflow`,
        description:
          "Its node, the open tasks, the actions the caller may take, the fields editable there and the history. For readers of the record and holders of its tasks.",
        tags: [entity.name],
        parameters: [parameterRef("id")],
        responses: {
          "200": ok("The record's workflow status.", WORKFLOW_STATUS_SCHEMA),
          "400": errorAnswer(BAD_ID, ["bad-id", "bad-request"]),
          ...shared("Unauthenticated"),
          "403": PASSWORD_CHANGE_REQUIRED,
          "404": errorAnswer(
            "No record with this id that the caller may read or holds a task of.",
            ["not-found"],
          ),
          ...shared("ServerError"),
        },
      },
    },
  };
}

const TASK_ID: Parameter = {
  name: "taskId",
  in: "path",
  required: true,
  description: "The task's `id`, from the inbox or a record's workflow status.",
  schema: { type: "integer", minimum: 1 },
};

function handOver(how: "delegate" | "reassign"): PathItem {
  const delegate = how === "delegate";
  return {
    post: {
      operationId: delegate ? "delegateWorkflowTask" : "reassignWorkflowTask",
      summary: delegate
        ? "Hand my task on to another user"
        : "Give a task to another user (administrators)",
      description: `${delegate ? "The holder of an open task gives it" : "An administrator gives any open task"} to another active user, who must not hold a task of the same step already; the record's history says who handed it to whom. ${delegate ? "An administrator delegating a task they do not hold reassigns it." : "A holder who is no administrator is refused (`permission` `administrator`): they delegate it."}`,
      tags: [SYSTEM_TAG],
      parameters: [TASK_ID],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            to: {
              type: "string",
              minLength: 1,
              maxLength: MAX_USERNAME,
              description: "The username, in any letter case.",
            },
            comment: { ...COMMENT, description: "Kept in the history." },
          },
          required: ["to"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "Handed over.",
          content: jsonContent({
            type: "object",
            properties: {
              id: { type: "integer", minimum: 1 },
              assignee: { type: "string", description: "The new holder." },
              delegatedFrom: { type: "string", description: "The holder before." },
            },
            required: ["id", "assignee", "delegatedFrom"],
            additionalProperties: false,
          }),
        },
        "400": errorAnswer(
          "The task id is not a number, or the body is not JSON or not `{ to, comment? }` (`details` points at each problem).",
          ["bad-id", "invalid-body", "malformed-json", "bad-request"],
        ),
        ...shared("Unauthenticated"),
        "403": forbiddenAnswer(["forbidden", "password-change-required"]),
        "404": errorAnswer(
          delegate
            ? "No task with this id that the caller holds."
            : "No task with this id (or, for a user who is no administrator, none they hold).",
          ["not-found"],
        ),
        "409": errorAnswer(
          "`task-closed`: the task is done or cancelled; `already-assigned`: the user already holds a task of this step (`/to`).",
          ["task-closed", "already-assigned"],
        ),
        "422": errorAnswer("`to` is no active user.", ["unknown-user"]),
        ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
      },
    },
  };
}

/**
 * The inbox and handing a task over (runtime/src/workflow/inbox.ts): served with every revision,
 * whichever entities the caller may read.
 */
export const TASK_PATHS: Record<string, PathItem> = {
  "/api/workflow/tasks": {
    get: {
      operationId: "listWorkflowTasks",
      summary: "My inbox: the open approval tasks I hold",
      description: "Oldest first, at most 500, each with its record's title.",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "The caller's open tasks.",
          content: jsonContent({
            type: "object",
            properties: { data: { type: "array", items: schemaRef(INBOX_TASK_SCHEMA) } },
            required: ["data"],
            additionalProperties: false,
          }),
        },
        ...shared("Unauthenticated"),
        "403": PASSWORD_CHANGE_REQUIRED,
        ...shared("ServerError"),
      },
    },
  },
  "/api/workflow/tasks/{taskId}/delegate": handOver("delegate"),
  "/api/workflow/tasks/{taskId}/reassign": handOver("reassign"),
};
