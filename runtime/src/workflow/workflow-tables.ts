import { SYSTEM_SCHEMA } from "@loom/engine";

const S = `"${SYSTEM_SCHEMA}"`;

/**
 * The workflow engine's tables: one entry of the system migrations (runtime/src/store/system-schema.ts).
 * An instance's `step` counts its moves: tasks, SLA timers and effects are keyed by it, so work
 * meant for a step the instance has left is recognised and dropped.
 */
export const WORKFLOW_TABLES: readonly string[] = [
  // every version an instance ever ran: definitions outlive the revisions that published them
  `CREATE TABLE ${S}."workflow_versions" (
    "version" text PRIMARY KEY,
    "entity" text NOT NULL,
    "name" text NOT NULL,
    "definition" jsonb NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE ${S}."workflow_instances" (
    "id" bigserial PRIMARY KEY,
    "entity" text NOT NULL,
    "record_id" uuid NOT NULL,
    "version" text NOT NULL REFERENCES ${S}."workflow_versions" ("version"),
    "node" text NOT NULL,
    "step" integer NOT NULL DEFAULT 0,
    "requester" text,
    "entered_at" timestamptz NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    UNIQUE ("entity", "record_id")
  )`,
  `CREATE INDEX "workflow_instances_version" ON ${S}."workflow_instances" ("entity", "version")`,
  `CREATE TABLE ${S}."workflow_tasks" (
    "id" bigserial PRIMARY KEY,
    "instance_id" bigint NOT NULL REFERENCES ${S}."workflow_instances" ("id") ON DELETE CASCADE,
    "entity" text NOT NULL,
    "record_id" uuid NOT NULL,
    "node" text NOT NULL,
    "step" integer NOT NULL,
    "assignee" text NOT NULL,
    "status" text NOT NULL CHECK ("status" IN ('open', 'done', 'cancelled')),
    "outcome" text,
    "comment" text,
    "acted_by" text,
    "acted_at" timestamptz,
    "due_at" timestamptz,
    "delegated_from" text,
    "escalated" boolean NOT NULL DEFAULT false,
    "created_at" timestamptz NOT NULL
  )`,
  `CREATE INDEX "workflow_tasks_inbox" ON ${S}."workflow_tasks" ("assignee", "id") WHERE "status" = 'open'`,
  `CREATE INDEX "workflow_tasks_instance" ON ${S}."workflow_tasks" ("instance_id", "step")`,
  `CREATE INDEX "workflow_tasks_record" ON ${S}."workflow_tasks" ("entity", "record_id")`,
  `CREATE TABLE ${S}."workflow_history" (
    "id" bigserial PRIMARY KEY,
    "instance_id" bigint NOT NULL REFERENCES ${S}."workflow_instances" ("id") ON DELETE CASCADE,
    "entity" text NOT NULL,
    "record_id" uuid NOT NULL,
    "action" text NOT NULL,
    "from_node" text NOT NULL,
    "to_node" text NOT NULL,
    "actor" text,
    "comment" text,
    "at" timestamptz NOT NULL
  )`,
  `CREATE INDEX "workflow_history_record" ON ${S}."workflow_history" ("entity", "record_id", "id")`,
  // round robin: who of a role last got a task of this node
  `CREATE TABLE ${S}."workflow_rotation" (
    "workflow" text NOT NULL,
    "node" text NOT NULL,
    "last_assignee" text NOT NULL,
    PRIMARY KEY ("workflow", "node")
  )`,
  `CREATE TABLE ${S}."notifications" (
    "id" bigserial PRIMARY KEY,
    "username" text NOT NULL,
    "entity" text,
    "record_id" uuid,
    "message" jsonb NOT NULL,
    "created_at" timestamptz NOT NULL,
    "read_at" timestamptz
  )`,
  `CREATE INDEX "notifications_inbox" ON ${S}."notifications" ("username", "id")`,
];
