import { CHILD_COLUMNS, SYSTEM_COLUMNS } from "@loom/engine";
import type { ErrorDetail } from "../../server/http-error.ts";
import type { ColumnKind } from "../column-kind.ts";
import { kindOfField } from "../column-kind.ts";
import type { ReadPlan } from "../read-plan.ts";
import type { JsonRecord } from "../read-records.ts";
import type { Row, RowBatch } from "./insert-rows.ts";

/** A link value of the restored record or of one of its lines. */
export interface LinkRef {
  readonly target: string;
  readonly id: unknown;
  /** JSON pointer into the record, e.g. `/lines/2/item` */
  readonly path: string;
}

export interface Restoration {
  /** owners before their lines */
  readonly batches: readonly RowBatch[];
  readonly links: readonly LinkRef[];
  /** the record's id and its lines' ids */
  readonly ids: ReadonlySet<string>;
  readonly warnings: ErrorDetail[];
}

/** Keys a stored record or line has besides its fields. */
const STRUCTURE_KEYS: ReadonlySet<string> = new Set([...SYSTEM_COLUMNS, ...CHILD_COLUMNS]);

interface Collector {
  readonly batches: Map<string, { table: string; kinds: Map<string, ColumnKind>; rows: Row[] }>;
  readonly links: LinkRef[];
  readonly ids: Set<string>;
  readonly warnings: Map<string, ErrorDetail>;
}

/**
 * The rows that put a trashed record (JSON as readRecord gave it) back, by the current model's
 * columns: a field added since takes its default (its column is left out), a field renamed since
 * is found under its old name, a field or table removed since is dropped with a warning.
 */
export function rowsToRestore(
  plan: ReadPlan,
  stored: JsonRecord,
  actor: string | null,
): Restoration {
  const collector: Collector = {
    batches: new Map(),
    links: [],
    ids: new Set(),
    warnings: new Map(),
  };
  const row = new Map<string, unknown>([
    ["id", stored.id],
    ["version", (typeof stored.version === "number" ? stored.version : 0) + 1],
    ["created_at", stored.created_at],
    ["created_by", stored.created_by ?? null],
    ["updated_by", actor],
  ]);
  if (plan.entity.type === "tree") {
    const parent = stored.parent_id ?? null;
    row.set("parent_id", parent);
    if (parent !== null)
      collector.links.push({ target: plan.entity.name, id: parent, path: "/parent_id" });
  }
  collect(collector, plan, stored, row, "", "");
  return {
    batches: [...collector.batches.values()],
    links: collector.links,
    ids: collector.ids,
    warnings: [...collector.warnings.values()],
  };
}

function collect(
  collector: Collector,
  plan: ReadPlan,
  stored: JsonRecord,
  row: Map<string, unknown>,
  path: string,
  fieldPath: string,
): void {
  const known = new Set(STRUCTURE_KEYS);
  const kinds = new Map<string, ColumnKind>();
  for (const field of plan.entity.fields) {
    const key = [field.name, field.renamedFrom].find((k) => k !== undefined && k in stored);
    if (key !== undefined) known.add(key);
    const kind = kindOfField(field.type);
    if (field.column === undefined || kind === undefined) continue;
    kinds.set(field.column, kind);
    if (key === undefined) continue;
    const value = stored[key];
    row.set(field.column, value);
    if (
      field.type === "link" &&
      field.target !== undefined &&
      value !== null &&
      value !== undefined
    )
      collector.links.push({ target: field.target, id: value, path: `${path}/${field.name}` });
  }
  for (const [key, value] of Object.entries(stored)) {
    const dropped = `${fieldPath}/${key}`;
    if (!known.has(key) && !isEmpty(value) && !collector.warnings.has(dropped))
      collector.warnings.set(dropped, {
        path: dropped,
        message: `${plan.entity.name}.${key} no longer exists: its stored value was not restored`,
      });
  }
  const batch = collector.batches.get(fieldPath) ?? { table: plan.entity.table, kinds, rows: [] };
  collector.batches.set(fieldPath, batch);
  batch.rows.push(row);
  collector.ids.add(String(stored.id));

  for (const { field, child } of plan.lines) {
    const key = [field.name, field.renamedFrom].find((k) => k !== undefined && k in stored);
    const lines = key === undefined ? [] : stored[key];
    if (!Array.isArray(lines)) continue;
    lines.forEach((line: JsonRecord, index) => {
      const lineRow = new Map<string, unknown>([
        ["id", line.id],
        ["parent_id", stored.id],
        ["line_no", line.line_no],
      ]);
      collect(
        collector,
        child,
        line,
        lineRow,
        `${path}/${field.name}/${index}`,
        `${fieldPath}/${field.name}`,
      );
    });
  }
}

/** Dropping nothing is not worth a warning. */
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}
