import { type JsonSchema, orNull } from "./json-schema.ts";
import { errorAnswer, jsonContent, schemaRef, shared } from "./openapi-components.ts";
import { BAD_BODY, BODY_LIMITS, FILE_CHANGES, ISSUE, LAYER } from "./openapi-designer-paths.ts";
import { PLAN_VIEW, PUBLISHED_REVISION, ROW_CHECKS } from "./openapi-publish-paths.ts";
import { SYSTEM_TAG } from "./openapi-service-paths.ts";
import type { Operation, Parameter, PathItem, Response } from "./openapi-types.ts";
import { LABELS } from "./openapi-workflow-paths.ts";

const FOR_ADMINISTRATORS = "For administrators.";
const NDJSON_MEDIA_TYPE = "application/x-ndjson";
/** runtime/src/packages/packages-router.ts: the `archive` field's limit (a 20 MB zip in base64) */
const MAX_ARCHIVE = 40_000_000;
/** runtime/src/packages/packages-router.ts `changeBody` */
const MAX_PLAN_ID = 64;

export const PREVIEW_SCHEMA_NAME = "PackageImportPreview";
export const PARAMETER_STATUS_SCHEMA_NAME = "ParameterStatus";

/** schemas/package.schema.json `name`. */
const PACKAGE_NAME: JsonSchema = { type: "string", pattern: "^[a-z][a-z0-9-]*$" };
const COUNT: JsonSchema = { type: "integer", minimum: 0 };
const NAMES: JsonSchema = { type: "array", items: { type: "string" } };
const NULLABLE_TEXT: JsonSchema = { type: ["string", "null"] };

/** engine `ParameterValue`. */
const PARAMETER_VALUE: JsonSchema = {
  anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }],
};

const PROFILE: JsonSchema = {
  type: "object",
  description:
    "The environment's parameter values by name, as a profile gives them: a number or `true`/`false` may be sent as text. Never part of a package; an upgrade never overwrites them.",
  additionalProperties: PARAMETER_VALUE,
};

/** runtime/src/packages/parameters.ts `ParameterStatus`. */
const PARAMETER_STATUS: JsonSchema = {
  type: "object",
  title: "Parameter status",
  description: "One declared parameter, where its value in force comes from, secrets masked.",
  properties: {
    name: { type: "string" },
    package: { type: "string", description: "The package that declares it." },
    type: { type: "string", enum: ["text", "integer", "decimal", "boolean", "url", "email"] },
    labels: LABELS,
    description: LABELS,
    secret: { type: "boolean" },
    default: { ...PARAMETER_VALUE, description: "The package's default (a secret has none)." },
    source: {
      type: "string",
      enum: ["set", "default", "missing"],
      description:
        "`set`: this environment's own value; `default`: none set, the default applies; `missing`: neither (an import declaring it is blocked until one is given).",
    },
    value: {
      ...orNull(PARAMETER_VALUE),
      description: 'The value in force (null: none); a secret\'s is `"********"`.',
    },
  },
  required: ["name", "package", "type", "labels", "secret", "source", "value"],
  additionalProperties: false,
};

/** runtime/src/packages/import-preview.ts `PackageChange`. */
const PACKAGE_CHANGE: JsonSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    layer: LAYER,
    from: { ...NULLABLE_TEXT, description: "The version installed now (null: not installed)." },
    to: { ...NULLABLE_TEXT, description: "The version after the import (null: removed)." },
    change: {
      type: "string",
      enum: ["install", "upgrade", "downgrade", "reinstall", "unchanged", "remove"],
    },
    files: { ...FILE_CHANGES, description: "The package's files it changes, file by file." },
  },
  required: ["name", "layer", "from", "to", "change", "files"],
  additionalProperties: false,
};

