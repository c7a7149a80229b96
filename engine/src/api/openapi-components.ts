import type { JsonSchema } from "./json-schema.ts";
import type { Header, MediaType, Parameter, Reference, Response } from "./openapi-types.ts";
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
    "Every error answer. Some errors add fields, e.g. `currentVersion` on a version conflict, `permission` on a refusal.",
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
          code: {
            type: "string",
            description: "The check that found it, where it has a name, e.g. `path-traversal`.",
          },
          file: {
            type: "string",
            description: "The package file it is in, for metadata and archive problems.",
          },
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
      minimum: 0,
      description:
        "On a 409 for a stale version: the record's version now (the designer's draft: its version, 0 when none is stored).",
    },
    permission: {
      type: "string",
      description:
        "On a 403 `forbidden` or `outside-scope`: the permission missing, `<entity>.<action>` (e.g. `sales_order.update`), `administrator` or `designer`.",
    },
  },
  required: ["code", "message", "details", "requestId"],
};

/**
 * Error answers every operation of a kind shares; the others are per operation, with their codes.
 * `Unauthenticated` and `Forbidden` are built in openapi-security.ts.
 */
export type ErrorResponse = BodyError | "Unauthenticated" | "Forbidden";

/** The shared errors about the request as a whole, built here. */
type BodyError = "PayloadTooLarge" | "UnsupportedMediaType" | "ServerError" | "Unavailable";

export const ERROR_STATUS: Record<ErrorResponse, string> = {
  Unauthenticated: "401",
  Forbidden: "403",
  PayloadTooLarge: "413",
  UnsupportedMediaType: "415",
  ServerError: "500",
  Unavailable: "503",
};

const SHARED_ERRORS: Record<BodyError, { description: string; codes: readonly string[] }> = {
  PayloadTooLarge: {
    description: "The body is larger than the server accepts.",
    codes: ["body-too-large"],
  },
  UnsupportedMediaType: {
    description: "The body is not `application/json` (or not in a charset JSON allows).",
    codes: ["unsupported-media-type"],
  },
  ServerError: {
    description: "Something failed on the server; the log has the details, the body never does.",
    codes: ["internal"],
  },
  Unavailable: {
    description: 'The database does not answer in time; the body adds `status: "unavailable"`.',
    codes: ["database-unavailable"],
  },
};

export function errorResponses(): Record<BodyError, Response> {
  const responses = {} as Record<BodyError, Response>;
  for (const name of Object.keys(SHARED_ERRORS) as BodyError[]) {
    const { description, codes } = SHARED_ERRORS[name];
    responses[name] = errorAnswer(description, codes);
  }
  return responses;
}

/**
 * An error answer whose body is `Error` with `code` one of `codes`: the codes are the contract a
 * client branches on, so each status of each operation lists exactly the ones the server sends.
 * `rule` adds keywords to the body's schema, e.g. a field some codes always carry; its
 * `properties` describe fields some codes add, next to `code`.
 */
export function errorAnswer(
  description: string,
  codes: readonly string[],
  rule: JsonSchema = {},
): Response {
  return {
    description: `${description} Codes: ${codes.map((code) => `\`${code}\``).join(", ")}.`,
    content: jsonContent({
      type: "object",
      ...schemaRef("Error"),
      ...rule,
      properties: { code: { type: "string", enum: codes }, ...rule.properties },
    }),
  };
}

/** A 200/201 answer whose JSON body is the component schema `schema`. */
export function ok(description: string, schema: string): Response {
  return { description, content: jsonContent(schemaRef(schema)) };
}

/** The shared error answers, keyed by their status. */
export function shared(...names: readonly ErrorResponse[]): Record<string, Reference> {
  return Object.fromEntries(names.map((name) => [ERROR_STATUS[name], responseRef(name)]));
}

/** Response headers the data API sends. */
export const ETAG_HEADER: Header = {
  description:
    'The record\'s version as a strong entity tag, e.g. `"3"`: send it back as `If-Match` to change or delete this version.',
  schema: { type: "string", pattern: '^"[1-9][0-9]*"$' },
};

export const LOCATION_HEADER: Header = {
  description: "The URL of the new record.",
  schema: { type: "string" },
};

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
  | "version"
  | "acceptLanguage"
  | "logLimit"
  | "before";

/** How many records a list page holds when `limit` is absent, and at most. */
export interface ListLimits {
  default: number;
  maximum: number;
}

/** The page sizes of the history and the trash (runtime/src/api/audit/log-paging.ts). */
const LOG_LIMITS: ListLimits = { default: 50, maximum: 500 };

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
        'The `version` the change is based on (`3`, `"3"` or `W/"3"`, as the `ETag` gave it); a PATCH may send `version` in the body instead, a DELETE `?version=`. A stale one is refused with 409 and the current version; none at all with 428.',
      schema: { type: "string", pattern: '^(W/)?"?[1-9][0-9]{0,8}"?$' },
    },
    version: {
      name: "version",
      in: "query",
      description: "The `version` being deleted, when not sent as `If-Match` (both must agree).",
      schema: { type: "integer", minimum: 1, maximum: 999999999 },
    },
    acceptLanguage: {
      name: "Accept-Language",
      in: "header",
      description: "The language of validation rule messages: `en` (default) or `zh-CN`.",
      schema: { type: "string" },
      example: "zh-CN",
    },
    logLimit: {
      name: "limit",
      in: "query",
      description: `How many entries one page holds (${LOG_LIMITS.default} when absent), newest first.`,
      schema: {
        type: "integer",
        minimum: 1,
        maximum: LOG_LIMITS.maximum,
        default: LOG_LIMITS.default,
      },
    },
    before: {
      name: "before",
      in: "query",
      description:
        "Only entries older than this one: the `id` of the last entry of the previous page.",
      schema: { type: "integer", minimum: 1 },
    },
  };
}
