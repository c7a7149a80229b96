import type { JsonSchema } from "./json-schema.ts";
import { jsonContent, shared } from "./openapi-components.ts";
import { PASSWORD_CHANGE_REQUIRED, PUBLIC } from "./openapi-security.ts";
import type { PathItem } from "./openapi-types.ts";

export const SYSTEM_TAG = "system";

/** `{ id, checksum }` of a published revision, or null before the first. */
export const REVISION_SUMMARY: JsonSchema = {
  type: ["object", "null"],
  properties: {
    id: { type: "integer", minimum: 1 },
    checksum: { type: "string" },
  },
  required: ["id", "checksum"],
  additionalProperties: false,
};

/** The routes of runtime/src/server/http-app.ts and live-app.ts that do not depend on the model. */
export const SERVICE_PATHS: Record<string, PathItem> = {
  "/health": {
    get: {
      operationId: "health",
      summary: "Is the service up and its database reachable?",
      tags: [SYSTEM_TAG],
      security: PUBLIC,
      responses: {
        "200": {
          description: "Up, and the database answers.",
          content: jsonContent({
            type: "object",
            properties: {
              status: { type: "string", enum: ["ok"] },
              database: { type: "string", enum: ["pglite", "postgres"] },
              revision: { ...REVISION_SUMMARY, description: "The revision served." },
            },
            required: ["status", "database", "revision"],
            additionalProperties: false,
          }),
        },
        ...shared("Unavailable"),
      },
    },
  },
  "/metrics": {
    get: {
      operationId: "metrics",
      summary: "Prometheus metrics: requests by route and status, durations, the database pool",
      description: "For administrators.",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "The Prometheus text exposition format.",
          content: { "text/plain": { schema: { type: "string" } } },
        },
        ...shared("Unauthenticated", "Forbidden", "ServerError"),
      },
    },
  },
  "/api/meta": {
    get: {
      operationId: "getMeta",
      summary: "The application model for UIs: entities, fields, labels, form schemas",
      description:
        "As the caller's roles see it: without the entities they may not read, the fields hidden from them, and roles other than theirs.",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description:
            "The revision served, its compiled model, and per entity its create, update and read record schemas and the form layout (`uiSchema`).",
          content: jsonContent({
            type: "object",
            properties: {
              revision: REVISION_SUMMARY,
              model: {
                type: ["object", "null"],
                description: "The compiled application model; null before the first publish.",
              },
              entities: {
                type: "object",
                additionalProperties: {
                  type: "object",
                  properties: {
                    schema: {
                      type: "object",
                      properties: { create: {}, update: {}, read: {} },
                      required: ["create", "update", "read"],
                      additionalProperties: false,
                    },
                    uiSchema: { type: "object" },
                  },
                  required: ["schema", "uiSchema"],
                  additionalProperties: false,
                },
              },
            },
            required: ["revision", "model", "entities"],
            additionalProperties: false,
          }),
        },
        ...shared("Unauthenticated"),
        "403": PASSWORD_CHANGE_REQUIRED,
        ...shared("ServerError"),
      },
    },
  },
  "/api/openapi.json": {
    get: {
      operationId: "getOpenApi",
      summary: "This document",
      description:
        "As the caller's roles see it: without the entities they may not read and the fields hidden from them.",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document of the revision served.",
          content: jsonContent({
            type: "object",
            properties: {
              openapi: { type: "string", enum: ["3.1.0"] },
              info: { type: "object" },
              paths: { type: "object" },
              components: { type: "object" },
            },
            required: ["openapi", "info", "paths", "components"],
          }),
        },
        ...shared("Unauthenticated"),
        "403": PASSWORD_CHANGE_REQUIRED,
        ...shared("ServerError"),
      },
    },
  },
};
