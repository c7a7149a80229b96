import type { Entity } from "../model/app-model.ts";
import type { JsonSchema } from "./json-schema.ts";
import { errorAnswer, jsonContent, parameterRef, schemaRef, shared } from "./openapi-components.ts";
import { SHORTCUTS } from "./openapi-entity-paths.ts";
import { forbiddenAnswer } from "./openapi-security.ts";
import type { Operation, Parameter, PathItem } from "./openapi-types.ts";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Component name of an import's answer, shared by every entity. */
export const IMPORT_RESULT_SCHEMA_NAME = "ImportResult";

/** The most refused rows an import's answer lists (runtime/src/data-transfer/import-router.ts). */
const ANSWER_ERRORS = 1000;
const EXPORT_MAX_ROWS = 100000;

const RESULT_PROPERTIES: Record<string, JsonSchema> = {
  dryRun: { type: "boolean", description: "Whether this was a dry run (nothing written)." },
  mode: { type: "string", enum: ["all-or-nothing", "skip-bad-rows"] },
  rows: {
    type: "integer",
    minimum: 0,
    description: "Data rows in the file (blank rows not counted).",
  },
  imported: {
    type: "integer",
    minimum: 0,
    description: "Records created: 0 for a dry run, and for all-or-nothing when a row was refused.",
  },
  rejected: { type: "integer", minimum: 0, description: "Rows refused." },
  errors: {
    type: "array",
    maxItems: ANSWER_ERRORS,
    description: `The first ${ANSWER_ERRORS} refused rows, in file order.`,
    items: {
      type: "object",
      properties: {
        row: {
          type: "integer",
          minimum: 2,
          description: "The row's number as a spreadsheet shows it (the header is row 1).",
        },
        errors: {
          type: "array",
          items: {
            type: "object",
            properties: {
              path: {
                type: "string",
                description:
                  "The field (`/code`) as in a create's errors; `` for the record (a rule), `/columns/<n>` for a cell outside the mapped columns.",
              },
              message: { type: "string" },
            },
            required: ["path", "message"],
            additionalProperties: false,
          },
        },
      },
      required: ["row", "errors"],
      additionalProperties: false,
    },
  },
  errorsTruncated: { type: "boolean", description: "More rows were refused than `errors` lists." },
};

/** The answer of POST /api/data/{entity}/import (the 422 `rows-refused` carries the same fields). */
export const DATA_TRANSFER_SCHEMAS: Record<string, JsonSchema> = {
  [IMPORT_RESULT_SCHEMA_NAME]: {
    type: "object",
    title: "Import result",
    properties: RESULT_PROPERTIES,
    required: Object.keys(RESULT_PROPERTIES),
    additionalProperties: false,
  },
};

const HEADERS: Parameter = {
  name: "headers",
  in: "query",
  description:
    "What heads the columns: the fields' labels in the language of `Accept-Language` (default), or their names.",
  schema: { type: "string", enum: ["labels", "names"], default: "labels" },
};

const EXPORT_REFUSED = errorAnswer(
  "A query parameter is malformed or names no field, names a table field, or is a paging parameter (`limit`, `cursor`, `count`, `expand`).",
  ["bad-where", "bad-sort", "bad-fields", "bad-parameter", "unknown-parameter"],
);

/**
 * An entity's files (runtime/src/api/export-csv.ts, runtime/src/data-transfer): its records
 * exported as CSV or XLSX, and imported from such a file. Operation ids are `<verb>_<entity>`.
 */
