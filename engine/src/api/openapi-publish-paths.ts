import type { JsonSchema } from "./json-schema.ts";
import { errorAnswer, jsonContent, schemaRef, shared } from "./openapi-components.ts";
import { REVISION_SUMMARY, SYSTEM_TAG } from "./openapi-service-paths.ts";
import type { PathItem, Response } from "./openapi-types.ts";

const PACKAGES: JsonSchema = {
  type: "array",
  minItems: 1,
  description:
    "The packages to add or replace (by name); installed packages not given stay. Each is a package folder as `path → file text`, e.g. `loom-package.json`, `entities/customer.json`.",
  items: {
    type: "object",
    properties: {
      files: { type: "object", additionalProperties: { type: "string" } },
    },
    required: ["files"],
    additionalProperties: false,
  },
};

export const PLAN_VIEW: JsonSchema = {
  type: "object",
  properties: {
    steps: {
      type: "array",
      items: {
        type: "object",
        properties: {
          kind: { type: "string", description: "e.g. `add-column`, `alter-column-type`" },
          description: { type: "string" },
          safety: { type: "string", enum: ["safe", "data-losing"] },
          sql: { type: "array", items: { type: "string" } },
        },
        required: ["kind", "description", "safety", "sql"],
        additionalProperties: false,
      },
    },
    dataLosing: { type: "boolean", description: "Publishing needs `allowDataLoss: true`." },
  },
  required: ["steps", "dataLosing"],
  additionalProperties: false,
};

export const ROW_CHECKS: JsonSchema = {
  type: "array",
  description:
    "Per step that cannot carry every existing row over (a conversion, a new NOT NULL or unique): how many rows, and up to ten of them.",
  items: {
    type: "object",
    properties: {
      stepNo: { type: "integer", minimum: 1 },
      step: { type: "string" },
      description: { type: "string" },
      count: { type: "integer", minimum: 0 },
      sample: {
        type: "array",
        items: {
          type: "object",
          properties: { id: {}, value: {} },
          required: ["id", "value"],
          additionalProperties: false,
        },
      },
    },
    required: ["stepNo", "step", "description", "count", "sample"],
    additionalProperties: false,
  },
};

export const ON_CONVERSION_FAILURE: JsonSchema = {
  type: "string",
  enum: ["null", "keep"],
  description:
    "What to do with rows a type conversion cannot carry over: empty the value, or keep the rows as they were.",
};

export const PUBLISHED_REVISION: JsonSchema = { ...REVISION_SUMMARY, type: "object" };

const PACKAGE_REFS: JsonSchema = {
  type: "array",
  description: "Every package of the resulting model.",
  items: {
    type: "object",
    properties: {
      name: { type: "string" },
      version: { type: "string" },
      layer: { type: "string", enum: ["base", "customization"] },
      dependsOn: { type: "object", additionalProperties: { type: "string" } },
    },
    required: ["name", "version", "layer", "dependsOn"],
    additionalProperties: false,
  },
};

const BAD_REQUEST = errorAnswer(
  "The body is not JSON, or not the object this route takes; `details` points at each problem.",
  ["invalid-request", "malformed-json"],
);

/**
 * 422 codes are open: `invalid-metadata` (each issue located as `/packages/<i>/files/<file><pointer>`)
 * and whatever else the engine refuses to compile or plan.
 */
const INVALID_PACKAGES: Response = {
  description:
    "The packages do not load, compile or plan: `invalid-metadata` lists every issue at `/packages/<i>/files/<file>…`; a change the planner cannot make has its own code (e.g. `plan-type-change`).",
  content: jsonContent(schemaRef("Error")),
};

/** POST /api/meta/plan and /api/meta/publish (runtime/src/server/publish/publish-router.ts). */
export const PUBLISH_PATHS: Record<string, PathItem> = {
  "/api/meta/plan": {
    post: {
      operationId: "planPackages",
      summary: "What publishing these packages would do, without doing it",
      description: "For administrators.",
      tags: [SYSTEM_TAG],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: { packages: PACKAGES },
          required: ["packages"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "The migration plan and the rows its steps would flag.",
          content: jsonContent({
            type: "object",
            properties: {
              plan: PLAN_VIEW,
              checks: ROW_CHECKS,
              unchanged: { type: "boolean", description: "The model is the one served already." },
              packages: PACKAGE_REFS,
              currentRevision: REVISION_SUMMARY,
            },
            required: ["plan", "checks", "unchanged", "packages", "currentRevision"],
            additionalProperties: false,
          }),
        },
        "400": BAD_REQUEST,
        "422": INVALID_PACKAGES,
        ...shared(
          "Unauthenticated",
          "Forbidden",
          "PayloadTooLarge",
          "UnsupportedMediaType",
          "ServerError",
        ),
      },
    },
  },
  "/api/meta/publish": {
    post: {
      operationId: "publishPackages",
      summary: "Publish packages: migrate the database and serve the new revision",
      description:
        "For administrators. In one transaction; the new revision is served (here and by every server on the database) when this answers.",
      tags: [SYSTEM_TAG],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            packages: PACKAGES,
            allowDataLoss: {
              type: "boolean",
              default: false,
              description: "Consent to data-losing steps (dropping a field, an entity…).",
            },
            onConversionFailure: ON_CONVERSION_FAILURE,
            note: { type: "string", description: "Recorded with the revision." },
          },
          required: ["packages"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "Published, or nothing to do (`unchanged`, the current revision).",
          content: jsonContent({
            anyOf: [
              {
                type: "object",
                properties: { revision: PUBLISHED_REVISION, plan: PLAN_VIEW, checks: ROW_CHECKS },
                required: ["revision", "plan", "checks"],
                additionalProperties: false,
              },
              {
                type: "object",
                properties: {
                  revision: PUBLISHED_REVISION,
                  plan: PLAN_VIEW,
                  unchanged: { type: "boolean", enum: [true] },
                },
                required: ["revision", "plan", "unchanged"],
                additionalProperties: false,
              },
            ],
          }),
        },
        "400": BAD_REQUEST,
        "409": errorAnswer(
          "Refused without the consent it needs (`allowDataLoss`, `onConversionFailure`), rows a step cannot take, or another publish came first.",
          ["data-loss-refused", "conversion-refused", "rows-refused", "revision-changed"],
        ),
        "422": INVALID_PACKAGES,
        ...shared(
          "Unauthenticated",
          "Forbidden",
          "PayloadTooLarge",
          "UnsupportedMediaType",
          "ServerError",
        ),
      },
    },
  },
};