/** runtime/src/packages/reference-data/types.ts `ReferenceDataChange`. */
const REFERENCE_DATA_CHANGE: JsonSchema = {
  type: "object",
  properties: {
    package: { type: "string" },
    file: { ...NULLABLE_TEXT, description: "The data file (null: the package has none any more)." },
    entity: { type: "string" },
    policy: { type: ["string", "null"], enum: ["always", "create-only", "never", null] },
    create: COUNT,
    update: COUNT,
    unchanged: COUNT,
    keptLocal: { ...COUNT, description: "Rows that differ and are kept (`create-only`, `never`)." },
    overwriteLocal: { ...COUNT, description: "Rows changed locally that `always` overwrites." },
    removedFromPackage: {
      ...COUNT,
      description: "Rows the package wrote before and no longer has: left in place.",
    },
    rows: {
      type: "array",
      description: "The file's rows in file order, then the rows it no longer has.",
      items: {
        type: "object",
        properties: {
          key: { type: "string", description: 'The natural key as JSON, e.g. `{"code":"PCS"}`.' },
          action: {
            type: "string",
            enum: [
              "create",
              "update",
              "unchanged",
              "keep-local",
              "overwrite-local",
              "left-in-place",
            ],
          },
          fields: { ...NAMES, description: "The fields whose stored value differs." },
        },
        required: ["key", "action"],
        additionalProperties: false,
      },
    },
  },
  required: [
    "package",
    "file",
    "entity",
    "policy",
    "create",
    "update",
    "unchanged",
    "keptLocal",
    "overwriteLocal",
    "removedFromPackage",
    "rows",
  ],
  additionalProperties: false,
};

/** A problem of the imported packages or the profile: the designer's issue, its package optional. */
const PROBLEM: JsonSchema = { ...ISSUE, required: ["code", "message"] };

/** runtime/src/packages/import-conflicts.ts `Conflict`: an installed package the import breaks. */
const CONFLICT: JsonSchema = {
  ...ISSUE,
  properties: {
    ...ISSUE.properties,
    resolution: { type: "string", description: "What to do about it." },
  },
  required: [...(ISSUE.required ?? []), "resolution"],
};

/** runtime/src/packages/import-preview.ts `ImportPreview`. */
const IMPORT_PREVIEW: JsonSchema = {
  type: "object",
  title: "Package import preview",
  description:
    "What importing the packages would do, against the database as it is, changing nothing. Conflicts, problems and missing parameter values are reported here, not refused, so all of them are seen at once; any of them blocks the apply.",
  properties: {
    planId: {
      type: "string",
      pattern: "^[0-9a-f]{16}$",
      description:
        "Names exactly this preview against this database: send it to apply. Applying by plan id is consent to its data-losing steps; a plan id that no longer matches is refused (`plan-stale`).",
    },
    unchanged: {
      type: "boolean",
      description: "Nothing to do: installed exactly so and no new parameter value.",
    },
    blocked: {
      type: "boolean",
      description:
        "Conflicts, problems or missing parameter values: it cannot be applied as it is.",
    },
    currentRevision: { type: ["integer", "null"], minimum: 1 },
    packages: { type: "array", items: PACKAGE_CHANGE },
    plan: { ...orNull(PLAN_VIEW), description: "The migration (null: blocked before a plan)." },
    checks: ROW_CHECKS,
    referenceData: { type: "array", items: REFERENCE_DATA_CHANGE },
    parameters: {
      type: "object",
      properties: {
        statuses: {
          type: "array",
          description: "Every declared parameter after the import.",
          items: schemaRef(PARAMETER_STATUS_SCHEMA_NAME),
        },
        missing: { ...NAMES, description: "Parameters that would have no value: give them." },
        given: { ...NAMES, description: "The names the request's `parameters` set." },
      },
      required: ["statuses", "missing", "given"],
      additionalProperties: false,
    },
    conflicts: {
      type: "array",
      description:
        "Installed packages the import would break (the base moved under a customization), each with what to do.",
      items: CONFLICT,
    },
    problems: {
      type: "array",
      description:
        "Problems of the imported packages themselves, and of the parameter values given (at `/parameters/<name>`).",
      items: PROBLEM,
    },
  },
  required: [
    "planId",
    "unchanged",
    "blocked",
    "currentRevision",
    "packages",
    "plan",
    "checks",
    "referenceData",
    "parameters",
    "conflicts",
    "problems",
  ],
  additionalProperties: false,
};

