import type { AppModel, Entity } from "../model/app-model.ts";
import type { JsonSchema } from "./json-schema.ts";
import {
  ERROR_SCHEMA,
  errorResponses,
  jsonContent,
  type ListLimits,
  responseRef,
  sharedParameters,
} from "./openapi-components.ts";
import { entityPaths, entitySchemaNames } from "./openapi-entity-paths.ts";
import type { OpenApiDocument, OpenApiTag, PathItem } from "./openapi-types.ts";
import { recordSchema } from "./record-schema.ts";

export interface OpenApiOptions {
  /** the list page sizes the server enforces; documented on `limit` */
  limits?: ListLimits;
}

const DEFAULT_LIMITS: ListLimits = { default: 50, maximum: 500 };
const SYSTEM_TAG = "system";

/**
 * The OpenAPI 3.1 document of the API the model generates: every data route with its bodies
 * (the record schemas of `recordSchema`, which are OpenAPI 3.1 schemas as they are), its
 * parameters and its errors, plus the service routes.
 */
export function buildOpenApi(
  model: AppModel,
  info: { title: string; version: string },
  options: OpenApiOptions = {},
): OpenApiDocument {
  const entities = Object.values(model.entities).filter((entity) => entity.type !== "child");
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA, History: HISTORY_SCHEMA };
  const paths: Record<string, PathItem> = { ...SYSTEM_PATHS };
  for (const entity of entities) {
    Object.assign(schemas, entitySchemas(model, entity));
    Object.assign(paths, entityPaths(entity));
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      description: `Generated from the application model (packages ${model.packages.map((p) => `${p.name} ${p.version}`).join(", ")}).`,
    },
    tags: [...entities.map(entityTag), { name: SYSTEM_TAG, description: "The service itself." }],
    paths,
    components: {
      schemas,
      parameters: sharedParameters(options.limits ?? DEFAULT_LIMITS),
      responses: errorResponses(),
    },
  };
}

function entitySchemas(model: AppModel, entity: Entity): Record<string, JsonSchema> {
  const names = entitySchemaNames(entity.name);
  const read = recordSchema(model, entity.name, "read");
  // a list row has what `fields` asked for (every field but tables by default), id and version always
  const row: JsonSchema = { ...read, required: ["id", "version"] };
  return {
    [names.read]: read,
    [names.create]: recordSchema(model, entity.name, "create"),
    [names.update]: recordSchema(model, entity.name, "update"),
    [names.page]: {
      type: "object",
      title: `${entity.labels.en} page`,
      properties: {
        data: { type: "array", items: row },
        nextCursor: {
          type: ["string", "null"],
          description: "Pass as `cursor` for the next page; null on the last page.",
        },
        count: {
          type: "integer",
          minimum: 0,
          description: "Records matching the filter on all pages; only with `count=true`.",
        },
      },
      required: ["data", "nextCursor"],
      additionalProperties: false,
    },
  };
}

function entityTag(entity: Entity): OpenApiTag {
  return {
    name: entity.name,
    description: [entity.labels.en, entity.description?.en].filter(Boolean).join(": "),
    "x-displayName": entity.labels.en,
    "x-labels": entity.labels,
  };
}

/** The audit trail's shape belongs to the audit code; the document only promises a list of entries. */
const HISTORY_SCHEMA: JsonSchema = {
  type: "object",
  title: "History",
  properties: {
    data: {
      type: "array",
      items: {
        type: "object",
        description: "One change: who, when, and each changed field before and after.",
      },
    },
  },
  required: ["data"],
};

const SYSTEM_PATHS: Record<string, PathItem> = {
  "/health": {
    get: {
      operationId: "health",
      summary: "Is the service up and its database reachable?",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "Up, and the database answers.",
          content: jsonContent({
            type: "object",
            properties: { status: { type: "string", enum: ["ok"] } },
            required: ["status"],
          }),
        },
        "503": responseRef("Unavailable"),
      },
    },
  },
  "/api/meta": {
    get: {
      operationId: "getMeta",
      summary: "The application model for UIs: entities, fields, labels, form schemas",
      tags: [SYSTEM_TAG],
      responses: {
        "200": { description: "The model.", content: jsonContent({ type: "object" }) },
        "500": responseRef("ServerError"),
      },
    },
  },
  "/api/openapi.json": {
    get: {
      operationId: "getOpenApi",
      summary: "This document",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document.",
          content: jsonContent({ type: "object" }),
        },
      },
    },
  },
};
