import type { Ajv2020 } from "ajv/dist/2020.js";

export type JsonType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

/**
 * The subset of JSON Schema 2020-12 the generated schemas use. OpenAPI 3.1 schema objects are the
 * same dialect, so these embed there unchanged.
 */
export interface JsonSchema {
  $ref?: string;
  type?: JsonType | readonly [JsonType, "null"];
  title?: string;
  description?: string;
  default?: unknown;
  readOnly?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  uniqueItems?: boolean;
  minItems?: number;
  maxItems?: number;
  enum?: readonly unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: readonly JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  else?: JsonSchema;
  /** annotations for UIs (labels in every language); validators ignore them */
  [annotation: `x-${string}`]: unknown;
}

/**
 * The annotation keywords record schemas carry: `x-labels` (a field's or entity's labels in every
 * language), `x-help` (a field's help or an entity's description in every language) and
 * `x-enumLabels` (option value → labels). `title`/`description` hold English only, so UIs in
 * zh-CN need these.
 */
export const RECORD_SCHEMA_KEYWORDS = ["x-labels", "x-help", "x-enumLabels"] as const;

/** Ajv in strict mode rejects unknown keywords; this declares the annotations so it accepts them. */
export function addRecordSchemaKeywords(ajv: Pick<Ajv2020, "addKeyword">): void {
  for (const keyword of RECORD_SCHEMA_KEYWORDS) ajv.addKeyword({ keyword, schemaType: "object" });
}

/** The same schema that also accepts JSON `null`. */
export function orNull(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) return { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
  if (typeof schema.type !== "string") return schema;
  return {
    ...schema,
    type: [schema.type, "null"],
    ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
  };
}
