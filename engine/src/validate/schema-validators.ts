import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import dashboardSchema from "../../../schemas/dashboard.schema.json" with { type: "json" };
import dataSchema from "../../../schemas/data.schema.json" with { type: "json" };
import entitySchema from "../../../schemas/entity.schema.json" with { type: "json" };
import entityExtensionSchema from "../../../schemas/entity-extension.schema.json" with {
  type: "json",
};
import formSchema from "../../../schemas/form.schema.json" with { type: "json" };
import menuSchema from "../../../schemas/menu.schema.json" with { type: "json" };
import packageSchema from "../../../schemas/package.schema.json" with { type: "json" };
import reportSchema from "../../../schemas/report.schema.json" with { type: "json" };
import roleSchema from "../../../schemas/role.schema.json" with { type: "json" };
import viewSchema from "../../../schemas/view.schema.json" with { type: "json" };
import workflowSchema from "../../../schemas/workflow.schema.json" with { type: "json" };
import { addRecordSchemaKeywords, type JsonSchema } from "../api/json-schema.ts";
import { joinPointer } from "../load/json-source.ts";
import type { ComponentKind } from "../metadata/types.ts";
import { canonicalJson } from "../model/checksum.ts";

export type DocumentKind = ComponentKind | "package";

export interface SchemaError {
  /** JSON pointer of the offending value inside the document */
  pointer: string;
  message: string;
}

// ajv-formats is CommonJS: its function is both `module.exports` and `.default`; `.default` works under Node ESM and bundlers alike
const addFormats = addFormatsModule.default;

/** Each document kind's JSON Schema, by kind (the designer's JSON view offers them to monaco). */
export const DOCUMENT_SCHEMAS: Readonly<Record<DocumentKind, { readonly $id: string }>> = {
  package: packageSchema,
  entity: entitySchema,
  "entity-extension": entityExtensionSchema,
  role: roleSchema,
  workflow: workflowSchema,
  form: formSchema,
  view: viewSchema,
  menu: menuSchema,
  data: dataSchema,
  report: reportSchema,
  dashboard: dashboardSchema,
};

let validators: Record<DocumentKind, ValidateFunction> | undefined;

/** Compiled once per process (ajv compilation is the expensive part), then reused. */
function getValidators(): Record<DocumentKind, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv);
    ajv.addSchema(Object.values(DOCUMENT_SCHEMAS));
    const compile = (kind: DocumentKind): ValidateFunction => {
      const id = DOCUMENT_SCHEMAS[kind].$id;
      const validate = ajv.getSchema(id);
      if (!validate) throw new Error(`schema ${id} is not registered`);
      return validate;
    };
    validators = {
      package: compile("package"),
      entity: compile("entity"),
      "entity-extension": compile("entity-extension"),
      role: compile("role"),
      workflow: compile("workflow"),
      form: compile("form"),
      view: compile("view"),
      menu: compile("menu"),
      data: compile("data"),
      report: compile("report"),
      dashboard: compile("dashboard"),
    };
  }
  return validators;
}

export function validateDocument(kind: DocumentKind, value: unknown): SchemaError[] {
  const validate = getValidators()[kind];
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? []);
}

let recordAjv: Ajv2020 | undefined;
const recordValidators = new Map<string, ValidateFunction>();

/**
 * Checks a value against a generated record schema (`recordSchema`, `valueSchema`: reference-data
 * rows are checked like the data API's bodies). One validator per distinct schema, compiled on
 * first use and kept: the model compiles again on every change in the designer.
 */
export function validateAgainst(schema: JsonSchema, value: unknown): SchemaError[] {
  const text = canonicalJson(schema);
  let validate = recordValidators.get(text);
  if (!validate) {
    if (!recordAjv) {
      recordAjv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
      addFormats(recordAjv);
      addRecordSchemaKeywords(recordAjv);
    }
    validate = recordAjv.compile(schema);
    recordValidators.set(text, validate);
  }
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? []);
}

/** ajv reports every branch it tried; keep the errors that tell a person what to change. */
function describeErrors(errors: readonly ErrorObject[]): SchemaError[] {
  const seen = new Set<string>();
  const result: SchemaError[] = [];
  const choices = errors.filter((error) => oneKeyChoice(error) !== undefined);
  for (const error of errors) {
    if (error.keyword === "if") continue; // the `then` branch's own errors say what is wrong
    // a branch's "missing property" says less than the choice it belongs to
    if (
      choices.some(
        (choice) => error !== choice && error.schemaPath.startsWith(`${choice.schemaPath}/`),
      )
    )
      continue;
    const described = describeError(error);
    const key = `${described.pointer}\u0000${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(described);
  }
  return result;
}

function describeError(error: ErrorObject): SchemaError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return {
        pointer: joinPointer(error.instancePath, String(params.additionalProperty)),
        message: `unknown property "${String(params.additionalProperty)}"`,
      };
    case "required":
      return {
        pointer: error.instancePath,
        message: `missing required property "${String(params.missingProperty)}"`,
      };
    case "enum":
      return {
        pointer: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "const":
      return {
        pointer: error.instancePath,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
      };
    case "uniqueItems":
      return {
        pointer: joinPointer(error.instancePath, Number(params.i)),
        message: `${JSON.stringify((error.data as unknown[])[Number(params.i)])} is listed twice (also at index ${String(params.j)})`,
      };
    case "oneOf": {
      const keys = oneKeyChoice(error);
      if (!keys) return { pointer: error.instancePath, message: error.message ?? error.keyword };
      return {
        pointer: error.instancePath,
        message: `needs exactly one of ${keys.map((k) => `"${k}"`).join(", ")}`,
      };
    }
    case "not": {
      // the schemas forbid a property with `not: {}` and say in its description where it belongs
      const property = error.instancePath.split("/").pop();
      const why = (error.parentSchema as { description?: string } | undefined)?.description;
      return {
        pointer: error.instancePath,
        message: `"${property}" is not allowed here${why ? `: ${why}` : ""}`,
      };
    }
    default:
      return { pointer: error.instancePath, message: error.message ?? error.keyword };
  }
}

/**
 * The keys of a `oneOf` whose branches each only require one property (an assignee is a role,
 * a user, a field or an expression): undefined for any other error.
 */
function oneKeyChoice(error: ErrorObject): string[] | undefined {
  if (error.keyword !== "oneOf" || !Array.isArray(error.schema)) return undefined;
  const keys: string[] = [];
  for (const branch of error.schema as unknown[]) {
    // `properties: { key: true }` beside `required` only declares the key for ajv's strict mode
    const required = (branch as { required?: unknown }).required;
    if (
      typeof branch !== "object" ||
      branch === null ||
      Object.keys(branch).some((k) => k !== "required" && k !== "properties") ||
      !Array.isArray(required) ||
      required.length !== 1
    )
      return undefined;
    keys.push(String(required[0]));
  }
  return keys;
}
