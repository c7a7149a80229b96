import type { Entity } from "../model/app-model.ts";
import {
  ERROR_STATUS,
  type ErrorResponse,
  jsonContent,
  parameterRef,
  responseRef,
  schemaRef,
} from "./openapi-components.ts";
import type { Operation, Parameter, PathItem, Reference, Response } from "./openapi-types.ts";

/** Component names of an entity's schemas; entity names are lower-case, so none can clash. */
export const entitySchemaNames = (entity: string) => ({
  read: entity,
  create: `${entity}Create`,
  update: `${entity}Update`,
  page: `${entity}Page`,
});

/**
 * The routes of one entity the API serves on its own (child entities travel inside their parent).
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
  const paths: Record<string, PathItem> = {
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
          ...errors("BadRequest", "ServerError"),
        },
      }),
      post: op("create", {
        summary: `Create a ${label}`,
        description:
          "Defaults are applied, computed fields computed and numbering assigned by the server; values sent for them are ignored. Lines of table fields are saved with the record.",
        parameters: [parameterRef("acceptLanguage")],
        requestBody: { required: true, content: jsonContent(schemaRef(names.create)) },
        responses: {
          "201": ok("The record as saved.", names.read),
          ...errors(...WRITE_ERRORS),
        },
      }),
    },
    [`${collection}/{id}`]: {
      get: op("get", {
        summary: `Read a ${label}`,
        description: "The record with every field and its table lines in line order.",
        parameters: [parameterRef("id"), parameterRef("expand")],
        responses: {
          "200": ok("The record.", names.read),
          ...errors("BadRequest", "NotFound", "ServerError"),
        },
      }),
      patch: op("update", {
        summary: `Update a ${label}`,
        description:
          "Changes the fields sent, nothing else. A table field sent replaces the lines: lines with an `id` are kept (and changed), lines without one are added, lines left out are removed. Needs the current version (`If-Match` or `version`).",
        parameters: [parameterRef("id"), parameterRef("ifMatch"), parameterRef("acceptLanguage")],
        requestBody: { required: true, content: jsonContent(schemaRef(names.update)) },
        responses: {
          "200": ok("The record as saved.", names.read),
          ...errors("NotFound", ...WRITE_ERRORS),
        },
      }),
      delete: op("delete", {
        summary: `Delete a ${label}`,
        description:
          "Moves the record and its lines to the trash, from which an administrator can restore it. Refused with 409 while other records link to it.",
        parameters: [parameterRef("id"), parameterRef("ifMatch")],
        responses: {
          "204": { description: "Deleted." },
          ...errors("BadRequest", "NotFound", "Conflict", "ServerError"),
        },
      }),
    },
  };
  if (entity.trackChanges) {
    paths[`${collection}/{id}/history`] = {
      get: op("history", {
        summary: `History of a ${label}`,
        description: "Who changed which fields (before and after, lines included) and when.",
        parameters: [parameterRef("id")],
        responses: {
          "200": ok("The changes.", "History"),
          ...errors("BadRequest", "NotFound", "ServerError"),
        },
      }),
    };
  }
  return paths;
}

const WRITE_ERRORS: readonly ErrorResponse[] = [
  "BadRequest",
  "Conflict",
  "PayloadTooLarge",
  "UnsupportedMediaType",
  "Unprocessable",
  "ServerError",
];

/** `field=value` query parameters: OpenAPI describes free-form names as one exploded object. */
const SHORTCUTS: Parameter = {
  name: "shortcuts",
  in: "query",
  description:
    "Any other query parameter `<field>=<value>` lists the records whose field equals the value, e.g. `status=draft&customer=<id>`; several are combined with AND, and with `where`.",
  style: "form",
  explode: true,
  schema: { type: "object", additionalProperties: { type: "string" } },
};

function ok(description: string, schema: string): Response {
  return { description, content: jsonContent(schemaRef(schema)) };
}

function errors(...names: readonly ErrorResponse[]): Record<string, Reference> {
  return Object.fromEntries(names.map((name) => [ERROR_STATUS[name], responseRef(name)]));
}
