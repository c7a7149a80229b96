import { type JsonSchema, orNull } from "./json-schema.ts";
import { errorAnswer, jsonContent, parameterRef, schemaRef, shared } from "./openapi-components.ts";
import {
  ON_CONVERSION_FAILURE,
  PLAN_VIEW,
  PUBLISHED_REVISION,
  ROW_CHECKS,
} from "./openapi-publish-paths.ts";
import { SYSTEM_TAG } from "./openapi-service-paths.ts";
import type { Operation, Parameter, PathItem, Response } from "./openapi-types.ts";

const FOR_DESIGNERS = "For designers: a role with `designer: true`, or an administrator.";
/** runtime/src/designer/edit-draft.ts: MAX_CHANGES, MAX_PATH, FILE_PATH */
const MAX_CHANGES = 500;
const MAX_PATH = 200;
const FILE_PATH = "^([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_.-]*\\.json$";
const MANIFEST_FILE = "loom-package.json";
/** runtime/src/designer/designer-router.ts: MAX_PAGE */
const MAX_PAGE = 200;

const REVISION_ID: JsonSchema = { type: "integer", minimum: 1 };
export const LAYER: JsonSchema = { type: "string", enum: ["base", "customization"] };
const FILES: JsonSchema = {
  type: "object",
  description: "A package folder as `path → file text`, e.g. `extensions/customer.json`.",
  additionalProperties: { type: "string" },
};

/** What a draft changes in its package (engine `diffPackageFiles`): formatting alone is no change. */
const FILE_CHANGE = {
  file: { type: "string" },
  change: { type: "string", enum: ["added", "changed", "removed"] },
} satisfies Record<string, JsonSchema>;

export const FILE_CHANGES: JsonSchema = {
  type: "array",
  items: {
    type: "object",
    properties: FILE_CHANGE,
    required: ["file", "change"],
    additionalProperties: false,
  },
};

/** Between two revisions: the packages' files, package by package. */
const PACKAGE_FILE_CHANGES: JsonSchema = {
  type: "array",
  items: {
    type: "object",
    properties: {
      package: { type: "string" },
      ...FILE_CHANGE,
      before: orNull({
        type: "string",
        description: "The file's text in the older revision (null: added).",
      }),
      after: orNull({
        type: "string",
        description: "The file's text in the newer revision (null: removed).",
      }),
    },
    required: ["package", "file", "change", "before", "after"],
    additionalProperties: false,
  },
};

/** An engine `Issue` of the draft, named by package and file. */
export const ISSUE: JsonSchema = {
  type: "object",
  properties: {
    code: { type: "string", description: "e.g. `schema`, `unknown-field`." },
    message: { type: "string" },
    package: { type: "string" },
    file: { type: "string", description: "Relative to the package, e.g. `entities/machine.json`." },
    path: { type: "string", description: "A JSON pointer into the file (empty: the whole file)." },
    line: { type: "integer", minimum: 1 },
    column: { type: "integer", minimum: 1 },
  },
  required: ["code", "message", "package"],
  additionalProperties: false,
};

/** GET /api/designer/draft (runtime/src/designer/open-draft.ts `draftView`). */
const DRAFT: JsonSchema = {
  type: "object",
  title: "Designer draft",
  properties: {
    package: {
      type: "object",
      description:
        "The package the draft edits: the installed customization package (the last installed of several), else a new `customizations` one; a new base package on an empty installation.",
      properties: {
        name: { type: "string" },
        layer: LAYER,
        installed: { type: "boolean", description: "false: publishing creates it." },
      },
      required: ["name", "layer", "installed"],
      additionalProperties: false,
    },
    version: {
      type: "integer",
      minimum: 0,
      description:
        "Send it back to edit or publish this draft; 0 while nothing is stored (the draft is the installed package).",
    },
    basedOn: {
      type: ["integer", "null"],
      minimum: 1,
      description: "The revision served when the draft started (null: none yet).",
    },
    currentRevision: { type: ["integer", "null"], minimum: 1, description: "The revision now." },
    stale: {
      type: "boolean",
      description:
        "Someone changed the package since the draft started (an import, a publish, a rollback): it cannot be published, only discarded.",
    },
    updatedAt: { type: ["string", "null"], format: "date-time" },
    updatedBy: { type: ["string", "null"] },
    files: FILES,
    changes: { ...FILE_CHANGES, description: "What the draft changes in the installed package." },
    issues: {
      type: "array",
      description:
        "Every problem compiling the draft with the other installed packages finds; a draft with issues is saved, not published.",
      items: ISSUE,
    },
    packages: {
      type: "array",
      description: "The other installed packages, read-only.",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          version: { type: "string" },
          layer: LAYER,
          files: FILES,
        },
        required: ["name", "version", "layer", "files"],
        additionalProperties: false,
      },
    },
  },
  required: [
    "package",
    "version",
    "basedOn",
    "currentRevision",
    "stale",
    "updatedAt",
    "updatedBy",
    "files",
    "changes",
    "issues",
    "packages",
  ],
  additionalProperties: false,
};

