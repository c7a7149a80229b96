import type { Entity } from "../model/app-model.ts";
import {
  ETAG_HEADER,
  errorAnswer,
  jsonContent,
  LOCATION_HEADER,
  ok,
  parameterRef,
  schemaRef,
  shared,
} from "./openapi-components.ts";
import { HISTORY_SCHEMA_NAME } from "./openapi-history-schema.ts";
import { forbiddenAnswer } from "./openapi-security.ts";
import type { Operation, Parameter, PathItem } from "./openapi-types.ts";

/** Component names of an entity's schemas; entity names are lower-case, so none can clash. */
export const entitySchemaNames = (entity: string) => ({
  read: entity,
  create: `${entity}Create`,
  update: `${entity}Update`,
  page: `${entity}Page`,
});

/**
 * The routes of one entity the API serves on its own (child entities travel inside their parent),
 * with the statuses and error codes runtime/src/api answers them with; its files (export,
 * import) are in openapi-data-transfer-paths.ts.
 * Operation ids are `<verb>_<entity>`: verbs have no underscore, so ids never clash.
 */
export function entityPaths(entity: Entity): Record<string, PathItem> {
  const names = entitySchemaNames(entity.name);
  const label = entity.labels.en;
  const op = (verb: string, operation: Omit<Operation, "operationId" | "tags">): Operation => ({
    operationId: `${verb}_${entity.name}`,
    tags: [entity.name],
    ...operation,
  });
  const collection = `/api/data/${entity.name}`;
  return {
    [collection]: {
      get: op("list", {
        summary: `List ${label} records`,
        description:
          "One page of records matching `where` and the `field=value` shortcuts, in `sort` order. Keyset paging: pass `nextCursor` back as `cursor` for the next page.",
        parameters: [
          parameterRef("where"),
          parameterRef("sort"),
          parameterRef("limit"),
          parameterRef("cursor"),
          parameterRef("fields"),
          parameterRef("count"),
          parameterRef("expand"),
          SHORTCUTS,
        ],
        responses: {
          "200": ok("The page of records.", names.page),
          "400": errorAnswer("A query parameter is malformed or names no field.", [
            "bad-where",
            "bad-sort",
            "bad-fields",
            "bad-cursor",
            "bad-expand",
            "bad-limit",
            "bad-parameter",
            "unknown-parameter",
          ]),
          ...shared("Unauthenticated", "Forbidden", "ServerError"),
        },
      }),
      post: op("create", {
        summary: `Create a ${label}`,
        description:
          "Defaults are applied, computed fields computed and numbering assigned by the server; values sent for them are ignored. Lines of table fields are saved with the record.",
        parameters: [parameterRef("acceptLanguage")],
        requestBody: { required: true, content: jsonContent(schemaRef(names.create)) },
        responses: {
          "201": {
            ...ok("The record as saved.", names.read),
            headers: { Location: LOCATION_HEADER, ETag: ETAG_HEADER },
          },
          "400": BODY_REFUSED,
          ...shared("Unauthenticated"),
          "403": WRITE_REFUSED,
          "409": errorAnswer(UNIQUE_TAKEN, ["unique-violation"]),
          "422": errorAnswer(RULE_BROKEN, ["rule-failed", "required", "unknown-link"]),
          ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
        },
      }),
    },
    [`${collection}/{id}`]: {
      get: op("get", {
        summary: `Read a ${label}`,
        description: "The record with every field and its table lines in line order.",
        parameters: [parameterRef("id"), parameterRef("expand")],
        responses: {
          "200": { ...ok("The record.", names.read), headers: { ETag: ETAG_HEADER } },
          "400": errorAnswer("The id is no uuid, or a query parameter is not `expand`.", [
            "bad-id",
            "bad-expand",
            "bad-parameter",
            "unknown-parameter",
            "bad-request",
          ]),
          ...shared("Unauthenticated", "Forbidden"),
          "404": NO_RECORD,
          ...shared("ServerError"),
        },
      }),
      patch: op("update", {
        summary: `Update a ${label}`,
        description:
          "Changes the fields sent, nothing else. A table field sent replaces the lines: lines with an `id` are kept (and changed), lines without one are added, lines left out are removed. Needs the current version (`If-Match` or `version`).",
        parameters: [parameterRef("id"), parameterRef("ifMatch"), parameterRef("acceptLanguage")],
        requestBody: { required: true, content: jsonContent(schemaRef(names.update)) },
        responses: {
          "200": { ...ok("The record as saved.", names.read), headers: { ETag: ETAG_HEADER } },
          "400": errorAnswer(
            "The id is no uuid, the body does not match the schema (`details` points at each problem), or `If-Match` names no version or another one than the body.",
            ["bad-id", "invalid-record", "malformed-json", "bad-version", "bad-request"],
          ),
          ...shared("Unauthenticated"),
          "403": WRITE_REFUSED,
          "404": NO_RECORD,
          "409": errorAnswer(`${STALE_VERSION} Or: ${UNIQUE_TAKEN}`, [
            "version-conflict",
            "unique-violation",
          ]),
          "422": errorAnswer(
            `${RULE_BROKEN} Or a line \`id\` that is not a line of this record, or a tree parent below the record itself.`,
            ["rule-failed", "required", "unknown-link", "unknown-line", "tree-cycle"],
          ),
          "428": VERSION_REQUIRED,
          ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
        },
      }),
      delete: op("delete", {
        summary: `Delete a ${label}`,
        description:
          "Moves the record and its lines to the trash, from which it can be restored. Refused with 409 while other records link to it. Needs the current version (`If-Match` or `?version=`).",
        parameters: [parameterRef("id"), parameterRef("ifMatch"), parameterRef("version")],
        responses: {
          "204": { description: "Deleted: the record is in the trash." },
          "400": errorAnswer(
            "The id is no uuid, a query parameter is not `version`, or the version is malformed or given twice differently.",
            ["bad-id", "bad-version", "bad-parameter", "unknown-parameter", "bad-request"],
          ),
          ...shared("Unauthenticated"),
          "403": forbiddenAnswer(["forbidden", "outside-scope", "password-change-required"]),
          "404": NO_RECORD,
          "409": errorAnswer(
            `${STALE_VERSION} Or other records still link to it: \`details\` names each link (\`/<entity>/<field>\`) with how many records and a few of their ids.`,
            ["version-conflict", "still-referenced"],
          ),
          "428": VERSION_REQUIRED,
          ...shared("ServerError"),
        },
      }),
    },
    [`${collection}/{id}/history`]: {
      get: op("history", {
        summary: `History of a ${label}`,
        description:
          "Every create, update, delete and restore of the record, newest first: who, when, the version after it and each changed field before and after (lines included). A deleted record keeps its history.",
        parameters: [parameterRef("id"), parameterRef("logLimit"), parameterRef("before")],
        responses: {
          "200": ok("One page of changes.", HISTORY_SCHEMA_NAME),
          "400": errorAnswer("The id is no uuid, or a query parameter is malformed or unknown.", [
            "bad-id",
            "bad-limit",
            "bad-parameter",
            "unknown-parameter",
            "bad-request",
          ]),
          ...shared("Unauthenticated", "Forbidden"),
          "404": errorAnswer("No such record, and none in the log.", ["not-found"]),
          ...shared("ServerError"),
        },
      }),
    },
  };
}

