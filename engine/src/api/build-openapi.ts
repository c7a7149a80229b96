import type { AppModel, Entity } from "../model/app-model.ts";
import type { JsonSchema } from "./json-schema.ts";
import { AUTH_PATHS, AUTH_SCHEMAS } from "./openapi-auth-paths.ts";
import {
  ERROR_SCHEMA,
  errorResponses,
  type ListLimits,
  sharedParameters,
} from "./openapi-components.ts";
import { DATA_TRANSFER_SCHEMAS, dataTransferPaths } from "./openapi-data-transfer-paths.ts";
import { DESIGNER_PATHS } from "./openapi-designer-paths.ts";
import { entityPaths, entitySchemaNames } from "./openapi-entity-paths.ts";
import { HISTORY_SCHEMAS } from "./openapi-history-schema.ts";
import { PACKAGES_PATHS, PACKAGES_SCHEMAS } from "./openapi-packages-paths.ts";
import { PUBLISH_PATHS } from "./openapi-publish-paths.ts";
import { REPORTS_PATHS, REPORTS_SCHEMAS, REPORTS_TAG } from "./openapi-reports-paths.ts";
import { ACCESS_RESPONSES, SECURITY_SCHEMES, SIGNED_IN } from "./openapi-security.ts";
import { SERVICE_PATHS, SYSTEM_TAG } from "./openapi-service-paths.ts";
import { trashPaths } from "./openapi-trash-paths.ts";
import type { OpenApiDocument, OpenApiTag, PathItem } from "./openapi-types.ts";
import { TASK_PATHS, WORKFLOW_SCHEMAS, workflowPaths } from "./openapi-workflow-paths.ts";
import { recordSchema } from "./record-schema.ts";

export interface OpenApiOptions {
  /** the list page sizes the server enforces; documented on `limit` */
  limits?: ListLimits;
}

const DEFAULT_LIMITS: ListLimits = { default: 50, maximum: 500 };

/**
 * The OpenAPI 3.1 document of every route the runtime serves for this model: the data routes with
 * their bodies (the record schemas of `recordSchema`, which are OpenAPI 3.1 schemas as they are),
 * parameters, headers and error codes, and their files (CSV and XLSX export, import), the
 * workflow routes of the entities with a workflow and the inbox, the trash, publishing, the
 * designer's draft and revisions, configuration packages (export, import, rollback, parameters),
 * reports (run, export, preview),
 * signing in and the service routes. Every operation needs a
 * signed-in user (`security`) but /health and signing in. A model without packages is the empty
 * database's, which serves no data, workflow or trash routes. The entities are the ones the model
 * has: a model cut to what a role may read keeps every workflow, but documents only theirs.
 */
export function buildOpenApi(
  model: AppModel,
  info: { title: string; version: string },
  options: OpenApiOptions = {},
): OpenApiDocument {
  const entities = Object.values(model.entities).filter((entity) => entity.type !== "child");
  const schemas: Record<string, JsonSchema> = {
    Error: ERROR_SCHEMA,
    ...HISTORY_SCHEMAS,
    ...AUTH_SCHEMAS,
    ...PACKAGES_SCHEMAS,
  };
  const paths: Record<string, PathItem> = {
    ...SERVICE_PATHS,
    ...AUTH_PATHS,
    ...PUBLISH_PATHS,
    ...DESIGNER_PATHS,
    ...PACKAGES_PATHS,
  };
  for (const entity of entities) {
    Object.assign(schemas, entitySchemas(model, entity));
    Object.assign(paths, entityPaths(entity), dataTransferPaths(entity));
    const workflow = model.workflows[entity.name];
    if (workflow) Object.assign(paths, workflowPaths(entity, workflow));
  }
  if (model.packages.length > 0) {
    Object.assign(paths, trashPaths(entities.map((entity) => entity.name)), TASK_PATHS);
    Object.assign(schemas, WORKFLOW_SCHEMAS, DATA_TRANSFER_SCHEMAS, REPORTS_SCHEMAS);
    Object.assign(paths, REPORTS_PATHS);
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      description: `Generated from the application model (packages ${model.packages.map((p) => `${p.name} ${p.version}`).join(", ")}).`,
    },
    tags: [
      ...entities.map(entityTag),
      ...(model.packages.length > 0
        ? [{ name: REPORTS_TAG, description: "Reports and dashboards: grouped, summed, exported." }]
        : []),
      { name: SYSTEM_TAG, description: "The service itself." },
    ],
    security: SIGNED_IN,
    paths,
    components: {
      schemas,
      parameters: sharedParameters(options.limits ?? DEFAULT_LIMITS),
      responses: { ...ACCESS_RESPONSES, ...errorResponses() },
      securitySchemes: SECURITY_SCHEMES,
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
