import { MAX_REPORT_ROWS } from "../reports/compile-report.ts";
import type { JsonSchema } from "./json-schema.ts";
import { errorAnswer, jsonContent, ok, parameterRef, shared } from "./openapi-components.ts";
import { XLSX_MEDIA_TYPE } from "./openapi-data-transfer-paths.ts";
import { PASSWORD_CHANGE_REQUIRED } from "./openapi-security.ts";
import type { Operation, Parameter, PathItem, Response } from "./openapi-types.ts";

/** The tag of the report routes. */
export const REPORTS_TAG = "reports";

const LABELS: JsonSchema = {
  type: "object",
  properties: { en: { type: "string" }, "zh-CN": { type: "string" } },
  required: ["en"],
};
const DEFINITION: JsonSchema = {
  type: "object",
  description: "A report definition as in `reports/<name>.json` (schemas/report.schema.json).",
  properties: { kind: { type: "string", enum: ["report"] }, name: { type: "string" } },
  required: ["kind", "name"],
};
const NUMBERS: JsonSchema = {
  type: "object",
  additionalProperties: { type: ["number", "null"] },
};

export const REPORTS_SCHEMAS: Record<string, JsonSchema> = {
  ReportList: {
    type: "object",
    title: "Reports and dashboards",
    properties: {
      reports: {
        type: "array",
        description: "The reports the caller may run, alphabetical.",
        items: {
          type: "object",
          properties: {
            name: { type: "string" },
            labels: LABELS,
            description: LABELS,
            entity: { type: "string" },
            visualization: {
              type: "object",
              properties: { type: { enum: ["table", "pivot", "bar", "line", "pie", "kpi"] } },
              required: ["type"],
              additionalProperties: false,
            },
            parameters: { type: "array", items: { type: "object" } },
          },
          required: ["name", "labels", "entity", "visualization", "parameters"],
          additionalProperties: false,
        },
      },
      dashboards: {
        type: "array",
        description:
          "The dashboards with at least one report the caller may run, keeping only those tiles (schemas/dashboard.schema.json).",
        items: {
          type: "object",
          properties: {
            kind: { type: "string", enum: ["dashboard"] },
            name: { type: "string" },
            labels: LABELS,
            tiles: { type: "array" },
          },
          required: ["kind", "name", "labels", "tiles"],
        },
      },
    },
    required: ["reports", "dashboards"],
    additionalProperties: false,
  },
  ReportResult: {
    type: "object",
    title: "Report result",
    properties: {
      report: DEFINITION,
      parameters: {
        type: "object",
        description: "The values used, by name: defaults resolved (relative dates in UTC), typed.",
      },
      columns: {
        type: "array",
        description: "The dimensions in order, then the measures.",
        items: {
          type: "object",
          properties: {
            name: { type: "string" },
            kind: { enum: ["dimension", "measure"] },
            labels: LABELS,
            type: { type: "string", description: "The field's type; `integer` for counts." },
            bucket: { enum: ["day", "week", "month", "quarter", "year"] },
            aggregate: { enum: ["count", "sum", "avg", "min", "max", "distinct"] },
            format: { type: "string" },
            target: { type: "string", description: "A link column: the entity of its ids." },
          },
          required: ["name", "kind", "labels", "type"],
          additionalProperties: false,
        },
      },
      rows: {
        type: "array",
        maxItems: MAX_REPORT_ROWS,
        description:
          "One array per group in `columns` order. A bucket is the ISO date of its first day (weeks start on Monday; datetimes bucketed in UTC), a date `YYYY-MM-DD`, a datetime ISO in UTC, a link its id, numbers JSON numbers.",
        items: { type: "array" },
      },
      labels: {
        type: "object",
        description:
          "Per link or select dimension: value → display label in the `Accept-Language` language (a linked record's title when the caller may read it).",
        additionalProperties: { type: "object", additionalProperties: { type: "string" } },
      },
      totals: {
        ...NUMBERS,
        description: "Per measure, over every matching row (not just the rows shown).",
      },
      previous: {
        ...NUMBERS,
        description: "Per measure, over the previous period (a KPI compared with it).",
      },
      drill: {
        type: "object",
        description:
          "The list a row opens: `where[i]` is json-logic over `entity` selecting the records of `rows[i]`, for `/app/list/<view>?where=…`.",
        properties: {
          view: { type: "string" },
          entity: { type: "string" },
          where: { type: "array" },
        },
        required: ["view", "entity", "where"],
        additionalProperties: false,
      },
      truncated: { type: "boolean", description: "More groups than the report's `limit`." },
      elapsedMs: { type: "number", minimum: 0 },
    },
    required: [
      "report",
      "parameters",
      "columns",
      "rows",
      "labels",
      "totals",
      "truncated",
      "elapsedMs",
    ],
    additionalProperties: false,
  },
};

