import type { JsonRecord } from "@loom/app/api-types";
import { newRecord } from "@loom/app/form/record-setup";
import type { AppModel, Entity, Field, FieldType } from "@loom/engine";

/** The id every sample link holds: the preview knows its title, nothing is read. */
export const SAMPLE_ID = "00000000-0000-4000-8000-000000000001";

/** A plausible value of each type, for a form seen filled in. */
const VALUES: Readonly<
  Record<Exclude<FieldType, "select" | "multiselect" | "link" | "table">, unknown>
> = {
  text: "Sample",
  longtext: "Sample text\nover two lines",
  email: "name@example.com",
  phone: "+86 21 5555 0100",
  url: "https://example.com",
  integer: 12,
  decimal: 2.5,
  money: 1280,
  percent: 15,
  boolean: true,
  date: "2025-03-18",
  datetime: "2025-03-18T09:30:00.000Z",
  json: { sample: true },
};

/**
 * A record of the entity to preview its form with: what a new record starts with (defaults,
 * the workflow's first state), a sample value for every other field, one sample line per table
 * (lines of lines left empty). Left empty: computed fields (the form computes them) and the
 * fields `empty` names (those with a placeholder, so it shows).
 */
export function sampleRecord(
  model: AppModel,
  entity: Entity,
  empty: ReadonlySet<string> = new Set(),
  depth = 0,
): JsonRecord {
  const record: JsonRecord = {};
  for (const field of entity.fields) {
    if (field.computed !== undefined || empty.has(field.name)) continue;
    const value = sampleValue(model, field, depth);
    if (value !== undefined) record[field.name] = value;
  }
  return { ...record, ...newRecord(model, entity) };
}

/** The entities the sample's links point to that have a title to show (lines' links included). */
export function sampleLinkTargets(model: AppModel, entity: Entity): string[] {
  const targets = new Set<string>();
  for (const field of entity.fields) {
    const target = field.target === undefined ? undefined : model.entities[field.target];
    if (field.type === "link" && target?.titleField !== undefined) targets.add(target.name);
    if (field.type === "table" && target)
      for (const inner of sampleLinkTargets(model, target)) targets.add(inner);
  }
  return [...targets];
}

function sampleValue(model: AppModel, field: Field, depth: number): unknown {
  if (field.default !== undefined) return field.default;
  const first = field.options?.[0]?.value;
  switch (field.type) {
    case "select":
      return first;
    case "multiselect":
      return first === undefined ? undefined : [first];
    case "link":
      return field.target !== undefined && model.entities[field.target]?.titleField !== undefined
        ? SAMPLE_ID
        : undefined;
    case "table": {
      const child = field.target === undefined ? undefined : model.entities[field.target];
      return child && depth === 0 ? [sampleRecord(model, child, new Set(), depth + 1)] : [];
    }
    case "integer":
    case "decimal":
    case "money":
    case "percent":
      return Math.min(
        Math.max(VALUES[field.type] as number, field.min ?? -Infinity),
        field.max ?? Infinity,
      );
    case "text":
    case "longtext":
      return (VALUES[field.type] as string).slice(0, field.maxLength);
    default:
      return VALUES[field.type];
  }
}
