import { type AppModel, type Entity, evaluate, isTruthy, type JsonLogic } from "@loom/engine";
import type { JsonRecord } from "../api/types.ts";

/**
 * The record's fields whose `requiredIf` holds for it as it is now, evaluated by the engine as
 * the server does on save. An expression over half-typed input may throw: the server decides then.
 */
export function requiredNow(entity: Entity, record: JsonRecord): string[] {
  return entity.fields
    .filter((field) => field.requiredIf !== undefined && holds(field.requiredIf, record))
    .map((field) => field.name);
}

/**
 * The paths (`["lines", 0, "warehouse"]`) of the empty fields, lines' included, whose
 * `requiredIf` holds: what the server would refuse with 422 `required`.
 */
export function missingRequired(
  model: AppModel,
  entity: Entity,
  record: JsonRecord,
  prefix: readonly (string | number)[] = [],
): (string | number)[][] {
  const missing = requiredNow(entity, record)
    .filter((name) => isEmpty(record[name]))
    .map((name) => [...prefix, name]);
  for (const field of entity.fields) {
    const line = field.type === "table" && field.target ? model.entities[field.target] : undefined;
    const lines = record[field.name];
    if (!line || !Array.isArray(lines)) continue;
    lines.forEach((value: JsonRecord | null, i) => {
      missing.push(...missingRequired(model, line, value ?? {}, [...prefix, field.name, i]));
    });
  }
  return missing;
}

/** Empty as the server counts it; a field the form never set (`undefined`) is empty too. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

function holds(condition: unknown, record: JsonRecord): boolean {
  try {
    return isTruthy(evaluate(condition as JsonLogic, record));
  } catch {
    return false;
  }
}
