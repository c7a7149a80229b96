import { addTime, dateAsDateTime } from "../expr/dates.ts";
import type { JsonLogic } from "../metadata/types.ts";
import { type DatasetModel, PARENT } from "./report-dataset.ts";
import type { Bucket } from "./types.ts";
import { WORKFLOW_TASKS } from "./workflow-tasks-dataset.ts";

/**
 * The entity whose list a report's drill opens: the root itself when it is a document, the
 * document of a line root (reached through `parent`, once per level); none for `$workflow_tasks`.
 */
export function drillEntities(root: string, model: DatasetModel): string[] {
  if (root === WORKFLOW_TASKS) return [];
  const { entity } = documentOf(root, model);
  return entity === undefined ? [] : [entity];
}

/** The document above a root and the path prefix reaching it (`""` for a document root). */
export function documentOf(root: string, model: DatasetModel): { entity?: string; prefix: string } {
  let entity = model.entities[root];
  let prefix = "";
  const seen = new Set<string>();
  while (entity?.parent !== undefined && !seen.has(entity.name)) {
    seen.add(entity.name);
    prefix += `${PARENT}.`;
    entity = model.entities[entity.parent];
  }
  return { ...(entity && { entity: entity.name }), prefix };
}

/** One dimension's value in a row, and how it was grouped. */
export interface DrillKey {
  readonly field: string;
  readonly value: unknown;
  readonly bucket?: Bucket;
  /** the field is a datetime: bucket bounds are compared as instants */
  readonly datetime: boolean;
}

/**
 * The json-logic selecting, among the drill list's records, those a row counted: the report's
 * filter (parameters already substituted) and the row's dimension values — a bucket as the range
 * [first day, next bucket's first day). From a line root only what reads the document can be said
 * in its list: document paths lose their `parent.` prefix, conditions on the lines themselves are
 * left out (the list then shows every document that has such lines and more).
 */
export function drillWhere(
  filter: JsonLogic | undefined,
  keys: readonly DrillKey[],
  prefix: string,
): JsonLogic {
  const parts: JsonLogic[] = [];
  if (filter !== undefined) {
    const conjuncts = isAnd(filter) ? filter.and : [filter];
    for (const part of conjuncts) {
      const moved = prefix === "" ? part : unprefixed(part, prefix);
      if (moved !== undefined) parts.push(moved);
    }
  }
  for (const key of keys) {
    if (!key.field.startsWith(prefix)) continue;
    const field = { var: key.field.slice(prefix.length) };
    if (key.value === null || key.value === undefined || !key.bucket) {
      parts.push({ "==": [field, (key.value ?? null) as JsonLogic] });
      continue;
    }
    const start = String(key.value);
    const end = bucketEnd(start, key.bucket);
    const bound = (day: string) => (key.datetime ? dateAsDateTime(day) : day);
    parts.push({ ">=": [field, bound(start)] }, { "<": [field, bound(end)] });
  }
  return parts.length === 1 ? parts[0]! : { and: parts };
}

/** The first day of the bucket after the one starting on `start`. */
export function bucketEnd(start: string, bucket: Bucket): string {
  switch (bucket) {
    case "day":
      return addTime(start, 1, "day")!;
    case "week":
      return addTime(start, 1, "week")!;
    case "month":
      return addTime(start, 1, "month")!;
    case "quarter":
      return addTime(start, 3, "month")!;
    case "year":
      return addTime(start, 1, "year")!;
  }
}

/** A json-logic `and` (whose parts can be kept or left out one by one). */
export function isAnd(node: JsonLogic): node is { and: JsonLogic[] } {
  return (
    typeof node === "object" &&
    node !== null &&
    !Array.isArray(node) &&
    Object.keys(node).length === 1 &&
    Array.isArray((node as { and?: unknown }).and)
  );
}

/** The expression with every record path made relative to the document, or undefined if one is not below it. */
function unprefixed(node: JsonLogic, prefix: string): JsonLogic | undefined {
  let ok = true;
  const walk = (n: JsonLogic): JsonLogic => {
    if (Array.isArray(n)) return n.map(walk);
    if (n === null || typeof n !== "object") return n;
    const keys = Object.keys(n);
    if (keys.length === 1 && keys[0] === "var") {
      const arg = n.var!;
      const path = Array.isArray(arg) ? arg[0] : arg;
      if (typeof path === "string" && !path.startsWith("$")) {
        if (!path.startsWith(prefix)) ok = false;
        const moved = path.slice(prefix.length);
        return { var: Array.isArray(arg) ? [moved, ...arg.slice(1).map(walk)] : moved };
      }
    }
    return Object.fromEntries(keys.map((k) => [k, walk(n[k]!)]));
  };
  const moved = walk(node);
  return ok ? moved : undefined;
}
