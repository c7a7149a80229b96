import type { JsonSchema } from "./json-schema.ts";
import { errorAnswer, jsonContent, parameterRef, schemaRef, shared } from "./openapi-components.ts";
import { SYSTEM_TAG } from "./openapi-service-paths.ts";
import type { PathItem } from "./openapi-types.ts";
import { UUID } from "./value-schema.ts";

const TRASH_PAGE: JsonSchema = {
  type: "object",
  title: "Trash page",
  properties: {
    data: {
      type: "array",
      description: "Deleted records not restored yet, the latest deleted first.",
      items: {
        type: "object",
        properties: {
          trashId: {
            type: "integer",
            minimum: 1,
            description: "Restore with it; pass the last one as `before` for the next page.",
          },
          entity: { type: "string" },
          recordId: UUID,
          deletedAt: { type: "string", format: "date-time" },
          deletedBy: { type: ["string", "null"] },
          title: {
            type: "string",
            description: "The record's title field as deleted, else its id.",
          },
        },
        required: ["trashId", "entity", "recordId", "deletedAt", "deletedBy", "title"],
        additionalProperties: false,
      },
    },
  },
  required: ["data"],
  additionalProperties: false,
};

/**
 * GET /api/trash and POST /api/trash/{trashId}/restore (runtime/src/api/trash/trash-router.ts).
 * A restored record is one of the entities' read records.
 */
export function trashPaths(entityNames: readonly string[]): Record<string, PathItem> {
  return {
    "/api/trash": {
      get: {
        operationId: "listTrash",
        summary: "Deleted records that can be restored",
        description: "For administrators.",
        tags: [SYSTEM_TAG],
        parameters: [
          {
            name: "entity",
            in: "query",
            description: "Only records of this entity (under its current or previous name).",
            schema: { type: "string" },
          },
          parameterRef("logLimit"),
          parameterRef("before"),
        ],
        responses: {
          "200": { description: "One page of the trash.", content: jsonContent(TRASH_PAGE) },
          "400": errorAnswer("A query parameter is malformed or unknown.", [
            "bad-limit",
            "bad-parameter",
            "unknown-parameter",
          ]),
          ...shared("Unauthenticated", "Forbidden", "ServerError"),
        },
      },
    },
    "/api/trash/{trashId}/restore": {
      post: {
        operationId: "restoreFromTrash",
        summary: "Put a deleted record back",
        description:
          "For administrators. With its lines and the same ids, at its version + 1, shaped by the model served now; recorded in its history as `restore`.",
        tags: [SYSTEM_TAG],
        parameters: [
          {
            name: "trashId",
            in: "path",
            required: true,
            description: "The `trashId` of the trash entry.",
            schema: { type: "integer", minimum: 1 },
          },
        ],
        responses: {
          "200": {
            description: "The record as restored.",
            content: jsonContent({
              type: "object",
              properties: {
                record:
                  entityNames.length > 0
                    ? { anyOf: entityNames.map(schemaRef) }
                    : { type: "object" },
                warnings: {
                  type: "array",
                  description:
                    "What the current model could not take back, e.g. the value of a field removed since.",
                  items: {
                    type: "object",
                    properties: { path: { type: "string" }, message: { type: "string" } },
                    required: ["path", "message"],
                    additionalProperties: false,
                  },
                },
              },
              required: ["record", "warnings"],
              additionalProperties: false,
            }),
          },
          "400": errorAnswer("The trash id is not a number.", ["bad-id", "bad-request"]),
          "404": errorAnswer("No such trash entry, or it was restored already.", ["not-found"]),
          "409": errorAnswer(
            "The record cannot go back as it was: its id is taken again, its entity is gone, a record it links to is gone, or the current model refuses a stored value.",
            ["restore-conflict"],
          ),
          ...shared("Unauthenticated", "Forbidden", "ServerError"),
        },
      },
    },
  };
}