const NAME: Parameter = {
  name: "name",
  in: "path",
  required: true,
  description: "The report's name.",
  schema: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
};
const VALUES: Parameter = {
  name: "values",
  in: "query",
  description:
    "The report's parameters by name (`?from=2026-01-01&customer=<id>`): dates `YYYY-MM-DD`, numbers, a select's value, a link's record id. Absent ones take their default.",
  schema: { type: "object", additionalProperties: { type: "string" } },
  style: "form",
  explode: true,
};
const BAD_PARAMETER = errorAnswer(
  "A parameter value is of the wrong type, unknown, or a required one is missing; `details[].path` is `/<parameter>`.",
  ["invalid-parameter"],
);
/** 403: `forbidden` names the permission (`sales_order.report`, `customer.read`, `designer`). */
const REFUSED = errorAnswer(
  "Signed in, but not allowed. `forbidden`: the roles do not grant `report` on the report's root document, or `read` on an entity a path crosses (designer, for a preview); `permission` names it. `field-hidden`: a path the report reads (dimension, measure, filter or period) is hidden to the roles; `details[].path` points at it in the report. `password-change-required`: the account still has a one-time password.",
  ["forbidden", "field-hidden", "password-change-required"],
  {
    anyOf: [
      {
        not: { type: "object", properties: { code: { enum: ["forbidden"] } }, required: ["code"] },
      },
      { type: "object", properties: { permission: { type: "string" } }, required: ["permission"] },
    ],
  },
);
const UNKNOWN = errorAnswer("No report has this name.", ["unknown-report"]);

const run = (
  operationId: string,
  summary: string,
  description: string,
  content: Operation["responses"][string],
): Operation => ({
  operationId,
  summary,
  description,
  tags: [REPORTS_TAG],
  parameters: [NAME, VALUES, parameterRef("acceptLanguage")],
  responses: {
    "200": content,
    "400": BAD_PARAMETER,
    ...shared("Unauthenticated"),
    "403": REFUSED,
    "404": UNKNOWN,
    ...shared("ServerError"),
  },
});

const file = (format: string, media: string): Response => ({
  description: `The rows as ${format}, sent as an attachment \`<report>.${format.toLowerCase()}\`: headers are the columns' labels in the \`Accept-Language\` language, links and selects their labels.`,
  content: { [media]: { schema: { type: "string" } } },
});

/** /api/reports (runtime/src/reports/reports-router.ts). */
export const REPORTS_PATHS: Record<string, PathItem> = {
  "/api/reports": {
    get: {
      operationId: "listReports",
      summary: "The reports and dashboards the caller may run",
      description:
        "A report is listed when the caller's roles grant `report` on its root's document and `read` on every entity a path crosses, and hide no path it reads.",
      tags: [REPORTS_TAG],
      responses: {
        "200": ok("The runnable reports and dashboards.", "ReportList"),
        ...shared("Unauthenticated"),
        "403": PASSWORD_CHANGE_REQUIRED,
        ...shared("ServerError"),
      },
    },
  },
  "/api/reports/{name}": {
    get: run(
      "runReport",
      "Run a report",
      `One SQL statement compiled from the report, in the caller's row scope; a hidden path is refused (403 \`field-hidden\`, never left out). At most ${MAX_REPORT_ROWS} rows.`,
      ok("The report's rows, totals and drill-down.", "ReportResult"),
    ),
  },
  "/api/reports/{name}/export.csv": {
    get: run(
      "exportReportCsv",
      "Export a report's rows as CSV",
      "The rows of GET /api/reports/{name}; UTF-8 with a byte order mark.",
      file("CSV", "text/csv"),
    ),
  },
  "/api/reports/{name}/export.xlsx": {
    get: run(
      "exportReportXlsx",
      "Export a report's rows as XLSX",
      "The rows of GET /api/reports/{name}; numbers and dates as typed cells.",
      file("XLSX", XLSX_MEDIA_TYPE),
    ),
  },
  "/api/reports/preview": {
    post: {
      operationId: "previewReport",
      summary: "Run a draft report",
      description:
        "For designers: the draft is checked exactly as metadata is (400 `invalid-report`, `details[].path` a pointer into the report), then run like a published one.",
      tags: [REPORTS_TAG],
      parameters: [parameterRef("acceptLanguage")],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            report: DEFINITION,
            parameters: { type: "object", description: "Values by parameter name." },
          },
          required: ["report"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": ok("The draft's rows, totals and drill-down.", "ReportResult"),
        "400": errorAnswer(
          "The body is not `{report, parameters?}`, the draft is not a valid report, or a parameter value is wrong.",
          ["invalid-body", "malformed-json", "invalid-report", "invalid-parameter"],
        ),
        ...shared("Unauthenticated"),
        "403": REFUSED,
        ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
      },
    },
  },
};