export function dataTransferPaths(entity: Entity): Record<string, PathItem> {
  const label = entity.labels.en;
  const op = (verb: string, operation: Omit<Operation, "operationId" | "tags">): Operation => ({
    operationId: `${verb}_${entity.name}`,
    tags: [entity.name],
    ...operation,
  });
  const collection = `/api/data/${entity.name}`;
  const exportOf = (format: "CSV" | "XLSX", verb: string, media: string, more: string) =>
    op(verb, {
      summary: `Export ${label} records as ${format}`,
      description: `Every record the list with the same \`where\`, shortcuts, \`sort\` and \`fields\` would return, in that order, in the row scope of the \`export\` permission. ${more} The header row holds the fields' labels in the language of \`Accept-Language\` (or their names, \`headers=names\`); select values are their option labels, links the linked record's id; system columns and table fields are not exported, so the file imports back. At most ${EXPORT_MAX_ROWS} rows (the command line's \`loom data export\` has no limit).`,
      parameters: [
        parameterRef("where"),
        parameterRef("sort"),
        parameterRef("fields"),
        HEADERS,
        parameterRef("acceptLanguage"),
        SHORTCUTS,
      ],
      responses: {
        "200": {
          description: `The ${format} file, sent as an attachment named \`<entity>.${format.toLowerCase()}\`.`,
          content: { [media]: { schema: { type: "string" } } },
        },
        "400": EXPORT_REFUSED,
        ...shared("Unauthenticated", "Forbidden"),
        "422": errorAnswer(`More than ${EXPORT_MAX_ROWS} records match: narrow the filter.`, [
          "export-too-large",
        ]),
        ...shared("ServerError"),
      },
    });
  return {
    [`${collection}/export.csv`]: {
      get: exportOf(
        "CSV",
        "export",
        "text/csv",
        "UTF-8 with a byte order mark, so spreadsheets read any language.",
      ),
    },
    [`${collection}/export.xlsx`]: {
      get: exportOf(
        "XLSX",
        "exportXlsx",
        XLSX_MEDIA_TYPE,
        "One worksheet: numbers, booleans and dates as typed cells (datetimes in UTC).",
      ),
    },
    [`${collection}/import`]: {
      post: op("import", {
        summary: `Import ${label} records from a CSV or XLSX file`,
        description: `Creates a record from each row of the file, checked exactly as POST ${collection} checks a record (validation, defaults, computed fields, rules, links, numbering, row scope), which needs the \`import\` and \`create\` permissions. The first row names the columns: each a field's name or label in any language (case and spaces ignored); table fields and fields the server sets cannot be columns, and every required field needs one. Links are given by the linked record's id or its unique code or title; numbers with a point for decimals; dates as 2026-11-26; datetimes with their offset. \`mode=all-or-nothing\` (default) creates nothing when a row is refused, \`skip-bad-rows\` creates the good rows; \`dryRun=true\` checks everything and writes nothing. Every refused row is counted, the first ${ANSWER_ERRORS} listed with their reasons.`,
        parameters: [
          {
            name: "mode",
            in: "query",
            description: "What a refused row does to the others.",
            schema: {
              type: "string",
              enum: ["all-or-nothing", "skip-bad-rows"],
              default: "all-or-nothing",
            },
          },
          {
            name: "dryRun",
            in: "query",
            description: "Check every row and answer as an import would, writing nothing.",
            schema: { type: "string", enum: ["true", "false"], default: "false" },
          },
          {
            name: "sheet",
            in: "query",
            description: "The worksheet of an XLSX file to read (default: the first).",
            schema: { type: "string" },
          },
          parameterRef("acceptLanguage"),
        ],
        requestBody: {
          required: true,
          description:
            "The file: CSV (UTF-8, comma, semicolon or tab separated) or an XLSX workbook, by Content-Type.",
          content: {
            "text/csv": { schema: { type: "string" } },
            [XLSX_MEDIA_TYPE]: { schema: { type: "string" } },
          },
        },
        responses: {
          "200": {
            description:
              "The file was read to its end: the rows created (none on a dry run) and the rows refused.",
            content: jsonContent(schemaRef(IMPORT_RESULT_SCHEMA_NAME)),
          },
          "400": errorAnswer(
            "The file cannot be imported as it is, before any row was read: a header names no field (`message` lists the ones accepted), a table or server-set field, or a field twice; a required field has no column; the entity cannot be created without lines; the file is not UTF-8 CSV or a readable XLSX; or a parameter is malformed.",
            [
              "unknown-column",
              "line-column",
              "read-only-column",
              "duplicate-column",
              "missing-column",
              "lines-required",
              "empty-file",
              "not-utf8",
              "bad-file",
              "unknown-sheet",
              "bad-parameter",
              "unknown-parameter",
              "bad-request",
            ],
          ),
          ...shared("Unauthenticated"),
          "403": forbiddenAnswer(["forbidden", "field-forbidden", "password-change-required"]),
          "404": errorAnswer("The entity does not exist (or is a child entity).", [
            "unknown-entity",
          ]),
          "413": errorAnswer(
            "The file is larger than the server takes over HTTP: import it with `loom data import`.",
            ["body-too-large"],
          ),
          "415": errorAnswer("The body is neither `text/csv` nor an XLSX workbook.", [
            "unsupported-media-type",
          ]),
          "422": errorAnswer(
            "All or nothing, and rows were refused: nothing was created. The body carries the import's result besides the error: `errors` lists the refused rows.",
            ["rows-refused"],
            { properties: RESULT_PROPERTIES, required: Object.keys(RESULT_PROPERTIES) },
          ),
          ...shared("ServerError"),
        },
      }),
    },
  };
}