const UNIQUE_TAKEN = "A value that must be unique is taken by another record.";
const STALE_VERSION =
  "The record is at another version than the one given: the body carries `currentVersion`.";
const RULE_BROKEN =
  "The body is well-formed but breaks a rule of the entity: a validation rule (message in the language of `Accept-Language`), a conditional requirement, or a link to a record that does not exist.";

const BODY_REFUSED = errorAnswer(
  "The body is not JSON or does not match the schema (unknown field, wrong type, value out of range or not in the list); `details` points at each problem.",
  ["invalid-record", "malformed-json"],
);
const NO_RECORD = errorAnswer("No record with this id that the roles may read.", ["not-found"]);
const WRITE_REFUSED = forbiddenAnswer([
  "forbidden",
  "field-forbidden",
  "outside-scope",
  "password-change-required",
]);
const VERSION_REQUIRED = errorAnswer(
  "No version was given: a change is never made blind. Send `If-Match` (or the version in the body or query).",
  ["version-required"],
);

/** `field=value` query parameters: OpenAPI describes free-form names as one exploded object. */
export const SHORTCUTS: Parameter = {
  name: "shortcuts",
  in: "query",
  description:
    "Any other query parameter `<field>=<value>` lists the records whose field equals the value, e.g. `status=draft&customer=<id>`; several are combined with AND, and with `where`.",
  style: "form",
  explode: true,
  schema: { type: "object", additionalProperties: { type: "string" } },
};