/** The component schemas the packages' routes refer to. */
export const PACKAGES_SCHEMAS: Record<string, JsonSchema> = {
  [PREVIEW_SCHEMA_NAME]: IMPORT_PREVIEW,
  [PARAMETER_STATUS_SCHEMA_NAME]: PARAMETER_STATUS,
};

const PREVIEW = schemaRef(PREVIEW_SCHEMA_NAME);
const STATUSES: JsonSchema = { type: "array", items: schemaRef(PARAMETER_STATUS_SCHEMA_NAME) };

/** runtime/src/packages/purge-retired.ts `PurgedColumn`. */
const RETIRED_COLUMN: JsonSchema = {
  type: "object",
  properties: {
    table: { type: "string" },
    column: { type: "string", description: "The field's column name before it was retired." },
    retiredAs: { type: "string", description: "Its hidden name in the table." },
    definition: {
      type: "object",
      description: "The column as it was: a returning field takes it back with its values.",
      properties: {
        name: { type: "string" },
        type: { type: "string", description: "As PostgreSQL prints it, e.g. `numeric(18,2)`." },
        notNull: { type: "boolean" },
        default: { type: "string" },
        references: { type: "string", description: "A link's table." },
      },
      required: ["name", "type", "notNull"],
      additionalProperties: false,
    },
    revisionId: { type: "integer", minimum: 1, description: "The revision that retired it." },
    retiredAt: { type: "string", format: "date-time" },
    rowsWithValues: {
      ...COUNT,
      description: "Rows holding a value in it: what purging destroys.",
    },
  },
  required: [
    "table",
    "column",
    "retiredAs",
    "definition",
    "revisionId",
    "retiredAt",
    "rowsWithValues",
  ],
  additionalProperties: false,
};

/** `{ status, revision?, preview }` of an apply, plus the properties of a stream's last line. */
function applied(line: Record<string, JsonSchema> = {}): JsonSchema {
  const answer = (status: readonly string[], revision: boolean, description: string) => ({
    type: "object" as const,
    description,
    properties: {
      ...line,
      status: { type: "string" as const, enum: status },
      ...(revision && { revision: PUBLISHED_REVISION }),
      preview: PREVIEW,
    },
    required: [...Object.keys(line), "status", ...(revision ? ["revision"] : []), "preview"],
    additionalProperties: false,
  });
  return {
    anyOf: [
      answer(["applied"], true, "Applied in one transaction: the new revision is served."),
      answer(
        ["unchanged", "parameters-set"],
        false,
        "No revision: installed exactly so (`unchanged`), or only parameter values were new and were stored (`parameters-set`).",
      ),
    ],
  };
}

const lineOf = (type: string): JsonSchema => ({ type: "string", enum: [type] });

/**
 * One line of a streamed apply: `started`, a `step` as each migration step starts, and last the
 * `result` or the `error`. The kinds are told apart by `type`, so exactly one branch holds.
 */
const APPLY_LINE: JsonSchema = {
  anyOf: [
    {
      type: "object",
      properties: { type: lineOf("started"), planId: { type: "string" } },
      required: ["type", "planId"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        type: lineOf("step"),
        index: { ...COUNT, description: "0-based." },
        total: COUNT,
        description: { type: "string" },
      },
      required: ["type", "index", "total", "description"],
      additionalProperties: false,
    },
    ...(applied({ type: lineOf("result") }).anyOf ?? []),
    {
      type: "object",
      description:
        "The apply failed and nothing changed: `status` is what the JSON answer's status would have been, `error` its body.",
      properties: {
        type: lineOf("error"),
        status: { type: "integer", minimum: 400, maximum: 599 },
        error: schemaRef("Error"),
      },
      required: ["type", "status", "error"],
      additionalProperties: false,
    },
  ],
};

