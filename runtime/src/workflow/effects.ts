import {
  type EvalContext,
  evaluate,
  type RoutedEffect,
  SYSTEM_SCHEMA,
  type Workflow,
} from "@loom/engine";
import type { Knex } from "knex";
import { newRecord } from "../api/write/build-record.ts";
import { saveCreate } from "../api/write/write-record.ts";
import { enqueue } from "../jobs/index.ts";
import { resolveAssignees } from "./assignees.ts";
import type { Instance } from "./instances.ts";
import type { WorkflowEnv } from "./take-action.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/** The job queue of webhook calls (runtime/src/jobs/webhook.ts). */
export const WEBHOOK_QUEUE = "webhook";

/**
 * The effects of the action nodes a move passed, in the move's transaction: records created with
 * it, notifications written with it, webhooks queued with it (called after commit, at least once,
 * always with the same idempotency key) — so a move that fails leaves none of them behind.
 */
export async function applyEffects(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  workflow: Workflow,
  instance: Instance,
  effects: readonly RoutedEffect[],
  context: EvalContext & { now: Date },
  actor: string | null,
): Promise<void> {
  const { now } = context;
  for (const { effect, record, node, index } of effects) {
    if ("create" in effect) {
      const plan = env.plans.get(effect.create.entity)!;
      const values = Object.fromEntries(
        Object.entries(effect.create.values).map(([field, expr]) => [
          field,
          evaluate(expr, record, context),
        ]),
      );
      await saveCreate(
        tx,
        env.plans,
        plan,
        newRecord(plan, values, now),
        { actor, language: env.language },
        now,
      );
    } else if ("webhook" in effect) {
      await enqueue(tx, {
        queue: WEBHOOK_QUEUE,
        // parameter references stay references: resolved when sent, so no secret is queued
        payload: {
          url: effect.webhook.url,
          headers: effect.webhook.headers ?? {},
          body: { workflow: workflow.name, node, entity: workflow.entity, record },
        },
        idempotencyKey: `wf:${instance.id}:${instance.step}:${index}`,
      });
    } else {
      const users = await resolveAssignees(tx, effect.notify.to, {
        model: env.model,
        workflow,
        node,
        record,
        requester: instance.requester,
      });
      if (users.length > 0)
        await tx.raw(
          `INSERT INTO ${S}."notifications" ("username", "entity", "record_id", "message", "created_at")
           SELECT u, ?, ?, ?, ? FROM unnest(?::text[]) AS u`,
          [workflow.entity, record.id as string, JSON.stringify(effect.notify.message), now, users],
        );
    }
  }
}