/** runtime/src/designer/revision-log.ts `RevisionSummary`. */
const REVISION: JsonSchema = {
  type: "object",
  properties: {
    id: REVISION_ID,
    createdAt: { type: "string", format: "date-time" },
    createdBy: { type: "string" },
    note: { type: ["string", "null"] },
    packages: {
      type: "object",
      description: "Package name → version.",
      additionalProperties: { type: "string" },
    },
    steps: { type: "integer", minimum: 0, description: "The migration steps it ran." },
    dataLosing: { type: "boolean" },
    restorable: {
      type: "boolean",
      description:
        "Its package files were kept, so it can be compared and rolled back to (false for revisions applied before Loom kept them).",
    },
  },
  required: [
    "id",
    "createdAt",
    "createdBy",
    "note",
    "packages",
    "steps",
    "dataLosing",
    "restorable",
  ],
  additionalProperties: false,
};

/** What publishing the draft or rolling back did: as POST /api/meta/publish answers, less the plan when unchanged. */
const APPLIED: JsonSchema = {
  anyOf: [
    {
      type: "object",
      properties: { revision: PUBLISHED_REVISION, plan: PLAN_VIEW, checks: ROW_CHECKS },
      required: ["revision", "plan", "checks"],
      additionalProperties: false,
    },
    {
      type: "object",
      description: "Nothing to do: the model is the one served already.",
      properties: { revision: PUBLISHED_REVISION, unchanged: { type: "boolean", enum: [true] } },
      required: ["revision", "unchanged"],
      additionalProperties: false,
    },
  ],
};

const ALLOW_DATA_LOSS: JsonSchema = {
  type: "boolean",
  default: false,
  description: "Consent to data-losing steps (a dropped field or entity).",
};

/** The 403 of every designer operation: `forbidden` names `designer`. */
const FORBIDDEN: Response = errorAnswer(
  'Signed in, but not allowed. `forbidden`: the roles hold no `designer: true` and are not the administrator\'s; `permission` is `"designer"`. `password-change-required`: the account still has a one-time password.',
  ["forbidden", "password-change-required"],
  {
    anyOf: [
      {
        not: { type: "object", properties: { code: { enum: ["forbidden"] } }, required: ["code"] },
      },
      {
        type: "object",
        properties: { permission: { type: "string", enum: ["designer"] } },
        required: ["permission"],
      },
    ],
  },
);

export const BAD_BODY = errorAnswer(
  "The body is not JSON, or not the object this route takes (unknown properties included); `details` points at each problem.",
  ["invalid-body", "malformed-json"],
);

/**
 * 422 codes are open, as for POST /api/meta/publish: `invalid-metadata` and whatever else the
 * engine refuses to plan.
 */
const DRAFT_INVALID: Response = {
  description:
    "The draft has issues: `invalid-metadata`, each detail at `/files/<file, “/” as ~1><pointer>`, its message starting `<file>:<line>:<column>`; a change the planner cannot make has its own code (e.g. `plan-type-change`).",
  content: jsonContent(schemaRef("Error")),
};

const STALE = "`draft-stale`: someone changed the package since the draft started (discard it)";
const NOTHING = "`nothing-to-publish`: the draft changes nothing";
const CONSENT =
  "`data-loss-refused`: the plan is data-losing and `allowDataLoss` is not true; `conversion-refused`, `rows-refused`: existing rows a step cannot carry over; `revision-changed`: another publish came first";

const REVISION_PATH: Parameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The revision's `id`.",
  schema: REVISION_ID,
};

const NO_REVISION = errorAnswer("There is no such revision.", ["not-found"]);

const BAD_PARAMETER = (what: string): Response =>
  errorAnswer(`${what} is not a positive integer; \`details\` names it.`, ["invalid-parameter"]);

const NOT_RESTORABLE =
  "`revision-not-restorable`: the revision was applied before Loom kept package files with revisions, or a package of it no longer loads";

/** The settings every designer operation shares. */
function designer(operation: Omit<Operation, "tags" | "description"> & { description?: string }) {
  const { description, ...rest } = operation;
  return {
    ...rest,
    description: description ? `${FOR_DESIGNERS} ${description}` : FOR_DESIGNERS,
    tags: [SYSTEM_TAG],
  } satisfies Operation;
}

const ACCESS = { ...shared("Unauthenticated"), "403": FORBIDDEN };
export const BODY_LIMITS = shared("PayloadTooLarge", "UnsupportedMediaType");