const APPLY_ANSWER: Response = {
  description: `Applied, or nothing to do. With \`Accept: ${NDJSON_MEDIA_TYPE}\` the answer is 200 at once and streams one JSON object per line: \`started\`, a \`step\` as each migration step starts, and last the \`result\` (the JSON answer with \`type\`) or the \`error\` (a failure after streaming began travels in that line, not in the status).`,
  content: {
    ...jsonContent(applied()),
    [NDJSON_MEDIA_TYPE]: { schema: APPLY_LINE },
  },
};

const PACKAGE_PATH: Parameter = {
  name: "name",
  in: "path",
  required: true,
  description: "An installed package's name, e.g. `acme-custom`.",
  schema: PACKAGE_NAME,
};

const UPLOAD_PATH: Parameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The `upload` POST /api/packages/uploads answered (kept a day).",
  schema: { type: "string" },
};

const NOT_INSTALLED = errorAnswer("No package of this name is installed.", [
  "package-not-installed",
]);
const NO_UPLOAD = errorAnswer("There is no such upload (uploads are kept a day): upload again.", [
  "upload-not-found",
]);

const APPLY_REFUSED = errorAnswer(
  "Refused, changing nothing. `plan-stale`: the database, the packages or the parameter values changed since the preview (preview again); `revision-changed`: another change was applied first, or retired columns the plan restores were purged; `conversion-refused`, `rows-refused`: existing rows a step cannot carry over.",
  ["plan-stale", "revision-changed", "conversion-refused", "rows-refused"],
);

/** Open, as for POST /api/meta/publish: whatever the engine refuses to compile or plan. */
const APPLY_INVALID: Response = {
  description:
    "`import-refused`: the preview is blocked (every conflict, problem and missing parameter value in `details`); reference data the database refuses (`reference-data-refused`, `reference-link-missing`, `reference-data-invalid`); a change the planner cannot make has its own code (e.g. `plan-type-change`).",
  content: jsonContent(schemaRef("Error")),
};

const CHANGE_BODY = {
  planId: {
    type: "string",
    maxLength: MAX_PLAN_ID,
    description: "The preview's `planId`: apply exactly that plan.",
  },
  parameters: PROFILE,
} satisfies Record<string, JsonSchema>;

/** The settings every package operation shares: administrators only, the system's tag. */
function administrators(
  operation: Omit<Operation, "tags" | "description"> & { description?: string },
): Operation {
  const { description, responses, ...rest } = operation;
  return {
    ...rest,
    description: description ? `${FOR_ADMINISTRATORS} ${description}` : FOR_ADMINISTRATORS,
    tags: [SYSTEM_TAG],
    responses: {
      ...shared("Unauthenticated", "Forbidden"),
      ...responses,
      ...shared("ServerError"),
    },
  };
}

/**
 * Configuration packages (runtime/src/packages/packages-router.ts and its README): list, export,
 * upload and preview, apply a previewed plan (or stream its progress), roll a package back,
 * retired columns and purging them, parameter values.
 */
