import { type AppModel, addRecordSchemaKeywords, recordSchema } from "@loom/engine";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { type ErrorDetail, HttpError } from "../../server/http-error.ts";

// ajv-formats is CommonJS: its function is both `module.exports` and `.default`
const addFormats = addFormatsModule.default;

export interface BodyValidators {
  readonly create: ValidateFunction;
  readonly update: ValidateFunction;
}

/**
 * The create and update body validators of every document entity (child entities are checked
 * inside their document), compiled once per revision on one strict ajv.
 */
export function compileBodyValidators(model: AppModel): ReadonlyMap<string, BodyValidators> {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  addRecordSchemaKeywords(ajv);
  const validators = new Map<string, BodyValidators>();
  for (const entity of Object.values(model.entities)) {
    if (entity.type === "child") continue;
    validators.set(entity.name, {
      create: ajv.compile(recordSchema(model, entity.name, "create")),
      update: ajv.compile(recordSchema(model, entity.name, "update")),
    });
  }
  return validators;
}

/** Refuses a body its validator rejects: 400 `invalid-record` listing every problem. */
export function checkBody(validate: ValidateFunction, body: unknown): void {
  if (validate(body)) return;
  const details = (validate.errors ?? []).map(detailOf);
  throw new HttpError(400, "invalid-record", "the record does not fit its entity", details);
}

/** A problem with a property (unknown, missing) points at that property, not at its object. */
function detailOf(error: ErrorObject): ErrorDetail {
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  const property = params.additionalProperty ?? params.missingProperty;
  const path =
    property === undefined
      ? error.instancePath
      : `${error.instancePath}/${pointerSegment(property)}`;
  return { path, message: error.message ?? error.keyword };
}

function pointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}
