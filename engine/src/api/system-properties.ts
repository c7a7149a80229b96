import type { Labels } from "../metadata/types.ts";
import { type Entity, SYSTEM_COLUMNS } from "../model/app-model.ts";
import { type JsonSchema, orNull } from "./json-schema.ts";
import { labelAnnotations, serverSet } from "./label-annotations.ts";
import { type RecordMode, UUID } from "./value-schema.ts";

type SystemColumn = (typeof SYSTEM_COLUMNS)[number] | "parent_id" | "line_no";

const LABELS: Record<SystemColumn, Labels> = {
  id: { en: "ID", "zh-CN": "ID" },
  version: { en: "Version", "zh-CN": "版本" },
  created_at: { en: "Created At", "zh-CN": "创建时间" },
  created_by: { en: "Created By", "zh-CN": "创建人" },
  updated_at: { en: "Updated At", "zh-CN": "更新时间" },
  updated_by: { en: "Updated By", "zh-CN": "更新人" },
  parent_id: { en: "Parent", "zh-CN": "上级" },
  line_no: { en: "Line No.", "zh-CN": "行号" },
};

const DATE_TIME: JsonSchema = { type: "string", format: "date-time" };
const VERSION: JsonSchema = { type: "integer", minimum: 1 };

/** How each system column reads: the storage columns of physical-schema.ts as JSON. */
const READ: Record<SystemColumn, JsonSchema> = {
  id: UUID,
  version: VERSION,
  created_at: DATE_TIME,
  created_by: orNull({ type: "string" }),
  updated_at: DATE_TIME,
  updated_by: orNull({ type: "string" }),
  parent_id: orNull(UUID),
  line_no: { type: "integer", minimum: 1 },
};

/**
 * The system columns of a record, before its fields. Lines carry only `id` and `line_no` (they
 * share their parent's version and audit columns). On writes most are set by the server: they
 * stay allowed, untyped, so a client may send back the record it read.
 */
export function systemProperties(entity: Entity, mode: RecordMode): Record<string, JsonSchema> {
  const columns: readonly SystemColumn[] =
    entity.type === "child"
      ? ["id", "line_no"]
      : [...SYSTEM_COLUMNS, ...(entity.type === "tree" ? (["parent_id"] as const) : [])];
  const properties: Record<string, JsonSchema> = {};
  for (const column of columns) properties[column] = systemProperty(entity, column, mode);
  return properties;
}

function systemProperty(entity: Entity, column: SystemColumn, mode: RecordMode): JsonSchema {
  const labels = LABELS[column];
  if (mode === "read") {
    return { ...labelAnnotations(labels), ...READ[column], readOnly: column !== "parent_id" };
  }
  if (column === "parent_id") {
    return {
      ...labelAnnotations(labels, undefined, "The parent record, or null at the top."),
      ...READ.parent_id,
    };
  }
  if (column === "id" && entity.type === "child") {
    return {
      ...labelAnnotations(labels, undefined, "An existing line's id; leave it out for a new line."),
      ...UUID,
    };
  }
  if (column === "version" && mode === "update") {
    return {
      ...labelAnnotations(
        labels,
        undefined,
        "The version the change is based on (or send If-Match); a stale one is refused with 409.",
      ),
      ...VERSION,
    };
  }
  return serverSet(labels, undefined, "Set by the server; a value sent is ignored.");
}
