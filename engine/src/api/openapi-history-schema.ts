import type { JsonSchema } from "./json-schema.ts";
import { schemaRef } from "./openapi-components.ts";
import { UUID } from "./value-schema.ts";

export const HISTORY_SCHEMA_NAME = "History";
const CHANGES = "HistoryChanges";

/**
 * A page of a record's audit trail as runtime/src/api/audit/history-router.ts answers it, and the
 * changed fields as diff-records.ts writes them: a scalar field `{ before, after }` (no `before`
 * on a create or restore, no `after` on a delete), a table field its added, removed and changed
 * lines, a changed line its changed fields in turn.
 */
export const HISTORY_SCHEMAS: Record<string, JsonSchema> = {
  [HISTORY_SCHEMA_NAME]: {
    type: "object",
    title: "History",
    properties: {
      data: {
        type: "array",
        description: "Newest first.",
        items: {
          type: "object",
          properties: {
            id: {
              type: "integer",
              minimum: 1,
              description: "The entry's id: pass the last one as `before` for the next page.",
            },
            action: { type: "string", enum: ["create", "update", "delete", "restore"] },
            actor: { type: ["string", "null"], description: "Who; null without authentication." },
            at: { type: "string", format: "date-time" },
            version: {
              type: ["integer", "null"],
              description: "The record's version after the action; for a delete, the deleted one.",
            },
            changes: schemaRef(CHANGES),
          },
          required: ["id", "action", "actor", "at", "version", "changes"],
          additionalProperties: false,
        },
      },
    },
    required: ["data"],
    additionalProperties: false,
  },
  [CHANGES]: {
    type: "object",
    title: "Changed fields",
    description: "Field name → its change; unchanged fields are left out.",
    additionalProperties: {
      anyOf: [
        {
          type: "object",
          properties: { before: {}, after: {} },
          additionalProperties: false,
        },
        {
          type: "object",
          properties: {
            added: { type: "array", items: { type: "object" } },
            removed: { type: "array", items: { type: "object" } },
            changed: {
              type: "array",
              items: {
                type: "object",
                properties: { id: UUID, fields: schemaRef(CHANGES) },
                required: ["id", "fields"],
                additionalProperties: false,
              },
            },
          },
          required: ["added", "removed", "changed"],
          additionalProperties: false,
        },
      ],
    },
  },
};
