import type { JsonSchema } from "./json-schema.ts";
import type { MediaType, Parameter, Reference, Response } from "./openapi-types.ts";
import { UUID } from "./value-schema.ts";

export const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const parameterRef = (name: SharedParameter): Reference => ({
  $ref: `#/components/parameters/${name}`,
});
export const responseRef = (name: ErrorResponse): Reference => ({
  $ref: `#/components/responses/${name}`,
});

export const jsonContent = (schema: JsonSchema): Record<string, MediaType> => ({
  "application/json": { schema },
});

/** The one error body of the whole API (runtime/src/server/error-body.ts writes it). */
export const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  title: "Error",
  description:
    "Every error answer. Some errors add fields, e.g. `currentVersion` on a version conflict.",
  properties: {
    code: { type: "string", description: "Stable and machine-readable, e.g. `not-found`." },
    message: { type: "string", description: "For people, in English." },
    details: {
      type: "array",
      description: "One entry per problem found; empty when the message says it all.",
      items: {
        type: "object",
        properties: {
          path: {
            type: "string",
            description:
              "JSON pointer into the request body (`/lines/0/qty`), or `/query/<parameter>` for a query parameter.",
          },
          message: { type: "string" },
        },
        required: ["path", "message"],
      },
    },
    requestId: {
      type: "string",
      description: "The id of the request in the server's logs.",
    },
    currentVersion: {
      type: "integer",
      minimum: 1,
      description: "On a 409 for a stale version: the record's version now.",
    },
  },
  required: ["code", "message", "details", "requestId"],
};

export type ErrorResponse =
  | "BadRequest"
  | "NotFound"
  | "Conflict"
  | "PayloadTooLarge"
  | "UnsupportedMediaType"
  | "Unprocessable"
  | "ServerError"
  | "Unavailable";

export const ERROR_STATUS: Record<ErrorResponse, string> = {
  BadRequest: "400",
  NotFound: "404",
  Conflict: "409",
  PayloadTooLarge: "413",
  UnsupportedMediaType: "415",
  Unprocessable: "422",
  ServerError: "500",
  Unavailable: "503",
};

const ERROR_DESCRIPTIONS: Record<ErrorResponse, string> = {
  BadRequest:
    "The request is malformed: a body that is not JSON or does not match the schema (unknown field, wrong type, value out of range or not in the list), or a bad query parameter. `details` points at each problem.",
  NotFound: "No such entity, or no record with this id.",
  Conflict:
    "The change conflicts with the stored data: a stale `version` (the body carries `currentVersion`), a value that must be unique and is taken, or a record others still link to.",
  PayloadTooLarge: "The body is larger than the server accepts.",
  UnsupportedMediaType: "The body is not `application/json`.",
  Unprocessable:
    "The body is well-formed but breaks a rule of the entity: a validation rule (message in the language of `Accept-Language`), a conditional requirement, or a link to a record that does not exist.",
  ServerError: "Something failed on the server; the log has the details, the body never does.",
  Unavailable: "The database does not answer.",
};

export function errorResponses(): Record<ErrorResponse, Response> {
  const responses = {} as Record<ErrorResponse, Response>;
  for (const name of Object.keys(ERROR_DESCRIPTIONS) as ErrorResponse[]) {
    responses[name] = {
      description: ERROR_DESCRIPTIONS[name],
      content: jsonContent(schemaRef("Error")),
    };
  }
  return responses;
}

export type SharedParameter =
  | "where"
  | "sort"
  | "limit"
  | "cursor"
  | "fields"
  | "count"
  | "expand"
  | "id"
  | "ifMatch"
  | "acceptLanguage";

/** How many records a list page holds when `limit` is absent, and at most. */
export interface ListLimits {
  default: number;
  maximum: number;
}

export function sharedParameters(limits: ListLimits): Record<SharedParameter, Parameter> {
  return {
    where: {
      name: "where",
      in: "query",
      description:
        'A json-logic condition as JSON text; records for which it holds are listed. Fields by `var`, e.g. `{"var":"customer.name"}` through a link.',
      schema: { type: "string" },
      example:
        '{"and":[{"==":[{"var":"status"},"draft"]},{">=":[{"var":"order_date"},"2026-01-01"]}]}',
    },
    sort: {
      name: "sort",
      in: "query",
      description:
        "Comma-separated fields to sort by, `-` before a field for descending; `id` is always added last so the order is total. Ascending puts empty values last.",
      schema: { type: "string", pattern: "^-?[a-z][a-z0-9_]*(,-?[a-z][a-z0-9_]*)*$" },
      example: "-order_date,customer",
    },
    limit: {
      name: "limit",
      in: "query",
      description: `How many records one page holds (${limits.default} when absent); page on with \`cursor\` for more.`,
      schema: { type: "integer", minimum: 1, maximum: limits.maximum, default: limits.default },
    },
    cursor: {
      name: "cursor",
      in: "query",
      description:
        "The `nextCursor` of the previous page, with the same `where`, `sort` and shortcuts: the next page starts after its last record.",
      schema: { type: "string" },
    },
    fields: {
      name: "fields",
      in: "query",
      description:
        "Comma-separated fields to return (`id` and `version` always come too). Without it a list returns every field except tables; a table field comes only when named here.",
      schema: { type: "string", pattern: "^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*$" },
      example: "order_no,customer,lines",
    },
    count: {
      name: "count",
      in: "query",
      description: "`true` adds `count`, the number of records matching the filter on all pages.",
      schema: { type: "boolean", default: false },
    },
    expand: {
      name: "expand",
      in: "query",
      description:
        "Comma-separated link fields to return as the linked record (`{ id, <title field>, …its fields }`) instead of its id; dotted paths go through links and tables, e.g. `customer,lines.item`.",
      schema: { type: "string", pattern: "^[a-z][a-z0-9_.]*(,[a-z][a-z0-9_.]*)*$" },
      example: "customer,lines.item",
    },
    id: {
      name: "id",
      in: "path",
      required: true,
      description: "The record's id.",
      schema: UUID,
    },
    ifMatch: {
      name: "If-Match",
      in: "header",
      description:
        'The `version` the change is based on (`3` or `"3"`); or send `version` in the body. A stale one is refused with 409 and the current version.',
      schema: { type: "string", pattern: '^"?[1-9][0-9]*"?$' },
    },
    acceptLanguage: {
      name: "Accept-Language",
      in: "header",
      description: "The language of validation rule messages: `en` (default) or `zh-CN`.",
      schema: { type: "string" },
      example: "zh-CN",
    },
  };
}