export const PACKAGES_PATHS: Record<string, PathItem> = {
  "/api/packages": {
    get: administrators({
      operationId: "listPackages",
      summary: "The installed packages and every parameter's value in force",
      responses: {
        "200": {
          description: "The packages by name, and the declared parameters (secrets masked).",
          content: jsonContent({
            type: "object",
            properties: {
              packages: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    name: { type: "string" },
                    version: { type: "string" },
                    layer: LAYER,
                    labels: LABELS,
                    dependsOn: {
                      type: "object",
                      description: "Package name → version range.",
                      additionalProperties: { type: "string" },
                    },
                    installedAt: { type: "string", format: "date-time" },
                    installedBy: { type: "string" },
                    files: { ...COUNT, description: "How many files the package has." },
                  },
                  required: [
                    "name",
                    "version",
                    "layer",
                    "labels",
                    "dependsOn",
                    "installedAt",
                    "installedBy",
                    "files",
                  ],
                  additionalProperties: false,
                },
              },
              parameters: STATUSES,
            },
            required: ["packages", "parameters"],
            additionalProperties: false,
          }),
        },
      },
    }),
  },
  "/api/packages/{name}/export": {
    get: administrators({
      operationId: "exportPackage",
      summary: "An installed package as a zip",
      description:
        "Its files as installed, each JSON file formatted the same way every time and the manifest stamped with the others' `checksums`, so the zip imports elsewhere and an edit after export is noticed. No parameter value leaves with it.",
      parameters: [PACKAGE_PATH],
      responses: {
        "200": {
          description: "The zip, as an attachment named `<name>-<version>.zip`.",
          headers: {
            "Content-Disposition": {
              description:
                "`attachment; filename=<name>-<version>.zip` (the name quoted where it needs to be).",
              schema: { type: "string", pattern: '^attachment; filename="?[^";]+\\.zip"?$' },
            },
          },
          content: { "application/zip": { schema: { type: "string" } } },
        },
        "404": NOT_INSTALLED,
      },
    }),
  },
  "/api/packages/uploads": {
    post: administrators({
      operationId: "uploadPackages",
      summary: "Upload packages as a zip and preview their import",
      description:
        "The zip holds one package at its root, or several as top-level folders (a bundle). Unsafe, damaged or edited archives are refused before anything is kept; the packages are then kept a day for `preview` and `apply`, the parameter values are not.",
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            archive: {
              type: "string",
              maxLength: MAX_ARCHIVE,
              description: "The .zip file's bytes in base64.",
            },
            parameters: PROFILE,
          },
          required: ["archive"],
          additionalProperties: false,
        }),
      },
      responses: {
        "201": {
          description: "Kept: the upload's id and what importing it would do.",
          content: jsonContent({
            type: "object",
            properties: { upload: { type: "string" }, preview: PREVIEW },
            required: ["upload", "preview"],
            additionalProperties: false,
          }),
        },
        "400": errorAnswer(
          "The body is not JSON or not the object this route takes, or `archive` is not base64; `details` points at each problem.",
          ["invalid-body", "malformed-json", "invalid-archive"],
        ),
        "422": {
          description:
            "`archive-refused`: the archive is unsafe, damaged or not packages, each problem a detail whose `code` names the check (e.g. `path-traversal`, `checksum-mismatch`) and `path` the entry; `invalid-metadata`: a package does not load, each detail with its `file`; a change the planner cannot make has its own code (e.g. `plan-type-change`).",
          content: jsonContent(schemaRef("Error")),
        },
        ...BODY_LIMITS,
      },
    }),
  },
  "/api/packages/uploads/{id}/preview": {
    post: administrators({
      operationId: "previewPackageUpload",
      summary: "Preview an upload's import again",
      description:
        "Against the database as it is now, e.g. with the parameter values the last preview found missing.",
      parameters: [UPLOAD_PATH],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: { parameters: PROFILE },
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "What importing the upload would do.",
          content: jsonContent({
            type: "object",
            properties: { preview: PREVIEW },
            required: ["preview"],
            additionalProperties: false,
          }),
        },
        "400": BAD_BODY,
        "404": NO_UPLOAD,
        "422": {
          description: "A change the planner cannot make, with its own code.",
          content: jsonContent(schemaRef("Error")),
        },
        ...BODY_LIMITS,
      },
    }),
  },
  "/api/packages/uploads/{id}/apply": {
    post: administrators({
      operationId: "applyPackageUpload",
      summary: "Import an upload: apply the plan previewed",
      description:
        "In one transaction: the migration (columns the packages no longer have are retired, not dropped), the packages, the new revision, their reference data and the parameter values given. The same `parameters` as the preview are needed for its `planId` to match.",
      parameters: [UPLOAD_PATH],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: CHANGE_BODY,
          required: ["planId"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": APPLY_ANSWER,
        "400": BAD_BODY,
        "404": NO_UPLOAD,
        "409": APPLY_REFUSED,
        "422": APPLY_INVALID,
        ...BODY_LIMITS,
      },
    }),
  },
  "/api/packages/{name}/rollback": {
    post: administrators({
      operationId: "rollbackPackage",
      summary: "Take a package back to its version before the installed one",
      description:
        "An import of the package's files from the newest earlier revision where they differ (the whole installation without it when it was not installed then). Without `planId` it only previews; with the preview's `planId` it applies, answering as an upload's apply does (NDJSON included).",
      parameters: [PACKAGE_PATH],
      requestBody: {
        required: false,
        content: jsonContent({
          type: "object",
          properties: CHANGE_BODY,
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          ...APPLY_ANSWER,
          description: `Without \`planId\`: \`{ preview }\`. ${APPLY_ANSWER.description}`,
          content: {
            ...jsonContent({
              anyOf: [
                {
                  type: "object",
                  description: "A preview.",
                  properties: { preview: PREVIEW },
                  required: ["preview"],
                  additionalProperties: false,
                },
                ...(applied().anyOf ?? []),
              ],
            }),
            [NDJSON_MEDIA_TYPE]: { schema: APPLY_LINE },
          },
        },
        "400": BAD_BODY,
        "404": NOT_INSTALLED,
        "409": APPLY_REFUSED,
        "422": {
          ...APPLY_INVALID,
          description: `\`no-previous-version\`: no earlier revision of the package was kept; ${APPLY_INVALID.description}`,
        },
        ...BODY_LIMITS,
      },
    }),
  },
  "/api/packages/retired": {
    get: administrators({
      operationId: "listRetiredColumns",
      summary: "The retired columns: fields removed by imports, kept with their values",
      responses: {
        "200": {
          description: "Oldest first, each with how many rows hold a value.",
          content: jsonContent({
            type: "object",
            properties: { data: { type: "array", items: RETIRED_COLUMN } },
            required: ["data"],
            additionalProperties: false,
          }),
        },
      },
    }),
  },
  "/api/packages/purge": {
    post: administrators({
      operationId: "purgeRetiredColumns",
      summary: "Drop retired columns and their values for good",
      description:
        "After this no rollback brings them back. In one transaction; `dryRun` lists what would be dropped.",
      requestBody: {
        required: false,
        content: jsonContent({
          type: "object",
          properties: {
            tables: { ...NAMES, description: "Only these tables' retired columns (default: all)." },
            dryRun: { type: "boolean", default: false },
          },
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "The columns dropped (or, on a dry run, that would be).",
          content: jsonContent({
            type: "object",
            properties: {
              dryRun: { type: "boolean" },
              data: { type: "array", items: RETIRED_COLUMN },
            },
            required: ["dryRun", "data"],
            additionalProperties: false,
          }),
        },
        "400": BAD_BODY,
        "422": errorAnswer(
          "A table named is no table of the app; the message lists the tables holding retired columns, `details` points at each name.",
          ["unknown-table"],
        ),
        ...BODY_LIMITS,
      },
    }),
  },
  "/api/packages/parameters": {
    put: administrators({
      operationId: "setParameterValues",
      summary: "Set this environment's parameter values",
      description: "The values given are stored; the others stay as they are.",
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: { values: PROFILE },
          required: ["values"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "Every declared parameter, secrets masked.",
          content: jsonContent({
            type: "object",
            properties: { parameters: STATUSES },
            required: ["parameters"],
            additionalProperties: false,
          }),
        },
        "400": BAD_BODY,
        "422": errorAnswer(
          "A value names no declared parameter or is not a value of its type; nothing was stored. `details` points at each (`/parameters/<name>`).",
          ["invalid-parameter"],
        ),
        ...BODY_LIMITS,
      },
    }),
  },
};