/** The designer's API (runtime/src/designer/designer-router.ts and its README). */
export const DESIGNER_PATHS: Record<string, PathItem> = {
  "/api/designer/draft": {
    get: designer({
      operationId: "getDesignerDraft",
      summary: "The draft of the customization package, its changes and issues",
      description:
        "The stored draft, else a fresh one: the package as installed (not stored until edited). The live app is unchanged until the draft is published.",
      responses: {
        "200": { description: "The draft.", content: jsonContent(DRAFT) },
        ...ACCESS,
        ...shared("ServerError"),
      },
    }),
    put: designer({
      operationId: "editDesignerDraft",
      summary: "Write or remove files of the draft, together, as its next version",
      description:
        "A draft may hold issues (it is work in progress): they are reported, not refused. The manifest keeps the package's name and layer.",
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            version: {
              type: "integer",
              minimum: 0,
              description: "The draft's `version` you edited (0 when there is no draft yet).",
            },
            changes: {
              type: "array",
              minItems: 1,
              maxItems: MAX_CHANGES,
              description: "Each file at most once; the manifest cannot be removed.",
              items: {
                type: "object",
                properties: {
                  file: {
                    type: "string",
                    maxLength: MAX_PATH,
                    pattern: FILE_PATH,
                    description:
                      "Relative, lower-case folders and a `.json` file, e.g. `entities/machine.json`.",
                  },
                  text: {
                    type: ["string", "null"],
                    description: "The file's JSON text, or null to remove it.",
                  },
                },
                required: ["file", "text"],
                additionalProperties: false,
                not: {
                  type: "object",
                  properties: { file: { enum: [MANIFEST_FILE] }, text: { type: "null" } },
                  required: ["file", "text"],
                },
              },
            },
          },
          required: ["version", "changes"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": { description: "The draft as saved.", content: jsonContent(DRAFT) },
        "400": BAD_BODY,
        ...ACCESS,
        "409": errorAnswer(
          "Someone saved or discarded the draft since you read it: reload it and redo your change; `currentVersion` is the draft's version now when known.",
          ["version-conflict"],
        ),
        "422": errorAnswer("The manifest's name or layer changed.", ["manifest-locked"]),
        ...BODY_LIMITS,
        ...shared("ServerError"),
      },
    }),
    delete: designer({
      operationId: "discardDesignerDraft",
      summary: "Discard the draft",
      responses: {
        "200": {
          description: "The fresh draft: the package as installed.",
          content: jsonContent(DRAFT),
        },
        ...ACCESS,
        ...shared("ServerError"),
      },
    }),
  },
  "/api/designer/draft/plan": {
    post: designer({
      operationId: "planDesignerDraft",
      summary: "What publishing the draft would do now, without doing it",
      description: "Takes no body.",
      responses: {
        "200": {
          description:
            "The draft's version and changes, the migration plan and the rows its steps would flag.",
          content: jsonContent({
            type: "object",
            properties: {
              version: { type: "integer", minimum: 0 },
              changes: FILE_CHANGES,
              plan: PLAN_VIEW,
              checks: ROW_CHECKS,
              unchanged: { type: "boolean", description: "The model is the one served already." },
            },
            required: ["version", "changes", "plan", "checks", "unchanged"],
            additionalProperties: false,
          }),
        },
        ...ACCESS,
        "409": errorAnswer(`Nothing to plan: ${STALE}; ${NOTHING}.`, [
          "draft-stale",
          "nothing-to-publish",
        ]),
        "422": DRAFT_INVALID,
        ...shared("ServerError"),
      },
    }),
  },
  "/api/designer/draft/publish": {
    post: designer({
      operationId: "publishDesignerDraft",
      summary: "Publish the draft: migrate the database and serve the new revision",
      description:
        "In one transaction with the migration, the package's patch version raised unless the draft changed it, and the draft dropped; the new revision is served when this answers.",
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            version: {
              type: "integer",
              minimum: 0,
              maximum: 2 ** 31 - 1,
              description: "The draft's `version` you reviewed: a draft saved since is refused.",
            },
            allowDataLoss: ALLOW_DATA_LOSS,
            onConversionFailure: ON_CONVERSION_FAILURE,
            note: { type: "string", maxLength: 2000, description: "Recorded with the revision." },
          },
          required: ["version"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": { description: "Published.", content: jsonContent(APPLIED) },
        "400": BAD_BODY,
        ...ACCESS,
        "409": errorAnswer(
          `Refused, changing nothing. \`version-conflict\`: the draft was saved since (\`currentVersion\`); ${STALE}; ${NOTHING}; ${CONSENT}.`,
          [
            "version-conflict",
            "draft-stale",
            "nothing-to-publish",
            "data-loss-refused",
            "conversion-refused",
            "rows-refused",
            "revision-changed",
          ],
        ),
        "422": DRAFT_INVALID,
        ...BODY_LIMITS,
        ...shared("ServerError"),
      },
    }),
  },
  "/api/designer/revisions": {
    get: designer({
      operationId: "listDesignerRevisions",
      summary: "The published revisions, newest first",
      parameters: [
        {
          name: "limit",
          in: "query",
          description: `How many revisions one page holds (50 when absent; more than ${MAX_PAGE} give ${MAX_PAGE}).`,
          schema: { type: "integer", minimum: 1, default: 50 },
        },
        parameterRef("before"),
      ],
      responses: {
        "200": {
          description: "One page of revisions.",
          content: jsonContent({
            type: "object",
            properties: { data: { type: "array", items: REVISION } },
            required: ["data"],
            additionalProperties: false,
          }),
        },
        "400": BAD_PARAMETER("`limit` or `before`"),
        ...ACCESS,
        ...shared("ServerError"),
      },
    }),
  },
  "/api/designer/revisions/{id}": {
    get: designer({
      operationId: "getDesignerRevision",
      summary: "A revision and what it changed against the one before",
      parameters: [REVISION_PATH],
      responses: {
        "200": {
          description:
            "The revision, the one before it (null: the first) and the files it changed.",
          content: jsonContent({
            type: "object",
            properties: {
              revision: REVISION,
              previous: { type: ["integer", "null"], minimum: 1 },
              changes: {
                ...orNull(PACKAGE_FILE_CHANGES),
                description: "null: this revision or the one before did not keep its files.",
              },
            },
            required: ["revision", "previous", "changes"],
            additionalProperties: false,
          }),
        },
        "400": BAD_PARAMETER("The id"),
        ...ACCESS,
        "404": NO_REVISION,
        ...shared("ServerError"),
      },
    }),
  },
  "/api/designer/revisions/{id}/diff": {
    get: designer({
      operationId: "diffDesignerRevisions",
      summary: "The files that changed from one revision to another",
      parameters: [
        REVISION_PATH,
        {
          name: "against",
          in: "query",
          required: true,
          description: "The revision to compare from.",
          schema: REVISION_ID,
        },
      ],
      responses: {
        "200": {
          description: "The file changes from `against` to `id`.",
          content: jsonContent({
            type: "object",
            properties: { from: REVISION_ID, to: REVISION_ID, changes: PACKAGE_FILE_CHANGES },
            required: ["from", "to", "changes"],
            additionalProperties: false,
          }),
        },
        "400": BAD_PARAMETER("The id or `against`"),
        ...ACCESS,
        "404": NO_REVISION,
        "409": errorAnswer("One of the revisions did not keep its package files.", [
          "revision-not-restorable",
        ]),
        ...shared("ServerError"),
      },
    }),
  },
  "/api/designer/revisions/{id}/rollback": {
    post: designer({
      operationId: "rollbackToDesignerRevision",
      summary: "Re-apply exactly a revision's packages as a new revision",
      description:
        "Packages installed since are removed; noted `rollback to revision <id>`. With the same plan, consent and atomicity as a publish: columns the revision's model lacks are dropped, so that plan is data-losing. A dry run answers the plan only.",
      parameters: [REVISION_PATH],
      requestBody: {
        required: false,
        content: jsonContent({
          type: "object",
          properties: {
            dryRun: { type: "boolean", default: false, description: "Only plan it." },
            allowDataLoss: ALLOW_DATA_LOSS,
          },
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "Rolled back, or nothing to do (`unchanged`); a dry run's plan.",
          content: jsonContent({
            anyOf: [
              ...(APPLIED.anyOf ?? []),
              {
                type: "object",
                description: "A dry run.",
                properties: {
                  plan: PLAN_VIEW,
                  checks: ROW_CHECKS,
                  unchanged: { type: "boolean" },
                },
                required: ["plan", "checks", "unchanged"],
                additionalProperties: false,
              },
            ],
          }),
        },
        "400": errorAnswer(
          "The id is not a positive integer, or the body is not JSON or not the object this route takes.",
          ["invalid-parameter", "invalid-body", "malformed-json"],
        ),
        ...ACCESS,
        "404": NO_REVISION,
        "409": errorAnswer(`Refused, changing nothing. ${NOT_RESTORABLE}; ${CONSENT}.`, [
          "revision-not-restorable",
          "data-loss-refused",
          "conversion-refused",
          "rows-refused",
          "revision-changed",
        ]),
        "422": {
          description:
            "The revision's packages no longer compile or plan with this Loom: `invalid-metadata`, or the planner's own code (e.g. `plan-type-change`).",
          content: jsonContent(schemaRef("Error")),
        },
        ...BODY_LIMITS,
        ...shared("ServerError"),
      },
    }),
  },
};
